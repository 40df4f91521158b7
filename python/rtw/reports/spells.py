"""The spell metrics of a benchmark case beside the white paper's figur 7 (METHOD §9.4,
issue 17): the share of spells still running relative to spell week 5, and the
udstødningsgrad, each against figur 7 (AE's figures for those who went from work to
sickness benefit in 2004, the seed ref_whitepaper_figur7). A shape to compare, not a
level to match (METHOD §9.4).

Only a case whose spell marts the publication holds (`mart_<case>_spell_survival` and
`mart_<case>_spell_udstoedning`, the sickness case's) gets the figure, and only when
the publication holds the seed."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import FigureBase

from rtw.reports import charts
from rtw.reports.charts import Series
from rtw.reports.data import FIGUR7, SUPPRESSED, BenchmarkCase, Cell, Marts, cell
from rtw.reports.page import Chart, Table, Text, number_text, pct_text
from rtw.reports.style import MUNICIPALITY, NATIONAL

# Figur 7's spell weeks, and the week survival is relative to (the first week after the
# employer period: figur 7's spells are those that reached the municipality).
WEEKS = (1, 5, 13, 26, 52, 78)
BASE_WEEK = 5
# The spell metrics of the people in work before (§9.1 rule 4), as figur 7's spells are
# of people who went from work to sickness benefit.
POPULATION = "in_work_before"
FIGUR7_LABEL = "Figur 7 (AE, 2004)"


def spell_marts(case: BenchmarkCase) -> tuple[str, str]:
    """The survival and udstødningsgrad marts of a case (METHOD §9.4)."""
    return f"mart_{case.name}_spell_survival", f"mart_{case.name}_spell_udstoedning"


def _national(frame: pd.DataFrame) -> pd.DataFrame:
    return frame[(frame["population"] == POPULATION) & (frame["scope"] == "national")]


def start_year(survival: pd.DataFrame) -> tuple[int | None, bool]:
    """The start year the figure reads, and whether its spells are all followed to the
    last week of WEEKS: None (every start year together) when every start year's are;
    else the earliest start year whose are (a later year's spells reach week 78 after the
    registers end, so its share there is of the few whose status is known); else the
    earliest start year (False: not all followed)."""
    national = _national(survival)
    last = national[national["spell_week"] == WEEKS[-1]].sort_values("start_year")

    def followed(r) -> bool:
        return not r.is_suppressed and pd.notna(r.n_known) and r.n_known == r.n_spells

    by_year = last[last["start_year"].notna()]
    covered = [int(r.start_year) for r in by_year.itertuples() if followed(r)]
    if not len(by_year):  # no year's own rows: every start year together
        return None, any(followed(r) for r in last.itertuples())
    if len(covered) == len(by_year):
        return None, True
    if covered:
        return covered[0], True
    return int(by_year["start_year"].iloc[0]), False


def _rows(frame: pd.DataFrame, year: int | None) -> dict[int, pd.Series]:
    national = _national(frame)
    of_year = national["start_year"].isna() if year is None else national["start_year"] == year
    return {int(r["spell_week"]): r for _, r in national[of_year].iterrows()}


def _share(row: pd.Series | None) -> Cell:
    """The share running of a survival row, n_running / n_known (unrounded)."""
    if row is None:
        return Cell(None)
    if bool(row["is_suppressed"]):
        return SUPPRESSED
    if pd.isna(row["n_known"]) or not row["n_known"]:
        return Cell(None)
    return Cell(float(row["n_running"]) / float(row["n_known"]))


def relative_survival(survival: pd.DataFrame, year: int | None) -> list[Cell]:
    """Per week of WEEKS, the share running relative to BASE_WEEK's, in per cent
    (suppressed when either share is)."""
    rows = _rows(survival, year)
    base = _share(rows.get(BASE_WEEK))
    cells = []
    for week in WEEKS:
        share = _share(rows.get(week))
        if share.suppressed or base.suppressed:
            cells.append(SUPPRESSED)
        elif share.shown and base.shown and base.value:
            cells.append(Cell(100 * share.value / base.value))
        else:
            cells.append(Cell(None))
    return cells


def _figur7(marts: Marts) -> tuple[list[Cell], list[Cell]]:
    """Figur 7's survival relative to week 5 and its udstødningsgrad, per week of WEEKS."""
    seed = marts[FIGUR7].set_index("spell_week")

    def at(week: int, column: str) -> Cell:
        return Cell(float(seed.loc[week, column])) if week in seed.index else Cell(None)

    base = at(BASE_WEEK, "on_sickness_benefit")
    survival = [
        Cell(100 * c.value / base.value) if c.shown and base.shown else Cell(None)
        for c in (at(w, "on_sickness_benefit") for w in WEEKS)
    ]
    return survival, [at(w, "udstoedningsgrad_pct") for w in WEEKS]


