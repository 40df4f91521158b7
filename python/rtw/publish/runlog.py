"""The run log of a build: D/runs/<build id>.json, one per build, whatever its end.

It records when the build started and ended, how it ended (published, failed, refused),
the register folder and dbt arguments, per model its materialization, rows and seconds,
the test results, the warnings (dbt's, and the model's about levels it could not
estimate) and the Parquet files published with their checksums.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

# dbt's warnings ("[WARNING]: ...", "1 of 9 WARN 3 not_null_..."), not its "WARN=0" tally.
WARNING_LINE = re.compile(r"\[WARNING\]|\bWARN\b(?!=)")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def warning_text(line: str) -> str | None:
    """The line without colour codes when it is a dbt warning, else None."""
    text = ANSI.sub("", line).strip()
    return text if WARNING_LINE.search(text) else None


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


@dataclass
class RunLog:
    build_id: str
    started_at: str
    register_dir: str
    dbt_args: list[str]
    status: str = "running"
    ended_at: str | None = None
    seconds: float | None = None
    release: str | None = None
    error: str | None = None
    models: list[dict] = field(default_factory=list)
    tests: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    parquet: list[dict] = field(default_factory=list)
    # Cells suppressed per published mart (METHOD §6.6): {mart: {primary, secondary}}.
    suppression: dict[str, dict[str, int]] = field(default_factory=dict)

    def write(self, runs: Path) -> Path:
        """Write (or rewrite) runs/<build id>.json atomically."""
        runs.mkdir(parents=True, exist_ok=True)
        path = runs / f"{self.build_id}.json"
        tmp = path.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(asdict(self), indent=2, ensure_ascii=False) + "\n")
        os.replace(tmp, path)
        return path


def node_results(manifest: dict, run_results: dict, warehouse: Path) -> tuple[list, dict]:
    """Per model (name, materialization, status, seconds, rows) and the count of test
    results by status. Rows are counted for tables only: a view over a register would
    scan it."""
    results = {r["unique_id"]: r for r in run_results.get("results", [])}
    models, tests = [], {}
    con = duckdb.connect(str(warehouse), read_only=True) if warehouse.exists() else None
    try:
        for unique_id, result in sorted(results.items()):
            node = manifest.get("nodes", {}).get(unique_id, {})
            kind = node.get("resource_type") or unique_id.split(".")[0]
            if kind in ("test", "unit_test"):
                tests[result["status"]] = tests.get(result["status"], 0) + 1
                continue
            if kind not in ("model", "seed"):
                continue
            materialized = node.get("config", {}).get("materialized")
            rows = None
            if con is not None and result["status"] == "success" and materialized != "view":
                relation = f'"{node["schema"]}"."{node.get("alias") or node["name"]}"'
                rows = int(con.execute(f"select count(*) from {relation}").fetchone()[0])
            models.append(
                {
                    "name": node.get("name", unique_id),
                    "resource_type": kind,
                    "schema": node.get("schema"),
                    "materialized": materialized,
                    "status": result["status"],
                    "seconds": round(float(result.get("execution_time") or 0.0), 3),
                    "rows": rows,
                }
            )
    finally:
        if con is not None:
            con.close()
    return models, tests


FIT_STATISTICS = "int_benchmark_fit_statistics"


def model_warnings(manifest: dict, warehouse: Path) -> list[str]:
    """The fits' warnings per benchmark case and month (levels without an estimate, no
    convergence, a case the data could not fit and why), if it ran."""
    nodes = [n for n in manifest.get("nodes", {}).values() if n.get("name") == FIT_STATISTICS]
    if not nodes or not warehouse.exists():
        return []
    relation = f'"{nodes[0]["schema"]}"."{nodes[0].get("alias") or FIT_STATISTICS}"'
    with duckdb.connect(str(warehouse), read_only=True) as con:
        try:
            rows = con.execute(
                f"select benchmark_case, outcome_month, warnings from {relation} "
                "where warnings <> '' order by benchmark_case, outcome_month"
            ).fetchall()
        except duckdb.CatalogException:  # a partial build without the model
            return []
    return [f"model of case {case} at month {month}: {text}" for case, month, text in rows]
