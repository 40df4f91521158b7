"""Write a folder of REGISTERS.md's Parquet registers the way DST's research service delivers
them: one CSV file per register and year (BEF2016, LPR_ADM2016, ...), DREAM as one file,
upper-case names, dates as SAS day numbers, codes with trailing blanks, numeric codes as
floats. The round trip `rtw import` of this folder must give the registers back."""

from __future__ import annotations

from pathlib import Path

import duckdb

# Which year each register's rows belong to, as DST splits its files.
YEAR = {
    "bef": "aar",
    "ind": "aar",
    "udda": "aar",
    "bfl": "aarmd // 100",
    "lpr_adm": "year(d_inddto)",
    "ges": "year(ydelse_dato)",
    "sssy": "2000 + cast(left(honuge, 2) as integer)",
}
LPR_CHILDREN = ("lpr_diag", "lpr_sksopr", "lpr_sksube")
DROP_YEAR = {"bef", "ind", "udda"}  # BEF201612 carries no AAR: the year is in the name.
FILE = {"bef": "BEF{}12", "udda": "UDDA{}09"}


def _expr(column: str, dtype: str) -> str:
    q = f'"{column}"'
    if dtype == "DATE":
        return f"(cast({q} as date) - date '1960-01-01') as {column.upper()}"
    if dtype == "VARCHAR":
        return f"({q} || '  ') as {column.upper()}"
    if dtype in ("INTEGER",) and column not in ("aar", "aarmd"):
        return f"cast({q} as double) as {column.upper()}"
    return f"{q} as {column.upper()}"


def _write(con: duckdb.DuckDBPyConnection, query: str, path: Path) -> None:
    """CSV (';'), or SAS transport (version 8: long names) for a .xpt path."""
    if path.suffix == ".xpt":
        import pyreadstat

        pyreadstat.write_xport(con.execute(query).df(), str(path), file_format_version=8)
    else:
        con.execute(f"copy ({query}) to '{path}' (header, delimiter ';')")


def write_dst_layout(registers: Path, out: Path, sas: tuple[str, ...] = ()) -> list[Path]:
    """Every register as CSV per year, except those in `sas`: SAS transport files
    (.xpt, what pyreadstat can write; the importer reads .sas7bdat the same way)."""
    from rtw.contract import REGISTERS

    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    written = []
    for name, spec in REGISTERS.items():
        src = f"read_parquet('{registers / (name + '.parquet')}')"
        cols = [c for c in spec["columns"] if not (name in DROP_YEAR and c == "aar")]
        select = ", ".join(_expr(c, spec["columns"][c]) for c in cols)
        if name == "dream":
            select = "* rename (pnr as PNR)"
        if name in LPR_CHILDREN:
            adm = f"read_parquet('{registers / 'lpr_adm.parquet'}')"
            years_sql = f"select distinct year(a.d_inddto) from {src} c join {adm} a using (recnum)"
            year_of = f"(select year(d_inddto) from {adm} a where a.recnum = t.recnum)"
        elif name in YEAR:
            years_sql = f"select distinct {YEAR[name]} from {src}"
            year_of = YEAR[name]
        else:
            path = out / f"{name.upper()}.{'xpt' if name in sas else 'csv'}"
            _write(con, f"select {select} from {src}", path)
            written.append(path)
            continue
        for (year,) in con.execute(years_sql).fetchall():
            stem = FILE.get(name, name.upper() + "{}").format(year)
            path = out / f"{stem}.{'xpt' if name in sas else 'csv'}"
            _write(con, f"select {select} from {src} t where {year_of} = {year}", path)
            written.append(path)
    return written
