{#- METHOD §9.4 partial return: the share of sickness spells with a week of code 899
    (delvis raskmelding) before spell week 13, i.e. in spell weeks 1–12. -#}

with

spells as (
    select * from {{ ref('int_sickness_spells_described') }}
),

municipalities as (
    select * from {{ ref('ref_municipalities') }}
)

select
    spells.population,
    spells.scope,
    spells.municipality_code,
    case when spells.scope = 'national' then 'Hele landet' else any_value(municipalities.municipality_name) end
        as municipality_name,
    spells.start_year,
    {{ suppress('count(*)', 'count(*)') }} as n_spells,
    {{ share_pct('spells.has_partial_return_before_week_13') }} as partial_return_pct,
    {{ is_suppressed('count(*)') }} as is_suppressed
from spells
left join municipalities on spells.municipality_code = municipalities.municipality_code
group by grouping sets (
    (spells.population, spells.scope, spells.municipality_code, spells.start_year),
    (spells.population, spells.scope, spells.municipality_code)
)
