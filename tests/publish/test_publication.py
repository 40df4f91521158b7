"""Issue 7: scheduled builds and concurrent readers, on a small register folder.

One scenario, run once per module, as a scheduled job and its BI readers would live it:

1. "last year": build with the plan period ending 2016 (start year 2016 only);
2. a reader opens the published DuckDB file and a Parquet mart and holds both open
   while the "new year" build (the METHOD defaults: plans to 2017) runs and publishes;
   it reads again through its open handles, then opens anew;
3. a build is started and, while it runs, a second one is refused; the first is then
   killed with SIGKILL in the middle of dbt;
4. the next build succeeds on the same inputs as step 2: identical published bytes;
5. a corrupt register file, and a plan period that DREAM does not cover, fail with a
   clear message and leave the publication as it was.

The tests below assert on what each step recorded.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from rtw.publish.layout import PERSON_LEVEL
from support.builds import build_command, dbt_env, run_build

pytestmark = pytest.mark.slow

# Rule 10's minimums at 1 keep the small municipalities, so that the model has data.
SMALL = "quality_min_courses_year: 1, quality_min_courses_total: 1"
LAST_YEAR = "{" + SMALL + ", plan_period_end: '2016-12-31', start_years: [2016]}"
NEW_YEAR = "{" + SMALL + "}"
NOT_IN_DREAM = "{" + SMALL + ", plan_period_end: '2018-12-31', start_years: [2016, 2017, 2018]}"
MART = "mart_population_flow"

READER = """
import json, sys, duckdb, pyarrow.parquet as pq
warehouse, parquet = sys.argv[1], sys.argv[2]

def read(con, table):
    # The publication holds published marts only: the new year shows in the flow's
    # counts (the start years are in the person-level layers only).
    flow = con.execute("select count(*), sum(n_courses) from marts.mart_population_flow").fetchone()
    rows = table.num_rows
    return {"flow": list(flow), "parquet_rows": rows,
            "parquet_courses": int(sum(x for x in table.column("n_courses").to_pylist() if x))}

con = duckdb.connect(warehouse, read_only=True)
handle = open(parquet, "rb")
print(json.dumps(read(con, pq.read_table(handle))), flush=True)
sys.stdin.readline()  # the build has published meanwhile
handle.seek(0)
print(json.dumps(read(con, pq.read_table(handle))), flush=True)
con.close(); handle.close()
con = duckdb.connect(warehouse, read_only=True)
print(json.dumps(read(con, pq.read_table(parquet))), flush=True)
"""


def publication(folder: Path) -> dict:
    """What is published now: the release id and every published file's sha256."""
    current = (folder / "current").resolve()
    release = json.loads((current / "release.json").read_text())
    marts = {p.name: _sha(p) for p in sorted((folder / "marts").iterdir())}
    return {"release": current.name, "marts": marts, "recorded": release["marts"]}


def _sha(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(c) for c in path.read_text().split()] if path.exists() else []


