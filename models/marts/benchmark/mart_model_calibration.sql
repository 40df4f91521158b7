{#- The calibration of the logistic regression of METHOD §6.1 at var outcome_month:
    per decile of predicted probability, the courses, the mean predicted probability
    and the observed share on benefits, in per cent. -#}

with

calibration as (
    select * from {{ ref('int_benchmark_calibration') }}
    where outcome_month = {{ var('outcome_month') }}
),

final as (
    select
        outcome_month,
        decile,
        {{ suppress('n_courses', 'n_courses') }} as n_courses,
        {{ suppress('round(100 * mean_predicted, 4)', 'n_courses') }} as mean_predicted_pct,
        {{ suppress('round(100 * observed_share, 4)', 'n_courses') }} as observed_share_pct,
        {{ is_suppressed('n_courses') }} as is_suppressed
    from calibration
)

select * from final
order by decile asc
