"""The population (METHOD §3) and the outcome (§4), one function per rule.

``compute_courses`` returns one row per candidate course (every plan contact that
passes rule 1) with the first rule it fails (``exclusion_rule``, null = in the final
population) and whether it is on benefits at months 0-6 after rehab start.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd

from rtw.reference.dream import (
    DEAD,
    LEFT_COUNTRY,
    ON_BENEFITS,
    UNDETERMINABLE,
    WeekStatus,
    read_week_status,
)
from rtw.reference.params import Params
from rtw.reference.readers import read_dream_codes, read_register
from rtw.reference.weeks import monday_of, month_weeks, months_back

# Rule codes in the order of METHOD §3; a course keeps the first one it fails.
RULES = ("2", "3", "4", "5", "6", "7", "8", "9", "10a", "10b", "10c", "10d")
MONTHS = range(7)
RULE6_WEEKS = (-9, -8, -7)  # weeks relative to admission (§3 rule 6)
RULE8_MONTHS_BEFORE = 2  # the window starts 2 calendar months before admission
RULE8_LAST_WEEK = 26  # ... and ends on the Sunday of week 26 after rehab start

COURSE_COLUMNS = [
    "course_id",
    "pnr",
    "plan_date",
    "admission_date",
    "discharge_date",
    "rehab_start_date",
    "municipality_code",
    "start_year",
    "exclusion_rule",
    *[f"on_benefits_m{m}" for m in MONTHS],
]


def lookup(keys: pd.Series, table: pd.Series) -> pd.Series:
    """``table[key]`` for each key (missing keys give null), on the index of ``keys``.

    (``Series.map`` with an empty Series fails for dates in pandas 3.)"""
    return pd.Series(table.reindex(keys.to_numpy()).to_numpy(), index=keys.index)


# --- rule 1: plan contacts -------------------------------------------------------


def plan_contacts(register_dir: Path, params: Params) -> pd.DataFrame:
    """Rule 1: every LPR contact with a general-plan procedure dated in the plan period.

    One candidate course per contact; plan_date = the earliest such procedure date.
    """
    procedures = read_register(register_dir, "lpr_sksube", ["recnum", "c_opr", "d_odto"])
    start = pd.Timestamp(params.plan_period_start)
    end = pd.Timestamp(params.plan_period_end)
    plans = procedures[
        procedures["c_opr"].isin(params.general_plan_codes)
        & (procedures["d_odto"] >= start)
        & (procedures["d_odto"] <= end)
    ]
    plan_dates = plans.groupby("recnum", as_index=False)["d_odto"].min()
    plan_dates = plan_dates.rename(columns={"recnum": "course_id", "d_odto": "plan_date"})

    contacts = read_register(
        register_dir, "lpr_adm", ["recnum", "pnr", "d_inddto", "d_uddto", "c_kom", "mdc"]
    )
    contacts = contacts.rename(
        columns={
            "recnum": "course_id",
            "d_inddto": "admission_date",
            "d_uddto": "discharge_date",
            "c_kom": "municipality_code",
        }
    )
    if contacts["course_id"].duplicated().any():
        dupes = contacts.loc[contacts["course_id"].duplicated(), "course_id"].head(5).tolist()
        raise ValueError(f"lpr_adm.parquet: recnum is not unique, e.g. {dupes}")
    orphans = plan_dates.loc[~plan_dates["course_id"].isin(contacts["course_id"]), "course_id"]
    if len(orphans):
        raise ValueError(
            f"lpr_sksube.parquet: {len(orphans)} plan procedure(s) on a recnum missing "
            f"from lpr_adm.parquet, e.g. {orphans.head(5).tolist()}"
        )
    courses = plan_dates.merge(contacts, on="course_id", how="inner")
    return courses.sort_values("course_id", ignore_index=True)


# --- rule 3: the linked rehab course ---------------------------------------------


def all_plan_dates(register_dir: Path, params: Params) -> pd.DataFrame:
    """Every rehab-plan procedure (general or specialised) of any date, as (pnr,
    plan_date): what ends a course in rule 3 **(decision)**."""
    procedures = read_register(register_dir, "lpr_sksube", ["recnum", "c_opr", "d_odto"])
    codes = (*params.general_plan_codes, *params.specialised_plan_codes)
    plans = procedures[procedures["c_opr"].isin(codes)]
    contacts = read_register(register_dir, "lpr_adm", ["recnum", "pnr"])
    plans = plans.merge(contacts, on="recnum", how="inner")
    return plans.rename(columns={"d_odto": "plan_date"})[["pnr", "plan_date"]].drop_duplicates()


def next_plan_dates(courses: pd.DataFrame, plans: pd.DataFrame) -> pd.Series:
    """Per course: the person's earliest rehab-plan date (any kind, any date) strictly
    after this plan's date."""
    pairs = courses[["course_id", "pnr", "plan_date"]].merge(
        plans.rename(columns={"plan_date": "other_plan_date"}), on="pnr"
    )
    later = pairs[pairs["other_plan_date"] > pairs["plan_date"]]
    next_date = later.groupby("course_id")["other_plan_date"].min()
    return lookup(courses["course_id"], next_date)


