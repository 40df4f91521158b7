"""METHOD §6.2 for every benchmark case (§14): per case, municipality and outcome
month, the actual and expected share on benefits, the indicator (actual - expected) in
percentage points, its rank and quintile, a 95 % interval and the funnel-plot limits
(Spiegelhalter 2005); and METHOD §13: the rank interval, P(best/worst fifth), the honest
flag and the shrunken indicator.
A thin adapter over rtw.model.adapter.benchmark_table."""

from rtw.model.adapter import benchmark_table


def model(dbt, session):
    dbt.config(materialized="table")
    return benchmark_table(
        dbt.ref("int_benchmark_predictions").df(),
        n_draws=int(dbt.config.get("rank_draws")),
        seed=int(dbt.config.get("rank_seed")),
    )
