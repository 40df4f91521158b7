"""The reform groups of METHOD §11-12 (issue 16): ressourceforløb, flexjob and
ledighedsydelse, førtidspension (stock and awards) and the rest of the evaluation's
gross target group, calibrated to the reform evaluation (targets.REFORM_*).

Five kinds of person, each living in one municipality all of 2014-2018:
- `ressourceforloeb`: a ressourceforløb spell (810) started 2013-2018 in the numbers of
  table 6 (starts = ended ÷ share ended); for starts 2013-2016 the share ended by the
  evaluation's cut-off (end of February 2017) and the mean duration of the ended ones
  are table 6's by age band, and an ended spell is followed by table 7's status 13 weeks
  after its end. Before the spell: social assistance, jobafklaring or revalidering.
- `award_unit`: the designed units of METHOD §12 (award.py), persons in a long spell of
  a §12 baseline group in 2016-2017 with an award drawn from a known model; they come
  last, and their truth is `_truth/award_units.parquet`.
- `award`: a førtidspension award (783) after 26-156 weeks in the gross target group,
  so that the awards a year (with the ressourceforløb persons awarded after their
  spell and the award units') are table 20's 6,738, 20 % under 40; a spell before an
  award in 2016-2018 makes no §12 unit (under 26 weeks in week 1 of 2016 and 2017).
- `foertidspension`: on 783 from before 2014; the stock in week 46 of 2016 (with the
  awarded) is chapter 6's 214,100.
- `flexjob`: in the flexjob scheme, alternating flexjob (771, partial BFL hours) and
  ledighedsydelse (741) spells; the scheme's full-time persons in September 2017 (with
  the ressourceforløb persons who enter it) are chapter 5's 84,200, about 18 %
  ledighedsydelse.
- `target_group`: the rest of the gross target group (social assistance, jobafklaring,
  revalidering all 2014-2018, with a break of a few weeks in the autumns of 2015 and 2016
  so that none is an undesigned §12 unit), so that awards ÷ full-time persons of the
  gross target group (§11c) is table 28's mean share.

Everyone reaches folkepension (998) at 65; the pensioners die (999) or emigrate (997)
at the rates of targets.REFORM_*; a 783 person never leaves 783 for anything else.
Award persons (and ressourceforløb persons) live in municipalities drawn by
inhabitants × a true municipal award ratio (normal, mean 1, sd REFORM_AWARD_RATIO_SD),
the others by inhabitants alone, so municipal award shares differ as table 28's thirds.

The population is `fraction` (targets.REFORM_FRACTION at the default scale, 1 at the
national scale) of the national counts. `reform_population` returns its register rows
(BEF, IND, UDDA, BFL, DOD, LPR contacts that go with the groups, SSSY GP consultations
before §12's years) and its DREAM rows on the cohort's calendar, and a truth
table (one row per person: group, municipality, true award ratio) written to
`_truth/reform_persons.parquet`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from rtw.synth import dream as D
from rtw.synth import targets as T
from rtw.synth.calendar import WeekCalendar, add_months, from_days, iso_year_week, to_days
from rtw.synth.reference_data import ReferenceData
from rtw.synth.registers import bef, bfl, dod, ind, lpr, sssy, udda
from rtw.synth.registers.columns import person_years, take, zfill

LEDIGHEDSYDELSE, EDUCATION, UDDANNELSESHJAELP, UNEMPLOYED = 741, 651, 135, 111
# Hospital contacts (none a Charlson code): psychiatric and musculoskeletal diagnoses.
PSYCH_DIAGNOSES = np.array(["DF321", "DF412", "DF431", "DF329", "DF603", "DF200"])
MSK_DIAGNOSES = np.array(["DM545", "DM511", "DM751", "DM179"])
RECNUM_PREFIX = {5: "G", 6: "H"}  # LPR record numbers per stream (others: L V P C W N J A B)
# Table 7's statuses and the code painted for each (None: no code; wage employment has
# paid hours in BFL, self-supporting none).
STATUS_CODE = {
    "wage employment": None,
    "education": EDUCATION,
    "flexjob": D.FLEX,
    "ledighedsydelse": LEDIGHEDSYDELSE,
    "A-dagpenge": UNEMPLOYED,
    "revalidering": D.REVALIDATION,
    "self-supporting": None,
    "kontanthjaelp": D.SOCIAL_ASSISTANCE,
    "uddannelseshjaelp": UDDANNELSESHJAELP,
    "ressourceforloeb": D.RESOURCE,
    "sickness benefit or jobafklaring": D.JOB_CLARIFICATION,
    "foertidspension": D.DISABILITY_PENSION,
    "other": D.LEAVE,
}


@dataclass
class Reform:
    """The reform population's register rows, DREAM rows and truth; the designed §12
    units' truth (award.py) and the intercept of their award model."""

    tables: dict[str, pa.Table]
    ids: np.ndarray
    dream: np.ndarray
    truth: pd.DataFrame
    award_truth: pd.DataFrame | None = None
    award_intercept: float | None = None
    award_rows: np.ndarray | None = None  # DREAM rows of the designed §12 units


