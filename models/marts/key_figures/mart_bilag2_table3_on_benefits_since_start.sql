{#- The report's Bilag 2 table 3 (METHOD §6.3.3) for every benchmark case (§14): of the
    units (courses, spells) on benefits at month m (m = 0..6), the share that have been
    on benefits since the start, i.e. at start and at every month up to m; per
    benchmark municipality and nationally. Shares among 5 or fewer units on benefits
    are suppressed (§6.6). -#}

with

courses as (
    select * from {{ ref('int_benchmark_units_described') }}
),

shares as (
    select
        benchmark_case,
        {{ municipal_and_national_columns() }},
        {%- for m in outcome_months() %}
            count(*) filter (where on_benefits_m{{ m }} = 1) as n_on_benefits_m{{ m }},
            {{ share_pct('on_benefits_since_start_m' ~ m, 'on_benefits_m' ~ m ~ ' = 1') }}
                as since_start_m{{ m }}_pct,
        {%- endfor %}
        count(*) as n_courses
    from courses
    group by grouping sets ((benchmark_case), (benchmark_case, municipality_code))
),

final as (
    select
        benchmark_case,
        scope,
        municipality_code,
        municipality_name,
        {%- for m in outcome_months() %}
            {%- set column = 'start' if m == 0 else 'month_' ~ m %}
            {{ suppress('n_on_benefits_m' ~ m, 'n_on_benefits_m' ~ m) }} as n_on_benefits_m{{ m }},
            since_start_m{{ m }}_pct as {{ column }}_pct,
            {{ is_suppressed('n_on_benefits_m' ~ m) }} as {{ column }}_is_suppressed,
        {%- endfor %}
        {{ suppress('n_courses', 'n_courses') }} as n_courses
    from shares
)

select * from final
order by benchmark_case asc, scope desc, municipality_name asc
