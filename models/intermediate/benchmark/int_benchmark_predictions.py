"""METHOD §6.1 for every benchmark case (§14): the logistic regression of being on
benefits at the outcome month on the case's covariates, fitted on the case's final
population at its outcome month and at the sensitivity months; one row per case, unit
and month with its predicted probability.
A thin adapter: the statistics are rtw.model (unit-tested)."""

from rtw.model.adapter import fit_cases, per_case, predictions_table


def model(dbt, session):
    dbt.config(materialized="table")
    fits = fit_cases(
        dbt.ref("int_benchmark_cases"),
        dbt.ref("int_benchmark_units"),
        dbt.ref("int_benchmark_unit_covariates"),
        dbt.ref("int_covariate_levels"),
        dbt.config.get("sensitivity_months"),
    )
    return per_case(predictions_table, fits)
