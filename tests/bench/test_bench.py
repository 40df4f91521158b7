"""The benchmark's own logic (bench/rtwbench): the analyst's pandas against rtw.reference
course by course, and the comparison of municipal shares with the warehouse's, on a tiny
register folder; the per-layer times from dbt's artifacts; the process-tree
measurement."""

from __future__ import annotations

import json
import sys

import duckdb
import pandas as pd
import pytest

from rtw import project_root

sys.path.insert(0, str(project_root() / "bench"))

from rtwbench import analyst  # noqa: E402
from rtwbench.layers import layer_times, node_layer, seconds_until, upstream_models  # noqa: E402
from rtwbench.measure import run_measured  # noqa: E402
from rtwbench.shares import (  # noqa: E402
    compare_shares,
    published_shares,
    reference_shares,
    warehouse_shares,
)


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    """A tiny synthetic register folder (8,000 plans)."""
    from rtw.synth import generate

    folder = tmp_path_factory.mktemp("tiny")
    generate(folder, seed=3, plans=8_000, progress=False)
    return folder


@pytest.fixture(scope="module")
def reference_courses(tiny):
    from rtw.reference import compute_courses

    return compute_courses(tiny, project_root() / "seeds")


@pytest.fixture(scope="module")
def courses(reference_courses):
    """The reference's courses with rule 10 undone: so few courses fail the municipal
    quality rules (10c, 10d) almost everywhere; here those courses count as kept, which
    gives many municipalities, some of 5 or fewer courses."""
    courses = reference_courses.copy()
    rule_10 = courses.exclusion_rule.fillna("").str.startswith("10")
    courses.loc[rule_10, "exclusion_rule"] = None
    return courses


def _warehouse(courses: pd.DataFrame) -> duckdb.DuckDBPyConnection:
    """A stand-in warehouse: fct_rehab_courses with the reference's courses, and Bilag 2
    table 1 computed from it as the mart does (share in per cent rounded to 4 decimals,
    cells of 5 or fewer courses suppressed)."""
    con = duckdb.connect()
    con.execute("create schema marts")
    fct = courses.copy()
    for m in range(7):
        fct[f"on_benefits_m{m}"] = fct[f"on_benefits_m{m}"].astype("Int64")
    con.register("courses_df", fct)
    con.execute("create table marts.fct_rehab_courses as select * from courses_df")
    con.execute(
        """
        create table marts.mart_bilag2_table1_benchmark as
        with final as (
            select municipality_code, on_benefits_m3 as y
            from marts.fct_rehab_courses
            where exclusion_rule is null and on_benefits_m3 is not null
        ),
        unioned as (
            select 'municipality' as scope, municipality_code, count(*) as n, avg(y) as share
            from final group by municipality_code
            union all
            select 'national', null, count(*), avg(y) from final
        )
        select scope, municipality_code, 3 as outcome_month,
            case when n > 5 then n end as n_courses,
            case when n > 5 then round(100 * share, 4) end as actual_share_pct,
            n <= 5 as is_suppressed
        from unioned
        """
    )
    return con


def _problems(con, reference):
    return compare_shares(reference, warehouse_shares(con), published_shares(con))


def test_the_analyst_pandas_agrees_with_the_reference_course_by_course(tiny, reference_courses):
    ours = analyst.compute(tiny, project_root() / "seeds")
    theirs = reference_courses.set_index("course_id")
    assert sorted(ours["recnum"]) == sorted(theirs.index)
    ours = ours.set_index("recnum").loc[theirs.index]
    rules = ours["rule"].fillna("kept")
    assert (rules == theirs["exclusion_rule"].fillna("kept")).all()
    # Every rule is exercised, rules 6-10 included.
    assert set(rules) >= {"2", "3", "4", "5", "6", "7", "8", "9", "kept"}
    assert rules.str.startswith("10").any()
    outcome = ours["on_benefits_m3"].astype("Int64")
    started = theirs["rehab_start_date"].notna()
    assert outcome[started].equals(theirs.loc[started, "on_benefits_m3"].astype("Int64"))
    shares = analyst.municipal_shares(ours.reset_index())
    assert shares.equals(reference_shares(reference_courses))


def test_identical_shares_pass(courses):
    reference = reference_shares(courses)
    assert len(reference) > 50 and reference.n_courses.sum() > 300
    assert (reference.n_courses <= 5).any() and (reference.n_courses > 5).any()
    con = _warehouse(courses)
    assert _problems(con, reference) == []


def test_a_course_with_another_outcome_is_found(courses):
    reference = reference_shares(courses)
    con = _warehouse(courses)
    code, course = con.execute(
        """
        select municipality_code, course_id from marts.fct_rehab_courses
        where exclusion_rule is null and on_benefits_m3 = 0
        order by course_id limit 1
        """
    ).fetchone()
    con.execute(
        f"update marts.fct_rehab_courses set on_benefits_m3 = 1 where course_id = '{course}'"
    )
    problems = compare_shares(reference, warehouse_shares(con))
    assert len(problems) == 1 and f"municipality {code}:" in problems[0]


def test_a_missing_municipality_and_a_wrong_published_share_are_found(courses):
    reference = reference_shares(courses)
    con = _warehouse(courses)
    big = reference.sort_values("n_courses").iloc[-1].municipality_code
    con.execute(
        "update marts.mart_bilag2_table1_benchmark "
        f"set actual_share_pct = actual_share_pct + 0.001 where municipality_code = {big}"
    )
    problems = _problems(con, reference)
    assert any(f"published municipality {big}" in p for p in problems), problems
    gone = reference.iloc[0].municipality_code
    con.execute(f"delete from marts.fct_rehab_courses where municipality_code = {gone}")
    problems = _problems(con, reference)
    assert any(f"municipality {gone}: in the reference only" in p for p in problems), problems


