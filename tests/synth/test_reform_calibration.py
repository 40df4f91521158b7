"""Calibration of the reform groups (METHOD §11, issue 16) against the reform
evaluation's figures (targets.REFORM_*), each computed straight from the generated
registers (DREAM wide, BEF, BFL) of the reform population's persons
(`_truth/reform_persons.parquet` names them; the rehab cohort and the working population
are other populations at other scales). Counts are compared with the national figure
times the population's fraction.

The registers are the session's default ones (seed 1, the `default_build` fixture), hence
`slow`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd
import pytest

from rtw.synth import targets as T

pytestmark = pytest.mark.slow
SEEDS_DIR = Path(__file__).parents[2] / "seeds"
FRACTION = T.REFORM_FRACTION  # default size: plan scale 1


class Registers:
    """The reform persons' DREAM as a person x week matrix, with week facts and BEF."""

    def __init__(self, raw: Path):
        truth = pd.read_parquet(raw / "_truth" / "reform_persons.parquet")
        con = duckdb.connect()
        con.register("truth", truth[["pnr"]])
        d = con.sql(
            f"select d.* from '{raw / 'dream.parquet'}' d join truth using (pnr) order by pnr"
        ).df()
        self.pnr = d.pnr.to_numpy()
        cols = [c for c in d.columns if c != "pnr"]
        self.m = d[cols].fillna(0).to_numpy(dtype=np.int16)
        iso = [(2000 + int(c[2:4]), int(c[4:6])) for c in cols]
        self.monday = np.array([dt.date.fromisocalendar(y, w, 1) for y, w in iso], "datetime64[D]")
        self.year = np.array([y for y, _ in iso])
        thursday = self.monday + np.timedelta64(3, "D")
        month = thursday.astype("datetime64[M]").astype(int)
        self.month = (month // 12 + 1970) * 100 + month % 12 + 1
        self.col = {yw: j for j, yw in enumerate(iso)}
        bef = con.sql(
            f"select pnr, max(foed_dag) as birth, arg_max(kom, aar) as kom "
            f"from '{raw / 'bef.parquet'}' join truth using (pnr) group by pnr order by pnr"
        ).df()
        bef = bef.set_index("pnr").reindex(self.pnr)
        # BEF is the status at year end: only those who die or emigrate in 2014 lack a row.
        gone_2014 = np.isin(self.m[:, self.year == 2014], (997, 999)).any(axis=1)
        missing = bef.kom.isna().to_numpy()
        if (missing & ~gone_2014).any():
            raise AssertionError(f"{(missing & ~gone_2014).sum()} reform persons lack BEF rows")
        self.birth = pd.to_datetime(bef.birth).to_numpy().astype("datetime64[D]")
        self.kom = bef.kom.fillna(-1).to_numpy().astype(int)
        self.hours = con.sql(
            f"select pnr, aarmd, sum(ajo_arbejdstimer) as hours from '{raw / 'bfl.parquet'}' "
            "join truth using (pnr) group by all having sum(ajo_arbejdstimer) > 0"
        ).df()
        groups = pd.read_csv(SEEDS_DIR / "ref_benefit_groups.csv")
        self.group = np.full(1000, "", dtype=object)
        self.group[groups.dream_code.to_numpy()] = groups.benefit_group.to_numpy()
        self.group[0] = "blank"

    def in_groups(self, names) -> np.ndarray:
        lut = np.isin(self.group, list(names))
        return lut[self.m]

    def age(self, rows, cols) -> np.ndarray:
        return (self.monday[cols] - self.birth[rows]).astype(int) / 365.25


@pytest.fixture(scope="module")
def reg(default_build) -> Registers:
    # The session's default registers (seed 1, default size), generated once for every
    # test that reads them.
    return Registers(default_build.registers)


def awards(r: Registers) -> pd.DataFrame:
    """§11c: a 783 week with none in the 52 weeks before it (so from DREAM's week 53 on)."""
    fp = r.m == 783
    cs = np.concatenate(
        [np.zeros((len(fp), 1), np.int32), np.cumsum(fp, axis=1, dtype=np.int32)], 1
    )
    w = np.arange(fp.shape[1])
    before = cs[:, w] - cs[:, np.maximum(w - 52, 0)]
    rows, cols = np.nonzero(fp & (before == 0) & (w >= 52)[None, :])
    return pd.DataFrame({"row": rows, "col": cols, "year": r.year[cols], "age": r.age(rows, cols)})


def spells(r: Registers, groups, last_col: int) -> pd.DataFrame:
    """§8 spells of `groups` in weeks 0..last_col: gaps of 1-3 weeks bridged; flags for
    left-censored (start within 4 weeks of the first week) and ended (4 weeks without
    the groups before last_col's end)."""
    flags = r.in_groups(groups)[:, : last_col + 1]
    out = []
    for i in np.flatnonzero(flags.any(axis=1)):
        weeks = np.flatnonzero(flags[i])
        cut = np.flatnonzero(np.diff(weeks) > 4)
        starts = weeks[np.r_[0, cut + 1]]
        ends = weeks[np.r_[cut, len(weeks) - 1]]
        out.append(pd.DataFrame({"row": i, "start": starts, "end": ends}))
    s = pd.concat(out, ignore_index=True)
    s["left_censored"] = s.start < 4
    s["ended"] = s.end <= last_col - 4
    return s


def test_foertidspension_stock_week_46_2016(reg):
    stock = (reg.m[:, reg.col[T.REFORM_STOCK_WEEK]] == 783).sum()
    target = T.REFORM_FP_STOCK * FRACTION
    assert abs(stock / target - 1) <= T.REFORM_STOCK_TOLERANCE, (stock, target)


def test_awards_a_year_and_share_under_40(reg):
    a = awards(reg)
    a = a[a.year.between(2015, 2018)]
    per_year = a.groupby("year").size()
    target = T.REFORM_AWARDS_PER_YEAR * FRACTION
    assert ((per_year / target - 1).abs() <= T.REFORM_AWARDS_TOLERANCE).all(), (per_year, target)
    under40 = (a.age < 40).mean()
    assert abs(under40 - T.REFORM_AWARD_UNDER_40) <= T.REFORM_SHARE_TOLERANCE, under40
    assert a.age.between(18, 65).all()


def test_municipal_award_share_thirds(reg):
    """Table 28: awards ÷ full-time persons (weeks ÷ 52) of §11c's gross target group per
    municipality over REFORM_AWARD_SHARE_YEARS; means of the thirds."""
    years = T.REFORM_AWARD_SHARE_YEARS
    a = awards(reg)
    a = a[a.year.isin(years)]
    n_awards = pd.Series(reg.kom[a.row.to_numpy()]).value_counts()
    cols = np.isin(reg.year, years)
    weeks = reg.in_groups(T.REFORM_GROSS_GROUPS)[:, cols].sum(axis=1)
    fulltime = pd.Series(weeks / 52).groupby(reg.kom).sum()
    fulltime = fulltime[fulltime.index >= 0]  # -1: gone in 2014, no BEF row (no weeks then)
    share = (n_awards.reindex(fulltime.index, fill_value=0) / fulltime).sort_values().to_numpy()
    thirds = [t.mean() for t in np.array_split(share, 3)]
    for got, want in zip(thirds, T.REFORM_AWARD_THIRDS, strict=True):
        assert abs(got - want) <= T.REFORM_THIRDS_TOLERANCE, (thirds, T.REFORM_AWARD_THIRDS)


def test_flexjob_scheme_fulltime_persons_and_ledighedsydelse_share(reg):
    cols = np.flatnonzero(reg.month == T.REFORM_FLEX_MONTH)
    flex = reg.in_groups(["flexjob"])[:, cols].sum() / len(cols)
    ly = reg.in_groups(["ledighedsydelse"])[:, cols].sum() / len(cols)
    target = T.REFORM_FLEX_FULLTIME * FRACTION
    assert abs((flex + ly) / target - 1) <= T.REFORM_STOCK_TOLERANCE, (flex + ly, target)
    assert abs(ly / (flex + ly) - T.REFORM_LY_SHARE) <= T.REFORM_SHARE_TOLERANCE


def test_flexjob_months_have_partial_hours(reg):
    """Flexjob persons are paid, but part time (METHOD §8: hours go with DREAM)."""
    cols = np.flatnonzero(reg.month == T.REFORM_FLEX_MONTH)
    all_flex = (reg.m[:, cols] == 771).all(axis=1)
    h = reg.hours[reg.hours.aarmd == T.REFORM_FLEX_MONTH].set_index("pnr").hours
    hours = h.reindex(reg.pnr[all_flex]).to_numpy()
    assert np.isfinite(hours).mean() > 0.99
    assert np.nanmax(hours) < 130


def test_ressourceforloeb_stock_week_46_2016(reg):
    stock = reg.in_groups(["ressourceforloeb"])[:, reg.col[T.REFORM_STOCK_WEEK]].sum()
    target = T.REFORM_RF_STOCK * FRACTION
    assert abs(stock / target - 1) <= T.REFORM_RF_STOCK_TOLERANCE, (stock, target)


def table6(reg) -> pd.DataFrame:
    cut = reg.col[T.REFORM_RF_CUTOFF_WEEK]
    s = spells(reg, ["ressourceforloeb"], cut)
    s = s[~s.left_censored].copy()
    s["year"] = reg.year[s.start.to_numpy()]
    age = reg.age(s.row.to_numpy(), s.start.to_numpy())
    s["band"] = np.where(age < 40, "under 40", "40 and over")
    s["years"] = (s.end - s.start + 1) / (365.25 / 7)
    g = s.groupby(["year", "band"])
    return pd.DataFrame(
        {
            "share_ended": g.ended.mean(),
            "mean_years": s[s.ended].groupby(["year", "band"]).years.mean(),
        }
    )


def test_ressourceforloeb_table6_share_ended_and_duration(reg):
    got = table6(reg)
    for year in (2014, 2015, 2016):
        for band in ("under 40", "40 and over"):
            share, mean_years = T.REFORM_RF_TABLE6[(year, band)]
            row = got.loc[(year, band)]
            assert abs(row.share_ended - share) <= T.REFORM_RF_ENDED_TOLERANCE, (year, band, row)
            assert abs(row.mean_years - mean_years) <= T.REFORM_RF_DURATION_TOLERANCE, (
                year,
                band,
                row,
            )


STATUS_OF_GROUP = {
    "education": "education",
    "flexjob": "flexjob",
    "ledighedsydelse": "ledighedsydelse",
    "unemployment": "A-dagpenge",
    "revalidering": "revalidering",
    "social_assistance": "social assistance",
    "ressourceforloeb": "ressourceforloeb",
    "sickness": "sickness benefit or jobafklaring",
    "jobafklaring": "sickness benefit or jobafklaring",
    "foertidspension": "foertidspension",
}


def table7(reg) -> pd.DataFrame:
    """§11a: status 13 weeks after the end week of each ended spell (not left-censored)."""
    last = reg.m.shape[1] - 1
    s = spells(reg, ["ressourceforloeb"], last)
    s = s[~s.left_censored & s.ended & (s.end + 13 <= last - 3)]
    rows, at = s.row.to_numpy(), s.end.to_numpy() + 13
    group = reg.group[reg.m[rows, at]]
    status = pd.Series(group).map(STATUS_OF_GROUP).fillna("other").to_numpy()
    blank = group == "blank"
    free4 = (reg.m[rows[:, None], at[:, None] + np.arange(4)] == 0).all(axis=1)
    paid = set(zip(reg.hours.pnr, reg.hours.aarmd, strict=True))
    worked = np.array([(p, mo) in paid for p, mo in zip(reg.pnr[rows], reg.month[at], strict=True)])
    status = np.where(blank, np.where(free4 & worked, "wage employment", "self-supporting"), status)
    band = np.where(reg.age(rows, s.start.to_numpy()) < 40, "under 40", "40 and over")
    return pd.crosstab(status, band, normalize="columns")


def test_ressourceforloeb_table7_status_13_weeks_after(reg):
    got = table7(reg)
    for band, shares in T.REFORM_RF_STATUS.items():
        want = pd.Series(shares) / 100
        want["social assistance"] = want.pop("kontanthjaelp") + want.pop("uddannelseshjaelp")
        want = want / want.sum()
        have = got[band].reindex(want.index, fill_value=0)
        assert (have - want).abs().max() <= T.REFORM_RF_STATUS_TOLERANCE, pd.DataFrame(
            {"got": have, "want": want}
        )
