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
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from rtw.publish.layout import PERSON_LEVEL
from rtw.publish.pipeline import EXIT_USAGE

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
    """`rtw build` of seeds and staging on a new warehouse; returns code, output and the
    build's person-level database. rtw never publishes such a partial build (issue 14):
    it keeps it as the last failed build, releases/<id>.failed/person_level.duckdb."""
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
    kept = sorted((workspace / "releases").glob(f"*.failed/{PERSON_LEVEL}"))
    return proc.returncode, proc.stdout + proc.stderr, kept[-1] if kept else warehouse


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
    # dbt passed; rtw refused to publish the seeds and staging alone.
    assert code == EXIT_USAGE, output
    assert "published marts not built by this build" in output and "dbt build exited" not in output
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


# --- Every promise of the contract (REGISTERS.md) checked on load --------------------
# One build of a folder in which each rule below is broken on its own rows: every rule
# must fail with its file, column, rule name and the number of rows broken, so one
# build shows that each check can fail, and that none hides another.

# (register, column, check name, phrase of its problem, rows broken, how: a SQL
# `replace` of the column for the rows `row_number() over (order by <grain>)` picks.)
BROKEN_RULES = [
    ("bef", "ie_type", "bef__ie_type__is_1_2_or_3", "ie_type is not one of 1, 2, 3", 1, "4"),
    (
        "bef",
        "opr_land",
        "bef__opr_land__is_known_country",
        "opr_land is not a code of ref_countries.country_code",
        2,
        "9999",
    ),
    ("bef", "aar", "bef__aar__within_1900_2030", "aar is outside 1900..2030", 1, "216"),
    (
        "lpr_adm",
        "c_pattype",
        "lpr_adm__c_pattype__is_0_2_or_3",
        "c_pattype is not one of",
        1,
        "'9'",
    ),
    ("lpr_adm", "c_indm", "lpr_adm__c_indm__is_1_or_2", "c_indm is not one of 1, 2", 2, "'7'"),
    (
        "lpr_adm",
        "c_spec",
        "lpr_adm__c_spec__is_known_specialty",
        "c_spec is not a code of ref_hospital_specialties.specialty_code",
        1,
        "'X1'",
    ),
    (
        "lpr_adm",
        "mdc",
        "lpr_adm__mdc__is_known_mdc",
        "mdc is not a code of ref_mdc_codes.mdc_code",
        3,
        "null",
    ),
    ("lpr_adm", "pnr", "lpr_adm__pnr__is_never_null", "null in pnr", 1, "null"),
    # A contact without a municipality would silently leave every municipal figure.
    ("lpr_adm", "c_kom", "lpr_adm__c_kom__is_never_null", "null in c_kom", 2, "null"),
    ("bef", "foed_dag", "bef__foed_dag__is_never_null", "null in foed_dag", 1, "null"),
    (
        "lpr_diag",
        "c_diagtype",
        "lpr_diag__c_diagtype__is_a_b_plus_h_or_g",
        "c_diagtype is not one of A, B, +, H, G",
        1,
        "'Z'",
    ),
    (
        "ind",
        "dispon_13",
        "ind__dispon_13__within_income_range",
        "dispon_13 is outside -10000000..100000000",
        2,
        "1e12",
    ),
    (
        "udda",
        "hfaudd",
        "udda__hfaudd__is_known_education_level",
        "hfaudd (first 2 characters) is not a code of ref_education_levels.hfaudd_prefix",
        1,
        "'9912'",
    ),
    (
        "bfl",
        "ajo_arbejdstimer",
        "bfl__ajo_arbejdstimer__within_hours_of_a_month",
        "ajo_arbejdstimer is outside 0..744",
        1,
        "1000.0",
    ),
    (
        "bfl",
        "arb_hoved_bra_db07",
        "bfl__arb_hoved_bra_db07__is_known_db07_division",
        "arb_hoved_bra_db07 (first 2 characters) is not a code of ref_db07_divisions.division",
        1,
        "'000000'",
    ),
    (
        "sssy",
        "antydel",
        "sssy__antydel__within_services_of_a_claim",
        "antydel is outside 1..100",
        2,
        "0",
    ),
    (
        "vnds",
        "indud_kode",
        "vnds__indud_kode__is_i_or_u",
        "indud_kode is not one of I, U",
        1,
        "'X'",
    ),
    ("ges", "pnr", "ges__pnr__is_never_null", "null in pnr", 1, "null"),
]

GRAINS = {
    "bef": "pnr, aar",
    "lpr_adm": "recnum",
    "lpr_diag": "recnum, c_diag, c_diagtype",
    "ind": "pnr, aar",
    "udda": "pnr, aar",
    "bfl": "pnr, aarmd, cvrnr",
    "sssy": "pnr, honuge, speciale, ydelsesnr",
    "vnds": "pnr, haend_dato, indud_kode",
    "ges": "ges_id",
}


