"""Write a page as an A4 PDF with matplotlib's own PDF backend (no other dependency).

The charts are drawn again, as vectors, by the same functions that draw the PNGs: two
to a row (a wide chart has the row to itself), rows filling the sheet top down, the
title and key facts on the first sheet; then the page's tables, split over sheets. The
PDF of a municipal page is one sheet. Links in tables point at the PDFs of the pages.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from rtw.reports.page import Chart, Page, Table, Text
from rtw.reports.style import PDF_METADATA, PDF_RC, freeze_layout, new_figure

A4 = (8.27, 11.69)
MARGIN = 0.45
WIDTH = A4[0] - 2 * MARGIN
FOOTER = 0.35
HEIGHT = A4[1] - 2 * MARGIN - FOOTER
GAP = 0.12
MAX_STRETCH = 1.3
FACT_LINE = 0.17
FACT_VALUE = 2.8  # inches from a fact's label to its value
TABLE_ROW = 0.15  # inches per line of a table row
TABLE_WRAP = 44  # characters per line of a table cell
HEADER_WRAP = 12
TABLE_RESERVE = 0.9  # inches of a table sheet for its title, two header lines and note
TABLE_FONT = 6.5  # points
CHAR_WIDTH = 0.58 / 72  # inches per character per point of font size (DejaVu Sans)


@dataclass
class _Row:
    charts: list[Chart]
    height: float


@dataclass
class _Sheet:
    rows: list[_Row] = field(default_factory=list)
    header: float = 0.0

    @property
    def used(self) -> float:
        return self.header + sum(r.height + GAP for r in self.rows)


def _chart_height(chart: Chart, width: float) -> float:
    return min(HEIGHT - 0.2, width * chart.size[1] / chart.size[0])


def _rows(charts: list[Chart]) -> list[_Row]:
    rows: list[_Row] = []
    pending: list[Chart] = []
    for chart in charts:
        if chart.wide:
            if pending:
                rows.append(_Row(pending, max(_chart_height(c, WIDTH / 2) for c in pending)))
                pending = []
            rows.append(_Row([chart], _chart_height(chart, WIDTH)))
            continue
        pending.append(chart)
        if len(pending) == 2:
            rows.append(_Row(pending, max(_chart_height(c, WIDTH / 2) for c in pending)))
            pending = []
    if pending:
        rows.append(_Row(pending, _chart_height(pending[0], WIDTH / 2)))
    return rows


def _header_height(page: Page) -> float:
    return 0.75 + FACT_LINE * len(page.facts) + 0.1


def _sheets(page: Page) -> list[_Sheet]:
    sheets = [_Sheet(header=_header_height(page))]
    for row in _rows(page.charts):
        if sheets[-1].rows and sheets[-1].used + row.height > HEIGHT:
            sheets.append(_Sheet())
        sheets[-1].rows.append(row)
    # Rows grow (up to MAX_STRETCH) to fill their sheet, except on the sheet where the
    # tables begin.
    for sheet in sheets[:-1] if page.tables else sheets:
        charts_height = sum(r.height for r in sheet.rows)
        stretch = min(MAX_STRETCH, 1 + (HEIGHT - sheet.used) / max(charts_height, 1e-9))
        for row in sheet.rows:
            row.height *= max(stretch, 1.0)
    return sheets


def _frac_y(inches_from_top: float) -> float:
    return 1 - (MARGIN + inches_from_top) / A4[1]


def _frac_x(inches_from_left: float) -> float:
    return (MARGIN + inches_from_left) / A4[0]


def _draw_header(figure: Figure, page: Page) -> None:
    figure.text(_frac_x(0), _frac_y(0), page.title, fontsize=15, fontweight="bold", va="top")
    figure.text(
        _frac_x(0),
        _frac_y(0.36),
        "\n".join(textwrap.wrap(page.subtitle, 120)),
        fontsize=7.5,
        color="#555555",
        va="top",
    )
    for i, (label, value) in enumerate(page.facts):
        x, y = _frac_x(0), _frac_y(0.75 + FACT_LINE * i)
        figure.text(x, y, label + ":", fontsize=8, fontweight="bold", va="top")
        text = figure.text(
            x + FACT_VALUE / A4[0],
            y,
            value.text,
            fontsize=8,
            va="top",
            style="italic" if value.suppressed else "normal",
        )
        if value.href:
            text.set_url(_pdf_link(value.href))


def _draw_footer(figure: Figure, page: Page, number: int, total: int) -> None:
    notes = " ".join(page.notes)
    figure.text(
        _frac_x(0),
        MARGIN / A4[1],
        "\n".join(textwrap.wrap(notes, 100)),
        fontsize=6,
        color="#555555",
        va="bottom",
    )
    figure.text(
        _frac_x(WIDTH),
        MARGIN / A4[1],
        f"{page.title} · {number}/{total}",
        fontsize=6,
        color="#555555",
        va="bottom",
        ha="right",
    )


def _draw_charts(figure: Figure, sheet: _Sheet) -> None:
    """The sheet's charts in subfigures of one grid of rows: margins, header, chart rows
    with gaps, the rest. Subfigure boxes follow the grid's ratios, and the figure's
    constrained layout fits each chart's axes inside its box."""
    heights = [MARGIN + sheet.header]
    for row in sheet.rows:
        heights += [row.height, GAP]
    heights.append(max(A4[1] - sum(heights), 0.01))
    grid = figure.add_gridspec(
        len(heights),
        4,
        height_ratios=heights,
        width_ratios=[MARGIN, WIDTH / 2, WIDTH / 2, MARGIN],
        hspace=0,
        wspace=0,
        left=0,
        right=1,
        bottom=0,
        top=1,
    )
    for k, row in enumerate(sheet.rows):
        r = 1 + 2 * k
        if row.charts[0].wide:
            row.charts[0].draw(figure.add_subfigure(grid[r, 1:3]))
            continue
        for i, chart in enumerate(row.charts):
            chart.draw(figure.add_subfigure(grid[r, 1 + i]))


