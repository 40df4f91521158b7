"""METHOD §6.1: the calibration of the logistic regression, observed and predicted
share on benefits by decile of predicted probability, per outcome month.
A thin adapter over rtw.model; the fits are shared with int_benchmark_predictions."""

from rtw.model.adapter import calibration_table, fit_months, months_to_fit


def model(dbt, session):
    dbt.config(materialized="table")
    months = months_to_fit(dbt.config.get("outcome_month"), dbt.config.get("sensitivity_months"))
    fits = fit_months(
        dbt.ref("int_course_covariates"),
        dbt.ref("int_rehab_courses_assessed"),
        dbt.ref("int_covariate_levels"),
        months,
    )
    return calibration_table(fits)