class _Group:
    """Persons of one kind: attributes, DREAM matrix and paid (BFL) weeks."""

    def __init__(self, name, k, birth, calendar, codes, hours):
        n = len(k)
        self.name = name
        self.k = np.asarray(k, dtype=np.int64)
        self.birth = np.asarray(birth, dtype=np.int64)
        self.mx = D.DreamMatrix(n, calendar, codes)
        self.paid = np.zeros((n, calendar.n_weeks), dtype=bool)
        self.hours = np.asarray(hours, dtype=float)

    def __len__(self):
        return len(self.k)

    def take(self, rows):
        g = _Group.__new__(_Group)
        g.name, g.k, g.birth, g.hours = self.name, self.k[rows], self.birth[rows], self.hours[rows]
        g.mx = D.DreamMatrix(0, self.mx.calendar, self.mx.codes)
        g.mx.m = self.mx.m[rows]
        g.paid = self.paid[rows]
        return g


def _week(calendar: WeekCalendar, year: int, week: int) -> int:
    return int(
        calendar.week_index(
            np.array([dt.date.fromisocalendar(year, week, 1)], dtype="datetime64[D]")
        )[0]
    )


def _week_years(calendar: WeekCalendar) -> np.ndarray:
    return iso_year_week(calendar.monday(np.arange(calendar.n_weeks)))[0]


def _birth(rng, age: np.ndarray, at_col: np.ndarray, calendar: WeekCalendar) -> np.ndarray:
    """Birth days of persons `age` years old (fractional) at week `at_col`."""
    at = to_days(calendar.monday(at_col))
    return (at - np.asarray(age) * 365.25).astype(np.int64)


def _retire_col(birth: np.ndarray, calendar: WeekCalendar) -> np.ndarray:
    """The week of the 65th birthday (folkepension, 998, from then on)."""
    return calendar.week_index(add_months(from_days(birth), 65 * 12))


def _exit_col(rng, n, start, rate_death, rate_emigration) -> tuple[np.ndarray, np.ndarray]:
    """Week of death or emigration after `start` (exponential at yearly rates) and its code."""
    death = start + rng.exponential(52.18 / rate_death, n).astype(np.int64)
    emig = start + rng.exponential(52.18 / rate_emigration, n).astype(np.int64)
    return np.minimum(death, emig), np.where(death <= emig, D.DEAD, D.ABROAD)


def _paint_to_end(g: _Group, rows, start, code) -> None:
    """Set the weeks from `start` (per row) to the last one to `code`."""
    cols = np.arange(g.mx.n_weeks)[None, :]
    sub = g.mx.m[rows]
    code = np.broadcast_to(np.asarray(code, dtype=np.int16), (len(rows),))
    g.mx.m[rows] = np.where(cols >= np.asarray(start)[:, None], code[:, None], sub)


def _pension_to_end(g: _Group, rows, start, rng, rate_death) -> None:
    """783 from `start` to the end, cut by death or emigration (folkepension: _retire)."""
    ex, code = _exit_col(rng, len(rows), start, rate_death, T.REFORM_EMIGRATION_RATE)
    _paint_to_end(g, rows, start, D.DISABILITY_PENSION)
    _paint_to_end(g, rows, ex, code)


def _municipality(rng, ref, n, ratio=None) -> np.ndarray:
    p = ref.inhabitants(2016).astype(float)
    if ratio is not None:
        p = p * ratio
    return rng.choice(len(p), size=n, p=p / p.sum())


def draw(rng, shares: dict, n: int) -> np.ndarray:
    """n names of `shares` ({name: share}) drawn with those shares (object array)."""
    names = list(shares)
    p = np.array([shares[x] for x in names], float)
    return np.array(names, dtype=object)[rng.choice(len(names), size=n, p=p / p.sum())]


