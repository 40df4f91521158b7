"""`rtw report` on a small build: every page, figure and PDF is there, the index links
every page, suppressed cells (METHOD §6.6) are shown as suppressed and never as 0, pages
are the same bytes when drawn again, and `dbt docs generate` works and documents every
built column.

The small build is the one of tests/disclosure: small municipalities are kept (rule 10's
minimums set to 1), so that small, suppressed cells exist."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from test_docs import dbt_env, run_dbt

from rtw import project_root
from rtw.reports.data import load_marts
from rtw.reports.html import write_html
from rtw.reports.municipal import municipal_page, municipalities
from rtw.reports.national import national_page
from rtw.reports.pdf import write_pdf

pytestmark = pytest.mark.slow


SMALL_VARS = {"quality_min_courses_year": 1, "quality_min_courses_total": 1}
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class Report:
    def __init__(self, registers: Path, warehouse: Path, out: Path, output: str):
        self.registers, self.warehouse, self.out, self.output = registers, warehouse, out, output

    def mart(self, name: str, case: str = "rehab") -> pd.DataFrame:
        """A published mart; of the benchmark marts, the rows of benchmark case `case`."""
        with duckdb.connect(str(self.warehouse), read_only=True) as con:
            frame = con.sql(f"select * from marts.{name}").df()
        if "benchmark_case" in frame.columns:
            frame = frame[frame["benchmark_case"] == case].reset_index(drop=True)
        return frame


@pytest.fixture(scope="module")
def report(shared_builds, tmp_path_factory) -> Report:
    build = shared_builds.build(seed=5, plans=30_000, dbt_vars=SMALL_VARS)
    registers = build.registers
    warehouse, out = build.warehouse, tmp_path_factory.mktemp("reports") / "reports"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "rtw.cli",
            "report",
            "--warehouse",
            str(warehouse),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=1800,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return Report(registers, warehouse, out, proc.stdout)


class Links(HTMLParser):
    """The img sources, links and table cells (by table id) of a page."""

    def __init__(self):
        super().__init__()
        self.images: list[str] = []
        self.links: list[str] = []
        self.tables: dict[str, list[list[tuple[str, str]]]] = {}
        self._table: str | None = None
        self._cell: list[str] | None = None
        self._class = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "img":
            self.images.append(attrs["src"])
        elif tag == "a":
            self.links.append(attrs["href"])
        elif tag == "table":
            self._table = attrs.get("id", "")
            self.tables[self._table] = []
        elif tag == "tr" and self._table is not None:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table is not None:
            self._cell, self._class = [], attrs.get("class") or ""

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[self._table][-1].append(("".join(self._cell), self._class))
            self._cell = None
        elif tag == "table":
            self._table = None


def parse(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def municipal_pages(report: Report, case: str | None = None) -> list[Path]:
    """The one-pagers: of every municipality benchmarked in any case, or in case `case`."""
    marts = load_marts(report.warehouse)
    codes = (
        None
        if case is None
        else set(report.mart("mart_benchmark_municipality", case)["municipality_code"])
    )
    return [
        report.out / (m.path + ".html")
        for m in municipalities(marts)
        if codes is None or m.code in codes
    ]


def test_every_page_has_its_figures_and_pdf(report):
    pages = municipal_pages(report)
    with duckdb.connect(str(report.warehouse), read_only=True) as con:
        cases = con.sql("select benchmark_case from marts.mart_model_fit").df()
    with duckdb.connect(str(report.warehouse), read_only=True) as con:
        codes = con.sql(
            "select count(distinct municipality_code) from marts.mart_benchmark_municipality"
        ).fetchone()[0]
    assert len(pages) == codes > 50
    assert len(municipal_pages(report, "rehab")) == len(report.mart("mart_benchmark_municipality"))
    # The national page of every case besides rehab's own.
    others = [report.out / f"national-{c}.html" for c in cases["benchmark_case"] if c != "rehab"]
    assert others, "the build has a second benchmark case"
    n_figures = 0
    for page in [report.out / "index.html", report.out / "national.html", *others, *pages]:
        assert page.is_file(), page
        images = parse(page).images
        if page.name != "index.html":
            assert len(images) >= 6, page
        for src in images:
            png = (page.parent / src).resolve()
            assert png.is_file(), f"{page}: {src} missing"
            assert png.read_bytes()[:8] == PNG_SIGNATURE and png.stat().st_size > 2000, png
        n_figures += len(images)
        pdf = page.with_suffix(".pdf")
        assert pdf.is_file() and pdf.stat().st_size > 2000, pdf
        assert pdf.read_bytes()[:5] == b"%PDF-"
    assert len(parse(report.out / "national.html").images) >= 12
    # The one-line summary counts what is there.
    match = re.search(r"(\d+) pages \((\d+) municipal.*?(\d+) figures, (\d+) PDFs", report.output)
    assert match, report.output
    assert [int(g) for g in match.groups()] == [
        len(pages) + 2 + len(others),
        len(pages),
        n_figures,
        len(pages) + 2 + len(others),
    ]


def test_index_links_every_page(report):
    index = report.out / "index.html"
    links = {(index.parent / href).resolve() for href in parse(index).links}
    expected = {p.resolve() for p in municipal_pages(report)}
    assert expected <= links
    assert (report.out / "national.html").resolve() in links
    assert {p.with_suffix(".pdf").resolve() for p in municipal_pages(report)} <= links
    # Every page links back to the index.
    for page in municipal_pages(report)[:5]:
        assert (page.parent / "../index.html").resolve() == index.resolve()
        assert "../index.html" in parse(page).links


def page_of(report: Report, code: int) -> Path:
    marts = load_marts(report.warehouse)
    (municipality,) = [m for m in municipalities(marts) if m.code == code]
    return report.out / (municipality.path + ".html")


# Figure tables of the municipal page and the Bilag 2 columns they show: (table id, row
# label, mart, value column, flag column).
FIGURE_CELLS = (
    [
        (
            "fig3_share_by_month-numbers",
            label,
            "mart_bilag2_table2_share_on_benefits",
            f"share_m{m}_pct",
            f"share_m{m}_is_suppressed",
        )
        for label, m in (("At start", 0), ("3 months", 3), ("6 months", 6))
    ]
    + [
        (
            "fig4_since_start-numbers",
            label,
            "mart_bilag2_table3_on_benefits_since_start",
            f"{column}_pct",
            f"{column}_is_suppressed",
        )
        for label, column in [("at start", "start")]
        + [(f"{m} month" + ("s" if m > 1 else ""), f"month_{m}") for m in range(1, 7)]
    ]
    + [
        (
            "fig5_industry_joints-numbers",
            label,
            "mart_bilag2_table4_by_characteristics",
            f"{group}_pct",
            f"{group}_is_suppressed",
        )
        for label, group in (
            ("Physically demanding\nindustries", "physically_demanding_industry"),
            ("Large-joint\ndiagnoses", "large_joint_diagnosis"),
        )
    ]
    + [
        (
            "fig6_sex_age-numbers",
            label,
            "mart_bilag2_table4_by_characteristics",
            f"{group}_pct",
            f"{group}_is_suppressed",
        )
        for label, group in (
            ("Women", "women"),
            ("Men", "men"),
            ("Under 50", "under_50"),
            ("50 and over", "over_50"),
        )
    ]
)


def shown_cell(page: Path, table: str, label: str) -> tuple[str, str]:
    """The municipality's cell (text, class) of a row of a figure table on its page."""
    rows = parse(page).tables[table]
    (row,) = [r for r in rows if r and r[0][0] == label]
    return row[1]


