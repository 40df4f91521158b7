"""What `rtw build` shows while dbt runs: a progress bar instead of dbt's raw log.

dbt's text log numbers every node it starts and finishes ("12 of 291 START sql table
model staging.stg_bef__persons ... [RUN]", "12 of 291 OK created ..."). `Progress` reads
those lines and shows the nodes done of all, the running node and the elapsed time:
a tqdm bar on a terminal, else one plain line per 10 % (CI, tests, a log file). Every
line goes to the dbt log file in full (runs/<build id>.dbt.log). The lines that are not
node progress (dbt's errors, its summary, the on-run-start checks) are kept, and a
failed build prints them, so it shows the same named error as dbt's raw log did.
With verbose, dbt's log is passed through live, as before.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import IO

ANSI = re.compile(r"\x1b\[[0-9;]*m")
# "14:50:33  12 of 291 START seed file reference.ref_municipalities .... [RUN]"
NODE_LINE = re.compile(
    r"^(?:\d\d:\d\d:\d\d\s+)?(?P<index>\d+) of (?P<total>\d+) "
    r"(?P<state>[A-Z][A-Z-]*)\b(?P<rest>.*)$"
)
FINISHED = {"OK", "PASS", "WARN", "ERROR", "FAIL", "SKIP", "NO-OP"}


def node_event(line: str) -> tuple[int, int, str, str] | None:
    """(index, total, state, node) of a dbt node line, else None. The node is the
    relation or test name: the last word before dbt's dotted filler."""
    match = NODE_LINE.match(ANSI.sub("", line).strip())
    if match is None:
        return None
    rest = re.sub(r"\s*\[[^\]]*\]\s*$", "", match["rest"])  # dbt's "[RUN]", "[OK in 1s]"
    words = rest.rstrip(". ").split()
    node = words[-1] if words else ""
    return int(match["index"]), int(match["total"]), match["state"], node


