"""BEF, the population register: one row per person resident at the end of a year."""

from __future__ import annotations

import numpy as np
import pyarrow as pa

from rtw.synth.registers.columns import date, take, zfill

YEARS = range(2014, 2019)


def country_of_origin(origin: np.ndarray, ref, rng) -> np.ndarray:
    """BEF's opr_land for origin 0 (Danish: 5100), 1 (western), 2 (non-western): a
    country drawn uniformly from the seed's western or non-western countries."""
    countries = ref.countries
    west = countries[countries.is_western.astype(bool) & (countries.country_code > 5100)]
    nonwest = countries[~countries.is_western.astype(bool) & (countries.country_code > 5101)]
    n = len(origin)
    country = np.where(
        origin == 1,
        west.country_code.to_numpy()[rng.integers(len(west), size=n)],
        nonwest.country_code.to_numpy()[rng.integers(len(nonwest), size=n)],
    )
    return np.where(origin == 0, 5100, country)


def partner_numbers(cohabiting: np.ndarray, rng) -> np.ndarray:
    """e_faelle_id: a drawn partner number ("F" and 9 digits, drawn for everyone) for
    the cohabiting, None for the others."""
    n = len(cohabiting)
    return np.where(
        cohabiting, np.char.add("F", zfill(rng.integers(0, 10**9, n).astype(str), 9)), None
    )


def table(ids, r, year, *, sex, birth, kom, partner, ie_type, country) -> pa.Table:
    """Rows (person r, year) of persons whose facts are given per person: sex (1 man,
    2 woman), birth day, municipality code, partner number (or None), ie_type and
    country of origin."""
    return pa.table(
        {
            "pnr": take(ids, r),
            "aar": pa.array(year, pa.int32()),
            "koen": pa.array(np.asarray(sex)[r], pa.int32()),
            "foed_dag": date(np.asarray(birth)[r]),
            "kom": pa.array(np.asarray(kom)[r], pa.int32()),
            "e_faelle_id": take(partner, r),
            "ie_type": pa.array(np.asarray(ie_type)[r], pa.int32()),
            "opr_land": pa.array(np.asarray(country)[r], pa.int32()),
        }
    )