def _ressourceforloeb(rng, ref, cal, f, ratio) -> tuple[_Group, pd.DataFrame]:
    """Ressourceforløb persons (see module doc); returns the group and its awards."""
    w = cal.n_weeks
    cut = _week(cal, *T.REFORM_RF_CUTOFF_WEEK)
    rows_by = []
    for (year, band), starts in T.REFORM_RF_STARTS.items():
        n = int(round(starts * f))
        rows_by.append(pd.DataFrame({"year": np.full(n, year), "band": band}))
    p = pd.concat(rows_by, ignore_index=True)
    n = len(p)
    year, band = p.year.to_numpy().astype(np.int64), p.band.to_numpy().astype(object)
    first = np.array([_week(cal, int(y), 1) for y in year], dtype=np.int64)
    weeks_in = np.array([dt.date(int(y), 12, 28).isocalendar()[1] for y in year], dtype=np.int64)
    s = first + (rng.random(n) * weeks_in).astype(np.int64)
    under40 = band == "under 40"
    age = np.where(under40, rng.uniform(18, 40, n), rng.uniform(40, 60, n))
    g = _Group(
        "ressourceforloeb",
        _municipality(rng, ref, n, ratio),
        _birth(rng, age, s, cal),
        cal,
        ref.dream_codes,
        rng.uniform(110, 165, n),
    )

    # Duration: table 6 for starts 2013-2016, an assumed shape for 2017-2018.
    ended = np.zeros(n, bool)
    for (y, b), (share, _) in T.REFORM_RF_TABLE6.items():
        m = (year == y) & (band == b)
        ended[m] = rng.random(m.sum()) < share
    max_d = np.maximum(cut - 4 - s + 1, 1)
    mean = np.array(
        [T.REFORM_RF_TABLE6.get((y, b), (0, 0))[1] for y, b in zip(year, band, strict=True)],
        dtype=float,
    )
    mean_w = mean * 52.18
    hi = np.minimum(2 * mean_w - 4, max_d)
    lo = np.clip(2 * mean_w - hi, 1, hi)
    d_ended = np.round(lo + rng.random(n) * (hi - lo)).astype(np.int64)
    d_running = (cut - s + 1) + rng.exponential(T.REFORM_RF_REMAINING_WEEKS, n).astype(np.int64)
    late = year >= 2017
    d_late = np.where(
        rng.random(n) < T.REFORM_RF_LATE_SHORT,
        rng.integers(8, 53, n),
        52 + rng.exponential(T.REFORM_RF_REMAINING_WEEKS, n).astype(np.int64),
    )
    d = np.where(late, d_late, np.where(ended, d_ended, d_running))
    e = s + d - 1
    rows = np.arange(n)

    # Before the spell: social assistance, jobafklaring or revalidering.
    before = draw(rng, T.REFORM_RF_BEFORE, n).astype(np.int64)
    plen = rng.integers(26, 105, n)
    g.mx.paint(rows, s - plen, s - 1, before)
    g.mx.paint(rows, s, e, D.RESOURCE)

    # Status after the end (table 7 by age band), from the week after it.
    status = np.where(
        under40,
        draw(rng, T.REFORM_RF_STATUS["under 40"], n),
        draw(rng, T.REFORM_RF_STATUS["40 and over"], n),
    )
    after = e + 1
    length = 14 + rng.integers(0, 60, n)
    to_end = np.full(n, w - 1)
    for st, code in STATUS_CODE.items():
        m = (status == st) & (after < w)
        r = rows[m]
        if st == "wage employment":
            _paint_paid(g, r, after[m], to_end[m])
        elif st == "foertidspension":
            _pension_to_end(g, r, after[m], rng, T.REFORM_DEATH_RATE_PENSION)
        elif st == "flexjob":
            g.mx.paint(r, after[m], to_end[m], D.FLEX)
            _paint_paid(g, r, after[m], to_end[m])
            g.hours[r] = rng.uniform(*T.REFORM_FLEX_HOURS, len(r))
        elif st == "ledighedsydelse":
            flex_from = after[m] + length[m]
            g.mx.paint(r, after[m], flex_from - 1, LEDIGHEDSYDELSE)
            g.mx.paint(r, flex_from, to_end[m], D.FLEX)
            _paint_paid(g, r, flex_from, to_end[m])
            g.hours[r] = rng.uniform(*T.REFORM_FLEX_HOURS, len(r))
        elif st == "ressourceforloeb":
            again = after[m] + rng.integers(4, 11, len(r))
            g.mx.paint(r, again, again + rng.integers(26, 150, len(r)), D.RESOURCE)
        elif code is not None:
            g.mx.paint(r, after[m], after[m] + length[m] - 1, code)
    awarded = (status == "foertidspension") & (after < w)
    awards = pd.DataFrame({"col": after[awarded], "under40": _age_at(g, after, cal)[awarded] < 40})
    return g, awards


