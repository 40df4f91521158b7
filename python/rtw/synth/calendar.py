"""ISO-week calendar shared by the generator's registers.

Weeks are handled as an index into a contiguous run of ISO weeks (one per Monday), so
"week k relative to a date" is plain index arithmetic and calendar true: 2015 has a
week 53, and the week after 2015-W53 is 2016-W01.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

EPOCH = np.datetime64("1970-01-01", "D")


def iso_week1_monday(year: int) -> dt.date:
    jan4 = dt.date(year, 1, 4)
    return jan4 - dt.timedelta(days=jan4.isoweekday() - 1)


def weeks_in_iso_year(year: int) -> int:
    return dt.date(year, 12, 28).isocalendar()[1]


@dataclass(frozen=True)
class WeekCalendar:
    """The ISO weeks from `first_year` week 1 to `last_year`'s last week."""

    first_year: int
    last_year: int

    @property
    def first_monday(self) -> np.datetime64:
        return np.datetime64(iso_week1_monday(self.first_year), "D")

    @property
    def n_weeks(self) -> int:
        return sum(weeks_in_iso_year(y) for y in range(self.first_year, self.last_year + 1))

    def column_names(self) -> list[str]:
        """DREAM column names `y_YYWW`, in calendar order."""
        return [
            f"y_{y % 100:02d}{w:02d}"
            for y in range(self.first_year, self.last_year + 1)
            for w in range(1, weeks_in_iso_year(y) + 1)
        ]

    def week_index(self, dates: np.ndarray) -> np.ndarray:
        """Index of the ISO week containing each date (datetime64[D]); may fall outside."""
        days = (dates.astype("datetime64[D]") - self.first_monday).astype(np.int64)
        return np.floor_divide(days, 7)

    def monday(self, index: np.ndarray) -> np.ndarray:
        return self.first_monday + (np.asarray(index, dtype=np.int64) * 7).astype("timedelta64[D]")


def to_days(dates: np.ndarray) -> np.ndarray:
    return (dates.astype("datetime64[D]") - EPOCH).astype(np.int64)


def from_days(days: np.ndarray) -> np.ndarray:
    return EPOCH + np.asarray(days, dtype=np.int64).astype("timedelta64[D]")


def add_months(dates: np.ndarray, months: int | np.ndarray) -> np.ndarray:
    """Calendar month arithmetic, clamping the day (2016-03-31 - 1 month = 2016-02-29)."""
    d = dates.astype("datetime64[D]")
    m = d.astype("datetime64[M]")
    day = (d - m.astype("datetime64[D]")).astype(np.int64)
    target = m + np.asarray(months).astype("timedelta64[M]")
    length = ((target + 1).astype("datetime64[D]") - target.astype("datetime64[D]")).astype(
        np.int64
    )
    return target.astype("datetime64[D]") + np.minimum(day, length - 1).astype("timedelta64[D]")


def year_of(dates: np.ndarray) -> np.ndarray:
    return dates.astype("datetime64[Y]").astype(np.int64) + 1970


def month_of(dates: np.ndarray) -> np.ndarray:
    return dates.astype("datetime64[M]").astype(np.int64) % 12 + 1


def yyyymm(dates: np.ndarray) -> np.ndarray:
    return year_of(dates) * 100 + month_of(dates)


def iso_year_week(dates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """ISO year and week of each date (vectorised via the Thursday of its week)."""
    d = dates.astype("datetime64[D]")
    dow = (d - np.datetime64("1970-01-05", "D")).astype(np.int64) % 7  # Monday = 0
    thursday = d + (3 - dow).astype("timedelta64[D]")
    year = year_of(thursday)
    jan1 = (year - 1970).astype("datetime64[Y]")
    week = (thursday - jan1.astype("datetime64[D]")).astype(np.int64) // 7 + 1
    return year, week
