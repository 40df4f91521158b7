"""The publication: a DuckDB file with the published marts and the reference tables a
BI user needs to read them, and nothing person-level (issue 14).

dbt builds into a person-level database (staging views over the register files,
intermediate tables, `fct_rehab_courses`). The publication is written from it, not
copied: the build database is attached read-only and each published mart (dbt tag
`published`) and reference table is copied as a table sorted by its grain, so the file
holds no view that reads a register and no table with an identifier column. A build is
complete only when every published mart was built by this run (`unbuilt_marts`).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from rtw.publish import suppression
from rtw.publish.parquet import export_marts, published_marts

__all__ = [
    "IDENTIFIERS",
    "REFERENCE_TABLES",
    "PublicationError",
    "published_marts",
    "unbuilt_marts",
    "write_publication",
]

# Columns that identify a person, a contact, an employer or a course: none of them may
# be published (lower case; checked on every column of the publication).
IDENTIFIERS = frozenset(
    {
        "pnr",
        "recnum",
        "ges_id",
        "cvrnr",
        "course_id",
        "plan_id",
        "arbgnr",
        "lbnr",
        "v_recnum",
        "spell_id",
        "unit_id",
    }
)

# The seeds a BI user needs beside the marts: municipality names and regions. Their
# grain orders the copy.
REFERENCE_TABLES = {
    "ref_municipalities": ["municipality_code"],
    # The benchmark cases' names and labels, which the marts' benchmark_case refers to.
    "ref_benchmark_cases": ["case_order"],
    # The white paper's figur 7, which the sickness case's national page draws beside
    # the spell metrics (issue 17).
    "ref_whitepaper_figur7": ["spell_week"],
}


class PublicationError(RuntimeError):
    """The publication would hold something it must not, or lacks a published mart."""


def unbuilt_marts(manifest: dict, run_results: dict) -> list[str]:
    """The published marts that this dbt run did not build with status success (left
    out by a selection, skipped after an upstream failure, or failed themselves)."""
    status = {r["unique_id"]: r.get("status") for r in run_results.get("results", [])}
    return [
        node["name"]
        for node in published_marts(manifest)
        if status.get(node["unique_id"]) != "success"
    ]


def _reference_nodes(manifest: dict) -> list[dict]:
    nodes = {
        node["name"]: node
        for node in manifest.get("nodes", {}).values()
        if node.get("resource_type") == "seed" and node.get("name") in REFERENCE_TABLES
    }
    missing = sorted(set(REFERENCE_TABLES) - set(nodes))
    if missing:
        raise PublicationError(f"reference tables missing from the manifest: {missing}")
    return [nodes[name] for name in sorted(nodes)]


def _quote(*names: str) -> str:
    return ".".join(f'"{n}"' for n in names)


def check_publication(con: duckdb.DuckDBPyConnection) -> None:
    """Raise PublicationError when the open publication holds a view or a column named
    in IDENTIFIERS."""
    views = con.execute(
        "select schema_name || '.' || view_name from duckdb_views() "
        "where not internal and database_name = current_database() order by 1"
    ).fetchall()
    columns = con.execute(
        "select table_schema || '.' || table_name || '.' || column_name "
        "from information_schema.columns "
        "where table_catalog = current_database() and lower(column_name) in "
        f"({', '.join(repr(i) for i in sorted(IDENTIFIERS))}) order by 1"
    ).fetchall()
    problems = []
    if views:
        problems.append(f"{len(views)} view(s): {', '.join(v for (v,) in views)}")
    if columns:
        problems.append(f"{len(columns)} identifier column(s): {', '.join(c for (c,) in columns)}")
    if problems:
        raise PublicationError("the publication may not hold " + "; ".join(problems))


def write_publication(
    build_db: Path,
    publication_db: Path,
    manifest: dict,
    marts_dir: Path | None = None,
    suppressed: dict | None = None,
) -> list[str]:
    """Write publication_db from the person-level build_db: the published marts and
    REFERENCE_TABLES as tables sorted by their grain, the secondary suppression of
    METHOD §6.6 applied to them in place (its counts per mart into `suppressed`), then
    (when marts_dir is given) the published marts as Parquet from the publication
    itself; checkpoint and fsync.
    Returns the tables written as schema.table. The file is new: one that exists is
    replaced (it can only be a half-written one of this build)."""
    for path in (publication_db, publication_db.with_name(publication_db.name + ".wal")):
        path.unlink(missing_ok=True)
    copies = [
        (node["schema"], node.get("alias") or node["name"], node["config"]["meta"]["grain"])
        for node in published_marts(manifest)
    ] + [
        (node["schema"], node.get("alias") or node["name"], REFERENCE_TABLES[node["name"]])
        for node in _reference_nodes(manifest)
    ]
    written = []
    with duckdb.connect(str(publication_db)) as con:
        # One thread and insertion order: the same rows give the same file (issue 7).
        con.execute("set threads = 1")
        con.execute("set preserve_insertion_order = true")
        con.execute(f"attach '{build_db}' as build (read_only)")
        for schema, table, grain in copies:
            order = ", ".join(f'"{c}" asc nulls first' for c in grain)
            con.execute(f"create schema if not exists {_quote(schema)}")
            con.execute(
                f"create table {_quote(schema, table)} as "
                f"select * from {_quote('build', schema, table)} order by {order}"
            )
            written.append(f"{schema}.{table}")
        con.execute("detach build")
        check_publication(con)

        # Secondary suppression (METHOD §6.6) of the copies, in place, so that both the
        # DuckDB file and the Parquet marts are suppressed; the marts' YAML declares
        # the sums (rtw.publish.suppression). A manifest without declarations has none.
        if suppression.declarations(manifest):
            try:
                threshold = suppression.threshold(con, manifest)
                counts = suppression.apply(con, manifest, threshold)
            except ValueError as error:
                raise PublicationError(f"disclosure control: {error}") from error
            if suppressed is not None:
                suppressed.update(counts)

        if marts_dir is not None:
            export_marts(con, manifest, marts_dir)
        con.execute("checkpoint")
    wal = publication_db.with_name(publication_db.name + ".wal")
    if wal.exists():
        raise PublicationError(f"{wal} remains after the checkpoint: the file is not complete")
    for path in [publication_db, *(sorted(marts_dir.iterdir()) if marts_dir else [])]:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return written
