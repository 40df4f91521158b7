"""Consistency of DREAM with itself, with METHOD §2.1 and with BFL (issue 16), on small
registers of several seeds: every DREAM value is a code of the §2.1 seed; a person on
førtidspension (783) stays on it unless they die (999), emigrate (997) or retire (998);
no paid hours in BFL in a month whose every week is a full benefit (a code that leaves
no room for work: not 899 partial return, not flexjob 771/774, not the job-like codes)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from rtw.synth import generate

SEEDS = (2, 3)
PLANS = 2_000
# Full benefit: no hours can be paid in such a week (METHOD §2.1's codes, the full ones).
FULL = (
    set(range(111, 115))
    | set(range(130, 150))
    | set(range(700, 749))
    | {783, 785, 890, 893, 894, 895, 896, 897, 898, 997, 999}
    | set(range(810, 819))
)
AFTER_783 = {783, 997, 998, 999}


@pytest.fixture(scope="module", params=SEEDS)
def raw(request, tmp_path_factory):
    out = tmp_path_factory.mktemp(f"consistency{request.param}")
    generate(out, seed=request.param, plans=PLANS, progress=False)
    return out


def _dream(raw) -> pd.DataFrame:
    return pd.read_parquet(raw / "dream.parquet")


def _week_month(col: str) -> int:
    """The month (YYYYMM) of the ISO week's Thursday."""
    day = dt.date.fromisocalendar(2000 + int(col[2:4]), int(col[4:6]), 4)
    return day.year * 100 + day.month


def test_every_dream_value_is_a_method_code(raw):
    codes = set(
        pd.read_csv(Path(__file__).parents[2] / "seeds" / "ref_dream_codes.csv")["dream_code"]
    )
    values = pd.unique(_dream(raw).drop(columns="pnr").to_numpy().ravel())
    values = {int(v) for v in values if not pd.isna(v)}
    assert values - codes == set()


def test_783_persons_stay_on_783_or_die_emigrate_or_retire(raw):
    d = _dream(raw)
    m = d.drop(columns="pnr").to_numpy(dtype="float64")
    bad = 0
    for row in m:
        hit = np.flatnonzero(row == 783)
        if hit.size:
            after = row[hit[0] :]
            bad += not set(after[~np.isnan(after)].astype(int)) <= AFTER_783
            bad += bool(np.isnan(after).any())
    assert bad == 0, f"{bad} persons leave førtidspension (783) for something else"


def test_no_bfl_hours_in_a_month_of_full_benefit(raw):
    d = _dream(raw).set_index("pnr")
    months = np.array([_week_month(c) for c in d.columns])
    m = d.to_numpy(dtype="float64")
    full = np.isin(m, list(FULL))
    rows = []
    for month in np.unique(months):
        all_full = full[:, months == month].all(axis=1)
        rows.append(pd.DataFrame({"pnr": d.index[all_full], "aarmd": month}))
    full_months = pd.concat(rows)
    bfl = duckdb.sql(
        f"select pnr, aarmd, sum(ajo_arbejdstimer) as hours from '{raw / 'bfl.parquet'}' "
        "group by all having sum(ajo_arbejdstimer) > 0"
    ).df()
    clash = full_months.merge(bfl, on=["pnr", "aarmd"])
    assert len(clash) == 0, f"{len(clash)} person-months with BFL hours and full benefit"