def test_a_suppressed_cell_shows_as_suppressed_not_zero(report):
    table4 = report.mart("mart_bilag2_table4_by_characteristics")
    municipal = table4[(table4["scope"] == "municipality") & table4["n_courses"].notna()]
    # A municipality shown with a suppressed group. Men go with women (secondary
    # suppression, METHOD §6.6: women + men is published), so the published neighbour
    # is from the age pair.
    small = municipal[municipal["women_is_suppressed"] & ~municipal["under_50_is_suppressed"]]
    assert len(small), "the small build has no suppressed cell in a shown municipality"
    row = small.iloc[0]
    assert pd.isna(row["women_pct"])
    page = page_of(report, int(row["municipality_code"]))
    text, css = shown_cell(page, "fig6_sex_age-numbers", "Women")
    assert text == "suppressed" and "suppressed" in css
    assert not re.match(r"0(\.0)? ?%", text)
    # Its neighbour, published, is shown with its value.
    text, css = shown_cell(page, "fig6_sex_age-numbers", "Under 50")
    assert text == f"{row['under_50_pct']:.1f} %" and "suppressed" not in css


def test_every_figure_cell_is_suppressed_exactly_where_the_mart_flags_it(report):
    marts = {name: report.mart(name) for name in {c[2] for c in FIGURE_CELLS}}
    n_suppressed = 0
    for municipality_page in municipal_pages(report, "rehab"):
        code = int(municipality_page.stem.split("-")[0])
        for table, label, mart, value, flag in FIGURE_CELLS:
            frame = marts[mart]
            row = frame[(frame["scope"] == "municipality") & (frame["municipality_code"] == code)]
            row = row.iloc[0]
            text, css = shown_cell(municipality_page, table, label)
            if row[flag]:
                n_suppressed += 1
                assert text == "suppressed" and "suppressed" in css, (municipality_page, label)
            else:
                assert text == f"{row[value]:.1f} %", (municipality_page, label, text)
    assert n_suppressed > 0


