"""METHOD §6.1 for every benchmark case (§14): N, log-likelihood, pseudo R²,
c-statistic and the other fit statistics of the logistic regression, at the case's
outcome month and the sensitivity months, with why a month could not be fitted.
A thin adapter over rtw.model; the fits are shared with int_benchmark_predictions."""

from rtw.model.adapter import fit_cases, fit_statistics_table, per_case


def model(dbt, session):
    dbt.config(materialized="table")
    fits = fit_cases(
        dbt.ref("int_benchmark_cases"),
        dbt.ref("int_benchmark_units"),
        dbt.ref("int_benchmark_unit_covariates"),
        dbt.ref("int_covariate_levels"),
        dbt.config.get("sensitivity_months"),
    )
    return per_case(fit_statistics_table, fits)
