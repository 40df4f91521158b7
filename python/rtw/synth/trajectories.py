"""Weekly benefit spells of the cohort, painted onto the DREAM matrix.

Week columns are calendar week indices; `aw` and `sw` are the weeks of admission and
rehab start. Before the start the spells realise a benefit-weeks band; after it they
realise the drawn outcome at 3 months and the report's curve for months 0-6.
"""

from __future__ import annotations

import numpy as np

from rtw.synth import dream as D
from rtw.synth import targets as T


def _cat(rng, n, bounds_probs):
    """Draw from piecewise-uniform integer ranges [(lo, hi, p), ...]."""
    p = np.array([b[2] for b in bounds_probs], float)
    i = rng.choice(len(p), size=n, p=p / p.sum())
    lo = np.array([b[0] for b in bounds_probs])[i]
    hi = np.array([b[1] for b in bounds_probs])[i]
    return lo + (rng.random(n) * (hi - lo + 1)).astype(int)


# End week (relative to the start) of a spell running at the start, given the outcome.
def _end_if_on(rng, n):
    s = T.SINCE_START_SHARE
    return _cat(
        rng,
        n,
        [
            (12, 15, (s[3] - s[4]) / s[3]),
            (16, 20, (s[4] - s[5]) / s[3]),
            (21, 24, (s[5] - s[6]) / s[3]),
            (25, 52, s[6] / s[3]),
        ],
    )


def _end_if_off(rng, n):
    s, on = T.SINCE_START_SHARE, T.NATIONAL_SHARE_START
    off = on - s[3]
    return _cat(
        rng,
        n,
        [
            (0, 2, (on - s[1]) / off),
            (3, 7, (s[1] - s[2]) / off),
            (8, 11, (s[2] - s[3]) / off),
        ],
    )


def prior_year_spells(mx: D.DreamMatrix, rows, aw, rng, earliest=None):
    """Benefit spells in the year before week -8 (weeks -60..-10), from week `earliest`
    on at the earliest: a repeat course's year before reaches back into its head
    course's designed weeks (its weeks -9..-7 and after its start), which it must leave
    as designed."""
    n = len(rows)
    has = rng.random(n) < T.P_PRIOR_YEAR_BENEFITS
    long = has & (rng.random(n) < T.P_PRIOR_YEAR_LONG)
    length = np.where(long, rng.integers(26, 46, n), rng.integers(5, 24, n))
    end = aw - 10 - rng.integers(0, 51 - length.clip(max=50) + 1)
    end = np.minimum(end, aw - 10)
    start = np.maximum(end - length + 1, aw - 60)
    if earliest is not None:
        start = np.maximum(start, earliest)
        has &= start <= end
    code = np.where(rng.random(n) < 0.55, D.SICK, D.UNEMPLOYED)
    mx.paint(rows[has], start[has], end[has], code[has])


def pre_start_spells(mx, rows, aw, sw, band, rng):
    """The spell from week -7 relative to admission up to the start realising `band`
    (0 none, 1: 1-4 weeks, 2: 5-8, 3: over 8). Returns (count, running_at_start, code,
    minimum weeks it must go on after the start)."""
    n = len(rows)
    room = sw - (aw - 7) + 1  # weeks from -7 to the start week
    lo = np.array([0, 1, 5, 9])[band]
    hi = np.minimum(np.array([0, 4, 8, 60])[band], room)
    count = np.where(band > 0, lo + (rng.random(n) * (np.maximum(hi - lo, 0) + 1)).astype(int), 0)
    count = np.minimum(count, room)
    unemployed = (band > 0) & (rng.random(n) < 0.05)
    code = np.where(unemployed, D.UNEMPLOYED, D.SICK)
    # Some spells of 5+ weeks end the week before the start.
    ended = (band >= 2) & (count <= room - 1) & (rng.random(n) < 0.22) & ~unemployed
    last = np.where(ended, sw - 1, sw)
    has = count > 0
    running = has & ~ended
    # A sickness spell shorter than 5 weeks would be cleaned away: it goes on after
    # the start for at least the missing weeks (painted now, so it can be measured).
    min_after = np.where(running & (code == D.SICK), np.maximum(5 - count, 0), 0)
    mx.paint(rows[has], (last - count + 1)[has], (last + min_after)[has], code[has])
    return count, running, code, min_after