def test_pages_are_the_same_bytes_when_drawn_again(report, tmp_path):
    # The CLI drew the pages in worker processes; one process draws them again here.
    marts = load_marts(report.warehouse)
    municipality = municipalities(marts)[0]
    for page in (municipal_page(marts, municipality), national_page(marts.for_case("rehab"))):
        pngs = write_html(page, tmp_path, [])
        pdf = write_pdf(page, tmp_path)
        for path in [*pngs, pdf]:
            relative = path.relative_to(tmp_path)
            assert path.read_bytes() == (report.out / relative).read_bytes(), relative


def test_dbt_docs_generate_documents_every_built_column(report, tmp_path):
    # The catalog documents every layer: dbt reads the build's person-level database.
    from rtw.publish.layout import person_level_database

    env = dbt_env(tmp_path, warehouse=person_level_database(report.warehouse))
    env["REGISTER_DIR"] = str(report.registers)
    proc = run_dbt(["docs", "generate"], env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text())
    catalog = json.loads((tmp_path / "target" / "catalog.json").read_text())
    assert (tmp_path / "target" / "index.html").is_file()
    undocumented = []
    n_models = 0
    for uid, node in catalog["nodes"].items():
        spec = manifest["nodes"][uid]
        if spec["resource_type"] not in ("model", "seed"):
            continue
        n_models += spec["resource_type"] == "model"
        for column in node["columns"]:
            # The wide DREAM model has one column per ISO week, y_YYWW, for the weeks the
            # vars make it read; its description documents them as one pattern.
            if spec["name"] == "stg_dream__person_weeks" and re.fullmatch(r"y_\d{4}", column):
                continue
            if not spec["columns"].get(column, {}).get("description", "").strip():
                undocumented.append(f"{spec['name']}.{column}")
    assert n_models >= 40
    assert not undocumented, f"built columns without a description: {undocumented}"


class Facts(HTMLParser):
    """The label/value pairs of a page's facts list (dl.facts: dt, dd)."""

    def __init__(self):
        super().__init__()
        self.facts: dict[str, str] = {}
        self._tag: str | None = None
        self._label = ""
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in ("dt", "dd"):
            self._tag, self._text = tag, []

    def handle_data(self, data):
        if self._tag:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == self._tag == "dt":
            self._label = "".join(self._text).strip()
        elif tag == self._tag == "dd":
            self.facts[self._label] = "".join(self._text).strip()
        if tag == self._tag:
            self._tag = None


