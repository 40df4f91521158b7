"""The national page: the national figures of METHOD §6.4, the benchmark of §6.2 across
municipalities (ranking with intervals, funnel plot, regions), the model of §6.1
(coefficients, fit, calibration) and the population flow of §6.5."""

from __future__ import annotations

import math

import pandas as pd
from matplotlib.figure import FigureBase
from matplotlib.lines import Line2D

from rtw.reports import charts, spells
from rtw.reports import national_tables as tables
from rtw.reports.charts import Row, Series
from rtw.reports.data import BenchmarkCase, Cell, Marts, cell
from rtw.reports.municipal import NATIONAL_LABEL, REHAB, SHARE_AXIS
from rtw.reports.page import NATIONAL_PATH, Chart, Page, Table, Text, number_text, pct_text
from rtw.reports.style import (
    BAD,
    BENEFIT_TYPES,
    EXPECTED,
    GOOD,
    MUNICIPALITY,
    NATIONAL,
    QUINTILES,
    SUPPRESSED_TEXT,
    fmt_number,
    fmt_pp,
    suppressed_note,
)

MONTHS = range(7)
SIZE = (6.4, 4.0)
LEVEL_NAMES = {"man": "Men", "woman": "Women"}


def _level_name(level: str) -> str:
    """A level as a label: men and women, and English levels capitalised (yes -> Yes)."""
    return LEVEL_NAMES.get(level, level[:1].upper() + level[1:])


def _share_by_month(marts: Marts) -> Chart:
    frame = marts["mart_national_shares_by_month"].sort_values("month_after_start")
    cells = [
        cell(row, "share_on_benefits_pct", "n_on_benefits_is_suppressed")
        for _, row in frame.iterrows()
    ]
    categories = [charts.month_label(int(m)) for m in frame["month_after_start"]]

    def draw(figure: FigureBase) -> None:
        ax = figure.add_subplot()
        charts.grouped_bars(
            ax, categories, [Series(NATIONAL_LABEL, cells, MUNICIPALITY)], ylabel=SHARE_AXIS
        )
        ax.set_xlabel("Months after rehabilitation start")
        charts.title(figure, "Share on benefits by month after rehab start")

    # n_determinable is nulled when suppressed and has no flag column of its own.
    rows = [
        [
            Text(charts.month_name(int(r["month_after_start"]))),
            number_text(cell(r, "n_determinable", None, null_is_suppressed=True)),
            pct_text(v),
        ]
        for (_, r), v in zip(frame.iterrows(), cells, strict=True)
    ]
    return Chart(
        "share_by_month",
        "Share on benefits by month",
        "Share of the courses on public benefits at the start of rehabilitation (week 0) and "
        "at each month after it, among the courses determinable that month (METHOD §1, §4).",
        draw,
        SIZE,
        Table("share_by_month", "Figures shown", ["Month", "Courses", "On benefits"], rows),
    )


def _benefit_types(marts: Marts) -> Chart:
    frame = marts["mart_national_shares_by_month"].sort_values("month_after_start")
    types = [
        ("Sickness benefit", "sickness_pct"),
        ("Unemployment & social assistance", "unemployment_social_assistance_pct"),
        ("Other benefits", "other_pct"),
    ]
    flag = "n_on_benefits_is_suppressed"
    components = [
        Series(label, [cell(row, column, flag) for _, row in frame.iterrows()], colour)
        for (label, column), colour in zip(types, BENEFIT_TYPES, strict=True)
    ]
    categories = [charts.month_label(int(m)) for m in frame["month_after_start"]]

    def draw(figure: FigureBase) -> None:
        ax = figure.add_subplot()
        charts.stacked_bars(ax, categories, components, ylabel="Share of those on benefits (%)")
        ax.set_xlabel("Months after rehabilitation start")
        charts.title(figure, "Benefit type of those on benefits, by month")

    rows = [
        [Text(charts.month_name(int(m)))] + [pct_text(s.cells[j]) for s in components]
        for j, m in enumerate(frame["month_after_start"])
    ]
    return Chart(
        "benefit_types",
        "Benefit-type mix by month",
        "Of the courses on benefits at each month, the share on sickness benefit, on "
        "unemployment benefit or social assistance, and on other benefits (METHOD §2.1).",
        draw,
        SIZE,
        Table("benefit_types", "Figures shown", ["Month"] + [t[0] for t in types], rows),
    )


