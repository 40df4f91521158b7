"""Registers of national shape (issue 8): `rtw generate --scale national`.

The default scale's registers of the same seed (cohort and its background persons, row
for row the same values) plus a background population of national size that never has
a rehab plan: BEF about 5.9 million persons a year 2014-2018, DREAM about 5.3 million
persons with one column per ISO week from 2010 week 1 to 2018 week 52, and the other
registers at volumes of a realistic sample (jobs, hospital contacts, GP claims, incomes,
educations, migrations, deaths). The extra persons fail rule 1 (no plan), so the
warehouse gives the same population and results as on the default registers.

Nothing of national size is held in memory at once: the extra persons are made in
chunks of CHUNK_PERSONS, each with its own random stream (seed, 3, chunk), and every
register is streamed to Parquet with one row group per chunk. The default persons are
spread over the chunks (person number modulo the number of chunks), so that every row
group mixes cohort and background persons as a register sorted by a pseudonymised
person number does; a reader cannot skip row groups by the range of their pnr.

GES (municipal rehab services) gets no extra rows: its reporting decides rule 10 per
municipality, and extra services would change which municipalities pass.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from rtw.synth import dream as D
from rtw.synth import targets as T
from rtw.synth.calendar import WeekCalendar, from_days, iso_year_week, to_days, year_of
from rtw.synth.cohort import Cohort
from rtw.synth.reference_data import ReferenceData
from rtw.synth.registers import _write, country_of_origin, pnr, write_registers

NATIONAL_BEF_PERSONS = 5_900_000  # BEF persons per year 2014-2018 (DST: 5.66-5.78 million)
NATIONAL_DREAM_PERSONS = 5_300_000  # persons in DREAM (everyone with a transfer since 1991)
# Of the extra persons: those in DREAM only, who died or left before 2014; and the mean
# share of the others that are in BEF at the end of a given year (born by then, not yet
# dead or emigrated). Both from this module's age and event model (seed 1), so that BEF
# has about NATIONAL_BEF_PERSONS a year and DREAM about NATIONAL_DREAM_PERSONS (81 % of
# the residents are born by 2002 and have a DREAM row).
FORMER_RESIDENT_SHARE = 0.027
RESIDENT_YEAR_SHARE = 0.942
DREAM_FIRST_YEAR, DREAM_LAST_YEAR = 2010, 2018
CHUNK_PERSONS = 250_000
S = pa.string()

WINDOW = ("2014-01-01", "2018-12-31")  # the years of BEF, BFL, LPR and SSSY noise
FORMER_WINDOW = ("2010-01-04", "2013-12-29")
# Hospital contacts of the background: action diagnosis and DRG major diagnostic category.
DIAGNOSES = np.array(
    [
        "DM545", "DM179", "DM751", "DS525", "DS934", "DI109", "DI251", "DJ069", "DJ189",
        "DK359", "DK802", "DC509", "DE119", "DF329", "DN390", "DO800", "DR074", "DZ038",
        "DZ768", "DH251", "DG439", "DL209", "DT149", "DR104",
    ]
)  # fmt: skip
MDC_OF_CHAPTER = {
    "M": "08", "S": "21", "I": "05", "J": "04", "K": "06", "C": "17", "E": "10", "F": "19",
    "N": "11", "O": "14", "R": "23", "Z": "23", "H": "02", "G": "01", "L": "09", "T": "21",
}  # fmt: skip
OPERATIONS = np.array(["KNFB20", "KNGB20", "KJFB00", "KKAC00", "KLCA10", "KNHJ60", "KBAA10"])
PROCEDURES = np.array(["BLHX0", "ZZ0149", "BVAA33", "BWGC1", "ZZ4210", "BRXY1"])  # never AWG
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


def _day(iso: str) -> int:
    return int(to_days(np.array([iso], dtype="datetime64[D]"))[0])


def _uniform_days(rng, lo, hi) -> np.ndarray:
    """A uniform day in [lo, hi] (arrays; hi < lo gives lo)."""
    lo = np.asarray(lo, dtype=np.int64)
    span = np.maximum(np.asarray(hi, dtype=np.int64) - lo, 0)
    return lo + (rng.random(np.broadcast(lo, span).shape) * (span + 1)).astype(np.int64)


def _take(values: np.ndarray, index: np.ndarray, typ=S) -> pa.Array:
    """values[index] as an Arrow array, without building the repeated strings in numpy."""
    return pa.array(values, typ).take(pa.array(index, pa.int64()))


def _date(days) -> pa.Array:
    return pa.array(np.asarray(days, dtype=np.int32), type=pa.date32())


def _spread(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row index and offset 0..counts[i]-1 for each of counts[i] items of row i."""
    counts = np.asarray(counts, dtype=np.int64)
    idx = np.repeat(np.arange(len(counts)), counts)
    offs = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return idx, offs


