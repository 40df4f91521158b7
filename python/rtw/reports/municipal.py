"""The one-pager of a benchmark municipality: the six figures of the report's Bilag 1
("Sådan placerer din kommune sig") and its indicator with 95 % interval, rank and quintile.

Figures, from the Bilag 2 marts (METHOD §6.3), each beside the national row:
1. actual share on benefits at the outcome month;
2. actual and expected share (the benchmark, §6.2);
3. share on benefits at start, 3 and 6 months;
4. of those on benefits at each month, the share on benefits since the start;
5. share at the outcome month in physically demanding industries and large-joint diagnoses;
6. share at the outcome month for women and men, under 50 and 50 and over.

The page is the rehab case's (the report's); every other benchmark case (METHOD §14)
adds a section of the same figures with its own outcome month and units, its charts'
keys and titles prefixed with the case, and a case that does not benchmark the
municipality says so in the facts.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from matplotlib.figure import FigureBase

from rtw.reports import charts
from rtw.reports.charts import Series
from rtw.reports.data import BenchmarkCase, Cell, Marts, cell
from rtw.reports.page import Chart, Page, Table, Text, number_text, pct_text, pp_text
from rtw.reports.style import (
    EXPECTED,
    MUNICIPALITY,
    NATIONAL,
    fmt_count,
    fmt_pp,
    suppressed_note,
)

NATIONAL_LABEL = "National"
MONTHS = range(7)
SIZE = (5.2, 3.5)
SHARE_AXIS = "Share on benefits (%)"


@dataclass(frozen=True)
class Municipality:
    code: int
    name: str
    region: str

    @property
    def path(self) -> str:
        return f"municipality/{self.code}-{slug(self.name)}"


def slug(name: str) -> str:
    """A file name from a Danish name: København -> koebenhavn, Ærø -> aeroe."""
    text = name.lower()
    for danish, ascii_ in (("æ", "ae"), ("ø", "oe"), ("å", "aa")):
        text = text.replace(danish, ascii_)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def municipalities(marts: Marts) -> list[Municipality]:
    """Every benchmark municipality of any case, by name."""
    frame = marts["mart_benchmark_municipality"].drop_duplicates("municipality_code")
    frame = frame.sort_values(["municipality_name"])
    return [
        Municipality(int(row.municipality_code), str(row.municipality_name), str(row.region))
        for row in frame.itertuples()
    ]


def _pair(
    marts: Marts, mart: str, code: int, columns: list[tuple[str, str]]
) -> tuple[list[Cell], list[Cell]]:
    """The cells (value, flag) of a municipality's row and of the national row. A
    municipality without a row in the mart has all its cells suppressed: the Bilag 2
    marts hold a row for every benchmark municipality, so a missing one is withheld."""
    national = marts.national_row(mart)
    row = marts.municipal_row(mart, code)
    local = [
        cell(row, value, flag) if row is not None else Cell(None, True) for value, flag in columns
    ]
    return local, [cell(national, value, flag) for value, flag in columns]


def _data_table(
    key: str, categories: list[str], name: str, local: list[Cell], national: list[Cell]
) -> Table:
    rows = [
        [Text(category), pct_text(a), pct_text(b)]
        for category, a, b in zip(categories, local, national, strict=True)
    ]
    return Table(key, "Figures shown", ["", name, NATIONAL_LABEL], rows)


def _bars_chart(
    key: str,
    title: str,
    caption: str,
    categories: list[str],
    name: str,
    local: list[Cell],
    national: list[Cell],
) -> Chart:
    def draw(figure: FigureBase) -> None:
        ax = figure.add_subplot()
        charts.grouped_bars(
            ax,
            categories,
            [Series(name, local, MUNICIPALITY), Series(NATIONAL_LABEL, national, NATIONAL)],
            ylabel=SHARE_AXIS,
        )
        charts.title(figure, title)

    return Chart(
        key, title, caption, draw, SIZE, _data_table(key, categories, name, local, national)
    )


@dataclass(frozen=True)
class Wording:
    """How a case's section names its units and its start, and prefixes its charts."""

    units: str = "courses"
    start: str = "rehab start"
    start_of: str = "the start of rehabilitation"
    year: str = "the year of rehab start"
    months_axis: str = "Months after rehabilitation start"
    prefix: str = ""  # chart keys
    title: str = ""  # chart titles

    def key(self, key: str) -> str:
        return f"{self.prefix}_{key}" if self.prefix else key

    def heading(self, title: str) -> str:
        return f"{self.title}: {title}" if self.title else title