def _weeks_before_start(marts: Marts) -> Chart:
    frame = marts["mart_national_benefit_weeks_before_start"].sort_values("level_order")
    month = int(frame["outcome_month"].iloc[0])
    bands = list(dict.fromkeys(frame["benefit_weeks_before_start"]))
    groups = [("on benefits", MUNICIPALITY), ("not on benefits", NATIONAL)]
    series = []
    for group, colour in groups:
        rows = frame[frame["outcome_group"] == group].set_index("benefit_weeks_before_start")
        cells = []
        for band in bands:
            if band not in rows.index:
                cells.append(Cell(None))
                continue
            # The mart nulls the share when the band's count is suppressed; its
            # flag column belongs to the band's count, so it is shown as the mart has it.
            cells.append(cell(rows.loc[band], "share_pct", None, null_is_suppressed=True))
        series.append(Series(f"{group.capitalize()} at {month} months", cells, colour))

    def draw(figure: FigureBase) -> None:
        ax = figure.add_subplot()
        charts.grouped_bars(ax, bands, series, ylabel="Share of the group (%)")
        ax.set_xlabel("Benefit weeks from 8 weeks before admission to rehab start")
        charts.title(figure, "Benefit weeks before the start, by outcome")

    rows = [[Text(band)] + [pct_text(s.cells[j]) for s in series] for j, band in enumerate(bands)]
    return Chart(
        "weeks_before_start",
        "Benefit weeks before the start",
        f"Distribution of benefit weeks from week −8 before admission to week 0 of the rehab "
        f"start, among courses on and not on benefits at {month} months (the report's "
        "figure 5.1).",
        draw,
        SIZE,
        Table("weeks_before_start", "Figures shown", ["Weeks"] + [s.label for s in series], rows),
    )


def _characteristic_rows(marts: Marts, characteristic: str, by_share: bool) -> list[Row]:
    frame = marts["mart_national_shares_by_characteristic"]
    frame = frame[frame["characteristic"] == characteristic]
    rows = [
        Row(
            _level_name(str(r["characteristic_level"])),
            cell(r, "share_on_benefits_pct", "is_suppressed"),
            n=cell(r, "n_courses", "is_suppressed"),
        )
        for _, r in frame.iterrows()
    ]
    if by_share:
        # Highest share first; suppressed levels last, in name order.
        rows.sort(key=lambda r: (not r.cell.shown, -(r.cell.value or 0), r.label))
    else:
        rows.sort(key=lambda r: r.label)
    return rows


def _characteristic_chart(
    marts: Marts,
    key: str,
    title: str,
    caption: str,
    sections: list[tuple[str | None, str, bool]],
    national: Cell,
    height: float,
) -> Chart:
    month = int(marts["mart_national_shares_by_characteristic"]["outcome_month"].iloc[0])
    built = [
        (label, _characteristic_rows(marts, name, by_share)) for label, name, by_share in sections
    ]

    def draw(figure: FigureBase) -> None:
        ax = figure.add_subplot()
        charts.horizontal_bars(
            ax,
            built,
            xlabel=f"Share on benefits at {month} months (%)",
            color=MUNICIPALITY,
            reference=("National", national.value),
        )
        charts.title(figure, title)

    table_rows = [
        [
            Text(section or ""),
            Text(row.label),
            number_text(row.n or Cell(None)),
            pct_text(row.cell),
        ]
        for section, rows in built
        for row in rows
    ]
    return Chart(
        key,
        title,
        caption,
        draw,
        (SIZE[0], height),
        Table(
            key,
            "Figures shown",
            ["", "Group", "Courses", f"On benefits at {month} months"],
            table_rows,
        ),
    )


def _benchmark_frame(marts: Marts) -> tuple[pd.DataFrame, list[str]]:
    """Benchmarked municipalities with their figures, and the names of the suppressed."""
    frame = marts["mart_benchmark_municipality"]
    shown = frame[~frame["is_suppressed"].astype(bool) & frame["indicator_pp"].notna()]
    hidden = frame[frame["is_suppressed"].astype(bool) | frame["indicator_pp"].isna()]
    return (
        shown.sort_values(["indicator_pp", "municipality_name"]).reset_index(drop=True),
        sorted(hidden["municipality_name"].astype(str)),
    )


def _quintile_handles() -> list:
    return [
        Line2D([], [], marker="o", linestyle="", color=colour, label=label)
        for label, colour in zip(
            ["quintile 1 (best)", "quintile 2", "quintile 3", "quintile 4", "quintile 5 (worst)"],
            QUINTILES,
            strict=True,
        )
    ]


def _rank_interval(row) -> str:
    """' (31–63)', the 95 % rank interval of METHOD §13, or '' for a publication before it."""
    lower, upper = getattr(row, "rank_lower", None), getattr(row, "rank_upper", None)
    if lower is None or upper is None or pd.isna(lower) or pd.isna(upper):
        return ""
    return f" ({int(lower)}–{int(upper)})"


