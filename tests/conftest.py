"""Shared fixtures: the warehouse built on the default synthetic registers.

`default_build` generates the registers at the default (national) size with seed 1 and
runs `rtw build` on them once per test session, as a user would (dbt as a subprocess),
into a temporary folder: registers, warehouse file, dbt target and logs. Tests open the
warehouse read-only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest


@dataclass
class Build:
    registers: Path
    warehouse: Path
    target: Path
    output: str
    seconds: float

    def connect(self) -> duckdb.DuckDBPyConnection:
        return duckdb.connect(str(self.warehouse), read_only=True)


def dbt_env(folder: Path) -> dict[str, str]:
    """Environment for `rtw build` writing only inside `folder`."""
    env = dict(os.environ)
    env.update(
        WAREHOUSE_PATH=str(folder / "warehouse.duckdb"),
        DBT_TARGET_PATH=str(folder / "target"),
        DBT_LOG_PATH=str(folder / "logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    return env


def build_command(registers: Path, *dbt_args: str) -> list[str]:
    """`rtw build --register-dir registers [-- dbt_args]`."""
    cmd = [sys.executable, "-m", "rtw.cli", "build", "--register-dir", str(registers)]
    return [*cmd, "--", *dbt_args] if dbt_args else cmd


def run_build(registers: Path, folder: Path, *dbt_args: str) -> tuple[int, str, float]:
    """`rtw build --register-dir registers` as a subprocess; (exit code, output, seconds)."""
    cmd = build_command(registers, *dbt_args)
    started = time.perf_counter()
    proc = subprocess.run(cmd, env=dbt_env(folder), capture_output=True, text=True, timeout=1800)
    return proc.returncode, proc.stdout + proc.stderr, time.perf_counter() - started


@pytest.fixture(scope="session")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    from rtw.synth import generate

    folder = tmp_path_factory.mktemp("default_build")
    registers = folder / "raw"
    generate(out=registers, seed=1, progress=False)
    code, output, seconds = run_build(registers, folder)
    assert code == 0, output
    return Build(registers, folder / "warehouse.duckdb", folder / "target", output, seconds)
