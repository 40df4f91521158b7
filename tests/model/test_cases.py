"""The adapter per benchmark case (METHOD §14) on hand-made data with two cases: each
case is fitted on its own units, with its own covariates and levels, at its own outcome
month and the sensitivity months; the tables carry the case; a case the data cannot fit
is a NotFitted beside a fitted one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rtw.model import benchmark_municipalities, fit_logit
from rtw.model.adapter import (
    NotFitted,
    benchmark_table,
    calibration_table,
    coefficients_table,
    fit_cases,
    fit_statistics_table,
    per_case,
    predictions_table,
)

# Each case's own covariates, levels (reference first) and true log-odds.
CASES = {
    "courses": {
        "month": 3,
        "levels": {"sex": ["man", "woman"], "age": ["young", "mid", "old"]},
        "truth": {"(intercept)": -1.2, "sex": {"woman": 0.5}, "age": {"mid": 0.3, "old": 0.9}},
        "municipalities": [101, 147, 151],
    },
    "spells": {
        "month": 2,
        "levels": {"quarter": ["Q1", "Q2", "Q3", "Q4"], "sex": ["man", "woman"]},
        "truth": {
            "(intercept)": -0.4,
            "quarter": {"Q2": -0.6, "Q3": 0.2, "Q4": 0.7},
            "sex": {"woman": -0.3},
        },
        "municipalities": [101, 147, 153, 155],
    },
}


def _case_data(name: str, n: int, seed: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """units, long covariates and levels of one case, outcomes drawn from its truth."""
    spec = CASES[name]
    rng = np.random.default_rng(seed)
    ids = [f"{name[0]}{i:05d}" for i in rng.permutation(n)]
    values = {cov: rng.choice(levels, n) for cov, levels in spec["levels"].items()}
    eta = np.full(n, spec["truth"]["(intercept)"])
    for cov, effects in spec["truth"].items():
        if cov != "(intercept)":
            eta += np.array([effects.get(v, 0.0) for v in values[cov]])
    outcomes = {}
    for m in range(7):
        drawn = (rng.random(n) < 1 / (1 + np.exp(-eta))).astype("float")
        drawn[rng.random(n) < 0.05] = np.nan  # undeterminable at that month
        outcomes[f"on_benefits_m{m}"] = drawn
    units = pd.DataFrame(
        {
            "benchmark_case": name,
            "unit_id": ids,
            "municipality_code": rng.choice(spec["municipalities"], n),
            **outcomes,
        }
    )
    covariates = pd.concat(
        [
            pd.DataFrame({"benchmark_case": name, "unit_id": ids, "covariate": c, "level": v})
            for c, v in values.items()
        ],
        ignore_index=True,
    )
    levels = pd.DataFrame(
        [
            {
                "benchmark_case": name,
                "covariate": cov,
                "covariate_order": i,
                "level": level,
                "level_order": j,
            }
            for i, (cov, names) in enumerate(spec["levels"].items(), start=1)
            for j, level in enumerate(names, start=1)
        ]
    )
    return units, covariates, levels


def _inputs(n: dict[str, int]):
    parts = [_case_data(name, n[name], seed) for seed, name in enumerate(CASES, start=1)]
    units, covariates, levels = (pd.concat(p, ignore_index=True) for p in zip(*parts, strict=True))
    cases = pd.DataFrame(
        {
            "benchmark_case": list(CASES),
            "case_order": [1, 2],
            "outcome_month": [spec["month"] for spec in CASES.values()],
        }
    )
    return cases, units, covariates, levels


@pytest.fixture(scope="module")
def two_cases():
    inputs = _inputs({"courses": 6_000, "spells": 8_000})
    return inputs, fit_cases(*inputs, "6")


def test_each_case_is_fitted_at_its_month_and_the_sensitivity_months(two_cases):
    _, fits = two_cases
    assert list(fits) == ["courses", "spells"]
    assert sorted(fits["courses"]) == [3, 6] and sorted(fits["spells"]) == [2, 6]


def test_each_case_is_its_own_units_and_covariates_fitted_alone(two_cases):
    (_, units, covariates, _), fits = two_cases
    for name, spec in CASES.items():
        month = spec["month"]
        # The case's model frame by hand: its determinable units, wide, in unit order.
        mine = units[(units["benchmark_case"] == name) & units[f"on_benefits_m{month}"].notna()]
        wide = covariates[covariates["benchmark_case"] == name].pivot(
            index="unit_id", columns="covariate", values="level"
        )
        frame = mine[["unit_id", "municipality_code"]].join(wide, on="unit_id")
        frame["on_benefits"] = mine[f"on_benefits_m{month}"].astype(int)
        frame = frame.sort_values("unit_id", ignore_index=True)
        alone = fit_logit(frame, "on_benefits", spec["levels"])
        got_frame, got = fits[name][month]
        assert got_frame["unit_id"].tolist() == frame["unit_id"].tolist()
        assert set(got_frame.columns) >= set(spec["levels"])
        pd.testing.assert_frame_equal(got.coefficients, alone.coefficients)


def test_the_coefficients_are_near_each_cases_truth(two_cases):
    _, fits = two_cases
    table = per_case(coefficients_table, fits)
    for name, spec in CASES.items():
        mine = table[(table["benchmark_case"] == name) & (table["outcome_month"] == spec["month"])]
        assert set(mine["covariate"]) - {"(intercept)"} == set(spec["levels"])
        for row in mine[~mine["is_reference"]].itertuples():
            truth = spec["truth"].get(row.covariate, {})
            truth = truth if row.covariate == "(intercept)" else truth.get(row.level, 0.0)
            assert abs(row.estimate - truth) < 4 * row.std_error, (name, row.covariate, row.level)


def test_the_tables_carry_the_case_and_the_benchmark_is_per_case(two_cases):
    _, fits = two_cases
    predictions = per_case(predictions_table, fits)
    assert predictions.columns[0] == "benchmark_case"
    by_case = predictions.groupby("benchmark_case")["unit_id"].agg(lambda s: set(s.str[0]))
    assert by_case.to_dict() == {"courses": {"c"}, "spells": {"s"}}
    for table in (calibration_table, fit_statistics_table, coefficients_table):
        out = per_case(table, fits)
        assert out.columns[0] == "benchmark_case"
        assert set(out["benchmark_case"]) == set(CASES), table.__name__
    benchmark = benchmark_table(predictions, n_draws=500, seed=1)
    for name, spec in CASES.items():
        mine = benchmark[(benchmark["benchmark_case"] == name)]
        assert sorted(mine["municipality_code"].unique()) == spec["municipalities"]
        plain = benchmark_municipalities(
            predictions[
                (predictions["benchmark_case"] == name) & (predictions["outcome_month"] == 6)
            ],
            "municipality_code",
            "on_benefits",
            "predicted_probability",
        )
        month6 = mine[mine["outcome_month"] == 6].reset_index(drop=True)
        pd.testing.assert_frame_equal(month6[plain.columns], plain.reset_index(drop=True))


def test_uncertainty_only_at_each_cases_outcome_month(two_cases):
    """METHOD §13 at each case's outcome month (what the marts publish), null at the
    sensitivity months; at the outcome month the same as computed at every month."""
    _, fits = two_cases
    predictions = per_case(predictions_table, fits)
    months = {name: spec["month"] for name, spec in CASES.items()}
    every = benchmark_table(predictions, n_draws=300, seed=2)
    own = benchmark_table(predictions, n_draws=300, seed=2, outcome_months=months)
    assert len(own) == len(every)
    at_month = own["outcome_month"] == own["benchmark_case"].map(months)
    assert at_month.any() and (~at_month).any()
    for column in ("rank_lower", "p_best_fifth", "flag", "shrunken_pp", "tau"):
        assert own.loc[~at_month, column].isna().all(), column
        pd.testing.assert_series_equal(
            own.loc[at_month, column].astype(float if column != "flag" else object),
            every.loc[at_month, column].astype(float if column != "flag" else object),
            check_dtype=False,
        )
    pd.testing.assert_series_equal(own["indicator_pp"], every["indicator_pp"])


def test_a_case_without_units_is_not_fitted_beside_a_fitted_one():
    cases, units, covariates, levels = _inputs({"courses": 3_000, "spells": 40})
    units = units[units["benchmark_case"] == "courses"]  # no spell passes its rules
    covariates = covariates[covariates["benchmark_case"] == "courses"]
    fits = fit_cases(cases, units, covariates, levels, "")
    assert isinstance(fits["spells"][2][1], NotFitted)
    assert not isinstance(fits["courses"][3][1], NotFitted)
    stats = per_case(fit_statistics_table, fits).set_index("benchmark_case")
    assert stats.loc["spells", "warnings"].startswith("not fitted: no unit")
    assert stats.loc["courses", "warnings"] == ""
    predictions = per_case(predictions_table, fits)
    assert set(predictions["benchmark_case"]) == {"courses"}
    assert set(benchmark_table(predictions, n_draws=200)["benchmark_case"]) == {"courses"}


def test_a_case_without_levels_is_an_error_that_names_it():
    cases, units, covariates, levels = _inputs({"courses": 500, "spells": 500})
    with pytest.raises(ValueError, match="'spells'.*int_covariate_levels"):
        fit_cases(cases, units, covariates, levels[levels["benchmark_case"] == "courses"], "")


def test_a_covariate_that_depends_on_the_month_takes_that_months_level():
    """The rehab case's measurement_month: the model at month m reads the level of the
    column for month m (outcome_month m), the other covariates' levels are those of
    every month (outcome_month null)."""
    long = pd.DataFrame(
        {
            "unit_id": ["a", "a", "a", "b", "b", "b"],
            "covariate": ["sex", "when", "when", "sex", "when", "when"],
            "outcome_month": [None, None, 6, None, None, 6],
            "level": ["man", "April", "July", "woman", "May", "August"],
        }
    )
    from rtw.model.adapter import wide_covariates

    at3 = wide_covariates(long, 3).set_index("unit_id")
    at6 = wide_covariates(long, 6).set_index("unit_id")
    assert at3.loc["a", "when"] == "April" and at3.loc["b", "when"] == "May"
    assert at6.loc["a", "when"] == "July" and at6.loc["b", "when"] == "August"
    assert at6.loc["a", "sex"] == "man" and at6.loc["b", "sex"] == "woman"
