"""Tiny register folders for the reference-implementation tests (used by conftest.py).

``Registers`` writes every file of REGISTERS.md with its columns and types; DREAM has
every ``y_YYWW`` column from 2014 week 1 to 2018 week 52 as nullable SMALLINT.
``Registers.course`` adds one plan contact that passes rules 1-9 unless told otherwise.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

S, I32, F64, D = pa.string(), pa.int32(), pa.float64(), pa.date32()

SCHEMAS = {
    "bef": [
        ("pnr", S),
        ("aar", I32),
        ("koen", I32),
        ("foed_dag", D),
        ("kom", I32),
        ("e_faelle_id", S),
        ("ie_type", I32),
        ("opr_land", I32),
    ],
    "dod": [("pnr", S), ("doddato", D)],
    "vnds": [("pnr", S), ("haend_dato", D), ("indud_kode", S)],
    "ind": [("pnr", S), ("aar", I32), ("dispon_13", F64)],
    "udda": [("pnr", S), ("aar", I32), ("hfaudd", S)],
    "bfl": [
        ("pnr", S),
        ("aarmd", I32),
        ("cvrnr", S),
        ("ajo_arbejdstimer", F64),
        ("arb_hoved_bra_db07", S),
    ],
    "lpr_adm": [
        ("recnum", S),
        ("pnr", S),
        ("d_inddto", D),
        ("d_uddto", D),
        ("c_pattype", S),
        ("c_indm", S),
        ("c_spec", S),
        ("c_kom", I32),
        ("c_adiag", S),
        ("mdc", S),
    ],
    "lpr_diag": [("recnum", S), ("c_diag", S), ("c_diagtype", S)],
    "lpr_sksopr": [("recnum", S), ("c_opr", S), ("d_odto", D)],
    "lpr_sksube": [("recnum", S), ("c_opr", S), ("d_odto", D)],
    "ges": [("ges_id", S), ("pnr", S), ("ydelse_dato", D), ("kom", I32), ("ydelse_kode", S)],
    "sssy": [
        ("pnr", S),
        ("honuge", S),
        ("speciale", I32),
        ("ydelsesnr", S),
        ("antydel", I32),
    ],
}


def _dream_weeks() -> list[str]:
    monday, last = date.fromisocalendar(2014, 1, 1), date.fromisocalendar(2018, 52, 1)
    weeks = []
    while monday <= last:
        year, week, _ = monday.isocalendar()
        weeks.append(f"y_{year % 100:02d}{week:02d}")
        monday += timedelta(days=7)
    return weeks


DREAM_WEEKS = _dream_weeks()
SERVICE_KOM = 147  # test persons' services are performed here, so that they do not
QUALITY_KOM = 101  # disturb the data quality of their residence municipality (101)


def week_of(day: date, k: int = 0) -> str:
    """DREAM column of week k relative to ``day`` (Python's own ISO calendar)."""
    year, week, _ = (day + timedelta(days=7 * k)).isocalendar()
    return f"y_{year % 100:02d}{week:02d}"


class Registers:
    def __init__(self, root: Path):
        self.root = root
        self.rows: dict[str, list[dict]] = defaultdict(list)
        self.dream: dict[str, dict[str, int]] = {}
        self._ids = 0
        self._bef: set[str] = set()

    def _next(self, prefix: str) -> str:
        self._ids += 1
        return f"{prefix}{self._ids:07d}"

    def add(self, register: str, **values) -> None:
        self.rows[register].append(values)

    def person(self, pnr: str, born: date = date(1970, 6, 15), years=range(2014, 2019)):
        if pnr in self._bef:
            return
        self._bef.add(pnr)
        for aar in years:
            self.add(
                "bef",
                pnr=pnr,
                aar=aar,
                koen=1,
                foed_dag=born,
                kom=QUALITY_KOM,
                ie_type=1,
                opr_land=5100,
            )

    def service(self, pnr: str, day: date, kom: int = SERVICE_KOM) -> None:
        self.add("ges", ges_id=self._next("G"), pnr=pnr, ydelse_dato=day, kom=kom, ydelse_kode="A1")

    def set_dream(self, pnr: str, column: str, code: int | None) -> None:
        assert column in DREAM_WEEKS, column
        self.dream.setdefault(pnr, {})[column] = code

    def dream_weeks(self, pnr: str, day: date, ks, code: int) -> None:
        """Code ``code`` in weeks ``ks`` relative to ``day``."""
        for k in ks:
            self.set_dream(pnr, week_of(day, k), code)

    def course(
        self,
        pnr: str,
        admission: date = date(2016, 3, 7),
        discharge: date | None = None,
        plan_date: date | None = None,
        service_days=(7, 14, 21),
        born: date = date(1970, 6, 15),
        hours: float | None = 150.0,
        kom: int = QUALITY_KOM,
        mdc: str = "08",
        plan_code: str = "AWG1",
        recnum: str | None = None,
    ) -> dict:
        """A plan contact with services after discharge and work two months before."""
        discharge = discharge or admission + timedelta(days=2)
        plan_date = plan_date or discharge
        recnum = recnum or self._next("R")
        self.person(pnr, born)
        self.add(
            "lpr_adm",
            recnum=recnum,
            pnr=pnr,
            d_inddto=admission,
            d_uddto=discharge,
            c_pattype="0",
            c_indm="1",
            c_spec="34",
            c_kom=kom,
            c_adiag="DM161",
            mdc=mdc,
        )
        self.add("lpr_diag", recnum=recnum, c_diag="DM161", c_diagtype="A")
        self.add("lpr_sksube", recnum=recnum, c_opr=plan_code, d_odto=plan_date)
        for days in service_days:
            self.service(pnr, discharge + timedelta(days=days))
        if hours is not None:
            month = admission.year * 12 + admission.month - 1 - 2
            self.add(
                "bfl",
                pnr=pnr,
                aarmd=(month // 12) * 100 + month % 12 + 1,
                cvrnr=self._next("C"),
                ajo_arbejdstimer=hours,
                arb_hoved_bra_db07="410000",
            )
        return {
            "recnum": recnum,
            "pnr": pnr,
            "admission": admission,
            "discharge": discharge,
            "start": discharge + timedelta(days=min(service_days, default=0)),
        }

    def quality_filler(
        self,
        kom: int = QUALITY_KOM,
        years=(2016, 2017),
        persons: int = 10,
        skip_months=(),
        busy_months=(),
    ) -> None:
        """GES rows that make ``kom`` pass 10a and 10b: every filler person one service
        on the 15th of each month (two in ``busy_months``)."""
        for i in range(persons):
            pnr = f"Q{kom:03d}{i:06d}"
            for year in years:
                for month in range(1, 13):
                    if (year, month) in skip_months:
                        continue
                    n = 2 if (year, month) in busy_months else 1
                    for _ in range(n):
                        self.service(pnr, date(year, month, 15), kom=kom)

    def write(self) -> Path:
        folder = self.root / "registers"
        folder.mkdir(exist_ok=True)
        for name, fields in SCHEMAS.items():
            schema = pa.schema(fields)
            rows = self.rows.get(name, [])
            columns = {f.name: [r.get(f.name) for r in rows] for f in schema}
            pq.write_table(pa.table(columns, schema=schema), folder / f"{name}.parquet")
        pnrs = sorted(self.dream)
        columns = {"pnr": pa.array(pnrs, S)}
        for week in DREAM_WEEKS:
            columns[week] = pa.array([self.dream[p].get(week) for p in pnrs], pa.int16())
        pq.write_table(pa.table(columns), folder / "dream.parquet")
        return folder


# METHOD §2.1 as (first code, last code, class, benefit type, is_sickness).
DREAM_CODE_RANGES = [
    (111, 114, "on_benefits", "unemployment_social_assistance", False),
    (121, 126, "undeterminable", "other", False),
    (130, 149, "on_benefits", "unemployment_social_assistance", False),
    (151, 152, "on_benefits", "unemployment_social_assistance", False),
    (211, 218, "on_benefits", "unemployment_social_assistance", False),
    (299, 299, "on_benefits", "unemployment_social_assistance", False),
    (231, 232, "on_benefits", "unemployment_social_assistance", False),
    (412, 413, "undeterminable", "other", False),
    (511, 511, "on_benefits", "other", False),
    (521, 521, "undeterminable", "other", False),
    (522, 522, "on_benefits", "other", False),
    (611, 611, "undeterminable", "other", False),
    (621, 622, "undeterminable", "other", False),
    (651, 652, "undeterminable", "other", False),
    (661, 661, "undeterminable", "other", False),
    (700, 748, "on_benefits", "unemployment_social_assistance", False),
    (750, 768, "on_benefits", "other", False),
    (771, 771, "on_benefits", "other", False),
    (774, 774, "on_benefits", "sickness", False),
    (781, 781, "undeterminable", "other", False),
    (783, 783, "undeterminable", "other", False),
    (785, 785, "on_benefits", "other", False),
    (810, 818, "on_benefits", "other", False),
    (881, 881, "undeterminable", "other", False),
    (890, 890, "on_benefits", "sickness", True),
    (893, 899, "on_benefits", "sickness", True),
    (997, 997, "left_country", "empty", False),
    (998, 998, "undeterminable", "other", False),
    (999, 999, "dead", "empty", False),
]