def _shrinkage(marts: Marts, units: str) -> Chart | None:
    """METHOD §13: raw against shrunken indicators, the smallest municipalities moving
    most towards the national level; None for a publication from before §13."""
    shown, _ = _benchmark_frame(marts)
    if "shrunken_pp" not in shown.columns or shown["shrunken_pp"].isna().all():
        return None
    by_n = shown.sort_values(["n_courses", "municipality_name"]).reset_index(drop=True)

    def draw(figure: FigureBase) -> None:
        ax = figure.add_subplot()
        low = float(min(by_n["indicator_pp"].min(), by_n["shrunken_pp"].min()))
        high = float(max(by_n["indicator_pp"].max(), by_n["shrunken_pp"].max()))
        ax.plot([low, high], [low, high], color="#888888", linewidth=0.8, zorder=1)
        ax.axhline(0, color="#444444", linewidth=0.8, zorder=1)
        # Marker area by units: the small municipalities are the ones pulled in most.
        sizes = 8 + 60 * by_n["n_courses"] / by_n["n_courses"].max()
        ax.scatter(by_n["indicator_pp"], by_n["shrunken_pp"], s=sizes, color=MUNICIPALITY, zorder=3)
        ax.set_xlabel("Raw benchmark indicator (percentage points)")
        ax.set_ylabel("Shrunken indicator (percentage points)")
        ax.grid(visible=True)
        handles = [
            Line2D([], [], color="#888888", label="no shrinkage (raw = shrunken)"),
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=MUNICIPALITY,
                label=f"municipality, size by {units}",
            ),
        ]
        charts.legend(ax, handles, ncol=2)
        charts.title(figure, "Raw against shrunken indicators")

    rows = [
        [
            Text(r.municipality_name),
            Text(f"{int(r.n_courses):,}", numeric=True),
            Text(fmt_pp(Cell(r.indicator_pp)), numeric=True),
            Text(fmt_pp(Cell(r.shrunken_pp)), numeric=True),
            Text(f"{fmt_pp(Cell(r.shrunken_lower_pp))} to {fmt_pp(Cell(r.shrunken_upper_pp))}"),
        ]
        for r in by_n.itertuples()
    ]
    return Chart(
        "shrinkage",
        "Raw against shrunken indicators",
        "Each municipality's benchmark indicator against its shrunken indicator (METHOD "
        "§13: a random-intercept model with the covariate model as offset); the smaller "
        "the municipality, the more its indicator is pulled towards 0.",
        draw,
        SIZE,
        Table(
            "shrinkage",
            "Figures shown",
            ["Municipality", units.capitalize(), "Indicator", "Shrunken", "Shrunken 95 % interval"],
            rows,
        ),
    )


def _has_rank_intervals(shown: pd.DataFrame) -> bool:
    """The publication holds METHOD §13's rank intervals (not one from before them)."""
    return {"rank_lower", "rank_upper"} <= set(shown.columns) and shown["rank_lower"].notna().any()


