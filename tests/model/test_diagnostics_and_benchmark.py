"""c-statistic, calibration, the municipal benchmark and its funnel limits."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from rtw.model import (
    benchmark_municipalities,
    c_statistic,
    calibration_by_decile,
    overdispersion_factor,
    ranking_agreement,
)
from rtw.model.adapter import covariate_levels, months_to_fit


def test_c_statistic_against_all_pairs_with_ties():
    rng = np.random.default_rng(1)
    p = rng.integers(0, 6, 300) / 5  # many ties
    y = (rng.random(300) < p).astype(int)
    positives, negatives = p[y == 1], p[y == 0]
    pairs = [(a > b) + 0.5 * (a == b) for a, b in itertools.product(positives, negatives)]
    assert c_statistic(y, p) == pytest.approx(np.mean(pairs))
    assert c_statistic(np.array([0, 1]), np.array([0.2, 0.8])) == 1.0
    assert np.isnan(c_statistic(np.array([1, 1]), np.array([0.2, 0.8])))


def test_calibration_deciles():
    rng = np.random.default_rng(2)
    p = rng.random(1_003)
    y = (rng.random(1_003) < p).astype(int)
    table = calibration_by_decile(y, p)
    assert list(table.decile) == list(range(1, 11))
    assert table.n_courses.sum() == 1_003 and table.n_courses.max() - table.n_courses.min() <= 1
    assert table.mean_predicted.is_monotonic_increasing
    first = np.sort(p)[: table.n_courses.iat[0]]
    assert table.mean_predicted.iat[0] == pytest.approx(first.mean())
    assert (abs(table.observed_share - table.mean_predicted) < 0.15).all()


def test_benchmark_by_hand():
    frame = pd.DataFrame(
        {
            "kom": [101] * 4 + [147] * 2 + [151] * 2,
            "y": [1, 0, 0, 0, 1, 1, 0, 0],
            "p": [0.5, 0.5, 0.2, 0.2, 0.1, 0.1, 0.5, 0.1],
        }
    )
    b = benchmark_municipalities(frame, "kom", "y", "p").set_index("kom")
    assert b.loc[101, "actual_share"] == 0.25 and b.loc[101, "expected_share"] == pytest.approx(
        0.35
    )
    assert b.loc[101, "indicator_pp"] == pytest.approx(-10.0)
    assert b.loc[147, "indicator_pp"] == pytest.approx(90.0)
    assert b.loc[151, "indicator_pp"] == pytest.approx(-30.0)
    assert list(b["rank"].loc[[151, 101, 147]]) == [1, 2, 3]
    se_101 = np.sqrt(0.25 + 0.25 + 0.16 + 0.16) / 4 * 100
    assert b.loc[101, "se_pp"] == pytest.approx(se_101)
    assert b.loc[101, "funnel_95_upper_pp"] == pytest.approx(1.959964 * se_101, rel=1e-6)
    assert b.loc[101, "indicator_lower_pp"] == pytest.approx(-10 - 1.959964 * se_101, rel=1e-6)
    assert b.loc[101, "funnel_998_lower_pp"] == pytest.approx(-3.090232 * se_101, rel=1e-6)
    assert not b.loc[101, "outside_funnel_95"]
    assert b.loc[147, "outside_funnel_95"]  # 90 pp against 1.96 x 21.2
    assert b.loc[147, "outside_funnel_998"]  # and 3.09 x 21.2 = 65.6
    assert list(b.quintile.loc[[151, 101, 147]]) == [1, 2, 4]


def test_ties_in_the_indicator_rank_by_municipality_code():
    frame = pd.DataFrame({"kom": [2, 2, 1, 1], "y": [1, 0, 1, 0], "p": [0.5] * 4})
    b = benchmark_municipalities(frame, "kom", "y", "p").set_index("kom")
    assert b.loc[1, "rank"] == 1 and b.loc[2, "rank"] == 2


def test_95_percent_of_intervals_cover_the_truth_when_the_model_is_right():
    rng = np.random.default_rng(7)
    n_municipalities, size = 400, 250
    kom = np.repeat(np.arange(n_municipalities), size)
    p = rng.beta(2, 6, len(kom))
    y = (rng.random(len(kom)) < p).astype(int)
    b = benchmark_municipalities(pd.DataFrame({"kom": kom, "y": y, "p": p}), "kom", "y", "p")
    covered = (b.indicator_lower_pp <= 0) & (b.indicator_upper_pp >= 0)
    assert 0.92 <= covered.mean() <= 0.98
    # Winsorising shrinks the tails: without over-dispersion phi is below 1 (about 0.66
    # for normal z-scores) and the limits are not widened.
    assert b.overdispersion_phi.iat[0] < 1
    assert (b.funnel_95_upper_od_pp == b.funnel_95_upper_pp).all()


def test_over_dispersed_municipalities_widen_the_limits():
    rng = np.random.default_rng(8)
    n_municipalities, size = 200, 250
    kom = np.repeat(np.arange(n_municipalities), size)
    effect = rng.normal(0, 0.6, n_municipalities)[kom]
    p = rng.beta(2, 6, len(kom))
    y = (rng.random(len(kom)) < 1 / (1 + (1 - p) / p * np.exp(-effect))).astype(int)
    b = benchmark_municipalities(pd.DataFrame({"kom": kom, "y": y, "p": p}), "kom", "y", "p")
    phi = b.overdispersion_phi.iat[0]
    assert phi > 1.5
    assert b.funnel_95_upper_od_pp.to_numpy() == pytest.approx(
        b.funnel_95_upper_pp.to_numpy() * np.sqrt(phi)
    )


def test_overdispersion_factor_winsorises():
    z = np.r_[np.ones(18), 50.0, -50.0]
    assert overdispersion_factor(z) == pytest.approx(1.0)
    assert overdispersion_factor(np.full(20, 2.0)) == pytest.approx(4.0)


def test_ranking_agreement():
    a = pd.Series(np.arange(10.0), index=range(10))
    same = ranking_agreement(a, a)
    assert same["n"] == 10 and same["same_quintile"] == 1.0
    assert same["spearman"] == pytest.approx(1.0)
    r = ranking_agreement(a, -a)
    assert r["spearman"] == pytest.approx(-1.0) and r["same_quintile"] == pytest.approx(0.2)


def test_adapter_months_and_levels():
    assert months_to_fit("3", "2,3,6") == [2, 3, 6]
    assert months_to_fit(4, [2, 6]) == [2, 4, 6]
    with pytest.raises(ValueError, match="0..6"):
        months_to_fit(7, "")
    seed = pd.DataFrame(
        {
            "covariate": ["b", "b", "a", "a", "a"],
            "covariate_order": [2, 2, 1, 1, 1],
            "level": ["y", "x", "p", "r", "q"],
            "level_order": [2, 1, 1, 3, 2],
        }
    )
    assert covariate_levels(seed) == {"a": ["p", "q", "r"], "b": ["x", "y"]}


def test_fit_cases_reads_the_duckdb_relations_of_the_generic_tables():
    """The dbt models hand fit_cases DuckDB relations of int_benchmark_cases, _units,
    _unit_covariates (long) and int_covariate_levels; the fit is the one of the
    DataFrames, and the model frame holds the case's units in unit order."""
    import duckdb

    from rtw.model.adapter import fit_cases, predictions_table

    rng = np.random.default_rng(7)
    n = 600
    ids = [f"c{i:04d}" for i in rng.permutation(n)]
    sex = rng.choice(["female", "male"], n)
    age = rng.choice(["18-39", "40-54", "55-64"], n)
    outcome = (rng.random(n) < np.where(sex == "male", 0.3, 0.15)).astype(int)
    units = pd.DataFrame(
        {"benchmark_case": "one", "unit_id": ids, "municipality_code": rng.choice([101, 147], n)}
        | {f"on_benefits_m{m}": outcome if m == 3 else rng.integers(0, 2, n) for m in range(7)}
    )
    covariates = pd.concat(
        [
            pd.DataFrame({"benchmark_case": "one", "unit_id": ids, "covariate": c, "level": v})
            for c, v in [("sex", sex), ("age_group", age)]
        ],
        ignore_index=True,
    )
    levels = pd.DataFrame(
        {
            "benchmark_case": "one",
            "covariate": ["sex", "sex", "age_group", "age_group", "age_group"],
            "covariate_order": [1, 1, 2, 2, 2],
            "level": ["female", "male", "18-39", "40-54", "55-64"],
            "level_order": [1, 2, 1, 2, 3],
        }
    )
    cases = pd.DataFrame({"benchmark_case": ["one"], "case_order": [1], "outcome_month": [3]})
    con = duckdb.connect()
    tables = {"cases": cases, "units": units, "covariates": covariates, "levels": levels}
    for name, frame in tables.items():
        con.register(f"{name}_df", frame)
        con.execute(f"create table {name} as select * from {name}_df")

    from_frames = fit_cases(cases, units, covariates, levels, "")
    from_relations = fit_cases(*(con.table(name) for name in tables), "")
    assert list(from_relations) == ["one"] and list(from_relations["one"]) == [3]
    frame, fit = from_relations["one"][3]
    assert len(frame) == n and frame["unit_id"].is_monotonic_increasing
    order = np.argsort(ids)
    assert frame["on_benefits"].tolist() == outcome[order].tolist()
    assert frame["sex"].tolist() == sex[order].tolist()
    pd.testing.assert_frame_equal(fit.coefficients, from_frames["one"][3][1].coefficients)
    pd.testing.assert_frame_equal(
        predictions_table(from_relations["one"]),
        predictions_table(from_frames["one"]),
        check_dtype=False,
    )
