"""rtw.publish.progress: dbt's log read into a progress display, and the headline.

The dbt log is a recorded one (fixtures/README.md says how it was made); its node
counts are checked against dbt's own summary line in the same log, and the headline
against a hand-made publication.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import duckdb
import pytest

from rtw.publish.progress import Progress, headline, node_event, signed_pp

FIXTURE = Path(__file__).parent / "fixtures" / "dbt_build_3000_seed2.log"


def recorded_lines() -> list[str]:
    return FIXTURE.read_text().splitlines(keepends=True)


def summary_counts() -> tuple[int, int]:
    """(nodes, tests) from dbt's 'Done. PASS=… TOTAL=…' and 'Found …' lines."""
    text = FIXTURE.read_text()
    total = int(re.search(r"TOTAL=(\d+)", text)[1])
    found = next(line for line in text.splitlines() if "Found " in line)
    tests = sum(int(n) for n in re.findall(r"(\d+) (?:data|unit) tests", found))
    return total, tests


class FakeTty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_node_lines_are_parsed():
    assert node_event(
        "\x1b[0m14:50:33  12 of 291 START seed file reference.ref_municipalities ....... [RUN]\n"
    ) == (12, 291, "START", "reference.ref_municipalities")
    assert node_event(
        "14:50:58  280 of 291 OK created sql table model marts.mart_x  [\x1b[32mOK\x1b[0m in 0.23s]"
    ) == (280, 291, "OK", "marts.mart_x")
    assert node_event("14:50:59  289 of 291 NO-OP exposure national_report ..... [NO-OP]")[2] == (
        "NO-OP"
    )
    assert node_event("14:50:59  Done. PASS=288 WARN=0 ERROR=0 SKIP=0 NO-OP=4 TOTAL=292") is None
    assert node_event("14:50:31  Found 54 models, 195 data tests, 19 seeds") is None


def test_every_node_of_the_recorded_build_starts_and_finishes():
    events = [e for line in recorded_lines() if (e := node_event(line))]
    nodes = [e for e in events if e[1] > 1]
    total, tests = summary_counts()
    # dbt's TOTAL counts the hook too; every node has a START and a finish line.
    assert {e[1] for e in nodes} == {total - 1}
    no_op = {e[0] for e in nodes if e[2] == "NO-OP"}  # exposures finish without a START
    assert len(no_op) == int(re.search(r"NO-OP=(\d+)", FIXTURE.read_text())[1])
    assert {e[0] for e in nodes if e[2] == "START"} == set(range(1, total)) - no_op
    assert {e[0] for e in nodes if e[2] != "START"} == set(range(1, total))
    assert all(e[3] and not e[3].startswith("[") for e in nodes)
    assert sum(1 for e in nodes if e[2] == "PASS") == tests


@pytest.mark.parametrize("step", [0.1, 0.25])
def test_plain_lines_without_a_terminal(tmp_path, step):
    out = io.StringIO()
    progress = Progress(tmp_path / "dbt.log", stream=out, tty=False, step=step)
    for line in recorded_lines():
        progress.feed(line)
    progress.close(0)
    text = out.getvalue()
    total = summary_counts()[0] - 1
    shares = [int(s) for s in re.findall(r"nodes done \((\d+)%\)", text)]
    assert shares == [round(k * step * 100) for k in range(1, round(1 / step) + 1)], text
    assert f"{total} of {total} nodes done in" in text
    assert "\x1b" not in text and "START" not in text  # no raw dbt log
    # The log file holds every line of dbt's, without colour codes.
    log = (tmp_path / "dbt.log").read_text()
    assert log.count("\n") == len(recorded_lines()) and "\x1b" not in log
    assert f"dbt log: {tmp_path / 'dbt.log'}" in text


def test_a_bar_on_a_terminal():
    out = FakeTty()
    progress = Progress(stream=out)
    for line in recorded_lines()[:200]:
        progress.feed(line)
    assert progress.bar is not None and progress.bar.n == len(progress.done) > 0
    progress.close(0)
    assert "dbt build" in out.getvalue() and "nodes done (" not in out.getvalue()