def _ranking(marts: Marts) -> Chart:
    shown, hidden = _benchmark_frame(marts)
    n_rows = len(shown) + len(hidden) + (1 if hidden else 0)
    height = 1.6 + 0.145 * n_rows
    with_ranks = _has_rank_intervals(shown)

    def draw(figure: FigureBase) -> None:
        # METHOD §13: beside the indicators, each rank with its 95 % interval, so that a
        # reader sees how little of the league table the data support.
        if with_ranks:
            ax, ranks_ax = figure.subplots(1, 2, sharey=True, width_ratios=[2, 1])
        else:
            ax, ranks_ax = figure.add_subplot(), None
        ys = list(range(len(shown)))
        for y, row in zip(ys, shown.itertuples(), strict=True):
            colour = QUINTILES[int(row.quintile) - 1]
            ax.plot(
                [row.indicator_lower_pp, row.indicator_upper_pp],
                [y, y],
                color=colour,
                linewidth=1.2,
                zorder=2,
            )
            ax.plot(row.indicator_pp, y, "o", color=colour, markersize=3.5, zorder=3)
            if ranks_ax is not None and not pd.isna(row.rank_lower):
                ranks_ax.plot(
                    [row.rank_lower, row.rank_upper], [y, y], color=colour, linewidth=1.2, zorder=2
                )
                ranks_ax.plot(row.rank, y, "o", color=colour, markersize=3.5, zorder=3)
        labels = [
            f"{int(r.rank)}. {r.municipality_name}{_rank_interval(r)}" for r in shown.itertuples()
        ]
        ticks = list(ys)
        if hidden:
            # Suppressed municipalities at the foot, each shown as suppressed.
            y = len(shown) + 0.5
            for name in hidden:
                y += 1
                charts.suppressed_slot(ax, y, 0.8, vertical=False)
                ticks.append(y)
                labels.append(name)
        ax.set_yticks(ticks, labels, fontsize="x-small")
        ax.set_ylim(max(ticks) + 0.8, -0.8)
        ax.axvline(0, color="#444444", linewidth=0.8, zorder=1)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        # Two lines: beside the rank panel the indicator's axis is too narrow for one.
        ax.set_xlabel(
            "Benchmark indicator, actual − expected"
            + ("\n" if ranks_ax is not None else " ")
            + "(percentage points; negative is better)"
        )
        if ranks_ax is not None:
            ranks_ax.set_xlim(0, len(shown) + 2)
            ranks_ax.set_xticks(sorted({1, *range(20, len(shown), 20), len(shown)}))
            ranks_ax.grid(axis="y", visible=False)
            ranks_ax.grid(axis="x", visible=True)
            ranks_ax.tick_params(axis="y", left=False)
            ranks_ax.set_xlabel("Rank, 95 % interval\n(1 = best)")
        handles = [
            *_quintile_handles(),
            Line2D([], [], color="#555555", label="95 % interval"),
        ]
        if hidden:
            handles.append(charts.suppressed_patch())
        if ranks_ax is None:
            charts.legend(ax, handles, ncol=4)
        else:
            # Below both panels: anchored on the indicator's axes, the legend would widen
            # them and crowd the rank panel out.
            figure.legend(
                handles=handles,
                loc="outside lower center",
                ncol=4,
                handlelength=1.4,
                columnspacing=1.0,
            )
        charts.title(figure, "Municipalities ranked by benchmark indicator")

    rows = [
        [
            Text(str(int(r.rank)), numeric=True),
            Text(r.municipality_name),
            Text(fmt_pp(Cell(r.indicator_pp)), numeric=True),
            Text(f"{fmt_pp(Cell(r.indicator_lower_pp))} to {fmt_pp(Cell(r.indicator_upper_pp))}"),
            *([Text(_rank_interval(r).strip(" ()"))] if with_ranks else []),
            Text(str(int(r.quintile)), numeric=True),
        ]
        for r in shown.itertuples()
    ] + [
        [Text(SUPPRESSED_TEXT, suppressed=True), Text(name)]
        + [Text(SUPPRESSED_TEXT, suppressed=True)] * (4 if with_ranks else 3)
        for name in hidden
    ]
    header = ["Rank", "Municipality", "Indicator", "95 % interval"]
    header += ["Rank, 95 % interval"] if with_ranks else []
    return Chart(
        "ranking",
        "Municipalities ranked by indicator",
        "Each municipality's benchmark indicator (actual − expected share on benefits, "
        "percentage points) with its 95 % interval, coloured by quintile; 1 = best."
        + (
            " Right: its rank with the 95 % interval of the rank from "
            "the indicator's sampling distribution (METHOD §13)."
            if with_ranks
            else ""
        ),
        draw,
        (SIZE[0], height),
        Table("ranking", "Figures shown", [*header, "Quintile"], rows),
        wide=True,
    )