def _age_at(g: _Group, col, cal) -> np.ndarray:
    return (to_days(cal.monday(col)) - g.birth) / 365.25


def _paint_paid(g: _Group, rows, c0, c1) -> None:
    length = np.maximum(np.minimum(c1, g.mx.n_weeks - 1) - c0 + 1, 0)
    r = np.repeat(rows, length)
    c = (
        np.repeat(c0, length)
        + np.arange(length.sum())
        - np.repeat(np.cumsum(length) - length, length)
    )
    g.paid[r, c] = True


def _awards(rng, ref, cal, f, ratio, rf_awards: pd.DataFrame) -> _Group:
    """Award persons: table 20's awards a year less those after a ressourceforløb and
    those of the designed §12 units (both in `rf_awards`: col, under40). Their weeks
    before the award in a benefit make no §12 unit (award.py designs those): a spell
    that covers ISO week 1 of a §12 year has lasted at most 24 weeks there."""
    years = _week_years(cal)
    cols, ages = [], []
    for y in range(cal.first_year, cal.last_year + 1):
        in_year = np.flatnonzero(years == y)
        rf_y = rf_awards[years[rf_awards.col.to_numpy()] == y]
        for under40, share in (
            (True, T.REFORM_AWARD_UNDER_40),
            (False, 1 - T.REFORM_AWARD_UNDER_40),
        ):
            n = int(round(T.REFORM_AWARDS_PER_YEAR * f * share)) - int(
                (rf_y.under40 == under40).sum()
            )
            n = max(n, 0)
            cols.append(in_year[rng.integers(len(in_year), size=n)])
            ages.append(rng.uniform(18, 40, n) if under40 else rng.uniform(40, 64.5, n))
    col, age = np.concatenate(cols), np.concatenate(ages)
    n = len(col)
    g = _Group(
        "award",
        _municipality(rng, ref, n, ratio),
        _birth(rng, age, col, cal),
        cal,
        ref.dream_codes,
        np.zeros(n),
    )
    rows = np.arange(n)
    before = draw(rng, T.REFORM_AWARD_BEFORE, n).astype(np.int64)
    longest = np.full(n, 156)
    for y in T.REFORM_GP_YEARS:  # METHOD §12's award_years
        w1 = _week(cal, y, 1)
        col = np.where(col == w1 + 1, w1 + 2, col)  # room for 26 weeks after week 1's 24
        longest = np.where(col > w1, np.minimum(longest, col - w1 + 24), longest)
    g.mx.paint(rows, col - rng.integers(26, longest + 1), col - 1, before)
    _pension_to_end(g, rows, col, rng, T.REFORM_DEATH_RATE_PENSION)
    return g


def _pension_stock(rng, ref, cal, target: float) -> _Group:
    """Persons on 783 from before 2014, as many as bring the stock in week 46 of 2016 to
    `target` (the awarded persons' count already taken off)."""
    w46 = _week(cal, *T.REFORM_STOCK_WEEK)
    n = int(max(target, 0) * 1.6) + 10
    age = 20 + 44 * np.sqrt(rng.random(n))  # density rising with age, 20-64
    g = _Group(
        "foertidspension",
        _municipality(rng, ref, n),
        _birth(rng, age, np.zeros(n, int), cal),
        cal,
        ref.dream_codes,
        np.zeros(n),
    )
    _pension_to_end(g, np.arange(n), np.zeros(n, np.int64), rng, T.REFORM_DEATH_RATE_PENSION)
    _retire(g, cal)
    on = g.mx.m[:, w46] == D.DISABILITY_PENSION
    keep = int(round(max(target, 0) / max(on.mean(), 1e-9))) if n else 0
    return g.take(np.arange(min(keep, n)))


def _retire(g: _Group, cal) -> None:
    """Folkepension (998) from the 65th birthday for the living and resident; no paid
    weeks after it."""
    ret = _retire_col(g.birth, cal)
    w = g.mx.n_weeks
    cols = np.arange(w)[None, :]
    gone = (g.mx.m == D.DEAD) | (g.mx.m == D.ABROAD)
    old = (cols >= ret[:, None]) & ~gone
    g.mx.m[old] = D.OLD_AGE_PENSION
    g.paid &= ~old


