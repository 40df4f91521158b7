"""dbt docs without a build: every model and seed, and every column the YAMLs declare, is
described; the exposures name the marts the reports read, and the Parquet exposure every
published mart."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from rtw import project_root
from rtw.reports.data import MARTS

ROOT = project_root()
DBT = Path(__file__).resolve().parents[2] / ".venv" / "bin" / "dbt"
REPORT_EXPOSURES = {"municipal_one_pagers", "national_report", "report_index"}


def dbt_env(folder: Path, warehouse: Path | None = None) -> dict[str, str]:
    """dbt writing only inside `folder` (other people run dbt in the project too)."""
    env = dict(os.environ)
    env.update(
        DBT_PROFILES_DIR=str(ROOT / "profiles"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DBT_TARGET_PATH=str(folder / "target"),
        DBT_LOG_PATH=str(folder / "logs"),
        WAREHOUSE_PATH=str(warehouse or folder / "unused.duckdb"),
    )
    return env


def run_dbt(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    dbt = str(DBT) if DBT.exists() else "dbt"
    return subprocess.run(
        [dbt, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.fixture(scope="module")
def manifest(tmp_path_factory) -> dict:
    folder = tmp_path_factory.mktemp("dbt_parse")
    proc = run_dbt(["parse"], dbt_env(folder))
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return json.loads((folder / "target" / "manifest.json").read_text())


def documented_nodes(manifest: dict) -> list[dict]:
    return [n for n in manifest["nodes"].values() if n["resource_type"] in ("model", "seed")]


def test_every_model_seed_and_declared_column_is_described(manifest):
    nodes = documented_nodes(manifest)
    assert sum(n["resource_type"] == "model" for n in nodes) >= 40
    undescribed = [n["name"] for n in nodes if not n["description"].strip()]
    assert not undescribed, f"no description: {undescribed}"
    columns = [
        f"{n['name']}.{name}"
        for n in nodes
        for name, column in n["columns"].items()
        if not column["description"].strip()
    ]
    assert not columns, f"columns without description: {columns}"


def test_every_model_declares_its_columns(manifest):
    # The catalog check of test_reports.py sees the built columns; this one, without a
    # build, that no model is left without any column documentation at all.
    bare = [
        n["name"]
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and not n["columns"]
    ]
    assert not bare, f"models without documented columns: {bare}"


def exposure_marts(manifest: dict, names: set[str]) -> set[str]:
    nodes = manifest["nodes"]
    return {
        nodes[uid]["name"]
        for exposure in manifest["exposures"].values()
        if exposure["name"] in names
        for uid in exposure["depends_on"]["nodes"]
    }


def published(manifest: dict) -> set[str]:
    return {
        n["name"]
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and "published" in n["tags"]
    }


def test_reports_read_only_published_marts_and_their_exposures_say_which(manifest):
    assert set(MARTS) <= published(manifest)
    assert "fct_rehab_courses" not in MARTS
    assert exposure_marts(manifest, REPORT_EXPOSURES) == set(MARTS)


def test_parquet_exposure_depends_on_every_published_mart(manifest):
    exposures = {e["name"]: e for e in manifest["exposures"].values()}
    assert exposures["parquet_marts"]["type"] == "application"
    assert {exposures[name]["type"] for name in REPORT_EXPOSURES} <= {"dashboard", "analysis"}
    assert all(e["owner"]["name"] == "rtw" for e in exposures.values())
    assert exposure_marts(manifest, {"parquet_marts"}) == published(manifest)
