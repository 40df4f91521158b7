"""One small register folder with the edges of every rule of METHOD §3 and of the
outcome (§1, §4), for comparing the dbt build with the pandas reference course by
course (test_sql_matches_reference.py). Each case is a person of its own; ``CASES``
names what each course is there for, so a mismatch says which edge the SQL and the
reference disagree on.

Municipalities: 101 holds most courses; 151 misses a month of GES reporting (10a); 153
swings by exactly 40 % every month (not a swing, rule 10b's decision) and 155 by 60 %
(10b); 157 has one course (10c) and 159 two in 2016 only (10d), with the thresholds of
``QUALITY_VARS``.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from reference_registers import QUALITY_KOM, Registers, week_of

# Thresholds small enough for a register of a few dozen courses, large enough that 10c
# and 10d still bite (municipalities 157 and 159).
QUALITY_VARS = {"quality_min_courses_year": 2, "quality_min_courses_total": 3}
MISSING_MONTH_KOM, EXACT_SWING_KOM, SWING_KOM, ONE_COURSE_KOM, ONE_YEAR_KOM = (
    151,
    153,
    155,
    157,
    159,
)


class EdgeRegisters(Registers):
    def __init__(self, root: Path):
        super().__init__(root)
        self.cases: dict[str, str] = {}
        self._persons = 0

    def pnr(self) -> str:
        self._persons += 1
        return f"E{self._persons:09d}"

    def case(self, what: str, pnr: str | None = None, **kwargs) -> dict:
        course = self.course(pnr or self.pnr(), **kwargs)
        self.cases[course["recnum"]] = what
        return course

    def plan_only(self, pnr: str, day: date, code: str) -> None:
        """A rehab-plan contact of ``pnr`` without services (it only ends a course)."""
        recnum = self._next("R")
        self.add(
            "lpr_adm",
            recnum=recnum,
            pnr=pnr,
            d_inddto=day,
            d_uddto=day,
            c_pattype="2",
            c_indm="2",
            c_spec="34",
            c_kom=QUALITY_KOM,
            c_adiag="DM161",
            mdc="08",
        )
        self.add("lpr_sksube", recnum=recnum, c_opr=code, d_odto=day)

    def ges_month_pattern(self, kom: int, services_by_month: dict[int, int], persons=3):
        """GES reporting of ``kom``: ``persons`` persons share the month's services."""
        for year in (2016, 2017):
            for month, n in services_by_month.items():
                for i in range(n):
                    self.service(f"Q{kom:03d}{i % persons:06d}", date(year, month, 15), kom=kom)


