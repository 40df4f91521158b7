"""Read the published marts the reports draw, from the warehouse file, read-only.

Only tables of the schema `marts` that the dbt project tags `published` are read
(METHOD §6.6: no person-level rows); fct_rehab_courses is person-level and is never
touched. A suppressed cell is published as null with a flag column; `cell()` turns a
value and its flag into a `Cell` so that every page shows it as suppressed, not as 0.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd

SCHEMA = "marts"

# The published marts the pages draw (dbt tag `published`, models/marts/*/_*.yml).
MARTS = (
    "mart_benchmark_municipality",
    "mart_benchmark_top_bottom",
    "mart_benchmark_sensitivity",
    "mart_model_coefficients",
    "mart_model_fit",
    "mart_model_calibration",
    "mart_bilag2_table1_benchmark",
    "mart_bilag2_table2_share_on_benefits",
    "mart_bilag2_table3_on_benefits_since_start",
    "mart_bilag2_table4_by_characteristics",
    "mart_national_shares_by_month",
    "mart_national_shares_by_characteristic",
    "mart_national_benefit_weeks_before_start",
    "mart_population_flow",
    "mart_publication_settings",
    # METHOD §9.4's spell metrics, drawn beside the white paper's figur 7 (issue 17).
    "mart_sickness_spell_survival",
    "mart_sickness_spell_udstoedning",
)

# Reference tables (schema `reference`) the pages read when the publication has them:
# the benchmark cases (their names and unit nouns) and the white paper's figur 7.
CASES_TABLE = "ref_benchmark_cases"
FIGUR7 = "ref_whitepaper_figur7"


@dataclass(frozen=True)
class Cell:
    """One published figure: its value, or None when suppressed or not published."""

    value: float | None
    suppressed: bool = False

    @property
    def shown(self) -> bool:
        return self.value is not None


SUPPRESSED = Cell(None, suppressed=True)


def cell(row: pd.Series, value: str, flag: str | None, null_is_suppressed: bool = False) -> Cell:
    """The cell `value` of a mart row, suppressed when its flag column says so.

    A flagged cell is suppressed even if a value were present. A null value without a
    flag is "not available" (e.g. no courses), never 0; or suppressed, for a column that
    the mart nulls only to suppress it but flags with no column of its own
    (`null_is_suppressed`)."""
    if flag is not None and bool(row[flag]):
        return SUPPRESSED
    raw = row[value]
    if pd.isna(raw):
        return SUPPRESSED if null_is_suppressed else Cell(None)
    return Cell(float(raw))


CASE = "benchmark_case"


@dataclass(frozen=True)
class BenchmarkCase:
    """A benchmark case of the publication (METHOD §14; the seed ref_benchmark_cases)."""

    name: str
    label: str
    unit_noun: str
    units: str  # plural


class Marts:
    """The published marts as DataFrames, by name (`marts["mart_model_fit"]`).

    The benchmark marts hold every benchmark case (column benchmark_case); a page of one
    case reads `marts.for_case(name)`, in which those marts hold that case's rows only."""

    def __init__(self, frames: dict[str, pd.DataFrame], cases: list[BenchmarkCase] | None = None):
        self._frames = frames
        self._cases = cases

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self._frames[name]

    def __contains__(self, name: str) -> bool:
        return name in self._frames

    @property
    def cases(self) -> list[BenchmarkCase]:
        """The benchmark cases, in the seed's order (every case has a row of
        mart_model_fit; a publication without the seed names them by that column)."""
        if self._cases is not None:
            return self._cases
        names = self._frames["mart_model_fit"].get(CASE, pd.Series(["rehab"])).unique()
        return [BenchmarkCase(str(n), str(n), "unit", "units") for n in names]

    def for_case(self, name: str) -> Marts:
        """The marts with the rows of benchmark case `name` only."""
        frames = {
            mart: frame[frame[CASE] == name].reset_index(drop=True)
            if CASE in frame.columns
            else frame
            for mart, frame in self._frames.items()
        }
        return Marts(frames, [c for c in self.cases if c.name == name])

    def municipal_row(self, name: str, code: int) -> pd.Series | None:
        """The row of benchmark municipality `code` in a Bilag 2 mart (scope
        municipality), or None when the mart has none."""
        frame = self._frames[name]
        rows = frame[(frame["scope"] == "municipality") & (frame["municipality_code"] == code)]
        return rows.iloc[0] if len(rows) else None

    @property
    def disclosure_max_courses(self) -> int:
        """The disclosure threshold the publication was built with (METHOD §6.6)."""
        return int(self._frames["mart_publication_settings"]["disclosure_max_courses"].iloc[0])

    def national_row(self, name: str) -> pd.Series:
        """The national row (scope national) of a Bilag 2 mart."""
        frame = self._frames[name]
        return frame[frame["scope"] == "national"].iloc[0]


def load_marts(warehouse: Path) -> Marts:
    """Read every mart of MARTS from the DuckDB file, opened read-only."""
    warehouse = Path(warehouse)
    if not warehouse.exists():
        raise FileNotFoundError(f"warehouse {warehouse} not found: run `rtw build` first")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        present = {
            row[0]
            for row in con.execute(
                "select table_name from information_schema.tables where table_schema = ?",
                [SCHEMA],
            ).fetchall()
        }
        missing = [name for name in MARTS if name not in present]
        if missing:
            raise LookupError(f"{warehouse} has no {SCHEMA}.{', '.join(missing)}")
        # Names come from MARTS above, never from input, so formatting them in is safe.
        frames = {name: con.sql(f"select * from {SCHEMA}.{name}").df() for name in MARTS}
        references = {
            table
            for (table,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'reference'"
            ).fetchall()
        }
        cases = None
        if CASES_TABLE in references:
            cases = [
                BenchmarkCase(*row)
                for row in con.execute(
                    "select benchmark_case, case_label, unit_noun, unit_noun_plural "
                    f"from reference.{CASES_TABLE} order by case_order"
                ).fetchall()
            ]
        if FIGUR7 in references:
            frames[FIGUR7] = con.sql(f"select * from reference.{FIGUR7}").df()
    return Marts(frames, cases)