def expected_pp(value: float) -> str:
    """A percentage-point value as the pages write it, written out here on its own: one
    decimal, a sign (U+2212 for minus, none for a value that rounds to 0)."""
    text = f"{abs(value):,.1f}"
    if text == "0.0":
        return "0.0 pp"
    return ("+" if value > 0 else "−") + text + " pp"


def test_each_municipal_page_states_its_own_indicator_rank_and_quintile(report):
    """The page of municipality X shows X's row of the published benchmark mart (a page
    that showed another municipality's numbers, or stale ones, would fail here)."""
    bench = report.mart("mart_benchmark_municipality").set_index("municipality_code")
    n_ranked, n_checked = len(bench), 0
    for page in municipal_pages(report, "rehab"):
        code = int(page.stem.split("-")[0])
        row = bench.loc[code]
        parser = Facts()
        parser.feed(page.read_text(encoding="utf-8"))
        facts = parser.facts
        assert str(row["municipality_name"]) in page.read_text(encoding="utf-8"), page
        if row["is_suppressed"]:
            assert facts["Benchmark indicator"] == "suppressed", (page, facts)
            continue
        indicator = (
            f"{expected_pp(row['indicator_pp'])} (95 % interval "
            f"{expected_pp(row['indicator_lower_pp'])} to {expected_pp(row['indicator_upper_pp'])})"
        )
        assert facts["Benchmark indicator"] == indicator, (page, facts)
        # METHOD §13: the rank interval and the chance of the best fifth from the mart.
        rank = (
            f"{int(row['rank'])} of {n_ranked} (1 = best), 95 % interval "
            f"{int(row['rank_lower'])}–{int(row['rank_upper'])}; chance of being in the "
            f"best fifth {round(100 * row['p_best_fifth'])} %"
        )
        assert facts["Rank"] == rank, (page, facts)
        assert facts["Quintile"] == f"{int(row['quintile'])} of 5 (1 = best fifth)", (page, facts)
        assert facts["Courses"] == f"{int(row['n_courses']):,}", (page, facts)
        n_checked += 1
    assert n_checked > 50


def test_the_national_page_gives_the_flagged_count_next_to_chance(report):
    """METHOD §13: the counts of better/worse flags, counted here from the mart's
    intervals, and 5 % of the municipalities as the number chance alone would flag."""
    bench = report.mart("mart_benchmark_municipality")
    bench = bench[~bench["is_suppressed"]]  # the count leaves the suppressed out (§6.6)
    better = int((bench["flag_upper_pp"] < 0).sum())
    worse = int((bench["flag_lower_pp"] > 0).sum())
    chance = f"{0.05 * len(bench):.1f}"
    parser = Facts()
    parser.feed((report.out / "national.html").read_text(encoding="utf-8"))
    expected = f"{better} / {worse}; {chance} would be flagged by chance alone"
    assert parser.facts["Flagged better / worse (95 %, over-dispersion adjusted)"] == expected


def test_the_index_row_of_each_municipality_holds_its_indicator(report):
    bench = report.mart("mart_benchmark_municipality")
    tables = parse(report.out / "index.html").tables
    rows = {r[0][0]: [text for text, _ in r] for t in tables.values() for r in t if r}
    for _, m in bench.iterrows():
        cells = rows[str(m["municipality_name"])]
        if m["is_suppressed"]:
            assert "suppressed" in cells, cells
        else:
            assert expected_pp(m["indicator_pp"]) in cells, (m["municipality_name"], cells)
            assert str(int(m["rank"])) in cells and str(int(m["quintile"])) in cells, cells


def test_the_ranking_table_gives_each_rank_interval_of_the_mart(report):
    """METHOD §13: the national ranking (figure and its table) shows each published
    municipality's 95 % rank interval, as the benchmark mart holds it."""
    bench = report.mart("mart_benchmark_municipality")
    tables = parse(report.out / "national.html").tables
    ranking = next(rows for name, rows in tables.items() if "ranking" in name)
    header = [text for text, _ in ranking[0]]
    at = header.index("Rank, 95 % interval")
    shown = {r[1][0]: r[at][0] for r in ranking[1:] if len(r) > at}
    published = bench[~bench["is_suppressed"]]
    assert len(published) > 0
    for _, m in published.iterrows():
        expected = f"{int(m['rank_lower'])}–{int(m['rank_upper'])}"
        assert shown[str(m["municipality_name"])] == expected, m["municipality_name"]
    for _, m in bench[bench["is_suppressed"]].iterrows():
        assert shown[str(m["municipality_name"])] == "suppressed"


