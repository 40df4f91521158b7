"""People in work who fall sick: the designed sickness spells of METHOD §9 (issue 16).

Each person of this population lives in one municipality all of 2014-2018, works in one
job and starts one sickness-benefit spell in 2016 or 2017 that outlasts the employer
period (spell week 5). The spell is designed so that the warehouse's §9.1 rules keep it
(in work two months before, no benefit in weeks -9..-7, alive and resident, determinable
at month 3, one spell a year) and so that the registers show the §9.3 covariate levels
drawn here. Whether the person is on benefits at month 3 (§9.2) is drawn from a logistic
model: targets.SICKNESS_TRUE_COEFFICIENTS, an intercept that gives the share still
running at spell week 13 of figur 7 (targets.SICKNESS_SURVIVAL), and a true municipal
effect per municipality (normal, sd targets.SICKNESS_MUNICIPAL_SD). The outcome is then
realised in DREAM: a spell on benefits at month 3 runs past spell week 13 with figur 7's
survival after it; one off benefits ends in spell weeks 5-12. What follows the spell
is drawn by its duration (`_aftermath`): the longer it ran, the likelier a year or more
out of work (jobafklaring, ressourceforløb, unemployment, førtidspension, efterløn,
education), which gives figur 7's udstødningsgrad (targets.SICKNESS_UDSTOEDNING).

`working_population` returns the registers' rows of these persons and the truth: one row
per designed spell, written to `_truth/sickness_spells.parquet`, with the designed
duration, first partial-return (899) spell week and destination 4 weeks after the end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from rtw.synth import dream as D
from rtw.synth import targets as T
from rtw.synth.calendar import WeekCalendar, from_days, to_days, yyyymm
from rtw.synth.reference_data import ReferenceData
from rtw.synth.registers import bef, bfl, ind, lpr, sssy, udda
from rtw.synth.registers.columns import person_years, take, zfill

CASE = "sickness"
COVARIATES = [
    "sex",
    "age_group",
    "cohabiting",
    "origin",
    "income_group",
    "education",
    "industry_group",
    "full_time",
    "benefit_weeks_prior_year",
    "gp_contacts_6m",
    "psychiatric_illness",
    "comorbidity",
    "population_density",
    "start_year",
    "hospital_contact_around_start",
    "surgery_around_start",
    "start_quarter",
]
START_YEARS = (2016, 2017)
BEF_YEARS = range(2014, 2019)
IND_YEARS = range(2013, 2019)
BFL_FIRST_MONTH = 2014 * 12  # months since year 0: BFL covers 2014-01 .. 2018-12
BFL_LAST_MONTH = 2018 * 12 + 11
# Diagnoses of the designed hospital contacts: none is a Charlson code (checked below),
# so only the designed comorbidity contacts give the comorbidity level.
MSK_DIAGNOSIS, MSK_MDC = "DM545", "08"
OTHER_DIAGNOSES = np.array(["DR074", "DR104", "DJ069", "DK359", "DH251"])
OTHER_MDC = {"DR074": "23", "DR104": "23", "DJ069": "03", "DK359": "06", "DH251": "02"}
PSYCH_DIAGNOSES = np.array(["DF321", "DF412", "DF431", "DF329", "DF603"])
OPERATIONS = np.array(["KNFB20", "KNGB20", "KNBJ51", "KJFB00", "KLCA10"])


@dataclass
class Working:
    """The working population's register rows and the truth of its designed spells."""

    tables: dict[str, pa.Table]
    ids: np.ndarray  # pnr of each DREAM row
    dream: np.ndarray  # person x week codes on the cohort's calendar
    truth: pd.DataFrame
    design: Design | None = None


@dataclass(frozen=True)
class Design:
    """What every stream of the working population shares: the true municipal effects
    (log-odds, one per municipality) and the intercept of the true model."""

    municipal_effect: np.ndarray
    intercept: float


# Random streams and the prefixes of their made-up identifiers (LPR record numbers,
# partners), so that the national scale's second stream never reuses the first's.
STREAM_TAGS = {4: ("W", "P"), 8: ("J", "K")}