def test_verbose_passes_the_log_through():
    out = io.StringIO()
    progress = Progress(stream=out, tty=False, verbose=True)
    for line in recorded_lines():
        progress.feed(line)
    progress.close(0)
    assert out.getvalue() == "".join(recorded_lines())


def test_a_failed_run_prints_dbt_errors_in_full():
    lines = [*recorded_lines()[:20]]
    lines += [
        "15:00:00  21 of 291 START sql table model staging.stg_x ......... [RUN]\n",
        "15:00:01  21 of 291 ERROR creating sql table model staging.stg_x .. [ERROR in 0.1s]\n",
        "15:00:01  Runtime Error in model stg_x\n",
        "15:00:01    ges.parquet: file not found (/somewhere/ges.parquet)\n",
    ]
    out = io.StringIO()
    progress = Progress(stream=out, tty=False)
    for line in lines:
        progress.feed(line)
    progress.close(1)
    text = out.getvalue()
    assert "ERROR creating sql table model staging.stg_x" in text
    assert "Runtime Error in model stg_x" in text
    assert "ges.parquet: file not found (/somewhere/ges.parquet)" in text


def hand_made_publication(path: Path) -> None:
    """Case rehab: three municipalities at month 3, one suppressed; case sickness (second
    in the seed's order, first by name) at month 2 not fitted."""
    with duckdb.connect(str(path)) as con:
        con.execute("create schema marts")
        con.execute("create schema reference")
        con.execute(
            "create table reference.ref_benchmark_cases as select * from (values "
            "('rehab', 1, 'courses'), ('aa_sick', 2, 'spells')"
            ") t(benchmark_case, case_order, unit_noun_plural)"
        )
        con.execute(
            "create table marts.mart_model_fit as select * from (values "
            "('rehab', 3, ''), ('aa_sick', 2, 'not fitted: too few units')"
            ") t(benchmark_case, outcome_month, warnings)"
        )
        con.execute(
            "create table marts.mart_benchmark_municipality as select * from (values "
            "('rehab', 101, 'København', 3, 200, 25.0, -2.5, -6.0, 1.0, 1, false),"
            "('rehab', 751, 'Aarhus', 3, 100, 10.0, 4.0, 0.5, 7.5, 2, false),"
            "('rehab', 147, 'Frederiksberg', 3, 4, null, null, null, null, null, true),"
            "('aa_sick', 101, 'København', 3, 900, 50.0, -2.5, -6.0, 1.0, 1, false)"
            ") t(benchmark_case, municipality_code, municipality_name, outcome_month, n_courses,"
            " actual_share, indicator_pp, indicator_lower_pp, indicator_upper_pp, rank,"
            " is_suppressed)"
        )


def test_headline_from_a_hand_made_publication(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    hand_made_publication(warehouse)
    lines = headline(warehouse)
    # (200 · 25 + 100 · 10) / 300 = 20.0 %
    assert lines[0] == "rehab, month 3: 2 municipalities, 300 courses, 20.0 % on benefits"
    assert lines[1] == "  best  101 København: indicator -2.5 pp (95 % -6.0 to +1.0), rank 1"
    assert lines[2] == "  worst 751 Aarhus: indicator +4.0 pp (95 % +0.5 to +7.5), rank 2"
    # The other case's row is at another month than its fit: not its benchmark.
    assert lines[3] == "aa_sick, month 2: no municipality benchmarked: not fitted: too few units"


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (-0.04, "0.0"),
        (0.04, "0.0"),
        (-0.0, "0.0"),
        (-0.06, "-0.1"),
        (0.05001, "+0.1"),
        (12.34, "+12.3"),
    ],
)
def test_a_signed_figure_that_rounds_to_zero_has_no_sign(value, text):
    assert signed_pp(value) == text
