"""The working population's designed sickness spells (METHOD §9, working.py) on a small
extract, read back from the written DREAM file by hand: the truth file's interface, one
spell per person starting in the designed week, and the month-3 outcome (§9.2: at least
2 of weeks 11-13 from the start week carry a code of class on_benefits) equal to
true_outcome_3m."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from rtw.synth import generate
from rtw.synth import targets as T
from rtw.synth.working import COVARIATES

KEY = ["pnr", "start_week_start", "start_year", "municipality_code"]
TRUTH = ["true_p", "true_municipal_effect", "true_outcome_3m"]


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    out = tmp_path_factory.mktemp("working")
    generate(out, seed=5, plans=6_000, progress=False)
    return out


def test_truth_file_has_the_interface(raw):
    t = pd.read_parquet(raw / "_truth" / "sickness_spells.parquet")
    assert list(t.columns) == KEY + TRUTH + [f"true_level__{c}" for c in COVARIATES]
    assert len(t) > 0 and not t.duplicated(["pnr", "start_week_start"]).any()
    assert set(t.start_year) <= {2016, 2017}
    assert all(isinstance(d, dt.date) and d.weekday() == 0 for d in t.start_week_start)
    assert t.true_p.between(0, 1).all() and set(t.true_outcome_3m) <= {0, 1}
    for cov, beta in T.SICKNESS_TRUE_COEFFICIENTS.items():
        assert set(t[f"true_level__{cov}"]) <= set(beta), cov


def test_outcome_at_month_3_is_realised_in_dream(raw):
    t = pd.read_parquet(raw / "_truth" / "sickness_spells.parquet")
    codes = pd.read_csv("seeds/ref_dream_codes.csv")
    on = set(codes.dream_code[codes.status_class == "on_benefits"])
    d = pd.read_parquet(raw / "dream.parquet").set_index("pnr").loc[t.pnr]
    cols = list(d.columns)
    m = d.to_numpy(dtype="float64")
    iso = [s.isocalendar() for s in t.start_week_start]
    start = np.array([cols.index(f"y_{y % 100:02d}{w:02d}") for y, w, _ in iso])
    rows = np.arange(len(t))
    assert np.isin(m[rows, start], [890, 899]).all()
    assert not np.isin(m[rows, start - 1], [890, 899]).any()
    weeks = np.stack([m[rows, start + k] for k in (11, 12, 13)], axis=1)
    observed = (np.isin(weeks, list(on)).sum(axis=1) >= 2).astype(int)
    assert (observed == t.true_outcome_3m.to_numpy()).all()
