"""METHOD §6.1: N, log-likelihood, pseudo R², c-statistic and the other fit
statistics of the logistic regression, at var outcome_month and the sensitivity months.
A thin adapter over rtw.model; the fits are shared with int_benchmark_predictions."""

from rtw.model.adapter import dbt_fits, fit_statistics_table


def model(dbt, session):
    dbt.config(materialized="table")
    fits = dbt_fits(
        dbt,
        dbt.ref("int_course_covariates"),
        dbt.ref("int_rehab_courses_assessed"),
        dbt.ref("int_covariate_levels"),
    )
    return fit_statistics_table(fits)
