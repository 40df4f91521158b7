"""The tables of the national page: model fit, the report's table 1.1, the ranking at
other outcome months, the coefficients (the report's table 5.4) and the population flow."""

from __future__ import annotations

import re

import pandas as pd

from rtw.reports.data import BenchmarkCase, Marts, cell
from rtw.reports.page import Table, Text, number_text
from rtw.reports.style import SUPPRESSED_TEXT, fmt_cell, fmt_number


def flow_frame(marts: Marts) -> pd.DataFrame:
    frame = marts["mart_population_flow"]
    return frame[frame["scope"] == "national"].sort_values("rule_order")


def in_units(text: str, case: BenchmarkCase | None) -> str:
    """A text of the model or of the pages that names its units as the rehab case does
    (courses; the model's notes and warnings, python/rtw/model/logit.py) in the words of
    `case` (None: the rehab case, unchanged). Decision: the marts keep the model's words;
    the page of another case (METHOD §14) says them in its own units."""
    if case is None:
        return text
    nouns = {"courses": case.units, "course": case.unit_noun}
    return re.sub(r"\b(courses|course)\b", lambda m: nouns[m.group(1)], text)


def flow_table(marts: Marts, case: BenchmarkCase | None = None) -> Table:
    """The population flow of the rehab case, or of `case`; without the plans column when
    the case's units are not plans' courses (its n_plans all null, as for spells)."""
    units = "courses" if case is None else case.units
    frame = flow_frame(marts)
    flag = "n_courses_is_suppressed"
    with_plans = case is None or bool(frame["n_plans"].notna().any())
    rows = []
    for _, r in frame.iterrows():
        rows.append(
            [
                Text(str(r["rule"])),
                Text(str(r["rule_name"])),
                Text(str(r["rule_description"])),
                *([number_text(cell(r, "n_plans", flag))] if with_plans else []),
                number_text(cell(r, "n_persons", flag)),
                number_text(cell(r, "n_courses", flag)),
                number_text(cell(r, "n_courses_excluded", "n_courses_excluded_is_suppressed")),
            ]
        )
    Units = units.capitalize()
    return Table(
        "population_flow_table",
        "Population flow (METHOD §6.5)",
        ["Rule", "Name", "Rule in force"]
        + (["Plans"] if with_plans else [])
        + ["Persons", Units, f"{Units} left out"],
        rows,
        note=f"Rule 1 leaves nothing out: it selects the candidate {units}.",
    )


def _number(row: pd.Series, column: str, decimals: int, flag: str | None) -> Text:
    c = cell(row, column, flag)
    return Text(fmt_cell(c, decimals), suppressed=c.suppressed, numeric=True)


def _label(value: object) -> Text:
    """A text column that may be null (stars, notes)."""
    return Text(value if isinstance(value, str) else "")


def coefficient_table(marts: Marts, case: BenchmarkCase | None = None) -> Table:
    """The coefficients of the rehab case (the report's table 5.4), or of `case`."""
    frame = marts["mart_model_coefficients"].sort_values(["covariate_order", "level_order"])
    fit = marts["mart_model_fit"].iloc[0]
    flag = "is_suppressed"
    rows = []
    for _, r in frame.iterrows():
        suppressed = bool(r[flag])
        reference = bool(r["is_reference"]) and not suppressed
        rows.append(
            [
                Text(str(r["covariate"])),
                Text(str(r["level"])),
                _number(r, "n_courses", 0, flag),
                Text("reference") if reference else _number(r, "estimate", 3, flag),
                Text(SUPPRESSED_TEXT, suppressed=True) if suppressed else _label(r["stars"]),
                _number(r, "std_error", 3, flag),
                _number(r, "p_value", 3, flag),
                _number(r, "marginal_effect_pp", 1, flag),
                # The report's own figures are published in full (they are the report's).
                _number(r, "report_estimate", 3, None),
                _label(r["report_stars"]),
                _number(r, "report_marginal_effect_pp", 1, None),
                _label(in_units(r["note"], case) if isinstance(r["note"], str) else r["note"]),
            ]
        )
    month = int(fit["outcome_month"])
    return Table(
        "coefficients",
        f"Logistic regression of on benefits at {month} months (the report's table 5.4)",
        [
            "Covariate",
            "Level",
            "Courses" if case is None else case.units.capitalize(),
            "Estimate",
            "",
            "SE",
            "p",
            "AME (pp)",
            "Report estimate",
            "",
            "Report AME (pp)",
            "Note",
        ],
        rows,
        note="Estimates in log-odds against the reference level; *** p<0.01, ** p<0.05, "
        "* p<0.1; AME: average marginal effect (discrete change), percentage points.",
    )


