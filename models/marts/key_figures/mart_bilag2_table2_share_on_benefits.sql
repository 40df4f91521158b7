{#- The report's Bilag 2 table 2 (METHOD §6.3.2) for every benchmark case (§14): per
    benchmark municipality and nationally, the share on benefits at start, 3 and 6
    months, each among the units (courses, spells) determinable at that month, with the
    other months 1-6 as well. Shares from 5 units or fewer are suppressed (§6.6). -#}

with

courses as (
    select * from {{ ref('int_benchmark_units_described') }}
),

shares as (
    select
        benchmark_case,
        {{ municipal_and_national_columns() }},
        count(*) as n_courses,
        {%- for m in outcome_months() %}
            {{ share_n('on_benefits_m' ~ m ~ ' = 1') }} as n_determinable_m{{ m }},
            {{ share_pct('on_benefits_m' ~ m ~ ' = 1') }} as share_m{{ m }}_pct,
        {%- endfor %}
        count(*) <= {{ var('disclosure_max_courses') }} as n_courses_is_suppressed
    from courses
    group by grouping sets ((benchmark_case), (benchmark_case, municipality_code))
),

final as (
    select
        benchmark_case,
        scope,
        municipality_code,
        municipality_name,
        {{ suppress('n_courses', 'n_courses') }} as n_courses,
        share_m0_pct as at_start_pct,
        share_m3_pct as month_3_pct,
        share_m6_pct as month_6_pct,
        {%- for m in outcome_months() %}
            {{ suppress('n_determinable_m' ~ m, 'n_determinable_m' ~ m) }} as n_determinable_m{{ m }},
            share_m{{ m }}_pct,
            {{ is_suppressed('n_determinable_m' ~ m) }} as share_m{{ m }}_is_suppressed,
        {%- endfor %}
        n_courses_is_suppressed
    from shares
)

select * from final
order by benchmark_case asc, scope desc, municipality_name asc
