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
    select dream_code from {{ ref('ref_benefit_groups') }} where benefit_group = 'sickness'
),

spell_persons as (
    select distinct pnr from {{ ref('int_benefit_spells_built') }} where benefit_group = 'sickness'
),

person_weeks as (
    select person_weeks.pnr, {% for column in week_columns %}person_weeks.{{ column }}{{ ", " if not loop.last }}{% endfor %}
    from {{ ref('stg_dream__person_weeks') }} as person_weeks
    inner join spell_persons on person_weeks.pnr = spell_persons.pnr
),

coded_weeks as (
    select
        unpivoted.pnr,
        datediff('day', date '{{ first_monday }}', week_calendar.week_start) // 7 as week_index,
        week_calendar.week_start,
        week_calendar.iso_year,
        cast(unpivoted.benefit_code as smallint) as benefit_code
    from (
        unpivot person_weeks
        on {{ week_columns | join(', ') }}
        into name week_column value benefit_code
    ) as unpivoted
    inner join ({{ dream_week_calendar(week_columns) }}) as week_calendar
        on unpivoted.week_column = week_calendar.week_column
)

select coded_weeks.*
from coded_weeks
inner join sickness_codes on coded_weeks.benefit_code = sickness_codes.dream_code
