"""Persons: who holds which plan, and the person-level facts (sex, birth, origin, ...)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from rtw.synth import targets as T
from rtw.synth.calendar import from_days, to_days, year_of
from rtw.synth.plans import KEEP, SPECIALISED

LINKED_FATES = (KEEP, 4, 5, 6, 7, 8, 9)
HEAD_CAP_WEEK = 27  # a course followed by another keeps its benefit spells before this


def _pick_heads(plans, rng, seconds_mask, head_mask, same_k=True):
    """For each second course, a head course of the same municipality (without reuse)."""
    heads = np.full(len(plans), -1)
    used = np.zeros(len(plans), bool)
    by_k = {}
    for i in np.flatnonzero(head_mask):
        by_k.setdefault(plans.k.iat[i], []).append(i)
    for k in by_k:
        rng.shuffle(by_k[k])
    for i in np.flatnonzero(seconds_mask):
        pool = by_k.get(plans.k.iat[i], [])
        while pool and used[pool[-1]]:
            pool.pop()
        if pool:
            h = pool.pop()
            used[h] = True
            heads[i] = h
    return heads


def link_repeat_courses(plans: pd.DataFrame, rng, scale: float) -> pd.DataFrame:
    """Make rule-7 repeats and the ~200 persons counted twice: a second course of the
    same person after a head course, inside resp. outside the 10-month window."""
    p = plans.copy()
    p["head"] = -1
    p["cap_week"] = 10_000
    d = lambda s: int(to_days(np.array([s], dtype="datetime64[D]"))[0])  # noqa: E731
    keep = p.fate.to_numpy() == KEEP
    early = p.start.to_numpy() <= d("2017-02-10")
    # Rule 7: next admission 273-303 days after the head's discharge.
    sec7 = p.fate.to_numpy() == 7
    heads = _pick_heads(p, rng, sec7, keep & early)
    # Counted twice: a 2017 course whose head started in the first half of 2016.
    n_twice = int(round(T.KEPT_TWICE_PERSONS * scale))
    cand = np.flatnonzero(keep & (p.start_year.to_numpy() == 2017))
    twice = np.zeros(len(p), bool)
    twice[rng.choice(cand, size=min(n_twice, len(cand)), replace=False)] = True
    head_pool = keep & (p.start.to_numpy() <= d("2016-06-30")) & ~twice
    heads2 = _pick_heads(p, rng, twice, head_pool)
    heads = np.where(heads >= 0, heads, heads2)

    s = p.start.to_numpy().copy()
    a = p.admission.to_numpy().copy()
    dis = p.discharge.to_numpy().copy()
    pl = p.plan.to_numpy().copy()
    lag = p.lag.to_numpy().copy()
    cap = p.cap_week.to_numpy().copy()
    for i in np.flatnonzero(heads >= 0):
        h = heads[i]
        # The head starts soon after its discharge so that the window fits.
        hl = min(lag[h], 14)
        dis[h] = s[h] - hl
        a[h] = min(a[h], dis[h])
        pl[h] = min(max(pl[h], a[h]), dis[h])
        lag[h] = hl
        cap[h] = HEAD_CAP_WEEK
        stay = dis[i] - a[i]
        if sec7[i]:
            lo, hi = s[h] + 7 * (HEAD_CAP_WEEK + 10), dis[h] + 303
            a[i] = rng.integers(lo, hi + 1) if hi >= lo else hi
        else:
            a[i] = dis[h] + rng.integers(335, 420)
        dis[i] = a[i] + stay
        pl[i] = dis[i]
        lag[i] = min(lag[i], 30)
        s[i] = dis[i] + lag[i]
    p["start"], p["admission"], p["discharge"], p["plan"], p["lag"] = s, a, dis, pl, lag
    p["cap_week"] = cap
    p["head"] = heads
    start_year = np.where(s >= 0, year_of(from_days(np.maximum(s, 0))), 0)
    p.loc[p.start >= 0, "start_year"] = start_year[p.start.to_numpy() >= 0]
    # A second course that does not fit the period becomes an ordinary single course.
    bad = (heads >= 0) & ((s > d("2017-12-31")) | (pl > d("2017-12-31")))
    p.loc[bad, "head"] = -1
    return p


def assign_persons(plans: pd.DataFrame, rng) -> pd.DataFrame:
    """Each plan gets a person; second courses share their head's person; some
    specialised and non-musculoskeletal plans go to persons who already have a plan."""
    p = plans
    n = len(p)
    person = np.full(n, -1)
    head = p["head"].to_numpy()
    own = head < 0
    # Extra plans attached to existing persons of the same municipality.
    fate = p.fate.to_numpy()
    attach = np.zeros(n, bool)
    attach[(fate == SPECIALISED) & (rng.random(n) < 0.6)] = True
    attach[(fate == 2) & (rng.random(n) < 0.08)] = True
    holders = own & ~attach & np.isin(fate, (2, 33, SPECIALISED))
    person_of_own = np.cumsum(own & ~attach) - 1
    person[own & ~attach] = person_of_own[own & ~attach]
    person[~own] = person[head[~own]]
    plan_day = p.plan.to_numpy()
    by_k: dict[int, np.ndarray] = {}
    for k, idx in p[holders].groupby("k").groups.items():
        by_k[k] = np.asarray(idx)
    for i in np.flatnonzero(attach):
        pool = by_k.get(p.k.iat[i])
        if pool is None or len(pool) == 0:
            person[i] = person_of_own.max() + 1 + i  # a new person after all
            continue
        j = pool[rng.integers(len(pool))]
        # Keep attached plans 150+ days from the holder's plan (no accidental links).
        if fate[i] == SPECIALISED or abs(plan_day[i] - plan_day[j]) >= 150:
            person[i] = person[j]
        else:
            person[i] = person_of_own.max() + 1 + i
    _, person = np.unique(person, return_inverse=True)
    return p.assign(person=person)


def person_facts(plans: pd.DataFrame, rng) -> pd.DataFrame:
    """Sex, birth date, residence, origin, partner, education and income per person.

    Persons with a linked course get the report's mixes; the rest a broad adult mix.
    """
    first = plans.sort_values(["person", "plan"]).drop_duplicates("person")
    n = len(first)
    linked = np.isin(first.fate.to_numpy(), LINKED_FATES)
    fate = first.fate.to_numpy()
    ref_year = np.where(first.start_year.to_numpy() > 0, first.start_year.to_numpy(), 2016)

    ages = np.array([int(x.split("-")[0]) for x in T.AGE_GROUP])
    widths = np.array([int(x.split("-")[1]) - int(x.split("-")[0]) + 1 for x in T.AGE_GROUP])
    g = rng.choice(len(ages), size=n, p=list(T.AGE_GROUP.values()))
    age_work = ages[g] + (rng.random(n) * widths[g]).astype(int)
    age_any = np.clip(rng.normal(60, 17, n).astype(int), 3, 98)
    age_old = np.where(rng.random(n) < 0.85, rng.integers(65, 91, n), rng.integers(10, 18, n))
    age = np.where(linked, age_work, age_any)
    age = np.where(fate == 4, age_old, age)
    birth_year = ref_year - age
    birth = to_days((birth_year - 1970).astype("datetime64[Y]")) + (rng.random(n) * 365).astype(int)

    sex = np.where(rng.random(n) < np.where(linked, T.SEX_WOMAN, 0.53), 2, 1)
    origin = rng.choice(3, size=n, p=list(T.ORIGIN.values()))  # danish, western, non-western
    cohabiting = rng.random(n) < T.P_COHABITING
    edu = rng.choice(len(T.EDUCATION), size=n, p=list(T.EDUCATION.values()))
    inc = rng.choice(len(T.INCOME_GROUP), size=n, p=list(T.INCOME_GROUP.values()))
    lo = np.array([80_000, 200_000, 300_000, 400_000])
    hi = np.array([199_000, 299_000, 399_000, 800_000])
    income = lo[inc] + rng.random(n) * (hi[inc] - lo[inc])
    return (
        pd.DataFrame(
            {
                "person": first.person.to_numpy(),
                "k": first.k.to_numpy(),
                "sex": sex,
                "birth": birth,
                "origin": origin,
                "cohabiting": cohabiting,
                "education": edu,
                "income": income,  # disposable income of the year before the first start
                "income_year": ref_year - 1,
            }
        )
        .sort_values("person")
        .reset_index(drop=True)
    )
