"""Column building blocks shared by the register modules: person numbers, dates, strings."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

S = pa.string()


def zfill(a: np.ndarray, width: int) -> np.ndarray:
    """np.char.zfill that also takes an empty array (a small extract may have no rows)."""
    a = np.asarray(a)
    if a.size == 0:
        return np.array([], dtype=f"<U{width}")
    return np.char.zfill(a, width)


def pnr(i: np.ndarray) -> np.ndarray:
    """Pseudonymised person numbers: 10 characters, never a CPR number."""
    i = np.asarray(i, dtype=np.int64)
    if i.size == 0:
        return np.array([], dtype="<U10")
    return np.char.add("R", zfill(i.astype(str), 9))


def date(days) -> pa.Array:
    """Days since 1970-01-01 as an Arrow date32 column."""
    return pa.array(np.asarray(days, dtype=np.int32), type=pa.date32())


def strings(values, n: int | None = None) -> pa.Array:
    """A string column from numpy/pandas values, an Arrow array (kept as it is) or one
    string for all `n` rows."""
    if isinstance(values, pa.Array | pa.ChunkedArray):
        return values
    if isinstance(values, str):
        values = np.full(n, values)
    return pa.array(np.asarray(values), S)


def take(values: np.ndarray, index: np.ndarray, typ=S) -> pa.Array:
    """values[index] as an Arrow array, without building the repeated strings in numpy."""
    return pa.array(values, typ).take(pa.array(index, pa.int64()))


def spread(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row index and offset 0..counts[i]-1 for each of counts[i] items of row i."""
    counts = np.asarray(counts, dtype=np.int64)
    idx = np.repeat(np.arange(len(counts)), counts)
    offs = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return idx, offs


def person_years(present: np.ndarray, years) -> tuple[np.ndarray, np.ndarray]:
    """(person row, year) of every True cell of a person x year matrix, person by person."""
    r, j = np.nonzero(present)
    return r, np.asarray(list(years))[j]
