"""Each rule of METHOD §3 and the outcome of §4, pinned at its edges."""

from __future__ import annotations

from dataclasses import fields
from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest
from reference_registers import DREAM_WEEKS, QUALITY_KOM, Registers, week_of

from rtw import project_root
from rtw.reference import (
    COURSE_COLUMNS,
    Params,
    compute_courses,
    municipal_shares,
    population_flow,
)
from rtw.reference.dream import (
    ON_BENEFITS,
    SELF_SUPPORTING,
    UNDETERMINABLE,
    clean_short_sickness,
    read_week_status,
)
from rtw.reference.readers import read_dream_codes
from rtw.reference.weeks import dream_column_monday, month_weeks

# Rule 10 is tested on its own; elsewhere one course is enough for a municipality.
LENIENT = Params(quality_min_courses_year=1, quality_min_courses_total=1)


def run(registers: Registers, seeds_dir, params: Params = LENIENT) -> pd.DataFrame:
    """Write the registers (with data-quality filler for municipality 101) and compute."""
    registers.quality_filler(years=params.start_years)
    courses = compute_courses(registers.write(), seeds_dir, params)
    return courses.set_index("course_id", drop=False)


def rule(courses: pd.DataFrame, course: dict):
    value = courses.loc[course["recnum"], "exclusion_rule"]
    return None if pd.isna(value) else value


# --- weeks ------------------------------------------------------------------------


def test_dream_columns_are_iso_weeks():
    assert dream_column_monday("y_1553") == date(2015, 12, 28)
    assert dream_column_monday("y_1601") == date(2016, 1, 4)
    assert dream_column_monday("pnr") is None
    with pytest.raises(ValueError, match="y_1653"):
        dream_column_monday("y_1653")


def test_month_weeks():
    assert month_weeks(0) == (0,)
    assert [month_weeks(m)[-1] for m in range(1, 7)] == [4, 9, 13, 17, 22, 26]
    assert month_weeks(3) == (11, 12, 13)


def test_params_match_dbt_vars():
    yaml = pytest.importorskip("yaml")
    dbt_vars = yaml.safe_load((project_root() / "dbt_project.yml").read_text())["vars"]
    for field in fields(Params):
        name = "musculoskeletal_mdc" if field.name == "mdc" else field.name
        value = getattr(Params(), field.name)
        expected = dbt_vars[name]
        if isinstance(value, tuple):
            expected = tuple(expected)
        elif isinstance(value, date):
            expected = date.fromisoformat(str(expected))
        assert value == expected, name


def test_output_columns(registers, seeds_dir):
    registers.course("P000000001")
    courses = run(registers, seeds_dir)
    assert list(courses.columns) == COURSE_COLUMNS
    assert str(courses["on_benefits_m3"].dtype) == "Int8"
    row = courses.iloc[0]
    assert row["rehab_start_date"] == pd.Timestamp("2016-03-16")
    assert row["start_year"] == 2016 and row["municipality_code"] == QUALITY_KOM
    assert pd.isna(row["exclusion_rule"])
    assert [row[f"on_benefits_m{m}"] for m in range(7)] == [0] * 7


# --- rule 1 and 2 -----------------------------------------------------------------


def test_rule1_plan_code_and_period(registers, seeds_dir):
    before = registers.course(
        "P000000001",
        plan_date=date(2015, 10, 31),
        admission=date(2015, 10, 26),
        discharge=date(2015, 10, 31),
    )
    first_day = registers.course(
        "P000000002",
        admission=date(2015, 10, 26),
        discharge=date(2016, 1, 5),
        plan_date=date(2015, 11, 1),
    )
    specialised = registers.course("P000000003", plan_code="AWG2")
    after = registers.course("P000000004", admission=date(2017, 12, 28), plan_date=date(2018, 1, 1))
    # Two AWG1 rows on one contact: the earliest in the period is the plan date.
    two = registers.course("P000000005", plan_date=date(2016, 3, 10))
    registers.add("lpr_sksube", recnum=two["recnum"], c_opr="AWG1", d_odto=date(2016, 3, 8))
    registers.add("lpr_sksube", recnum=two["recnum"], c_opr="AWG1", d_odto=date(2015, 10, 1))
    courses = run(registers, seeds_dir)
    ids = set(courses["course_id"])
    assert before["recnum"] not in ids and specialised["recnum"] not in ids
    assert after["recnum"] not in ids
    assert courses.loc[first_day["recnum"], "plan_date"] == pd.Timestamp("2015-11-01")
    assert courses.loc[two["recnum"], "plan_date"] == pd.Timestamp("2016-03-08")
    assert len(courses) == 2


