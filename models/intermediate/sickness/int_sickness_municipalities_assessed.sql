{#- METHOD §9.1 rule 9, municipal size, as §3 rule 10 c-d (the GES rules a-b do not
    apply): per benchmark municipality of ref_municipalities and start year, at least
    quality_min_courses_year (30) spells that year pass rules 1-8 (rule_09c), and the
    municipality's spells over the years that pass it number at least
    quality_min_courses_total (75) (rule_09d). The thresholds are rule 10's vars: §9.1
    names that rule. failed_rule is '9' (null = kept); failed_part says which half. -#}

with

start_years as (
    select unnest({{ var('sickness_start_years') | list }}) as start_year
),

municipality_years as (
    select
        municipalities.municipality_code,
        start_years.start_year
    from {{ ref('ref_municipalities') }} as municipalities
    cross join start_years
),

spells as (
    select
        municipality_code,
        start_year,
        count(*) as n_spells
    from {{ ref('int_sickness_spells_screened') }}
    where failed_rule is null
    group by municipality_code, start_year
),

rule_09c_enough_spells_year as (
    select
        municipality_years.municipality_code,
        municipality_years.start_year,
        coalesce(spells.n_spells, 0) as n_spells,
        coalesce(spells.n_spells, 0) >= {{ var('quality_min_courses_year') }} as passes_year
    from municipality_years
    left join spells
        on
            municipality_years.municipality_code = spells.municipality_code
            and municipality_years.start_year = spells.start_year
),

rule_09d_enough_spells_total as (
    select
        *,
        coalesce(sum(n_spells) filter (where passes_year) over (partition by municipality_code), 0)
            as n_spells_kept_years
    from rule_09c_enough_spells_year
),

final as (
    select
        municipality_code,
        start_year,
        n_spells,
        n_spells_kept_years,
        case
            when not passes_year then 'year'
            when n_spells_kept_years < {{ var('quality_min_courses_total') }} then 'total'
        end as failed_part
    from rule_09d_enough_spells_total
)

select
    *,
    case when failed_part is not null then '9' end as failed_rule,
    failed_part is null as is_kept
from final
