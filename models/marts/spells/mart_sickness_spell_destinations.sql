{#- METHOD §9.4 destination 4 weeks after the end week of the ended (not right-censored)
    sickness spells: in work (§8), self-supporting not in work (no code, not in work),
    or the benefit group of that week's code (§8). -#}

with

spells as (
    select * from {{ ref('int_sickness_spells_described') }}
    where destination is not null
),

municipalities as (
    select * from {{ ref('ref_municipalities') }}
),

ended as (
    select
        population,
        scope,
        municipality_code,
        start_year,
        count(*) as n_ended
    from spells
    group by grouping sets ((population, scope, municipality_code, start_year), (population, scope, municipality_code))
),

by_destination as (
    select
        spells.population,
        spells.scope,
        spells.municipality_code,
        case when spells.scope = 'national' then 'Hele landet' else any_value(municipalities.municipality_name) end
            as municipality_name,
        spells.start_year,
        spells.destination,
        count(*) as n_spells
    from spells
    left join municipalities on spells.municipality_code = municipalities.municipality_code
    group by grouping sets (
        (spells.population, spells.scope, spells.municipality_code, spells.start_year, spells.destination),
        (spells.population, spells.scope, spells.municipality_code, spells.destination)
    )
)

select
    by_destination.population,
    by_destination.scope,
    by_destination.municipality_code,
    by_destination.municipality_name,
    by_destination.start_year,
    by_destination.destination,
    {{ suppress('ended.n_ended', 'ended.n_ended') }} as n_ended,
    {{ suppress('by_destination.n_spells', 'ended.n_ended') }} as n_spells,
    {{ suppress('round(100.0 * by_destination.n_spells / ended.n_ended, 4)', 'ended.n_ended') }} as destination_pct,
    {{ is_suppressed('ended.n_ended') }} as is_suppressed
from by_destination
inner join ended
    on
        by_destination.population = ended.population
        and by_destination.scope = ended.scope
        and by_destination.municipality_code is not distinct from ended.municipality_code
        and by_destination.start_year is not distinct from ended.start_year