def link_rehab_courses(
    courses: pd.DataFrame, services: pd.DataFrame, plans: pd.DataFrame, params: Params
) -> pd.DataFrame:
    """Rule 3: first service from discharge to discharge + 60 days; >= 2 services in
    [start, min(start + 365 days, next plan date)) (day 365 is outside); start in a
    start year. ``plans``: every rehab plan, as all_plan_dates.

    Adds ``rehab_start_date`` and ``start_year`` (null when rule 3 fails), ``fails_3``.
    """
    courses = courses.copy()
    pairs = courses[["course_id", "pnr", "discharge_date"]].merge(
        services[["pnr", "ydelse_dato"]], on="pnr"
    )
    days_after = (pairs["ydelse_dato"] - pairs["discharge_date"]).dt.days
    linked = pairs[(days_after >= 0) & (days_after <= params.first_service_max_days)]
    first_service = lookup(courses["course_id"], linked.groupby("course_id")["ydelse_dato"].min())

    year_later = first_service + pd.Timedelta(days=params.course_max_days)
    next_plan = next_plan_dates(courses, plans)
    course_end = year_later.where(next_plan.isna() | (year_later <= next_plan), next_plan)

    pairs = pairs.merge(
        pd.DataFrame(
            {"course_id": courses["course_id"], "start": first_service, "end": course_end}
        ),
        on="course_id",
    )
    in_course = (pairs["ydelse_dato"] >= pairs["start"]) & (pairs["ydelse_dato"] < pairs["end"])
    n_services = lookup(courses["course_id"], pairs[in_course].groupby("course_id").size())
    n_services = n_services.fillna(0)

    passes = (
        first_service.notna()
        & (n_services >= params.min_services)
        & first_service.dt.year.isin(params.start_years)
    )
    courses["rehab_start_date"] = first_service.where(passes)
    courses["start_year"] = courses["rehab_start_date"].dt.year.astype("Int64")
    courses["fails_3"] = ~passes
    return courses


# --- rules 4 and 5: age and work -------------------------------------------------


def age_in_start_year(courses: pd.DataFrame, bef: pd.DataFrame) -> pd.Series:
    """Rule 4's age: start year - birth year, birth date from BEF in the start year
    (else the person's latest BEF row). Null without a BEF birth date."""
    bef = bef.dropna(subset=["foed_dag"])
    bef = bef.assign(birth_year=bef["foed_dag"].dt.year.astype("Int64"))
    same_year = courses[["pnr", "start_year"]].merge(
        bef[["pnr", "aar", "birth_year"]].rename(columns={"aar": "start_year"}),
        on=["pnr", "start_year"],
        how="left",
    )["birth_year"]
    latest = bef.sort_values("aar").groupby("pnr")["birth_year"].last()
    birth_year = pd.Series(same_year.to_numpy(), index=courses.index, dtype="Int64")
    birth_year = birth_year.fillna(lookup(courses["pnr"], latest).astype("Int64"))
    return courses["start_year"] - birth_year


