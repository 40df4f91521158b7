"""Render every page: a one-pager per benchmark municipality (with a section per
benchmark case), the national page of the rehab case and of every other case (METHOD
§14) and the index, each as HTML with PNG figures and as a PDF, under one report folder."""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from rtw.reports.data import Marts, load_marts
from rtw.reports.html import write_html
from rtw.reports.index import index_page
from rtw.reports.municipal import municipal_page, municipalities
from rtw.reports.national import case_national_page, national_page
from rtw.reports.page import INDEX_PATH, NATIONAL_PATH, Page
from rtw.reports.pdf import write_pdf


@dataclass(frozen=True)
class Summary:
    out: Path
    pages: int
    municipal_pages: int
    figures: int
    pdfs: int
    seconds: float

    def describe(self) -> str:
        return (
            f"rtw report: {self.pages} pages ({self.municipal_pages} municipal, national per "
            f"case, index), {self.figures} figures, {self.pdfs} PDFs in {self.seconds:.1f} s "
            f"-> {self.out}"
        )


def default_jobs() -> int:
    """Processes that draw the municipal pages: two, as dbt's threads, or one core."""
    return min(2, os.cpu_count() or 1)


def _write(page: Page, out: Path) -> int:
    """Write a page's HTML, PNGs and PDF; returns the number of PNGs."""
    nav = [("Index", INDEX_PATH + ".html"), ("National report", NATIONAL_PATH + ".html")]
    links = [(label, target) for label, target in nav if target != page.html]
    links.append(("PDF", page.pdf))
    figures = len(write_html(page, out, links))
    write_pdf(page, out)
    return figures


def _write_municipal(warehouse: Path, out: Path, codes: list[int]) -> int:
    """Write the pages of the municipalities `codes` (a worker process's share)."""
    marts = load_marts(warehouse)
    return sum(
        _write(municipal_page(marts, m), out) for m in municipalities(marts) if m.code in codes
    )


def _municipal_figures(warehouse: Path, out: Path, marts: Marts, jobs: int) -> int:
    codes = [m.code for m in municipalities(marts)]
    if jobs <= 1 or len(codes) < 2:
        return _write_municipal(warehouse, out, codes)
    # Every page is drawn from the marts alone, so the pages split between processes give
    # the same files as one process; each worker reads the (small) marts itself.
    shares = [codes[i::jobs] for i in range(jobs)]
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        return sum(pool.map(_write_municipal, [warehouse] * jobs, [out] * jobs, shares))


def render_reports(warehouse: Path, out: Path, jobs: int | None = None) -> Summary:
    """Read the published marts of `warehouse` (read-only) and write the pages to `out`.
    Files of an earlier run are overwritten; nothing else in `out` is removed."""
    started = time.perf_counter()
    warehouse, out = Path(warehouse), Path(out)
    marts = load_marts(warehouse)
    national = national_page(marts.for_case("rehab"))
    cases = [
        case_national_page(marts.for_case(case.name), case)
        for case in marts.cases
        if case.name != "rehab"
    ]
    pages = [(m, municipal_page(marts, m)) for m in municipalities(marts)]
    index = index_page(marts, pages, national, cases)
    figures = _write(index, out) + _write(national, out) + sum(_write(p, out) for p in cases)
    figures += _municipal_figures(warehouse, out, marts, jobs or default_jobs())
    return Summary(
        out=out,
        pages=len(pages) + 2 + len(cases),
        municipal_pages=len(pages),
        figures=figures,
        pdfs=len(pages) + 2 + len(cases),
        seconds=time.perf_counter() - started,
    )
