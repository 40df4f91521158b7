"""METHOD §6.2 for every benchmark case (§14): per case, municipality and outcome
month, the actual and expected share on benefits, the indicator (actual - expected) in
percentage points, its rank and quintile, a 95 % interval and the funnel-plot limits
(Spiegelhalter 2005); and METHOD §13: the rank interval, P(best/worst fifth), the honest
flag and the shrunken indicator (at the case's outcome month; null at the sensitivity
months, which the marts publish without them).
A thin adapter over rtw.model.adapter.benchmark_table."""

from rtw.model.adapter import benchmark_table, case_outcome_months


def model(dbt, session):
    dbt.config(materialized="table")
    return benchmark_table(
        dbt.ref("int_benchmark_predictions").df(),
        n_draws=int(dbt.config.get("rank_draws")),
        seed=int(dbt.config.get("rank_seed")),
        # METHOD §13 at each case's outcome month, where the marts publish it.
        outcome_months=case_outcome_months(dbt.ref("int_benchmark_cases")),
    )
