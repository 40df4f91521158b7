"""Reading the register folder (REGISTERS.md) and the reference seeds (CSV)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

STATUS_CLASSES = ("on_benefits", "undeterminable", "left_country", "dead")


def _pandas_type(arrow_type: pa.DataType):
    """Integers become nullable Int64; everything else keeps pyarrow's default."""
    if pa.types.is_integer(arrow_type):
        return pd.Int64Dtype()
    return None


def register_path(register_dir: str | Path, name: str) -> Path:
    path = Path(register_dir) / f"{name}.parquet"
    if not path.exists():
        raise FileNotFoundError(f"register file {path} is missing")
    return path


def read_register(
    register_dir: str | Path,
    name: str,
    columns: list[str],
    pnrs: Iterable[str] | None = None,
    filters: list[tuple] | None = None,
) -> pd.DataFrame:
    """Read the given columns of ``<name>.parquet``.

    ``pnrs`` keeps only those persons (pushed down to the Parquet reader), ``filters``
    adds further pyarrow filters. Dates come back as ``datetime64[us]``, integers as
    ``Int64``, text as ``str``.
    """
    path = register_path(register_dir, name)
    names = pq.read_schema(path).names
    missing = [c for c in columns if c not in names]
    if missing:
        raise ValueError(f"{path.name}: required column(s) missing: {', '.join(missing)}")
    all_filters = list(filters or [])
    if pnrs is not None:
        all_filters.append(("pnr", "in", sorted(set(pnrs))))
    if any(op == "in" and len(values) == 0 for _, op, values in all_filters):
        table = pq.read_schema(path).empty_table().select(columns)  # "in" nothing
    else:
        table = pq.read_table(path, columns=columns, filters=all_filters or None)
    df = table.to_pandas(date_as_object=False, types_mapper=_pandas_type)
    for column in df.columns:
        if pd.api.types.is_datetime64_any_dtype(df[column]):
            df[column] = df[column].astype("datetime64[us]")
    return df


def _as_bool(value) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"true", "t", "1", "yes", "y"}


def read_dream_codes(seeds_dir: str | Path) -> pd.DataFrame:
    """``ref_dream_codes.csv``: one row per DREAM code with its status class (METHOD §2.1).

    Returns columns ``dream_code`` (int), ``status_class`` and ``is_sickness`` (bool).
    """
    path = Path(seeds_dir) / "ref_dream_codes.csv"
    if not path.exists():
        raise FileNotFoundError(f"seed {path} is missing")
    codes = pd.read_csv(path, dtype={"status_class": "str"})
    for column in ("dream_code", "status_class", "is_sickness"):
        if column not in codes.columns:
            raise ValueError(f"{path.name}: required column {column!r} missing")
    codes["dream_code"] = codes["dream_code"].astype(int)
    codes["status_class"] = codes["status_class"].str.strip()
    codes["is_sickness"] = codes["is_sickness"].map(_as_bool).astype(bool)
    bad = sorted(set(codes["status_class"]) - set(STATUS_CLASSES))
    if bad:
        raise ValueError(f"{path.name}: unknown status_class value(s) {bad}")
    duplicated = codes.loc[codes["dream_code"].duplicated(), "dream_code"].tolist()
    if duplicated:
        raise ValueError(f"{path.name}: dream_code listed more than once: {duplicated}")
    return codes[["dream_code", "status_class", "is_sickness"]]
