"""METHOD §6.1: N, log-likelihood, pseudo R², c-statistic and the other fit
statistics of the logistic regression, at var outcome_month and the sensitivity months.
A thin adapter over rtw.model; the fits are shared with int_benchmark_predictions."""

from rtw.model.adapter import fit_months, fit_statistics_table, months_to_fit


def model(dbt, session):
    dbt.config(materialized="table")
    months = months_to_fit(dbt.config.get("outcome_month"), dbt.config.get("sensitivity_months"))
    fits = fit_months(
        dbt.ref("int_course_covariates"),
        dbt.ref("int_rehab_courses_assessed"),
        dbt.ref("int_covariate_levels"),
        months,
    )
    return fit_statistics_table(fits)
