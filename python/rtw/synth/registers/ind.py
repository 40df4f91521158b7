"""IND, the income register: disposable income per person and year."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from rtw.synth.registers.columns import take

YEARS = range(2013, 2019)


def table(ids, r, year, income) -> pa.Table:
    """Rows (person r, year) with the row's income, rounded to whole kroner."""
    return pa.table(
        {
            "pnr": take(ids, r),
            "aar": pa.array(year, pa.int32()),
            "dispon_13": pa.array(np.round(income, 0), pa.float64()),
        }
    )