@pytest.fixture(scope="module")
def broken_build(valid_registers: Path, workspace: Path) -> str:
    """Build a copy of the valid registers in which every rule of BROKEN_RULES is broken
    on rows of its own (rules on one file take consecutive rows of its grain order;
    an outpatient contact is moved to a discharge the day after its admission)."""
    folder = workspace / "registers"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(valid_registers, folder, ignore=shutil.ignore_patterns("_truth", ".complete"))
    by_file: dict[str, list[tuple]] = {}
    for rule in BROKEN_RULES:
        by_file.setdefault(rule[0], []).append(rule)
    for name, rules in by_file.items():
        replaces, first = [], 1
        for _, column, _, _, n, value in rules:
            picked = f"row_in_grain between {first} and {first + n - 1}"
            replaces.append(f"case when {picked} then {value} else {column} end as {column}")
            first += n
        con = duckdb.connect()
        path = folder / f"{name}.parquet"
        con.execute(
            f"create table register as select *, row_number() over (order by {GRAINS[name]}) "
            f"as row_in_grain from read_parquet('{path}')"
        )
        if name == "lpr_adm":
            # An outpatient contact that no other rule of lpr_adm touches.
            recnum = con.execute(
                "select min(recnum) from register "
                f"where c_pattype = '2' and row_in_grain >= {first}"
            ).fetchone()[0]
            replaces.append(
                f"case when recnum = '{recnum}' then d_inddto + 1 else d_uddto end as d_uddto"
            )
        con.execute(
            "create table broken as select * exclude (row_in_grain) "
            f"replace ({', '.join(replaces)}) from register"
        )
        con.execute(f"copy broken to '{path}' (format parquet)")
        con.close()
    code, output, _ = build(folder, workspace)
    assert code != 0, output
    return output


@pytest.mark.parametrize(
    ("register", "column", "check", "problem", "n_rows"),
    [rule[:5] for rule in BROKEN_RULES],
    ids=[rule[2] for rule in BROKEN_RULES],
)
def test_each_broken_promise_fails_the_build(
    broken_build, register, column, check, problem, n_rows
):
    output = broken_build
    # checks.py prints a block per failed check: file and column, rule, count, rows.
    blocks = output.split(f"\n{register}.parquet  column {column}  rule ")
    block = next((b for b in blocks[1:] if f"check: {check}\n" in b), None)
    assert block is not None, f"no failure block of {check} on {register}.{column}:\n{output}"
    block = block.split("\n\n")[0]
    assert f"failing register rows: {n_rows}\n" in block, block
    assert problem in block, block


def test_an_outpatient_discharge_after_admission_fails_the_build(broken_build):
    assert "lpr_adm.parquet  column d_uddto" in broken_build
    assert "check: lpr_adm__d_uddto__is_d_inddto_when_outpatient" in broken_build
    assert "d_uddto differs from d_inddto where c_pattype = '2'" in broken_build


def test_an_unknown_country_is_named_not_taken_for_non_western(broken_build):
    block = broken_build.split("check: bef__opr_land__is_known_country")[1].split("\n\n")[0]
    assert "| 9999 " in block, block


def test_an_admission_outside_dream_names_the_contact(registers, workspace):
    """A plan contact admitted so early that its look-back (week -60 and the sickness
    margin) needs weeks before DREAM's first column stops the build, naming it."""
    con = duckdb.connect()
    first_week = con.execute(
        "select min(name) from parquet_schema(?) where regexp_full_match(name, 'y_[0-9]{4}')",
        [str(registers / "dream.parquet")],
    ).fetchone()[0]
    recnum = con.execute(
        f"""
        select min(adm.recnum) from read_parquet('{registers / "lpr_adm.parquet"}') as adm
        semi join read_parquet('{registers / "lpr_sksube.parquet"}') as ube
            on adm.recnum = ube.recnum and ube.c_opr = 'AWG1'
            and ube.d_odto between date '2015-11-01' and date '2017-12-31'
        """
    ).fetchone()[0]
    con.close()
    # Admitted 20 weeks after DREAM's first week: its week -60 - 4 lies 44 weeks before.
    first_monday = date.fromisocalendar(2000 + int(first_week[2:4]), int(first_week[4:6]), 1)
    admission = first_monday + timedelta(weeks=20)
    needed = (admission - timedelta(weeks=64)).isocalendar()
    first_missing = f"y_{needed[0] % 100:02d}{needed[1]:02d}"
    rewrite(
        registers,
        "lpr_adm",
        f"select * replace (case when recnum = '{recnum}' then date '{admission}' "
        "else d_inddto end as d_inddto) from register",
    )
    code, output, _ = build(registers, workspace)
    assert_fails_with(
        code,
        output,
        f"dream.parquet: missing required columns {first_missing}",
        "lpr_adm.parquet: 1 plan contact(s) of the plan period have weeks outside DREAM",
        f"{recnum} (admitted {admission}",
    )