@dataclass
class _Collect:
    """A sink for write_registers that keeps the default tables in memory."""

    tables: dict[str, pa.Table] = field(default_factory=dict)
    dream: tuple | None = None

    def write(self, name: str, table: pa.Table) -> int:
        self.tables[name] = table
        return 0

    def write_dream(self, mx, cohort_ids, bmx, bg_ids) -> int:
        self.dream = (mx, cohort_ids, bmx, bg_ids)
        return 0


# --- the extra persons -----------------------------------------------------------


def _ages() -> tuple[np.ndarray, np.ndarray]:
    """Age on 2016-07-01 (-2 = born 2017/2018) and its weight: flat to 60, then falling."""
    ages = np.arange(-2, 105)
    w = np.where(ages < 60, 1.0, np.clip((100 - ages) / 40, 0.005, None))
    return ages, w / w.sum()


def extra_persons(first_id: int, n: int, ref: ReferenceData, rng) -> pd.DataFrame:
    """Background persons without a plan: facts, residence years and life events."""
    pop = ref.inhabitants(2016)
    ages, weights = _ages()
    age = rng.choice(ages, size=n, p=weights)
    mid2016 = _day("2016-07-01")
    birth = np.minimum(
        mid2016 - ((age + rng.random(n)) * 365.25).astype(np.int64), _day("2018-12-31")
    )
    born = year_of(from_days(birth))
    f0, f1 = _day(FORMER_WINDOW[0]), _day(FORMER_WINDOW[1])
    # Former residents are drawn among those born before 2010, FORMER_RESIDENT_SHARE in all.
    before = weights[ages >= 7].sum() + weights[ages == 6].sum() / 2
    former = (birth < f0) & (rng.random(n) < FORMER_RESIDENT_SHARE / before)
    origin = rng.choice(3, size=n, p=[0.86, 0.05, 0.09])
    descendant = (origin > 0) & (rng.random(n) < 0.25)
    d0, d1 = _day(WINDOW[0]), _day(WINDOW[1])

    # Deaths and emigrations 2014-2018 of residents; former residents left 2010-2013.
    hazard = np.clip(0.0004 * np.exp(0.09 * (age - 30)), 0.0002, 0.3)
    dies = rng.random(n) < 1 - (1 - hazard) ** 5
    emig_p = np.where((age >= 20) & (age <= 40), 0.03, 0.01)
    emigrates = ~dies & (rng.random(n) < emig_p)
    event = _uniform_days(rng, np.maximum(d0, birth), d1)
    former_event = _uniform_days(rng, np.maximum(f0, birth), f1)
    former_dies = rng.random(n) < 0.55
    death_day = np.where(former, np.where(former_dies, former_event, -1), np.where(dies, event, -1))
    emig_day = np.where(
        former, np.where(~former_dies, former_event, -1), np.where(emigrates, event, -1)
    )
    death_day = np.where(death_day < birth, -1, death_day)
    emig_day = np.where(emig_day < birth, -1, emig_day)

    # Immigrants: most arrived before 2014, a fifth during 2014-2018.
    immigrant = (origin > 0) & ~descendant
    late = immigrant & ~former & (rng.random(n) < 0.2)
    arrival = np.where(
        late,
        _uniform_days(rng, np.maximum(d0, birth), d1),
        np.minimum(birth + (rng.random(n) * 40 * 365).astype(np.int64), d0 - 1),
    )
    # A former resident arrived before leaving.
    arrival = np.where(former, np.minimum(arrival, former_event - 1), arrival)
    arrival = np.where(immigrant & (arrival >= birth), arrival, -1)
    # An emigration must come after the arrival.
    emig_day = np.where((emig_day >= 0) & (arrival >= 0) & (emig_day <= arrival), -1, emig_day)
    left = np.where(death_day >= 0, death_day, emig_day)
    first_year = np.maximum(born, np.where(arrival >= d0, year_of(from_days(arrival)), 0))
    last_year = np.where(left >= 0, year_of(from_days(np.maximum(left, 0))), 9999)

    adult = age >= 20
    edu = rng.choice(len(T.EDUCATION), size=n, p=list(T.EDUCATION.values()))
    edu = np.where(age < 20, 0, edu)
    income = np.select(
        [age < 18, age < 26, age < 65],
        [
            rng.uniform(0, 40_000, n),
            rng.uniform(80_000, 250_000, n),
            rng.lognormal(np.log(260_000), 0.35, n),
        ],
        rng.uniform(120_000, 350_000, n),
    )
    return pd.DataFrame(
        {
            "person": first_id + np.arange(n),
            "k": rng.choice(len(pop), size=n, p=pop / pop.sum()),
            "sex": rng.integers(1, 3, n),
            "birth": birth,
            "age": age,
            "origin": origin,
            "descendant": descendant,
            "cohabiting": adult & (rng.random(n) < 0.62),
            "education": edu,
            "income": income,
            "former": former,
            "death_day": death_day,
            "emig_day": emig_day,
            "arrival_day": arrival,
            "first_year": first_year,
            "last_year": last_year,
        }
    )