class Progress:
    """Feed it dbt's output lines; `close` ends the display."""

    def __init__(
        self,
        log_path: Path | None = None,
        verbose: bool = False,
        stream: IO[str] | None = None,
        tty: bool | None = None,
        step: float = 0.1,
    ) -> None:
        self.stream = stream or sys.stdout
        self.tty = self.stream.isatty() if tty is None else tty
        self.verbose = verbose
        self.step = step
        self.log = log_path.open("w", encoding="utf-8") if log_path else None
        self.log_path = log_path
        self.started = time.perf_counter()
        self.total = 0
        self.done: set[int] = set()
        self.running: dict[int, str] = {}
        self.failed: list[str] = []
        self.other: list[str] = []
        self.next_report = step
        self.bar = None

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def feed(self, line: str) -> None:
        if self.log is not None:
            self.log.write(ANSI.sub("", line))
        if self.verbose:
            self.stream.write(line)
        event = node_event(line)
        if event is None:
            self.other.append(ANSI.sub("", line).rstrip("\n"))
            return
        index, total, state, node = event
        if total != self.total:  # a new phase: the hooks (1 of 1), then the nodes
            self._end_bar()
            self.total, self.done, self.running = total, set(), {}
            self.next_report = self.step
        if state == "START":
            self.running[index] = node
        elif state in FINISHED:
            self.running.pop(index, None)
            self.done.add(index)
            if state in ("ERROR", "FAIL"):
                self.failed.append(ANSI.sub("", line).strip())
        if not self.verbose and total > 1:
            self._show()

    def _running_node(self) -> str:
        return self.running[max(self.running)] if self.running else ""

    def _show(self) -> None:
        if self.tty:
            if self.bar is None:
                from tqdm import tqdm

                self.bar = tqdm(
                    total=self.total, desc="dbt build", unit="node", file=self.stream,
                    dynamic_ncols=True, leave=True,
                )  # fmt: skip
            self.bar.n = len(self.done)
            self.bar.set_postfix_str(self._running_node(), refresh=False)
            self.bar.refresh()
            return
        share = len(self.done) / self.total
        if share + 1e-9 >= self.next_report:
            while self.next_report <= share + 1e-9:
                self.next_report += self.step
            running = self._running_node()
            self.stream.write(
                f"dbt build: {len(self.done)} of {self.total} nodes done ({share:.0%}), "
                f"{self.elapsed():.0f} s" + (f", running {running}" if running else "") + "\n"
            )
            self.stream.flush()

    def _end_bar(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None

    def close(self, code: int) -> None:
        """End the display; a failed run prints what dbt said besides node progress."""
        self._end_bar()
        if self.log is not None:
            self.log.close()
        if self.verbose:
            return
        if code != 0:
            text = "\n".join(self.failed + [""] + self.other).strip("\n")
            self.stream.write(text + "\n")
        else:
            self.stream.write(
                f"dbt build: {len(self.done)} of {self.total} nodes done in "
                f"{self.elapsed():.0f} s\n"
            )
        if self.log_path is not None:
            self.stream.write(f"dbt log: {self.log_path}\n")
        self.stream.flush()


def signed_pp(value: float) -> str:
    """+1.2, -0.4, and 0.0 for a value that rounds to zero (never "-0.0" or "+0.0")."""
    text = f"{value:+.1f}"
    return "0.0" if text in ("+0.0", "-0.0") else text


def headline(warehouse: Path) -> list[str]:
    """Per benchmark case of the publication, at its outcome month: the municipalities
    benchmarked and their units (courses, spells), their pooled share on benefits (per
    cent), and the best and worst (rank 1 and last) with the indicator's 95 % interval.
    A case without a fit says why (mart_model_fit.warnings)."""
    import duckdb

    lines = []
    with duckdb.connect(str(warehouse), read_only=True) as con:
        has_seed = con.execute(
            "select count(*) from information_schema.tables "
            "where table_schema = 'reference' and table_name = 'ref_benchmark_cases'"
        ).fetchone()[0]
        seed = (
            "reference.ref_benchmark_cases"
            if has_seed
            else "(select null::varchar as benchmark_case, null::varchar as unit_noun_plural, "
            "null::integer as case_order)"
        )
        cases = con.execute(
            "select fit.benchmark_case, fit.outcome_month, fit.warnings, cases.unit_noun_plural "
            "from marts.mart_model_fit as fit "
            f"left join {seed} as cases using (benchmark_case) "
            "order by cases.case_order, fit.benchmark_case"
        ).fetchall()
        for case, month, warnings, units in cases:
            units = units or "units"
            rows = con.execute(
                "select municipality_code, municipality_name, n_courses, actual_share, "
                "indicator_pp, indicator_lower_pp, indicator_upper_pp, rank "
                "from marts.mart_benchmark_municipality "
                "where benchmark_case = ? and outcome_month = ? and not is_suppressed "
                "and rank is not null "
                "order by rank, municipality_code",
                [case, month],
            ).fetchall()
            if not rows:
                reason = f": {warnings}" if warnings else ""
                lines.append(f"{case}, month {month}: no municipality benchmarked{reason}")
                continue
            n_units = sum(r[2] for r in rows)
            share = sum(r[2] * r[3] for r in rows) / n_units
            lines.append(
                f"{case}, month {month}: {len(rows)} municipalities, {n_units:,} {units}, "
                f"{share:.1f} % on benefits"
            )
            for label, r in (("best", rows[0]), ("worst", rows[-1])):
                lines.append(
                    f"  {label:<5} {r[0]} {r[1]}: indicator {signed_pp(r[4])} pp "
                    f"(95 % {signed_pp(r[5])} to {signed_pp(r[6])}), rank {r[7]}"
                )
    return lines


def print_headline(published: Path, marts: Path, reports: Path) -> None:
    """The headline of the new publication and where it and the reports are."""
    try:
        lines = headline(published)
    except Exception as error:  # noqa: BLE001 - the build is published; say why, go on
        lines = [f"no headline: {error}"]
    lines += [
        f"publication: {published} and {marts}/",
        f"reports: `rtw report` writes them to {reports}/",
    ]
    print("\n".join(lines), flush=True)
