"""The adapter's tables when the model cannot be fitted at a month (a small extract):
the month is a NotFitted with its reason, and every table keeps the columns and types
that a real fit gives it, so that the build publishes the rest (issue 15)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from rtw.model.adapter import (
    OUTCOME,
    NotFitted,
    benchmark_table,
    calibration_table,
    coefficients_table,
    fit_or_reason,
    fit_statistics_table,
    predictions_table,
)
from rtw.model.logit import LogitFit

LEVELS = {"sex": ["man", "woman"], "age": ["young", "old"]}


def frame(n: int, seed: int = 3, p: float = 0.3) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "unit_id": pd.Series([f"L{i:011d}" for i in range(n)], dtype="str"),
            "municipality_code": rng.choice([101, 147, 751], size=n).astype("int64"),
            "sex": rng.choice(LEVELS["sex"], size=n),
            "age": rng.choice(LEVELS["age"], size=n),
            OUTCOME: (rng.random(n) < p).astype(int),
        }
    )


def test_no_course_one_outcome_or_no_usable_level_is_not_fitted_with_its_reason():
    empty = fit_or_reason(frame(0), LEVELS)
    assert isinstance(empty, NotFitted) and "no unit" in empty.reason
    same = fit_or_reason(frame(50, p=0.0), LEVELS)
    assert isinstance(same, NotFitted) and "same outcome" in same.reason and "50" in same.reason
    # Every woman on benefits, every man off: no level of sex has both outcomes.
    separated = frame(200)
    separated[OUTCOME] = (separated["sex"] == "woman").astype(int)
    refused = fit_or_reason(separated, LEVELS)
    assert isinstance(refused, NotFitted) and "sex" in refused.reason
    assert refused.warnings == [f"not fitted: {refused.reason}"]
    assert isinstance(fit_or_reason(frame(2_000), LEVELS), LogitFit)


def test_tables_without_a_fit_have_a_real_fits_columns_and_types_and_no_rows():
    fitted = frame(2_000)
    real = {3: (fitted, fit_or_reason(fitted, LEVELS))}
    none = {3: (frame(0), fit_or_reason(frame(0), LEVELS))}
    for table in (predictions_table, coefficients_table, calibration_table):
        want, got = table(real), table(none)
        assert len(want) > 0 and len(got) == 0, table.__name__
        assert list(got.columns) == list(want.columns), table.__name__
        for column in want.columns:
            assert got[column].dtype.kind == want[column].dtype.kind or (
                got[column].dtype == "string" and want[column].dtype == object
            ), (table.__name__, column, got[column].dtype, want[column].dtype)
    want = benchmark_table(predictions_table(real))
    got = benchmark_table(predictions_table(none))
    assert len(got) == 0 and list(got.columns) == list(want.columns)
    assert (got.dtypes == want.dtypes).all()


def test_the_fit_statistics_say_why_a_month_was_not_fitted_beside_a_fitted_one():
    fitted, small = frame(2_000), frame(40, p=0.0)
    fits = {3: (fitted, fit_or_reason(fitted, LEVELS)), 6: (small, fit_or_reason(small, LEVELS))}
    stats = fit_statistics_table(fits).set_index("outcome_month")
    assert stats.loc[3, "warnings"] == "" and stats.loc[3, "n_courses"] == 2_000
    assert stats.loc[6, "warnings"].startswith("not fitted: all 40 units have the same outcome")
    assert stats.loc[6, "n_courses"] == 40 and stats.loc[6, "n_courses_fitted"] == 0
    assert pd.isna(stats.loc[6, "c_statistic"]) and not stats.loc[6, "converged"]
    predictions = predictions_table(fits)
    assert set(predictions["outcome_month"]) == {3}
    assert sorted(benchmark_table(predictions)["outcome_month"].unique()) == [3]


@pytest.mark.parametrize("n", [1, 7])
def test_a_handful_of_courses_is_not_an_error(n):
    assert isinstance(fit_or_reason(frame(n, p=0.5), LEVELS), (NotFitted, LogitFit))