def _levels(ref: ReferenceData, covariate: str) -> list[str]:
    lv = ref.all_covariate_levels
    lv = lv.loc[(lv.benchmark_case == CASE) & (lv.covariate == covariate)]
    return lv.sort_values("level_order")["level"].tolist()


def _bounds(ref: ReferenceData, covariate: str) -> tuple[np.ndarray, np.ndarray]:
    lv = ref.all_covariate_levels
    lv = lv.loc[(lv.benchmark_case == CASE) & (lv.covariate == covariate)]
    lv = lv.sort_values("level_order")
    lo = pd.to_numeric(lv.lower_bound).fillna(-np.inf).to_numpy(float)
    hi = pd.to_numeric(lv.upper_bound).fillna(np.inf).to_numpy(float)
    return lo, hi


def _band(ref: ReferenceData, covariate: str, values) -> np.ndarray:
    """Level names of values by the sickness case's bounds (lower inclusive)."""
    lo, hi = _bounds(ref, covariate)
    v = np.asarray(values, dtype=float)[:, None]
    inside = (v >= lo[None, :]) & (v < hi[None, :])
    if not inside.any(axis=1).all():
        raise ValueError(f"{covariate}: values outside every band of case {CASE}")
    return np.array(_levels(ref, covariate))[inside.argmax(axis=1)]


def _draw(rng, shares: dict, n: int) -> np.ndarray:
    names = list(shares)
    p = np.array([shares[k] for k in names], float)
    return np.array(names)[rng.choice(len(names), size=n, p=p / p.sum())]


def spells_per_municipality(ref: ReferenceData, scale: float, minimum: bool = True) -> np.ndarray:
    """Designed spells per municipality and start year: the population's share of
    T.SICKNESS_SPELLS_PER_YEAR, at least T.SICKNESS_MIN_PER_MUNICIPALITY_YEAR (so that
    every municipality passes §9.1 rule 9 at the default scale), both scaled; without
    the minimum for the national scale's rest (the default part already has it)."""
    pop = ref.inhabitants(2016)
    n = np.round(pop / pop.sum() * T.SICKNESS_SPELLS_PER_YEAR * scale).astype(int)
    if not minimum:
        return n
    return np.maximum(n, int(round(T.SICKNESS_MIN_PER_MUNICIPALITY_YEAR * scale)))


def _duration_on(rng, n: int) -> np.ndarray:
    """Spell weeks of a spell still running at spell week 13: figur 7's survival
    relative to week 13, log-linear between its points; after week 78 (figur 7's last)
    the share left after each further 26 weeks is targets.SICKNESS_SURVIVAL_104, up to
    week 208, which no spell starting in 2016-17 reaches inside the registers (a cap
    inside them would end every spell still running there within a quarter)."""
    s = T.SICKNESS_SURVIVAL
    weeks = np.array([13, 26, 52, 78, 104, 130, 156, 182, 208], float)
    tail = s[78] * T.SICKNESS_SURVIVAL_104 ** np.arange(1, 6)
    surv = np.array([s[13], s[26], s[52], s[78], *tail]) / s[13]
    u = rng.random(n)
    # Duration D >= d with probability S(d): invert the piecewise log-linear survival.
    target = -np.log(np.maximum(1 - u, surv[-1]))
    d = np.interp(target, -np.log(surv), weeks)
    return np.floor(d).astype(int).clip(13, int(weeks[-1]))


def _duration_off(rng, n: int) -> np.ndarray:
    """Spell weeks (5-12) of a spell over by month 3 (targets.SICKNESS_OFF_DURATION):
    most end soon after the employer period, which with figur 7's survival gives the
    white paper's exit within a quarter at weeks 5-8."""
    weeks = np.array(list(T.SICKNESS_OFF_DURATION))
    p = np.array(list(T.SICKNESS_OFF_DURATION.values()), float)
    return weeks[rng.choice(len(weeks), size=n, p=p / p.sum())]