def _flex_scheme(rng, ref, cal, f, target: float) -> _Group:
    """Persons in the flexjob scheme: stock from before 2014 and entrants (after social
    assistance, starting on ledighedsydelse), alternating flexjob and ledighedsydelse
    spells; the stock's size brings the full-time persons of T.REFORM_FLEX_MONTH to
    `target` (the ressourceforløb persons' taken off)."""
    w = cal.n_weeks
    n_stock = int(max(target, 0) * 1.3) + 10
    years = range(cal.first_year, cal.last_year + 1)
    n_entry = [int(round(T.REFORM_FLEX_ENTRIES_PER_YEAR * f)) for _ in years]
    entry = np.concatenate(
        [np.zeros(n_stock, np.int64)]
        + [_week(cal, y, 1) + rng.integers(0, 52, m) for y, m in zip(years, n_entry, strict=True)]
    )
    n = len(entry)
    stock = np.arange(n) < n_stock
    age = np.where(stock, rng.uniform(25, 64, n), rng.uniform(25, 60, n))
    g = _Group(
        "flexjob",
        _municipality(rng, ref, n),
        _birth(rng, age, entry, cal),
        cal,
        ref.dream_codes,
        rng.uniform(*T.REFORM_FLEX_HOURS, n),
    )
    rows = np.arange(n)
    g.mx.paint(
        rows[~stock],
        entry[~stock] - rng.integers(26, 53, (~stock).sum()),
        entry[~stock] - 1,
        D.SOCIAL_ASSISTANCE,
    )
    # Alternating spells; the stock starts in either state as the stationary shares.
    p_ly = T.REFORM_LY_MEAN_WEEKS / (T.REFORM_LY_MEAN_WEEKS + T.REFORM_FLEX_MEAN_WEEKS)
    on_ly = np.where(stock, rng.random(n) < p_ly, True)
    cur = entry.copy()
    while (cur < w).any():
        mean = np.where(on_ly, T.REFORM_LY_MEAN_WEEKS, T.REFORM_FLEX_MEAN_WEEKS)
        length = rng.geometric(1 / mean)
        live = cur < w
        r = rows[live & on_ly]
        g.mx.paint(r, cur[r], (cur + length - 1)[r], LEDIGHEDSYDELSE)
        r = rows[live & ~on_ly]
        g.mx.paint(r, cur[r], (cur + length - 1)[r], D.FLEX)
        _paint_paid(g, r, cur[r], (cur + length - 1)[r])
        cur = cur + length
        on_ly = ~on_ly
    _retire(g, cal)
    ft = _fulltime_month(g.mx.m, cal, T.REFORM_FLEX_MONTH, (D.FLEX, LEDIGHEDSYDELSE))
    per_stock = ft[stock].mean() if n_stock else 1.0
    keep_stock = int(round(max(target - ft[~stock].sum(), 0) / max(per_stock, 1e-9)))
    keep = np.flatnonzero(~stock | (np.arange(n) < min(keep_stock, n_stock)))
    return g.take(keep)


def _fulltime_month(m: np.ndarray, cal, month: int, codes) -> np.ndarray:
    """Per person: weeks of `codes` in the month ÷ weeks in the month (§11b)."""
    cols = np.flatnonzero(D.week_months(cal) == month)
    return np.isin(m[:, cols], codes).sum(axis=1) / len(cols)


def _target_group(rng, ref, cal, n: int) -> _Group:
    """The rest of the gross target group: one benefit all of 2014-2018, with a break of
    4-6 blank weeks ending 8-20 weeks before ISO week 1 of each §12 year, so that none
    is a §12 unit (they would be undesigned ones; award.py designs the units)."""
    age = rng.uniform(20, 58, n)
    g = _Group(
        "target_group",
        _municipality(rng, ref, n),
        _birth(rng, age, np.zeros(n, int), cal),
        cal,
        ref.dream_codes,
        np.zeros(n),
    )
    code = draw(rng, T.REFORM_TARGET_GROUP_CODES, n).astype(np.int16)
    g.mx.m[:] = code[:, None]
    rows = np.arange(n)
    for y in T.REFORM_GP_YEARS:
        last = _week(cal, y, 1) - rng.integers(8, 21, n)
        g.mx.paint(rows, last - rng.integers(3, 6, n), last, 0)
    return g


def gross_target_weeks(m: np.ndarray, codes: pd.DataFrame, groups: pd.DataFrame) -> np.ndarray:
    """Per person x week: in §11c's gross target group (by ref_benefit_groups)."""
    gross = groups.loc[groups.benefit_group.isin(T.REFORM_GROSS_GROUPS), "dream_code"]
    lut = np.zeros(1000, bool)
    lut[gross.to_numpy()] = True
    return lut[m]