def test_rule2_mdc(registers, seeds_dir):
    yes = registers.course("P000000001")
    no = registers.course("P000000002", mdc="04")
    courses = run(registers, seeds_dir)
    assert rule(courses, yes) is None and rule(courses, no) == "2"


# --- rule 3 -----------------------------------------------------------------------


def test_rule3_first_service_day_60_vs_61(registers, seeds_dir):
    day0 = registers.course("P000000001", service_days=(0, 5))
    day60 = registers.course("P000000002", service_days=(60, 67))
    day61 = registers.course("P000000003", service_days=(61, 68))
    day_before = registers.course("P000000004", service_days=(-1, 70))
    courses = run(registers, seeds_dir)
    assert rule(courses, day0) is None
    assert rule(courses, day60) is None
    assert courses.loc[day60["recnum"], "rehab_start_date"] == pd.Timestamp(
        day60["discharge"] + timedelta(days=60)
    )
    assert rule(courses, day61) == "3"
    assert pd.isna(courses.loc[day61["recnum"], "rehab_start_date"])
    assert pd.isna(courses.loc[day61["recnum"], "on_benefits_m3"])
    # The day before discharge is not linked; the next service 70 days after is too late.
    assert rule(courses, day_before) == "3"


def test_rule3_one_vs_two_services(registers, seeds_dir):
    one = registers.course("P000000001", service_days=(7,))
    two_same_day = registers.course("P000000002", service_days=(7, 7))
    day_364 = registers.course("P000000003", service_days=(7, 7 + 364))
    day_365 = registers.course("P000000004", service_days=(7, 7 + 365))
    courses = run(registers, seeds_dir)
    assert rule(courses, one) == "3"
    assert rule(courses, two_same_day) is None
    assert rule(courses, day_364) is None
    assert rule(courses, day_365) == "3"


def test_rule3_course_ends_at_next_plan(registers, seeds_dir):
    # Second plan 10 days after the first rehab start: services from then on are not in
    # the first course, which keeps 1 service and fails.
    first = registers.course("P000000001", service_days=(7, 17))
    second_plan = first["start"] + timedelta(days=10)
    registers.course(
        "P000000001",
        admission=second_plan - timedelta(days=1),
        discharge=second_plan,
        service_days=(7, 14),
    )
    # Same with the second plan one day later: both services stay in the first course.
    other = registers.course("P000000002", service_days=(7, 17))
    second_plan = other["start"] + timedelta(days=11)
    registers.course(
        "P000000002",
        admission=second_plan - timedelta(days=1),
        discharge=second_plan,
        service_days=(7, 14),
    )
    courses = run(registers, seeds_dir)
    assert rule(courses, first) == "3"
    assert rule(courses, other) is None


def test_rule3_start_year(registers, seeds_dir):
    late_2015 = registers.course(
        "P000000001", admission=date(2015, 12, 21), service_days=(7, 14)
    )  # start 2015-12-30
    courses = run(registers, seeds_dir)
    assert rule(courses, late_2015) == "3"


# --- rules 4 and 5 ----------------------------------------------------------------


def test_rule4_age_edges(registers, seeds_dir):
    age64 = registers.course("P000000001", born=date(1952, 12, 31))
    age65 = registers.course("P000000002", born=date(1951, 1, 1))
    age18 = registers.course("P000000003", born=date(1998, 12, 31))
    age17 = registers.course("P000000004", born=date(1999, 1, 1))
    courses = run(registers, seeds_dir)
    assert [rule(courses, c) for c in (age64, age65, age18, age17)] == [None, "4", None, "4"]


