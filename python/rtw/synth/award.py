"""The designed units of METHOD §12, the disability-pension award benchmark (issue 16).

Persons in a long spell (26+ weeks) of a §12 baseline group in ISO week 1 of 2016
(`first_year` 2016), and persons whose spell starts in 2016 (units from 2017 on), each
designed so that §12's population rules keep them: aged 18-64 in the year, alive and
resident (no death, emigration, 997/999) through week 52, on their spell's code (not
783 or 771) in week 1. Their registers show the §12 covariate levels written to the
truth; the award (§11c: a first 783 week after 52 without, in weeks 1-52 of the year)
is drawn from a logistic model (targets.AWARD_TRUE_COEFFICIENTS, an intercept, and the
municipality's true effect = log of reform.py's true award ratio, one truth per
municipality for §11c and §12). 2016's draw comes first: an awarded person is on 783
from the award week on (to death, emigration or folkepension), so not a 2017 unit;
one not awarded stays in the spell to week 1 of 2017 (a 2017 unit, its spell now 52+
weeks) or leaves it in 2016 (to work, unemployment or self-support); 2017's units
(the stayers and the 2016 entrants) then draw theirs, and those not awarded stay on or
leave in 2018.

Timeline of a unit, before its spell (start week s, code of the baseline group, with
no other code in it): a gap of 4-16 blank weeks (so that no other spell joins it,
whatever set of groups a §8 spell is built from), before that for some an unemployment
spell (111, not a §12 baseline group, so it makes no unit of its own) and paid work
(BFL hours) right before the spell ("recent"), only before the unemployment spell
("earlier") or never.

What the registers can show (decisions, see the comments in `_levels`): DREAM starts in
2014 week 1 and BFL in 2014-01, and no designed spell is left-censored (it starts in
DREAM's week 7 or later), so `baseline_spell_weeks` 104+ occurs only in 2017, and
`benefit_weeks_3y` 104-155 only in 2017 (2016's 156 weeks before reach back to 2013,
which DREAM lacks) and 156 never; `years_since_work` 5+ cannot be told from never (BFL
holds at most three years before 2017) and is not designed. Every level value is kept
away from its band's edges by at least one week or two months, so that "weeks before
week 1" read inclusive or exclusive of week 1, or a month count from December or
January, give the same level.

`award_units` returns the group (reform._Group), its own register rows and the truth:
one row per (pnr, year), written to `_truth/award_units.parquet`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from rtw.synth import dream as D
from rtw.synth import targets as T
from rtw.synth.calendar import WeekCalendar, iso_year_week, to_days
from rtw.synth.reference_data import ReferenceData
from rtw.synth.reform import draw
from rtw.synth.registers import bef, dod, ind, lpr, sssy, udda
from rtw.synth.registers.columns import person_years, zfill

YEARS = (2016, 2017)  # METHOD §12's award_years
COVARIATES = list(T.AWARD_TRUE_COEFFICIENTS)
GROUP_OF_CODE = {
    D.SOCIAL_ASSISTANCE: "social_assistance",
    D.SICK: "sickness",
    D.JOB_CLARIFICATION: "jobafklaring",
    D.REVALIDATION: "revalidering",
}
FIRST_SPELL_COL = 6  # not left-censored (§8: a start within 4 weeks of DREAM's first)
GAP_WEEKS = (4, 17)  # blank weeks before the spell, end excluded
PRIOR_WEEKS = (8, 61)  # the unemployment spell before the gap, end excluded
GP_WEEKS = 20  # GP consultations in weeks -20..-1 before week 1: inside §5's 6 months
# Benefit weeks (of the 156 before week 1) and months since the last paid month (from
# January of the year) next to a band edge: such persons are drawn again.
BENEFIT_EDGES = (51, 52, 103, 104, 155, 156)
UNDER_1_MONTHS, FROM_1_MONTHS, FROM_5_MONTHS = 9, 15, 63
PSYCH_DIAGNOSES = np.array(["DF321", "DF412", "DF431", "DF329", "DF603", "DF200"])
HISTORY_DAYS = ("2012-01-01", "2015-12-31")  # inside 2016's and 2017's five years before
RECNUM_PREFIX = {5: "A", 6: "B"}


@dataclass
class AwardUnits:
    group: object  # reform._Group
    facts: pd.DataFrame  # per person: sex, origin, cohabiting, education, psych, comorbidity
    gp: pd.DataFrame  # per unit: row, year, contacts
    truth: pd.DataFrame  # per unit (row = the person's row in the group)
    awards: pd.DataFrame  # col, under40: the units' awards (for reform._awards)
    intercept: float


def _w1(cal: WeekCalendar, year: int) -> int:
    return int(cal.week_index(np.array([dt.date.fromisocalendar(year, 1, 1)], "datetime64[D]"))[0])


def _per_municipality(ref: ReferenceData, n: float, minimum: int) -> np.ndarray:
    pop = ref.inhabitants(2016)
    return np.maximum(np.round(pop / pop.sum() * n).astype(int), minimum)


def _band(values, edges, names) -> np.ndarray:
    """names[i] for edges[i] <= value < edges[i + 1]."""
    return np.array(names, dtype=object)[np.searchsorted(edges, values, side="right") - 1]


def _age_band(age):
    return _band(age, [18, 30, 40, 50, 60], list(T.AWARD_TRUE_COEFFICIENTS["age_band"]))


def _levels(on, paid, months, s, cal, year) -> dict:
    """The levels of the year that the registers show, from the designed weeks (`on`:
    public-benefit weeks, class on_benefits; `paid`: weeks with BFL hours); None where a
    value is next to a band edge (the person is drawn again)."""
    w1 = _w1(cal, year)
    c = w1 - s + 1  # spell week of week 1 (§8: the start is spell week 1)
    spell = _band(c, [26, 52, 104], ["26-51", "52-103", "104+"])
    # Public-benefit weeks in the 156 weeks before week 1 (only DREAM's: from 2014).
    b = D.window_count(on, np.full(len(s), w1 - 156), np.full(len(s), w1 - 1))
    benefit = _band(b, [0, 52, 104, 156], ["0-51", "52-103", "104-155", "156"])
    # Months from the last month with BFL hours to January of the year (BFL from 2014-01).
    last = np.where(paid[:, :w1].any(axis=1), w1 - 1 - np.argmax(paid[:, :w1][:, ::-1], 1), -1)
    mm = months[np.maximum(last, 0)]
    ago = year * 12 + 1 - (mm // 100 * 12 + mm % 100)
    work = np.where(
        last < 0,
        "never",
        np.where(ago <= UNDER_1_MONTHS, "under 1", np.where(ago < FROM_5_MONTHS, "1-4", "5+")),
    ).astype(object)
    ok = ~np.isin(b, BENEFIT_EDGES) & ~np.isin(c, (26, 52, 104))
    ok &= (last < 0) | (ago <= UNDER_1_MONTHS) | ((ago >= FROM_1_MONTHS) & (ago < FROM_5_MONTHS))
    return {"spell": spell, "benefit": benefit, "work": work, "ok": ok}


def _timelines(rng, ref, cal, k, first_year, group_factory):
    """Persons of municipalities k with first unit year `first_year` (array): attributes,
    DREAM before and in the spell (the spell painted to the end for now) and paid weeks;
    returns the group, the spell start, the code and the levels of both years."""
    n = len(k)
    w1 = np.where(first_year == 2016, _w1(cal, 2016), _w1(cal, 2017))
    band = draw(rng, T.AWARD_AGE_BAND, n)
    # 19 at least: an award at 17 in the year of the 18th birthday is outside table 20.
    lo = np.maximum(np.array([int(b[:2]) for b in band]), 19)
    hi = np.where(band == "60-64", 64, lo + 9)
    age = rng.integers(lo, hi + 1)
    # Born on day 2-364 of the year: never 65 in ISO week 52 of a unit year.
    birth_year = first_year - age
    birth = to_days(((birth_year - 1970).astype("datetime64[Y]")).astype("datetime64[D]"))
    birth = birth + rng.integers(1, 364, n)
    g = group_factory(k, birth, rng.uniform(110, 165, n))
    long = (first_year == 2016) & (rng.random(n) < T.AWARD_LONG_SPELL_2016)
    c = np.where(long, rng.integers(53, 101, n), rng.integers(27, 52, n))
    s = np.maximum(w1 - c + 1, FIRST_SPELL_COL)
    code = draw(rng, T.AWARD_BASELINE_CODES, n).astype(np.int16)
    gap = rng.integers(*GAP_WEEKS, n)
    prior = rng.random(n) < T.AWARD_PRIOR_UNEMPLOYMENT
    plen = rng.integers(*PRIOR_WEEKS, n)
    p1 = s - gap - 1
    p0 = np.maximum(p1 - plen + 1, 0)
    prior &= p1 >= 0
    rows = np.arange(n)
    g.mx.paint(rows[prior], p0[prior], p1[prior], D.UNEMPLOYED)
    g.mx.paint(rows, s, np.full(n, cal.n_weeks - 1), code)
    work = draw(rng, T.AWARD_WORK, n)
    work = np.where((work == "earlier") & ~(prior & (p0 > 0)), "never", work)
    cols = np.arange(cal.n_weeks)[None, :]
    blank = g.mx.m == 0
    until = np.where(work == "recent", s - 1, np.where(work == "earlier", p0 - 1, -1))
    # A sickness unit was not in work in the month two months before its spell (no
    # BFL hours from 20 weeks before it): its spell is none of §9's benchmark spells
    # (rule 4), which keeps the sickness case and its calibration as they are.
    until = np.where(code == D.SICK, np.minimum(until, s - 20), until)
    g.paid[:] = blank & (cols <= until[:, None])
    on = g.mx.class_lut[g.mx.m] == 1
    months = D.week_months(cal)
    lv = {y: _levels(on, g.paid, months, s, cal, y) for y in YEARS}
    return g, s, code, lv


def _intercept(terms: list[tuple[np.ndarray, np.ndarray]], target: float) -> float:
    """The intercept a with sum over terms of weight * logistic(a + eta) = target."""
    lo, hi = -15.0, 10.0
    for _ in range(60):
        mid = (lo + hi) / 2
        got = sum((w / (1 + np.exp(-(mid + eta)))).sum() for w, eta in terms)
        lo, hi = (mid, hi) if got < target else (lo, mid)
    return (lo + hi) / 2


def award_units(
    ref: ReferenceData,
    cal: WeekCalendar,
    fraction: float,
    ratio: np.ndarray,
    seed: int,
    stream: int,
    group_factory,
    intercept: float | None = None,
    minimum: bool = True,
    other_awards: pd.DataFrame | None = None,
) -> AwardUnits:
    """The designed §12 units at `fraction` of targets.AWARD_UNITS_2016 and
    AWARD_ENTRANTS_2017 (see module doc). `ratio`: the true municipal award ratios;
    `intercept`: None solves it (the awards of 2016 and 2017, in expectation, are
    AWARD_UNIT_AWARDS_SHARE of table 20's less `other_awards`', the ressourceforløb
    persons' awards: col); the national scale's rest passes the default population's."""
    rng = np.random.default_rng([seed, stream, 1])
    scale = fraction / T.REFORM_FRACTION
    mins = [int(round(m * scale)) if minimum else 0 for m in T.AWARD_MIN_PER_MUNICIPALITY]
    want_a = _per_municipality(ref, T.AWARD_UNITS_2016 * fraction, mins[0])
    want_b = _per_municipality(ref, T.AWARD_ENTRANTS_2017 * fraction, mins[1])
    # Draw 60 % more than wanted, drop the persons with a level next to a band edge, keep
    # the wanted number per municipality (first ones).
    over = np.ceil(np.r_[want_a, want_b] * 1.6 + 3).astype(int)
    n_k = len(want_a)
    k = np.repeat(np.r_[np.arange(n_k), np.arange(n_k)], over)
    first_year = np.repeat(np.r_[np.full(n_k, 2016), np.full(n_k, 2017)], over)
    g, s, code, lv = _timelines(rng, ref, cal, k, first_year, group_factory)
    ok = np.where(first_year == 2016, lv[2016]["ok"] & lv[2017]["ok"], lv[2017]["ok"])
    rank = pd.Series(ok).groupby([k, first_year]).cumsum().to_numpy()
    want = np.where(first_year == 2016, want_a[k], want_b[k])
    keep = np.flatnonzero(ok & (rank <= want))
    g = g.take(keep)
    k, first_year, s, code = k[keep], first_year[keep], s[keep], code[keep]
    lv = {y: {name: v[keep] for name, v in lv[y].items()} for y in YEARS}
    n = len(k)
    rows = np.arange(n)

    facts = pd.DataFrame(
        {
            "sex": np.where(rng.random(n) < 0.5, 2, 1),
            "origin": rng.choice(3, size=n, p=list(T.ORIGIN.values())),
            # Fewer live with a partner than the rehab cohort's in work.  # assumed
            "cohabiting": rng.random(n) < T.P_COHABITING * 0.7,
            "education": draw(rng, T.EDUCATION, n),
            "psychiatric": rng.random(n) < T.AWARD_PSYCHIATRIC,
            "comorbidity": rng.random(n) < T.AWARD_COMORBIDITY,
        }
    )
    m = ref.municipalities
    codes = m.municipality_code.to_numpy()
    effect = np.log(ratio)
    birth_year = (g.birth.astype("datetime64[D]").astype("datetime64[Y]").astype(int)) + 1970

    def unit_levels(year: int, r: np.ndarray, gp: np.ndarray) -> pd.DataFrame:
        from rtw.synth.working import _band as band

        y = lv[year]
        dens = m[year].to_numpy()[k[r]] / m.area_km2.to_numpy()[k[r]]
        return pd.DataFrame(
            {
                "sex": np.where(facts.sex.to_numpy()[r] == 2, "woman", "man"),
                "age_band": _age_band(year - birth_year[r]),
                "origin": np.array(list(T.ORIGIN))[facts.origin.to_numpy()[r]],
                "cohabiting": np.where(facts.cohabiting.to_numpy()[r], "yes", "no"),
                "education": facts.education.to_numpy()[r],
                "baseline_group": pd.Series(code[r]).map(GROUP_OF_CODE).to_numpy(),
                "baseline_spell_weeks": y["spell"][r],
                "benefit_weeks_3y": y["benefit"][r],
                "years_since_work": y["work"][r],
                "psychiatric_illness": np.where(facts.psychiatric.to_numpy()[r], "yes", "no"),
                "comorbidity": np.where(facts.comorbidity.to_numpy()[r], "yes", "no"),
                "gp_contacts_6m": band(ref, "gp_contacts_6m", gp),
                "population_density": band(ref, "population_density", dens),
                "year": str(year),
            }
        )

    def eta_of(levels: pd.DataFrame) -> np.ndarray:
        eta = np.zeros(len(levels))
        for cov, beta in T.AWARD_TRUE_COEFFICIENTS.items():
            if list(beta.values())[0] != 0:
                raise ValueError(f"targets.AWARD_TRUE_COEFFICIENTS[{cov!r}]: reference not 0")
            got = levels[cov].map(beta)
            if got.isna().any():
                raise ValueError(f"{cov}: levels {sorted(set(levels[cov]))} not all in {beta}")
            eta += got.to_numpy(float)
        return eta

    def gp_counts(r):
        level = draw(rng, T.AWARD_GP_CONTACTS, len(r))
        lo_ = np.array([{"0-2": 0, "3-5": 3, "6-10": 6, "over 10": 11}[x] for x in level])
        hi_ = np.array([{"0-2": 2, "3-5": 5, "6-10": 10, "over 10": 16}[x] for x in level])
        return rng.integers(lo_, hi_ + 1)

    # 2016: the persons with first year 2016; 2017's candidates: the 2016 persons still
    # 18-64 (if they stay) and the entrants.
    r16 = rows[first_year == 2016]
    gp16 = gp_counts(r16)
    lv16 = unit_levels(2016, r16, gp16)
    eta16 = eta_of(lv16) + effect[k[r16]]
    cand17 = rows[(first_year == 2017) | ((2017 - birth_year) <= 64)]
    gp17_all = gp_counts(cand17)
    lv17_all = unit_levels(2017, cand17, gp17_all)
    eta17_all = eta_of(lv17_all) + effect[k[cand17]]
    if intercept is None:
        # Expected awards over both years = the target: 2016's units, then 2017's, a
        # 2016 person counting in 2017 with its chance of being a 2017 unit (not awarded
        # and staying: AWARD_STAY x (1 - p16), which depends on the intercept, hence a
        # few rounds of solving).
        other = np.zeros(len(YEARS))
        if other_awards is not None and len(other_awards):
            from rtw.synth.reform import _week_years

            got = _week_years(cal)[other_awards.col.to_numpy()]
            other = np.array([(got == y).sum() for y in YEARS], float)
        room = np.maximum(T.REFORM_AWARDS_PER_YEAR * fraction - other, 0)
        target = T.AWARD_UNIT_AWARDS_SHARE * room.sum()
        intercept = _intercept([(np.ones(len(r16)), eta16)], target / 2)
        for _ in range(3):  # fixed point: the 2017 weights depend on 2016's p
            p16 = 1 / (1 + np.exp(-(intercept + eta16)))
            w17 = np.where(first_year[cand17] == 2017, 1.0, 0.0)
            stay = pd.Series(1 - p16, index=r16).reindex(cand17).to_numpy() * T.AWARD_STAY
            w17 = np.where(first_year[cand17] == 2016, np.nan_to_num(stay), w17)
            intercept = _intercept([(np.ones(len(r16)), eta16), (w17, eta17_all)], target)

    truth = []
    end = np.full(n, cal.n_weeks - 1)  # the spell's last week (for now: to the end)
    award_col = np.full(n, -1)
    stays = np.zeros(n, bool)
    for year, r, lvy, eta in ((2016, r16, lv16, eta16), (2017, None, None, None)):
        w1 = _w1(cal, year)
        if year == 2017:
            unit17 = ((first_year == 2017) | stays)[cand17]
            r, lvy = cand17[unit17], lv17_all[unit17].reset_index(drop=True)
            eta, gp17 = eta17_all[unit17], gp17_all[unit17]
        p = 1 / (1 + np.exp(-(intercept + eta)))
        award = rng.random(len(r)) < p
        # Weeks 2-52: an award in week 1 would put the person on 783 that week.
        col = w1 + rng.integers(1, 52, len(r))
        award_col[r[award]] = col[award]
        end[r[award]] = col[award] - 1
        stay = ~award & (rng.random(len(r)) < T.AWARD_STAY)
        leave = ~award & ~stay
        # 2016 leavers leave within the year (else they would be 2017 units), 2017 ones
        # in 2018.
        first_leave = w1 + 8 if year == 2016 else w1 + 52
        end[r[leave]] = first_leave + rng.integers(0, 44, leave.sum())
        if year == 2016:
            stays[r[stay]] = True
        truth.append(
            pd.DataFrame(
                {
                    "row": r,
                    "year": np.int32(year),
                    "municipality_code": codes[k[r]].astype(np.int32),
                    "true_p": p,
                    "true_municipal_effect": effect[k[r]],
                    "true_award": award.astype(np.int32),
                    "award_week_start": pd.Series(cal.monday(col).astype("datetime64[D]")).where(
                        award
                    ),
                    **{f"true_level__{c}": lvy[c].to_numpy() for c in COVARIATES},
                }
            )
        )
    gp = pd.concat(
        [
            pd.DataFrame({"row": r16, "year": 2016, "contacts": gp16}),
            pd.DataFrame({"row": r, "year": 2017, "contacts": gp17}),
        ],
        ignore_index=True,
    )

    # DREAM after the spell: 783 from the award week (to death or emigration after the
    # year, folkepension at 65); the leavers to work, unemployment or self-support.
    from rtw.synth.reform import _exit_col, _paint_to_end, _retire

    cols = np.arange(cal.n_weeks)[None, :]
    after = cols > end[:, None]
    g.mx.m[after] = 0
    g.paid[after] = False
    aw = np.flatnonzero(award_col >= 0)
    _paint_to_end(g, aw, award_col[aw], D.DISABILITY_PENSION)
    next_year = np.where(award_col[aw] >= _w1(cal, 2017), _w1(cal, 2018), _w1(cal, 2017))
    ex, ex_code = _exit_col(
        rng, len(aw), next_year, T.REFORM_DEATH_RATE_PENSION, T.REFORM_EMIGRATION_RATE
    )
    _paint_to_end(g, aw, ex, ex_code)
    left = np.flatnonzero((award_col < 0) & (end < cal.n_weeks - 1))
    to = draw(rng, T.AWARD_LEAVE_TO, len(left))
    u = left[to == "unemployment"]
    g.mx.paint(u, end[u] + 1, end[u] + rng.integers(26, 81, len(u)), D.UNEMPLOYED)
    w = left[to == "work"]
    g.paid[w] |= cols >= (end[w] + 1 + rng.integers(0, 4, len(w)))[:, None]
    _retire(g, cal)
    g.paid &= g.mx.m == 0

    t = pd.concat(truth, ignore_index=True)
    under40 = (to_days(cal.monday(award_col[aw])) - g.birth[aw]) / 365.25 < 40
    return AwardUnits(
        group=g,
        facts=facts,
        gp=gp,
        truth=t,
        awards=pd.DataFrame({"col": award_col[aw], "under40": under40}),
        intercept=float(intercept),
    )


def award_tables(u: AwardUnits, ids, ref, cal, rng, stream) -> dict[str, pa.Table]:
    """The units' BEF, IND, UDDA, BFL, DOD, LPR and SSSY rows (designed levels)."""
    from rtw.synth.reform import _bfl

    g, f = u.group, u.facts
    n = len(ids)
    m = g.mx.m
    codes = ref.municipalities.municipality_code.to_numpy()
    years = np.array([iso_year_week(cal.monday(np.arange(cal.n_weeks)))[0]])[0]
    gone = (m == D.DEAD) | (m == D.ABROAD)
    has_gone = gone.any(axis=1)
    gone_col = np.where(has_gone, gone.argmax(axis=1), cal.n_weeks - 1)
    last_year = np.where(has_gone, years[gone_col], 9999)
    dead = has_gone & (m[np.arange(n), gone_col] == D.DEAD)
    origin = f.origin.to_numpy()
    country = bef.country_of_origin(origin, ref, rng)
    partner = np.where(
        f.cohabiting.to_numpy(),
        np.char.add("Q", zfill(rng.integers(0, 10**9, n).astype(str), 9)),
        None,
    )
    # In BEF, IND and UDDA up to the year before the one of death or emigration.
    r, year = person_years(np.array(list(bef.YEARS))[None, :] < last_year[:, None], bef.YEARS)
    bef_rows = bef.table(
        ids, r, year, sex=f.sex.to_numpy(), birth=g.birth, kom=codes[g.k], partner=partner,
        ie_type=np.where(origin == 0, 1, 2), country=country,
    )  # fmt: skip
    ri, year_i = person_years(np.array(list(ind.YEARS))[None, :] < last_year[:, None], ind.YEARS)
    income = rng.uniform(110_000, 230_000, n)
    hfaudd = udda.codes_by_group(f.education.to_numpy(), ref, rng)
    day = to_days(cal.monday(gone_col[dead])) + rng.integers(0, 7, dead.sum())
    return {
        "bef": bef_rows,
        "ind": ind.table(ids, ri, year_i, income[ri] * 1.02 ** (year_i - 2016)),
        "udda": udda.table(ids, r, year, hfaudd.astype(str)),
        "bfl": _bfl(ids, g.hours, g.paid, ref, cal, rng),
        "dod": dod.table(ids, np.flatnonzero(dead), day),
        **_lpr(u, ids, ref, rng, RECNUM_PREFIX[stream]),
        "sssy": _sssy(u, ids, cal, rng),
    }


def _lpr(u: AwardUnits, ids, ref, rng, prefix) -> dict[str, pa.Table]:
    """A psychiatric contact (psychiatric specialty, DF diagnosis) and a Charlson
    comorbidity contact in 2012-2015 for the units designed with them; no other."""
    f = u.facts
    psy_spec = lpr.psychiatric_specialties(ref)
    charl = ref.charlson.icd10_prefix.to_numpy()
    first, last = (to_days(np.datetime64(d)) for d in HISTORY_DAYS)
    parts = []
    h = np.flatnonzero(f.psychiatric.to_numpy())
    parts.append(
        pd.DataFrame(
            {
                "r": h,
                "diag": PSYCH_DIAGNOSES[rng.integers(len(PSYCH_DIAGNOSES), size=len(h))],
                "spec": psy_spec[rng.integers(len(psy_spec), size=len(h))].astype(str),
                "mdc": "19",
            }
        )
    )
    h = np.flatnonzero(f.comorbidity.to_numpy())
    pre = charl[rng.integers(len(charl), size=len(h))]
    tail = rng.integers(0, 10, len(h)).astype(str)
    diag = np.array([p if len(p) >= 5 else p + t for p, t in zip(pre, tail, strict=True)], str)
    parts.append(pd.DataFrame({"r": h, "diag": diag, "spec": "01", "mdc": "05"}))
    c = pd.concat(parts, ignore_index=True)
    r = c.r.to_numpy().astype(np.int64)
    day = rng.integers(first, last + 1, len(c))
    recnum = lpr.record_numbers(prefix, len(c))
    codes = ref.municipalities.municipality_code.to_numpy()
    adm = lpr.adm(
        recnum, ids, r, day, day, "2", "2", c.spec.to_numpy().astype(str),
        codes[u.group.k[r]], c.diag.to_numpy().astype(str), c.mdc.to_numpy().astype(str),
    )  # fmt: skip
    return {"lpr_adm": adm, "lpr_diag": lpr.diag(adm["recnum"], adm["c_adiag"], "A")}


def _sssy(u: AwardUnits, ids, cal, rng) -> pa.Table:
    """The designed GP consultations of each unit-year in weeks -20..-1 before week 1."""
    gp = u.gp
    r = np.repeat(gp.row.to_numpy(), gp.contacts.to_numpy())
    w1 = np.repeat(
        np.where(gp.year.to_numpy() == 2016, _w1(cal, 2016), _w1(cal, 2017)), gp.contacts.to_numpy()
    )
    w = w1 - rng.integers(1, GP_WEEKS + 1, len(r))
    return sssy.per_week(ids, r, to_days(cal.monday(w)), sssy.GP, sssy.CONSULTATION)
