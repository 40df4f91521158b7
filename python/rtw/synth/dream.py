"""The DREAM register of the cohort as a person x week matrix of benefit codes.

Spells are painted onto the matrix (0 = blank week); later paints overwrite earlier
ones. `classify` reads the matrix back the way METHOD §2 does (status class, short
sickness cleaning), so the generator can measure the covariates it has written.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rtw.synth.calendar import WeekCalendar

SICK, PARTIAL_SICK = 890, 899
UNEMPLOYED, SOCIAL_ASSISTANCE = 111, 131
JOB_CLARIFICATION, RESOURCE, FLEX, REVALIDATION = 785, 810, 771, 750
HOLIDAY_PAY, LEAVE, MATERNITY, STUDY, EARLY_RETIREMENT = 121, 412, 881, 651, 621
DISABILITY_PENSION, OLD_AGE_PENSION = 783, 998
ABROAD, DEAD = 997, 999


# Full benefit: a week of one of these codes leaves no room for paid work, so BFL shows
# no hours in a month whose every week carries one (METHOD §8 "In work"; REGISTERS.md:
# hours go with DREAM). Not full: partial sickness benefit 899, flexjob 771 and sickness
# during flexjob 774 (hours are paid), the job-like codes (servicejob 511, rotationsvikar
# 522, voksenlærling 521), activation, leave, study and the pensions a person may work
# beside (efterløn, folkepension).
FULL_BENEFIT_CODES = np.array(
    [
        *range(111, 115),
        *range(130, 150),
        *range(700, 749),
        *range(810, 819),
        783,
        785,
        890,
        *range(893, 899),
        997,
        999,
    ]
)


class DreamMatrix:
    def __init__(self, n_persons: int, calendar: WeekCalendar, dream_codes: pd.DataFrame):
        self.calendar = calendar
        self.codes = dream_codes
        self.m = np.zeros((n_persons, calendar.n_weeks), dtype=np.int16)
        lut = np.zeros(1000, dtype=np.int8)  # 0 blank, 1 on, 2 undeterminable, 3 left/dead
        cls = {"on_benefits": 1, "undeterminable": 2, "left_country": 3, "dead": 3}
        lut[dream_codes.dream_code.to_numpy()] = dream_codes.status_class.map(cls).to_numpy()
        self.class_lut = lut
        sick = np.zeros(1000, dtype=bool)
        sick[dream_codes.dream_code[dream_codes.is_sickness.astype(bool)].to_numpy()] = True
        self.sick_lut = sick

    @property
    def n_weeks(self) -> int:
        return self.m.shape[1]

    def paint(self, rows, c0, c1, code) -> None:
        """Set weeks c0..c1 (inclusive, clipped to the calendar) of each row to code."""
        rows = np.asarray(rows, dtype=np.int64)
        c0 = np.clip(np.asarray(c0, dtype=np.int64), 0, self.n_weeks)
        c1 = np.clip(np.asarray(c1, dtype=np.int64), -1, self.n_weeks - 1)
        code = np.broadcast_to(np.asarray(code, dtype=np.int16), rows.shape)
        length = np.maximum(c1 - c0 + 1, 0)
        if length.sum() == 0:
            return
        r = np.repeat(rows, length)
        offs = np.arange(length.sum()) - np.repeat(np.cumsum(length) - length, length)
        c = np.repeat(c0, length) + offs
        self.m[r, c] = np.repeat(code, length)

    def classify(self, rows: np.ndarray, short_max: int = 4):
        """(benefit, undeterminable, left) boolean week matrices for the rows, after
        treating sickness spells of at most `short_max` weeks as self-supporting."""
        codes = self.m[rows]
        cls = self.class_lut[codes]
        sick = self.sick_lut[codes]
        # Run lengths of sickness weeks, computed on the flattened rows with a blank
        # column between persons so that runs never cross rows.
        padded = np.concatenate([sick, np.zeros((len(rows), 1), bool)], axis=1).ravel()
        starts = padded & ~np.concatenate([[False], padded[:-1]])
        run_id = np.cumsum(starts)
        lengths = np.bincount(run_id[padded], minlength=run_id.max(initial=0) + 1)
        run_len = np.where(padded, lengths[run_id], 0).reshape(len(rows), sick.shape[1] + 1)[:, :-1]
        short = sick & (run_len <= short_max)
        benefit = (cls == 1) & ~short
        return benefit, cls == 2, cls == 3

    def to_arrow_columns(self, rows: slice | np.ndarray | None = None):
        import pyarrow as pa

        m = self.m if rows is None else self.m[rows]
        cols = []
        for j in range(m.shape[1]):
            col = m[:, j]
            cols.append(pa.array(col, type=pa.int16(), mask=col == 0))
        return cols


def random_spells(mx: DreamMatrix, rows, n_per, min_len, max_len, code, free, rng):
    """n_per spells of each row of min_len..max_len weeks at random places, painted only
    where every week of the spell is free (a person x week mask)."""
    if len(rows) == 0:
        return
    rows = np.repeat(rows, n_per)
    length = rng.integers(min_len, max_len + 1, len(rows))
    start = rng.integers(0, mx.n_weeks, len(rows))
    end = np.minimum(start + length - 1, mx.n_weeks - 1)
    span = end - start + 1
    offs = np.arange(span.sum()) - np.repeat(np.cumsum(span) - span, span)
    cells = free[np.repeat(rows, span), np.repeat(start, span) + offs]
    ok = np.logical_and.reduceat(cells, np.r_[0, np.cumsum(span)[:-1]])
    mx.paint(rows[ok], start[ok], end[ok], code if np.ndim(code) == 0 else code[ok])


def window_count(flags: np.ndarray, c0: np.ndarray, c1: np.ndarray) -> np.ndarray:
    """Count of True weeks c0..c1 (inclusive) per row of a boolean week matrix."""
    cs = np.concatenate(
        [np.zeros((flags.shape[0], 1), np.int32), np.cumsum(flags, axis=1, dtype=np.int32)], axis=1
    )
    w = flags.shape[1]
    a = np.clip(c0, 0, w)
    b = np.clip(c1 + 1, 0, w)
    r = np.arange(flags.shape[0])
    return np.where(b > a, cs[r, b] - cs[r, a], 0)


def week_months(calendar: WeekCalendar) -> np.ndarray:
    """The month of each calendar week as YYYYMM: the month of its Thursday (METHOD §8)."""
    thursday = calendar.monday(np.arange(calendar.n_weeks)) + np.timedelta64(3, "D")
    month = thursday.astype("datetime64[M]").astype(np.int64)
    return (month // 12 + 1970) * 100 + month % 12 + 1


def full_benefit_months(m: np.ndarray, calendar: WeekCalendar) -> tuple[np.ndarray, np.ndarray]:
    """(months YYYYMM, person x month boolean): every week of the month is full benefit."""
    months = week_months(calendar)
    starts = np.r_[0, np.flatnonzero(np.diff(months)) + 1]
    full = np.isin(m, FULL_BENEFIT_CODES)
    counts = np.add.reduceat(full.astype(np.int16), starts, axis=1)
    weeks = np.diff(np.r_[starts, len(months)])
    return months[starts], counts == weeks[None, :]


def work_share(
    m: np.ndarray, calendar: WeekCalendar, not_working: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """(months YYYYMM, person x month share of the month's weeks not on full benefit):
    the share of a month's usual hours a person can work. Weeks flagged in not_working
    (person x week) are not worked either (out of work without a full benefit)."""
    months = week_months(calendar)
    starts = np.r_[0, np.flatnonzero(np.diff(months)) + 1]
    free = ~np.isin(m, FULL_BENEFIT_CODES)
    if not_working is not None:
        free &= ~not_working
    counts = np.add.reduceat(free.astype(np.int16), starts, axis=1)
    weeks = np.diff(np.r_[starts, len(months)])
    return months[starts], counts / weeks[None, :]