def reform_population(
    ref: ReferenceData,
    calendar: WeekCalendar,
    first_id: int,
    fraction: float,
    seed: int,
    stream: int = 5,
    award_intercept: float | None = None,
    award_minimum: bool = True,
) -> Reform:
    """Persons first_id.. of the reform groups (see module doc) at `fraction` of the
    national counts, drawn from random stream `stream` (the national scale adds the
    rest of the national size from another stream: national.write_national). The true
    municipal award ratios are the seed's whatever the stream; the designed §12 units
    (award.py) come last, with the award model's intercept solved here unless given
    (the national rest passes the default population's) and, with `award_minimum`, a
    least number per municipality (the default population's)."""
    from rtw.synth.award import award_units

    rng = np.random.default_rng([seed, stream])
    cal, f = calendar, fraction
    ratio = true_award_ratio(seed, len(ref.municipalities))
    rf, rf_awards = _ressourceforloeb(rng, ref, cal, f, ratio)
    _retire(rf, cal)
    units = award_units(
        ref,
        cal,
        f,
        ratio,
        seed,
        stream,
        lambda k, birth, hours: _Group("award_unit", k, birth, cal, ref.dream_codes, hours),
        award_intercept,
        award_minimum,
        rf_awards,
    )
    award = _awards(rng, ref, cal, f, ratio, pd.concat([rf_awards, units.awards]))
    _retire(award, cal)
    w46 = _week(cal, *T.REFORM_STOCK_WEEK)
    on_783 = sum(
        int((g.mx.m[:, w46] == D.DISABILITY_PENSION).sum()) for g in (rf, award, units.group)
    )
    stock = _pension_stock(rng, ref, cal, T.REFORM_FP_STOCK * f - on_783)
    flex_rf = _fulltime_month(rf.mx.m, cal, T.REFORM_FLEX_MONTH, (D.FLEX, LEDIGHEDSYDELSE)).sum()
    flex = _flex_scheme(rng, ref, cal, f, T.REFORM_FLEX_FULLTIME * f - flex_rf)
    groups = [rf, award, stock, flex]
    # The rest of the gross target group: full-time persons a year as REFORM_GROSS_FULLTIME.
    bg = pd.read_csv(ref.seeds_dir / "ref_benefit_groups.csv")
    years = _week_years(cal)
    span = np.isin(years, T.REFORM_AWARD_SHARE_YEARS)
    have = sum(
        gross_target_weeks(g.mx.m[:, span], ref.dream_codes, bg).sum()
        for g in [*groups, units.group]
    )
    per_year = 52 * len(T.REFORM_AWARD_SHARE_YEARS)
    need = max(T.REFORM_GROSS_FULLTIME * f - have / per_year, 0)
    # A target-group person's full-time share (its breaks taken off), from a trial group.
    trial = _target_group(np.random.default_rng([seed, stream, 2]), ref, cal, 200)
    share = gross_target_weeks(trial.mx.m[:, span], ref.dream_codes, bg).mean()
    n_rest = int(round(need / max(share * span.sum() / per_year, 1e-9)))
    rest = _target_group(rng, ref, cal, n_rest)
    _retire(rest, cal)
    groups.append(rest)
    out = _assemble(groups, ref, cal, first_id, ratio, rng, RECNUM_PREFIX[stream])
    return _with_units(out, units, ref, cal, ratio, seed, stream, first_id)


def true_award_ratio(seed: int, n_municipalities: int) -> np.ndarray:
    """Each municipality's true award ratio (one truth for §11c and §12), from its own
    stream [seed, 5, 0] whatever the population's stream."""
    ratio = np.random.default_rng([seed, 5, 0]).normal(
        1.0, T.REFORM_AWARD_RATIO_SD, n_municipalities
    )
    return np.maximum(ratio, 0.2)


def _with_units(out: Reform, units, ref, cal, ratio, seed, stream, first_id) -> Reform:
    """The reform population with the designed §12 units after its persons."""
    from rtw.synth.award import award_tables

    g = units.group
    n0, n = len(out.ids), len(g)
    ids = np.char.add("R", zfill((first_id + n0 + np.arange(n)).astype(str), 9))
    codes = ref.municipalities.municipality_code.to_numpy()
    tables = dict(out.tables)
    rng = np.random.default_rng([seed, stream, 3])
    for name, t in award_tables(units, ids, ref, cal, rng, stream).items():
        base = tables[name]
        tables[name] = pa.concat_tables([base, t.select(base.column_names).cast(base.schema)])
    truth = pd.concat(
        [
            out.truth,
            pd.DataFrame(
                {
                    "pnr": ids,
                    "group": g.name,
                    "municipality_code": codes[g.k].astype(np.int32),
                    "true_award_ratio": ratio[g.k],
                }
            ),
        ],
        ignore_index=True,
    )
    award_truth = units.truth.assign(pnr=ids[units.truth.row.to_numpy()]).drop(columns="row")
    award_truth = award_truth[["pnr", *[c for c in award_truth.columns if c != "pnr"]]]
    m = np.vstack([out.dream, g.mx.m])
    return Reform(
        tables=tables,
        ids=np.concatenate([out.ids, ids]),
        dream=m,
        truth=truth,
        award_truth=award_truth,
        award_intercept=units.intercept,
        award_rows=np.arange(n0 + n) >= n0,
    )


