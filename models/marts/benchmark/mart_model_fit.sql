{#- The fit of the logistic regression of METHOD §6.1 of every benchmark case (§14) at
    the case's outcome month: N,
    log-likelihood, McFadden's pseudo R², AIC, the c-statistic (AUC), the
    Hosmer-Lemeshow test over deciles, convergence and any warning about levels the
    model could not estimate (or why the case could not be fitted). One row per case. -#}

with

fit as (
    select fit.*
    from {{ ref('int_benchmark_fit_statistics') }} as fit
    inner join {{ ref('int_benchmark_cases') }} as cases
        on
            fit.benchmark_case = cases.benchmark_case
            and fit.outcome_month = cases.outcome_month
),

-- §13: tau is the same on every benchmark row of a month. The flags are counted over
-- the published (unsuppressed) municipalities only, so that the count minus the flags
-- on the pages cannot reveal a suppressed municipality's flag (§6.6).
uncertainty as (
    select
        benchmark.benchmark_case,
        benchmark.outcome_month,
        any_value(benchmark.tau) as tau,
        any_value(benchmark.tau_lower) as tau_lower,
        any_value(benchmark.tau_upper) as tau_upper,
        count(*) filter (
            where benchmark.flag = 'better' and not {{ is_suppressed('benchmark.n_courses') }}
        ) as n_flagged_better,
        count(*) filter (
            where benchmark.flag = 'worse' and not {{ is_suppressed('benchmark.n_courses') }}
        ) as n_flagged_worse,
        -- rtw.model.ranks.expected_by_chance's share, over the published ones
        any_value(benchmark.n_flagged_by_chance) / count(*) * count(*) filter (
            where not {{ is_suppressed('benchmark.n_courses') }}
        ) as n_flagged_by_chance
    from {{ ref('int_municipal_benchmark') }} as benchmark
    inner join {{ ref('int_benchmark_cases') }} as cases
        on
            benchmark.benchmark_case = cases.benchmark_case
            and benchmark.outcome_month = cases.outcome_month
    group by benchmark.benchmark_case, benchmark.outcome_month
),

final as (
    select
        fit.benchmark_case,
        fit.outcome_month,
        fit.n_courses,
        fit.n_courses_fitted,
        fit.n_parameters,
        round(fit.log_likelihood, 4) as log_likelihood,
        round(fit.log_likelihood_null, 4) as log_likelihood_null,
        round(fit.mcfadden_pseudo_r2, 6) as mcfadden_pseudo_r2,
        round(fit.aic, 4) as aic,
        round(fit.c_statistic, 6) as c_statistic,
        round(fit.hosmer_lemeshow_chi2, 4) as hosmer_lemeshow_chi2,
        round(fit.hosmer_lemeshow_p_value, 6) as hosmer_lemeshow_p_value,
        fit.converged,
        fit.n_iterations,
        fit.warnings,
        round(uncertainty.tau, 6) as tau,
        round(uncertainty.tau_lower, 6) as tau_lower,
        round(uncertainty.tau_upper, 6) as tau_upper,
        uncertainty.n_flagged_better,
        uncertainty.n_flagged_worse,
        round(uncertainty.n_flagged_by_chance, 2) as n_flagged_by_chance
    from fit
    left join uncertainty
        on
            fit.benchmark_case = uncertainty.benchmark_case
            and fit.outcome_month = uncertainty.outcome_month
)

select * from final
order by benchmark_case asc
