{#- METHOD §9.4: one row per person and week with a code of the benefit group
    `sickness`, over the spell weeks (dream_spell_period), for the metrics that count
    weeks (municipal cost, concentration). Only the persons with a sickness spell are
    unpivoted, after filtering the wide rows (DuckDB does not push a join below an
    unpivot). -#}
{%- set week_columns = dream_spell_week_columns() -%}
{%- set period = dream_spell_period() -%}
{%- set first_monday = period[0] - modules.datetime.timedelta(days=period[0].weekday()) -%}

with

sickness_codes as (
    select dream_code from {{ ref('ref_benefit_groups') }}
    where benefit_group = 'sickness'
),

spell_persons as (
    select distinct pnr from {{ ref('int_benefit_spells_built') }}
    where benefit_group = 'sickness'
),

person_weeks as (
    select
        pnr,
        {{ week_columns | join(', ') }}
    from {{ ref('stg_dream__person_weeks') }}
    where pnr in (select spell_persons.pnr from spell_persons)
),

unpivoted as (
    unpivot person_weeks
    on {{ week_columns | join(', ') }}
    into name week_column value benefit_code
),

week_calendar as (
    {{ dream_week_calendar(week_columns) }}
),

coded_weeks as (
    select
        unpivoted.pnr,
        datediff('day', date '{{ first_monday }}', week_calendar.week_start) // 7 as week_index,
        week_calendar.week_start,
        week_calendar.iso_year,
        cast(unpivoted.benefit_code as smallint) as benefit_code
    from unpivoted
    inner join week_calendar
        on unpivoted.week_column = week_calendar.week_column
)

select coded_weeks.*
from coded_weeks
inner join sickness_codes on coded_weeks.benefit_code = sickness_codes.dream_code
