"""Registers of national shape (issue 8): `rtw generate --scale national`.

The default scale's registers of the same seed (rtw.synth.default_scale: cohort,
background, working population and reform groups, row for row the same values) plus
the rest of the working population and the reform groups up to national size (made in
rtw.synth.generate, persons right after the default ones) and the rest of a background
population of national size that never has a rehab plan (rtw.synth.background:
`extra_persons`, `extra_registers`, `extra_dream`): BEF about 5.9 million persons a
year 2014-2018, DREAM about 5.4 million persons with one column per ISO week from 2010
week 1 to 2018 week 52. No extra person has a plan (rule 1), so the warehouse gives the
same rehab population and results as on the default registers.

Nothing of national size is held in memory at once: the extra persons are made in
chunks of CHUNK_PERSONS, each with its own random stream (seed, 3, chunk), and every
register is streamed to Parquet with one row group per chunk. The default persons are
spread over the chunks (person number modulo the number of chunks), so that every row
group mixes default and background persons as a register sorted by a pseudonymised
person number does; a reader cannot skip row groups by the range of their pnr. The
default persons' DREAM rows get weeks before 2014 here (`earlier_weeks`).

GES (municipal rehab services) gets no extra rows: its reporting decides rule 10 per
municipality, and extra services would change which municipalities pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from rtw.synth import dream as D
from rtw.synth.background import (
    FORMER_RESIDENT_SHARE,
    RESIDENT_YEAR_SHARE,
    extra_dream,
    extra_persons,
    extra_registers,
)
from rtw.synth.calendar import WeekCalendar
from rtw.synth.cohort import Cohort
from rtw.synth.default_scale import default_registers
from rtw.synth.reference_data import ReferenceData
from rtw.synth.registers import dream as dream_file
from rtw.synth.registers import files
from rtw.synth.registers.columns import pnr

NATIONAL_BEF_PERSONS = 5_900_000  # BEF persons per year 2014-2018 (DST: 5.66-5.78 million)
NATIONAL_DREAM_PERSONS = 5_300_000  # persons in DREAM (everyone with a transfer since 1991)
DREAM_FIRST_YEAR, DREAM_LAST_YEAR = 2010, 2018
CHUNK_PERSONS = 250_000
# Long-running DREAM codes that a default person's row may carry back before 2014.
LONG_CODES = np.array(
    [
        D.OLD_AGE_PENSION,
        D.DISABILITY_PENSION,
        D.EARLY_RETIREMENT,
        622,
        D.FLEX,
        D.SOCIAL_ASSISTANCE,
        D.STUDY,
    ]
)


def earlier_weeks(m: np.ndarray, n_weeks: int, rng) -> np.ndarray:
    """Weeks before 2014 for the default persons' DREAM rows: a long-running benefit of
    2014 week 1 (pension, early retirement, flexjob, assistance, SU) carried back, and
    some unemployment spells that end at least two weeks before 2014. No sickness, so
    the short-sickness cleaning of the 2014+ weeks cannot change."""
    n = len(m)
    pre = np.zeros((n, n_weeks), dtype=np.int16)
    code0 = m[:, 0]
    carried = np.isin(code0, LONG_CODES)
    pensions = np.isin(code0, (D.OLD_AGE_PENSION, D.DISABILITY_PENSION))
    back = np.where(pensions, n_weeks, rng.integers(1, n_weeks + 1, n))
    cols = np.arange(n_weeks)[None, :]
    fill = carried[:, None] & (cols >= n_weeks - back[:, None])
    pre[fill] = np.broadcast_to(code0[:, None], pre.shape)[fill]
    spell = ~carried & (rng.random(n) < 0.2)
    start = rng.integers(0, n_weeks - 40, n)
    length = rng.integers(4, 31, n)
    fill = spell[:, None] & (cols >= start[:, None]) & (cols < (start + length)[:, None])
    pre[fill] = D.UNEMPLOYED
    return pre


# --- streaming ---------------------------------------------------------------------


def _person_numbers(pnrs: pa.ChunkedArray) -> np.ndarray:
    return pc.cast(pc.utf8_slice_codeunits(pnrs, 1), pa.int64()).to_numpy()


def _default_chunks(tables: dict[str, pa.Table], n_chunks: int) -> dict[str, np.ndarray]:
    """Chunk of each default row: its person's number modulo n_chunks (the LPR child
    tables by the person of their contact)."""
    out = {}
    adm = tables["lpr_adm"]
    adm_person = _person_numbers(adm["pnr"])
    adm_index = pd.Index(adm["recnum"].to_numpy())
    for name, table in tables.items():
        if "pnr" in table.column_names:
            person = _person_numbers(table["pnr"])
        else:
            pos = adm_index.get_indexer(table["recnum"].to_numpy())
            person = adm_person[pos]
        out[name] = (person % n_chunks).astype(np.int32)
    return out


@dataclass
class NationalPlan:
    n_default: int
    n_extra: int
    n_chunks: int
    n_rest: int = 0

    @classmethod
    def make(cls, n_default: int, population: float, n_rest: int = 0) -> NationalPlan:
        """`n_rest` persons of the national populations' rest (resident all years) come
        right after the default persons; the extra background fills BEF up to
        NATIONAL_BEF_PERSONS × population after them."""
        if population <= 0:
            raise ValueError("population must be > 0")
        per_year = RESIDENT_YEAR_SHARE * (1 - FORMER_RESIDENT_SHARE)
        want = (NATIONAL_BEF_PERSONS - n_default) * population - n_rest
        n_extra = max(0, round(want / per_year))
        return cls(n_default, n_extra, max(1, math.ceil(n_extra / CHUNK_PERSONS)), n_rest)

    @property
    def first_extra(self) -> int:
        return self.n_default + self.n_rest


def write_national(
    c: Cohort,
    ref: ReferenceData,
    out: Path,
    rng,
    n_background: int,
    seed: int,
    population: float = 1.0,
    progress: bool = True,
    working=None,
    rest=None,
    no_weeks_before: np.ndarray | None = None,
) -> tuple[dict[str, int], dict[str, int]]:
    """Write the registers at national scale; returns (file bytes, rows) per register.

    `population` scales the extra background (1 = national size) for smaller runs; the
    default persons are the same whatever it is. `rest` (optional: tables, ids, dream,
    as reform.combine gives) is the working population's and the reform groups' rest of
    the national size: persons right after the default ones, spread over the chunks.
    The persons named in `no_weeks_before` (pnr; the designed §12 units, whose truth
    reads DREAM from 2014) get no benefit weeks before 2014."""
    from tqdm import tqdm

    out.mkdir(parents=True, exist_ok=True)
    tables = dict(default_registers(c, ref, rng, n_background, working))
    cohort_ids, cohort_m, bg_ids, bg_m = tables.pop("dream")
    # The default persons: cohort, background and working population (bg_ids holds both).
    n_rest = len(rest.ids) if rest is not None else 0
    plan = NationalPlan.make(len(c.persons) + len(bg_ids), population, n_rest)
    chunk_of = _default_chunks(tables, plan.n_chunks)

    calendar = WeekCalendar(DREAM_FIRST_YEAR, DREAM_LAST_YEAR)
    if c.dream.calendar.first_year != 2014 or c.dream.calendar.last_year != DREAM_LAST_YEAR:
        raise ValueError("the cohort's DREAM calendar must be 2014-2018")
    n_pre = calendar.n_weeks - c.dream.n_weeks
    schema = dream_file.schema(calendar)
    default_ids = np.concatenate([cohort_ids, bg_ids])
    default_m = (cohort_m, bg_m)
    default_person = np.arange(len(default_ids))
    n_cohort = len(cohort_ids)

    if rest is not None:
        pre = earlier_weeks(rest.dream, n_pre, np.random.default_rng([seed, 7]))
        # The designed §12 units have no benefit before 2014: their truth (benefit weeks
        # in the 156 before week 1) is read on DREAM from 2014.
        if no_weeks_before is not None:
            pre[np.isin(rest.ids, no_weeks_before)] = 0
        rest_m = np.hstack([pre, rest.dream])
        rest_chunk = _default_chunks(rest.tables, plan.n_chunks)
        rest_row_chunk = _person_numbers(pa.chunked_array([pa.array(rest.ids, pa.string())]))
        rest_row_chunk = rest_row_chunk % plan.n_chunks
    writers = files.Streams(out)
    order = ["bef", "ind", "udda", "dod", "vnds", "bfl", "lpr_adm", "lpr_diag", "lpr_sksopr"]
    order += ["lpr_sksube", "sssy"]
    try:
        for j in tqdm(range(plan.n_chunks), desc="national", disable=not progress, unit="chunk"):
            crng = np.random.default_rng([seed, 3, j])
            lo = j * CHUNK_PERSONS
            n = max(0, min(plan.n_extra, lo + CHUNK_PERSONS) - lo)
            p = extra_persons(plan.first_extra + lo, n, ref, crng)
            ids = pnr(p.person.to_numpy())
            extra = extra_registers(p, ids, ref, crng, j)
            for name in order:
                part = tables[name].filter(pa.array(chunk_of[name] == j))
                parts = [part, extra[name].cast(part.schema)]
                if rest is not None and name in rest.tables:
                    mine = rest.tables[name].filter(pa.array(rest_chunk[name] == j))
                    parts.append(mine.select(part.column_names).cast(part.schema))
                writers.write(name, pa.concat_tables(parts))

            # DREAM: the default persons of this chunk with their weeks before 2014, then
            # the extra persons who have a DREAM row.
            mine = default_person[default_person % plan.n_chunks == j]
            coh, bgr = mine[mine < n_cohort], mine[mine >= n_cohort] - n_cohort
            m2014 = np.vstack([default_m[0][coh], default_m[1][bgr]])
            pre = earlier_weeks(m2014, n_pre, crng)
            if no_weeks_before is not None:
                chunk_ids = np.concatenate([default_ids[coh], default_ids[n_cohort + bgr]])
                pre[np.isin(chunk_ids, no_weeks_before)] = 0
            m_default = np.hstack([pre, m2014])
            rows_in_p, m_extra = extra_dream(p, calendar, ref.dream_codes, crng)
            rest_ids, rest_rows = np.array([], dtype="<U10"), np.zeros((0, calendar.n_weeks))
            if rest is not None:
                rest_ids, rest_rows = rest.ids[rest_row_chunk == j], rest_m[rest_row_chunk == j]
            writers.write(
                "dream",
                dream_file.table(
                    np.concatenate(
                        [default_ids[coh], default_ids[n_cohort + bgr], ids[rows_in_p], rest_ids]
                    ),
                    np.vstack([m_default, m_extra, rest_rows.astype(np.int16)]),
                    schema,
                ),
            )
            del m2014, m_default, m_extra
    finally:
        writers.close()
    sizes = {name: (out / f"{name}.parquet").stat().st_size for name in writers.writers}
    sizes["ges"] = files.write(out, "ges", tables["ges"])
    rows = dict(writers.rows, ges=len(tables["ges"]))
    aar = pq.read_table(out / "bef.parquet", columns=["aar"])["aar"]
    for year, count in zip(*np.unique(aar.to_numpy(), return_counts=True), strict=True):
        rows[f"bef_{int(year)}"] = int(count)
    return sizes, rows
