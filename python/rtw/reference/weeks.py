"""ISO-week arithmetic (METHOD §1), always through dates, never ``week + k``."""

from __future__ import annotations

import math
import re
from datetime import date

import pandas as pd

_DREAM_COLUMN = re.compile(r"^y_(\d{2})(\d{2})$")


def dream_column_monday(column: str) -> date | None:
    """Monday of the ISO week a DREAM column names: ``y_1553`` -> 2015-12-28.

    Returns None for a column that is not a week column (e.g. ``pnr``); raises
    ValueError for a week that does not exist (``y_1653``). Years are 20YY.
    """
    match = _DREAM_COLUMN.match(column)
    if match is None:
        return None
    year, week = 2000 + int(match[1]), int(match[2])
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError as err:
        raise ValueError(f"dream.parquet: column {column} is not a real ISO week") from err


def dream_column(monday: date) -> str:
    """The DREAM column of the ISO week containing ``monday``: 2015-12-28 -> ``y_1553``."""
    year, week, _ = monday.isocalendar()
    return f"y_{year % 100:02d}{week:02d}"


def monday_of(dates: pd.Series) -> pd.Series:
    """Monday of the ISO week that contains each date."""
    return dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")


def week_monday(dates: pd.Series, k: int) -> pd.Series:
    """Monday of week k relative to each date: the ISO week containing date + 7k days."""
    return monday_of(dates + pd.Timedelta(days=7 * k))


def month_weeks(m: int) -> tuple[int, ...]:
    """The weeks after rehab start that measure month m (METHOD §1).

    m=0 is week 0 alone; otherwise weeks w-2, w-1, w with w = round(52*m/12):
    1 -> 2..4, 2 -> 7..9, 3 -> 11..13, 4 -> 15..17, 5 -> 20..22, 6 -> 24..26.
    """
    if m == 0:
        return (0,)
    w = math.floor(52 * m / 12 + 0.5)
    return (w - 2, w - 1, w)


def months_back(dates: pd.Series, months: int) -> pd.Series:
    """``date - n calendar months``, clipped to the month's end (2016-04-30 - 2 -> 02-29)."""
    return dates - pd.DateOffset(months=months)