def test_rule4_bef_of_start_year_else_any_row(registers, seeds_dir):
    # BEF only for 2018: the birth date still comes from it.
    registers.person("P000000001", born=date(1951, 1, 1), years=[2018])
    old = registers.course("P000000001")
    registers.person("P000000002", born=date(1970, 1, 1), years=[2018])
    ok = registers.course("P000000002")
    registers._bef.add("P000000003")  # no BEF row at all: age unknown
    unknown = registers.course("P000000003")
    courses = run(registers, seeds_dir)
    assert [rule(courses, c) for c in (old, ok, unknown)] == ["4", None, "4"]


def test_rule5_hours_79_5_vs_80(registers, seeds_dir):
    short = registers.course("P000000001", hours=79.5)
    two_jobs = registers.course("P000000002", hours=50.0)
    registers.add("bfl", pnr="P000000002", aarmd=201601, cvrnr="X1", ajo_arbejdstimer=30.0)
    none = registers.course("P000000003", hours=None)
    courses = run(registers, seeds_dir)
    assert rule(courses, short) == "5"
    assert rule(courses, two_jobs) is None
    assert rule(courses, none) == "5"


def test_rule5_calendar_month(registers, seeds_dir):
    # Admission 2016-03-31: the month is January 2016, not February.
    jan = registers.course("P000000001", admission=date(2016, 3, 31), hours=None)
    registers.add("bfl", pnr="P000000001", aarmd=201601, cvrnr="X", ajo_arbejdstimer=100.0)
    feb = registers.course("P000000002", admission=date(2016, 3, 31), hours=None)
    registers.add("bfl", pnr="P000000002", aarmd=201602, cvrnr="X", ajo_arbejdstimer=100.0)
    courses = run(registers, seeds_dir)
    assert rule(courses, jan) is None and rule(courses, feb) == "5"


# --- rule 6 -----------------------------------------------------------------------


def test_rule6_one_vs_two_benefit_weeks(registers, seeds_dir):
    one = registers.course("P000000001")
    registers.dream_weeks("P000000001", one["admission"], [-9, -6, -10], 111)
    two = registers.course("P000000002")
    registers.dream_weeks("P000000002", two["admission"], [-9, -7], 111)
    undeterminable = registers.course("P000000003")
    registers.dream_weeks("P000000003", undeterminable["admission"], [-8], 111)
    registers.dream_weeks("P000000003", undeterminable["admission"], [-7], 881)
    courses = run(registers, seeds_dir)
    assert rule(courses, one) is None
    assert rule(courses, two) == "6"
    assert rule(courses, undeterminable) == "6"


def test_rule6_short_sickness_is_cleaned(registers, seeds_dir):
    four = registers.course("P000000001")
    registers.dream_weeks("P000000001", four["admission"], range(-10, -6), 890)
    five = registers.course("P000000002")
    registers.dream_weeks("P000000002", five["admission"], range(-11, -6), 890)
    # A long spell that began long before the weeks that are read is not cleaned.
    long = registers.course("P000000003")
    registers.dream_weeks("P000000003", long["admission"], range(-40, -7), 893)
    courses = run(registers, seeds_dir)
    assert rule(courses, four) is None
    assert rule(courses, five) == "6"
    assert rule(courses, long) == "6"


# --- outcome ----------------------------------------------------------------------


def test_outcome_two_of_weeks_11_to_13(registers, seeds_dir):
    cases = {
        "P000000001": ({11: 111, 13: 111}, 1),
        "P000000002": ({12: 111}, 0),
        "P000000003": ({10: 111, 14: 111}, 0),
        "P000000004": ({11: 111, 12: 881, 13: 111}, 1),
        "P000000005": ({11: 881, 12: 111, 13: 881}, None),
    }
    made = {}
    for pnr, (weeks, _) in cases.items():
        made[pnr] = registers.course(pnr)
        for k, code in weeks.items():
            registers.set_dream(pnr, week_of(made[pnr]["start"], k), code)
    courses = run(registers, seeds_dir)
    for pnr, (_, expected) in cases.items():
        value = courses.loc[made[pnr]["recnum"], "on_benefits_m3"]
        assert (None if pd.isna(value) else value) == expected, pnr
    assert rule(courses, made["P000000005"]) == "9"
    assert rule(courses, made["P000000004"]) is None


