"""A build on a small extract publishes (slow: two builds of 12,000 plans, one of 3,000).

At this size only a few municipalities reach the report's quality thresholds (rule 10c/d),
so the build lowers them by var; the model then meets empty and separated levels.

The builds are the session's shared ones (support.builds.SharedBuilds): seed 3 at 12,000
plans with these vars is also tests/disclosure/test_recovery's, seed 4 at 3,000 plans
with the report's thresholds also tests/spells' build; a test here only reads them."""

from __future__ import annotations

import json

import pandas as pd
import pytest

VARS = {"quality_min_courses_year": 5, "quality_min_courses_total": 10}


@pytest.mark.slow
@pytest.mark.parametrize("seed", [3, 5])
def test_a_build_of_12000_plans_publishes(shared_builds, seed):
    # A failed build fails here, with dbt's output (SharedBuilds.build).
    folder = shared_builds.build(seed=seed, plans=12_000, dbt_vars=VARS).warehouse.parent
    marts = folder / "marts"
    coefficients = pd.read_parquet(marts / "mart_model_coefficients.parquet")
    # Every covariate has exactly one reference level in each fit.
    refs = coefficients[coefficients.is_reference]
    assert not refs.duplicated(["benchmark_case", "outcome_month", "covariate"]).any()
    runs = sorted((folder / "runs").glob("*.json"))
    assert json.loads(runs[-1].read_text())["status"] == "published"


@pytest.mark.slow
def test_an_extract_too_small_for_the_quality_rules_publishes_its_flow_and_says_why(
    shared_builds, tmp_path
):
    """3,000 plans with the report's thresholds: no municipality passes rule 10c, so no
    course is left to fit. The build publishes the flow and key figures, the run log and
    mart_model_fit say why there is no model, and the reports write the national page."""
    from rtw.reports import render_reports

    folder = shared_builds.build(seed=4, plans=3_000).warehouse.parent
    marts = folder / "marts"
    flow = pd.read_parquet(marts / "mart_population_flow.parquet")
    national = flow[flow.scope == "national"]
    assert len(national) > 0 and national["n_courses_excluded"].notna().any()
    assert len(pd.read_parquet(marts / "mart_benchmark_municipality.parquet")) == 0
    fit = pd.read_parquet(marts / "mart_model_fit.parquet")
    assert fit["warnings"].str.startswith("not fitted: ").all()
    run = json.loads(sorted((folder / "runs").glob("*.json"))[-1].read_text())
    assert run["status"] == "published"
    assert any("not fitted" in w for w in run["warnings"])
    summary = render_reports(folder / "warehouse.duckdb", tmp_path / "reports", jobs=1)
    assert summary.municipal_pages == 0
    page = (tmp_path / "reports" / "national.html").read_text()
    assert "No municipality could be benchmarked" in page and "not fitted" in page
