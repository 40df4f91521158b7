{#- METHOD §9.4: one row per person and week with a code of the benefit group
    `sickness`, over the spell weeks (dream_spell_period), for the metrics that count
    weeks (municipal cost, concentration). Only the wide rows of the persons with a
    sickness spell are read (a minority of DREAM); their sickness runs (macro
    dream_week_runs) are unnested week by week, never every person-week. -#}
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

runs as (
    {{ dream_week_runs('person_weeks', week_columns) }}
),

sickness_weeks as (
    select
        runs.pnr,
        unnest(range(runs.first_index, runs.last_index + 1)) as week_index,
        runs.benefit_code
    from runs
    inner join sickness_codes on runs.benefit_code = sickness_codes.dream_code
)

select
    pnr,
    week_index,
    date '{{ first_monday }}' + cast(7 * week_index as integer) as week_start,
    -- The ISO year is the year of the week's Thursday.
    cast(year(date '{{ first_monday }}' + cast(7 * week_index + 3 as integer)) as integer) as iso_year,
    benefit_code
from sickness_weeks
