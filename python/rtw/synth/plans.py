"""The plans of the plan period, each with the fate it is built for.

A fate is the first rule of METHOD §3 the plan's course is meant to fail (or KEEP when
it passes rules 1-9; rule 10 then depends on its municipality and year). The registers
written later are shaped so that the warehouse finds exactly that fate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rtw.synth import targets as T
from rtw.synth.calendar import to_days
from rtw.synth.municipal import START_YEARS, MunicipalDesign

KEEP = 0
# 2..9: the rule failed. Rule 3 has four ways to fail:
NO_SERVICE, LATE_SERVICE, SINGLE_SERVICE, START_OUTSIDE = 33, 31, 32, 30
SPECIALISED = 100

PERIOD_START = np.datetime64("2015-11-01")
PERIOD_END = np.datetime64("2017-12-31")


def _d(s: str) -> int:
    return int(to_days(np.array([s], dtype="datetime64[D]"))[0])


def _poisson(rng, lam):
    return rng.poisson(np.maximum(lam, 0.0))


def fate_counts(design: MunicipalDesign, rng: np.random.Generator) -> dict[int, np.ndarray]:
    """Courses per fate, municipality and start year (linked courses)."""
    n = design.n_keep.astype(float)
    f9 = n * T.FAIL_RULE_9 / (1 - T.FAIL_RULE_9)
    c8 = n + f9
    f8 = c8 * T.FAIL_RULE_8 / (1 - T.FAIL_RULE_8)
    c7 = c8 + f8
    f7 = c7 * T.FAIL_RULE_7 / (1 - T.FAIL_RULE_7)
    c6 = c7 + f7
    f6 = c6 * T.FAIL_RULE_6 / (1 - T.FAIL_RULE_6)
    c5 = c6 + f6
    f5 = c5 * (1 - T.IN_WORK_SHARE) / T.IN_WORK_SHARE
    c4 = c5 + f5
    f4 = c4 * (1 - T.WORKING_AGE_SHARE) / T.WORKING_AGE_SHARE
    return {
        KEEP: design.n_keep,
        9: _poisson(rng, f9),
        8: _poisson(rng, f8),
        7: _poisson(rng, f7),
        6: _poisson(rng, f6),
        5: _poisson(rng, f5),
        4: _poisson(rng, f4),
    }


def _lag_days(rng, n, long_wait):
    """Days from discharge to the first service: mostly within three weeks."""
    u = rng.random(n)
    lag = np.where(
        u < 0.30,
        rng.integers(0, 8, n),
        np.where(
            u < 0.70,
            rng.integers(8, 22, n),
            np.where(u < 0.90, rng.integers(22, 41, n), rng.integers(41, 61, n)),
        ),
    )
    return np.where(long_wait, rng.integers(21, 61, n), lag)


def _stay_days(rng, n):
    """Nights in hospital on the plan contact: 96 % have a stay of 1-3 days."""
    return rng.choice(
        [0, 1, 2, 3, 4, 5, 7, 9], size=n, p=[0.45, 0.30, 0.21, 0.015, 0.01, 0.007, 0.005, 0.003]
    )


def build_plans(design: MunicipalDesign, rng: np.random.Generator) -> pd.DataFrame:
    counts = fate_counts(design, rng)
    parts = []
    k_n = design.n
    for fate, c in counts.items():
        kk, jj = np.nonzero(c)
        reps = c[kk, jj]
        parts.append(
            pd.DataFrame(
                {
                    "k": np.repeat(kk, reps),
                    "start_year": np.repeat(np.array(START_YEARS)[jj], reps),
                    "fate": fate,
                }
            )
        )
    linked = pd.concat(parts, ignore_index=True)
    c3 = np.bincount(linked.k, minlength=k_n)

    out = _poisson(rng, c3 * T.START_OUTSIDE_YEARS)
    msk = np.round((c3 + out) / design.link_rate).astype(int)
    unlinked = np.maximum(msk - c3 - out, 0)
    non_msk = np.round(msk * (1 - T.MSK_SHARE) / T.MSK_SHARE).astype(int)
    general = msk + non_msk
    specialised = np.round(general * (1 - design.general_share) / design.general_share).astype(int)

    def block(count, fate):
        return pd.DataFrame({"k": np.repeat(np.arange(k_n), count), "start_year": 0, "fate": fate})

    u = rng.random(unlinked.sum())
    unl = block(unlinked, NO_SERVICE)
    unl.loc[u < 0.2, "fate"] = LATE_SERVICE
    unl.loc[u < 0.1, "fate"] = SINGLE_SERVICE
    plans = pd.concat(
        [
            linked,
            block(out, START_OUTSIDE),
            unl,
            block(non_msk, 2),
            block(specialised, SPECIALISED),
        ],
        ignore_index=True,
    )
    return _dates(plans, rng)


def _dates(plans: pd.DataFrame, rng) -> pd.DataFrame:
    n = len(plans)
    fate = plans.fate.to_numpy()
    linked_in_years = plans.start_year.to_numpy() > 0
    p0, p1 = _d("2015-11-01"), _d("2017-12-31")

    start = np.full(n, np.iinfo(np.int64).min)
    y = plans.start_year.to_numpy()
    y0 = np.array([_d(f"{yy}-01-01") if yy else 0 for yy in (2016, 2017)])
    ylen = np.array([366, 365])
    j = (y == 2017).astype(int)
    start[linked_in_years] = (y0[j] + (rng.random(n) * ylen[j]).astype(int))[linked_in_years]
    outside = fate == START_OUTSIDE
    late_start = rng.random(n) < 0.12
    start_out = np.where(
        late_start,
        _d("2018-01-01") + rng.integers(0, 50, n),
        _d("2015-11-03") + rng.integers(0, 59, n),
    )
    start[outside] = start_out[outside]

    has_start = linked_in_years | outside
    lag = _lag_days(rng, n, long_wait=np.zeros(n, bool))
    stay = _stay_days(rng, n)
    discharge = np.where(has_start, start - lag, p0 + (rng.random(n) * (p1 - p0 + 1)).astype(int))
    # Courses starting early 2018 had their plan (and discharge) in the plan period.
    discharge = np.where(has_start & (discharge > p1), p1 - rng.integers(0, 5, n), discharge)
    admission = discharge - stay
    plan_at_admission = rng.random(n) < 0.10
    plan = np.where(plan_at_admission, admission, discharge)
    plan = np.clip(plan, p0, p1)
    plan = np.maximum(plan, admission)
    plan = np.minimum(plan, discharge)
    discharge = np.maximum(discharge, plan)
    plans = plans.assign(
        admission=admission,
        discharge=discharge,
        plan=plan,
        start=np.where(has_start, start, -1),
        lag=np.where(has_start, start - discharge, -1),
    )
    return plans.reset_index(drop=True)