def _funnel(marts: Marts, units: str) -> Chart:
    shown, hidden = _benchmark_frame(marts)
    by_n = shown.sort_values(["n_courses", "municipality_name"])
    phi = float(marts["mart_benchmark_municipality"]["overdispersion_phi"].dropna().iloc[0])

    def draw(figure: FigureBase) -> None:
        ax = figure.add_subplot()
        limits = [
            ("funnel_95_lower_pp", "funnel_95_upper_pp", "95 % limits", "--", "#555555"),
            ("funnel_998_lower_pp", "funnel_998_upper_pp", "99.8 % limits", ":", "#555555"),
        ]
        if phi > 1:
            limits.append(
                (
                    "funnel_95_lower_od_pp",
                    "funnel_95_upper_od_pp",
                    f"95 % limits, over-dispersion φ = {phi:.2f}",
                    "-.",
                    EXPECTED,
                )
            )
        handles = []
        n_min, n_max = float(by_n["n_courses"].min()), float(by_n["n_courses"].max())
        grid = [n_min * (n_max / n_min) ** (i / 99) for i in range(100)]
        for lower, upper, label, style, colour in limits:
            for column in (lower, upper):
                # Each municipality's limits depend on its case mix as well as its size;
                # the curve is a / sqrt(n) with the median a, a funnel for a typical mix.
                a = float((by_n[column] * by_n["n_courses"] ** 0.5).median())
                line = ax.plot(
                    grid, [a / n**0.5 for n in grid], style, color=colour, linewidth=1, label=label
                )[0]
            handles.append(line)
        inside = ~by_n["is_outside_funnel_95"].astype(bool)
        ax.scatter(
            by_n.loc[inside, "n_courses"],
            by_n.loc[inside, "indicator_pp"],
            s=14,
            color=MUNICIPALITY,
            zorder=3,
        )
        for above, colour in ((True, BAD), (False, GOOD)):
            outside = by_n[~inside & ((by_n["indicator_pp"] > 0) == above)]
            ax.scatter(outside["n_courses"], outside["indicator_pp"], s=18, color=colour, zorder=3)
            for i, r in enumerate(outside.itertuples()):
                # Alternate above and below the dot, so neighbours' names do not overlap.
                ax.annotate(
                    r.municipality_name,
                    (r.n_courses, r.indicator_pp),
                    fontsize="x-small",
                    xytext=(4, 3 if i % 2 == 0 else -8),
                    textcoords="offset points",
                )
        ax.axhline(0, color="#444444", linewidth=0.8)
        ax.set_xscale("log")
        ticks = [t for t in (5, 10, 20, 50, 100, 200, 500, 1000, 2000) if n_min <= t <= n_max]
        ax.set_xticks(ticks, [str(t) for t in ticks])
        ax.minorticks_off()
        ax.set_xlabel(f"{units.capitalize()} in the municipality (log scale)")
        ax.set_ylabel("Indicator, actual − expected (pp)")
        handles += [
            Line2D([], [], marker="o", linestyle="", color=MUNICIPALITY, label="within 95 %"),
            Line2D([], [], marker="o", linestyle="", color=BAD, label="above (worse)"),
            Line2D([], [], marker="o", linestyle="", color=GOOD, label="below (better)"),
        ]
        charts.legend(ax, handles, ncol=3)
        if hidden:
            ax.text(
                0.99,
                0.01,
                f"{len(hidden)} municipalities suppressed (METHOD §6.6), not plotted",
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize="x-small",
                color="#555555",
            )
        charts.title(figure, "Funnel plot of the benchmark indicator")

    return Chart(
        "funnel",
        "Funnel plot",
        f"Each municipality's indicator against its number of {units}, with the limits within "
        "which 95 % and 99.8 % of municipalities of that size and case mix would fall if they "
        "differed only by chance (Spiegelhalter 2005), drawn for the median case mix; a "
        "municipality is coloured and named by its own 95 % limits.",
        draw,
        (SIZE[0], 4.6),
        wide=False,
    )


def _regions(marts: Marts, national: Cell, units: str) -> Chart:
    region_rows = _characteristic_rows(marts, "region", by_share=False)
    shown, hidden = _benchmark_frame(marts)
    regions = [r.label for r in region_rows]
    frame = marts["mart_benchmark_municipality"]
    month = int(frame["outcome_month"].dropna().iloc[0])

    def draw(figure: FigureBase) -> None:
        left, right = figure.subplots(1, 2, sharey=False, width_ratios=[1, 1.2])
        charts.horizontal_bars(
            left,
            [(None, region_rows)],
            color=MUNICIPALITY,
            xlabel=f"Share on benefits at {month} months (%)",
            reference=("National", national.value),
        )
        for y, region in enumerate(regions):
            members = shown[shown["region"] == region].sort_values("indicator_pp")
            n = len(members)
            # Neighbouring values alternate between three lines, so close dots stay visible.
            offsets = [((i % 3) - 1) * 0.22 for i in range(n)]
            colours = [QUINTILES[int(q) - 1] for q in members["quintile"]]
            right.scatter(
                members["indicator_pp"], [-y + o for o in offsets], s=12, c=colours, zorder=3
            )
            if n:
                median = float(members["indicator_pp"].median())
                right.plot(
                    [median, median], [-y - 0.38, -y + 0.38], color="#222222", linewidth=2, zorder=4
                )
        right.set_yticks([-y for y in range(len(regions))], [""] * len(regions))
        right.set_ylim(-len(regions) + 0.4, 0.6)
        right.axvline(0, color="#444444", linewidth=0.8)
        right.grid(axis="y", visible=False)
        right.grid(axis="x", visible=True)
        right.set_xlabel("Municipal indicators (pp)")
        handles = [
            *_quintile_handles(),
            Line2D([], [], color="#222222", linewidth=2, label="median"),
        ]
        charts.legend(right, handles, ncol=3)
        charts.title(figure, "Regions: share on benefits and municipal indicators")

    counts = shown.groupby("region")["indicator_pp"].agg(["count", "median"])
    rows = []
    for region_row in region_rows:
        region = region_row.label
        n = int(counts.loc[region, "count"]) if region in counts.index else 0
        median = Cell(float(counts.loc[region, "median"])) if n else Cell(None)
        n_hidden = int(
            sum(
                1
                for name in hidden
                if (frame.loc[frame["municipality_name"] == name, "region"] == region).any()
            )
        )
        rows.append(
            [
                Text(region),
                pct_text(region_row.cell),
                Text(str(n), numeric=True),
                Text(fmt_pp(median), numeric=True),
                Text(str(n_hidden), numeric=True),
            ]
        )
    return Chart(
        "regions",
        "Regional comparison",
        f"Left: the share on benefits of each region's {units}. Right: the indicators of the "
        "region's municipalities (dots, coloured by quintile) and their median.",
        draw,
        (SIZE[0] * 1.25, 3.6),
        Table(
            "regions",
            "Figures shown",
            ["Region", "Share on benefits", "Municipalities", "Median indicator", "Suppressed"],
            rows,
        ),
        wide=True,
    )