def build_edge_registers(root: Path) -> tuple[Path, dict[str, str]]:
    r = EdgeRegisters(root)
    a = date(2016, 3, 7)  # a Monday; the default admission

    r.case("passes every rule", admission=a)
    r.case("passes, 2017", admission=date(2017, 5, 3))
    r.case("passes, 2017 (a second, for rule 10c)", admission=date(2017, 9, 4))
    r.case("rule 2: MDC 04", mdc="04")

    # Rule 3: the first service 0..60 days after discharge; >= 2 services; start year.
    r.case("rule 3: first service on discharge day", service_days=(0, 5))
    r.case("rule 3: first service on day 60", service_days=(60, 67))
    r.case("rule 3: first service on day 61", service_days=(61, 68))
    r.case("rule 3: service the day before discharge", service_days=(-1, 70))
    r.case("rule 3: one service", service_days=(7,))
    r.case("rule 3: second service on day 364 of the course", service_days=(0, 364))
    r.case("rule 3: second service on day 365 (outside)", service_days=(0, 365))
    r.case(
        "rule 3: start in 2015",
        admission=date(2015, 11, 2),
        discharge=date(2015, 11, 4),
        service_days=(7, 14),
    )
    r.case(
        "rule 3: start in 2018",
        admission=date(2017, 12, 20),
        discharge=date(2017, 12, 22),
        service_days=(12, 20),
    )
    # Rule 3's decision: a later plan of either kind, inside or after the period, ends
    # the course; a plan of the same day does not.
    for what, offset, code in [
        ("rule 3: a specialised plan (AWG2) inside the period ends the course", 10, "AWG2"),
        ("rule 3: a specialised plan (AWG3) on the day of the second service", 14, "AWG3"),
        ("rule 3: a specialised plan after the second service", 15, "AWG2"),
    ]:
        c = r.case(what, service_days=(7, 14))
        r.plan_only(c["pnr"], c["start"] + timedelta(days=offset - 7), code)
    c = r.case("rule 3: a specialised plan the same day is not a next plan", service_days=(7, 14))
    r.plan_only(c["pnr"], c["discharge"], "AWG2")
    late = r.case(
        "rule 3: a general plan after the plan period (2018) ends the course",
        admission=date(2017, 11, 6),
        discharge=date(2017, 11, 8),
        service_days=(5, 80),
    )
    r.plan_only(late["pnr"], date(2018, 1, 10), "AWG1")

    # Rule 4: age = start year - birth year.
    r.case("rule 4: 17", born=date(1999, 1, 1))
    r.case("rule 4: 18", born=date(1998, 12, 31))
    r.case("rule 4: 64", born=date(1952, 1, 1))
    r.case("rule 4: 65", born=date(1951, 12, 31))

    # Rule 5: hours over all jobs in the month of admission - 2 months.
    r.case("rule 5: 79.5 hours", hours=79.5)
    r.case("rule 5: 80 hours", hours=80.0)
    two_jobs = r.case("rule 5: 50 + 30 hours in two jobs", hours=50.0)
    r.add("bfl", pnr=two_jobs["pnr"], aarmd=201601, cvrnr="X1", ajo_arbejdstimer=30.0)
    r.case("rule 5: no job", hours=None)

    # Rule 6: public-benefit weeks among weeks -9..-7 from admission.
    c = r.case("rule 6: one benefit week")
    r.dream_weeks(c["pnr"], a, [-9, -6, -10], 111)
    c = r.case("rule 6: two benefit weeks")
    r.dream_weeks(c["pnr"], a, [-9, -7], 111)
    c = r.case("rule 6: a benefit and an undeterminable week")
    r.dream_weeks(c["pnr"], a, [-8], 111)
    r.dream_weeks(c["pnr"], a, [-7], 881)
    c = r.case("rule 6: a 4-week sickness spell is cleaned")
    r.dream_weeks(c["pnr"], a, range(-10, -6), 890)
    c = r.case("rule 6: a 5-week sickness spell is not")
    r.dream_weeks(c["pnr"], a, range(-11, -6), 890)
    c = r.case("rule 6: a sickness spell straddling the window's start (weeks -70..-7)")
    r.dream_weeks(c["pnr"], a, range(-70, -6), 893)
    # Week 53: admission 2016-02-22 has weeks -9..-7 = y_1552, y_1553, y_1601.
    a53 = date(2016, 2, 22)
    assert [week_of(a53, k) for k in (-9, -8, -7)] == ["y_1552", "y_1553", "y_1601"]
    c = r.case("rule 6: 5-week sickness y_1550..y_1601 across week 53", admission=a53)
    for week in ("y_1550", "y_1551", "y_1552", "y_1553", "y_1601"):
        r.set_dream(c["pnr"], week, 890)
    c = r.case("rule 6: 4-week sickness y_1551..y_1601 across week 53", admission=a53)
    for week in ("y_1551", "y_1552", "y_1553", "y_1601"):
        r.set_dream(c["pnr"], week, 890)
    c = r.case("rule 6: sickness y_1550..y_1552 and y_1601..y_1602, week 53 blank", admission=a53)
    for week in ("y_1550", "y_1551", "y_1552", "y_1601", "y_1602"):
        r.set_dream(c["pnr"], week, 890)

    # Rule 7: repeat courses; ties in admission broken by discharge, then course_id.
    # (A later course's plan date ends an earlier course, rule 3: each repeat here
    # comes after the earlier course's services.)
    gap = timedelta(days=304)
    pnr = r.pnr()
    first = r.case("rule 7: first course", pnr=pnr, admission=date(2016, 1, 4))
    r.case("rule 7: 303 days after", pnr=pnr, admission=first["discharge"] + gap - timedelta(1))
    pnr = r.pnr()
    first = r.case("rule 7: first course (b)", pnr=pnr, admission=date(2016, 1, 11))
    r.case("rule 7: 200 days after", pnr=pnr, admission=first["discharge"] + timedelta(200))
    r.case(
        "rule 7: 304 days after the first, 102 after a dropped one",
        pnr=pnr,
        admission=first["discharge"] + gap,
    )
    pnr = r.pnr()
    plan = date(2016, 4, 4)
    r.case(
        "rule 7 tie: same admission, later discharge",
        pnr=pnr,
        admission=plan,
        discharge=plan + timedelta(days=6),
        plan_date=plan,
    )
    r.case(
        "rule 7 tie: same admission, earlier discharge",
        pnr=pnr,
        admission=plan,
        discharge=plan + timedelta(days=3),
        plan_date=plan,
    )
    pnr = r.pnr()
    plan = date(2016, 6, 6)
    # Same admission and discharge: the lower course_id counts, whatever the order of rows.
    r.case(
        "rule 7 tie: same dates, higher course_id",
        pnr=pnr,
        admission=plan,
        plan_date=plan,
        recnum="RTIE0000002",
    )
    r.case(
        "rule 7 tie: same dates, lower course_id",
        pnr=pnr,
        admission=plan,
        plan_date=plan,
        recnum="RTIE0000001",
    )

    # Rule 8: death, emigration, DREAM 997/999 from admission - 2 months to week 26.
    c = r.case("rule 8: death in week 26")
    r.add("dod", pnr=c["pnr"], doddato=c["start"] + timedelta(days=7 * 26))
    c = r.case("rule 8: death after week 26")
    r.add("dod", pnr=c["pnr"], doddato=c["start"] + timedelta(days=7 * 28))
    c = r.case("rule 8: death the day before the window")
    r.add("dod", pnr=c["pnr"], doddato=date(2016, 1, 6))
    c = r.case("rule 8: emigration inside the window")
    r.add("vnds", pnr=c["pnr"], haend_dato=c["start"] + timedelta(days=30), indud_kode="U")
    c = r.case("rule 8: immigration inside the window")
    r.add("vnds", pnr=c["pnr"], haend_dato=c["start"] + timedelta(days=30), indud_kode="I")
    c = r.case("rule 8: 997 in week 26")
    r.dream_weeks(c["pnr"], c["start"], [26], 997)
    c = r.case("rule 8: 999 in week 27")
    r.dream_weeks(c["pnr"], c["start"], [27], 999)

    # Rule 9 and the outcome at months 0..6.
    c = r.case("rule 9: two of weeks 11-13 undeterminable")
    r.dream_weeks(c["pnr"], c["start"], [11, 13], 881)
    c = r.case("rule 9: one of weeks 11-13 undeterminable, one benefit")
    r.dream_weeks(c["pnr"], c["start"], [12], 881)
    r.dream_weeks(c["pnr"], c["start"], [13], 111)
    c = r.case("outcome: on benefits weeks 0..30 (long sickness)")
    r.dream_weeks(c["pnr"], c["start"], range(0, 31), 890)
    c = r.case("outcome: 5-week sickness straddling week 26 (weeks 24..28)")
    r.dream_weeks(c["pnr"], c["start"], range(24, 29), 890)
    c = r.case("outcome: month 0 undeterminable, month 2 two of three benefit weeks")
    r.dream_weeks(c["pnr"], c["start"], [0], 651)
    r.dream_weeks(c["pnr"], c["start"], [7, 9], 111)
    c = r.case("outcome: sickness weeks 9..13 then a partial return 899")
    r.dream_weeks(c["pnr"], c["start"], range(9, 12), 890)
    r.dream_weeks(c["pnr"], c["start"], range(12, 15), 899)

    # Rule 10: municipal data quality (residence = the plan contact's municipality).
    every_month = {m: 6 for m in range(1, 13)}
    r.quality_filler(kom=MISSING_MONTH_KOM, skip_months=[(2016, 8)])
    r.ges_month_pattern(EXACT_SWING_KOM, {m: 5 if m % 2 else 7 for m in range(1, 13)})
    r.ges_month_pattern(SWING_KOM, {m: 5 if m % 2 else 8 for m in range(1, 13)})
    r.ges_month_pattern(ONE_COURSE_KOM, every_month)
    r.ges_month_pattern(ONE_YEAR_KOM, every_month)
    for kom in (MISSING_MONTH_KOM, EXACT_SWING_KOM, SWING_KOM):
        for admission in (a, a + timedelta(days=7), date(2017, 3, 6), date(2017, 3, 13)):
            r.case(f"rule 10, municipality {kom}", kom=kom, admission=admission)
    r.case(f"rule 10, municipality {ONE_COURSE_KOM}", kom=ONE_COURSE_KOM)
    for admission in (a, a + timedelta(days=7)):
        r.case(f"rule 10, municipality {ONE_YEAR_KOM}", kom=ONE_YEAR_KOM, admission=admission)

    r.quality_filler()
    return r.write(), r.cases
