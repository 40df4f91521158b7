"""The index page: a table of the municipal pages with their benchmark (the rehab case's),
linking each page and its PDF, and the national report of every benchmark case."""

from __future__ import annotations

from rtw.reports.data import Marts, cell
from rtw.reports.municipal import Municipality
from rtw.reports.page import INDEX_PATH, Page, Table, Text, number_text, pct_text, pp_text
from rtw.reports.style import suppressed_note


def index_page(
    marts: Marts,
    pages: list[tuple[Municipality, Page]],
    national: Page,
    cases: list[Page] | None = None,
) -> Page:
    """`national` is the rehab case's page, `cases` the other cases' national pages."""
    cases = cases or []
    index = Page(
        path=INDEX_PATH,
        title="Return to work after general rehabilitation",
        subtitle="Benchmark of Danish municipalities: one page per municipality and "
        "a national report.",
    )
    marts_all, marts = marts, marts.for_case("rehab")
    bench = marts["mart_benchmark_municipality"].set_index("municipality_code")
    rows = []
    for municipality, page in pages:
        if municipality.code not in bench.index:  # benchmarked in another case only
            rows.append(
                [Text(municipality.name, href=index.link(page.html)), Text(municipality.region)]
                + [Text("")] * 6
                + [Text("PDF", href=index.link(page.pdf))]
            )
            continue
        r = bench.loc[municipality.code]
        flag = "is_suppressed"
        indicator = cell(r, "indicator_pp", flag)
        rows.append(
            [
                Text(municipality.name, href=index.link(page.html)),
                Text(municipality.region),
                number_text(cell(r, "n_courses", flag)),
                pct_text(cell(r, "actual_share", flag)),
                pct_text(cell(r, "expected_share", flag)),
                pp_text(indicator),
                number_text(cell(r, "rank", flag)),
                number_text(cell(r, "quintile", flag)),
                Text("PDF", href=index.link(page.pdf)),
            ]
        )
    index.facts = [
        ("National report", Text(national.title, href=index.link(national.html))),
        ("National report (PDF)", Text("national.pdf", href=index.link(national.pdf))),
        *(
            ("National report of a case", Text(case.title, href=index.link(case.html)))
            for case in cases
        ),
        ("Benchmark cases", Text(", ".join(c.label for c in marts_all.cases))),
        ("Municipal pages", Text(str(len(pages)), numeric=True)),
    ]
    month = int(marts.national_row("mart_bilag2_table1_benchmark")["outcome_month"])
    index.tables = [
        Table(
            "municipalities",
            "Municipalities",
            [
                "Municipality",
                "Region",
                "Courses",
                f"Actual share ({month} m)",
                "Expected share",
                "Indicator",
                "Rank",
                "Quintile",
                "",
            ],
            rows,
            note="Indicator: actual − expected share on benefits, percentage points; "
            "negative is better. Rank 1 and quintile 1 are the best.",
        )
    ]
    index.notes = [suppressed_note(marts.disclosure_max_courses) + "."]
    return index
