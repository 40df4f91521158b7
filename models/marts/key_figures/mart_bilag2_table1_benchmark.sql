{#- The report's Bilag 2 table 1 (METHOD §6.3.1) for every benchmark case (§14): per
    benchmark municipality and nationally, the actual and the expected share on
    benefits at the case's outcome month and the indicator (percentage points). Nationally the expected share equals the actual
    one: a logistic regression with an intercept predicts the mean outcome. -#}

with

cases as (
    select * from {{ ref('int_benchmark_cases') }}
),

benchmark as (
    select benchmark.*
    from {{ ref('int_municipal_benchmark') }} as benchmark
    inner join cases
        on
            benchmark.benchmark_case = cases.benchmark_case
            and benchmark.outcome_month = cases.outcome_month
),

predictions as (
    select predictions.*
    from {{ ref('int_benchmark_predictions') }} as predictions
    inner join cases
        on
            predictions.benchmark_case = cases.benchmark_case
            and predictions.outcome_month = cases.outcome_month
),

municipal as (
    select
        benchmark.benchmark_case,
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

-- A national row for every case, also one the data could not fit (0 units, suppressed).
national as (
    select
        cases.benchmark_case,
        'national' as scope,
        null::integer as municipality_code,
        'Hele landet' as municipality_name,
        count(predictions.unit_id) as n_courses,
        100 * avg(predictions.on_benefits) as actual_share_pct,
        100 * avg(predictions.predicted_probability) as expected_share_pct,
        100 * (avg(predictions.on_benefits) - avg(predictions.predicted_probability)) as benchmark_indicator_pp
    from cases
    left join predictions
        on cases.benchmark_case = predictions.benchmark_case
    group by cases.benchmark_case
),

unioned as (
    select * from national
    union all
    select * from municipal
),

final as (
    select
        unioned.benchmark_case,
        unioned.scope,
        unioned.municipality_code,
        unioned.municipality_name,
        cases.outcome_month,
        {{ suppress('unioned.n_courses', 'unioned.n_courses') }} as n_courses,
        {{ suppress('round(unioned.actual_share_pct, 4)', 'unioned.n_courses') }} as actual_share_pct,
        {{ suppress('round(unioned.expected_share_pct, 4)', 'unioned.n_courses') }} as expected_share_pct,
        {{ suppress('round(unioned.benchmark_indicator_pp, 4)', 'unioned.n_courses') }} as benchmark_indicator_pp,
        {{ is_suppressed('unioned.n_courses') }} as is_suppressed
    from unioned
    inner join cases
        on unioned.benchmark_case = cases.benchmark_case
)

select * from final
order by benchmark_case asc, scope desc, municipality_name asc
