"""What a page holds, independent of its output: the HTML and the PDF writer read this.

A page has a title, key facts, charts (each drawn by a function on a matplotlib figure,
with the table of numbers it shows) and tables. Paths are POSIX, relative to the report
folder, without suffix: `municipality/101-koebenhavn` is written as
`municipality/101-koebenhavn.html`, `.pdf` and its figures in `municipality/101-koebenhavn/`.
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field

from matplotlib.figure import FigureBase

from rtw.reports.data import Cell
from rtw.reports.style import fmt_cell, fmt_pct, fmt_pp

INDEX_PATH = "index"
NATIONAL_PATH = "national"


@dataclass(frozen=True)
class Text:
    """A table cell or fact: its text, a link, and whether it is a suppressed value."""

    text: str
    href: str | None = None
    suppressed: bool = False
    numeric: bool = False


@dataclass(frozen=True)
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list[Text]]
    note: str = ""


@dataclass(frozen=True)
class Chart:
    key: str  # file stem of its PNG, unique on the page
    title: str
    caption: str
    draw: Callable[[FigureBase], None]
    size: tuple[float, float]  # inches, of the PNG
    table: Table | None = None  # the numbers the chart shows
    wide: bool = False  # a whole row of the page (PDF) / of the grid (HTML)


@dataclass
class Page:
    path: str
    title: str
    subtitle: str = ""
    facts: list[tuple[str, Text]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def html(self) -> str:
        return self.path + ".html"

    @property
    def pdf(self) -> str:
        return self.path + ".pdf"

    def figure(self, chart: Chart) -> str:
        return f"{self.path}/{chart.key}.png"

    def link(self, target: str) -> str:
        """`target` (relative to the report folder) as a link from this page."""
        return posixpath.relpath(target, posixpath.dirname(self.path) or ".")


def number_text(c: Cell, decimals: int = 0) -> Text:
    """A cell as a number (a count by default), or `suppressed` / `n/a`."""
    return Text(fmt_cell(c, decimals), suppressed=c.suppressed, numeric=True)


def pct_text(c: Cell) -> Text:
    return Text(fmt_pct(c), suppressed=c.suppressed, numeric=True)


def pp_text(c: Cell) -> Text:
    return Text(fmt_pp(c), suppressed=c.suppressed, numeric=True)
