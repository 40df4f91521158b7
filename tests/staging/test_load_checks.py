"""The register load checks (METHOD §7): a broken register folder stops the build with a
message that names the file, the column and the rule; a valid folder builds.

Each test copies a valid folder made by the synthetic generator, breaks one thing, and
runs `rtw build` (dbt as a subprocess, seeds and staging only) on a fresh warehouse. The
register folder, warehouse and dbt target paths stay the same for the whole session, so
that dbt can reuse its parse (a changed path or env var makes it parse the project anew).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.slow

BUILD_SELECTION = ["--select", "resource_type:seed", "staging"]


@pytest.fixture(scope="session")
def valid_registers(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from rtw.synth import generate

    out = tmp_path_factory.mktemp("registers") / "valid"
    generate(out=out, seed=3, plans=2000, progress=False)
    return out


@pytest.fixture(scope="session")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Session folder: registers/, warehouse.duckdb and dbt's target/, reused by each test."""
    return tmp_path_factory.mktemp("load_checks")


@pytest.fixture
def registers(valid_registers: Path, workspace: Path) -> Path:
    """A fresh copy of the valid registers, at the session's register path."""
    folder = workspace / "registers"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(valid_registers, folder, ignore=shutil.ignore_patterns("_truth", ".complete"))
    return folder


def rewrite(registers: Path, name: str, select_sql: str) -> None:
    """Replace registers/<name>.parquet by `select_sql`, in which `register` is the file."""
    path = registers / f"{name}.parquet"
    con = duckdb.connect()
    con.execute(f"create view register as select * from read_parquet('{path}')")
    con.execute(f"create table broken as {select_sql}")
    con.execute(f"copy broken to '{path}' (format parquet)")
    con.close()


def build(registers: Path, workspace: Path) -> tuple[int, str, Path]:
    """`rtw build` of seeds and staging on a new warehouse; returns code, output, warehouse."""
    warehouse = workspace / "warehouse.duckdb"
    warehouse.unlink(missing_ok=True)
    env = dict(os.environ)
    env.update(
        WAREHOUSE_PATH=str(warehouse),
        DBT_TARGET_PATH=str(workspace / "target"),
        DBT_LOG_PATH=str(workspace / "logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    cmd = [sys.executable, "-m", "rtw.cli", "build", "--register-dir", str(registers), "--"]
    proc = subprocess.run(
        [*cmd, *BUILD_SELECTION], env=env, capture_output=True, text=True, timeout=600
    )
    return proc.returncode, proc.stdout + proc.stderr, warehouse


def assert_fails_with(code: int, output: str, *phrases: str) -> None:
    assert code != 0, output
    for phrase in phrases:
        assert phrase in output, f"{phrase!r} not in the build output:\n{output}"


def first_key(registers: Path, name: str, column: str) -> str:
    con = duckdb.connect()
    value = con.execute(
        f"select min({column}) from read_parquet('{registers / name}.parquet')"
    ).fetchone()[0]
    con.close()
    return str(value)


def test_valid_registers_build(registers, workspace):
    code, output, warehouse = build(registers, workspace)
    assert code == 0, output
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        n_weeks, n_not_monday, n_codes = con.execute(
            """
            select count(*), count(*) filter (where isodow(week_start) <> 1),
                count(distinct benefit_code)
            from staging.stg_dream__benefit_weeks
            """
        ).fetchone()
        assert n_weeks > 0 and n_codes > 1
        assert n_not_monday == 0
        n_claims, n_no_week = con.execute(
            "select count(*), count(*) filter (where claim_week_start is null) "
            "from staging.stg_sssy__claims"
        ).fetchone()
        assert n_claims > 0 and n_no_week == 0
        failures = con.execute(
            "select count(*) from information_schema.tables where table_schema = 'load_checks'"
        ).fetchone()[0]
        assert failures > 0  # the load checks ran and kept their (empty) failure tables
    finally:
        con.close()


def test_duplicate_key(registers, workspace):
    recnum = first_key(registers, "lpr_adm", "recnum")
    rewrite(
        registers,
        "lpr_adm",
        f"select * from register union all select * from register where recnum = '{recnum}'",
    )
    code, output, _ = build(registers, workspace)
    assert_fails_with(
        code,
        output,
        "lpr_adm.parquet  column recnum",
        "lpr_adm__grain_recnum__is_unique",
        "duplicate key (recnum)",
        recnum,
    )


def test_unknown_dream_code(registers, workspace):
    pnr = first_key(registers, "dream", "pnr")
    # y_1402 lies before the weeks that staging reads: the check covers every column.
    rewrite(
        registers,
        "dream",
        "select * replace (case when pnr = "
        f"'{pnr}' then 555 else y_1402 end::smallint as y_1402) from register",
    )
    code, output, _ = build(registers, workspace)
    assert_fails_with(
        code,
        output,
        "dream.parquet  column y_YYWW",
        "DREAM week value is not a code of ref_dream_codes",
        "555",
        f"{pnr} / y_1402",
    )


def test_missing_column(registers, workspace):
    rewrite(registers, "bef", "select * exclude (koen) from register")
    code, output, _ = build(registers, workspace)
    assert_fails_with(code, output, "bef.parquet: missing required column koen")


def test_discharge_before_admission(registers, workspace):
    recnum = first_key(registers, "lpr_adm", "recnum")
    rewrite(
        registers,
        "lpr_adm",
        "select * replace (case when recnum = "
        f"'{recnum}' then d_inddto - 3 else d_uddto end as d_uddto) from register",
    )
    code, output, _ = build(registers, workspace)
    assert_fails_with(
        code,
        output,
        "lpr_adm.parquet  column d_uddto",
        "d_uddto is before d_inddto",
        f"{recnum} (d_inddto",
    )


def test_dream_week_column_not_an_iso_week(registers, workspace):
    rewrite(registers, "dream", "select *, null::smallint as y_1653 from register")
    code, output, _ = build(registers, workspace)
    assert_fails_with(
        code,
        output,
        "dream__week_column_names__are_real_iso_weeks",
        "DREAM column name is not y_YYWW of a real ISO week",
        "y_1653",
    )


def test_sssy_week_not_an_iso_week(registers, workspace):
    pnr = first_key(registers, "sssy", "pnr")
    rewrite(
        registers,
        "sssy",
        "select * replace (case when row_number() over (order by pnr, honuge, speciale, "
        "ydelsesnr) = 1 then '1653' else honuge end as honuge) from register",
    )
    code, output, _ = build(registers, workspace)
    assert_fails_with(
        code,
        output,
        "sssy.parquet  column honuge",
        "honuge is not a real ISO week YYWW",
        "1653",
        f"{pnr} / 1653",
    )


def test_missing_file(registers, workspace):
    (registers / "ges.parquet").unlink()
    code, output, _ = build(registers, workspace)
    assert_fails_with(code, output, "ges.parquet: file not found")
