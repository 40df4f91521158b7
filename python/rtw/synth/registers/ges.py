"""GES, municipal rehab services: one row per service, performed by a municipality."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from rtw.synth.calendar import from_days, year_of
from rtw.synth.registers.columns import date, take, zfill


def table(ids, services: pd.DataFrame, codes: np.ndarray, failing: set, rng) -> pa.Table:
    """services: one row per service with person row `r`, `day`, performing
    municipality code `kom` and `single` (the course's only service). The
    municipality-years that fail the GES quality rules (`failing`: (municipality index,
    year)) report some services three times (`double_report`). Rows by person and day,
    numbered; ydelse_kode drawn (70 % AGI)."""
    svc = double_report(services, codes, failing)
    svc = svc.sort_values(["r", "day"], kind="stable")
    gid = np.char.add("G", zfill(np.arange(len(svc)).astype(str), 11))
    kode = np.where(rng.random(len(svc)) < 0.7, "AGI", "AGH")
    return pa.table(
        {
            "ges_id": pa.array(gid, pa.string()),
            "pnr": take(ids, svc.r.to_numpy()),
            "ydelse_dato": date(svc.day),
            "kom": pa.array(svc.kom.to_numpy(), pa.int32()),
            "ydelse_kode": pa.array(kode, pa.string()),
        }
    )


def double_report(svc: pd.DataFrame, codes: np.ndarray, bad: set) -> pd.DataFrame:
    """Reporting errors of the municipality-years that fail the GES quality rules (table
    3.1): in even months every service they performed is reported three times, so that
    services per person swing month to month (rule 10b) whatever the municipality's
    size. A course with a single service keeps it single (rule 3 must still fail)."""
    k_of_code = np.full(int(codes.max()) + 1, -1)
    k_of_code[codes] = np.arange(len(codes))
    years = np.arange(2000, 2031)
    bad_lut = np.zeros((len(codes), len(years)), bool)
    for k, y in bad:
        bad_lut[k, y - years[0]] = True
    dates = from_days(svc.day.to_numpy())
    year = np.clip(year_of(dates), years[0], years[-1]) - years[0]
    even_month = (dates.astype("datetime64[M]").astype(int) % 12) % 2 == 1
    failing = bad_lut[k_of_code[svc.kom.to_numpy()], year]
    twice = svc[failing & even_month & ~svc.single.to_numpy()]
    return pd.concat([svc, twice, twice], ignore_index=True).drop(columns="single")
