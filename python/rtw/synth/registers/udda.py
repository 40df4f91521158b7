"""UDDA, the education register: the highest education (hfaudd) per person and year."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from rtw.synth import targets as T
from rtw.synth.registers.columns import take, zfill

YEARS = range(2014, 2019)


def code(prefix, suffix) -> np.ndarray:
    """hfaudd codes: the seed's prefix of an education group and two more digits."""
    prefix = np.asarray(prefix).astype(str)
    return np.char.add(prefix, zfill(np.asarray(suffix).astype(str), 2))


def prefixes(ref, group: str) -> np.ndarray:
    edu = ref.education
    return edu.loc[edu.education_group == group, "hfaudd_prefix"].to_numpy()


def codes_by_group(group: np.ndarray, ref, rng) -> np.ndarray:
    """A code of each person's education group (names of targets.EDUCATION), drawn
    group by group: a prefix of the group, then the two digits."""
    code_ = np.empty(len(group), dtype=object)
    for g in T.EDUCATION:
        m = group == g
        options = prefixes(ref, g)
        pre = options[rng.integers(len(options), size=m.sum())]
        code_[m] = list(code(pre, rng.integers(10, 100, m.sum())))
    return code_


def table(ids, r, year, hfaudd) -> pa.Table:
    """Rows (person r, year) with the person's code (None: unknown)."""
    return pa.table(
        {
            "pnr": take(ids, r),
            "aar": pa.array(year, pa.int32()),
            "hfaudd": take(hfaudd, r),
        }
    )