def _assemble(groups, ref, cal, first_id, ratio, rng, prefix) -> Reform:
    k = np.concatenate([g.k for g in groups])
    birth = np.concatenate([g.birth for g in groups])
    hours = np.concatenate([g.hours for g in groups])
    name = np.concatenate([np.full(len(g), g.name, dtype=object) for g in groups])
    m = np.vstack([g.mx.m for g in groups])
    paid = np.vstack([g.paid for g in groups])
    paid &= (m == 0) | (m == D.FLEX)  # paid hours only in blank or flexjob weeks
    n = len(k)
    ids = (
        np.char.add("R", zfill((first_id + np.arange(n)).astype(str), 9))
        if n
        else np.array([], "<U10")
    )
    codes = ref.municipalities.municipality_code.to_numpy()
    truth = pd.DataFrame(
        {
            "pnr": ids,
            "group": name.astype(str),
            "municipality_code": codes[k].astype(np.int32),
            "true_award_ratio": ratio[k],
        }
    )
    tables = _registers(ids, k, birth, hours, m, paid, ref, cal, rng)
    tables.update(_lpr(ids, k, name, ref, rng, prefix))
    tables["sssy"] = _sssy(ids, m, cal, rng)
    return Reform(tables=tables, ids=ids, dream=m, truth=truth)


def _registers(ids, k, birth, hours, m, paid, ref, cal, rng) -> dict[str, pa.Table]:
    n = len(ids)
    codes = ref.municipalities.municipality_code.to_numpy()
    years = _week_years(cal)
    # Death and emigration: the first week of 999 / 997; BEF and IND stop the year before.
    gone = (m == D.DEAD) | (m == D.ABROAD)
    has_gone = gone.any(axis=1)
    gone_col = np.where(has_gone, gone.argmax(axis=1), cal.n_weeks)
    last_year = np.where(has_gone, years[np.minimum(gone_col, cal.n_weeks - 1)], 9999)
    dead = has_gone & (m[np.arange(n), np.minimum(gone_col, cal.n_weeks - 1)] == D.DEAD)
    origin = rng.choice(3, size=n, p=list(T.ORIGIN.values()))
    sex = rng.integers(1, 3, n)
    country = bef.country_of_origin(origin, ref, rng)
    partner = bef.partner_numbers(rng.random(n) < 0.5, rng)
    r, year = person_years(np.array(bef.YEARS)[None, :] < last_year[:, None], bef.YEARS)
    bef_rows = bef.table(
        ids, r, year, sex=sex, birth=birth, kom=codes[k], partner=partner,
        ie_type=np.where(origin == 0, 1, 2), country=country,
    )  # fmt: skip
    r, year = person_years(np.array(ind.YEARS)[None, :] < last_year[:, None], ind.YEARS)
    income = rng.uniform(120_000, 260_000, n)
    ind_rows = ind.table(ids, r, year, income[r] * 1.02 ** (year - 2016))
    edu = ref.education
    pre = edu.hfaudd_prefix.to_numpy()[rng.integers(len(edu), size=n)]
    hfaudd = udda.code(pre, rng.integers(10, 100, n))
    r, year = person_years(np.array(udda.YEARS)[None, :] < last_year[:, None], udda.YEARS)
    udda_rows = udda.table(ids, r, year, hfaudd)
    day = to_days(cal.monday(gone_col[dead])) + rng.integers(0, 7, dead.sum())
    return {
        "bef": bef_rows,
        "ind": ind_rows,
        "udda": udda_rows,
        "bfl": _bfl(ids, hours, paid, ref, cal, rng),
        "dod": dod.table(ids, np.flatnonzero(dead), day),
    }


