"""METHOD §8 benefit spells and §9.4 spell metrics on small generated registers, against
spells computed here in plain pandas/Python from DREAM's wide rows and BFL, not from the
warehouse's SQL. Two seeds: a rule that holds on one generated register set only proves
little."""

from __future__ import annotations

import datetime as dt
import math

import duckdb
import pandas as pd
import pytest

from rtw import project_root
from support.builds import Build

GAP = 4  # var spell_end_gap_weeks
FIRST_MONDAY = dt.date(2013, 12, 30)  # ISO 2014-W01, var spell_period_start
LAST_MONDAY = dt.date(2018, 12, 24)  # ISO 2018-W52, var spell_period_end
N_WEEKS = (LAST_MONDAY - FIRST_MONDAY).days // 7 + 1
START_YEARS = (2016, 2017)
pytestmark = pytest.mark.slow  # two small builds, about a minute


def week_index(column: str) -> int:
    monday = dt.date.fromisocalendar(2000 + int(column[2:4]), int(column[4:6]), 1)
    return (monday - FIRST_MONDAY).days // 7


def monday_of(index: int) -> dt.date:
    return FIRST_MONDAY + dt.timedelta(weeks=index)


@pytest.fixture(scope="module", params=[2, 4])
def small(request, shared_builds) -> tuple[Build, pd.DataFrame, dict]:
    # A whole build (a selection that leaves published marts out does not publish), the
    # session's shared one: seed 4's is also tests/acceptance/test_small_extracts'.
    build = shared_builds.build(seed=request.param, plans=3000)
    return build, *reference_spells(build.registers)


def reference_spells(registers) -> tuple[pd.DataFrame, dict]:
    """§8 by hand: per person and group, walk the coded weeks in calendar order."""
    groups = pd.read_csv(project_root() / "seeds" / "ref_benefit_groups.csv")
    group_of = dict(zip(groups["dream_code"], groups["benefit_group"], strict=True))
    wide = duckdb.connect().sql(f"select * from '{registers / 'dream.parquet'}'").df()
    columns = [c for c in wide.columns if c.startswith("y_") and 0 <= week_index(c) < N_WEEKS]
    codes: dict[str, dict[int, int]] = {}
    for row in wide[["pnr", *columns]].itertuples(index=False):
        pnr, *values = row
        codes[pnr] = {
            week_index(c): int(v) for c, v in zip(columns, values, strict=True) if not pd.isna(v)
        }
    bfl = (
        duckdb.connect()
        .sql(
            f"select pnr, aarmd, sum(ajo_arbejdstimer) as hours from '{registers / 'bfl.parquet'}' "
            "group by all having sum(ajo_arbejdstimer) > 0"
        )
        .df()
    )
    paid = set(zip(bfl["pnr"], bfl["aarmd"], strict=True))

    def in_work(pnr: str, w: int) -> bool:
        if w + 3 >= N_WEEKS or any(w + k in codes[pnr] for k in range(4)):
            return False
        thursday = monday_of(w) + dt.timedelta(days=3)  # the month of a week: its Thursday's
        return (pnr, thursday.year * 100 + thursday.month) in paid

    rows = []
    for pnr, weeks in codes.items():
        by_group: dict[str, list[int]] = {}
        for w in sorted(weeks):
            by_group.setdefault(group_of[weeks[w]], []).append(w)
        for group, ws in by_group.items():
            spells = [[ws[0], ws[0]]]
            for w in ws[1:]:
                if w - spells[-1][1] - 1 >= GAP:
                    spells.append([w, w])
                else:
                    spells[-1][1] = w
            for start, end in spells:
                right = end > N_WEEKS - 1 - GAP
                after = end + GAP
                rows.append(
                    {
                        "pnr": pnr,
                        "benefit_group": group,
                        "start_week_start": monday_of(start),
                        "end_week_start": monday_of(end),
                        "duration_weeks": end - start + 1,
                        "is_left_censored": start < GAP,
                        "is_right_censored": right,
                        "code_after": None if right else weeks.get(after),
                        "is_in_work_after": None if right else in_work(pnr, after),
                        "codes_inside": [weeks[w] for w in range(start, end + 1) if w in weeks],
                    }
                )
    return pd.DataFrame(rows), codes