def _calibration(marts: Marts, units: str) -> Chart:
    frame = marts["mart_model_calibration"].sort_values("decile")
    fit = marts["mart_model_fit"].iloc[0]
    shown = frame[~frame["is_suppressed"].astype(bool)]
    n_hidden = int(frame["is_suppressed"].astype(bool).sum())

    def draw(figure: FigureBase) -> None:
        ax = figure.add_subplot()
        top = max(5.0, float(shown[["mean_predicted_pct", "observed_share_pct"]].max().max()))
        top = math.ceil(top * 1.08 / 5) * 5
        ax.plot([0, top], [0, top], "--", color=NATIONAL, linewidth=1, label="perfect calibration")
        ax.plot(
            shown["mean_predicted_pct"],
            shown["observed_share_pct"],
            "o-",
            color=MUNICIPALITY,
            markersize=4,
            linewidth=1,
            label="decile of predicted probability",
        )
        ax.set_xlim(0, top)
        ax.set_ylim(0, top)
        ax.set_aspect("equal")
        ax.grid(axis="x", visible=True)
        ax.set_xlabel("Mean predicted probability (%)")
        ax.set_ylabel("Observed share on benefits (%)")
        note = (
            f"c-statistic {fmt_number(fit['c_statistic'], 3)}; Hosmer-Lemeshow "
            f"p = {fmt_number(fit['hosmer_lemeshow_p_value'], 3)}"
        )
        if n_hidden:
            note += f"; {n_hidden} deciles suppressed"
        ax.text(0.03, 0.97, note, transform=ax.transAxes, va="top", fontsize="small")
        handles, _ = ax.get_legend_handles_labels()
        charts.legend(ax, handles, ncol=1)
        charts.title(figure, "Calibration of the model")

    rows = [
        [
            Text(str(int(r["decile"])), numeric=True),
            number_text(cell(r, "n_courses", "is_suppressed")),
            pct_text(cell(r, "mean_predicted_pct", "is_suppressed")),
            pct_text(cell(r, "observed_share_pct", "is_suppressed")),
        ]
        for _, r in frame.iterrows()
    ]
    return Chart(
        "calibration",
        "Calibration",
        "Observed share on benefits against the mean predicted probability, per decile of "
        "predicted probability (METHOD §6.1).",
        draw,
        (4.6, 4.6),
        Table(
            "calibration",
            "Figures shown",
            ["Decile", units.capitalize(), "Mean predicted", "Observed share"],
            rows,
        ),
    )


def _units(case: BenchmarkCase | None) -> str:
    """The units of a case's pages: those of `case`, or the rehab case's (the report's)."""
    return REHAB.units if case is None else case.units


def _flow(marts: Marts, case: BenchmarkCase | None = None) -> Chart:
    """The population flow of the rehab case (the report's figure 1.2), or of `case`."""
    units = _units(case)
    frame = tables.flow_frame(marts)
    rows = [
        Row(f"{r['rule']}. {r['rule_name']}", cell(r, "n_courses", "n_courses_is_suppressed"))
        for _, r in frame.iterrows()
    ]

    def draw(figure: FigureBase) -> None:
        ax = figure.add_subplot()
        charts.horizontal_bars(
            ax,
            [(None, rows)],
            xlabel=f"{units.capitalize()} remaining after the rule",
            color=MUNICIPALITY,
            decimals=0,
        )
        charts.title(figure, f"Population flow: {units} remaining after each rule")

    if case is None:
        caption = (
            "Courses that remain after each rule of METHOD §3, in order (the report's figure "
            "1.2); the table below gives the plans, persons and courses each rule left out."
        )
    else:  # another case (METHOD §14): its own rules, without plans
        caption = (
            f"{units.capitalize()} that remain after each rule of the case's population "
            f"(METHOD §14), in order; the table below gives the persons and {units} each "
            "rule left out."
        )
    return Chart(
        "population_flow",
        "Population flow",
        caption,
        draw,
        (SIZE[0], 4.4),
    )