def work_month(admission_date: pd.Series, months_before: int) -> pd.Series:
    """Rule 5's month as YYYYMM: the calendar month of (admission - n months)."""
    month_number = admission_date.dt.year * 12 + admission_date.dt.month - 1 - months_before
    return (month_number // 12) * 100 + month_number % 12 + 1


def hours_in_month(courses: pd.DataFrame, bfl: pd.DataFrame, aarmd: pd.Series) -> pd.Series:
    """Rule 5's hours: BFL paid hours over all of the person's jobs in that month."""
    hours = bfl.groupby(["pnr", "aarmd"], as_index=False)["ajo_arbejdstimer"].sum()
    wanted = pd.DataFrame({"pnr": courses["pnr"], "aarmd": aarmd.astype("Int64")})
    found = wanted.merge(hours, on=["pnr", "aarmd"], how="left")["ajo_arbejdstimer"]
    return pd.Series(found.fillna(0).to_numpy(), index=courses.index)


# --- DREAM-based rules and outcome -----------------------------------------------


def benefit_weeks_before(courses: pd.DataFrame, weeks: WeekStatus) -> pd.Series:
    """Rule 6's count: weeks -9..-7 relative to admission that are on_benefits or
    undeterminable (after the short-sickness cleaning)."""
    count = np.zeros(len(courses), dtype=int)
    for k in RULE6_WEEKS:
        status = weeks.at(courses["pnr"], courses["admission_date"], k)
        count += np.isin(status, [ON_BENEFITS, UNDETERMINABLE])
    return pd.Series(count, index=courses.index)


def on_benefits_at_month(courses: pd.DataFrame, weeks: WeekStatus, m: int) -> pd.Series:
    """§1/§4: 1 when at least 2 of the month's 3 weeks are benefit weeks (month 0: week
    0 is), 0 otherwise, null when at least 2 of them (month 0: week 0) are
    undeterminable."""
    month = month_weeks(m)
    needed = 1 if len(month) == 1 else 2
    benefit = np.zeros(len(courses), dtype=int)
    undeterminable = np.zeros(len(courses), dtype=int)
    for k in month:
        status = weeks.at(courses["pnr"], courses["rehab_start_date"], k)
        benefit += status == ON_BENEFITS
        undeterminable += status == UNDETERMINABLE
    value = pd.Series((benefit >= needed).astype(int), index=courses.index, dtype="Int8")
    return value.mask(undeterminable >= needed)


def left_population_in_dream(courses: pd.DataFrame, weeks: WeekStatus) -> pd.Series:
    """Rule 8, DREAM part: a week of class left_country or dead overlapping
    [admission - 2 months, Sunday of week 26 after rehab start]."""
    gone = np.isin(weeks.status, [LEFT_COUNTRY, DEAD]).astype(np.int32)
    # Cumulative count per row, so that a range of weeks is a difference of two cells.
    cumulative = np.hstack([np.zeros((gone.shape[0], 1), np.int32), gone.cumsum(axis=1)])
    rows = weeks.rows(courses["pnr"])
    first = weeks.column(months_back(courses["admission_date"], RULE8_MONTHS_BEFORE))
    last = weeks.column(courses["rehab_start_date"], RULE8_LAST_WEEK)
    return pd.Series(cumulative[rows, last + 1] - cumulative[rows, first] > 0, index=courses.index)


def dream_weeks_needed(courses: pd.DataFrame) -> tuple:
    """First and last Monday that rules 6 and 8 and the outcome look at."""
    starts = pd.concat(
        [
            monday_of(courses["admission_date"] + pd.Timedelta(days=7 * min(RULE6_WEEKS))),
            monday_of(months_back(courses["admission_date"], RULE8_MONTHS_BEFORE)),
        ]
    )
    ends = monday_of(courses["rehab_start_date"] + pd.Timedelta(days=7 * RULE8_LAST_WEEK))
    return starts.min().date(), ends.max().date()


# --- rule 8: death and emigration ------------------------------------------------


def died_or_emigrated(courses: pd.DataFrame, dod: pd.DataFrame, vnds: pd.DataFrame) -> pd.Series:
    """Rule 8, DOD and VNDS part: a death or an emigration (indud_kode 'U') dated in
    [admission - 2 months, Sunday of week 26 after rehab start]."""
    window = pd.DataFrame(
        {
            "course_id": courses["course_id"],
            "pnr": courses["pnr"],
            "window_start": months_back(courses["admission_date"], RULE8_MONTHS_BEFORE),
            "window_end": monday_of(courses["rehab_start_date"])
            + pd.Timedelta(days=7 * RULE8_LAST_WEEK + 6),
        }
    )
    events = pd.concat(
        [
            dod.rename(columns={"doddato": "event_date"})[["pnr", "event_date"]],
            vnds.loc[vnds["indud_kode"] == "U", ["pnr", "haend_dato"]].rename(
                columns={"haend_dato": "event_date"}
            ),
        ]
    )
    pairs = window.merge(events, on="pnr")
    inside = (pairs["event_date"] >= pairs["window_start"]) & (
        pairs["event_date"] <= pairs["window_end"]
    )
    left = set(pairs.loc[inside, "course_id"])
    return courses["course_id"].isin(left)


# --- rule 7: repeat courses ------------------------------------------------------


def repeat_course_fails(courses: pd.DataFrame, params: Params) -> pd.Series:
    """Rule 7 over the given courses (those passing 1-6): per person by admission
    date, a course counts when it is the first or when >= 304 days lie between the
    discharge of the previous counted course and its admission."""
    fails = pd.Series(False, index=courses.index)
    repeaters = courses[courses["pnr"].duplicated(keep=False)]  # only they can fail
    ordered = repeaters.sort_values(["pnr", "admission_date", "discharge_date", "course_id"])
    min_gap = pd.Timedelta(days=params.repeat_course_min_days)
    for _, person in ordered.groupby("pnr", sort=False):
        last_discharge = None  # discharge of the person's previous counted course
        for index, admission, discharge in zip(
            person.index, person["admission_date"], person["discharge_date"], strict=True
        ):
            if last_discharge is None or admission - last_discharge >= min_gap:
                last_discharge = discharge
            else:
                fails[index] = True
    return fails


# --- rule 10: municipal data quality ---------------------------------------------


def is_swing(services: int, persons: int, prev_services: int, prev_persons: int, max_swing) -> bool:
    """Rule 10b: services per person change by more than ``max_swing`` from the month
    before, in exact arithmetic: |s/p - s0/p0| > max_swing * s0/p0 with every side a
    Fraction (the var 0.40 read as the decimal it is written as), so that exactly 40 %
    is not a swing **(decision)**."""
    limit = Fraction(str(max_swing))
    before, now = Fraction(prev_services, prev_persons), Fraction(services, persons)
    return abs(now - before) > limit * before


def ges_quality(services: pd.DataFrame, params: Params) -> pd.DataFrame:
    """Per performing municipality (``kom``) and year: months with services and the
    number of month-to-month swings of services per person of more than 40 % (between
    calendar neighbours that both have services)."""
    ges = services.assign(
        year=services["ydelse_dato"].dt.year, month=services["ydelse_dato"].dt.month
    )
    ges = ges[ges["year"].isin(params.start_years)]
    monthly = ges.groupby(["kom", "year", "month"]).agg(
        services=("pnr", "size"), persons=("pnr", "nunique")
    )
    rows = []
    for (kom, year), months in monthly.groupby(level=["kom", "year"]):
        counts = months.droplevel(["kom", "year"])
        swings = 0
        for month in range(2, 13):
            if month in counts.index and month - 1 in counts.index:
                now, before = counts.loc[month], counts.loc[month - 1]
                swings += is_swing(
                    int(now["services"]),
                    int(now["persons"]),
                    int(before["services"]),
                    int(before["persons"]),
                    params.quality_max_swing,
                )
        rows.append(
            {
                "municipality_code": kom,
                "start_year": year,
                "months_with_services": len(counts),
                "swings": swings,
            }
        )
    columns = ["municipality_code", "start_year", "months_with_services", "swings"]
    quality = pd.DataFrame(rows, columns=columns)
    return quality.astype({"municipality_code": "Int64", "start_year": "Int64"})


def municipal_quality_fails(
    courses: pd.DataFrame, quality: pd.DataFrame, params: Params
) -> pd.Series:
    """Rule 10 over the given courses (those passing 1-9): the first of 10a-10d each
    fails, per municipality of the plan contact and start year; null when it passes."""
    years = (
        courses.groupby(["municipality_code", "start_year"], dropna=False)
        .size()
        .rename("n_courses")
        .reset_index()
        .merge(quality, on=["municipality_code", "start_year"], how="left")
    )
    years["months_with_services"] = years["months_with_services"].fillna(0)
    years["swings"] = years["swings"].fillna(0)
    years["rule"] = None
    years.loc[years["n_courses"] < params.quality_min_courses_year, "rule"] = "10c"
    years.loc[years["swings"] > params.quality_max_swings, "rule"] = "10b"
    years.loc[years["months_with_services"] < 12, "rule"] = "10a"
    # 10d: the courses in a municipality's passing years must reach the total minimum.
    passing = years[years["rule"].isna()]
    totals = passing.groupby("municipality_code", dropna=False)["n_courses"].sum()
    too_few = totals[totals < params.quality_min_courses_total].index
    years.loc[years["rule"].isna() & years["municipality_code"].isin(too_few), "rule"] = "10d"

    looked_up = courses[["municipality_code", "start_year"]].merge(
        years[["municipality_code", "start_year", "rule"]],
        on=["municipality_code", "start_year"],
        how="left",
    )
    return pd.Series(looked_up["rule"].to_numpy(), index=courses.index)


# --- all together ----------------------------------------------------------------


def _exclude(exclusion: pd.Series, fails: pd.Series, rule: str) -> None:
    """Give ``rule`` to the courses that fail it and have not failed an earlier rule.

    ``fails`` may cover only some courses (those the rule was evaluated on)."""
    fails = fails.reindex(exclusion.index, fill_value=False).astype(bool)
    exclusion[exclusion.isna() & fails] = rule


def compute_courses(
    register_dir: str | Path, seeds_dir: str | Path, params: Params | None = None
) -> pd.DataFrame:
    """One row per candidate course (METHOD §3 rule 1) with its exclusion rule and
    outcome at months 0-6. See the module docstring and COURSE_COLUMNS."""
    params = params or Params()
    register_dir = Path(register_dir)
    dream_codes = read_dream_codes(seeds_dir)

    courses = plan_contacts(register_dir, params)
    persons = courses["pnr"].unique().tolist()
    fails = {"2": courses["mdc"] != params.mdc}

    services = read_register(register_dir, "ges", ["pnr", "ydelse_dato", "kom"])
    courses = link_rehab_courses(courses, services, all_plan_dates(register_dir, params), params)
    fails["3"] = courses["fails_3"]
    started = courses["rehab_start_date"].notna()

    bef = read_register(register_dir, "bef", ["pnr", "aar", "foed_dag"], pnrs=persons)
    age = age_in_start_year(courses, bef)
    fails["4"] = ~age.between(params.min_age, params.max_age).fillna(False)

    aarmd = work_month(courses["admission_date"], params.months_before_admission)
    bfl = read_register(
        register_dir,
        "bfl",
        ["pnr", "aarmd", "ajo_arbejdstimer"],
        pnrs=persons,
        filters=[("aarmd", "in", sorted({int(v) for v in aarmd.dropna()}))],
    )
    fails["5"] = hours_in_month(courses, bfl, aarmd) < params.min_hours_in_work

    # DREAM rules and the outcome, for every course with a rehab start.
    for m in MONTHS:
        courses[f"on_benefits_m{m}"] = pd.Series(pd.NA, index=courses.index, dtype="Int8")
    fails["6"] = pd.Series(False, index=courses.index)
    fails["8"] = pd.Series(False, index=courses.index)
    with_start = courses[started]
    if len(with_start):
        first_monday, last_monday = dream_weeks_needed(with_start)
        weeks = read_week_status(
            register_dir,
            dream_codes,
            with_start["pnr"],
            first_monday,
            last_monday,
            params.short_sickness_max_weeks,
        )
        for m in MONTHS:
            courses.loc[started, f"on_benefits_m{m}"] = on_benefits_at_month(with_start, weeks, m)
        fails["6"] = benefit_weeks_before(with_start, weeks) > params.max_benefit_weeks_before
        dod = read_register(register_dir, "dod", ["pnr", "doddato"], pnrs=persons)
        vnds = read_register(
            register_dir, "vnds", ["pnr", "haend_dato", "indud_kode"], pnrs=persons
        )
        fails["8"] = died_or_emigrated(with_start, dod, vnds) | left_population_in_dream(
            with_start, weeks
        )
    fails["9"] = courses[f"on_benefits_m{params.outcome_month}"].isna()

    exclusion = pd.Series(None, index=courses.index, dtype="str")
    for rule in ("2", "3", "4", "5", "6"):
        _exclude(exclusion, fails[rule], rule)
    remaining = exclusion.isna()
    _exclude(exclusion, repeat_course_fails(courses[remaining], params), "7")
    for rule in ("8", "9"):
        _exclude(exclusion, fails[rule], rule)
    remaining = exclusion.isna()
    quality = ges_quality(services, params)
    rule10 = municipal_quality_fails(courses[remaining], quality, params)
    exclusion[rule10.dropna().index] = rule10.dropna()
    courses["exclusion_rule"] = exclusion

    courses["municipality_code"] = courses["municipality_code"].astype("Int64")
    courses["course_id"] = courses["course_id"].astype("str")
    return courses[COURSE_COLUMNS].reset_index(drop=True)
