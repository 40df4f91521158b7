{#- The benchmark of METHOD §6.2 of every benchmark case (§14) at the case's outcome
    month (int_benchmark_cases), one row per case and benchmark municipality: actual and expected share on benefits (per cent), the indicator
    (actual - expected, percentage points; negative is better), its rank (1 = best) and
    quintile (1 = best fifth), a 95 % interval of the indicator, and the funnel-plot
    limits of Spiegelhalter (2005) for a municipality of that size and case mix with
    the flags of those outside them. -#}

with

benchmark as (
    select benchmark.*
    from {{ ref('int_municipal_benchmark') }} as benchmark
    inner join {{ ref('int_benchmark_cases') }} as cases
        on
            benchmark.benchmark_case = cases.benchmark_case
            and benchmark.outcome_month = cases.outcome_month
),

municipalities as (
    select * from {{ ref('ref_municipalities') }}
),

final as (
    select
        benchmark.benchmark_case,
        benchmark.municipality_code,
        municipalities.municipality_name,
        municipalities.region_name as region,
        benchmark.outcome_month,
        {{ suppress('benchmark.n_courses', 'benchmark.n_courses') }} as n_courses,
        {{ suppress('round(100 * benchmark.actual_share, 4)', 'benchmark.n_courses') }} as actual_share,
        {{ suppress('round(100 * benchmark.expected_share, 4)', 'benchmark.n_courses') }} as expected_share,
        {{ suppress('round(benchmark.indicator_pp, 4)', 'benchmark.n_courses') }} as indicator_pp,
        {{ suppress('benchmark.rank', 'benchmark.n_courses') }} as rank,
        {{ suppress('benchmark.quintile', 'benchmark.n_courses') }} as quintile,
        {{ suppress('round(benchmark.se_pp, 4)', 'benchmark.n_courses') }} as indicator_se_pp,
        {{ suppress('round(benchmark.indicator_lower_pp, 4)', 'benchmark.n_courses') }} as indicator_lower_pp,
        {{ suppress('round(benchmark.indicator_upper_pp, 4)', 'benchmark.n_courses') }} as indicator_upper_pp,
        {{ suppress('round(benchmark.funnel_95_lower_pp, 4)', 'benchmark.n_courses') }} as funnel_95_lower_pp,
        {{ suppress('round(benchmark.funnel_95_upper_pp, 4)', 'benchmark.n_courses') }} as funnel_95_upper_pp,
        {{ suppress('round(benchmark.funnel_998_lower_pp, 4)', 'benchmark.n_courses') }} as funnel_998_lower_pp,
        {{ suppress('round(benchmark.funnel_998_upper_pp, 4)', 'benchmark.n_courses') }} as funnel_998_upper_pp,
        {{ suppress('benchmark.outside_funnel_95', 'benchmark.n_courses') }} as is_outside_funnel_95,
        {{ suppress('benchmark.outside_funnel_998', 'benchmark.n_courses') }} as is_outside_funnel_998,
        round(benchmark.overdispersion_phi, 6) as overdispersion_phi,
        {{ suppress('round(benchmark.funnel_95_lower_od_pp, 4)', 'benchmark.n_courses') }} as funnel_95_lower_od_pp,
        {{ suppress('round(benchmark.funnel_95_upper_od_pp, 4)', 'benchmark.n_courses') }} as funnel_95_upper_od_pp,
        {{ is_suppressed('benchmark.n_courses') }} as is_suppressed,
        -- §13: rank interval, chance of the best/worst fifth, honest flag, shrinkage.
        {{ suppress('benchmark.rank_lower', 'benchmark.n_courses') }} as rank_lower,
        {{ suppress('benchmark.rank_upper', 'benchmark.n_courses') }} as rank_upper,
        {{ suppress('round(benchmark.p_best_fifth, 4)', 'benchmark.n_courses') }} as p_best_fifth,
        {{ suppress('round(benchmark.p_worst_fifth, 4)', 'benchmark.n_courses') }} as p_worst_fifth,
        {{ suppress('round(benchmark.flag_lower_pp, 4)', 'benchmark.n_courses') }} as flag_lower_pp,
        {{ suppress('round(benchmark.flag_upper_pp, 4)', 'benchmark.n_courses') }} as flag_upper_pp,
        {{ suppress('benchmark.flag', 'benchmark.n_courses') }} as flag,
        {{ suppress('round(benchmark.shrunken_pp, 4)', 'benchmark.n_courses') }} as shrunken_pp,
        {{ suppress('round(benchmark.shrunken_lower_pp, 4)', 'benchmark.n_courses') }} as shrunken_lower_pp,
        {{ suppress('round(benchmark.shrunken_upper_pp, 4)', 'benchmark.n_courses') }} as shrunken_upper_pp,
        {{ suppress('benchmark.shrunken_rank', 'benchmark.n_courses') }} as shrunken_rank
    from benchmark
    inner join municipalities
        on benchmark.municipality_code = municipalities.municipality_code
)

select * from final
order by benchmark_case asc, rank asc, municipality_code asc