def _pdf_link(href: str) -> str:
    return href[: -len(".html")] + ".pdf" if href.endswith(".html") else href


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, TABLE_WRAP) or [""]


def _table_chunks(table: Table, first_space: float) -> list[list[list[Text]]]:
    """The table's rows split into sheets: the first chunk fits `first_space` inches."""
    chunks: list[list[list[Text]]] = [[]]
    space = first_space - TABLE_RESERVE
    for row in table.rows:
        height = TABLE_ROW * max(len(_wrap(c.text)) for c in row)
        if chunks[-1] and height > space:
            chunks.append([])
            space = HEIGHT - TABLE_RESERVE
        chunks[-1].append(row)
        space -= height
    return chunks


def _draw_table(
    figure: Figure, table: Table, rows: list[list[Text]], top: float, continued: bool
) -> float:
    """Draw rows of `table` from `top` (inches); returns the inches used. Columns are as
    wide as their longest line; a table too wide for the sheet gets a smaller font."""
    title = table.title + (" (continued)" if continued else "")
    figure.text(_frac_x(0), _frac_y(top), title, fontsize=9, fontweight="bold", va="top")
    cells = [[_wrap(c.text) for c in row] for row in rows]
    header = [textwrap.wrap(c, HEADER_WRAP) or [""] for c in table.columns]
    widths = [
        max(len(line) for col in [header[j]] + [r[j] for r in cells] for line in col) + 2
        for j in range(len(table.columns))
    ]
    char = min(WIDTH / max(sum(widths), 1), CHAR_WIDTH * TABLE_FONT)
    fontsize = min(TABLE_FONT, char / CHAR_WIDTH)
    numeric = [any(r[j].numeric for r in rows if j < len(r)) for j in range(len(widths))]
    y = top + 0.3
    lines_of_rows = [(header, [None] * len(header))] + list(zip(cells, rows, strict=True))
    for line_cells, source in lines_of_rows:
        x = 0.0
        for j, lines in enumerate(line_cells):
            cell = source[j]
            suppressed = cell is not None and cell.suppressed
            text = figure.text(
                _frac_x(x + (widths[j] - 1) * char if numeric[j] else x),
                _frac_y(y),
                "\n".join(lines),
                fontsize=fontsize,
                va="top",
                ha="right" if numeric[j] else "left",
                fontweight="bold" if cell is None else "normal",
                style="italic" if suppressed else "normal",
                color="#666666" if suppressed else "#222222",
                linespacing=1.15,
            )
            if cell is not None and cell.href:
                text.set_url(_pdf_link(cell.href))
            x += widths[j] * char
        y += TABLE_ROW * max(len(lines) for lines in line_cells)
    if table.note and not continued:
        note = "\n".join(textwrap.wrap(table.note, 150))
        figure.text(_frac_x(0), _frac_y(y + 0.05), note, fontsize=6, color="#555555", va="top")
        y += 0.3
    return y - top + 0.25


def _blank_sheet() -> Figure:
    figure = new_figure(*A4)
    figure.set_layout_engine("none")
    return figure


def write_pdf(page: Page, out: Path) -> Path:
    path = out / page.pdf
    path.parent.mkdir(parents=True, exist_ok=True)
    sheets = _sheets(page)
    figures: list[Figure] = []
    with matplotlib.rc_context(PDF_RC):
        for i, sheet in enumerate(sheets):
            figure = new_figure(*A4)
            if i == 0:
                _draw_header(figure, page)
            _draw_charts(figure, sheet)
            figures.append(figure)
        # Tables start on the last chart sheet when there is room, else on a new sheet.
        top = sheets[-1].used
        for table in page.tables:
            chunks = _table_chunks(table, HEIGHT - top)
            # A table that fits on a sheet of its own is not split; nor is one started
            # at the foot of a sheet.
            if top > 0 and (HEIGHT - top < 1.5 or len(_table_chunks(table, HEIGHT)) < len(chunks)):
                figures.append(_blank_sheet())
                top = 0.0
                chunks = _table_chunks(table, HEIGHT)
            for k, rows in enumerate(chunks):
                if k > 0:
                    figures.append(_blank_sheet())
                    top = 0.0
                top += _draw_table(figures[-1], table, rows, top, continued=k > 0)
        with PdfPages(path, metadata=PDF_METADATA) as pdf:
            for number, figure in enumerate(figures, start=1):
                _draw_footer(figure, page, number, len(figures))
                if figure.subfigs:
                    freeze_layout(figure)
                else:
                    figure.set_layout_engine("none")  # text only: nothing to lay out
                pdf.savefig(figure)
    return path
