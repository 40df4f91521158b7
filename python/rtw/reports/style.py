"""Colours, fonts, number formats and deterministic figure files for the reports."""

from __future__ import annotations

import math
from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure, FigureBase
from matplotlib.transforms import Bbox

from rtw.reports.data import Cell

MUNICIPALITY = "#1f5f8b"
NATIONAL = "#9a9a9a"
EXPECTED = "#e08a2c"
GOOD = "#2e7d32"
BAD = "#c62828"
QUINTILES = ("#1a9850", "#91cf60", "#c9c9c9", "#fc8d59", "#d73027")
BENEFIT_TYPES = ("#1f5f8b", "#e08a2c", "#7b9e3b")
SUPPRESSED_HATCH = "////"
SUPPRESSED_EDGE = "#8a8a8a"

# The words a suppressed cell is shown with (METHOD §6.6).
SUPPRESSED_TEXT = "suppressed"


def suppressed_note(max_courses: int, units: str = "courses") -> str:
    """The note under a page; max_courses is the threshold the publication was built
    with (Marts.disclosure_max_courses), never restated here, counted in the page's
    units (a case's, METHOD §14: courses, spells)."""
    return (
        f"suppressed: computed from {max_courses} or fewer {units}, or withheld so that "
        "such a cell cannot be derived from the others (METHOD §6.6)"
    )


NOT_AVAILABLE = "n/a"

# Base font size of a PNG; the A4 PDF sets a smaller one (charts are drawn smaller).
PNG_RC = {
    "font.size": 9,
    "axes.titlesize": 10,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#e3e3e3",
    "grid.linewidth": 0.6,
    "axes.axisbelow": True,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "hatch.linewidth": 0.6,
    "svg.hashsalt": "rtw",
    "pdf.compression": 6,
}
PDF_RC = {**PNG_RC, "font.size": 6.5, "axes.titlesize": 7.5, "legend.fontsize": 6}

PNG_DPI = 110
# No software version or timestamp in the files: rebuilding gives the same bytes.
PNG_METADATA = {"Software": None}
PDF_METADATA = {"Creator": None, "Producer": None, "CreationDate": None}


def new_figure(width: float, height: float) -> Figure:
    """A figure on the Agg canvas, outside pyplot's global state."""
    figure = Figure(figsize=(width, height), layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def freeze_layout(figure: Figure, digits: int = 5) -> None:
    """Run the constrained layout once, round every position it chose (subfigures, axes,
    titles) and switch the layout off. The layout solver's last digits vary from run to
    run (about 1e-10 of the figure), which a PDF would keep; rounded, the same page is the
    same bytes."""
    figure.get_layout_engine().execute(figure)

    def rounded(values) -> list[float]:
        return [round(v, digits) for v in values]

    def freeze(parent: FigureBase) -> None:
        for sub in parent.subfigs:
            box = sub.bbox_relative
            sub._redo_transform_rel_fig(bbox=Bbox.from_extents(*rounded(box.extents)))
            freeze(sub)
        if parent._suptitle is not None:
            parent._suptitle.set_position(rounded(parent._suptitle.get_position()))
        for ax in parent.axes:
            box = ax.get_position(original=False)
            ax.set_position(rounded((box.x0, box.y0, box.width, box.height)))

    freeze(figure)
    figure.set_layout_engine("none")


def save_png(figure: Figure, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    # The layout's last digits do not reach the pixels: no freeze_layout needed.
    figure.savefig(path, dpi=PNG_DPI, metadata=PNG_METADATA)


def fmt_number(value: float | None, decimals: int = 1, unit: str = "") -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return NOT_AVAILABLE
    text = f"{value:,.{decimals}f}"
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # -0.04 rounds to 0.0, which has no sign ("−0.0 pp" reads wrong)
    return f"{text.replace('-', '−')}{unit}"


def fmt_cell(c: Cell, decimals: int = 1, unit: str = "") -> str:
    """A cell as text: its value, `suppressed` or `n/a`; never 0 for a withheld value."""
    if c.suppressed:
        return SUPPRESSED_TEXT
    return fmt_number(c.value, decimals, unit)


def fmt_pct(c: Cell, decimals: int = 1) -> str:
    return fmt_cell(c, decimals, " %")


def fmt_pp(c: Cell, decimals: int = 1) -> str:
    if c.shown and round(c.value, decimals) > 0:
        return "+" + fmt_cell(c, decimals, " pp")
    return fmt_cell(c, decimals, " pp")


def fmt_count(c: Cell) -> str:
    return fmt_cell(c, 0)