def test_outcome_months_0_and_6(registers, seeds_dir):
    c = registers.course("P000000001")
    registers.dream_weeks("P000000001", c["start"], [0, 24, 26], 111)
    d = registers.course("P000000002")
    registers.dream_weeks("P000000002", d["start"], [0, 24, 25], 881)
    courses = run(registers, seeds_dir)
    assert courses.loc[c["recnum"], "on_benefits_m0"] == 1
    assert courses.loc[c["recnum"], "on_benefits_m6"] == 1
    assert pd.isna(courses.loc[d["recnum"], "on_benefits_m0"])
    assert pd.isna(courses.loc[d["recnum"], "on_benefits_m6"])
    assert rule(courses, d) is None  # undeterminable at 0 and 6 but not at 3
    out = run_with_outcome_month(registers, seeds_dir, 6)
    assert out.loc[d["recnum"], "exclusion_rule"] == "9"


def run_with_outcome_month(registers, seeds_dir, m):
    params = Params(quality_min_courses_year=1, quality_min_courses_total=1, outcome_month=m)
    return compute_courses(registers.root / "registers", seeds_dir, params).set_index("course_id")


def test_sickness_spell_4_vs_5_weeks(registers, seeds_dir):
    four = registers.course("P000000001")
    registers.dream_weeks("P000000001", four["start"], range(10, 14), 890)
    five = registers.course("P000000002")
    registers.dream_weeks("P000000002", five["start"], range(9, 14), 890)
    # Different sickness codes in a row make one spell.
    mixed = registers.course("P000000003")
    registers.dream_weeks("P000000003", mixed["start"], range(9, 11), 890)
    registers.dream_weeks("P000000003", mixed["start"], range(11, 14), 899)
    # 774 (sickness benefit in fleksjob) is not a sickness code for the cleaning.
    flex = registers.course("P000000004")
    registers.dream_weeks("P000000004", flex["start"], range(11, 13), 774)
    courses = run(registers, seeds_dir)
    assert courses.loc[four["recnum"], "on_benefits_m3"] == 0
    assert courses.loc[five["recnum"], "on_benefits_m3"] == 1
    assert courses.loc[mixed["recnum"], "on_benefits_m3"] == 1
    assert courses.loc[flex["recnum"], "on_benefits_m3"] == 1


def test_rehab_start_in_week_before_2015_53(registers, seeds_dir):
    params = Params(
        start_years=(2015, 2016, 2017), quality_min_courses_year=1, quality_min_courses_total=1
    )
    # Rehab start Tuesday 2015-12-22 (ISO 2015-W52): week 1 is 2015-W53, weeks 2-4
    # (month 1) are 2016-W01..W03.
    c = registers.course(
        "P000000001",
        admission=date(2015, 12, 14),
        discharge=date(2015, 12, 15),
        service_days=(7, 14, 21),
    )
    assert c["start"] == date(2015, 12, 22)
    registers.set_dream("P000000001", "y_1552", 111)
    registers.set_dream("P000000001", "y_1601", 111)
    registers.set_dream("P000000001", "y_1602", 111)
    # Rule 6 across the 53rd week: admission 2016-02-24 (W08) has weeks -9..-7 =
    # 2015-W52, 2015-W53, 2016-W01.
    two = registers.course("P000000002", admission=date(2016, 2, 24))
    registers.set_dream("P000000002", "y_1552", 111)
    registers.set_dream("P000000002", "y_1553", 111)
    one = registers.course("P000000003", admission=date(2016, 2, 24))
    registers.set_dream("P000000003", "y_1551", 111)
    registers.set_dream("P000000003", "y_1553", 111)
    courses = run(registers, seeds_dir, params)
    row = courses.loc[c["recnum"]]
    assert row["start_year"] == 2015
    assert row["on_benefits_m0"] == 1
    assert row["on_benefits_m1"] == 1
    assert rule(courses, two) == "6"
    assert rule(courses, one) is None


# --- rule 7 -----------------------------------------------------------------------