def test_suppression_must_match(courses):
    reference = reference_shares(courses)
    small = reference[reference.n_courses <= 5]
    con = _warehouse(courses)
    if len(small):  # a published share for a cell of 5 or fewer courses
        code = small.iloc[0].municipality_code
        con.execute(
            "update marts.mart_bilag2_table1_benchmark set is_suppressed = false, "
            f"actual_share_pct = 50 where municipality_code = {code}"
        )
    else:  # a suppressed cell with more courses
        code = reference.iloc[0].municipality_code
        con.execute(
            "update marts.mart_bilag2_table1_benchmark set is_suppressed = true, "
            f"actual_share_pct = null where municipality_code = {code}"
        )
    problems = _problems(con, reference)
    assert any(f"published municipality {code}" in p for p in problems), problems


def test_a_tie_may_be_rounded_either_way():
    reference = pd.DataFrame({"municipality_code": [101], "n_courses": [128], "n_on_benefits": [1]})
    published = pd.DataFrame(
        {
            "scope": ["municipality", "national"],
            "municipality_code": [101, None],
            "outcome_month": [3, 3],
            "n_courses": [128, 128],
            "actual_share_pct": [0.7813, 0.7812],  # 100/128 = 0.78125 exactly
            "is_suppressed": [False, False],
        }
    )
    assert compare_shares(reference, reference, published) == []
    published.loc[0, "actual_share_pct"] = 0.7814
    assert len(compare_shares(reference, reference, published)) == 1


def _artifacts(tmp_path):
    def timing(start, end):
        return [
            {
                "name": "compile",
                "started_at": f"2026-01-01T00:00:{start:02d}Z",
                "completed_at": None,
            },
            {
                "name": "execute",
                "started_at": f"2026-01-01T00:00:{start:02d}Z",
                "completed_at": f"2026-01-01T00:00:{end:02d}Z",
            },
        ]

    results = {
        "elapsed_time": 30.0,
        "results": [
            {"unique_id": "model.rtw.stg_a", "execution_time": 1.0, "timing": timing(0, 1)},
            {"unique_id": "test.rtw.a_is_unique", "execution_time": 2.0, "timing": timing(1, 3)},
            {"unique_id": "model.rtw.int_b", "execution_time": 4.0, "timing": timing(2, 6)},
            {"unique_id": "model.rtw.int_fit", "execution_time": 8.0, "timing": timing(6, 14)},
            {"unique_id": "model.rtw.mart_c", "execution_time": 0.5, "timing": timing(14, 15)},
        ],
    }
    manifest = {
        "nodes": {
            "model.rtw.stg_a": {"original_file_path": "models/staging/a/stg_a.sql"},
            "test.rtw.a_is_unique": {"original_file_path": "models/staging/a/_a__sources.yml"},
            "model.rtw.int_b": {"original_file_path": "models/intermediate/b/int_b.sql"},
            "model.rtw.int_fit": {
                "original_file_path": "models/intermediate/benchmark/int_fit.py",
                "language": "python",
            },
            "model.rtw.mart_c": {"original_file_path": "models/marts/mart_c.sql"},
        },
        "parent_map": {
            "model.rtw.stg_a": ["source.rtw.a.a"],
            "model.rtw.int_b": ["model.rtw.stg_a"],
            "model.rtw.int_fit": ["model.rtw.int_b"],
            "model.rtw.mart_c": ["model.rtw.int_fit", "model.rtw.int_b"],
            "test.rtw.a_is_unique": ["source.rtw.a.a"],
        },
    }
    (tmp_path / "run_results.json").write_text(json.dumps(results))
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    return tmp_path


def test_layers_group_nodes_by_folder_with_python_apart(tmp_path):
    times = layer_times(_artifacts(tmp_path))
    layers = times["layers"]
    assert {k: v["seconds"] for k, v in layers.items()} == {
        "staging": 3.0,
        "intermediate": 4.0,
        "python": 8.0,
        "marts": 0.5,
    }
    assert layers["staging"]["by_type"] == {"model": 1.0, "test": 2.0}
    assert layers["staging"]["span_seconds"] == 3.0
    assert times["dbt_elapsed_seconds"] == 30.0
    assert times["slowest"][0] == ("model.rtw.int_fit", 8.0)
    assert node_layer({"original_file_path": "seeds/ref_x.csv"}) == "seeds"
    assert node_layer({"original_file_path": "tests/dbt/staging/assert_x.sql"}) == "staging"
    assert upstream_models(tmp_path / "manifest.json", "int_b") == {
        "model.rtw.int_b",
        "model.rtw.stg_a",
    }
    assert seconds_until(tmp_path, "int_fit") == 14.0  # from the first node's start
    assert seconds_until(tmp_path, "no_such_model") is None


def test_measure_sees_the_memory_of_a_child_process(tmp_path):
    script = (
        "import subprocess, sys\n"
        "code = 'b = bytearray(300 * 2**20); import time; time.sleep(1.5)'\n"
        "sys.exit(subprocess.call([sys.executable, '-c', code]))\n"
    )
    m = run_measured([sys.executable, "-c", script], interval=0.05, log=tmp_path / "log")
    assert m.ok
    assert m.peak_tree_bytes > 300 * 2**20  # the grandchild's 300 MiB, plus the parent
    assert m.peak_process_bytes > 300 * 2**20
    assert m.seconds >= 1.5


def test_measure_stops_a_run_that_takes_too_long():
    m = run_measured([sys.executable, "-c", "import time; time.sleep(30)"], timeout=1)
    assert m.returncode is None and not m.ok
    assert "timeout" in m.stopped and m.seconds < 10
