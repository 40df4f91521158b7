"""The core computation written the straightforward way an analyst would in pandas: the
population of METHOD §3, the weekly status of §2 and the outcome at 3 months of §4, per
municipality. Issue 8's comparator for the warehouse's speed:

    python -m rtwbench.analyst REGISTER_DIR OUT_JSON

It is the script an analyst writes on the research server, not a tuned one: each register
is read whole with ``pd.read_parquet``, DREAM is melted from wide (a column per week) to
long (a row per person and week), and the rules are merges, masks and groupbys on
DataFrames. It is vectorised (no row-wise ``apply``) except for rule 7's walk through a
repeater's courses, which is a loop by definition. Nothing in it is slowed down on
purpose: its time is the time that way of writing takes. The tuned numpy implementation
of the same rules is ``rtw.reference`` (``rtwbench.reference`` times it too).

Its numbers must be the warehouse's: bench/run.py checks its municipal counts against
marts.fct_rehab_courses, and tests/bench checks every course against rtw.reference.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

from rtw.reference.params import Params

# METHOD §1: the weeks after rehab start that measure month m (m = 0: week 0 alone).
MONTH_WEEKS = {
    0: (0,),
    1: (2, 3, 4),
    2: (7, 8, 9),
    3: (11, 12, 13),
    4: (15, 16, 17),
    5: (20, 21, 22),
    6: (24, 25, 26),
}


DATES = ("d_odto", "d_inddto", "d_uddto", "ydelse_dato", "foed_dag", "doddato", "haend_dato")


def load(register_dir: Path, name: str) -> pd.DataFrame:
    """A register file, whole, with its dates as datetimes."""
    df = pd.read_parquet(register_dir / f"{name}.parquet")
    for column in df.columns.intersection(DATES):
        df[column] = pd.to_datetime(df[column])
    return df


def monday(dates: pd.Series) -> pd.Series:
    return dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")


def dream_long(register_dir: Path, codes: pd.DataFrame, max_sick_weeks: int) -> pd.DataFrame:
    """DREAM as one row per person and week: pnr, monday and status_class, cleaned (§2):
    a sickness spell of at most max_sick_weeks weeks is self-supporting, as are blanks."""
    dream = load(register_dir, "dream")
    long = dream.melt(id_vars="pnr", var_name="week", value_name="code")
    names = pd.Series(long["week"].unique())
    mondays = pd.to_datetime(
        "20" + names.str[2:4] + "-W" + names.str[4:6] + "-1", format="%G-W%V-%u"
    )
    long["monday"] = long["week"].map(dict(zip(names, mondays, strict=True)))
    long = long.drop(columns="week")
    long = long.merge(codes, left_on="code", right_on="dream_code", how="left")
    unknown = long["code"].notna() & long["status_class"].isna()
    if unknown.any():
        found = long.loc[unknown, "code"].value_counts().to_dict()
        raise ValueError(f"dream.parquet: DREAM codes not in ref_dream_codes: {found}")
    long["status_class"] = long["status_class"].fillna("self_supporting")
    long["sick"] = long["is_sickness"].fillna(False).astype(bool)

    # Sickness spells: runs of consecutive sick weeks of one person.
    long = long.sort_values(["pnr", "monday"], ignore_index=True)
    new_run = (long["sick"] != long["sick"].shift()) | (long["pnr"] != long["pnr"].shift())
    long["run"] = new_run.cumsum()
    run_weeks = long.groupby("run")["run"].transform("size")
    long.loc[long["sick"] & (run_weeks <= max_sick_weeks), "status_class"] = "self_supporting"
    return long[["pnr", "monday", "status_class"]]


def status_at(courses: pd.DataFrame, long: pd.DataFrame, date: str, k: int) -> pd.Series:
    """Status class of week k relative to each course's `date` column (a person without
    a DREAM row is self-supporting every week)."""
    wanted = pd.DataFrame(
        {"pnr": courses["pnr"], "monday": monday(courses[date] + pd.Timedelta(weeks=k))}
    )
    if len(wanted) and (
        wanted["monday"].min() < long["monday"].min()
        or wanted["monday"].max() > long["monday"].max()
    ):
        raise ValueError("dream.parquet does not cover the weeks the courses need")
    found = wanted.merge(long, on=["pnr", "monday"], how="left")
    return found["status_class"].fillna("self_supporting").set_axis(courses.index)


def compute(register_dir: Path, seeds_dir: Path, p: Params | None = None) -> pd.DataFrame:
    """One row per candidate course (rule 1): recnum, pnr, municipality_code, rule (the
    first rule of §3 it fails; None in the final population) and the outcome
    on_benefits_m<outcome_month> (for courses with a rehab start)."""
    p = p or Params()

    # Rule 1: a contact with a general plan dated in the plan period.
    sksube = load(register_dir, "lpr_sksube")
    plans = sksube[
        sksube["c_opr"].isin(p.general_plan_codes)
        & (sksube["d_odto"] >= pd.Timestamp(p.plan_period_start))
        & (sksube["d_odto"] <= pd.Timestamp(p.plan_period_end))
    ]
    plans = plans.groupby("recnum", as_index=False)["d_odto"].min()
    df = plans.merge(load(register_dir, "lpr_adm"), on="recnum")
    df = df.rename(
        columns={
            "d_odto": "plan_date",
            "d_inddto": "admission",
            "d_uddto": "discharge",
            "c_kom": "municipality_code",
        }
    )
    df["rule"] = None

    def exclude(fails: pd.Series, rule: str) -> None:
        df.loc[df["rule"].isna() & fails.reindex(df.index, fill_value=False), "rule"] = rule

    # Rule 2: musculoskeletal.
    exclude(df["mdc"] != p.mdc, "2")

    # Rule 3: first service at most 60 days after discharge, at least 2 services before
    # the course ends (a year later or at the next plan), start in a start year.
    ges = load(register_dir, "ges")
    pairs = df[["recnum", "pnr", "discharge"]].merge(ges[["pnr", "ydelse_dato"]], on="pnr")
    days = (pairs["ydelse_dato"] - pairs["discharge"]).dt.days
    first = pairs[(days >= 0) & (days <= p.first_service_max_days)]
    df["start"] = df["recnum"].map(first.groupby("recnum")["ydelse_dato"].min())
    later = df[["recnum", "pnr", "plan_date"]].merge(
        df[["pnr", "plan_date"]].drop_duplicates(), on="pnr", suffixes=("", "_other")
    )
    later = later[later["plan_date_other"] > later["plan_date"]]
    df["next_plan"] = df["recnum"].map(later.groupby("recnum")["plan_date_other"].min())
    df["end"] = df["start"] + pd.Timedelta(days=p.course_max_days)
    df.loc[df["next_plan"] < df["end"], "end"] = df["next_plan"]
    pairs = pairs.merge(df[["recnum", "start", "end"]], on="recnum")
    inside = pairs[(pairs["ydelse_dato"] >= pairs["start"]) & (pairs["ydelse_dato"] < pairs["end"])]
    df["services"] = df["recnum"].map(inside.groupby("recnum").size()).fillna(0)
    has_start = (
        df["start"].notna()
        & (df["services"] >= p.min_services)
        & df["start"].dt.year.isin(p.start_years)
    )
    exclude(~has_start, "3")
    df["start"] = df["start"].where(has_start)
    df["start_year"] = df["start"].dt.year.astype("Int64")

    # Rule 4: aged 18-64 in the start year (BEF of that year, else the latest row).
    bef = load(register_dir, "bef")
    bef = bef[bef["foed_dag"].notna()].copy()
    bef["birth_year"] = bef["foed_dag"].dt.year
    same_year = df[["pnr", "start_year"]].merge(
        bef[["pnr", "aar", "birth_year"]],
        left_on=["pnr", "start_year"],
        right_on=["pnr", "aar"],
        how="left",
    )
    latest = bef.sort_values("aar").groupby("pnr")["birth_year"].last()
    birth_year = same_year["birth_year"].set_axis(df.index).fillna(df["pnr"].map(latest))
    age = df["start_year"] - birth_year
    exclude(~((age >= p.min_age) & (age <= p.max_age)), "4")

    # Rule 5: at least 80 paid hours in the calendar month 2 months before admission.
    month = df["admission"].dt.year * 12 + df["admission"].dt.month - 1
    month = month - p.months_before_admission
    df["aarmd"] = (month // 12) * 100 + month % 12 + 1
    bfl = load(register_dir, "bfl")
    hours = bfl.groupby(["pnr", "aarmd"], as_index=False)["ajo_arbejdstimer"].sum()
    worked = df[["pnr", "aarmd"]].merge(hours, on=["pnr", "aarmd"], how="left")
    exclude(worked["ajo_arbejdstimer"].fillna(0).set_axis(df.index) < p.min_hours_in_work, "5")

    # DREAM's weekly status, for every course with a rehab start.
    codes = pd.read_csv(seeds_dir / "ref_dream_codes.csv")
    codes["is_sickness"] = codes["is_sickness"].astype(str).str.lower() == "true"
    codes = codes[["dream_code", "status_class", "is_sickness"]]
    long = dream_long(register_dir, codes, p.short_sickness_max_weeks)
    started = df[has_start]

    # Rule 6: at most 1 public-benefit week among weeks -9..-7 from admission.
    before = sum(
        status_at(started, long, "admission", k).isin(["on_benefits", "undeterminable"])
        for k in (-9, -8, -7)
    )
    exclude(before > p.max_benefit_weeks_before, "6")

    # The outcome (§4): on benefits in at least 2 of the month's 3 weeks; undeterminable
    # (null) when at least 2 of them are.
    m = p.outcome_month
    weeks = pd.DataFrame({k: status_at(started, long, "start", k) for k in MONTH_WEEKS[m]})
    needed = 1 if m == 0 else 2
    on = (weeks == "on_benefits").sum(axis=1) >= needed
    undeterminable = (weeks == "undeterminable").sum(axis=1) >= needed
    df[f"on_benefits_m{m}"] = on.astype(float).mask(undeterminable)

    # Rule 7: per person by admission, a course counts when it is the first or when at
    # least 304 days lie between the previous counted course's discharge and it.
    counted = df[df["rule"].isna()].sort_values(["pnr", "admission", "discharge", "recnum"])
    repeat = pd.Series(False, index=df.index)
    for _, person in counted.groupby("pnr"):
        last_discharge = None
        for index, row in person.iterrows():
            gap = None if last_discharge is None else (row["admission"] - last_discharge).days
            if gap is None or gap >= p.repeat_course_min_days:
                last_discharge = row["discharge"]
            else:
                repeat[index] = True
    exclude(repeat, "7")

    # Rule 8: a death, an emigration or a DREAM week of emigration or death from 2
    # calendar months before admission to the Sunday of week 26 after the start.
    window = started[["recnum", "pnr"]].copy()
    window["from"] = started["admission"] - pd.DateOffset(months=p.months_before_admission)
    window["to"] = monday(started["start"]) + pd.Timedelta(days=7 * 26 + 6)
    dod = load(register_dir, "dod").rename(columns={"doddato": "date"})
    vnds = load(register_dir, "vnds")
    vnds = vnds[vnds["indud_kode"] == "U"].rename(columns={"haend_dato": "date"})
    events = pd.concat([dod[["pnr", "date"]], vnds[["pnr", "date"]]])
    hits = window.merge(events, on="pnr")
    left = set(hits.loc[(hits["date"] >= hits["from"]) & (hits["date"] <= hits["to"]), "recnum"])
    gone = long[long["status_class"].isin(["left_country", "dead"])]
    hits = window.merge(gone.rename(columns={"monday": "date"}), on="pnr")
    hits["from"] = monday(hits["from"])  # a week counts when one of its days is inside
    left |= set(hits.loc[(hits["date"] >= hits["from"]) & (hits["date"] <= hits["to"]), "recnum"])
    exclude(df["recnum"].isin(left), "8")

    # Rule 9: determinable at the outcome month.
    exclude(df[f"on_benefits_m{m}"].isna(), "9")

    # Rule 10: GES reporting per municipality and year: services in all 12 months, at
    # most 1 swing of more than 40 % in services per person from a month to the next,
    # at least 30 courses in the year and 75 over the municipality's kept years.
    ges["year"] = ges["ydelse_dato"].dt.year
    ges["month"] = ges["ydelse_dato"].dt.month
    monthly = (
        ges[ges["year"].isin(p.start_years)]
        .groupby(["kom", "year", "month"])
        .agg(services=("pnr", "size"), persons=("pnr", "nunique"))
    )
    grid = pd.MultiIndex.from_product(
        [monthly.index.get_level_values("kom").unique(), p.start_years, range(1, 13)],
        names=["kom", "year", "month"],
    )
    monthly = monthly.reindex(grid).reset_index()
    monthly["per_person"] = monthly["services"] / monthly["persons"]
    previous = monthly.groupby(["kom", "year"])["per_person"].shift()
    monthly["swing"] = (monthly["per_person"] / previous - 1).abs() > p.quality_max_swing
    quality = (
        monthly.groupby(["kom", "year"])
        .agg(months=("per_person", "count"), swings=("swing", "sum"))
        .reset_index()
        .rename(columns={"kom": "municipality_code", "year": "start_year"})
    )
    kept = df[df["rule"].isna()]
    years = kept.groupby(["municipality_code", "start_year"]).size().rename("n").reset_index()
    years = years.merge(quality, on=["municipality_code", "start_year"], how="left")
    years[["months", "swings"]] = years[["months", "swings"]].fillna(0)
    years["rule"] = None
    years.loc[years["n"] < p.quality_min_courses_year, "rule"] = "10c"
    years.loc[years["swings"] > p.quality_max_swings, "rule"] = "10b"
    years.loc[years["months"] < 12, "rule"] = "10a"
    totals = years[years["rule"].isna()].groupby("municipality_code")["n"].sum()
    small = totals[totals < p.quality_min_courses_total].index
    years.loc[years["rule"].isna() & years["municipality_code"].isin(small), "rule"] = "10d"
    rule10 = kept[["municipality_code", "start_year"]].merge(
        years[["municipality_code", "start_year", "rule"]],
        on=["municipality_code", "start_year"],
        how="left",
    )
    rule10 = rule10["rule"].set_axis(kept.index).dropna()
    df.loc[rule10.index, "rule"] = rule10
    return df


def municipal_shares(df: pd.DataFrame, month: int = 3) -> pd.DataFrame:
    """Per municipality of the final population: municipality_code, n_courses and
    n_on_benefits (on benefits at `month`), sorted by municipality."""
    final = df[df["rule"].isna()]
    return (
        final.groupby("municipality_code")
        .agg(n_courses=("recnum", "size"), n_on_benefits=(f"on_benefits_m{month}", "sum"))
        .reset_index()
        .astype("int64")
    )


def compute_shares(register_dir: Path, seeds_dir: Path) -> tuple[int, int, pd.DataFrame]:
    """(candidate courses, final courses, municipal shares at 3 months)."""
    courses = compute(register_dir, seeds_dir)
    return len(courses), int(courses["rule"].isna().sum()), municipal_shares(courses)


if __name__ == "__main__":
    from rtwbench.reference import run

    sys.exit(run(sys.argv[1:], compute_shares))