def _wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory) -> dict:
    from rtw.synth import generate

    folder = tmp_path_factory.mktemp("publication")
    registers = folder / "raw"
    generate(out=registers, seed=7, plans=12_000, progress=False)
    seen: dict = {"folder": folder}

    # 1. Last year's build.
    code, output, _ = run_build(registers, folder, "--vars", LAST_YEAR)
    assert code == 0, output
    seen["last_year"] = publication(folder)

    # 2. A reader holds the publication open while the new year's build publishes.
    reader = subprocess.Popen(
        [
            sys.executable,
            "-c",
            READER,
            str(folder / "warehouse.duckdb"),
            str(folder / "marts" / f"{MART}.parquet"),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    seen["read_before"] = json.loads(reader.stdout.readline())
    code, output, _ = run_build(registers, folder, "--vars", NEW_YEAR)
    assert code == 0, output
    seen["new_year"] = publication(folder)
    out, err = reader.communicate("published\n", timeout=120)
    assert reader.returncode == 0, err
    seen["read_held"], seen["read_reopened"] = (json.loads(line) for line in out.splitlines())

    # 3. A build that another build refuses to run beside, then killed mid-way.
    env = dbt_env(folder)
    env["RTW_BUILD_VERBOSE"] = "1"  # dbt's node lines live, to see where it is
    with open(folder / "killed.log", "w") as log:
        killed = subprocess.Popen(
            build_command(registers, "--vars", NEW_YEAR), env=env, stdout=log, stderr=log
        )
        _wait_for(lambda: (folder / "building" / PERSON_LEVEL).exists(), 120, "the build")
        # Wait until dbt is past the seeds and staging, inside the intermediate models.
        _wait_for(
            lambda: "intermediate.int_" in (folder / "killed.log").read_text(), 300, "dbt models"
        )
        refused = subprocess.run(
            build_command(registers, "--vars", NEW_YEAR),
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        seen["refused"] = (refused.returncode, refused.stdout + refused.stderr)
        children = _children(killed.pid)
        os.kill(killed.pid, signal.SIGKILL)
        killed.wait(timeout=60)
    seen["killed_children_gone"] = _wait_for(
        lambda: all(not Path(f"/proc/{c}").exists() for c in children) or None,
        30,
        "dbt to die with its parent",
    )
    seen["killed_children"] = children
    seen["after_kill"] = publication(folder)
    seen["half_built_left"] = (folder / "building" / PERSON_LEVEL).exists()

    # 4. The next build, same inputs as the new year's build.
    code, output, _ = run_build(registers, folder, "--vars", NEW_YEAR)
    assert code == 0, output
    seen["rebuilt"] = publication(folder)

    # 5. Bad input: a corrupt register file; a period that DREAM does not cover.
    corrupt = folder / "corrupt"
    shutil.copytree(registers, corrupt, ignore=shutil.ignore_patterns("_truth"))
    (corrupt / "bef.parquet").write_bytes(b"this is not a parquet file\n" * 100)
    seen["corrupt"] = run_build(corrupt, folder, "--vars", NEW_YEAR)[:2]
    seen["after_corrupt"] = publication(folder)
    seen["not_in_dream"] = run_build(registers, folder, "--vars", NOT_IN_DREAM)[:2]
    seen["after_not_in_dream"] = publication(folder)
    seen["runs"] = [json.loads(p.read_text()) for p in sorted((folder / "runs").glob("*.json"))]
    return seen


def test_a_reader_keeps_its_open_publication_and_sees_the_new_one_on_reopening(scenario):
    before, held, reopened = (
        scenario["read_before"],
        scenario["read_held"],
        scenario["read_reopened"],
    )
    assert held == before  # the old file and Parquet, whole, through the open handles
    assert reopened["flow"][1] > before["flow"][1]  # the new year is published
    assert reopened["parquet_courses"] > before["parquet_courses"]
    assert scenario["new_year"]["release"] != scenario["last_year"]["release"]


def test_published_parquet_files_are_those_the_release_recorded(scenario):
    for name in ("last_year", "new_year", "rebuilt"):
        published = scenario[name]
        recorded = {m["mart"] + ".parquet": m["sha256"] for m in published["recorded"]}
        assert published["marts"] == recorded, name
        assert len(recorded) >= 14


def test_a_second_build_is_refused_while_one_runs(scenario):
    code, output = scenario["refused"]
    assert code == 75, output
    assert "another rtw build is running" in output


def test_a_killed_build_leaves_the_publication_and_the_next_build_succeeds(scenario):
    assert scenario["killed_children"], "the killed build had started dbt"
    assert scenario["killed_children_gone"]  # no orphan dbt writes on
    assert scenario["after_kill"] == scenario["new_year"]
    assert scenario["rebuilt"]["release"] != scenario["new_year"]["release"]
    assert scenario["half_built_left"]  # the next build cleared it and published


def test_two_builds_on_the_same_inputs_publish_identical_bytes(scenario):
    assert scenario["rebuilt"]["marts"] == scenario["new_year"]["marts"]


def test_a_corrupt_register_fails_clearly_and_keeps_the_publication(scenario):
    code, output = scenario["corrupt"]
    assert code != 0
    assert "bef.parquet" in output, output
    assert "the publication is unchanged" in output
    assert scenario["after_corrupt"] == scenario["rebuilt"]
    failed = list((scenario["folder"] / "releases").glob("*.failed"))
    assert len(failed) == 1  # the last failed build, kept for inspection


def test_a_plan_period_beyond_dream_names_the_missing_weeks(scenario):
    code, output = scenario["not_in_dream"]
    assert code != 0
    assert "dream.parquet: missing required columns y_1901" in output, output
    assert scenario["after_not_in_dream"] == scenario["rebuilt"]


def test_every_build_has_a_run_log(scenario):
    runs = scenario["runs"]
    # last year, new year, killed (no log: it died), refused, rebuilt, corrupt, dream.
    assert [r["status"] for r in runs] == [
        "published",
        "published",
        "refused",
        "published",
        "failed",
        "failed",
    ]
    for run in runs:
        assert run["started_at"] <= run["ended_at"] and run["seconds"] >= 0
    published = [r for r in runs if r["status"] == "published"]
    for run in published:
        rows = {m["name"]: m["rows"] for m in run["models"]}
        assert rows["fct_rehab_courses"] > 0 and rows[MART] > 0
        assert run["tests"].get("pass", 0) > 100 and "fail" not in run["tests"]
        assert {p["mart"] for p in run["parquet"]} >= {MART, "mart_benchmark_municipality"}
        assert isinstance(run["warnings"], list)
    assert "another rtw build" in runs[2]["error"]


def test_the_parquet_marts_hold_what_the_duckdb_marts_hold(scenario):
    import duckdb

    folder = scenario["folder"]
    with duckdb.connect(str(folder / "warehouse.duckdb"), read_only=True) as con:
        for path in sorted((folder / "marts").glob("*.parquet")):
            table = f"marts.{path.stem}"
            parquet = f"read_parquet('{path}')"
            for a, b in ((table, parquet), (parquet, table)):
                extra = con.sql(f"select count(*) from (from {a} except all from {b})")
                assert extra.fetchone()[0] == 0, f"{path.name}: rows differ from {table}"
            columns = con.sql(f"describe {table}").df()[["column_name", "column_type"]]
            assert columns.equals(con.sql(f"describe from {parquet}").df()[columns.columns])