def not_benchmarked(marts: Marts) -> str | None:
    """Why no municipality is benchmarked (a small extract: no course passes the rules,
    or the model could not be fitted), or None when the benchmark has rows."""
    if not marts["mart_benchmark_municipality"].empty:
        return None
    fit = marts["mart_model_fit"]
    reasons = [str(w) for w in fit["warnings"] if isinstance(w, str) and w]
    return "; ".join(reasons) or "no course of the final population"


def _unbenchmarked_page(marts: Marts, reason: str, case: BenchmarkCase | None = None) -> Page:
    """The national page of a build without a benchmark: what the rules left, and why
    (of the rehab case, or of `case`)."""
    units = _units(case)
    table1 = marts.national_row("mart_bilag2_table1_benchmark")
    month = int(table1["outcome_month"])
    return Page(
        path=NATIONAL_PATH,
        title="Return to work after general rehabilitation: national report",
        subtitle="No municipality could be benchmarked on these registers: the population "
        "flow shows which rules left the courses out.",
        facts=[
            (units.capitalize(), number_text(cell(table1, "n_courses", "is_suppressed"))),
            ("Municipalities benchmarked", Text("0", numeric=True)),
            (f"Model at {month} months", Text(tables.in_units(reason, case))),
        ],
        charts=[_flow(marts, case)],
        tables=[tables.flow_table(marts, case)],
        notes=[suppressed_note(marts.disclosure_max_courses, units) + "."],
    )


def _flagged_facts(fit: pd.Series) -> list[tuple[str, Text]]:
    """METHOD §13: municipalities flagged better and worse by the phi-adjusted 95 %
    interval, next to the number chance alone would flag (none for a publication from
    before §13, or a month with no benchmark)."""
    if "n_flagged_better" not in fit.index or pd.isna(fit["n_flagged_better"]):
        return []
    chance = fmt_number(fit["n_flagged_by_chance"], 1)
    return [
        (
            "Flagged better / worse (95 %, over-dispersion adjusted)",
            Text(
                f"{int(fit['n_flagged_better'])} / {int(fit['n_flagged_worse'])}; "
                f"{chance} would be flagged by chance alone",
                numeric=True,
            ),
        )
    ]


def _benchmark_charts(marts: Marts, national: Cell, units: str) -> list[Chart]:
    """The figures of the benchmark every case's national page ends with (METHOD §6.2,
    §13): regions, ranking and, where the publication has it, the shrinkage."""
    charts_ = [_regions(marts, national, units), _ranking(marts)]
    if (shrinkage := _shrinkage(marts, units)) is not None:
        charts_.append(shrinkage)
    return charts_


def _benchmark_facts(marts: Marts, units: str) -> list[tuple[str, Text]]:
    """The facts of the benchmark on every case's national page: municipalities
    benchmarked and suppressed, the model's fit and the flagged counts."""
    shown, hidden = _benchmark_frame(marts)
    fit = marts["mart_model_fit"].iloc[0]
    return [
        ("Municipalities benchmarked", Text(str(len(shown) + len(hidden)), numeric=True)),
        (
            f"of which suppressed (≤{marts.disclosure_max_courses} {units})",
            Text(str(len(hidden)), numeric=True),
        ),
        ("Model c-statistic", Text(fmt_number(fit["c_statistic"], 3), numeric=True)),
        ("McFadden pseudo R²", Text(fmt_number(fit["mcfadden_pseudo_r2"], 3), numeric=True)),
        *_flagged_facts(fit),
    ]


def _benchmark_tables(marts: Marts, case: BenchmarkCase | None = None) -> list:
    """The tables of every case's national page (the rehab case's, or `case`'s): fit,
    top and bottom, sensitivity, coefficients and the population flow."""
    return [
        tables.fit_table(marts, case),
        tables.top_bottom_table(marts),
        tables.sensitivity_table(marts),
        tables.coefficient_table(marts, case),
        tables.flow_table(marts, case),
    ]


