"""The published marts as Parquet files, for BI tools that do not hold the DuckDB file.

The published marts are the dbt models tagged `published`; each declares its grain in
`meta.grain`. A mart is written sorted by its grain, by one thread, so that the same
rows give the same bytes on every build (issue 7: idempotent publications).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb


def published_marts(manifest: dict) -> list[dict]:
    """The manifest nodes of the published marts, sorted by name."""
    nodes = [
        node
        for node in manifest.get("nodes", {}).values()
        if node.get("resource_type") == "model" and "published" in node.get("tags", [])
    ]
    missing = [n["name"] for n in nodes if not n.get("config", {}).get("meta", {}).get("grain")]
    if missing:
        raise ValueError(f"published marts without meta.grain (needed to sort them): {missing}")
    return sorted(nodes, key=lambda n: n["name"])


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def export_marts(
    con: duckdb.DuckDBPyConnection, manifest: dict, out: Path
) -> tuple[list[dict], list[str]]:
    """Write every published mart in the database to out/<mart>.parquet. Returns per
    mart written its name, rows, bytes and sha256, and the names of the published marts
    the database does not hold (only a partial build without a previous publication to
    start from leaves some out)."""
    marts = published_marts(manifest)
    out.mkdir(parents=True, exist_ok=True)
    con.execute("set threads = 1")
    con.execute("set preserve_insertion_order = true")
    tables = set(con.execute("select schema_name, table_name from duckdb_tables()").fetchall())
    written, missing = [], []
    for node in marts:
        name = node["alias"] or node["name"]
        if (node["schema"], name) not in tables:
            missing.append(node["name"])
            continue
        relation = f'"{node["schema"]}"."{name}"'
        order = ", ".join(f'"{c}" asc nulls first' for c in node["config"]["meta"]["grain"])
        path = out / f"{node['name']}.parquet"
        con.execute(
            f"copy (select * from {relation} order by {order}) to '{path}' "
            "(format parquet, compression zstd)"
        )
        rows = con.execute(f"select count(*) from {relation}").fetchone()[0]
        written.append(
            {
                "mart": node["name"],
                "rows": int(rows),
                "bytes": path.stat().st_size,
                "sha256": sha256(path),
            }
        )
    return written, missing


def parquet_records(out: Path) -> list[dict]:
    """Per Parquet mart in out/: its name, rows (from the file's footer), bytes and
    sha256, sorted by name."""
    import pyarrow.parquet as pq

    return [
        {
            "mart": path.stem,
            "rows": int(pq.ParquetFile(path).metadata.num_rows),
            "bytes": path.stat().st_size,
            "sha256": sha256(path),
        }
        for path in sorted(out.glob("*.parquet"))
    ]