REHAB = Wording()


def case_wording(case: BenchmarkCase) -> Wording:
    """The wording of a benchmark case other than rehab's (the page's own)."""
    return Wording(
        units=case.units,
        start="the start",
        start_of=f"the start of the {case.unit_noun}",
        year="the start year",
        months_axis="Months after the start",
        prefix=case.name,
        title=case.label,
    )


def municipal_page(marts: Marts, municipality: Municipality) -> Page:
    """The one-pager: the rehab case's figures and facts, then a section per other case."""
    facts: list[tuple[str, Text]] = []
    page_charts: list[Chart] = []
    units: list[str] = []  # of the cases with a section on the page
    for case in marts.cases:
        mine = marts.for_case(case.name)
        wording = REHAB if case.name == "rehab" else case_wording(case)
        bench = mine["mart_benchmark_municipality"]
        if municipality.code not in set(bench["municipality_code"]):
            facts.append((case.label, Text(f"not benchmarked in this case ({case.units})")))
            continue
        case_facts, case_charts = _case_section(mine, municipality, wording)
        units.append(wording.units)
        if wording.title:
            case_facts = [(f"{wording.title}: {label}", text) for label, text in case_facts]
        facts += case_facts
        page_charts += case_charts
    return Page(
        path=municipality.path,
        title=municipality.name,
        subtitle=f"{municipality.region} · return to work after general rehabilitation",
        facts=facts,
        charts=page_charts,
        notes=[
            suppressed_note(
                marts.disclosure_max_courses, " or ".join(dict.fromkeys(units or [REHAB.units]))
            )
            + ".",
            "Negative indicators are better: fewer on benefits than the municipality's "
            "framework conditions predict.",
        ],
    )


