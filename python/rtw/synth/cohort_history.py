"""The cohort's history around its plans: benefit spells in the weeks outside the
designed course windows (`cohort_history`), and the deaths and emigrations of rule 8.

Not to be confused with the background persons (rtw.synth.background), who have no plan."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rtw.synth import dream as D
from rtw.synth.calendar import add_months, from_days, to_days, year_of
from rtw.synth.people import LINKED_FATES
from rtw.synth.plans import KEEP

PROTECT_BEFORE, PROTECT_AFTER = 9, 30  # weeks around a designed course kept free


def _free_weeks(mx: D.DreamMatrix, plans: pd.DataFrame) -> np.ndarray:
    """Boolean person x week matrix: weeks that history spells may use."""
    free = np.ones(mx.m.shape, dtype=bool)
    designed = np.isin(plans.fate.to_numpy(), (KEEP, 6, 7, 8, 9))
    rows = plans.person.to_numpy()[designed]
    a = plans.aw.to_numpy()[designed] - 61  # the prior-year window is designed too
    b = plans.sw.to_numpy()[designed] + PROTECT_AFTER + 4
    length = np.clip(b, 0, mx.n_weeks - 1) - np.clip(a, 0, mx.n_weeks) + 1
    length = np.maximum(length, 0)
    r = np.repeat(rows, length)
    c = np.repeat(np.clip(a, 0, mx.n_weeks), length) + (
        np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
    )
    free[r, c] = False
    # The month that decides rule 5 (admission - 2 months) of a course with hours in it:
    # the person works that month, so no history spell covers it (BFL hours go with
    # DREAM).
    worked = np.isin(plans.fate.to_numpy(), LINKED_FATES) & (plans.hours.to_numpy() > 0)
    month = add_months(from_days(plans.admission.to_numpy()[worked]), -2).astype("datetime64[M]")
    first = mx.calendar.week_index(month.astype("datetime64[D]") + np.timedelta64(3, "D"))
    last = mx.calendar.week_index((month + 1).astype("datetime64[D]") - np.timedelta64(4, "D"))
    rows = plans.person.to_numpy()[worked]
    for shift in range(6):
        w = first + shift
        inside = (w <= last) & (w >= 0) & (w < mx.n_weeks)
        free[rows[inside], w[inside]] = False
    return free


def cohort_history(mx: D.DreamMatrix, plans: pd.DataFrame, persons: pd.DataFrame, rng) -> None:
    """Spells of the cohort's persons in the weeks their designed courses leave free:
    out of work before a course, ordinary unemployment and sickness, the pensions."""
    free = _free_weeks(mx, plans)
    n = len(persons)
    fates = plans.groupby("person").fate.agg(lambda f: set(f))
    linked = persons.person.map(lambda p: bool(fates.get(p, set()) & set(LINKED_FATES))).to_numpy()
    fate4 = persons.person.map(lambda p: 4 in fates.get(p, set())).to_numpy()
    fate5 = persons.person.map(lambda p: 5 in fates.get(p, set())).to_numpy()
    birth_week = mx.calendar.week_index(from_days(persons.birth.to_numpy()))
    week65 = birth_week + 65 * 52 + 13
    week60 = birth_week + 60 * 52 + 9
    rows = persons.person.to_numpy()

    # Out of work two months before: assistance, unemployment, flexjob or nothing.
    kinds = rng.choice(
        [D.SOCIAL_ASSISTANCE, D.UNEMPLOYED, D.FLEX, 0], size=n, p=[0.3, 0.2, 0.15, 0.35]
    )
    # Those with a small job two months before (under the rule's hours) are not on a
    # full benefit all the time: BFL shows their hours, so DREAM leaves those weeks blank.
    small_job = (
        persons.person.map(plans.loc[plans.fate == 5].groupby("person").hours.max().gt(0))
        .fillna(False)
        .to_numpy(dtype=bool)
    )
    kinds = np.where(small_job & (kinds != D.FLEX), 0, kinds)
    f5 = fate5 & (kinds > 0)
    mx.paint(rows[f5], np.zeros(f5.sum(), int), np.full(f5.sum(), mx.n_weeks - 1), kinds[f5])

    # Ordinary spells anywhere that is free: unemployment, sickness, maternity.
    D.random_spells(mx, rows[~linked], 1, 4, 30, D.UNEMPLOYED, free, rng)
    D.random_spells(mx, rows[rng.random(n) < 0.3], 1, 5, 20, D.SICK, free, rng)
    D.random_spells(mx, rows[linked & (rng.random(n) < 0.10)], 1, 3, 16, D.UNEMPLOYED, free, rng)
    # Short sickness absences (1-4 weeks): registered for some, left out by the method.
    D.random_spells(mx, rows, 2, 1, 4, D.SICK, free, rng)

    # Old-age pension from 65 and early retirement from 60, for those without a course.
    # Painted after the ordinary spells: førtidspension (783) is awarded for good and
    # lasts until folkepension (998), death or emigration (METHOD §12), so nothing
    # else may follow it, and the pensions end every earlier spell.
    pension = ~linked | fate4
    mx.paint(
        rows[pension], week65[pension], np.full(pension.sum(), mx.n_weeks - 1), D.OLD_AGE_PENSION
    )
    early = ~linked & (rng.random(n) < 0.35)
    mx.paint(rows[early], week60[early], week65[early] - 1, D.EARLY_RETIREMENT)
    disability = ~linked & (rng.random(n) < 0.06)
    mx.paint(
        rows[disability],
        np.maximum(week60[disability] - 520, 0),
        week65[disability] - 1,
        D.DISABILITY_PENSION,
    )


def fail_rule_8(mx: D.DreamMatrix, plans: pd.DataFrame, rng) -> None:
    """Death, emigration or weeks abroad between 2 months before admission and week 26
    after the start; records `death_day` and `emigration_day` on the plans."""
    plans["death_day"] = -1
    plans["emigration_day"] = -1
    idx = np.flatnonzero(plans.fate.to_numpy() == 8)
    n = len(idx)
    s = plans.start.to_numpy()[idx]
    a = plans.admission.to_numpy()[idx]
    rows = plans.person.to_numpy()[idx]
    kind = rng.choice(3, size=n, p=[0.35, 0.45, 0.20])
    day = np.where(
        kind == 0,
        s + rng.integers(14, 175, n),
        a - 55 + (rng.random(n) * (s + 175 - a + 55)).astype(int),
    )
    week = mx.calendar.week_index(from_days(day))
    end = np.full(n, mx.n_weeks - 1)
    mx.paint(rows[kind == 0], week[kind == 0], end[kind == 0], D.DEAD)
    mx.paint(rows[kind == 1], week[kind == 1], end[kind == 1], D.ABROAD)
    mx.paint(rows[kind == 2], week[kind == 2], (week + rng.integers(1, 5, n))[kind == 2], D.ABROAD)
    plans.loc[plans.index[idx[kind == 0]], "death_day"] = day[kind == 0]
    plans.loc[plans.index[idx[kind == 1]], "emigration_day"] = day[kind == 1]


def death_year(plans: pd.DataFrame, persons: pd.DataFrame) -> np.ndarray:
    """Year of death (or emigration) per person, 9999 when neither."""
    out = np.full(len(persons), 9999)
    ev = np.maximum(plans.death_day.to_numpy(), plans.emigration_day.to_numpy())
    has = ev >= 0
    out[plans.person.to_numpy()[has]] = year_of(from_days(ev[has]))
    return out


__all__ = ["cohort_history", "fail_rule_8", "death_year", "to_days"]