def test_spells_match_a_hand_computation_from_the_wide_rows(small):
    build, expected, _ = small
    with build.connect_person_level() as con:
        got = con.sql(
            "select pnr, benefit_group, start_week_start, end_week_start, duration_weeks, "
            "is_left_censored, is_right_censored, code_after, is_in_work_after "
            "from intermediate.int_benefit_spells_built"
        ).df()
    keys = ["pnr", "benefit_group", "start_week_start"]
    exp = expected.drop(columns="codes_inside").copy()
    exp["start_week_start"] = pd.to_datetime(exp["start_week_start"])
    exp["end_week_start"] = pd.to_datetime(exp["end_week_start"])
    got["start_week_start"] = pd.to_datetime(got["start_week_start"])
    got["end_week_start"] = pd.to_datetime(got["end_week_start"])
    assert len(got) == len(exp) > 1000
    merged = exp.merge(got, on=keys, how="outer", suffixes=("_exp", "_got"), indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"].head()
    for column in ["end_week_start", "duration_weeks", "is_left_censored", "is_right_censored"]:
        bad = merged[merged[f"{column}_exp"] != merged[f"{column}_got"]]
        assert bad.empty, f"{column}: {bad.head().to_string()}"
    for column in ["code_after", "is_in_work_after"]:
        e = merged[f"{column}_exp"].astype("object").where(merged[f"{column}_exp"].notna(), None)
        g = merged[f"{column}_got"].astype("object").where(merged[f"{column}_got"].notna(), None)
        bad = merged[[a != b for a, b in zip(e, g, strict=True)]]
        assert bad.empty, f"{column}: {bad.head().to_string()}"
    # The cases the unit tests pin down occur here too: bridged gaps and censoring.
    assert (merged["duration_weeks_exp"] > 1).any() and merged["is_right_censored_exp"].any()


def test_every_sickness_spell_covers_only_sickness_codes(small):
    """Each sickness spell of the warehouse, read against the generator's raw DREAM rows:
    it starts and ends on a sickness code (890-899), its sickness weeks are all that lie
    in it, and any other week inside it is in a bridged gap of at most 3 weeks without a
    sickness code (§8: other benefits may fill a bridged gap)."""
    build, _, codes = small
    with build.connect_person_level() as con:
        spells = con.sql(
            "select pnr, start_index, end_index, n_group_weeks "
            "from intermediate.int_benefit_spells_built where benefit_group = 'sickness'"
        ).df()
    assert len(spells) > 100
    n_other = 0
    for row in spells.itertuples():
        weeks = codes[row.pnr]
        inside = [weeks.get(w) for w in range(row.start_index, row.end_index + 1)]
        sick = [c is not None and 890 <= c <= 899 for c in inside]
        assert sick[0] and sick[-1], row
        assert sum(sick) == row.n_group_weeks, row
        run = 0
        for is_sick in sick:
            run = 0 if is_sick else run + 1
            assert run < GAP, row
        n_other += sum(c is not None and not s for c, s in zip(inside, sick, strict=True))
    print(f"{len(spells)} sickness spells; {n_other} other-benefit weeks in bridged gaps")


def test_survival_and_partial_return_marts_match_the_hand_spells(small):
    build, expected, codes = small
    spells = expected[(expected["benefit_group"] == "sickness") & ~expected["is_left_censored"]]
    thursday_year = spells["start_week_start"].map(lambda d: (d + dt.timedelta(days=3)).year)
    spells = spells[thursday_year.isin(START_YEARS)]
    with build.connect() as con:
        survival = (
            con.sql(
                "select spell_week, n_known, n_running, running_share_pct "
                "from marts.mart_sickness_spell_survival "
                "where population = 'all' and scope = 'national' and start_year is null"
            )
            .df()
            .set_index("spell_week")
        )
        partial = con.sql(
            "select n_spells, partial_return_pct from marts.mart_sickness_spell_partial_returns "
            "where population = 'all' and scope = 'national' and start_year is null"
        ).fetchone()
    for w in [1, 5, 9, 13, 26, 39, 52, 78]:
        known = spells[(spells["duration_weeks"] >= w) | ~spells["is_right_censored"]]
        running = (known["duration_weeks"] >= w).sum()
        assert survival.loc[w, "n_known"] == len(known)
        if len(known) > 5:
            assert survival.loc[w, "n_running"] == running
            assert math.isclose(
                survival.loc[w, "running_share_pct"], 100 * running / len(known), abs_tol=1e-3
            )

    def partial_before_13(row) -> bool:
        start = (row.start_week_start - FIRST_MONDAY).days // 7
        return any(codes[row.pnr].get(start + k) == 899 for k in range(12))

    n_partial = sum(partial_before_13(r) for r in spells.itertuples())
    assert partial[0] == len(spells)
    assert math.isclose(partial[1], 100 * n_partial / len(spells), abs_tol=1e-3)