def test_rule7_repeat_303_vs_304_days(registers, seeds_dir):
    first = registers.course("P000000001", admission=date(2016, 1, 4))
    again = registers.course("P000000001", admission=first["discharge"] + timedelta(days=303))
    other = registers.course("P000000002", admission=date(2016, 1, 4))
    later = registers.course("P000000002", admission=other["discharge"] + timedelta(days=304))
    courses = run(registers, seeds_dir)
    assert [rule(courses, c) for c in (first, again, other, later)] == [None, "7", None, None]


def test_rule7_measures_from_previous_counted_course(registers, seeds_dir):
    a = registers.course("P000000001", admission=date(2016, 1, 4))
    b = registers.course("P000000001", admission=date(2016, 5, 2))
    c = registers.course("P000000001", admission=a["discharge"] + timedelta(days=304))
    # A course that fails an earlier rule does not block the next one.
    d = registers.course("P000000002", admission=date(2016, 1, 4), mdc="04")
    e = registers.course("P000000002", admission=date(2016, 5, 2))
    courses = run(registers, seeds_dir)
    assert [rule(courses, x) for x in (a, b, c, d, e)] == [None, "7", None, "2", None]


# --- rule 8 -----------------------------------------------------------------------


def test_rule8_death_inside_vs_after_window(registers, seeds_dir):
    # Start Wednesday 2016-03-16; week 26 after it ends Sunday 2016-09-18.
    inside = registers.course("P000000001")
    registers.add("dod", pnr="P000000001", doddato=date(2016, 9, 18))
    after = registers.course("P000000002")
    registers.add("dod", pnr="P000000002", doddato=date(2016, 9, 19))
    # Window start: admission 2016-03-07 - 2 months = 2016-01-07.
    first_day = registers.course("P000000003")
    registers.add("dod", pnr="P000000003", doddato=date(2016, 1, 7))
    day_before = registers.course("P000000004")
    registers.add("dod", pnr="P000000004", doddato=date(2016, 1, 6))
    courses = run(registers, seeds_dir)
    assert inside["start"] == date(2016, 3, 16)
    assert [rule(courses, c) for c in (inside, after, first_day, day_before)] == [
        "8",
        None,
        "8",
        None,
    ]


def test_rule8_emigration_and_dream(registers, seeds_dir):
    out = registers.course("P000000001")
    registers.add("vnds", pnr="P000000001", haend_dato=date(2016, 6, 1), indud_kode="U")
    back = registers.course("P000000002")
    registers.add("vnds", pnr="P000000002", haend_dato=date(2016, 6, 1), indud_kode="I")
    dead26 = registers.course("P000000003")
    registers.dream_weeks("P000000003", dead26["start"], [26], 999)
    dead27 = registers.course("P000000004")
    registers.dream_weeks("P000000004", dead27["start"], [27], 999)
    # 2016-01-07 lies in 2016-W01, which overlaps the window; 2015-W53 does not.
    abroad_w01 = registers.course("P000000005")
    registers.set_dream("P000000005", "y_1601", 997)
    abroad_w53 = registers.course("P000000006")
    registers.set_dream("P000000006", "y_1553", 997)
    courses = run(registers, seeds_dir)
    cases = (out, back, dead26, dead27, abroad_w01, abroad_w53)
    assert [rule(courses, c) for c in cases] == ["8", None, "8", None, "8", None]


# --- rule 10 ----------------------------------------------------------------------


def courses_in(registers, kom, year, n, prefix):
    made = []
    for i in range(n):
        made.append(
            registers.course(f"{prefix}{kom:03d}{year}{i:02d}", kom=kom, admission=date(year, 3, 7))
        )
    return made


