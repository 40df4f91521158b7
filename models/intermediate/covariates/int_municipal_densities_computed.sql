{#- METHOD §5 population_density: inhabitants per km² per municipality and year
    (inhabitants on 1 January, ref_municipality_inhabitants; area, ref_municipalities). -#}

with

densities as (
    select
        inhabitants.municipality_code,
        inhabitants.year,
        inhabitants.inhabitants,
        municipalities.area_km2,
        inhabitants.inhabitants / municipalities.area_km2 as inhabitants_per_km2
    from {{ ref('ref_municipality_inhabitants') }} as inhabitants
    inner join {{ ref('ref_municipalities') }} as municipalities
        on inhabitants.municipality_code = municipalities.municipality_code
)

select * from densities
