{#- The logistic regression of METHOD §6.1 of every benchmark case (§14) at the case's
    outcome month in the layout of the report's table 5.4: per covariate level the
    estimate, stars, standard error and average marginal effect (percentage points),
    with the p-value, the number of units (courses, spells), and, for the report's own
    case, the report's figures beside ours. Levels of 5 courses or fewer are
    suppressed (§6.6); a level the model could not estimate (no courses, separation)
    says why in note. -#}

with

coefficients as (
    select
        coefficients.*,
        cases.compares_with_report
    from {{ ref('int_benchmark_coefficients') }} as coefficients
    inner join {{ ref('int_benchmark_cases') }} as cases
        on
            coefficients.benchmark_case = cases.benchmark_case
            and coefficients.outcome_month = cases.outcome_month
),

report as (
    select * from {{ ref('report_table_5_4_logit_coefficients') }}
),

final as (
    select
        coefficients.benchmark_case,
        coefficients.covariate,
        coefficients.covariate_order,
        coefficients.level,
        coefficients.level_order,
        coefficients.reference_level,
        coefficients.is_reference,
        {{ suppress('coefficients.n_courses', 'coefficients.n_courses') }} as n_courses,
        {{ suppress('round(coefficients.estimate, 6)', 'coefficients.n_courses') }} as estimate,
        {{ suppress('coefficients.stars', 'coefficients.n_courses') }} as stars,
        {{ suppress('round(coefficients.std_error, 6)', 'coefficients.n_courses') }} as std_error,
        {{ suppress('round(coefficients.p_value, 6)', 'coefficients.n_courses') }} as p_value,
        {{ suppress('round(coefficients.marginal_effect_pp, 4)', 'coefficients.n_courses') }} as marginal_effect_pp,
        {{ is_suppressed('coefficients.n_courses') }} as is_suppressed,
        coefficients.note,
        report.estimate as report_estimate,
        report.significance as report_stars,
        report.std_error as report_std_error,
        report.marginal_effect_pct as report_marginal_effect_pp,
        cast(coefficients.outcome_month as integer) as outcome_month
    from coefficients
    left join report
        on
            coefficients.covariate = report.covariate
            and coefficients.level = report.level
            -- The report's estimates are of its case at month 3 (METHOD §3 rule 9): no
            -- comparison for another case or month.
            and coefficients.compares_with_report
            and coefficients.outcome_month = {{ var('report_outcome_month') }}
)

select * from final
order by benchmark_case asc, covariate_order asc, level_order asc
