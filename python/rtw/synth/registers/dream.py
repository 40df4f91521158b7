"""DREAM, transfer payments: wide, one row per person and one int16 column per ISO
week (the benefit code, null for a blank week). The person x week matrix the
populations paint is rtw.synth.dream.DreamMatrix."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from rtw.synth.calendar import WeekCalendar
from rtw.synth.registers.columns import S

ROW_GROUP = 100_000


def schema(calendar: WeekCalendar) -> pa.Schema:
    return pa.schema([("pnr", S), *[(c, pa.int16()) for c in calendar.column_names()]])


def table(ids: np.ndarray, m: np.ndarray, schema_: pa.Schema) -> pa.Table:
    """Rows `ids` with the codes of the person x week matrix m (0 = blank, null)."""
    cols = np.ascontiguousarray(m.T)
    arrays = [pa.array(ids, S)]
    arrays += [pa.array(c, type=pa.int16(), mask=c == 0) for c in cols]
    return pa.Table.from_arrays(arrays, schema=schema_)


def write(out: Path, calendar: WeekCalendar, parts) -> int:
    """dream.parquet of the parts (ids, matrix) one after the other, in row groups of
    ROW_GROUP persons; returns the file's size."""
    schema_ = schema(calendar)
    path = out / "dream.parquet"
    with pq.ParquetWriter(path, schema_, compression="zstd") as w:
        for ids, m in parts:
            for lo in range(0, len(ids), ROW_GROUP):
                sl = slice(lo, min(lo + ROW_GROUP, len(ids)))
                w.write_table(table(ids[sl], m[sl], schema_))
    return path.stat().st_size
