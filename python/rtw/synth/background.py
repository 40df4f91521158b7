"""The background: persons without a rehab plan, beside the cohort.

At the default scale (`background_persons`, `background_dream`, `trainee_services`):
as many persons as targets.PERSONS_WITHOUT_PLAN_SHARE of the cohort's, in BEF, IND,
UDDA and VNDS with the cohort (drawn together: rtw.synth.default_scale), with DREAM
spells (unemployment, sickness, pensions) and, for some, weekly municipal services as
long-term trainees (GES).

At the national scale (`extra_persons`, `extra_registers`, `extra_dream`): the rest of
a background population of national size, made in chunks by rtw.synth.national: BEF
about 5.9 million persons a year 2014-2018, DREAM rows for everyone born by 2002 from
2010 week 1, and the other registers at volumes of a realistic sample (jobs, hospital
contacts, GP claims, incomes, educations, migrations, deaths). They never have a plan,
so they fail rule 1 and the warehouse gives the same results as without them; they
get no GES rows (its reporting decides rule 10 per municipality).

Not to be confused with the cohort's own weeks around its plans
(rtw.synth.cohort_history).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa

from rtw.synth import dream as D
from rtw.synth import targets as T
from rtw.synth.calendar import WeekCalendar, from_days, iso_year_week, to_days, year_of
from rtw.synth.reference_data import ReferenceData
from rtw.synth.registers import bef, bfl, dod, ind, lpr, sssy, udda, vnds
from rtw.synth.registers.columns import person_years, spread, take, zfill

# --- the default scale --------------------------------------------------------------


def background_persons(start_id: int, n: int, ref: ReferenceData, rng) -> pd.DataFrame:
    """The default scale's background persons: the cohort's person facts (people.py),
    drawn simply."""
    pop = ref.inhabitants(2016)
    k = rng.choice(len(pop), size=n, p=pop / pop.sum())
    age = rng.integers(16, 95, n)
    birth = to_days(((2016 - age) - 1970).astype("datetime64[Y]")) + (rng.random(n) * 365).astype(
        int
    )
    return pd.DataFrame(
        {
            "person": start_id + np.arange(n),
            "k": k,
            "sex": rng.integers(1, 3, n),
            "birth": birth,
            "origin": rng.choice(3, size=n, p=[0.87, 0.05, 0.08]),
            "cohabiting": rng.random(n) < 0.6,
            "education": rng.integers(0, 7, n),
            "income": rng.uniform(60_000, 500_000, n),
            "income_year": 2015,
        }
    )


def background_dream(mx: D.DreamMatrix, bg: pd.DataFrame, rng) -> D.DreamMatrix:
    """The background persons' DREAM spells on the cohort's calendar (mx's):
    unemployment, sickness, disability pension.

    Førtidspension (783) is awarded for good: it is painted last and runs until the week
    before the person turns 65, folkepension (998) from then on, so that no other code
    follows a 783 week (METHOD §12)."""
    n = len(bg)
    bmx = D.DreamMatrix(n, mx.calendar, mx.codes)
    free = np.ones(bmx.m.shape, bool)
    rows = np.arange(n)
    D.random_spells(bmx, rows[rng.random(n) < 0.3], 1, 4, 40, D.UNEMPLOYED, free, rng)
    D.random_spells(bmx, rows[rng.random(n) < 0.2], 1, 1, 20, D.SICK, free, rng)
    week65 = bmx.calendar.week_index(from_days(bg.birth.to_numpy())) + 65 * 52 + 13
    award = rows[rng.random(n) < 0.05]
    start = rng.integers(0, bmx.n_weeks, len(award))
    before_65 = start < week65[award]
    award, start = award[before_65], start[before_65]
    bmx.paint(award, start, week65[award] - 1, D.DISABILITY_PENSION)
    bmx.paint(award, week65[award], np.full(len(award), bmx.n_weeks - 1), D.OLD_AGE_PENSION)
    return bmx


def trainee_services(bg: pd.DataFrame, codes: np.ndarray, failing: set) -> pd.DataFrame:
    """GES services (person row r, day, municipality code, single) of long-term trainees
    without a plan in the period: one service a week 2015-2018, at least 15 persons a
    municipality, so that each municipality's monthly reporting is steady; in the
    municipality-years that fail the quality rules (`failing`: (municipality index,
    year)) three services a week in even months. `bg` is indexed by person row."""
    pop = np.bincount(bg.k, minlength=len(codes))
    lt = []
    for kk in range(len(codes)):
        cand = bg.index[bg.k.to_numpy() == kk].to_numpy()
        m = min(len(cand), max(15, pop[kk] // 20))
        lt.append(pd.DataFrame({"row": cand[:m], "k": kk}))
    lt = pd.concat(lt, ignore_index=True)
    mondays = np.arange(
        to_days(np.array(["2015-01-05"], dtype="datetime64[D]"))[0],
        to_days(np.array(["2018-12-31"], dtype="datetime64[D]"))[0],
        7,
    )
    grid = pd.DataFrame(
        {
            "row": np.repeat(lt.row.to_numpy(), len(mondays)),
            "k": np.repeat(lt.k.to_numpy(), len(mondays)),
            "day": np.tile(mondays, len(lt)),
        }
    )
    yr = year_of(from_days(grid.day.to_numpy()))
    mon = from_days(grid.day.to_numpy()).astype("datetime64[M]").astype(int) % 12
    is_failing = np.array([(kk, y) in failing for kk, y in zip(grid.k, yr, strict=True)], bool)
    # Failing years: three services a week in even months, one in odd months.
    extra = is_failing & (mon % 2 == 0)
    reps = np.where(extra, 3, 1)
    grid = grid.loc[grid.index.repeat(reps)].reset_index(drop=True)
    grid["day"] = grid.day + (np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)) * 2
    return pd.DataFrame(
        {
            "r": grid.row.to_numpy(),
            "day": grid.day,
            "kom": codes[grid.k.to_numpy()],
            "single": False,
        }
    )


# --- the national scale: the extra persons --------------------------------------------

# Of the extra persons: those in DREAM only, who died or left before 2014; and the mean
# share of the others that are in BEF at the end of a given year (born by then, not yet
# dead or emigrated). Both from this module's age and event model (seed 1), so that BEF
# has about NATIONAL_BEF_PERSONS a year and DREAM about NATIONAL_DREAM_PERSONS (81 % of
# the residents are born by 2002 and have a DREAM row).
FORMER_RESIDENT_SHARE = 0.027
RESIDENT_YEAR_SHARE = 0.942

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


def _day(iso: str) -> int:
    return int(to_days(np.array([iso], dtype="datetime64[D]"))[0])


def _uniform_days(rng, lo, hi) -> np.ndarray:
    """A uniform day in [lo, hi] (arrays; hi < lo gives lo)."""
    lo = np.asarray(lo, dtype=np.int64)
    span = np.maximum(np.asarray(hi, dtype=np.int64) - lo, 0)
    return lo + (rng.random(np.broadcast(lo, span).shape) * (span + 1)).astype(np.int64)


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


# --- the extra persons' registers ---------------------------------------------------


def extra_registers(p: pd.DataFrame, ids, ref: ReferenceData, rng, chunk: int) -> dict:
    """Every register's rows of the extra persons p (but DREAM: extra_dream), drawn
    from rng in a fixed order; `chunk` numbers their LPR records."""
    return {
        "bef": _bef(p, ids, ref, rng),
        "ind": _ind(p, ids, rng),
        "udda": _udda(p, ids, ref, rng),
        "dod": _dod(p, ids),
        "vnds": _vnds(p, ids, rng),
        "bfl": _bfl(p, ids, ref, rng),
        **_lpr(p, ids, ref, rng, chunk),
        "sssy": _sssy(p, ids, rng),
    }


def _bef(p, ids, ref, rng) -> pa.Table:
    origin = p.origin.to_numpy()
    country = bef.country_of_origin(origin, ref, rng)
    ie_type = np.where(origin == 0, 1, np.where(p.descendant.to_numpy(), 3, 2))
    partner = bef.partner_numbers(p.cohabiting.to_numpy(), rng)
    r, year = person_years(_resident(p, np.array(bef.YEARS)), bef.YEARS)
    codes = ref.municipalities.municipality_code.to_numpy()
    return bef.table(
        ids, r, year, sex=p.sex.to_numpy(), birth=p.birth.to_numpy(), kom=codes[p.k.to_numpy()],
        partner=partner, ie_type=ie_type, country=country,
    )  # fmt: skip


def _ind(p, ids, rng) -> pa.Table:
    r, year = person_years(_resident(p, np.array(ind.YEARS), min_age=15), ind.YEARS)
    noise = rng.lognormal(0, 0.08, len(r))
    return ind.table(ids, r, year, p.income.to_numpy()[r] * 1.02 ** (year - 2015) * noise)


def _udda(p, ids, ref, rng) -> pa.Table:
    groups = list(T.EDUCATION)
    n = len(p)
    grp = p.education.to_numpy()
    prefix = np.empty(n, dtype=object)
    for g, name in enumerate(groups):
        options = udda.prefixes(ref, name)
        m = grp == g
        prefix[m] = options[rng.integers(len(options), size=m.sum())]
    code = udda.code(prefix, rng.integers(10, 100, n))
    code = np.where((grp == len(groups) - 1) & (rng.random(n) < 0.3), None, code)
    r, year = person_years(_resident(p, np.array(udda.YEARS), min_age=15), udda.YEARS)
    return udda.table(ids, r, year, code)


def _dod(p, ids) -> pa.Table:
    r = np.flatnonzero(p.death_day.to_numpy() >= 0)
    return dod.table(ids, r, p.death_day.to_numpy()[r])


def _vnds(p, ids, rng) -> pa.Table:
    arrival = p.arrival_day.to_numpy()
    recorded = (arrival >= 0) & ((arrival >= _day(WINDOW[0])) | (rng.random(len(p)) < 0.85))
    ri = np.flatnonzero(recorded)
    ru = np.flatnonzero(p.emig_day.to_numpy() >= 0)
    return vnds.table(
        ids,
        np.concatenate([ri, ru]),
        np.concatenate([arrival[ri], p.emig_day.to_numpy()[ru]]),
        np.repeat(["I", "U"], [len(ri), len(ru)]),
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
    db07 = bfl.db07(division, rng)
    # The main job (full or part time) and for some a second job with other employers.
    full = rng.random(n) < 0.7
    main_hours = np.where(full, rng.normal(155, 8, n), rng.normal(90, 25, n))
    second_hours = rng.normal(30, 10, n)
    cvr_main = bfl.cvr_numbers(n, rng)
    cvr_second = bfl.cvr_numbers(n, rng)
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
        idx, offs = spread(np.where(has, length, 0))
        per_month = np.clip(hours[idx] + rng.normal(0, 4, len(idx)), 1, 220).round(1)
        parts.append((idx, start[idx] + offs, per_month, idx + job * n))
    idx, month, hours, cvr_idx = (np.concatenate(x) for x in zip(*parts, strict=True))
    aarmd = (2014 + month // 12) * 100 + month % 12 + 1
    return bfl.table(ids, idx, aarmd, take(cvr, cvr_idx), hours, take(db07, idx))


def _lpr(p, ids, ref, rng, chunk: int) -> dict[str, pa.Table]:
    """Hospital contacts 2014-2018 (more with age), their diagnoses, some operations and
    other procedures (never a rehab plan code)."""
    first, last = _resident_days(p)
    years = np.maximum(last - first + 1, 0) / 365.25
    rate = (0.12 + np.clip(p.age.to_numpy(), 0, 100) / 250) * years
    count = rng.poisson(rate)
    count = np.where(last >= first, count, 0)
    idx, _ = spread(count)
    m = len(idx)
    recnum = lpr.record_numbers(f"N{chunk:03d}", m, width=8)
    day = _uniform_days(rng, first[idx], last[idx])
    kind = rng.choice(3, size=m, p=[0.2, 0.65, 0.15])  # inpatient, outpatient, emergency
    acute = (kind == 2) | ((kind == 0) & (rng.random(m) < 0.5))
    stay = np.where(kind == 0, rng.integers(1, 11, m), 0)
    discharge = np.minimum(day + stay, _day("2018-12-31"))
    which = rng.integers(len(DIAGNOSES), size=m)
    diag = DIAGNOSES[which]
    mdc = np.array([MDC_OF_CHAPTER[d[1]] for d in DIAGNOSES])[which]
    specialties = ref.specialties.specialty_code.to_numpy()
    spec = specialties[rng.integers(len(specialties), size=m)]
    codes = ref.municipalities.municipality_code.to_numpy()
    adm = lpr.adm(
        recnum, ids, idx, day, discharge, np.array(["0", "2", "3"])[kind],
        np.where(acute, "1", "2"), spec, codes[p.k.to_numpy()[idx]], diag, mdc,
    )  # fmt: skip
    sec = np.flatnonzero(rng.random(m) < 0.3)
    diag_rows = lpr.diag(
        np.concatenate([recnum, recnum[sec]]),
        np.concatenate([diag, DIAGNOSES[rng.integers(len(DIAGNOSES), size=len(sec))]]),
        np.repeat(["A", "B"], [m, len(sec)]),
    )
    op = np.flatnonzero(rng.random(m) < 0.08)
    ub = np.flatnonzero(rng.random(m) < 0.12)
    op_code = OPERATIONS[rng.integers(len(OPERATIONS), size=len(op))]
    ub_code = PROCEDURES[rng.integers(len(PROCEDURES), size=len(ub))]
    return {
        "lpr_adm": adm,
        "lpr_diag": diag_rows,
        "lpr_sksopr": lpr.procedures(recnum[op], op_code, day[op]),
        "lpr_sksube": lpr.procedures(recnum[ub], ub_code, day[ub]),
    }


def _sssy(p, ids, rng) -> pa.Table:
    """GP consultations (about one a year in this sample) and physiotherapy series."""
    first, last = _resident_days(p)
    years = np.maximum(last - first + 1, 0) / 365.25
    n = len(p)
    gp = np.where(last >= first, rng.poisson(1.2 * years), 0)
    i_gp, _ = spread(gp)
    gp_day = _uniform_days(rng, first[i_gp], last[i_gp])
    physio = (last >= first) & (rng.random(n) < 0.08)
    i_ph, offs = spread(np.where(physio, rng.integers(3, 11, n), 0))
    ph_start = _uniform_days(rng, first, np.maximum(last - 90, first))
    ph_day = np.minimum(ph_start[i_ph] + 7 * offs, last[i_ph])
    person = np.concatenate([i_gp, i_ph])
    day = np.concatenate([gp_day, ph_day])
    # Service kind: 0 GP consultation, 1 GP phone, 2 physiotherapy, 3 ergotherapy.
    kind = np.concatenate(
        [
            np.where(rng.random(len(i_gp)) < 0.75, 0, 1),
            np.where(rng.random(len(i_ph)) < 0.9, 2, 3),
        ]
    )
    # Counted per person, week and kind on an integer key (sssy.per_week's pandas
    # grouping is slow at this size, and orders a week's kinds by specialty).
    y, w = iso_year_week(from_days(day))
    key = (person.astype(np.int64) * 10_000 + (y % 100) * 100 + w) * 4 + kind
    uniq, count = np.unique(key, return_counts=True)
    kind_u = uniq % 4
    yyww = (uniq // 4) % 10_000
    person_u = uniq // 4 // 10_000
    return sssy.table(
        ids,
        person_u,
        zfill(yyww.astype(str), 4),
        np.array([sssy.GP, sssy.GP, sssy.PHYSIO, sssy.ERGO])[kind_u],
        np.array([sssy.CONSULTATION, sssy.PHONE, sssy.TREATMENT, sssy.TREATMENT])[kind_u],
        count,
    )


# --- the extra persons' DREAM -------------------------------------------------------


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
