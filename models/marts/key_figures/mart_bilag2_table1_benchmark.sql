{#- The report's Bilag 2 table 1 (METHOD §6.3.1): per benchmark municipality and
    nationally, the actual and the expected share on benefits at the outcome month and
    the indicator (percentage points). Nationally the expected share equals the actual
    one: a logistic regression with an intercept predicts the mean outcome. -#}

with

benchmark as (
    select * from {{ ref('int_municipal_benchmark') }}
    where outcome_month = {{ var('outcome_month') }}
),

predictions as (
    select * from {{ ref('int_benchmark_predictions') }}
    where outcome_month = {{ var('outcome_month') }}
),

municipal as (
    select
        'municipality' as scope,
        benchmark.municipality_code,
        municipalities.municipality_name,
        benchmark.n_courses,
        100 * benchmark.actual_share as actual_share_pct,
        100 * benchmark.expected_share as expected_share_pct,
        benchmark.indicator_pp as benchmark_indicator_pp
    from benchmark
    inner join {{ ref('ref_municipalities') }} as municipalities
        on benchmark.municipality_code = municipalities.municipality_code
),

national as (
    select
        'national' as scope,
        null::integer as municipality_code,
        'Hele landet' as municipality_name,
        count(*) as n_courses,
        100 * avg(on_benefits) as actual_share_pct,
        100 * avg(predicted_probability) as expected_share_pct,
        100 * (avg(on_benefits) - avg(predicted_probability)) as benchmark_indicator_pp
    from predictions
),

unioned as (
    select * from national
    union all
    select * from municipal
),

final as (
    select
        scope,
        municipality_code,
        municipality_name,
        {{ var('outcome_month') }} as outcome_month,
        {{ suppress('n_courses', 'n_courses') }} as n_courses,
        {{ suppress('round(actual_share_pct, 4)', 'n_courses') }} as actual_share_pct,
        {{ suppress('round(expected_share_pct, 4)', 'n_courses') }} as expected_share_pct,
        {{ suppress('round(benchmark_indicator_pp, 4)', 'n_courses') }} as benchmark_indicator_pp,
        {{ is_suppressed('n_courses') }} as is_suppressed
    from unioned
)

select * from final
order by scope desc, municipality_name asc
