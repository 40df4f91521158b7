"""SSSY, the health insurance: services per person, ISO week, specialty and service
number, with their count (antydel)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from rtw.synth.calendar import from_days, iso_year_week
from rtw.synth.registers.columns import strings, take, zfill

GP, PHYSIO, ERGO = 80, 51, 55  # speciale
CONSULTATION, PHONE, TREATMENT = "0101", "0201", "5001"  # ydelsesnr


def honuge(day) -> np.ndarray:
    """The ISO week of a day (days since 1970) as YYWW."""
    y, w = iso_year_week(from_days(np.asarray(day)))
    return np.char.add(zfill((y % 100).astype(str), 2), zfill(w.astype(str), 2))


def per_week(ids, r, day, speciale, ydelsesnr) -> pa.Table:
    """One row per person r, ISO week, specialty and service number of the services
    (one per element, on `day`), counted in antydel; rows in that order."""
    t = pd.DataFrame({"r": r, "honuge": honuge(day), "speciale": speciale, "ydelsesnr": ydelsesnr})
    t = t.groupby(["r", "honuge", "speciale", "ydelsesnr"], as_index=False).size()
    return table(ids, t.r.to_numpy(), t.honuge, t.speciale, t.ydelsesnr, t["size"])


def table(ids, r, week, speciale, ydelsesnr, antydel) -> pa.Table:
    """Rows of person r: ISO week YYWW, specialty, service number and count."""
    return pa.table(
        {
            "pnr": take(ids, r),
            "honuge": strings(week),
            "speciale": pa.array(np.asarray(speciale), pa.int32()),
            "ydelsesnr": strings(ydelsesnr),
            "antydel": pa.array(np.asarray(antydel), pa.int32()),
        }
    )
