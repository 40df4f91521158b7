"""METHOD §13's columns of the benchmark table (rtw.model.adapter.benchmark_table) on
predictions with known municipal effects, against hand computations."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from rtw.model.adapter import benchmark_table
from rtw.model.benchmark import benchmark_municipalities


def _predictions(seed: int, n_municipalities: int = 30, tau: float = 0.4) -> tuple:
    rng = np.random.default_rng(seed)
    size = rng.integers(60, 400, n_municipalities)
    k = np.repeat(np.arange(101, 101 + n_municipalities), size)
    offset = rng.normal(-1.3, 0.8, len(k))
    u = rng.normal(0, tau, n_municipalities)
    p = 1 / (1 + np.exp(-offset))
    y = rng.random(len(k)) < 1 / (1 + np.exp(-(offset + u[k - 101])))
    frame = pd.DataFrame(
        {
            "course_id": np.arange(len(k)),
            "outcome_month": 3,
            "municipality_code": k,
            "on_benefits": y.astype("int64"),
            "predicted_probability": p,
        }
    )
    return frame, u


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_existing_columns_unchanged_and_flags_by_hand(seed):
    frame, _ = _predictions(seed)
    table = benchmark_table(frame, n_draws=2_000, seed=5)
    plain = benchmark_municipalities(
        frame, "municipality_code", "on_benefits", "predicted_probability"
    )
    pd.testing.assert_frame_equal(table[plain.columns].reset_index(drop=True), plain)
    # The flag by hand: 1.96 se widened by sqrt(phi) when phi > 1.
    g = frame.groupby("municipality_code")
    p = frame["predicted_probability"]
    indicator = 100 * (g["on_benefits"].mean() - g["predicted_probability"].mean())
    se = 100 * np.sqrt((p * (1 - p)).groupby(frame["municipality_code"]).sum()) / g.size()
    phi = table["overdispersion_phi"].iloc[0]
    half = stats.norm.ppf(0.975) * se * np.sqrt(max(phi, 1))
    expected = np.where(
        indicator + half < 0, "better", np.where(indicator - half > 0, "worse", "as expected")
    )
    assert list(table["flag"]) == list(expected)
    assert table["n_flagged_better"].iloc[0] == (expected == "better").sum()
    assert table["n_flagged_worse"].iloc[0] == (expected == "worse").sum()
    assert table["n_flagged_by_chance"].iloc[0] == pytest.approx(0.05 * 30)
    # Ranks: intervals are ranks 1..n around the point ranks' spread; shrunken ranks order
    # the shrunken indicators.
    assert table["rank_lower"].between(1, 30).all() and table["rank_upper"].between(1, 30).all()
    assert (table["rank_lower"] <= table["rank_upper"]).all()
    order = table.sort_values(["shrunken_pp", "municipality_code"])["shrunken_rank"]
    assert list(order) == list(range(1, 31))
    assert (
        (table["p_best_fifth"] >= 0) & (table["p_best_fifth"] + table["p_worst_fifth"] <= 1)
    ).all()
    # Shrinkage pulls towards the centre: never further out than the raw indicator's spread.
    assert table["shrunken_pp"].std() < table["indicator_pp"].std()
    assert (table["shrunken_lower_pp"] <= table["shrunken_pp"]).all()
    assert (table["shrunken_pp"] <= table["shrunken_upper_pp"]).all()


def test_known_effects_are_covered():
    covered, total, tau_covered = 0, 0, 0
    for seed in range(10, 16):
        frame, u = _predictions(seed, tau=0.4)
        table = benchmark_table(frame, n_draws=1_000, seed=5)
        k = table["municipality_code"].to_numpy() - 101
        truth_share = (
            frame.assign(
                t=1
                / (
                    1
                    + np.exp(
                        -(
                            np.log(frame.predicted_probability / (1 - frame.predicted_probability))
                            + u[frame.municipality_code - 101]
                        )
                    )
                )
            )
            .groupby("municipality_code")["t"]
            .mean()
            .to_numpy()
        )
        truth = 100 * (truth_share - table["expected_share"].to_numpy())
        covered += np.sum(
            (table["shrunken_lower_pp"] <= truth) & (truth <= table["shrunken_upper_pp"])
        )
        total += len(k)
        tau_covered += table["tau_lower"].iloc[0] <= 0.4 <= table["tau_upper"].iloc[0]
    assert 0.85 <= covered / total <= 1.0
    assert tau_covered >= 4  # of 6 at 95 %


def test_empty_predictions_give_typed_empty_table():
    frame, _ = _predictions(1)
    table = benchmark_table(frame.iloc[:0])
    assert len(table) == 0
    assert table["rank_lower"].dtype == "int64"
    assert table["shrunken_pp"].dtype == "float64"
    assert str(table["flag"].dtype) == "string"
