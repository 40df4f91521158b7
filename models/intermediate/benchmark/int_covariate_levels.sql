{#- The covariates of the rehab case's model and their levels (METHOD §5), reference
    first: the seed ref_covariate_levels (its rows of case rehab), except that
    start_year's levels are the years of var start_years (the first one the reference),
    so that a new year of registers needs the var only. -#}

with

covariate_levels as (
    select * from {{ ref('ref_covariate_levels') }}
    where benchmark_case = 'rehab'
),

start_year_position as (
    select max(covariate_order) as covariate_order
    from covariate_levels
    where covariate = 'start_year'
),

start_year_levels as (
    select
        'start_year' as covariate,
        start_year_position.covariate_order,
        years.level,
        years.level_order,
        years.level_order = 1 as is_reference,
        cast(null as double) as lower_bound,
        cast(null as double) as upper_bound
    from (
        values
        {%- for year in var('start_years') %}
            ('{{ year }}', {{ loop.index }}){{ "," if not loop.last }}
        {%- endfor %}
    ) as years (level, level_order)
    cross join start_year_position
),

final as (
    select
        covariate,
        covariate_order,
        level,
        level_order,
        is_reference,
        lower_bound,
        upper_bound
    from covariate_levels
    where covariate <> 'start_year'
    union all
    select
        covariate,
        covariate_order,
        level,
        level_order,
        is_reference,
        lower_bound,
        upper_bound
    from start_year_levels
)

select * from final
order by covariate_order asc, level_order asc
