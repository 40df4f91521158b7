"""National and municipal summaries of ``compute_courses`` output."""

from __future__ import annotations

import pandas as pd

from rtw.reference.population import RULES

SHARE_MONTHS = (0, 3, 6)

RULE_DESCRIPTIONS = {
    "1": "rehab plan (general plan code in the plan period)",
    "2": "musculoskeletal (MDC 08)",
    "3": "linked rehab course starting in a start year",
    "4": "age 18-64 in the start year",
    "5": "in work 2 months before admission",
    "6": "not on benefits 2 months before admission",
    "7": "repeat courses",
    "8": "alive and resident",
    "9": "determinable at the outcome month",
    "10a": "municipal GES reporting in all 12 months",
    "10b": "at most one swing in services per person",
    "10c": "enough courses in the municipality-year",
    "10d": "enough courses in the municipality in total",
}


def final_population(courses: pd.DataFrame) -> pd.DataFrame:
    """The courses that pass every rule."""
    return courses[courses["exclusion_rule"].isna()]


def _shares(group: pd.DataFrame) -> dict:
    row = {"n_courses": len(group)}
    for m in SHARE_MONTHS:
        measured = group[f"on_benefits_m{m}"].dropna()
        row[f"n_determinable_m{m}"] = len(measured)
        row[f"share_on_benefits_m{m}"] = measured.mean() if len(measured) else float("nan")
    return row


def municipal_shares(courses: pd.DataFrame) -> pd.DataFrame:
    """Per municipality of the final population: number of courses and the share on
    benefits at months 0, 3 and 6 (courses undeterminable at a month left out of that
    month), plus a national row with a null ``municipality_code`` (last)."""
    final = final_population(courses)
    rows = []
    for code, group in final.groupby("municipality_code", sort=True):
        rows.append({"municipality_code": code, **_shares(group)})
    rows.append({"municipality_code": pd.NA, **_shares(final)})
    shares = pd.DataFrame(rows)
    shares["municipality_code"] = shares["municipality_code"].astype("Int64")
    return shares


def population_flow(courses: pd.DataFrame) -> pd.DataFrame:
    """National population flow (METHOD §6.5): per rule of §3, the courses it left out
    and the courses and persons remaining after it. Rule 1's row counts the candidate
    courses (plan contacts)."""
    rows = [
        {
            "rule": "1",
            "description": RULE_DESCRIPTIONS["1"],
            "courses_excluded": 0,
            "courses_remaining": len(courses),
            "persons_remaining": courses["pnr"].nunique(),
        }
    ]
    remaining = courses
    for rule in RULES:
        excluded = remaining["exclusion_rule"] == rule
        remaining = remaining[~excluded.fillna(False)]
        rows.append(
            {
                "rule": rule,
                "description": RULE_DESCRIPTIONS[rule],
                "courses_excluded": int(excluded.sum()),
                "courses_remaining": len(remaining),
                "persons_remaining": remaining["pnr"].nunique(),
            }
        )
    return pd.DataFrame(rows)