def test_rule10_quality(registers, seeds_dir):
    params = Params(quality_min_courses_year=2, quality_min_courses_total=5)
    years = (2016, 2017)
    # 101: 3 + 2 courses, clean reporting -> passes (total 5).
    ok = courses_in(registers, 101, 2016, 3, "A") + courses_in(registers, 101, 2017, 2, "A")
    # 103: December 2016 missing -> 2016 fails 10a; 2017 alone (3) is < 5 -> 10d.
    registers.quality_filler(kom=103, years=years, skip_months=[(2016, 12)])
    a = courses_in(registers, 103, 2016, 3, "B")
    d = courses_in(registers, 103, 2017, 3, "B")
    # 105: two swings in 2016 (May up, June down) -> 10b; one swing in 2017 (December
    # up) passes; 2017 has 1 course -> 10c.
    registers.quality_filler(kom=105, years=years, busy_months=[(2016, 5), (2017, 12)])
    b = courses_in(registers, 105, 2016, 3, "C")
    c = courses_in(registers, 105, 2017, 1, "C")
    # 107: 2016 one swing passes (3), 2017 with 3 courses passes: total 6.
    registers.quality_filler(kom=107, years=years, busy_months=[(2016, 12)])
    ok2 = courses_in(registers, 107, 2016, 3, "D") + courses_in(registers, 107, 2017, 3, "D")
    courses = run(registers, seeds_dir, params)
    assert {rule(courses, x) for x in ok} == {None}
    assert {rule(courses, x) for x in a} == {"10a"}
    assert {rule(courses, x) for x in d} == {"10d"}
    assert {rule(courses, x) for x in b} == {"10b"}
    assert {rule(courses, x) for x in c} == {"10c"}
    assert {rule(courses, x) for x in ok2} == {None}


def test_rule10_counts_only_courses_passing_1_to_9(registers, seeds_dir):
    params = Params(quality_min_courses_year=2, quality_min_courses_total=2)
    kept = registers.course("P000000001")
    dropped = registers.course("P000000002", mdc="04")
    courses = run(registers, seeds_dir, params)
    assert rule(courses, kept) == "10c" and rule(courses, dropped) == "2"


def test_rule10_default_thresholds(registers, seeds_dir):
    # 30 courses in 2016 and 45 in 2017 = 75 passes; 29 in 2016 at 105 fails 10c.
    ok = courses_in(registers, 101, 2016, 30, "A") + courses_in(registers, 101, 2017, 45, "A")
    registers.quality_filler(kom=105)
    few = courses_in(registers, 105, 2016, 29, "B") + courses_in(registers, 105, 2017, 46, "B")
    courses = run(registers, seeds_dir, Params())
    assert {rule(courses, x) for x in ok} == {None}
    assert {rule(courses, x) for x in few[:29]} == {"10c"}
    assert {rule(courses, x) for x in few[29:]} == {"10d"}


# --- DREAM codes and cleaning -----------------------------------------------------


def test_unknown_dream_code_raises(registers, seeds_dir):
    c = registers.course("P000000001")
    registers.dream_weeks("P000000001", c["start"], [3, 4], 891)
    with pytest.raises(ValueError, match=r"891 \(2 weeks\)"):
        run(registers, seeds_dir)


def test_clean_short_sickness_runs_stay_in_their_row():
    sick = np.array(
        [
            [0, 1, 1, 1, 1],  # 4 weeks to the row's end: cleaned
            [1, 1, 1, 1, 1],  # 5 weeks: kept
            [1, 0, 1, 1, 0],  # 1 and 2 weeks: cleaned
        ],
        dtype=bool,
    )
    status = np.where(sick, ON_BENEFITS, UNDETERMINABLE).astype(np.int8)
    cleaned = clean_short_sickness(status, sick, 4)
    s, u, b = SELF_SUPPORTING, UNDETERMINABLE, ON_BENEFITS
    assert cleaned.tolist() == [[u, s, s, s, s], [b, b, b, b, b], [s, u, s, s, u]]


def test_project_seed_follows_contract():
    folder = project_root() / "seeds"
    if not (folder / "ref_dream_codes.csv").exists():
        pytest.skip("seeds/ref_dream_codes.csv not written yet")
    codes = read_dream_codes(folder).set_index("dream_code")
    assert codes.loc[997, "status_class"] == "left_country"
    assert codes.loc[999, "status_class"] == "dead"
    assert codes.loc[890, "is_sickness"] and codes.loc[899, "is_sickness"]
    assert not codes.loc[774, "is_sickness"]
    assert codes.loc[881, "status_class"] == "undeterminable"


