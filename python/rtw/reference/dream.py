"""Weekly benefit status from DREAM (METHOD §2): status class per week, cleaned."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.compute as pc
import pyarrow.parquet as pq

from rtw.reference.readers import register_path
from rtw.reference.weeks import dream_column_monday, monday_of

# Status classes as small integers in the week matrix.
SELF_SUPPORTING = 0
ON_BENEFITS = 1
UNDETERMINABLE = 2
LEFT_COUNTRY = 3
DEAD = 4
CLASS_IDS = {
    "self_supporting": SELF_SUPPORTING,
    "on_benefits": ON_BENEFITS,
    "undeterminable": UNDETERMINABLE,
    "left_country": LEFT_COUNTRY,
    "dead": DEAD,
}
_UNKNOWN = -1
_OFFSET = 32768  # DREAM codes are SMALLINT: code + _OFFSET indexes a lookup table


@dataclass
class WeekStatus:
    """Cleaned status class per person and ISO week, for a contiguous range of weeks.

    ``status[row, col]``: row = position of the pnr in ``persons`` (one extra last
    row, all self-supporting, for persons without a DREAM row); col = weeks since
    ``first_monday``.
    """

    persons: pd.Index
    first_monday: pd.Timestamp
    status: np.ndarray

    def rows(self, pnr: pd.Series) -> np.ndarray:
        rows = self.persons.get_indexer(pnr)
        rows[rows < 0] = len(self.persons)
        return rows

    def column(self, dates: pd.Series, k: int = 0) -> np.ndarray:
        """Column of week k relative to each date (the week containing date + 7k days)."""
        monday = monday_of(dates + pd.Timedelta(days=7 * k))
        cols = ((monday - self.first_monday).dt.days // 7).to_numpy()
        if len(cols) and (cols.min() < 0 or cols.max() >= self.status.shape[1]):
            raise IndexError("a week outside the DREAM weeks that were read")
        return cols

    def at(self, pnr: pd.Series, dates: pd.Series, k: int) -> np.ndarray:
        """Status class of week k relative to each (person, date)."""
        return self.status[self.rows(pnr), self.column(dates, k)]


def _class_lookup(dream_codes: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Tables indexed by code + _OFFSET: status class id, and is-sickness flag."""
    classes = np.full(65536, _UNKNOWN, dtype=np.int8)
    sickness = np.zeros(65536, dtype=bool)
    index = dream_codes["dream_code"].to_numpy() + _OFFSET
    classes[index] = dream_codes["status_class"].map(CLASS_IDS).to_numpy()
    sickness[index] = dream_codes["is_sickness"].to_numpy()
    return classes, sickness


def clean_short_sickness(status: np.ndarray, sick: np.ndarray, max_weeks: int) -> np.ndarray:
    """Set every sickness spell of at most ``max_weeks`` weeks to self-supporting.

    A spell is a maximal run of consecutive sickness weeks in a person's row.
    """
    n_persons, n_weeks = sick.shape
    # One non-sick week on both sides of each row, so that no run crosses rows.
    padded = np.zeros((n_persons, n_weeks + 2), dtype=np.int8)
    padded[:, 1:-1] = sick
    flat = padded.ravel()
    change = np.diff(flat)
    run_starts = np.flatnonzero(change == 1) + 1  # first sick week of a run
    run_ends = np.flatnonzero(change == -1) + 1  # first week after the run
    short = (run_ends - run_starts) <= max_weeks
    # Mark the weeks of the short runs: +1 at each start, -1 after each end.
    marks = np.zeros(flat.size + 1, dtype=np.int32)
    np.add.at(marks, run_starts[short], 1)
    np.add.at(marks, run_ends[short], -1)
    in_short_run = (np.cumsum(marks)[:-1] > 0).reshape(padded.shape)[:, 1:-1]
    cleaned = status.copy()
    cleaned[in_short_run] = SELF_SUPPORTING
    return cleaned


def read_week_status(
    register_dir: str | Path,
    dream_codes: pd.DataFrame,
    pnrs: pd.Series,
    first_monday: date,
    last_monday: date,
    short_sickness_max_weeks: int,
) -> WeekStatus:
    """Read DREAM for ``pnrs`` and the weeks ``first_monday``..``last_monday``.

    ``short_sickness_max_weeks + 1`` extra weeks are read on both sides: a sickness
    run that reaches a wanted week and is cut by that margin is longer than the
    threshold either way, so the cleaning equals cleaning over the whole DREAM row.
    Weeks outside the file count as blank. An unknown code raises ValueError.
    """
    path = register_path(register_dir, "dream")
    margin = timedelta(weeks=short_sickness_max_weeks + 1)
    grid_start = first_monday - margin
    n_weeks = (last_monday - first_monday).days // 7 + 1 + 2 * (short_sickness_max_weeks + 1)

    names = pq.read_schema(path).names
    if "pnr" not in names:
        raise ValueError("dream.parquet: required column(s) missing: pnr")
    week_columns = {}  # column position in the grid -> DREAM column name
    for name in names:
        monday = dream_column_monday(name)
        if monday is not None and 0 <= (monday - grid_start).days // 7 < n_weeks:
            week_columns[(monday - grid_start).days // 7] = name

    persons = sorted(set(pnrs))
    table = pq.read_table(
        path, columns=["pnr", *week_columns.values()], filters=[("pnr", "in", persons)]
    )
    pnr_index = pd.Index(table.column("pnr").to_pylist())
    if pnr_index.has_duplicates:
        dupes = pnr_index[pnr_index.duplicated()].unique()[:5].tolist()
        raise ValueError(f"dream.parquet: pnr is not unique, e.g. {dupes}")

    codes = np.zeros((len(pnr_index), n_weeks), dtype=np.int32)
    blank = np.ones((len(pnr_index), n_weeks), dtype=bool)
    for col, name in week_columns.items():
        values = table.column(name)
        blank[:, col] = values.is_null().to_numpy(zero_copy_only=False)
        codes[:, col] = pc.fill_null(values, 0).to_numpy(zero_copy_only=False)

    class_of, is_sickness = _class_lookup(dream_codes)
    status = class_of[codes + _OFFSET]
    sick = is_sickness[codes + _OFFSET] & ~blank
    status[blank] = SELF_SUPPORTING
    unknown = status == _UNKNOWN
    if unknown.any():
        found, weeks = np.unique(codes[unknown], return_counts=True)
        detail = ", ".join(f"{c} ({n} weeks)" for c, n in zip(found, weeks, strict=True))
        raise ValueError(f"dream.parquet: DREAM code(s) not in ref_dream_codes: {detail}")

    status = clean_short_sickness(status, sick, short_sickness_max_weeks)
    # The extra last row: persons without a DREAM row are self-supporting every week.
    status = np.vstack([status, np.zeros((1, n_weeks), dtype=status.dtype)])
    return WeekStatus(pnr_index, pd.Timestamp(grid_start), status)
