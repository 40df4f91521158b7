{#- The fit of the logistic regression of METHOD §6.1 at var outcome_month: N,
    log-likelihood, McFadden's pseudo R², AIC, the c-statistic (AUC), the
    Hosmer-Lemeshow test over deciles, convergence and any warning about levels the
    model could not estimate. One row. -#}

with

fit as (
    select * from {{ ref('int_benchmark_fit_statistics') }}
    where outcome_month = {{ var('outcome_month') }}
),

final as (
    select
        outcome_month,
        n_courses,
        n_courses_fitted,
        n_parameters,
        round(log_likelihood, 4) as log_likelihood,
        round(log_likelihood_null, 4) as log_likelihood_null,
        round(mcfadden_pseudo_r2, 6) as mcfadden_pseudo_r2,
        round(aic, 4) as aic,
        round(c_statistic, 6) as c_statistic,
        round(hosmer_lemeshow_chi2, 4) as hosmer_lemeshow_chi2,
        round(hosmer_lemeshow_p_value, 6) as hosmer_lemeshow_p_value,
        converged,
        n_iterations,
        warnings
    from fit
)

select * from final