def _resident(p: pd.DataFrame, years: np.ndarray, min_age: int = 0) -> np.ndarray:
    """Person x year: in BEF at the end of the year (and at least min_age that year)."""
    born = year_of(from_days(p.birth.to_numpy()))
    y = years[None, :]
    return (
        (~p.former.to_numpy())[:, None]
        & (y >= p.first_year.to_numpy()[:, None])
        & (y < p.last_year.to_numpy()[:, None])
        & (y - born[:, None] >= min_age)
    )


def _resident_days(p: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """First and last day of residence inside 2014-2018 (empty when last < first)."""
    d0, d1 = _day(WINDOW[0]), _day(WINDOW[1])
    first = np.maximum(d0, p.birth.to_numpy())
    arrival = p.arrival_day.to_numpy()
    first = np.where(arrival >= 0, np.maximum(first, arrival), first)
    left = np.where(p.death_day >= 0, p.death_day, p.emig_day).astype(np.int64)
    last = np.where(left >= 0, np.minimum(left - 1, d1), d1)
    last = np.where(p.former.to_numpy(), first - 1, last)
    return first, last


# --- the extra persons' registers -------------------------------------------------


def _bef(p, ids, ref, rng) -> pa.Table:
    n = len(p)
    origin = p.origin.to_numpy()
    country = country_of_origin(origin, ref, rng)
    ie_type = np.where(origin == 0, 1, np.where(p.descendant.to_numpy(), 3, 2))
    partner = np.where(
        p.cohabiting.to_numpy(),
        np.char.add("F", np.char.zfill(rng.integers(0, 10**9, n).astype(str), 9)),
        None,
    )
    years = np.arange(2014, 2019)
    r, j = np.nonzero(_resident(p, years))
    codes = ref.municipalities.municipality_code.to_numpy()
    return pa.table(
        {
            "pnr": _take(ids, r),
            "aar": pa.array(years[j], pa.int32()),
            "koen": pa.array(p.sex.to_numpy()[r], pa.int32()),
            "foed_dag": _date(p.birth.to_numpy()[r]),
            "kom": pa.array(codes[p.k.to_numpy()[r]], pa.int32()),
            "e_faelle_id": _take(partner, r),
            "ie_type": pa.array(ie_type[r], pa.int32()),
            "opr_land": pa.array(country[r], pa.int32()),
        }
    )


def _ind(p, ids, rng) -> pa.Table:
    years = np.arange(2013, 2019)
    r, j = np.nonzero(_resident(p, years, min_age=15))
    noise = rng.lognormal(0, 0.08, len(r))
    inc = p.income.to_numpy()[r] * 1.02 ** (years[j] - 2015) * noise
    return pa.table(
        {
            "pnr": _take(ids, r),
            "aar": pa.array(years[j], pa.int32()),
            "dispon_13": pa.array(np.round(inc, 0), pa.float64()),
        }
    )


def _udda(p, ids, ref, rng) -> pa.Table:
    edu = ref.education
    groups = list(T.EDUCATION)
    n = len(p)
    grp = p.education.to_numpy()
    prefix = np.empty(n, dtype=object)
    for g, name in enumerate(groups):
        options = edu.loc[edu.education_group == name, "hfaudd_prefix"].to_numpy()
        m = grp == g
        prefix[m] = options[rng.integers(len(options), size=m.sum())]
    code = np.char.add(prefix.astype(str), np.char.zfill(rng.integers(10, 100, n).astype(str), 2))
    code = np.where((grp == len(groups) - 1) & (rng.random(n) < 0.3), None, code)
    years = np.arange(2014, 2019)
    r, j = np.nonzero(_resident(p, years, min_age=15))
    return pa.table(
        {
            "pnr": _take(ids, r),
            "aar": pa.array(years[j], pa.int32()),
            "hfaudd": _take(code, r),
        }
    )


def _dod(p, ids) -> pa.Table:
    r = np.flatnonzero(p.death_day.to_numpy() >= 0)
    return pa.table({"pnr": _take(ids, r), "doddato": _date(p.death_day.to_numpy()[r])})


def _vnds(p, ids, rng) -> pa.Table:
    arrival = p.arrival_day.to_numpy()
    recorded = (arrival >= 0) & ((arrival >= _day(WINDOW[0])) | (rng.random(len(p)) < 0.85))
    ri = np.flatnonzero(recorded)
    ru = np.flatnonzero(p.emig_day.to_numpy() >= 0)
    r = np.concatenate([ri, ru])
    return pa.table(
        {
            "pnr": _take(ids, r),
            "haend_dato": _date(np.concatenate([arrival[ri], p.emig_day.to_numpy()[ru]])),
            "indud_kode": pa.array(np.repeat(["I", "U"], [len(ri), len(ru)]), S),
        }
    )


def _months(days: np.ndarray) -> np.ndarray:
    """Months since 2014-01 of each day."""
    return from_days(days).astype("datetime64[M]").astype(np.int64) - (2014 - 1970) * 12


def _bfl(p, ids, ref, rng) -> pa.Table:
    """Job spells of 1-24 months in 2014-2018 for most of working age; some second jobs."""
    n = len(p)
    first, last = _resident_days(p)
    birth = p.birth.to_numpy()
    first = np.maximum(first, birth + 18 * 365)
    last = np.minimum(last, birth + 67 * 365)
    m0 = np.clip(_months(first), 0, 60)
    m1 = np.clip(_months(np.maximum(last, first)), -1, 59)
    m1 = np.where(last < first, -1, m1)
    employed = (m1 >= m0) & (rng.random(n) < 0.75)
    db = ref.db07
    division = db.division.to_numpy()[rng.integers(len(db), size=n)]
    db07 = np.char.add(
        division.astype(str), np.char.zfill(rng.integers(0, 10000, n).astype(str), 4)
    )
    # The main job (full or part time) and for some a second job with other employers.
    full = rng.random(n) < 0.7
    main_hours = np.where(full, rng.normal(155, 8, n), rng.normal(90, 25, n))
    second_hours = rng.normal(30, 10, n)
    cvr_main = np.char.zfill(rng.integers(10**7, 10**8, n).astype(str), 8)
    cvr_second = np.char.zfill(rng.integers(10**7, 10**8, n).astype(str), 8)
    cvr_second = np.where(
        cvr_second == cvr_main, np.where(cvr_main == "10000000", "10000001", "10000000"), cvr_second
    )
    cvr = np.concatenate([cvr_main, cvr_second])
    parts = []
    for job, share, longest, hours in ((0, 1.0, 24, main_hours), (1, 0.08, 6, second_hours)):
        has = employed & (rng.random(n) < share)
        span = np.maximum(m1 - m0 + 1, 1)
        length = np.minimum(rng.integers(1, longest + 1, n), span)
        start = m0 + (rng.random(n) * (span - length + 1)).astype(np.int64)
        idx, offs = _spread(np.where(has, length, 0))
        per_month = np.clip(hours[idx] + rng.normal(0, 4, len(idx)), 1, 220).round(1)
        parts.append((idx, start[idx] + offs, per_month, idx + job * n))
    idx, month, hours, cvr_idx = (np.concatenate(x) for x in zip(*parts, strict=True))
    aarmd = (2014 + month // 12) * 100 + month % 12 + 1
    return pa.table(
        {
            "pnr": _take(ids, idx),
            "aarmd": pa.array(aarmd, pa.int32()),
            "cvrnr": _take(cvr, cvr_idx),
            "ajo_arbejdstimer": pa.array(hours, pa.float64()),
            "arb_hoved_bra_db07": _take(db07, idx),
        }
    )


def _lpr(p, ids, ref, rng, chunk: int) -> dict[str, pa.Table]:
    """Hospital contacts 2014-2018 (more with age), their diagnoses, some operations and
    other procedures (never a rehab plan code)."""
    first, last = _resident_days(p)
    years = np.maximum(last - first + 1, 0) / 365.25
    rate = (0.12 + np.clip(p.age.to_numpy(), 0, 100) / 250) * years
    count = rng.poisson(rate)
    count = np.where(last >= first, count, 0)
    idx, _ = _spread(count)
    m = len(idx)
    recnum = np.char.add(
        np.char.add("N", np.char.zfill(np.full(m, chunk).astype(str), 3)),
        np.char.zfill(np.arange(m).astype(str), 8),
    )
    day = _uniform_days(rng, first[idx], last[idx])
    kind = rng.choice(3, size=m, p=[0.2, 0.65, 0.15])  # inpatient, outpatient, emergency
    acute = (kind == 2) | ((kind == 0) & (rng.random(m) < 0.5))
    stay = np.where(kind == 0, rng.integers(1, 11, m), 0)
    discharge = np.minimum(day + stay, _day("2018-12-31"))
    which = rng.integers(len(DIAGNOSES), size=m)
    diag = DIAGNOSES[which]
    mdc = np.array([MDC_OF_CHAPTER[d[1]] for d in DIAGNOSES])[which]
    specialties = ref.specialties.specialty_code.to_numpy()
    codes = ref.municipalities.municipality_code.to_numpy()
    adm = pa.table(
        {
            "recnum": pa.array(recnum, S),
            "pnr": _take(ids, idx),
            "d_inddto": _date(day),
            "d_uddto": _date(discharge),
            "c_pattype": pa.array(np.array(["0", "2", "3"])[kind], S),
            "c_indm": pa.array(np.where(acute, "1", "2"), S),
            "c_spec": pa.array(specialties[rng.integers(len(specialties), size=m)], S),
            "c_kom": pa.array(codes[p.k.to_numpy()[idx]], pa.int32()),
            "c_adiag": pa.array(diag, S),
            "mdc": pa.array(mdc, S),
        }
    )
    sec = np.flatnonzero(rng.random(m) < 0.3)
    diag_rows = pa.table(
        {
            "recnum": pa.array(np.concatenate([recnum, recnum[sec]]), S),
            "c_diag": pa.array(
                np.concatenate([diag, DIAGNOSES[rng.integers(len(DIAGNOSES), size=len(sec))]]), S
            ),
            "c_diagtype": pa.array(np.repeat(["A", "B"], [m, len(sec)]), S),
        }
    )
    op = np.flatnonzero(rng.random(m) < 0.08)
    ub = np.flatnonzero(rng.random(m) < 0.12)
    return {
        "lpr_adm": adm,
        "lpr_diag": diag_rows,
        "lpr_sksopr": pa.table(
            {
                "recnum": pa.array(recnum[op], S),
                "c_opr": pa.array(OPERATIONS[rng.integers(len(OPERATIONS), size=len(op))], S),
                "d_odto": _date(day[op]),
            }
        ),
        "lpr_sksube": pa.table(
            {
                "recnum": pa.array(recnum[ub], S),
                "c_opr": pa.array(PROCEDURES[rng.integers(len(PROCEDURES), size=len(ub))], S),
                "d_odto": _date(day[ub]),
            }
        ),
    }


def _sssy(p, ids, rng) -> pa.Table:
    """GP consultations (about one a year in this sample) and physiotherapy series."""
    first, last = _resident_days(p)
    years = np.maximum(last - first + 1, 0) / 365.25
    n = len(p)
    gp = np.where(last >= first, rng.poisson(1.2 * years), 0)
    i_gp, _ = _spread(gp)
    gp_day = _uniform_days(rng, first[i_gp], last[i_gp])
    physio = (last >= first) & (rng.random(n) < 0.08)
    i_ph, offs = _spread(np.where(physio, rng.integers(3, 11, n), 0))
    ph_start = _uniform_days(rng, first, np.maximum(last - 90, first))
    ph_day = np.minimum(ph_start[i_ph] + 7 * offs, last[i_ph])
    person = np.concatenate([i_gp, i_ph])
    day = np.concatenate([gp_day, ph_day])
    # Service kind: 0 GP consultation 0101, 1 GP phone 0201, 2 physio 51, 3 ergo 55.
    kind = np.concatenate(
        [
            np.where(rng.random(len(i_gp)) < 0.75, 0, 1),
            np.where(rng.random(len(i_ph)) < 0.9, 2, 3),
        ]
    )
    y, w = iso_year_week(from_days(day))
    key = (person.astype(np.int64) * 10_000 + (y % 100) * 100 + w) * 4 + kind
    uniq, count = np.unique(key, return_counts=True)
    kind_u = uniq % 4
    yyww = (uniq // 4) % 10_000
    person_u = uniq // 4 // 10_000
    return pa.table(
        {
            "pnr": _take(ids, person_u),
            "honuge": pa.array(np.char.zfill(yyww.astype(str), 4), S),
            "speciale": pa.array(np.array([80, 80, 51, 55])[kind_u], pa.int32()),
            "ydelsesnr": pa.array(np.array(["0101", "0201", "5001", "5001"])[kind_u], S),
            "antydel": pa.array(count, pa.int32()),
        }
    )


def _paint_between(mx, rows, lo, hi, length_lo, length_hi, code, rng) -> None:
    """A spell of length_lo..length_hi weeks starting uniformly in weeks lo..hi."""
    if len(rows) == 0:
        return
    start = lo + (rng.random(len(rows)) * (np.maximum(hi - lo, 0) + 1)).astype(np.int64)
    length = rng.integers(length_lo, length_hi + 1, len(rows))
    mx.paint(rows, start, start + length - 1, code)


def extra_dream(p: pd.DataFrame, calendar: WeekCalendar, codes: pd.DataFrame, rng):
    """DREAM rows of the extra persons who have one (everyone born by 2002 and the former
    residents): (row positions in p, person x week matrix of codes)."""
    born = year_of(from_days(p.birth.to_numpy()))
    rows_in_p = np.flatnonzero((born <= 2002) | p.former.to_numpy())
    q = p.iloc[rows_in_p]
    n = len(q)
    mx = D.DreamMatrix(n, calendar, codes)
    bw = calendar.week_index(from_days(q.birth.to_numpy()))

    def at(age):
        return bw + np.round(np.asarray(age) * 52.18).astype(np.int64)

    r = np.arange(n)

    def some(p_):
        return r[rng.random(n) < p_]

    s = some(0.45)
    mx.paint(s, at(rng.uniform(19, 22, n))[s], at(rng.uniform(22, 26, n))[s], D.STUDY)
    for share in (0.30, 0.10):
        s = some(share)
        _paint_between(mx, s, at(18)[s], at(64)[s], 4, 40, D.UNEMPLOYED, rng)
    s = some(0.25)
    _paint_between(mx, s, at(18)[s], at(64)[s], 1, 26, D.SICK, rng)
    s = some(0.15)
    _paint_between(mx, s, at(18)[s], at(64)[s], 1, 3, D.SICK, rng)
    s = some(0.05)
    _paint_between(mx, s, at(18)[s], at(60)[s], 20, 200, D.SOCIAL_ASSISTANCE, rng)
    s = r[(q.sex.to_numpy() == 2) & (rng.random(n) < 0.25)]
    _paint_between(mx, s, at(25)[s], at(40)[s], 20, 46, D.MATERNITY, rng)
    s = some(0.10)
    _paint_between(mx, s, at(18)[s], at(64)[s], 1, 1, D.HOLIDAY_PAY, rng)
    end65 = at(65) - 1
    # Flexjob and førtidspension belong to the reform population (reform.py, national
    # size at this scale): share 0 here, the draws kept so that the rest stays the same.
    for share, lo, hi, code in (
        (0.0, 35, 60, D.FLEX),
        (0.25, 60, 62, D.EARLY_RETIREMENT),
        # Last: førtidspension (783) lasts until folkepension, death or emigration.
        (0.0, 30, 60, D.DISABILITY_PENSION),
    ):
        s = some(share)
        mx.paint(s, at(rng.uniform(lo, hi, n))[s], end65[s], code)
    mx.paint(r, at(65), np.full(n, mx.n_weeks - 1), D.OLD_AGE_PENSION)
    end = np.full(n, mx.n_weeks - 1)
    for column, code in (("emig_day", D.ABROAD), ("death_day", D.DEAD)):
        day = q[column].to_numpy()
        s = r[day >= 0]
        mx.paint(s, calendar.week_index(from_days(day[s])), end[s], code)
    return rows_in_p, mx.m


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


class _Writers:
    """One ParquetWriter per register; each write is one row group."""

    def __init__(self, out: Path):
        self.out = out
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.rows: dict[str, int] = {}

    def write(self, name: str, table: pa.Table) -> None:
        if name not in self.writers:
            self.writers[name] = pq.ParquetWriter(
                self.out / f"{name}.parquet", table.schema, compression="zstd"
            )
        self.writers[name].write_table(table, row_group_size=max(len(table), 1))
        self.rows[name] = self.rows.get(name, 0) + len(table)

    def close(self) -> None:
        for w in self.writers.values():
            w.close()


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


def _dream_table(pnrs: np.ndarray, m: np.ndarray, schema: pa.Schema) -> pa.Table:
    cols = np.ascontiguousarray(m.T)
    arrays = [pa.array(pnrs, S)]
    arrays += [pa.array(c, type=pa.int16(), mask=c == 0) for c in cols]
    return pa.Table.from_arrays(arrays, schema=schema)


@dataclass
class NationalPlan:
    n_default: int
    n_extra: int
    n_chunks: int

    @classmethod
    def make(cls, n_default: int, population: float) -> NationalPlan:
        if population <= 0:
            raise ValueError("population must be > 0")
        per_year = RESIDENT_YEAR_SHARE * (1 - FORMER_RESIDENT_SHARE)
        n_extra = max(0, round((NATIONAL_BEF_PERSONS - n_default) / per_year * population))
        return cls(n_default, n_extra, max(1, math.ceil(n_extra / CHUNK_PERSONS)))


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
    reform_rest=None,
    no_weeks_before: np.ndarray | None = None,
) -> tuple[dict[str, int], dict[str, int]]:
    """Write the registers at national scale; returns (file bytes, rows) per register.

    `population` scales the extra background (1 = national size) for smaller runs; the
    default persons are the same whatever it is. `reform_rest(first_id)` (optional)
    gives the reform population's rest of the national size (reform.Reform): persons
    after the extra background's, spread over the chunks. The default persons named in
    `no_weeks_before` (pnr; the designed §12 units, whose truth reads DREAM from 2014)
    get no benefit weeks before 2014."""
    from tqdm import tqdm

    out.mkdir(parents=True, exist_ok=True)
    collect = _Collect()
    write_registers(c, ref, out, rng, n_background, sink=collect, working=working)
    tables = collect.tables
    mx, cohort_ids, bmx, bg_ids = collect.dream
    # The default persons: cohort, background and working population (bg_ids holds both).
    plan = NationalPlan.make(len(c.persons) + len(bg_ids), population)
    chunk_of = _default_chunks(tables, plan.n_chunks)

    calendar = WeekCalendar(DREAM_FIRST_YEAR, DREAM_LAST_YEAR)
    if mx.calendar.first_year != 2014 or mx.calendar.last_year != DREAM_LAST_YEAR:
        raise ValueError("the cohort's DREAM calendar must be 2014-2018")
    n_pre = calendar.n_weeks - mx.n_weeks
    schema = pa.schema([("pnr", S), *[(col, pa.int16()) for col in calendar.column_names()]])
    default_ids = np.concatenate([cohort_ids, bg_ids])
    default_m = (mx.m, bmx.m)
    default_person = np.arange(len(default_ids))
    n_cohort = len(cohort_ids)

    rest = reform_rest(plan.n_default + plan.n_extra) if reform_rest is not None else None
    if rest is not None:
        pre = earlier_weeks(rest.dream, n_pre, np.random.default_rng([seed, 7]))
        # The designed §12 units have no benefit before 2014: their truth (benefit weeks
        # in the 156 before week 1) is read on DREAM from 2014.
        if rest.award_rows is not None:
            pre[rest.award_rows] = 0
        rest_m = np.hstack([pre, rest.dream])
        rest_chunk = _default_chunks(rest.tables, plan.n_chunks)
        rest_row_chunk = (np.arange(len(rest.ids)) + plan.n_default + plan.n_extra) % plan.n_chunks
    writers = _Writers(out)
    order = ["bef", "ind", "udda", "dod", "vnds", "bfl", "lpr_adm", "lpr_diag", "lpr_sksopr"]
    order += ["lpr_sksube", "sssy"]
    try:
        for j in tqdm(range(plan.n_chunks), desc="national", disable=not progress, unit="chunk"):
            crng = np.random.default_rng([seed, 3, j])
            lo = j * CHUNK_PERSONS
            n = max(0, min(plan.n_extra, lo + CHUNK_PERSONS) - lo)
            p = extra_persons(plan.n_default + lo, n, ref, crng)
            ids = pnr(p.person.to_numpy())
            extra = {
                "bef": _bef(p, ids, ref, crng),
                "ind": _ind(p, ids, crng),
                "udda": _udda(p, ids, ref, crng),
                "dod": _dod(p, ids),
                "vnds": _vnds(p, ids, crng),
                "bfl": _bfl(p, ids, ref, crng),
                **_lpr(p, ids, ref, crng, j),
                "sssy": _sssy(p, ids, crng),
            }
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
                _dream_table(
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
    sizes["ges"] = _write(out, "ges", tables["ges"])
    rows = dict(writers.rows, ges=len(tables["ges"]))
    bef = pq.read_table(out / "bef.parquet", columns=["aar"])["aar"]
    for year, count in zip(*np.unique(bef.to_numpy(), return_counts=True), strict=True):
        rows[f"bef_{int(year)}"] = int(count)
    return sizes, rows