def expected_pct(value) -> str:
    """A share as the pages write it, written out here on its own: one decimal, ' %'."""
    return "suppressed" if value is None else f"{value:,.1f} %"


def test_the_figur_7_table_is_the_spell_marts_and_the_seed(report):
    """Issue 17: the sickness page's figure beside the white paper's figur 7 shows, per
    spell week, the 2016 starts' share still running relative to week 5 (computed here
    from the mart's counts; 2016 is the start year the registers follow to week 78, as in
    tests/synth/test_sickness_calibration.py), the udstødningsgrad of the mart and figur
    7's figures from the seed file."""
    weeks = [1, 5, 13, 26, 52, 78]
    national = "population == 'in_work_before' and scope == 'national' and start_year == 2016"
    survival = report.mart("mart_sickness_spell_survival").query(national).set_index("spell_week")
    udst = report.mart("mart_sickness_spell_udstoedning").query(national).set_index("spell_week")
    seed = pd.read_csv(project_root() / "seeds" / "ref_whitepaper_figur7.csv")
    seed = seed.set_index("spell_week")
    share = survival["n_running"] / survival["n_known"]
    page = report.out / "national-sickness.html"
    assert "spells starting in 2016" in page.read_text(encoding="utf-8")
    rows = {r[0][0]: [text for text, _ in r] for r in parse(page).tables["figur7-numbers"][1:]}
    assert list(rows) == [str(w) for w in weeks]
    for week in weeks:
        row = rows[str(week)]
        suppressed = bool(survival.loc[week, "is_suppressed"] or survival.loc[5, "is_suppressed"])
        relative = None if suppressed else 100 * share[week] / share[5]
        assert row[3] == expected_pct(relative), (week, row)
        figur7 = 100 * seed.loc[week, "on_sickness_benefit"] / seed.loc[5, "on_sickness_benefit"]
        assert row[4] == expected_pct(figur7), (week, row)
        if week in udst.index:
            hidden = bool(udst.loc[week, "is_suppressed"])
            value = None if hidden else udst.loc[week, "not_in_work_pct"]
            assert row[6] == expected_pct(value), (week, row)
        else:
            assert row[6] == "n/a", (week, row)
        assert row[7] == expected_pct(seed.loc[week, "udstoedningsgrad_pct"]), (week, row)
    # The publication's reference table is the seed.
    with duckdb.connect(str(report.warehouse), read_only=True) as con:
        published = con.sql("select * from reference.ref_whitepaper_figur7").df()
    published = published.astype({"spell_week": "int64"}).set_index("spell_week")
    pd.testing.assert_frame_equal(published.sort_index(), seed, check_dtype=False)


def test_the_sickness_pages_say_spells_and_the_rehab_page_courses(report):
    """The shared figures, facts and tables name each case's units: the sickness case's
    national page and the sickness sections of the one-pagers never say courses; the
    rehab case's national page does."""
    sickness = (report.out / "national-sickness.html").read_text(encoding="utf-8")
    assert "spells" in sickness and "course" not in sickness.lower()
    rehab = (report.out / "national.html").read_text(encoding="utf-8")
    assert "Courses" in rehab and "courses" in rehab and "spell" not in rehab
    n_sections = 0
    for page in municipal_pages(report, "sickness"):
        text = page.read_text(encoding="utf-8")
        sections = re.findall(r'<figure id="sickness_.*?</figure>', text, flags=re.S)
        assert sections, page
        for section in sections:
            assert "course" not in section.lower(), (page, section[:200])
        n_sections += len(sections)
    assert n_sections > 0
