"""The working population's designed sickness spells (METHOD §9, working.py) on a small
extract, read back from the written DREAM file by hand: the truth file's interface, one
spell per person starting in the designed week, and the month-3 outcome (§9.2: at least
2 of weeks 11-13 from the start week carry a code of class on_benefits) equal to
true_outcome_3m, and the designed duration, first partial-return week and destination 4
weeks after the end (METHOD §9.4, groups of seeds/ref_benefit_groups.csv) as written."""

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
DESIGNED = [
    "designed_duration_weeks",
    "designed_first_partial_return_spell_week",
    "designed_destination",
]


@pytest.fixture(scope="module")
def raw(tmp_path_factory):
    out = tmp_path_factory.mktemp("working")
    generate(out, seed=5, plans=6_000, progress=False)
    return out


def test_truth_file_has_the_interface(raw):
    t = pd.read_parquet(raw / "_truth" / "sickness_spells.parquet")
    assert list(t.columns) == KEY + TRUTH + DESIGNED + [f"true_level__{c}" for c in COVARIATES]
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


def test_designed_duration_partial_return_and_destination_are_in_dream(raw):
    t = pd.read_parquet(raw / "_truth" / "sickness_spells.parquet")
    groups = pd.read_csv("seeds/ref_benefit_groups.csv").set_index("dream_code").benefit_group
    d = pd.read_parquet(raw / "dream.parquet").set_index("pnr").loc[t.pnr]
    cols = list(d.columns)
    m = d.to_numpy(dtype="float64")
    iso = [s.isocalendar() for s in t.start_week_start]
    start = np.array([cols.index(f"y_{y % 100:02d}{w:02d}") for y, w, _ in iso])
    end = start + t.designed_duration_weeks.to_numpy() - 1
    seen = end + 4 < len(cols)  # the destination week lies inside DREAM
    t, m, start, end = t[seen], m[seen], start[seen], end[seen]
    rows = np.arange(len(t))
    sick = np.isin(m, [890, 899])
    spell = np.arange(m.shape[1])[None, :]
    inside = (spell >= start[:, None]) & (spell <= end[:, None])
    assert (sick | ~inside).all(), "a designed spell week without a sickness code"
    assert not sick[rows, end + 1].any(), "a designed spell runs past its designed end"
    partial = (m == 899) & inside
    first = np.where(partial.any(axis=1), partial.argmax(axis=1) - start + 1, 0)
    want = t.designed_first_partial_return_spell_week.fillna(0).to_numpy(dtype=int)
    assert (first == want).all()
    code = m[rows, end + 4]
    got = np.where(np.isnan(code), "", groups.reindex(np.nan_to_num(code)).to_numpy())
    blank = np.isin(t.designed_destination, ["in_work", "self_supporting_not_in_work"])
    assert (got[blank] == "").all()
    assert (got[~blank] == t.designed_destination.to_numpy()[~blank]).all()
    assert t.designed_destination.nunique() >= 5