def _short_spells(mx: D.DreamMatrix, rows, busy_until, rng) -> None:
    """Sickness spells of 1-4 weeks (the employer period only) in 2016-17, at least 14
    weeks after the person's designed spell and what followed it (so that its §9 levels
    and outcome stay as drawn), and for some a second one 8 or more weeks after the
    first: figur 7's spells that end before week 5 (309,304 in week 1, 125,749 in week
    5), which bring the exit within a quarter at weeks 1-4 near the white paper's."""
    n = len(rows)
    last_2017 = mx.calendar.week_index(np.array(["2017-12-28"], dtype="datetime64[D]"))[0]
    weeks = np.array(list(T.SICKNESS_SHORT_DURATION))
    p = np.array(list(T.SICKNESS_SHORT_DURATION.values()), float)
    after = busy_until + 14
    for share in T.SICKNESS_SHORT_SPELLS:
        start = after + rng.integers(0, 20, n)
        length = weeks[rng.choice(len(weeks), size=n, p=p / p.sum())]
        has = (rng.random(n) < share) & (start + length - 1 <= last_2017)
        mx.paint(rows[has], start[has], (start + length - 1)[has], D.SICK)
        after = np.where(has, start + length + 8, last_2017 + 1)


OUT_CODES = {
    "jobafklaring": D.JOB_CLARIFICATION,
    "ressourceforloeb": D.RESOURCE,
    "unemployment": D.UNEMPLOYED,
    "foertidspension": D.DISABILITY_PENSION,
    "pension": D.EARLY_RETIREMENT,
    "education": D.STUDY,
}
OUT_WEEKS = (56, 157)  # weeks out of work after the spell (a year and more), end excluded
FIRST_SPELL_WEEK_AFTER_MONTH_3 = 15  # §9.2: weeks 11-13 from the start week 0 = spell weeks 12-14


def _aftermath(mx: D.DreamMatrix, sw, duration, y3, age, rng):
    """What follows each designed spell: out of work for a year or more with chance
    targets.SICKNESS_OUT_AFTER (by the spell's duration), in a group of
    targets.SICKNESS_OUT_GROUPS the person qualifies for; else back in work, after a
    short unemployment spell for some of the spells past month 3
    (targets.SICKNESS_TO_UNEMPLOYMENT). A spell over by month 3 (y3 = 0) that is
    followed by a benefit starts it in spell week 15 (after month 3), so that the
    month-3 outcome stays off benefits; the weeks between are out of work without
    benefit (no BFL hours). Returns the designed destination 4 weeks after the end week
    (METHOD §9.4: a benefit group of §8, `in_work` or `self_supporting_not_in_work`),
    the last week the aftermath takes and the person x week mask of weeks not worked."""
    n = len(sw)
    end = sw + duration - 1
    last = mx.n_weeks - 1
    rows = np.arange(n)
    knots = np.array(list(T.SICKNESS_OUT_AFTER), float)
    out = rng.random(n) < np.interp(duration, knots, list(T.SICKNESS_OUT_AFTER.values()))
    groups = np.array(list(T.SICKNESS_OUT_GROUPS))
    age_end = age + duration // 52
    allowed = {
        "jobafklaring": duration >= T.SICKNESS_MAX_WEEKS,
        "foertidspension": age_end >= 40,
        "pension": age_end >= 60,
        "education": age_end < 40,
    }
    weight = np.stack(
        [np.where(allowed.get(g, np.ones(n, bool)), T.SICKNESS_OUT_GROUPS[g], 0.0) for g in groups],
        axis=1,
    )
    cum = np.cumsum(weight, axis=1)
    pick = (cum < rng.random(n)[:, None] * cum[:, -1:]).sum(axis=1)
    group = groups[pick]
    first = np.where(y3 == 1, end + 1, np.maximum(end + 1, sw + FIRST_SPELL_WEEK_AFTER_MONTH_3 - 1))
    length = rng.integers(*OUT_WEEKS, n)
    # Førtidspension is for good (and efterløn until the calendar ends).
    until = np.where(np.isin(group, ["foertidspension", "pension"]), last, first + length - 1)
    for g, code in OUT_CODES.items():
        m = out & (group == g)
        mx.paint(rows[m], first[m], until[m], code)
    # Jobafklaring runs 20-60 weeks, then a ressourceforløb for the rest.
    clarified = out & (group == "jobafklaring")
    switch = first + rng.integers(20, 61, n)
    mx.paint(rows[clarified], switch[clarified], until[clarified], D.RESOURCE)
    # Unemployment insurance runs out after two years: social assistance for the rest.
    jobless = out & (group == "unemployment")
    mx.paint(rows[jobless], (first + 104)[jobless], until[jobless], D.SOCIAL_ASSISTANCE)
    # Back in work, some after a short unemployment spell.
    short = ~out & (y3 == 1) & (rng.random(n) < T.SICKNESS_TO_UNEMPLOYMENT)
    short_until = end + rng.integers(4, 27, n)
    mx.paint(rows[short], (end + 1)[short], short_until[short], D.UNEMPLOYED)

    not_working = np.zeros(mx.m.shape, dtype=bool)
    weeks = np.arange(mx.n_weeks)[None, :]
    not_working |= out[:, None] & (weeks > end[:, None]) & (weeks <= until[:, None])
    destination = np.where(
        out,
        np.where(first <= end + 4, group, "self_supporting_not_in_work"),
        np.where(short, "unemployment", "in_work"),
    ).astype(object)
    busy_until = np.maximum(end, sw + 13)
    busy_until = np.where(out, until, np.where(short, short_until, busy_until))
    return destination, busy_until, not_working


