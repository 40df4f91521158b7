"""METHOD §6.1: the calibration of the logistic regression, observed and predicted
share on benefits by decile of predicted probability, per outcome month.
A thin adapter over rtw.model; the fits are shared with int_benchmark_predictions."""

from rtw.model.adapter import calibration_table, dbt_fits


def model(dbt, session):
    dbt.config(materialized="table")
    fits = dbt_fits(
        dbt,
        dbt.ref("int_course_covariates"),
        dbt.ref("int_rehab_courses_assessed"),
        dbt.ref("int_covariate_levels"),
    )
    return calibration_table(fits)
