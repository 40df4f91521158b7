{#- METHOD §9.4 survival: of the sickness spells starting in sickness_start_years, the
    number and share still running in spell week w. A right-censored spell that was
    last seen before week w has an unknown status there and is left out of that
    week's share (decision). -#}
{%- set spell_weeks = [1, 5, 9, 13, 26, 39, 52, 78] -%}
{%- set running = "case when duration_weeks >= spell_week then true when is_right_censored then null else false end" -%}

with

spells as (
    select * from {{ ref('int_sickness_spells_described') }}
),

municipalities as (
    select * from {{ ref('ref_municipalities') }}
),

weeks as (
    select unnest([{{ spell_weeks | join(', ') }}]) as spell_week
),

spell_weeks as (
    select
        spells.*,
        weeks.spell_week
    from spells
    cross join weeks
)

select
    spell_weeks.population,
    spell_weeks.scope,
    spell_weeks.municipality_code,
    case when spell_weeks.scope = 'national' then 'Hele landet' else any_value(municipalities.municipality_name) end
        as municipality_name,
    spell_weeks.start_year,
    spell_weeks.spell_week,
    {{ suppress('count(*)', share_n(running)) }} as n_spells,
    {{ suppress(share_n(running), share_n(running)) }} as n_known,
    {{ suppress('count(*) filter (where duration_weeks >= spell_week)', share_n(running)) }} as n_running,
    {{ share_pct(running) }} as running_share_pct,
    {{ is_suppressed(share_n(running)) }} as is_suppressed
from spell_weeks
left join municipalities on spell_weeks.municipality_code = municipalities.municipality_code
group by grouping sets (
    (
        spell_weeks.population,
        spell_weeks.scope,
        spell_weeks.municipality_code,
        spell_weeks.start_year,
        spell_weeks.spell_week
    ),
    (spell_weeks.population, spell_weeks.scope, spell_weeks.municipality_code, spell_weeks.spell_week)
)
