"""METHOD §6.1 for every benchmark case (§14): the calibration of the logistic
regression, observed and predicted share on benefits by decile of predicted
probability, per outcome month.
A thin adapter over rtw.model; the fits are shared with int_benchmark_predictions."""

from rtw.model.adapter import calibration_table, fit_cases, per_case


def model(dbt, session):
    dbt.config(materialized="table")
    fits = fit_cases(
        dbt.ref("int_benchmark_cases"),
        dbt.ref("int_benchmark_units"),
        dbt.ref("int_benchmark_unit_covariates"),
        dbt.ref("int_covariate_levels"),
        dbt.config.get("sensitivity_months"),
    )
    return per_case(calibration_table, fits)