def national_page(marts: Marts) -> Page:
    """The rehab case's national page (the report's): its units are courses."""
    units = _units(None)
    if (reason := not_benchmarked(marts)) is not None:
        return _unbenchmarked_page(marts, reason)
    table1 = marts.national_row("mart_bilag2_table1_benchmark")
    national = cell(table1, "actual_share_pct", "is_suppressed")
    month = int(table1["outcome_month"])
    page_charts = [
        _share_by_month(marts),
        _benefit_types(marts),
        _weeks_before_start(marts),
        _characteristic_chart(
            marts,
            "by_sex_age",
            "Share on benefits by sex and age",
            "Share on benefits by sex, age group in the start year and under/over 50.",
            [("Sex", "sex", False), ("Age group", "age_group", False), ("Age", "under_50", False)],
            national,
            4.6,
        ),
        _characteristic_chart(
            marts,
            "by_industry",
            "Share on benefits by industry",
            "Share on benefits by the industry group of the main job 2 months before "
            "admission (METHOD §5.2).",
            [(None, "industry_group", True)],
            national,
            4.6,
        ),
        _characteristic_chart(
            marts,
            "by_diagnosis",
            "Share on benefits by diagnosis group",
            "Share on benefits by the diagnosis group of the plan contact (METHOD §5.1).",
            [(None, "diagnosis_group", True)],
            national,
            5.4,
        ),
        _characteristic_chart(
            marts,
            "by_joint_surgery",
            "Share on benefits by joint, job and surgery",
            "Share on benefits by joint size of the diagnosis, physically demanding industry "
            "and surgery in the 14 days before the plan.",
            [
                ("Joint size", "joint_size", False),
                ("Physically demanding industry", "physically_demanding_industry", False),
                ("Surgery 14 days before plan", "surgery_14d_before_plan", False),
            ],
            national,
            3.8,
        ),
        _flow(marts),
        _funnel(marts, units),
        _calibration(marts, units),
        *_benchmark_charts(marts, national, units),
    ]
    facts = [
        (f"Share on benefits at {month} months", pct_text(national)),
        (
            units.capitalize(),
            number_text(cell(table1, "n_courses", "is_suppressed")),
        ),
        *_benchmark_facts(marts, units),
    ]
    return Page(
        path=NATIONAL_PATH,
        title="Return to work after general rehabilitation: national report",
        subtitle="Courses of people in work before a hospital contact with a general rehab "
        f"plan for a musculoskeletal disorder; the outcome is being on public benefits "
        f"{month} months after rehabilitation started.",
        facts=facts,
        charts=page_charts,
        tables=_benchmark_tables(marts),
        notes=[suppressed_note(marts.disclosure_max_courses, units) + "."],
    )


def case_path(case: BenchmarkCase) -> str:
    """The national page of a benchmark case other than rehab's (NATIONAL_PATH is that)."""
    return f"{NATIONAL_PATH}-{case.name}"


def case_national_page(marts: Marts, case: BenchmarkCase) -> Page:
    """The national page of a benchmark case other than rehab (METHOD §14), from the
    marts of that case: its flow, the benchmark (funnel, regions, ranking, shrinkage),
    the model's calibration and fit, the sensitivity and the coefficients. The rehab
    page's figures of §6.4 are the report's and have no counterpart here."""
    title = f"{case.label}: national benchmark"
    if (reason := not_benchmarked(marts)) is not None:
        page = _unbenchmarked_page(marts, reason, case)
        page.path, page.title = case_path(case), title
        page.subtitle = (
            f"No municipality could be benchmarked in this case on these registers: the "
            f"population flow shows which rules left the {case.units} out."
        )
        return page
    table1 = marts.national_row("mart_bilag2_table1_benchmark")
    national = cell(table1, "actual_share_pct", "is_suppressed")
    month = int(table1["outcome_month"])
    table2 = marts.national_row("mart_bilag2_table2_share_on_benefits")
    page_charts = [
        _flow(marts, case),
        _funnel(marts, case.units),
        _calibration(marts, case.units),
        *_benchmark_charts(marts, national, case.units),
        *spells.figur7_charts(marts, case),
    ]
    facts = [
        (f"Share on benefits at {month} months", pct_text(national)),
        *(
            (f"Share on benefits at {label}", pct_text(cell(table2, column, flag)))
            for label, column, flag in [
                ("the start", "share_m0_pct", "share_m0_is_suppressed"),
                ("6 months", "share_m6_pct", "share_m6_is_suppressed"),
            ]
        ),
        (case.units.capitalize(), number_text(cell(table1, "n_courses", "is_suppressed"))),
        *_benchmark_facts(marts, case.units),
    ]
    return Page(
        path=case_path(case),
        title=title,
        subtitle=f"The {case.units} of the case's population (METHOD §14); the outcome is "
        f"being on public benefits {month} months after the start.",
        facts=facts,
        charts=page_charts,
        tables=_benchmark_tables(marts, case),
        notes=[suppressed_note(marts.disclosure_max_courses, case.units) + "."],
    )
