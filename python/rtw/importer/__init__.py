"""`rtw import`: DST's SAS and CSV register files to REGISTERS.md's Parquet layout.

Files are recognised by name (mapping.yaml), read in chunks, typed column by column
(convert.py) and appended to one Parquet file per register, the years in one file.
Everything is written to a temporary folder next to the output and moved into place only
when every file converted, so a failed import leaves the output folder as it was.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from rtw.contract import REGISTERS
from rtw.importer import readers
from rtw.importer.convert import ARROW, BadValues, convert
from rtw.importer.mapping import FileMatch, load_mapping, match_files

WEEK = re.compile(r"^y_\d{4}$")


@dataclass
class ImportSummary:
    rows: dict[str, int]
    files: int
    out: Path

    def describe(self) -> str:
        lines = [f"imported {self.files} files to {self.out}:"]
        lines += [f"  {name}.parquet  {n:,} rows" for name, n in sorted(self.rows.items())]
        return "\n".join(lines)


def _schema(name: str, matches: list[FileMatch], heads: dict[Path, list[str]]) -> pa.Schema:
    spec = REGISTERS[name]
    fields = [pa.field(c, ARROW[t]) for c, t in spec["columns"].items()]
    if "week_columns" in spec:
        weeks = sorted({c for m in matches for c in heads[m.path] if WEEK.match(c)})
        fields += [pa.field(w, ARROW[spec["week_columns"]]) for w in weeks]
    return pa.schema(fields)


def _columns(m: FileMatch, names: list[str]) -> list[str]:
    renamed = [m.register.rename.get(n, n) for n in names]
    if m.register.year_column and m.year is not None and m.register.year_column not in renamed:
        renamed.append(m.register.year_column)
    return renamed


def import_registers(
    source: Path, out: Path, mapping_file: Path | None = None, progress: bool = True
) -> ImportSummary:
    source, out = Path(source).resolve(), Path(out).resolve()
    if not source.is_dir():
        raise ValueError(f"rtw import: {source} is not a folder")
    matches = match_files(source, load_mapping(mapping_file))
    by_register: dict[str, list[FileMatch]] = defaultdict(list)
    heads: dict[Path, list[str]] = {}
    totals: dict[Path, int | None] = {}
    problems = []
    for m in matches:
        names, totals[m.path] = readers.columns(m.path)
        heads[m.path] = _columns(m, names)
        by_register[m.register.name].append(m)
        for column in REGISTERS[m.register.name]["columns"]:
            if column not in heads[m.path]:
                problems.append(f"{m.path.name}: missing column {column} ({m.register.name})")
    if problems:
        raise ValueError("rtw import: " + "; ".join(problems))

    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}.importing-", dir=out.parent))
    bad: dict[tuple[str, str], list] = {}
    rows: dict[str, int] = {}
    try:
        for name, files in sorted(by_register.items()):
            schema = _schema(name, files, heads)
            types = {**REGISTERS[name]["columns"]}
            week_type = REGISTERS[name].get("week_columns")
            types.update({f.name: week_type for f in schema if WEEK.match(f.name)})
            rows[name] = 0
            with pq.ParquetWriter(tmp / f"{name}.parquet", schema, compression="zstd") as w:
                for m in files:
                    rows[name] += _copy(m, schema, types, w, bad, totals[m.path], progress)
        if bad:
            raise ValueError(
                "rtw import: values that do not convert: "
                + "; ".join(
                    f"{f}: column {c} ({t}): {n:,} values, e.g. {ex!r}"
                    for (f, c), (n, ex, t) in sorted(bad.items())
                )
            )
        out.mkdir(parents=True, exist_ok=True)
        for path in tmp.iterdir():
            path.replace(out / path.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return ImportSummary(rows=rows, files=len(matches), out=out)


def _copy(m: FileMatch, schema, types, writer, bad, total, progress) -> int:
    from tqdm import tqdm

    bar = tqdm(
        total=total,
        desc=m.path.name,
        unit=" rows",
        unit_scale=True,
        file=sys.stderr,
        disable=not progress or not sys.stderr.isatty(),
    )
    n = 0
    with bar:
        for frame in readers.chunks(m.path):
            frame = frame.rename(columns=m.register.rename)
            if m.register.year_column and m.register.year_column not in frame.columns:
                frame[m.register.year_column] = m.year
            arrays = []
            for field in schema:
                column = (
                    frame[field.name] if field.name in frame else pd.Series([None] * len(frame))
                )
                try:
                    arrays.append(
                        convert(column, types[field.name], m.register.pad.get(field.name))
                    )
                except BadValues as error:
                    key = (m.path.name, field.name)
                    count, example = bad.get(key, (0, error.example, None))[:2]
                    bad[key] = [count + error.count, example, types[field.name]]
                    arrays.append(pa.nulls(len(frame), field.type))
            if not bad:
                writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            n += len(frame)
            bar.update(len(frame))
    return n