def _years_text(year: int | None, covered: bool, units: str) -> str:
    if year is None:
        text = f"{units} starting in any of the case's start years"
    else:
        text = f"{units} starting in {year}"
    if not covered:
        text += (
            f" (not all followed to spell week {WEEKS[-1]}: the share there is of those "
            "whose status is known)"
        )
    return text


def figur7_charts(marts: Marts, case: BenchmarkCase) -> list[Chart]:
    """The figure of `case` beside figur 7, or none for a case without spell marts or a
    publication without the seed."""
    survival_mart, udstoedning_mart = spell_marts(case)
    if not (survival_mart in marts and udstoedning_mart in marts and FIGUR7 in marts):
        return []
    survival = marts[survival_mart]
    year, covered = start_year(survival)
    ours = relative_survival(survival, year)
    udst_rows = _rows(marts[udstoedning_mart], year)
    ours_udst = [
        cell(udst_rows[w], "not_in_work_pct", "is_suppressed") if w in udst_rows else Cell(None)
        for w in WEEKS
    ]
    theirs, theirs_udst = _figur7(marts)
    units = case.units
    started = "of every start year" if year is None else f"started in {year}"
    label = f"{units.capitalize()} {started}"
    categories = [str(w) for w in WEEKS]

    def draw(figure: FigureBase) -> None:
        left, right = figure.subplots(1, 2)
        for ax, mine, other, ylabel in (
            (left, ours, theirs, f"Still running, % of spell week {BASE_WEEK}"),
            (right, ours_udst, theirs_udst, "Udstødningsgrad (%)"),
        ):
            charts.grouped_bars(
                ax,
                categories,
                [Series(label, mine, MUNICIPALITY), Series(FIGUR7_LABEL, other, NATIONAL)],
                ylabel=ylabel,
                decimals=0,
            )
            ax.set_xlabel("Spell week")
        charts.title(figure, "Survival and udstødningsgrad beside the white paper's figur 7")

    survival_rows = _rows(survival, year)

    def count(rows: dict[int, pd.Series], week: int, column: str, flag: str) -> Text:
        return number_text(cell(rows[week], column, flag) if week in rows else Cell(None))

    Units = units.capitalize()
    rows = [
        [
            Text(str(week), numeric=True),
            count(survival_rows, week, "n_known", "is_suppressed"),
            count(survival_rows, week, "n_running", "is_suppressed"),
            pct_text(ours[i]),
            pct_text(theirs[i]),
            count(udst_rows, week, "n_spells", "is_suppressed"),
            pct_text(ours_udst[i]),
            pct_text(theirs_udst[i]),
        ]
        for i, week in enumerate(WEEKS)
    ]
    return [
        Chart(
            "figur7",
            "Survival and udstødningsgrad beside figur 7",
            f"Left: the share of the {units} still running at each spell week relative to "
            f"spell week {BASE_WEEK} (= 100 %); right: the udstødningsgrad (of the {units} "
            "running in the week, the share not in work at any time in the 52 weeks after "
            f"it). METHOD §9.4, of the {_years_text(year, covered, units)} of people in work "
            "before (§9.1 rule 4), nationally, beside the white paper's figur 7 (AE: those "
            "who went from work to sickness benefit in 2004): a shape to compare, not a "
            "level to match.",
            draw,
            (6.4 * 1.25, 3.8),
            Table(
                "figur7",
                "Figures shown",
                [
                    "Spell week",
                    f"{Units} known",
                    f"{Units} running",
                    f"Running, % of week {BASE_WEEK}",
                    f"Figur 7, % of week {BASE_WEEK}",
                    f"{Units} running, followed 52 weeks",
                    "Udstødningsgrad",
                    "Figur 7 udstødningsgrad",
                ],
                rows,
            ),
            wide=True,
        )
    ]