def _case_section(
    marts: Marts, municipality: Municipality, w: Wording
) -> tuple[list[tuple[str, Text]], list[Chart]]:
    """The facts and the six figures of one case (marts of that case only)."""
    code, name = municipality.code, municipality.name
    month = int(marts.national_row("mart_bilag2_table1_benchmark")["outcome_month"])
    at = f"{month} months"

    # 1. Actual share, municipality and national.
    local, national = _pair(
        marts, "mart_bilag2_table1_benchmark", code, [("actual_share_pct", "is_suppressed")]
    )
    fig1 = _bars_chart(
        w.key("fig1_actual_share"),
        w.heading(f"Share on benefits {at} after {w.start}"),
        f"The municipality's actual share on public benefits {at} after {w.start_of}, "
        "against the national share.",
        [f"On benefits at {at}"],
        name,
        local,
        national,
    )

    # 2. Actual against expected (the benchmark indicator, METHOD §6.2).
    benchmark = _benchmark_cells(marts, code)
    actual_expected = [benchmark["actual"], benchmark["expected"]]
    national_share = national[0].value

    def draw_expected(figure: FigureBase) -> None:
        ax = figure.add_subplot()
        charts.grouped_bars(
            ax,
            [name],
            [
                Series("Actual", [actual_expected[0]], MUNICIPALITY),
                Series("Expected", [actual_expected[1]], EXPECTED),
            ],
            ylabel=SHARE_AXIS,
            reference=("National share", national_share),
        )
        ax.set_xlabel(f"Indicator (actual − expected): {fmt_pp(benchmark['indicator'])}")
        charts.title(figure, w.heading(f"Actual and expected share on benefits at {at}"))

    fig2 = Chart(
        w.key("fig2_actual_expected"),
        w.heading(f"Actual and expected share on benefits at {at}"),
        "The expected share is what the logistic regression on the citizens' framework "
        f"conditions predicts for the municipality's {w.units}; below expected is better.",
        draw_expected,
        SIZE,
        Table(
            w.key("fig2_actual_expected"),
            "Figures shown",
            ["", name],
            [
                [Text("Actual share"), pct_text(actual_expected[0])],
                [Text("Expected share"), pct_text(actual_expected[1])],
                [Text("Indicator (actual − expected)"), pp_text(benchmark["indicator"])],
                [Text("National share"), pct_text(national[0])],
            ],
        ),
    )

    # 3. Share on benefits at start, 3 and 6 months (Bilag 2 table 2).
    local, national = _pair(
        marts,
        "mart_bilag2_table2_share_on_benefits",
        code,
        [(f"share_m{m}_pct", f"share_m{m}_is_suppressed") for m in (0, 3, 6)],
    )
    fig3 = _bars_chart(
        w.key("fig3_share_by_month"),
        w.heading("Share on benefits at start, 3 and 6 months"),
        f"Share on public benefits at {w.start_of} (week 0) and 3 and 6 "
        f"months after, among the {w.units} determinable at each point.",
        ["At start", "3 months", "6 months"],
        name,
        local,
        national,
    )

    # 4. On benefits since the start (Bilag 2 table 3).
    columns = [("start_pct", "start_is_suppressed")] + [
        (f"month_{m}_pct", f"month_{m}_is_suppressed") for m in MONTHS if m
    ]
    local4, national4 = _pair(marts, "mart_bilag2_table3_on_benefits_since_start", code, columns)

    def draw_since_start(figure: FigureBase) -> None:
        ax = figure.add_subplot()
        charts.lines_by_month(
            ax,
            list(MONTHS),
            [
                Series(name, local4, MUNICIPALITY),
                Series(NATIONAL_LABEL, national4, NATIONAL, "--"),
            ],
            ylabel="On benefits since start (%)",
            ylim=(0, 109),
            xlabel=w.months_axis,
        )
        charts.title(figure, w.heading("Of those on benefits: on benefits since the start"))

    categories4 = [charts.month_name(m) for m in MONTHS]
    fig4 = Chart(
        w.key("fig4_since_start"),
        w.heading("Of those on benefits: on benefits since the start"),
        f"Of the {w.units} on benefits at each month, the share that has been on benefits "
        "at the start and at every month since.",
        draw_since_start,
        SIZE,
        _data_table(w.key("fig4_since_start"), categories4, name, local4, national4),
    )

    # 5 and 6. Groups (Bilag 2 table 4).
    local, national = _pair(
        marts,
        "mart_bilag2_table4_by_characteristics",
        code,
        [
            (f"{group}_pct", f"{group}_is_suppressed")
            for group in ("physically_demanding_industry", "large_joint_diagnosis")
        ],
    )
    if w is REHAB:
        fig5 = _bars_chart(
            "fig5_industry_joints",
            f"Share on benefits at {at}: demanding jobs, large joints",
            "Share on benefits among courses of people in physically demanding industries "
            "(METHOD §5.2) and among courses for a diagnosis of a large joint (hip, thigh, "
            "knee, back, shoulder, head/neck, abdomen/lower back/pelvis).",
            ["Physically demanding\nindustries", "Large-joint\ndiagnoses"],
            name,
            local,
            national,
        )
    else:  # a case without diagnoses: the industries only
        fig5 = _bars_chart(
            w.key("fig5_industry"),
            w.heading(f"Share on benefits at {at}: demanding jobs"),
            f"Share on benefits among {w.units} of people in physically demanding "
            "industries (METHOD §5.2).",
            ["Physically demanding\nindustries"],
            name,
            local[:1],
            national[:1],
        )
    local, national = _pair(
        marts,
        "mart_bilag2_table4_by_characteristics",
        code,
        [
            (f"{group}_pct", f"{group}_is_suppressed")
            for group in ("women", "men", "under_50", "over_50")
        ],
    )
    fig6 = _bars_chart(
        w.key("fig6_sex_age"),
        w.heading(f"Share on benefits at {at} by sex and age"),
        "Share on benefits among women and men, and among those under 50 and 50 and over "
        f"in {w.year}.",
        ["Women", "Men", "Under 50", "50 and over"],
        name,
        local,
        national,
    )

    facts = _facts(marts, code, benchmark, at)
    if w is not REHAB:
        facts = [
            (w.units.capitalize(), text) if label == "Courses" else (label, text)
            for label, text in facts
        ]
    return facts, [fig1, fig2, fig3, fig4, fig5, fig6]


