"""METHOD §6.1: the estimates of the logistic regression per covariate level (the
report's table 5.4 with p-values and average marginal effects), at var outcome_month and
at the sensitivity months.
A thin adapter over rtw.model; the fits are shared with int_benchmark_predictions."""

from rtw.model.adapter import coefficients_table, fit_months, months_to_fit


def model(dbt, session):
    dbt.config(materialized="table")
    months = months_to_fit(dbt.config.get("outcome_month"), dbt.config.get("sensitivity_months"))
    fits = fit_months(
        dbt.ref("int_course_covariates"),
        dbt.ref("int_rehab_courses_assessed"),
        dbt.ref("int_covariate_levels"),
        months,
    )
    return coefficients_table(fits)
