"""The dbt build against the pandas reference on the edge registers (edge_registers.py):
one `rtw build`, then course by course the first failed rule of METHOD §3 and the
outcome at months 0-6 (§4) must be the same. The reference is an independent
implementation (python/rtw/reference), so a difference is a bug in one of the two."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from edge_registers import QUALITY_VARS, build_edge_registers

from rtw import project_root
from rtw.reference import Params, compute_courses
from support.builds import Build, run_build

MONTHS = [f"on_benefits_m{m}" for m in range(7)]
# One build of ~70 courses: 20-45 s on the shared machine, over the non-slow budget.
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def edge_build(tmp_path_factory) -> tuple[Build, dict[str, str]]:
    folder = tmp_path_factory.mktemp("edge_build")
    registers, cases = build_edge_registers(folder)
    code, output, seconds = run_build(registers, folder, "--vars", json.dumps(QUALITY_VARS))
    assert code == 0, output[-5000:]
    return Build(registers, folder / "warehouse.duckdb", folder / "target", output, seconds), cases


@pytest.fixture(scope="module")
def compared(edge_build) -> pd.DataFrame:
    build, cases = edge_build
    reference = compute_courses(build.registers, project_root() / "seeds", Params(**QUALITY_VARS))
    with build.connect_person_level() as con:
        sql = con.sql(
            "select course_id, exclusion_rule, " + ", ".join(MONTHS) + " "
            "from intermediate.int_rehab_courses_assessed"
        ).df()
    both = reference.merge(
        sql, on="course_id", how="outer", suffixes=("_ref", "_sql"), indicator=True
    )
    both["case"] = both["course_id"].map(cases).fillna("(no case)")
    return both


def test_same_candidate_courses(compared):
    assert (compared["_merge"] == "both").all(), compared.loc[
        compared["_merge"] != "both", ["course_id", "case", "_merge"]
    ]


def test_every_case_is_a_candidate_course(compared, edge_build):
    _, cases = edge_build
    assert set(cases) <= set(compared["course_id"])


def _text(value) -> str:
    return "in the population" if pd.isna(value) else str(value)


def test_first_failed_rule_course_by_course(compared):
    ref = compared["exclusion_rule_ref"].map(_text)
    sql = compared["exclusion_rule_sql"].map(_text)
    differ = compared.loc[
        ref != sql, ["course_id", "case", "exclusion_rule_ref", "exclusion_rule_sql"]
    ]
    assert differ.empty, "\n" + differ.to_string()


def test_outcomes_course_by_course(compared):
    # The SQL measures the outcome only for courses that reach rule 6 (pass rules 1-5).
    reach_6 = ~compared["exclusion_rule_ref"].isin(["2", "3", "4", "5"])
    rows = compared[reach_6]
    differ = []
    for month in MONTHS:
        ref = rows[f"{month}_ref"].astype("Int64")
        sql = rows[f"{month}_sql"].astype("Int64")
        same = (ref == sql).fillna(False) | (ref.isna() & sql.isna())
        for _, row in rows[~same].iterrows():
            differ.append(
                (row["course_id"], row["case"], month, row[f"{month}_ref"], row[f"{month}_sql"])
            )
    assert not differ, "\n".join(map(str, differ))


def test_the_edges_are_exercised(compared):
    """Every rule of §3 fails somewhere in the edge registers and some courses pass all:
    otherwise agreement would prove nothing about that rule."""
    rules = set(compared["exclusion_rule_ref"].dropna())
    assert rules >= {"2", "3", "4", "5", "6", "7", "8", "9", "10a", "10b", "10c", "10d"}
    assert compared["exclusion_rule_ref"].isna().sum() >= 10


# METHOD's decisions, by hand: the first failed rule both must give (None = kept).
DECISIONS = {
    "rule 3: second service on day 364 of the course": None,
    "rule 3: second service on day 365 (outside)": "3",
    "rule 3: a specialised plan (AWG2) inside the period ends the course": "3",
    "rule 3: a specialised plan (AWG3) on the day of the second service": "3",
    "rule 3: a specialised plan the same day is not a next plan": None,
    "rule 3: a general plan after the plan period (2018) ends the course": "3",
    "rule 6: 5-week sickness y_1550..y_1601 across week 53": "6",
    "rule 6: 4-week sickness y_1551..y_1601 across week 53": None,
    "rule 6: a sickness spell straddling the window's start (weeks -70..-7)": "6",
    "rule 7 tie: same admission, later discharge": "7",
    "rule 7 tie: same admission, earlier discharge": None,
    "rule 7 tie: same dates, lower course_id": None,
    "rule 7 tie: same dates, higher course_id": "7",
    "rule 7: 304 days after the first, 102 after a dropped one": None,
    "rule 10, municipality 153": None,  # exactly 40 %: no swing
    "rule 10, municipality 155": "10b",
}


@pytest.mark.parametrize("case", sorted(DECISIONS))
def test_decision_cases(compared, case):
    rows = compared[compared["case"] == case]
    assert len(rows), case
    expected = _text(DECISIONS[case])
    assert set(rows["exclusion_rule_ref"].map(_text)) == {expected}
    assert set(rows["exclusion_rule_sql"].map(_text)) == {expected}


def test_straddling_sickness_counts_in_full_at_month_6(compared):
    row = compared[compared["case"] == "outcome: 5-week sickness straddling week 26 (weeks 24..28)"]
    assert row["on_benefits_m6_ref"].tolist() == [1] and row["on_benefits_m6_sql"].tolist() == [1]