def _benchmark_cells(marts: Marts, code: int) -> dict[str, Cell]:
    frame = marts["mart_benchmark_municipality"]
    row = frame[frame["municipality_code"] == code].iloc[0]
    flag = "is_suppressed"
    return {
        "n": cell(row, "n_courses", flag),
        "actual": cell(row, "actual_share", flag),
        "expected": cell(row, "expected_share", flag),
        "indicator": cell(row, "indicator_pp", flag),
        "lower": cell(row, "indicator_lower_pp", flag),
        "upper": cell(row, "indicator_upper_pp", flag),
        "rank": cell(row, "rank", flag),
        "quintile": cell(row, "quintile", flag),
        # METHOD §13; a publication from before it has no such columns.
        **{
            key: cell(row, column, flag) if column in row.index else Cell(None)
            for key, column in [
                ("rank_lower", "rank_lower"),
                ("rank_upper", "rank_upper"),
                ("p_best", "p_best_fifth"),
            ]
        },
    }


def _facts(marts: Marts, code: int, b: dict[str, Cell], at: str) -> list[tuple[str, Text]]:
    # Ranks run over every benchmark municipality, the suppressed ones included.
    n_ranked = len(marts["mart_benchmark_municipality"])
    if b["indicator"].shown:
        interval = f" (95 % interval {fmt_pp(b['lower'])} to {fmt_pp(b['upper'])})"
    else:
        interval = ""
    rank_interval = ""
    if b["rank_lower"].shown and b["rank_upper"].shown and b["p_best"].shown:
        # §13: how sure the rank is, e.g. "95 % interval 31–63; chance ... best fifth 2 %".
        rank_interval = (
            f", 95 % interval {fmt_count(b['rank_lower'])}–{fmt_count(b['rank_upper'])}; "
            f"chance of being in the best fifth {round(100 * b['p_best'].value):d} %"
        )
    rank = (
        Text(f"{fmt_count(b['rank'])} of {n_ranked} (1 = best){rank_interval}", numeric=True)
        if b["rank"].shown
        else Text(fmt_count(b["rank"]), suppressed=b["rank"].suppressed)
    )
    quintile = (
        Text(f"{fmt_count(b['quintile'])} of 5 (1 = best fifth)", numeric=True)
        if b["quintile"].shown
        else Text(fmt_count(b["quintile"]), suppressed=b["quintile"].suppressed)
    )
    return [
        (
            "Benchmark indicator",
            Text(fmt_pp(b["indicator"]) + interval, suppressed=b["indicator"].suppressed),
        ),
        ("Rank", rank),
        ("Quintile", quintile),
        (f"Actual share at {at}", pct_text(b["actual"])),
        (f"Expected share at {at}", pct_text(b["expected"])),
        ("Courses", number_text(b["n"])),
    ]
