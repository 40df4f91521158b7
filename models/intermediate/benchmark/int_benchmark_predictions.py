"""METHOD §6.1: the logistic regression of being on benefits at the outcome month on
the covariates of §5, fitted on the final population at var outcome_month and at the
sensitivity months; one row per course and month with its predicted probability.
A thin adapter: the statistics are rtw.model (unit-tested)."""

from rtw.model.adapter import dbt_fits, predictions_table


def model(dbt, session):
    dbt.config(materialized="table")
    fits = dbt_fits(
        dbt,
        dbt.ref("int_course_covariates"),
        dbt.ref("int_rehab_courses_assessed"),
        dbt.ref("int_covariate_levels"),
    )
    return predictions_table(fits)