def _intercept(eta: np.ndarray, target: float) -> float:
    lo, hi = -10.0, 10.0
    for _ in range(60):
        mid = (lo + hi) / 2
        if (1 / (1 + np.exp(-(mid + eta)))).mean() < target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def working_population(
    ref: ReferenceData,
    calendar: WeekCalendar,
    first_id: int,
    scale: float,
    seed: int,
    stream: int = 4,
    design: Design | None = None,
) -> Working:
    """Persons first_id.. with one designed sickness spell each (see module doc), drawn
    from random stream `stream`. The national scale adds the rest of the national size
    from stream 8 with the default part's `design` (its municipal effects and
    intercept), so that both parts follow one true model and the default persons stay
    the same."""
    if stream not in STREAM_TAGS:
        raise ValueError(f"stream must be one of {sorted(STREAM_TAGS)}, got {stream}")
    rng = np.random.default_rng([seed, stream])
    per_k = spells_per_municipality(ref, scale, minimum=design is None)
    k = np.concatenate([np.repeat(np.arange(len(per_k)), per_k)] * len(START_YEARS))
    start_year = np.repeat(START_YEARS, len(k) // len(START_YEARS))
    n = len(k)
    person = first_id + np.arange(n)
    ids = np.char.add("R", zfill(person.astype(str), 9)) if n else np.array([], "<U10")
    codes = ref.municipalities.municipality_code.to_numpy()

    # The start week: uniform over the ISO weeks of the start year.
    weeks_in = np.array([dt.date(y, 12, 28).isocalendar()[1] for y in start_year])
    iso_week = 1 + (rng.random(n) * weeks_in).astype(int)
    monday = np.array(
        [
            dt.date.fromisocalendar(int(y), int(w), 1)
            for y, w in zip(start_year, iso_week, strict=True)
        ],
        dtype="datetime64[D]",
    )
    sw = calendar.week_index(monday)

    # Covariates (the levels the registers will show).
    lv = pd.DataFrame(index=np.arange(n))
    sex = np.where(rng.random(n) < T.SICKNESS_WOMAN, 2, 1)
    lv["sex"] = np.where(sex == 2, "woman", "man")
    age_level = _draw(rng, T.SICKNESS_AGE_GROUP, n)
    lo, hi = _bounds(ref, "age_group")
    names = _levels(ref, "age_group")
    li = np.array([names.index(a) for a in age_level], dtype=int)
    age = (lo[li] + rng.random(n) * (hi[li] - lo[li])).astype(int)
    birth_year = start_year - age
    birth = to_days(((birth_year - 1970).astype("datetime64[Y]")).astype("datetime64[D]"))
    birth = birth + rng.integers(0, 365, n)
    lv["age_group"] = _band(ref, "age_group", start_year - birth_year)
    cohabiting = rng.random(n) < T.P_COHABITING
    lv["cohabiting"] = np.where(cohabiting, "yes", "no")
    origin = rng.choice(3, size=n, p=list(T.ORIGIN.values()))
    lv["origin"] = np.array(list(T.ORIGIN))[origin]
    inc_level = _draw(rng, T.INCOME_GROUP, n)
    lo, hi = _bounds(ref, "income_group")
    names = _levels(ref, "income_group")
    li = np.array([names.index(a) for a in inc_level], dtype=int)
    lo_v = np.maximum(lo[li], 60_000) + 2_000
    hi_v = np.where(np.isfinite(hi[li]), hi[li], 700_000) - 2_000
    income = np.round(lo_v + rng.random(n) * (hi_v - lo_v))
    lv["income_group"] = _band(ref, "income_group", income)
    education = _draw(rng, T.EDUCATION, n)
    lv["education"] = education
    industry = _draw(rng, T.INDUSTRY_GROUP, n)
    lv["industry_group"] = industry
    full_time = rng.random(n) < T.SICKNESS_FULL_TIME
    hours = np.where(full_time, rng.uniform(160, 185, n), rng.uniform(85, 155, n))
    hours = np.round(hours * 2) / 2
    lv["full_time"] = np.where(full_time, "yes", "no")
    prior = _draw(rng, T.SICKNESS_PRIOR_YEAR, n)
    lv["benefit_weeks_prior_year"] = prior
    gp_level = _draw(rng, T.GP_CONTACTS, n)
    lo, hi = _bounds(ref, "gp_contacts_6m")
    names = _levels(ref, "gp_contacts_6m")
    li = np.array([names.index(a) for a in gp_level], dtype=int)
    gp = (lo[li] + rng.random(n) * (np.where(np.isfinite(hi[li]), hi[li], 16) - lo[li])).astype(int)
    lv["gp_contacts_6m"] = _band(ref, "gp_contacts_6m", gp)
    psychiatric = rng.random(n) < T.SICKNESS_PSYCHIATRIC
    comorbidity = rng.random(n) < T.SICKNESS_COMORBIDITY
    lv["psychiatric_illness"] = np.where(psychiatric, "yes", "no")
    lv["comorbidity"] = np.where(comorbidity, "yes", "no")
    m = ref.municipalities
    inhabitants = np.where(start_year == 2016, m[2016].to_numpy()[k], m[2017].to_numpy()[k])
    lv["population_density"] = _band(
        ref, "population_density", inhabitants / m.area_km2.to_numpy()[k]
    )
    lv["start_year"] = start_year.astype(str)
    contact = _draw(rng, T.SICKNESS_CONTACT_AROUND_START, n)
    lv["hospital_contact_around_start"] = contact
    surgery = (contact != "none") & (rng.random(n) < T.SICKNESS_SURGERY_GIVEN_CONTACT)
    lv["surgery_around_start"] = np.where(surgery, "yes", "no")
    thursday = monday + np.timedelta64(3, "D")
    quarter = (thursday.astype("datetime64[M]").astype(int) % 12) // 3 + 1
    lv["start_quarter"] = np.char.add("Q", quarter.astype(str))

    # The true model and the outcome at month 3.
    eta = np.zeros(n)
    for cov in COVARIATES:
        beta = T.SICKNESS_TRUE_COEFFICIENTS[cov]
        if set(beta) != set(_levels(ref, cov)) or beta[_levels(ref, cov)[0]] != 0:
            raise ValueError(
                f"targets.SICKNESS_TRUE_COEFFICIENTS[{cov!r}]: levels {sorted(beta)} are not "
                f"ref_covariate_levels' {_levels(ref, cov)} (case {CASE}, reference 0)"
            )
        eta += lv[cov].map(beta).to_numpy(dtype=float)
    effect_k = rng.normal(0, T.SICKNESS_MUNICIPAL_SD, len(codes))
    if design is None:
        alpha = _intercept(eta + effect_k[k], T.SICKNESS_SURVIVAL[13] / T.SICKNESS_SURVIVAL[5])
        design = Design(effect_k, alpha)
    effect_k, alpha = design.municipal_effect, design.intercept
    true_p = 1 / (1 + np.exp(-(alpha + eta + effect_k[k])))
    y3 = (rng.random(n) < true_p).astype(int)

    # DREAM: the spell, its partial return, what follows it, and the prior year.
    mx = D.DreamMatrix(n, calendar, ref.dream_codes)
    rows = np.arange(n)
    duration = np.where(y3 == 1, _duration_on(rng, n), _duration_off(rng, n))
    end = sw + duration - 1
    mx.paint(rows, sw, end, D.SICK)
    partial_from = sw + rng.integers(4, 13, n)
    partial = (rng.random(n) < T.SICKNESS_PARTIAL_RETURN) & (partial_from <= end)
    mx.paint(rows[partial], partial_from[partial], end[partial], D.PARTIAL_SICK)
    # What follows the spell (METHOD §9.4 udstødningsgrad and destination).
    destination, busy_until, not_working = _aftermath(mx, sw, duration, y3, age, rng)
    # A spell over by month 3 and followed by weeks out of work has no partial return:
    # its hours would make the person in work (§8) in those weeks.
    gap = partial & (destination == "self_supporting_not_in_work")
    mx.paint(rows[gap], partial_from[gap], end[gap], D.SICK)
    partial &= ~gap
    _short_spells(mx, rows, busy_until, rng)
    # The month of rule 4 (the start Monday's month - 2) is worked: the prior year's
    # benefit spell (unemployment) ends before it.
    work_month = monday.astype("datetime64[M]") - 2
    work_first = calendar.week_index(work_month.astype("datetime64[D]") + np.timedelta64(3, "D"))
    last_free = work_first - 1  # the last week a prior-year spell may use
    lo_w = sw - 60
    plen = np.where(
        prior == "none",
        0,
        np.where(prior == "26-52 weeks", rng.integers(26, 40, n), rng.integers(1, 26, n)),
    )
    room = np.maximum(last_free - lo_w + 1 - plen, 0)
    pstart = lo_w + (rng.random(n) * (room + 1)).astype(int)
    has_prior = plen > 0
    mx.paint(rows[has_prior], pstart[has_prior], (pstart + plen - 1)[has_prior], D.UNEMPLOYED)

    truth = pd.DataFrame(
        {
            "pnr": ids,
            "start_week_start": monday.astype("datetime64[D]"),
            "start_year": start_year.astype(np.int32),
            "municipality_code": codes[k].astype(np.int32),
            "true_p": true_p,
            "true_municipal_effect": effect_k[k],
            "true_outcome_3m": y3.astype(np.int32),
            "designed_duration_weeks": duration.astype(np.int32),
            "designed_first_partial_return_spell_week": pd.Series(partial_from - sw + 1)
            .where(partial)
            .astype("Int32"),
            "designed_destination": destination,
            **{f"true_level__{c}": lv[c].to_numpy() for c in COVARIATES},
        }
    )
    facts = pd.DataFrame(
        {
            "k": k,
            "sex": sex,
            "birth": birth,
            "origin": origin,
            "cohabiting": cohabiting,
            "education": education,
            "income": income,
            "start_year": start_year,
            "industry": industry,
            "hours": hours,
            "gp": gp,
            "psychiatric": psychiatric,
            "comorbidity": comorbidity,
            "contact": contact,
            "surgery": surgery,
            "monday": to_days(monday),
        }
    )
    tables = _registers(facts, ids, mx, ref, rng, not_working, STREAM_TAGS[stream])
    return Working(tables=tables, ids=ids, dream=mx.m, truth=truth, design=design)


def _registers(
    f: pd.DataFrame, ids, mx: D.DreamMatrix, ref, rng, not_working: np.ndarray, tags
) -> dict[str, pa.Table]:
    """The registers' facts of the designed persons: resident 2014-2018 in the same
    municipality (BEF), the designed income in the year before the start, 2 % a year
    either side (IND), one highest education of the designed group (UDDA), the job, the
    hospital contacts and the GP consultations (below)."""
    recnum_prefix, partner_prefix = tags
    n = len(f)
    codes = ref.municipalities.municipality_code.to_numpy()
    country = bef.country_of_origin(f.origin.to_numpy(), ref, rng)
    ie_type = np.where(f.origin.to_numpy() == 0, 1, 2)
    partner = np.where(
        f.cohabiting.to_numpy(),
        np.char.add(partner_prefix, zfill(np.arange(n).astype(str), 9)),
        None,
    )
    r, year = person_years(np.ones((n, len(bef.YEARS)), bool), bef.YEARS)
    bef_rows = bef.table(
        ids, r, year, sex=f.sex.to_numpy(), birth=f.birth.to_numpy(), kom=codes[f.k.to_numpy()],
        partner=partner, ie_type=ie_type, country=country,
    )  # fmt: skip
    r, year = person_years(np.ones((n, len(ind.YEARS)), bool), ind.YEARS)
    base = f.start_year.to_numpy()[r] - 1
    income = f.income.to_numpy()[r]
    income = np.where(year == base, income, income * 1.02 ** (year - base))
    hfaudd = udda.codes_by_group(f.education.to_numpy(), ref, rng)
    r_u, year_u = person_years(np.ones((n, len(udda.YEARS)), bool), udda.YEARS)
    return {
        "bef": bef_rows,
        "ind": ind.table(ids, r, year, income),
        "udda": udda.table(ids, r_u, year_u, hfaudd),
        "bfl": _bfl(f, ids, mx, ref, rng, not_working),
        **_lpr(f, ids, ref, rng, recnum_prefix),
        "sssy": _sssy(f, ids, mx, rng),
    }


def _bfl(f, ids, mx: D.DreamMatrix, ref, rng, not_working: np.ndarray) -> pa.Table:
    """One job 2014-2018: the designed hours in rule 4's month, the usual hours in the
    other months in proportion to the weeks without full benefit (none in a month of
    full benefit only, METHOD §8 and REGISTERS.md; none in the weeks out of work after a
    spell either)."""
    n = len(f)
    db = ref.db07
    div_by_group = {g: grp.division.to_numpy() for g, grp in db.groupby("industry_group")}
    div = np.empty(n, dtype=object)
    for g, options in div_by_group.items():
        m = f.industry.to_numpy() == g
        div[m] = options[rng.integers(len(options), size=m.sum())]
    db07 = bfl.db07(div, rng)
    cvr = bfl.cvr_numbers(n, rng)
    months, share = D.work_share(mx.m, mx.calendar, not_working)
    inside = (months // 100 * 12 + months % 100 - 1 >= BFL_FIRST_MONTH) & (
        months // 100 * 12 + months % 100 - 1 <= BFL_LAST_MONTH
    )
    months, share = months[inside], share[:, inside]
    hours = f.hours.to_numpy()[:, None] * share
    noise = rng.normal(0, 4, hours.shape)
    hours = np.where(share > 0, np.clip(hours + noise * share, 1, 220), 0).round(1)
    # Rule 4's month keeps the designed hours (the in-work and full-time levels).
    work = yyyymm(
        (from_days(f.monday.to_numpy()).astype("datetime64[M]") - 2).astype("datetime64[D]")
    )
    col = np.searchsorted(months, work)
    hours[np.arange(n), col] = f.hours.to_numpy()
    r, c = np.nonzero(hours > 0)
    return bfl.table(ids, r, months[c], take(cvr, r), hours[r, c], take(db07, r))


def _lpr(f, ids, ref, rng, recnum_prefix: str) -> dict[str, pa.Table]:
    """The designed hospital contacts: one around the start (weeks 0..+1) of the drawn
    kind, with an operation where surgery is designed; a psychiatric and a comorbidity
    contact in the five calendar years before the start year, ending before week -8."""
    charl = ref.charlson.icd10_prefix.to_numpy()
    lpr.check_not_charlson(ref, [MSK_DIAGNOSIS, *OTHER_DIAGNOSES, *PSYCH_DIAGNOSES], "designed")
    specialties = ref.specialties
    psy_spec = lpr.psychiatric_specialties(ref)
    other_spec = specialties.loc[~specialties.is_psychiatric.astype(bool), "specialty_code"]
    other_spec = other_spec.to_numpy()
    codes = ref.municipalities.municipality_code.to_numpy()
    monday = f.monday.to_numpy()
    contact = f.contact.to_numpy()
    frames = []
    c = np.flatnonzero(contact != "none")
    day = monday[c] + rng.integers(0, 14, len(c))
    kind = contact[c]
    other = OTHER_DIAGNOSES[rng.integers(len(OTHER_DIAGNOSES), size=len(c))]
    diag = np.where(
        kind == "musculoskeletal",
        MSK_DIAGNOSIS,
        np.where(kind == "psychiatric", PSYCH_DIAGNOSES[rng.integers(5, size=len(c))], other),
    )
    mdc = np.where(
        kind == "musculoskeletal",
        MSK_MDC,
        np.where(kind == "psychiatric", "19", [OTHER_MDC[d] for d in other] or ""),
    )
    spec = np.where(
        kind == "psychiatric",
        psy_spec[rng.integers(len(psy_spec), size=len(c))],
        other_spec[rng.integers(len(other_spec), size=len(c))],
    )
    frames.append((c, day, diag, mdc, spec, "A"))

    sy = f.start_year.to_numpy()
    for flag, prefix in (("psychiatric", "P"), ("comorbidity", "C")):
        h = np.flatnonzero(f[flag].to_numpy())
        first = to_days(((sy[h] - 5 - 1970).astype("datetime64[Y]")).astype("datetime64[D]"))
        last = np.minimum(
            to_days(((sy[h] - 1970).astype("datetime64[Y]")).astype("datetime64[D]")) - 1,
            monday[h] - 70,
        )
        day = first + (rng.random(len(h)) * (last - first + 1)).astype(np.int64)
        if flag == "psychiatric":
            diag = PSYCH_DIAGNOSES[rng.integers(len(PSYCH_DIAGNOSES), size=len(h))]
            spec = psy_spec[rng.integers(len(psy_spec), size=len(h))]
            mdc = np.full(len(h), "19")
        else:
            pre = charl[rng.integers(len(charl), size=len(h))]
            tail = rng.integers(0, 10, len(h)).astype(str)
            diag = np.array([p if len(p) >= 5 else p + t for p, t in zip(pre, tail, strict=True)])
            spec = np.full(len(h), "01")
            mdc = np.full(len(h), "05")
        frames.append((h, day, diag, mdc, spec, prefix))

    row = np.concatenate([x[0] for x in frames]).astype(np.int64)
    day = np.concatenate([x[1] for x in frames]).astype(np.int64)
    recnum = lpr.record_numbers(recnum_prefix, len(row))
    adm = lpr.adm(
        recnum, ids, row, day, day, "2", "2", np.concatenate([x[4] for x in frames]).astype(str),
        codes[f.k.to_numpy()[row]], np.concatenate([x[2] for x in frames]).astype(str),
        np.concatenate([x[3] for x in frames]).astype(str),
    )  # fmt: skip
    # Operations on the around-start contacts of designed surgery (the first frame).
    around = frames[0][0]
    op = np.flatnonzero(f.surgery.to_numpy()[around])
    opr_code = OPERATIONS[rng.integers(len(OPERATIONS), size=len(op))]
    none = np.array([], dtype=str)
    return {
        "lpr_adm": adm,
        "lpr_diag": lpr.diag(adm["recnum"], adm["c_adiag"], "A"),
        "lpr_sksopr": lpr.procedures(recnum[op], opr_code, day[op]),
        "lpr_sksube": lpr.procedures(none, none, np.array([], dtype=np.int32)),
    }


def _sssy(f, ids, mx, rng) -> pa.Table:
    """The designed GP consultations in weeks -20..-1 before the start week (inside the
    six months that §5 counts), several in a week as antydel."""
    gp = f.gp.to_numpy()
    r = np.repeat(np.arange(len(f)), gp)
    week = mx.calendar.week_index(from_days(f.monday.to_numpy()))[r] - rng.integers(1, 21, len(r))
    day = to_days(mx.calendar.monday(week))
    return sssy.per_week(ids, r, day, sssy.GP, sssy.CONSULTATION)
