"""Chart kinds the pages share: grouped bars, horizontal bars, lines by month, stacked bars.

Each takes a matplotlib Axes and `Cell`s. A suppressed cell is drawn as a hatched slot
the height (or width) of the whole plot, labelled "suppressed", never as a bar of 0, and
the legend then explains the hatch; a cell that is not available is labelled "n/a".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib import rcParams
from matplotlib.axes import Axes
from matplotlib.figure import FigureBase
from matplotlib.patches import Patch, Rectangle
from matplotlib.transforms import blended_transform_factory

from rtw.reports.data import Cell
from rtw.reports.style import (
    NOT_AVAILABLE,
    SUPPRESSED_EDGE,
    SUPPRESSED_HATCH,
    SUPPRESSED_TEXT,
    fmt_number,
)

SUPPRESSED_GID = "suppressed"


@dataclass(frozen=True)
class Series:
    label: str
    cells: Sequence[Cell]
    color: str
    style: str = "-"


def suppressed_patch() -> Patch:
    return Patch(
        facecolor="white",
        edgecolor=SUPPRESSED_EDGE,
        hatch=SUPPRESSED_HATCH,
        label="suppressed (METHOD §6.6)",
    )


def suppressed_slot(ax: Axes, centre: float, width: float, *, vertical: bool) -> None:
    """A hatched slot across the whole plot at `centre` (data units on the category axis),
    so a withheld value cannot be read as a short bar."""
    if vertical:
        transform = blended_transform_factory(ax.transData, ax.transAxes)
        xy, w, h, rotation, text_xy = (centre - width / 2, 0), width, 1, 90, (centre, 0.5)
    else:
        transform = blended_transform_factory(ax.transAxes, ax.transData)
        xy, w, h, rotation, text_xy = (0, centre - width / 2), 1, width, 0, (0.5, centre)
    ax.add_patch(
        Rectangle(
            xy,
            w,
            h,
            transform=transform,
            facecolor="white",
            edgecolor=SUPPRESSED_EDGE,
            hatch=SUPPRESSED_HATCH,
            linewidth=0.6,
            gid=SUPPRESSED_GID,
            zorder=1,
        )
    )
    ax.text(
        *text_xy,
        SUPPRESSED_TEXT,
        transform=transform,
        rotation=rotation,
        ha="center",
        va="center",
        fontsize="small",
        color="#555555",
        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1.0},
        gid=SUPPRESSED_GID,
        zorder=3,
    )


def _add_legend_entries(
    ax: Axes,
    handles: list,
    values: list,
    reference,
    any_suppressed: bool,
    decimals: int,
    *,
    vertical: bool,
) -> None:
    """The legend entries after a bar chart's series: the dashed line of the reference
    value (label, value) when there is one, whose value then counts for the axis range
    (`values`), and the suppressed-cell marker when a cell is suppressed."""
    if reference is not None and reference[1] is not None:
        label, value = reference
        draw = ax.axvline if vertical else ax.axhline
        handles.append(
            draw(
                value,
                color="#444444",
                linestyle="--",
                linewidth=1,
                zorder=2.5,
                label=f"{label}: {fmt_number(value, decimals)}",
            )
        )
        values.append(value)
    if any_suppressed:
        handles.append(suppressed_patch())


def _top(values: Sequence[float | None], headroom: float = 1.15, floor: float = 10.0) -> float:
    shown = [v for v in values if v is not None]
    return max([floor, *(v * headroom for v in shown)])


def grouped_bars(
    ax: Axes,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    ylabel: str,
    decimals: int = 1,
    reference: tuple[str, float | None] | None = None,
) -> None:
    """Bars per category, one per series side by side, each labelled with its value.
    `reference` draws a dashed horizontal line (label, value), e.g. the national share."""
    n = len(series)
    width = 0.8 / n
    any_suppressed = False
    for i, s in enumerate(series):
        for j, c in enumerate(s.cells):
            x = j - 0.4 + width * (i + 0.5)
            if c.shown:
                ax.bar(x, c.value, width * 0.92, color=s.color, zorder=2)
                ax.text(
                    x,
                    c.value,
                    fmt_number(c.value, decimals),
                    ha="center",
                    va="bottom",
                    fontsize="small",
                )
            elif c.suppressed:
                any_suppressed = True
                suppressed_slot(ax, x, width * 0.92, vertical=True)
            else:
                ax.text(x, 0, NOT_AVAILABLE, ha="center", va="bottom", fontsize="small")
    values = [c.value for s in series for c in s.cells]
    handles = [Patch(color=s.color, label=s.label) for s in series]
    _add_legend_entries(ax, handles, values, reference, any_suppressed, decimals, vertical=False)
    ax.set_xticks(range(len(categories)), categories)
    ax.set_xlim(-0.6, len(categories) - 0.4)
    ax.set_ylim(0, _top(values))
    ax.set_ylabel(ylabel)
    legend(ax, handles)


@dataclass(frozen=True)
class Row:
    label: str
    cell: Cell
    color: str | None = None
    n: Cell | None = None  # the units the cell is computed from, for its table


def horizontal_bars(
    ax: Axes,
    sections: Sequence[tuple[str | None, Sequence[Row]]],
    *,
    xlabel: str,
    color: str,
    reference: tuple[str, float | None] | None = None,
    decimals: int = 1,
) -> None:
    """Horizontal bars, top to bottom, in titled sections; `reference` a dashed line."""
    y = 0.0
    ticks, labels, bold = [], [], []
    any_suppressed = False
    values: list[float | None] = []
    for title, rows in sections:
        if title is not None:
            ticks.append(y)
            labels.append(title)
            bold.append(True)
            y -= 1
        for row in rows:
            c = row.cell
            if c.shown:
                ax.barh(y, c.value, 0.75, color=row.color or color, zorder=2)
                ax.text(
                    c.value, y, " " + fmt_number(c.value, decimals), va="center", fontsize="small"
                )
                values.append(c.value)
            elif c.suppressed:
                any_suppressed = True
                suppressed_slot(ax, y, 0.75, vertical=False)
            else:
                ax.text(0, y, " " + NOT_AVAILABLE, va="center", fontsize="small")
            ticks.append(y)
            labels.append(row.label)
            bold.append(False)
            y -= 1
        y -= 0.4
    ax.set_yticks(ticks, labels)
    for tick, is_bold in zip(ax.get_yticklabels(), bold, strict=True):
        if is_bold:
            tick.set_fontweight("bold")
    # The last row is at y + 1.4 (one step and the section gap above y): end the plot 0.6
    # below it, as it starts 0.6 above the first.
    ax.set_ylim(y + 0.8, 0.6)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    handles = []
    _add_legend_entries(ax, handles, values, reference, any_suppressed, decimals, vertical=True)
    ax.set_xlim(0, _top(values, headroom=1.18))
    ax.set_xlabel(xlabel)
    legend(ax, handles)


def lines_by_month(
    ax: Axes,
    months: Sequence[int],
    series: Sequence[Series],
    *,
    ylabel: str,
    ylim: tuple[float, float] | None = None,
    xlabel: str = "Months after rehabilitation start",
) -> None:
    """One line per series over the months; a line breaks at a suppressed month, which is
    marked by a hatched band."""
    any_suppressed = False
    for s in series:
        run_x: list[int] = []
        run_y: list[float] = []
        runs = []
        for m, c in zip(months, s.cells, strict=True):
            if c.shown:
                run_x.append(m)
                run_y.append(c.value)
            else:
                if run_x:
                    runs.append((run_x, run_y))
                run_x, run_y = [], []
                if c.suppressed:
                    any_suppressed = True
                    suppressed_slot(ax, m, 0.5, vertical=True)
                else:
                    ax.text(m, 0, NOT_AVAILABLE, ha="center", va="bottom", fontsize="small")
        if run_x:
            runs.append((run_x, run_y))
        for xs, ys in runs:
            ax.plot(
                xs, ys, s.style, color=s.color, marker="o", markersize=4, linewidth=1.8, zorder=2
            )
    handles = [
        ax.plot([], [], s.style, color=s.color, marker="o", markersize=4, label=s.label)[0]
        for s in series
    ]
    if any_suppressed:
        handles.append(suppressed_patch())
    ax.set_xticks(list(months), [month_label(m) for m in months])
    ax.set_xlim(min(months) - 0.5, max(months) + 0.5)
    values = [c.value for s in series for c in s.cells]
    ax.set_ylim(*(ylim or (0, _top(values))))
    ax.set_ylabel(ylabel)
    ax.set_xlabel(xlabel)
    legend(ax, handles)


def stacked_bars(
    ax: Axes,
    categories: Sequence[str],
    components: Sequence[Series],
    *,
    ylabel: str,
) -> None:
    """Bars of components adding up to 100 per category (a category whose components are
    suppressed gets a hatched slot)."""
    bottoms = [0.0] * len(categories)
    any_suppressed = False
    for j in range(len(categories)):
        cells = [s.cells[j] for s in components]
        if any(c.suppressed for c in cells):
            any_suppressed = True
            suppressed_slot(ax, j, 0.7, vertical=True)
            continue
        for s, c in zip(components, cells, strict=True):
            if not c.shown:
                continue
            ax.bar(j, c.value, 0.7, bottom=bottoms[j], color=s.color, zorder=2)
            if c.value >= 6:
                ax.text(
                    j,
                    bottoms[j] + c.value / 2,
                    fmt_number(c.value, 0),
                    ha="center",
                    va="center",
                    fontsize="small",
                    color="white",
                )
            bottoms[j] += c.value
    handles = [Patch(color=s.color, label=s.label) for s in components]
    if any_suppressed:
        handles.append(suppressed_patch())
    ax.set_xticks(range(len(categories)), categories)
    ax.set_ylim(0, 100)
    ax.set_ylabel(ylabel)
    legend(ax, handles)


def legend(ax: Axes, handles: list, ncol: int | None = None) -> None:
    """The legend in a row above the plot, where it covers nothing."""
    if handles:
        ax.legend(
            handles=handles,
            loc="lower left",
            bbox_to_anchor=(0, 1.01),
            borderaxespad=0,
            ncol=ncol or min(len(handles), 4),
            handlelength=1.4,
            columnspacing=1.0,
        )


def title(figure: FigureBase, text: str) -> None:
    """The chart's title, on the figure, above the legend."""
    figure.suptitle(text, fontweight="bold", fontsize=rcParams["axes.titlesize"])


def month_label(month: int) -> str:
    """A month on an axis: start, 1, 2, ..."""
    return "start" if month == 0 else str(month)


def month_name(month: int) -> str:
    """A month in a table: at start, 1 month, 2 months, ..."""
    return "at start" if month == 0 else f"{month} month" + ("s" if month > 1 else "")
