"""VNDS, migrations: one row per immigration (I) or emigration (U)."""

from __future__ import annotations

import pyarrow as pa

from rtw.synth.registers.columns import date, strings, take


def table(ids, r, day, kind) -> pa.Table:
    """Person r migrated on `day` (days since 1970) in direction `kind` ("I" or "U")."""
    return pa.table({"pnr": take(ids, r), "haend_dato": date(day), "indud_kode": strings(kind)})
