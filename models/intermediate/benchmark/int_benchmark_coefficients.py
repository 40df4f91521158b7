"""METHOD §6.1 for every benchmark case (§14): the estimates of the logistic regression
per covariate level (the report's table 5.4 with p-values and average marginal
effects), at the case's outcome month and at the sensitivity months.
A thin adapter over rtw.model; the fits are shared with int_benchmark_predictions."""

from rtw.model.adapter import coefficients_table, fit_cases, per_case


def model(dbt, session):
    dbt.config(materialized="table")
    fits = fit_cases(
        dbt.ref("int_benchmark_cases"),
        dbt.ref("int_benchmark_units"),
        dbt.ref("int_benchmark_unit_covariates"),
        dbt.ref("int_covariate_levels"),
        dbt.config.get("sensitivity_months"),
    )
    return per_case(coefficients_table, fits)
