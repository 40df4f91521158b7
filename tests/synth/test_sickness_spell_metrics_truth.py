"""The sickness-spell metrics of METHOD §9.4 (survival, exit within a quarter, partial
return, destination) against the generator's designed spell values, on the default
build (people in work before, §9.1 rule 4; national).

The truth (`_truth/sickness_spells.parquet`) gives per designed spell its duration in
weeks, the spell week of its first partial-return (899) week and its destination 4
weeks after the end week. From it alone (and DREAM's calendar: the last week the
registers hold, for §8's right-censoring) the metrics are computed here in pandas.

Two comparisons, both exact (tolerance 0: the same spells, counted by the same rules):
1. spell by spell: the warehouse's described spells (int_sickness_spells_described,
   person-level database) restricted to the designed keys (pnr, Monday of spell week
   1) have the designed duration, censoring, partial return and destination;
2. the published marts: the marts count every sickness spell starting in 2016-17 of
   the people in work before, not only the designed ones: the working population's
   short spells of 1-4 weeks and the rehab-cohort and background persons' spells,
   whose values the generator does not record. Each published count must equal the
   designed spells' count from the truth plus the count of these other spells, read
   from the described spells outside the designed keys. So every designed spell
   enters the marts with its designed values, and nothing else enters but the
   listed others.
One reading of the warehouse is applied to the truth: a return to work in the last 7
weeks of DREAM is not seen as in work (§8 needs 4 code-free weeks), so such a designed
`in_work` destination is expected as `self_supporting_not_in_work`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.slow

GAP = 4  # METHOD §8: var spell_end_gap_weeks (4 weeks without the benefit end a spell)
QUARTER = 13
SURVIVAL_WEEKS = [1, 5, 9, 13, 26, 39, 52, 78]
BANDS = {"1-4": (1, 4), "5-8": (5, 8), "9-20": (9, 20), "21+": (21, None)}
SPELLS = "intermediate.int_sickness_spells_described"
WHERE = "population = 'in_work_before' and scope = 'national'"


def _calendar(registers) -> tuple[pd.Timestamp, int]:
    """DREAM's first Monday and its last week index (from the file's week columns)."""
    cols = [c for c in pq.read_schema(registers / "dream.parquet").names if c.startswith("y_")]
    y, w = int(cols[0][2:4]), int(cols[0][4:6])
    first = pd.Timestamp.fromisocalendar(2000 + y, w, 1)
    return first, len(cols) - 1


def _from_truth(truth: pd.DataFrame, first: pd.Timestamp, last: int) -> pd.DataFrame:
    """Per designed spell what the metrics count, by METHOD §8/§9.4."""
    start = (pd.to_datetime(truth.start_week_start) - first).dt.days.to_numpy() // 7
    designed = truth.designed_duration_weeks.to_numpy()
    end = start + designed - 1
    censored = end > last - GAP
    # §8 "In work" needs the 4 weeks from the destination week (end + 4) without a code:
    # where they run past DREAM's last week the warehouse cannot see them, and reads a
    # return to work in the last weeks as self-supporting not in work.
    seen_short = ~censored & (end + GAP + GAP - 1 > last)
    partial = truth.designed_first_partial_return_spell_week
    return pd.DataFrame(
        {
            "pnr": truth.pnr,
            "start_week_start": pd.to_datetime(truth.start_week_start),
            "start_year": truth.start_year,
            # A censored spell is seen up to DREAM's last week.
            "duration_weeks": np.minimum(designed, last - start + 1),
            "is_right_censored": censored,
            "has_partial_return_before_week_13": (partial < 13).fillna(False).astype(bool),
            "destination": truth.designed_destination.where(~censored, None).mask(
                seen_short & (truth.designed_destination == "in_work"),
                "self_supporting_not_in_work",
            ),
        }
    )


def _survival(s: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for w in SURVIVAL_WEEKS:
        running = s.duration_weeks >= w
        known = running | ~s.is_right_censored
        rows.append({"spell_week": w, "n_running": running.sum(), "n_known": known.sum()})
    return pd.DataFrame(rows).set_index("spell_week")


def _exits(s: pd.DataFrame) -> pd.DataFrame:
    """Spell-weeks (trials) and exits within a quarter per band, as the mart's decision
    (a censored spell counts in the weeks seen 13 more weeks, never as ended)."""
    d = s.duration_weeks.to_numpy()
    c = s.is_right_censored.to_numpy()
    rows = []
    for band, (lo, hi) in BANDS.items():
        top = np.minimum(d if hi is None else hi, d)
        trials = np.where(c, np.maximum(0, np.minimum(top, d - QUARTER) - lo + 1),
                          np.maximum(0, top - lo + 1))  # fmt: skip
        exits = np.where(c, 0, np.maximum(0, top - np.maximum(lo, d - QUARTER + 1) + 1))
        rows.append({"duration_band": band, "n_spell_weeks": trials.sum(),
                     "n_exits": exits.sum(), "n_spells": (trials > 0).sum()})  # fmt: skip
    return pd.DataFrame(rows).set_index("duration_band")


def _partial(s: pd.DataFrame) -> pd.Series:
    return pd.Series(
        {"n_spells": len(s), "n_partial": int(s.has_partial_return_before_week_13.sum())}
    )


def _destinations(s: pd.DataFrame) -> pd.Series:
    return s.destination.dropna().value_counts()


@pytest.fixture(scope="module")
def spells(default_build):
    truth = pd.read_parquet(default_build.registers / "_truth" / "sickness_spells.parquet")
    first, last = _calendar(default_build.registers)
    designed = _from_truth(truth, first, last)
    con = default_build.connect_person_level()
    observed = con.sql(
        "select pnr, start_week_start, start_year, duration_weeks, is_right_censored, "
        f"has_partial_return_before_week_13, destination from {SPELLS} where {WHERE}"
    ).df()
    observed["start_week_start"] = pd.to_datetime(observed.start_week_start)
    key = ["pnr", "start_week_start"]
    merged = designed.merge(observed, on=key, how="left", suffixes=("", "_obs"), indicator=True)
    others = observed.merge(designed[key], on=key, how="left", indicator=True)
    others = others[others._merge == "left_only"].drop(columns="_merge")
    return designed, merged, others


@pytest.fixture(scope="module")
def marts(default_build):
    published = default_build.connect()
    # mart_sickness_spell_destinations is built but not yet published (its config):
    # read from the build's own database.
    own = default_build.connect_person_level()

    def read(mart, cols):
        con = own if mart == "mart_sickness_spell_destinations" else published
        return con.sql(
            f"select start_year, {cols} from marts.{mart} where {WHERE} and not is_suppressed"
        ).df()

    return {
        "survival": read("mart_sickness_spell_survival", "spell_week, n_running, n_known"),
        "exits": read(
            "mart_sickness_spell_exits",
            "duration_band, n_spells, n_spell_weeks, ended_within_quarter_pct",
        ),
        "partial": read("mart_sickness_spell_partial_returns", "n_spells, partial_return_pct"),
        "destinations": read("mart_sickness_spell_destinations", "destination, n_spells"),
    }


def _years(frame: pd.DataFrame):
    """All start years (the mart's null row) and each start year."""
    yield None, frame
    for y in sorted(frame.start_year.unique()):
        yield int(y), frame[frame.start_year == y]


def _mart_rows(mart: pd.DataFrame, year):
    return mart[mart.start_year.isna()] if year is None else mart[mart.start_year == year]


def test_every_designed_spell_is_described_with_its_designed_values(spells):
    _, merged, _ = spells
    missing = merged[merged._merge == "left_only"]
    assert len(missing) == 0, f"{len(missing)} designed spells not described: {missing.head()}"
    bad = {}
    for col in ["duration_weeks", "is_right_censored", "has_partial_return_before_week_13"]:
        bad[col] = int((merged[col] != merged[f"{col}_obs"]).sum())
    same = (merged.destination == merged.destination_obs) | (
        merged.destination.isna() & merged.destination_obs.isna()
    )
    bad["destination"] = int((~same).sum())
    assert all(v == 0 for v in bad.values()), f"spells differing from the truth: {bad}"


def test_the_other_spells_are_a_minority_of_the_spells_from_week_5(spells):
    """The marts' spells past the employer period are mostly designed ones (the others
    are the rehab-cohort and background persons' spells: about 15 %)."""
    designed, _, others = spells
    d5 = (designed.duration_weeks >= 5).sum()
    o5 = (others.duration_weeks >= 5).sum()
    assert o5 <= 0.25 * (d5 + o5), f"{o5:,} other spells of 5+ weeks against {d5:,} designed"


def test_survival_is_the_truths_plus_the_others(spells, marts):
    designed, _, others = spells
    mart = marts["survival"]
    checked = 0
    for year, d in _years(designed):
        o = others if year is None else others[others.start_year == year]
        want = _survival(d) + _survival(o)
        got = _mart_rows(mart, year).set_index("spell_week")[["n_running", "n_known"]]
        pd.testing.assert_frame_equal(
            got.sort_index().astype("int64"),
            want.loc[got.index].sort_index().astype("int64"),
            check_names=False,
            check_index_type=False,
        )
        checked += len(got)
    assert checked == 3 * len(SURVIVAL_WEEKS)


def test_exit_within_a_quarter_is_the_truths_plus_the_others(spells, marts):
    designed, _, others = spells
    mart = marts["exits"]
    for year, d in _years(designed):
        o = others if year is None else others[others.start_year == year]
        want = _exits(d) + _exits(o)
        got = _mart_rows(mart, year).set_index("duration_band")
        assert len(got) == len(BANDS)
        for band in BANDS:
            assert got.n_spells[band] == want.n_spells[band], (year, band)
            assert got.n_spell_weeks[band] == want.n_spell_weeks[band], (year, band)
            pct = 100 * want.n_exits[band] / want.n_spell_weeks[band]
            assert abs(got.ended_within_quarter_pct[band] - pct) < 1e-3, (year, band)


def test_partial_return_is_the_truths_plus_the_others(spells, marts):
    designed, _, others = spells
    mart = marts["partial"]
    for year, d in _years(designed):
        o = others if year is None else others[others.start_year == year]
        want = _partial(d) + _partial(o)
        got = _mart_rows(mart, year)
        assert len(got) == 1
        assert got.n_spells.iloc[0] == want.n_spells
        pct = 100 * want.n_partial / want.n_spells
        assert abs(got.partial_return_pct.iloc[0] - pct) < 1e-3, year


def test_destinations_are_the_truths_plus_the_others(spells, marts):
    designed, _, others = spells
    mart = marts["destinations"]
    for year, d in _years(designed):
        o = others if year is None else others[others.start_year == year]
        want = _destinations(d).add(_destinations(o), fill_value=0).astype(int)
        got = _mart_rows(mart, year).set_index("destination").n_spells.astype(int)
        assert got.sort_index().to_dict() == want.sort_index().to_dict(), year
    # The designed destinations reach the groups of the designed aftermath.
    assert set(designed.destination.dropna()) >= {
        "in_work",
        "unemployment",
        "jobafklaring",
        "ressourceforloeb",
        "foertidspension",
        "self_supporting_not_in_work",
    }
