"""Write a page as static HTML with its charts as PNG files beside it."""

from __future__ import annotations

import html
from pathlib import Path

import matplotlib

from rtw.reports.page import Chart, Page, Table, Text
from rtw.reports.style import PNG_RC, new_figure, save_png

CSS = """
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 1.5em auto;
       max-width: 72em; padding: 0 1em; color: #222; }
nav { font-size: 0.9em; margin-bottom: 1em; }
h1 { margin-bottom: 0.1em; }
.subtitle { color: #555; margin-top: 0; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1.2em;
           background: #f4f6f8; padding: 0.8em 1.2em; border-radius: 4px; }
dl.facts dt { font-weight: bold; }
dl.facts dd { margin: 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(30em, 1fr));
          gap: 1.5em; margin: 1.5em 0; }
figure { margin: 0; }
figure.wide { grid-column: 1 / -1; }
figure img { max-width: 100%; height: auto; }
figcaption { font-size: 0.9em; color: #444; }
table { border-collapse: collapse; font-size: 0.85em; margin: 0.4em 0 1em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.15em 0.6em; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.suppressed { color: #777; font-style: italic; }
details summary { cursor: pointer; font-size: 0.85em; color: #1f5f8b; }
.notes { font-size: 0.85em; color: #555; }
"""


def _cell(text: Text, tag: str = "td") -> str:
    classes = [name for name, on in (("num", text.numeric), ("suppressed", text.suppressed)) if on]
    attrs = f' class="{" ".join(classes)}"' if classes else ""
    body = html.escape(text.text)
    if text.href:
        body = f'<a href="{html.escape(text.href)}">{body}</a>'
    return f"<{tag}{attrs}>{body}</{tag}>"


def table_html(table: Table, key: str | None = None) -> str:
    numeric = [any(row[j].numeric for row in table.rows) for j in range(len(table.columns))]
    head = "".join(
        f'<th class="num">{html.escape(column)}</th>' if num else f"<th>{html.escape(column)}</th>"
        for column, num in zip(table.columns, numeric, strict=True)
    )
    body = "\n".join("<tr>" + "".join(_cell(c) for c in row) + "</tr>" for row in table.rows)
    note = f'<p class="notes">{html.escape(table.note)}</p>' if table.note else ""
    return (
        f'<table id="{html.escape(key or table.key)}"><thead><tr>{head}</tr></thead>\n'
        f"<tbody>\n{body}\n</tbody></table>{note}"
    )


def _chart_html(page: Page, chart: Chart) -> str:
    src = page.link(page.figure(chart))
    data = ""
    if chart.table is not None:
        numbers = table_html(chart.table, key=f"{chart.key}-numbers")
        data = f"<details><summary>Numbers</summary>{numbers}</details>"
    wide = ' class="wide"' if chart.wide else ""
    return (
        f'<figure id="{html.escape(chart.key)}"{wide}>'
        f'<img src="{html.escape(src)}" alt="{html.escape(chart.title)}">'
        f"<figcaption>{html.escape(chart.caption)}</figcaption>{data}</figure>"
    )


def page_html(page: Page, nav: list[tuple[str, str]]) -> str:
    links = " · ".join(
        f'<a href="{html.escape(page.link(target))}">{html.escape(label)}</a>'
        for label, target in nav
    )
    facts = ""
    if page.facts:
        items = "".join(
            f"<dt>{html.escape(label)}</dt>{_cell(value, 'dd')}" for label, value in page.facts
        )
        facts = f'<dl class="facts">{items}</dl>'
    chart_items = "\n".join(_chart_html(page, chart) for chart in page.charts)
    charts = f'<section class="charts">\n{chart_items}\n</section>' if page.charts else ""
    tables = "\n".join(f"<h2>{html.escape(t.title)}</h2>\n{table_html(t)}" for t in page.tables)
    notes = "".join(f"<p>{html.escape(note)}</p>" for note in page.notes)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(page.title)} · rtw</title>
<style>{CSS}</style>
</head>
<body>
<nav>{links}</nav>
<h1>{html.escape(page.title)}</h1>
<p class="subtitle">{html.escape(page.subtitle)}</p>
{facts}
{charts}
{tables}
<div class="notes">{notes}</div>
</body>
</html>
"""


def write_html(page: Page, out: Path, nav: list[tuple[str, str]]) -> list[Path]:
    """Write the page's PNGs and HTML under `out`; returns the PNG paths."""
    pngs = []
    with matplotlib.rc_context(PNG_RC):
        for chart in page.charts:
            figure = new_figure(*chart.size)
            chart.draw(figure)
            path = out / page.figure(chart)
            save_png(figure, path)
            pngs.append(path)
    target = out / page.html
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(page_html(page, nav), encoding="utf-8")
    return pngs
