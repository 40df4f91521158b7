"""Type a column of DST's files to REGISTERS.md's type, counting values that do not convert."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

ARROW = {
    "VARCHAR": pa.string(),
    "INTEGER": pa.int32(),
    "SMALLINT": pa.int16(),
    "DOUBLE": pa.float64(),
    "DATE": pa.date32(),
}
# SAS counts days from 1960-01-01, Arrow from 1970-01-01.
SAS_EPOCH_OFFSET = 3653
FLOAT_CODE = r"^(-?\d+)\.0*$"


class BadValues(Exception):
    def __init__(self, count: int, example):
        super().__init__(f"{count} values do not convert, e.g. {example!r}")
        self.count = count
        self.example = example


def _strings(s: pd.Series) -> pd.Series:
    """Strings without SAS's trailing blanks; blank is null (vectorised: DREAM is wide)."""
    text = s.astype("string").str.strip()
    return text.mask(text == "")


def _check(original: pd.Series, bad: pd.Series) -> None:
    if bad.any():
        raise BadValues(int(bad.sum()), original[bad].iloc[0])


def _numbers(s: pd.Series) -> pd.Series:
    if pd.api.types.is_numeric_dtype(s):
        return s.astype("float64")
    text = _strings(s)
    out = pd.to_numeric(text, errors="coerce").astype("float64")
    _check(s, text.notna() & out.isna())
    return out


def to_varchar(s: pd.Series, pad: int | None = None) -> pa.Array:
    if pd.api.types.is_numeric_dtype(s):
        # A code SAS stored as a number: 8.0 is "8" (and "08" with pad 2).
        _check(s, s.notna() & (s != np.round(s)))
        text = s.map(lambda v: None if pd.isna(v) else str(int(v)))
    else:
        text = _strings(s).astype("string").str.replace(FLOAT_CODE, r"\1", regex=True)
    values = pd.Series(text, dtype="string").to_numpy(dtype=object, na_value=None)
    if pad:
        values = [v.zfill(pad) if v is not None and v.isdigit() else v for v in values]
    return pa.array(values, type=pa.string())


def to_integer(s: pd.Series, dtype: str) -> pa.Array:
    x = _numbers(s)
    info = np.iinfo(np.int16 if dtype == "SMALLINT" else np.int32)
    _check(s, x.notna() & ((x != np.round(x)) | (x < info.min) | (x > info.max)))
    return pa.array(x.to_numpy(), mask=x.isna().to_numpy(), from_pandas=True).cast(ARROW[dtype])


def to_double(s: pd.Series) -> pa.Array:
    x = _numbers(s)
    return pa.array(x.to_numpy(), mask=x.isna().to_numpy(), type=pa.float64())


def to_date(s: pd.Series) -> pa.Array:
    if pd.api.types.is_datetime64_any_dtype(s):
        return pa.array(s.dt.date, type=pa.date32())
    if pd.api.types.is_numeric_dtype(s):
        days = s.astype("float64")
    else:
        text = _strings(s)
        days = pd.to_numeric(text, errors="coerce").astype("float64")
        rest = text.notna() & days.isna()
        if rest.any():
            # Dates written as text: ISO (2016-03-01) or SAS's DATE9 (01MAR2016).
            parsed = pd.to_datetime(text[rest], format="ISO8601", errors="coerce")
            miss = parsed.isna()
            if miss.any():
                parsed[miss] = pd.to_datetime(text[rest][miss], format="%d%b%Y", errors="coerce")
            _check(s[rest], parsed.isna())
            epoch = pd.Timestamp("1960-01-01")
            days[rest] = (parsed - epoch).dt.days.astype("float64")
    _check(s, days.notna() & (days != np.round(days)))
    arrow_days = (days - SAS_EPOCH_OFFSET).to_numpy()
    return (
        pa.array(arrow_days, mask=days.isna().to_numpy(), from_pandas=True)
        .cast(pa.int32())
        .cast(pa.date32())
    )


def convert(s: pd.Series, dtype: str, pad: int | None = None) -> pa.Array:
    """`s` as an Arrow array of the contract's `dtype`; BadValues when some do not convert."""
    if dtype == "VARCHAR":
        return to_varchar(s, pad)
    if dtype in ("INTEGER", "SMALLINT"):
        return to_integer(s, dtype)
    if dtype == "DOUBLE":
        return to_double(s)
    if dtype == "DATE":
        return to_date(s)
    raise ValueError(f"no conversion to {dtype}")
