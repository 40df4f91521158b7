"""Explain a failed `dbt build`: the register load checks that failed (METHOD §7).

After a build, dbt leaves `run_results.json` (what ran and how it ended) and
`manifest.json` (what each test is) in its target folder. The load
checks are data tests on the register sources whose failing rows (`problem`, `value`,
`n_rows`, `example_keys`) are stored in the warehouse's `load_checks` schema. This
module prints, for each failed test: the register file, the column, the rule, the
number of failing register rows and up to 5 example rows. A missing file or column
stops the build earlier, in dbt's on-run-start hook, whose message dbt prints itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

MAX_EXAMPLES = 5


@dataclass
class FailedCheck:
    """One failed (or errored) test or node of a dbt run."""

    name: str
    status: str
    register_file: str
    column: str
    rule: str
    failures: int | None
    message: str
    relation_name: str | None = None
    columns: list[str] = field(default_factory=list)
    examples: list[tuple] = field(default_factory=list)


def _register_file(node: dict, manifest: dict) -> str:
    files = []
    for parent in node.get("depends_on", {}).get("nodes", []):
        source = manifest.get("sources", {}).get(parent)
        if source is not None:
            files.append(f"{source['identifier']}.parquet")
        elif parent in manifest.get("nodes", {}) and not parent.startswith("seed."):
            files.append(manifest["nodes"][parent]["name"])
    return ", ".join(files) or "?"


def _column(node: dict) -> str:
    kwargs = (node.get("test_metadata") or {}).get("kwargs", {})
    if node.get("column_name"):
        return node["column_name"]
    if kwargs.get("columns"):
        return ", ".join(kwargs["columns"])
    if (node.get("test_metadata") or {}).get("name", "").startswith("dream_"):
        return "y_YYWW (every week column)"
    return "-"


def _rule(node: dict) -> str:
    meta = node.get("test_metadata") or {}
    kwargs = {
        k: v
        for k, v in meta.get("kwargs", {}).items()
        if k not in ("model", "column_name", "key_columns")
    }
    args = ", ".join(f"{k}={v}" for k, v in kwargs.items())
    return f"{meta.get('name', node.get('resource_type', '?'))}({args})"


def _examples(check: FailedCheck, warehouse: Path) -> None:
    if not check.relation_name or not warehouse.exists():
        return
    try:
        con = duckdb.connect(str(warehouse), read_only=True)
    except duckdb.Error:
        return
    try:
        rel = con.sql(f"select * from {check.relation_name}")
        order = "n_rows desc, value" if {"n_rows", "value"} <= set(rel.columns) else "1"
        rel = con.sql(f"select * from {check.relation_name} order by {order} limit {MAX_EXAMPLES}")
        check.columns = list(rel.columns)
        check.examples = rel.fetchall()
    except duckdb.Error:
        pass
    finally:
        con.close()


def failed_checks(target: Path, warehouse: Path, since: float | None = None) -> list[FailedCheck]:
    """The failed tests and errored nodes of the last dbt run whose artifacts are in
    `target`, with example failure rows read from the DuckDB file `warehouse`.

    `since` (a time.time() value) ignores run results written before it: dbt does not
    rewrite run_results.json when it stops in the on-run-start hook or in parsing.
    """
    results_path = target / "run_results.json"
    manifest_path = target / "manifest.json"
    if not results_path.exists() or not manifest_path.exists():
        return []
    if since is not None and results_path.stat().st_mtime < since:
        return []
    results = json.loads(results_path.read_text())
    manifest = json.loads(manifest_path.read_text())
    checks = []
    for result in results.get("results", []):
        if result.get("status") not in ("fail", "error", "runtime error"):
            continue
        node = manifest.get("nodes", {}).get(result["unique_id"], {})
        is_test = result["unique_id"].startswith("test.")
        check = FailedCheck(
            name=node.get("name", result["unique_id"]),
            status=result["status"],
            register_file=_register_file(node, manifest) if is_test else "-",
            column=_column(node) if is_test else "-",
            rule=_rule(node) if is_test else node.get("resource_type", "node"),
            failures=result.get("failures"),
            message=(result.get("message") or "").strip(),
            relation_name=result.get("relation_name") if is_test else None,
        )
        if result["status"] == "fail":
            _examples(check, warehouse)
        checks.append(check)
    return checks


def _table(columns: list[str], rows: list[tuple], width: int = 100) -> list[str]:
    def cell(value: object) -> str:
        text = "" if value is None else str(value)
        return text if len(text) <= width else text[: width - 3] + "..."

    cells = [[cell(c) for c in columns]] + [[cell(v) for v in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(columns))]
    lines = [" | ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return lines


def format_failures(checks: list[FailedCheck]) -> str:
    """The report printed after a failed build."""
    tests = [c for c in checks if c.register_file != "-"]
    others = [c for c in checks if c.register_file == "-"]
    lines = []
    if tests:
        lines.append(
            f"Register load checks failed (METHOD §7): {len(tests)} check(s); "
            "the models that read these registers were skipped."
        )
        for c in tests:
            lines.append("")
            lines.append(f"{c.register_file}  column {c.column}  rule {c.rule}")
            lines.append(f"  check: {c.name}")
            if c.status == "fail":
                lines.append(f"  failing register rows: {c.failures}")
            else:
                lines.append(f"  the check itself failed: {c.message}")
            if c.examples:
                lines.append(f"  first {len(c.examples)} of its failure rows ({c.relation_name}):")
                lines.extend("    " + line for line in _table(c.columns, c.examples))
    if tests:
        lines.append("")
        lines.append(
            "Every failure row is kept in the failed build's warehouse: "
            "select * from load_checks.<check>. "
            "Fix the register files (REGISTERS.md) and build again."
        )
    if others:
        lines.append("")
        lines.append(f"{len(others)} other node(s) failed:")
        for c in others:
            lines.append(f"  {c.name} ({c.rule}): {c.message}")
    return "\n".join(lines)


def print_failures(target: Path, warehouse: Path, since: float | None = None) -> int:
    """Print the failed checks of the last dbt run; returns how many there were."""
    checks = failed_checks(target, warehouse, since)
    if checks:
        print("\n" + format_failures(checks), flush=True)
    return len(checks)
