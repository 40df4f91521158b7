{#- The calibration of the logistic regression of METHOD §6.1 of every benchmark case
    (§14) at the case's outcome month:
    per decile of predicted probability, the courses, the mean predicted probability
    and the observed share on benefits, in per cent. -#}

with

calibration as (
    select calibration.*
    from {{ ref('int_benchmark_calibration') }} as calibration
    inner join {{ ref('int_benchmark_cases') }} as cases
        on
            calibration.benchmark_case = cases.benchmark_case
            and calibration.outcome_month = cases.outcome_month
),

final as (
    select
        benchmark_case,
        outcome_month,
        decile,
        {{ suppress('n_courses', 'n_courses') }} as n_courses,
        {{ suppress('round(100 * mean_predicted, 4)', 'n_courses') }} as mean_predicted_pct,
        {{ suppress('round(100 * observed_share, 4)', 'n_courses') }} as observed_share_pct,
        {{ is_suppressed('n_courses') }} as is_suppressed
    from calibration
)

select * from final
order by benchmark_case asc, decile asc
