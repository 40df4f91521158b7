"""Reports people look at, drawn from the published marts with matplotlib: a one-pager
per benchmark municipality (the report's Bilag 1), a national page and an index, as
static HTML with PNG figures and as PDFs (`rtw report`)."""

from rtw.reports.data import load_marts
from rtw.reports.render import Summary, render_reports

__all__ = ["Summary", "load_marts", "render_reports"]