def fit_table(marts: Marts, case: BenchmarkCase | None = None) -> Table:
    """The model's fit, of the rehab case or of `case`."""
    fit = marts["mart_model_fit"].iloc[0]
    units = "Courses" if case is None else case.units.capitalize()
    items = [
        (f"{units} (N)", fmt_number(fit["n_courses"], 0)),
        (f"{units} in the likelihood fit", fmt_number(fit["n_courses_fitted"], 0)),
        ("Parameters", fmt_number(fit["n_parameters"], 0)),
        ("Log-likelihood", fmt_number(fit["log_likelihood"], 1)),
        ("Log-likelihood, intercept only", fmt_number(fit["log_likelihood_null"], 1)),
        ("McFadden pseudo R²", fmt_number(fit["mcfadden_pseudo_r2"], 3)),
        ("AIC", fmt_number(fit["aic"], 1)),
        ("c-statistic (AUC)", fmt_number(fit["c_statistic"], 3)),
        ("Hosmer-Lemeshow χ² (8 df)", fmt_number(fit["hosmer_lemeshow_chi2"], 2)),
        ("Hosmer-Lemeshow p", fmt_number(fit["hosmer_lemeshow_p_value"], 3)),
        ("Converged", "yes" if bool(fit["converged"]) else "NO"),
        ("Warnings", in_units(str(fit["warnings"] or "none"), case)),
    ]
    return Table(
        "model_fit",
        "Model fit",
        ["", "Value"],
        [[Text(k), Text(v, numeric=True)] for k, v in items],
    )


def top_bottom_table(marts: Marts) -> Table:
    frame = marts["mart_benchmark_top_bottom"].sort_values("figure_order")
    names = {
        "lowest_actual_share": "10 lowest actual shares, mean",
        "highest_actual_share": "10 highest actual shares, mean",
        "best_indicator": "10 best indicators, mean",
        "worst_indicator": "10 worst indicators, mean",
        "national_share": "National share",
    }
    rows = []
    for _, r in frame.iterrows():
        unit = " pp" if r["unit"] == "pp" else " %"
        rows.append(
            [
                Text(names.get(str(r["figure"]), str(r["figure"]))),
                Text(fmt_number(r["value"], 1, unit), numeric=True),
                Text(fmt_number(r["report_value"], 1, unit), numeric=True),
                Text(r["municipalities"] if isinstance(r["municipalities"], str) else ""),
            ]
        )
    return Table(
        "top_bottom",
        "Top and bottom ten (the report's table 1.1)",
        ["", "Ours", "Report", "Municipalities"],
        rows,
    )


def sensitivity_table(marts: Marts) -> Table:
    frame = marts["mart_benchmark_sensitivity"].sort_values(["month_a", "month_b"])
    rows = [
        [
            Text(f"{int(r['month_a'])} and {int(r['month_b'])} months"),
            Text(fmt_number(r["n_municipalities"], 0), numeric=True),
            Text(fmt_number(r["spearman_correlation"], 2), numeric=True),
            Text(fmt_number(r["same_quintile_pct"], 0, " %"), numeric=True),
            Text(fmt_number(r["within_one_quintile_pct"], 0, " %"), numeric=True),
        ]
        for _, r in frame.iterrows()
    ]
    return Table(
        "sensitivity",
        "Ranking at other outcome months",
        [
            "Months",
            "Municipalities",
            "Spearman correlation",
            "Same quintile",
            "Within one quintile",
        ],
        rows,
    )
