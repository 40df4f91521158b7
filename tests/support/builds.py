"""Building the warehouse from tests as a user would: `rtw build` as a subprocess, with
the warehouse, dbt's target and logs inside a test's own folder. Tests open the
published warehouse read-only.

Import as `from support.builds import run_build` (pytest puts tests/ on sys.path):
`from conftest import ...` would find whichever conftest.py pytest loaded last.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb


@dataclass
class Build:
    registers: Path
    warehouse: Path
    target: Path
    output: str
    seconds: float

    def connect(self) -> duckdb.DuckDBPyConnection:
        """The publication (what leaves the server), read-only."""
        return duckdb.connect(str(self.warehouse), read_only=True)

    def connect_person_level(self) -> duckdb.DuckDBPyConnection:
        """The build's own database with the staging and intermediate layers, read-only:
        for tests of internals. Its path comes from rtw.publish.layout."""
        from rtw.publish.layout import person_level_database

        return duckdb.connect(str(person_level_database(self.warehouse)), read_only=True)


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


class SharedBuilds:
    """Builds of generated registers, made once per test session and shared by every test
    that asks for the same (seed, plans, vars): the suite's slow part is its builds, and
    several modules read the same one (the reports and the disclosure tests, 30,000 plans
    of seed 5; the small extracts, the disclosure recovery and the import round trip,
    12,000 plans of seeds 3 and 5; the small extracts and the spells, 3,000 plans of
    seed 4). The registers of a (seed, plans) are generated once too. A test reads a
    shared build and never writes into its folder (to build on one, copy its folder, as
    tests/disclosure/test_disclosure does)."""

    def __init__(self, root: Path):
        self.root = root
        self._registers: dict[tuple[int, int], Path] = {}
        self._builds: dict[tuple[int, int, str], Build] = {}

    def registers(self, seed: int, plans: int) -> Path:
        key = (seed, plans)
        if key not in self._registers:
            from rtw.synth import generate

            out = self.root / f"raw-seed{seed}-plans{plans}"
            generate(out=out, seed=seed, plans=plans, progress=False)
            self._registers[key] = out
        return self._registers[key]

    def build(self, seed: int, plans: int, dbt_vars: dict | None = None) -> Build:
        """The published build of those registers with `dbt_vars` (passed as --vars);
        a failed build fails the test that asked for it, with dbt's output."""
        import json

        vars_text = json.dumps(dbt_vars or {}, sort_keys=True)
        key = (seed, plans, vars_text)
        if key not in self._builds:
            registers = self.registers(seed, plans)
            folder = self.root / f"build-{len(self._builds)}"
            folder.mkdir()
            args = ("--vars", vars_text) if dbt_vars else ()
            code, output, seconds = run_build(registers, folder, *args)
            assert code == 0, output[-5000:]
            target = folder / "target"
            self._builds[key] = Build(
                registers, folder / "warehouse.duckdb", target, output, seconds
            )
        return self._builds[key]
