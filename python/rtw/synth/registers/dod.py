"""DOD, the register of deaths: one row per death."""

from __future__ import annotations

import pyarrow as pa

from rtw.synth.registers.columns import date, take


def table(ids, r, day) -> pa.Table:
    """Persons r died on `day` (days since 1970)."""
    return pa.table({"pnr": take(ids, r), "doddato": date(day)})
