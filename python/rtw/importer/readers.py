"""Read DST's SAS and CSV files in chunks, as pandas frames with lower-case column names."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv

CHUNK_ROWS = 100_000


def _csv_header(path: Path) -> tuple[list[str], str]:
    with open(path, newline="", encoding="utf-8-sig") as f:
        first = f.readline()
    # DST's CSV exports use ";" as often as ","; the header line tells which.
    delimiter = ";" if first.count(";") > first.count(",") else ","
    names = next(csv.reader([first], delimiter=delimiter))
    return [n.strip() for n in names], delimiter


def columns(path: Path) -> tuple[list[str], int | None]:
    """The file's column names (lower case) and its number of rows when the file says."""
    if path.suffix.lower() == ".csv":
        names, _ = _csv_header(path)
        return [n.lower() for n in names], None
    import pyreadstat

    read = pyreadstat.read_sas7bdat if path.suffix.lower() == ".sas7bdat" else pyreadstat.read_xport
    _, meta = read(str(path), metadataonly=True)
    rows = meta.number_rows if meta.number_rows and meta.number_rows > 0 else None
    return [n.lower() for n in meta.column_names], rows


def chunks(path: Path) -> Iterator[pd.DataFrame]:
    """The file's rows in chunks; CSV values stay strings (convert.py types them)."""
    if path.suffix.lower() == ".csv":
        names, delimiter = _csv_header(path)
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(block_size=16 << 20, encoding="utf8"),
            parse_options=pacsv.ParseOptions(delimiter=delimiter),
            convert_options=pacsv.ConvertOptions(
                column_types={n: pa.string() for n in names}, strings_can_be_null=True
            ),
        )
        for batch in reader:
            frame = batch.to_pandas()
            frame.columns = [str(c).strip().lower() for c in frame.columns]
            yield frame
        return
    import pyreadstat

    read = pyreadstat.read_sas7bdat if path.suffix.lower() == ".sas7bdat" else pyreadstat.read_xport
    # Dates stay day numbers: convert.py turns every SAS date the same way, formatted or not.
    for frame, _ in pyreadstat.read_file_in_chunks(
        read, str(path), chunksize=CHUNK_ROWS, disable_datetime_conversion=True
    ):
        frame.columns = [str(c).lower() for c in frame.columns]
        yield frame
