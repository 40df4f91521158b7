"""The default scale: every register of the default persons, in the layout of
REGISTERS.md (rtw.synth.registers).

The default persons are the cohort (rtw.synth.cohort), the background persons beside it
(rtw.synth.background), the working population (rtw.synth.working) and the reform groups
(rtw.synth.reform). `default_registers` gives their tables register by register,
always in the same order and with the same draws from one random stream, so that a seed
gives the same tables whether `write_registers` writes them here or rtw.synth.national
streams them with the national background. The working population's and reform
groups' rows come after the others' (their draws are their own).

The cohort and background persons share their person facts (people.py,
background.background_persons), so their person-year registers (BEF, IND, UDDA) and
immigrations are drawn together here; the plans' registers are the cohort's.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from rtw.synth import cohort as C
from rtw.synth import targets as T
from rtw.synth.background import background_dream, background_persons, trainee_services
from rtw.synth.calendar import from_days, to_days, year_of
from rtw.synth.cohort import Cohort
from rtw.synth.cohort_history import death_year
from rtw.synth.reference_data import ReferenceData
from rtw.synth.registers import bef, files, ges, ind, udda, vnds
from rtw.synth.registers import dream as dream_file
from rtw.synth.registers.columns import person_years, pnr


def default_registers(
    c: Cohort, ref: ReferenceData, rng, n_background: int, working=None
) -> Iterator[tuple[str, object]]:
    """(name, table) of every register but DREAM, then ("dream", (cohort ids, cohort
    matrix, other ids, other matrix)): the others are the background persons, then the
    working population's `working.ids`/`working.dream` (working.Working, optional; its
    `tables` are appended to each register)."""
    for name, table in _cohort_and_background(c, ref, rng, n_background):
        extra = working.tables.get(name) if working is not None else None
        if name == "dream" and working is not None:
            cohort_ids, cohort_m, bg_ids, bg_m = table
            table = (
                cohort_ids,
                cohort_m,
                np.concatenate([bg_ids, working.ids]),
                np.vstack([bg_m, working.dream]),
            )
        elif extra is not None:
            table = pa.concat_tables([table, extra.select(table.column_names).cast(table.schema)])
        yield name, table


def _cohort_and_background(c: Cohort, ref: ReferenceData, rng, n_background: int):
    plans, persons = c.plans, c.persons
    n_cohort = len(persons)
    bg = background_persons(n_cohort, n_background, ref, rng)
    everyone = pd.concat([persons, bg], ignore_index=True)
    last_year = np.concatenate([death_year(plans, persons), np.full(len(bg), 9999)])
    ids = pnr(everyone.person.to_numpy())

    yield from _person_years(everyone, ids, last_year, ref, rng).items()
    yield "dod", C.deaths(plans, ids)
    yield "vnds", _migrations(plans, everyone, ids, rng)
    yield "bfl", C.jobs(plans, ids, ref, c.dream, rng)
    yield from C.hospital_contacts(plans, ids, ref, rng).items()
    codes = c.design.codes
    failing = set(map(tuple, c.design.quality_failure[["k", "year"]].to_numpy()))
    services = pd.concat(
        [
            C.rehab_services(plans, codes, rng),
            trainee_services(everyone.iloc[n_cohort:], codes, failing),
        ],
        ignore_index=True,
    )
    yield "ges", ges.table(ids, services, codes, failing, rng)
    yield "sssy", C.health_services(plans, ids, rng)
    bmx = background_dream(c.dream, bg, rng)
    yield "dream", (ids[:n_cohort], c.dream.m, ids[n_cohort:], bmx.m)


def _person_years(p: pd.DataFrame, ids, last_year, ref, rng) -> dict[str, pa.Table]:
    """BEF, IND and UDDA of the cohort and background persons p: every year from birth
    until the year before death or emigration."""
    n = len(p)
    origin = p.origin.to_numpy()
    country = bef.country_of_origin(origin, ref, rng)
    ie_type = np.where(origin == 0, 1, np.where(rng.random(n) < 0.8, 2, 3))
    partner = bef.partner_numbers(p.cohabiting.to_numpy(), rng)
    codes = ref.municipalities.municipality_code.to_numpy()
    years = np.array(bef.YEARS)
    born = year_of(from_days(p.birth.to_numpy()))
    alive = (years[None, :] < last_year[:, None]) & (years[None, :] >= born[:, None])
    r, year = person_years(alive, bef.YEARS)
    out = {
        "bef": bef.table(
            ids,
            r,
            year,
            sex=p.sex.to_numpy(),
            birth=p.birth.to_numpy(),
            kom=codes[p.k.to_numpy()],
            partner=partner,
            ie_type=ie_type,
            country=country,
        )  # fmt: skip
    }
    # IND: the income of income_year, 2 % a year either side.
    r, year = person_years(np.array(ind.YEARS)[None, :] < last_year[:, None], ind.YEARS)
    income = p.income.to_numpy()[r] * 1.02 ** (year - p.income_year.to_numpy()[r])
    out["ind"] = ind.table(ids, r, year, income)
    # UDDA: a code of the person's education group; 30 % of "Øvrige" unknown.
    group = np.array(list(T.EDUCATION))[p.education.to_numpy()]
    code = udda.codes_by_group(group, ref, rng)
    code[(group == "Øvrige") & (rng.random(n) < 0.3)] = None
    r, year = person_years(np.array(udda.YEARS)[None, :] < last_year[:, None], udda.YEARS)
    out["udda"] = udda.table(ids, r, year, code)
    return out


def _migrations(plans: pd.DataFrame, everyone: pd.DataFrame, ids, rng) -> pa.Table:
    """VNDS: the cohort's emigrations of rule 8 and, for 80 % of the persons of foreign
    origin (cohort and background), an immigration at 18-40 years of age, before 2014."""
    em = plans[plans.emigration_day >= 0]
    imm = everyone[everyone.origin > 0].sample(frac=0.8, random_state=int(rng.integers(1 << 30)))
    imm_day = np.minimum(
        imm.birth.to_numpy() + rng.integers(365 * 18, 365 * 40, len(imm)),
        to_days(np.array(["2013-12-31"], dtype="datetime64[D]"))[0],
    )
    t = pd.DataFrame(
        {
            "r": np.concatenate([em.person.to_numpy(), imm.index.to_numpy()]),
            "d": np.concatenate([em.emigration_day.to_numpy(), imm_day]),
            "c": np.concatenate([np.full(len(em), "U"), np.full(len(imm), "I")]),
        }
    ).drop_duplicates(["r", "d", "c"])
    return vnds.table(ids, t.r.to_numpy(), t.d, t.c)


def write_registers(
    c: Cohort, ref: ReferenceData, out: Path, rng, n_background: int, working=None
) -> dict[str, int]:
    """Write default_registers' tables to `out`, one Parquet file each; returns each
    file's size."""
    out.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    for name, table in default_registers(c, ref, rng, n_background, working):
        if name == "dream":
            cohort_ids, cohort_m, other_ids, other_m = table
            sizes[name] = dream_file.write(
                out, c.dream.calendar, [(cohort_ids, cohort_m), (other_ids, other_m)]
            )
        else:
            sizes[name] = files.write(out, name, table)
    return sizes
