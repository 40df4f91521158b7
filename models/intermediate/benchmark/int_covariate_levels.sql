{#- The covariates of each benchmark case's model and their levels (METHOD §5, §9.3,
    §14), reference first: the seed ref_covariate_levels, except that each case's
    start_year levels are the years of the var its row of ref_benchmark_cases names
    (the first one the reference), so that a new year of registers needs the var only. -#}
-- depends_on: {{ ref('ref_benchmark_cases') }}

with

covariate_levels as (
    select * from {{ ref('ref_covariate_levels') }}
),

start_year_position as (
    select
        benchmark_case,
        max(covariate_order) as covariate_order
    from covariate_levels
    where covariate = 'start_year'
    group by benchmark_case
),

case_years as (
    select
        years.benchmark_case,
        years.level,
        years.level_order
    from (
        values
        {%- for case in benchmark_cases() %}
            {%- set outer = loop %}
            {%- for year in case.start_years %}
            ('{{ case.case }}', '{{ year }}', {{ loop.index }}){{ "," if not (loop.last and outer.last) }}
            {%- endfor %}
        {%- endfor %}
    ) as years (benchmark_case, level, level_order)
),

start_year_levels as (
    select
        case_years.benchmark_case,
        'start_year' as covariate,
        start_year_position.covariate_order,
        case_years.level,
        case_years.level_order,
        case_years.level_order = 1 as is_reference,
        cast(null as double) as lower_bound,
        cast(null as double) as upper_bound
    from case_years
    inner join start_year_position
        on case_years.benchmark_case = start_year_position.benchmark_case
),

final as (
    select
        benchmark_case,
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
        benchmark_case,
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
order by benchmark_case asc, covariate_order asc, level_order asc