def _bfl(ids, hours, paid, ref, cal, rng) -> pa.Table:
    """One job: the usual hours times the share of the month's weeks that are paid
    (flexjob weeks, or weeks in work after a ressourceforløb)."""
    months = D.week_months(cal)
    starts = np.r_[0, np.flatnonzero(np.diff(months)) + 1]
    weeks = np.diff(np.r_[starts, len(months)])
    some = np.flatnonzero(paid.any(axis=1))
    share = np.add.reduceat(paid[some].astype(np.int16), starts, axis=1) / weeks[None, :]
    h = np.round(hours[some, None] * share, 1)
    r, c = np.nonzero(h > 0)
    h = h[r, c]
    r = some[r]
    n = len(ids)
    db = ref.db07
    div = db.division.to_numpy()[rng.integers(len(db), size=n)]
    db07 = bfl.db07(div, rng)
    cvr = bfl.cvr_numbers(n, rng)
    return bfl.table(ids, r, months[starts][c], take(cvr, r), h, take(db07, r))


def combine(working, reform: Reform):
    """The working population with the reform population's rows after its own: what
    default_scale.write_registers takes as `working` (tables, ids, dream)."""
    from dataclasses import replace

    tables = dict(working.tables)
    for name, t in reform.tables.items():
        if name in tables:
            base = tables[name]
            tables[name] = pa.concat_tables([base, t.select(base.column_names).cast(base.schema)])
        else:
            tables[name] = t
    return replace(
        working,
        tables=tables,
        ids=np.concatenate([working.ids, reform.ids]),
        dream=np.vstack([working.dream, reform.dream]),
    )


def _lpr(ids, k, group, ref, rng, prefix) -> dict[str, pa.Table]:
    """Hospital contacts that go with the long-term groups: a psychiatric and a
    musculoskeletal one with the group's chances (targets.REFORM_PSYCHIATRIC,
    REFORM_MUSCULOSKELETAL), each on a day in 2012-2018."""
    lpr.check_not_charlson(ref, [*PSYCH_DIAGNOSES, *MSK_DIAGNOSES], "reform")
    spec = ref.specialties
    psy_spec = lpr.psychiatric_specialties(ref)
    other_spec = spec.loc[~spec.is_psychiatric.astype(bool), "specialty_code"].to_numpy()
    first, last = to_days(np.datetime64("2012-01-01")), to_days(np.datetime64("2018-12-31"))
    parts = []
    for chances, diagnoses, specs, mdc in (
        (T.REFORM_PSYCHIATRIC, PSYCH_DIAGNOSES, psy_spec, "19"),
        (T.REFORM_MUSCULOSKELETAL, MSK_DIAGNOSES, other_spec, "08"),
    ):
        p = pd.Series(group).map(chances).to_numpy(dtype=float)
        r = np.flatnonzero(rng.random(len(ids)) < p)
        parts.append(
            pd.DataFrame(
                {
                    "r": r,
                    "day": rng.integers(first, last + 1, len(r)),
                    "diag": diagnoses[rng.integers(len(diagnoses), size=len(r))],
                    "spec": specs[rng.integers(len(specs), size=len(r))].astype(str),
                    "mdc": mdc,
                }
            )
        )
    c = pd.concat(parts, ignore_index=True)
    r = c.r.to_numpy().astype(np.int64)
    recnum = lpr.record_numbers(prefix, len(c))
    codes = ref.municipalities.municipality_code.to_numpy()
    day = c.day.to_numpy()
    adm = lpr.adm(
        recnum, ids, r, day, day, "2", "2", c.spec.to_numpy().astype(str), codes[k[r]],
        c.diag.to_numpy().astype(str), c.mdc.to_numpy().astype(str),
    )  # fmt: skip
    return {"lpr_adm": adm, "lpr_diag": lpr.diag(adm["recnum"], adm["c_adiag"], "A")}


def _sssy(ids, m, cal, rng) -> pa.Table:
    """GP consultations in the 26 weeks before ISO week 1 of each §12 year (the six
    months its gp_contacts_6m counts; decision: none elsewhere), Poisson with mean
    targets.REFORM_GP_CONTACTS_6M for the living and resident, several in a week as
    antydel."""
    frames = []
    for year in T.REFORM_GP_YEARS:
        w1 = _week(cal, year, 1)
        alive = ~np.isin(m[:, w1 - 1], (D.DEAD, D.ABROAD))
        n = rng.poisson(T.REFORM_GP_CONTACTS_6M, len(ids)) * alive
        r = np.repeat(np.arange(len(ids)), n)
        frames.append(pd.DataFrame({"r": r, "w": w1 - rng.integers(1, 27, len(r))}))
    t = pd.concat(frames, ignore_index=True)
    day = to_days(cal.monday(t.w.to_numpy()))
    return sssy.per_week(ids, t.r.to_numpy(), day, sssy.GP, sssy.CONSULTATION)