# --- summaries --------------------------------------------------------------------


def test_flow_and_shares(registers, seeds_dir):
    on = registers.course("P000000001")
    registers.dream_weeks("P000000001", on["start"], [0, 11, 12, 13], 111)
    registers.course("P000000002")
    registers.course("P000000003", mdc="04")
    undet6 = registers.course("P000000004")
    registers.dream_weeks("P000000004", undet6["start"], [24, 25], 881)
    courses = run(registers, seeds_dir).reset_index(drop=True)
    flow = population_flow(courses).set_index("rule")
    assert flow.loc["1", "courses_remaining"] == 4
    assert flow.loc["2", "courses_excluded"] == 1
    assert flow.loc["10d", "courses_remaining"] == 3
    assert flow.loc["10d", "persons_remaining"] == 3
    shares = municipal_shares(courses)
    national = shares[shares["municipality_code"].isna()].iloc[0]
    local = shares[shares["municipality_code"] == QUALITY_KOM].iloc[0]
    assert national["n_courses"] == local["n_courses"] == 3
    assert local["share_on_benefits_m0"] == pytest.approx(1 / 3)
    assert local["share_on_benefits_m3"] == pytest.approx(1 / 3)
    assert local["n_determinable_m6"] == 2
    assert local["share_on_benefits_m6"] == 0


def test_dream_margin_equals_whole_row(registers, seeds_dir):
    rng = np.random.default_rng(7)
    # Mostly sickness codes, so that long and short spells cross the edges of the read.
    codes = [890, 899, 893, 890, 899, 111, 881, 997]
    for i in range(20):
        pnr = f"P{i:09d}"
        for week in DREAM_WEEKS:
            if rng.random() < 0.9:
                registers.set_dream(pnr, week, int(rng.choice(codes)))
    folder = registers.write()
    codes_table = read_dream_codes(seeds_dir)
    pnrs = pd.Series([f"P{i:09d}" for i in range(20)])
    whole = read_week_status(folder, codes_table, pnrs, date(2013, 1, 7), date(2019, 6, 3), 4)
    part = read_week_status(folder, codes_table, pnrs, date(2016, 1, 4), date(2016, 6, 27), 4)
    days = pd.Series(pd.date_range("2016-01-04", "2016-06-27", freq="W-MON"))
    for k in range(len(days)):
        when = pd.Series([days[k]] * 20)
        assert (whole.at(pnrs, when, 0) == part.at(pnrs, when, 0)).all()


def test_plan_on_unknown_contact_raises(registers, seeds_dir):
    registers.course("P000000001")
    registers.add("lpr_sksube", recnum="R_NOWHERE", c_opr="AWG1", d_odto=date(2016, 3, 1))
    with pytest.raises(ValueError, match="R_NOWHERE"):
        run(registers, seeds_dir)


def test_missing_municipality_fails_quality(registers, seeds_dir):
    c = registers.course("P000000001")
    registers.rows["lpr_adm"][-1]["c_kom"] = None
    courses = run(registers, seeds_dir)
    assert pd.isna(courses.loc[c["recnum"], "municipality_code"])
    assert rule(courses, c) == "10a"


def test_no_plans_gives_empty_frames(registers, seeds_dir):
    registers.course("P000000001", plan_code="AWG2")
    courses = run(registers, seeds_dir)
    assert courses.empty and list(courses.columns) == COURSE_COLUMNS
    assert population_flow(courses)["courses_remaining"].eq(0).all()
    assert municipal_shares(courses)["n_courses"].tolist() == [0]


def test_rule10b_exactly_40_percent_is_not_a_swing():
    from rtw.reference.population import is_swing

    # 5 -> 7 services for 3 persons: +40 % exactly, 0.4000000000000001 in floats.
    assert abs((7 / 3) / (5 / 3) - 1) > 0.40
    assert not is_swing(7, 3, 5, 3, 0.40)
    assert not is_swing(6, 10, 10, 10, 0.40)  # -40 % exactly
    assert is_swing(8, 3, 5, 3, 0.40) and is_swing(5, 10, 10, 10, 0.40)