def post_start_spells(mx, rows, sw, running, code, pre_count, min_after, y3, cap, person, rng):
    """Spells after the start that realise the outcome y3 at weeks 11-13 and the
    report's shares at months 0-6 and benefit-type mix."""
    n = len(rows)
    end = np.where(y3 == 1, _end_if_on(rng, n), _end_if_off(rng, n))
    end = np.maximum(end, min_after)
    # Not running at the start but on benefits at 3 months: a new spell before week 12.
    new_start = rng.integers(1, 12, n)
    new = (~running) & (y3 == 1)
    new_code = rng.choice([D.SICK, D.UNEMPLOYED, D.SOCIAL_ASSISTANCE], size=n, p=[0.75, 0.15, 0.10])
    end = np.where(new, np.maximum(end, np.maximum(12, new_start + 4)), end)
    early = (~running) & (y3 == 0) & (rng.random(n) < 0.015)
    early_start = rng.integers(1, 7, n)
    early_end = np.minimum(early_start + rng.integers(4, 6, n), 10)
    end = np.minimum(end, cap)

    first = np.where(running, 1, np.where(new, new_start, np.where(early, early_start, 10_000)))
    last = np.where(running | new, end, np.where(early, early_end, -1))
    base_code = np.where(running, code, np.where(new, new_code, D.SICK))
    active = first <= last
    mx.paint(rows[active], (sw + first)[active], (sw + last)[active], base_code[active])

    sick_spell = active & (base_code == D.SICK)
    weeks_sick_before = np.where(running, pre_count, 0)
    # Partial return to work (still sickness benefit) from some week.
    partial_from = rng.integers(4, 13, n)
    partial = sick_spell & (rng.random(n) < 0.25) & (partial_from <= last)
    mx.paint(rows[partial], (sw + partial_from)[partial], (sw + last)[partial], D.PARTIAL_SICK)
    # Job lost: unemployment benefit for the rest of the spell.
    lost_from = np.maximum(rng.integers(6, 21, n), first + 5 - weeks_sick_before)
    lost = sick_spell & (rng.random(n) < T.P_SWITCH_UNEMPLOYMENT) & (lost_from <= last)
    mx.paint(rows[lost], (sw + lost_from)[lost], (sw + last)[lost], D.UNEMPLOYED)
    # Sickness benefit runs out after 22 weeks for about half: job clarification.
    runs_out = T.SICKNESS_MAX_WEEKS - weeks_sick_before + np.where(running, 0, first)
    clar = sick_spell & ~lost & (runs_out <= last) & (rng.random(n) < 0.45)
    mx.paint(rows[clar], (sw + runs_out)[clar], (sw + last)[clar], D.JOB_CLARIFICATION)

    # New spells later on (people who were back at work, then not).
    off_at_14 = last < 13
    late = off_at_14 & (rng.random(n) < 0.055)
    ls = rng.integers(14, 25, n)
    le = np.minimum(ls + rng.integers(5, 21, n), cap)
    lcode = rng.choice(
        [D.UNEMPLOYED, D.SICK, D.SOCIAL_ASSISTANCE, D.RESOURCE], size=n, p=[0.45, 0.35, 0.12, 0.08]
    )
    late &= ls <= le
    mx.paint(rows[late], (sw + ls)[late], (sw + le)[late], lcode[late])

    # Leave, study or retirement weeks after month 3: undeterminable at later months.
    und = rng.random(n) < T.P_UNDETERMINABLE_LATER
    us = rng.integers(14, 25, n)
    ue = np.minimum(us + rng.integers(4, 21, n), cap)
    und &= us <= ue
    ucode = undeterminable_code(person, rng)
    mx.paint(rows[und], (sw + us)[und], (sw + ue)[und], ucode[und])


def undeterminable_code(person, rng):
    """Leave, study, early retirement or holiday pay, by age and sex."""
    n = len(person["age"])
    age, woman = person["age"], person["sex"] == 2
    code = np.where(rng.random(n) < 0.15, D.HOLIDAY_PAY, D.LEAVE)
    code = np.where(age < 30, D.STUDY, code)
    code = np.where(woman & (age >= 25) & (age <= 42), D.MATERNITY, code)
    return np.where(age >= 60, D.EARLY_RETIREMENT, code)


def fail_rule_6(mx, rows, aw, work_month_first, person, rng):
    """Two or more benefit weeks among weeks -9..-7 before admission.

    The person is in work in the month that decides rule 5 (its first week is
    `work_month_first`), so a full-benefit spell (sickness, unemployment) leaves that
    week to work: BFL shows the month's hours, which a month of full benefit only could
    not have. Where that leaves fewer than two such weeks before week -7, the two weeks
    -9..-8 are leave, study or holiday pay instead (not a full benefit)."""
    n = len(rows)
    kind = rng.choice(3, size=n, p=[0.6, 0.3, 0.1])
    start = np.where(kind == 0, aw - 9 - rng.integers(0, 6, n), aw - 9)
    start = np.maximum(start, work_month_first + 1)
    kind = np.where((kind < 2) & (start > aw - 8), 2, kind)
    mx.paint(rows[kind == 0], start[kind == 0], (aw - 3)[kind == 0], D.SICK)
    mx.paint(rows[kind == 1], start[kind == 1], (aw - 7)[kind == 1], D.UNEMPLOYED)
    ucode = undeterminable_code(person, rng)
    mx.paint(rows[kind == 2], (aw - 9)[kind == 2], (aw - 8)[kind == 2], ucode[kind == 2])


def fail_rule_9(mx, rows, sw, person, rng):
    """At least 2 of weeks 11-13 undeterminable."""
    n = len(rows)
    s = rng.integers(3, 12, n)
    e = np.maximum(rng.integers(13, 40, n), 13)
    mx.paint(rows, sw + s, sw + e, undeterminable_code(person, rng))


def keep_work_weeks(mx: D.DreamMatrix, rows, first, last) -> None:
    """A course's person works in the month that decides rule 5 (weeks first..last), but
    the spells of another of the person's courses (a repeat course's prior year, an
    earlier course's weeks after its start) may cover that month with full benefit.
    Then the month's first week becomes a week of partial return (899) when it is
    sickness, which the rehab method reads the same way (a sickness week), and a week
    without benefit otherwise: BFL's hours in the month need a week of work."""
    rows = np.asarray(rows, dtype=np.int64)
    inside = (first >= 0) & (last < mx.n_weeks) & (first <= last)
    rows, first, last = rows[inside], first[inside], last[inside]
    length = last - first + 1
    offs = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
    cells = np.isin(
        mx.m[np.repeat(rows, length), np.repeat(first, length) + offs], D.FULL_BENEFIT_CODES
    )
    full = np.logical_and.reduceat(cells, np.r_[0, np.cumsum(length)[:-1]]) if len(rows) else cells
    r, w = rows[full], first[full]
    code = mx.m[r, w]
    sick = (code >= D.SICK) & (code < D.PARTIAL_SICK)
    mx.m[r, w] = np.where(sick, D.PARTIAL_SICK, 0)
