"""Without a build: a suppressed cell (METHOD §6.6, null with a flag in the marts) is read
as suppressed, drawn as a labelled hatched slot and written as "suppressed", never as 0;
figure files are the same bytes when drawn twice."""

from __future__ import annotations

import hashlib

import matplotlib
import pandas as pd
from matplotlib.patches import Rectangle

from rtw.reports import charts
from rtw.reports.charts import Row, Series
from rtw.reports.data import Cell, cell
from rtw.reports.html import table_html
from rtw.reports.page import Table, Text
from rtw.reports.style import PNG_RC, fmt_pct, new_figure, save_png


def test_cell_reads_flag_null_and_value():
    row = pd.Series(
        {"share": None, "share_is_suppressed": True, "other": 0.0, "other_is_suppressed": False}
    )
    assert cell(row, "share", "share_is_suppressed") == Cell(None, suppressed=True)
    assert cell(row, "other", "other_is_suppressed") == Cell(0.0)
    # A flag wins over a value; a null without a flag is not available, not 0.
    assert cell(pd.Series({"v": 3.0, "f": True}), "v", "f").suppressed
    assert cell(pd.Series({"v": None}), "v", None) == Cell(None)
    assert cell(pd.Series({"v": None}), "v", None, null_is_suppressed=True).suppressed


def test_suppressed_text_is_never_zero():
    assert fmt_pct(Cell(None, suppressed=True)) == "suppressed"
    assert fmt_pct(Cell(None)) == "n/a"
    assert fmt_pct(Cell(0.0)) == "0.0 %"
    html = table_html(
        Table("t", "t", ["", "share"], [[Text("Women"), Text("suppressed", suppressed=True)]])
    )
    assert '<td class="suppressed">suppressed</td>' in html


def bar_heights(ax) -> list[float]:
    return [p.get_height() for p in ax.patches if p.get_gid() != charts.SUPPRESSED_GID]


def test_grouped_bars_draw_a_suppressed_cell_as_a_labelled_slot_not_a_bar():
    with matplotlib.rc_context(PNG_RC):
        figure = new_figure(4, 3)
        ax = figure.add_subplot()
        local = [Cell(20.0), Cell(None, suppressed=True), Cell(0.0)]
        national = [Cell(22.0), Cell(25.0), Cell(18.0)]
        charts.grouped_bars(
            ax,
            ["a", "b", "c"],
            [Series("local", local, "blue"), Series("national", national, "grey")],
            ylabel="%",
        )
    # Five bars: the suppressed cell has none (a real 0 keeps its bar of height 0).
    assert sorted(bar_heights(ax)) == [0.0, 18.0, 20.0, 22.0, 25.0]
    slots = [p for p in ax.patches if p.get_gid() == charts.SUPPRESSED_GID]
    assert len(slots) == 1 and isinstance(slots[0], Rectangle) and slots[0].get_hatch()
    # The slot spans the whole plot height (axes coordinates), so it reads as no value.
    assert slots[0].get_height() == 1
    labels = [t.get_text() for t in ax.texts]
    assert labels.count("suppressed") == 1
    assert "0.0" in labels  # the real zero is labelled as such
    assert any("suppressed" in t.get_text() for t in ax.get_legend().get_texts())


def test_horizontal_bars_and_lines_mark_suppressed_cells():
    with matplotlib.rc_context(PNG_RC):
        figure = new_figure(4, 3)
        left, right = figure.subplots(1, 2)
        charts.horizontal_bars(
            left,
            [("group", [Row("x", Cell(10.0)), Row("y", Cell(None, suppressed=True))])],
            xlabel="%",
            color="blue",
            reference=("National", 12.0),
        )
        charts.lines_by_month(
            right,
            [0, 1, 2],
            [Series("local", [Cell(100.0), Cell(None, suppressed=True), Cell(80.0)], "blue")],
            ylabel="%",
        )
    assert [t.get_text() for t in left.texts].count("suppressed") == 1
    assert [t.get_text() for t in right.texts].count("suppressed") == 1
    # The line breaks at the suppressed month: two runs of one point, none through month 1.
    runs = [line.get_xdata() for line in right.lines if len(line.get_xdata())]
    assert sorted(list(map(list, runs))) == [[0], [2]]


def test_png_is_the_same_bytes_when_drawn_twice(tmp_path):
    digests = []
    for name in ("a.png", "b.png"):
        with matplotlib.rc_context(PNG_RC):
            figure = new_figure(4, 3)
            charts.grouped_bars(
                figure.add_subplot(),
                ["a"],
                [Series("local", [Cell(None, suppressed=True)], "blue")],
                ylabel="%",
            )
            save_png(figure, tmp_path / name)
        digests.append(hashlib.sha256((tmp_path / name).read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    assert b"Software" not in (tmp_path / "a.png").read_bytes()
