"""The national scale writes the working population and the reform groups at national
size (issue 16): beside the default persons, the rest of each population (their
targets' national counts less the default part, targets.REFORM_FRACTION) from second
random streams that share the default part's true model.

A small cohort (5,000 plans) at population 1, with the national background cut to
20,000 persons (N.NATIONAL_BEF_PERSONS patched), so that the rest is at its full size
relative to the plans while the run stays small. Compared with targets.py's national
counts, the default registers of the same seed and the registers' own identifiers.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pytest

from rtw.synth import generate
from rtw.synth import national as N
from rtw.synth import targets as T

PLANS = 5_000
SEED = 4


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    base = tmp_path_factory.mktemp("national_populations")
    generate(base / "default", seed=SEED, plans=PLANS, progress=False)
    n_default = duckdb.sql(
        f"select count(*) from read_parquet('{base / 'default'}/dream.parquet')"
    ).fetchone()[0]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(N, "NATIONAL_BEF_PERSONS", n_default + 20_000)
        mp.setattr(N, "CHUNK_PERSONS", 8_000)
        generate(base / "national", seed=SEED, plans=PLANS, progress=False, scale="national")
    return base / "default", base / "national"


def _truth(folder, name) -> pd.DataFrame:
    return pd.read_parquet(folder / "_truth" / name)


def test_designed_sickness_spells_at_national_size(folders):
    default, national = folders
    plan_scale = PLANS / T.DEFAULT_PLANS
    d, n = _truth(default, "sickness_spells.parquet"), _truth(national, "sickness_spells.parquet")
    rest = len(n) - len(d)
    # The rest: the national count less the default part, municipality by municipality
    # rounded (at most half a spell each of 98 municipalities and 2 start years off).
    expected = T.SICKNESS_SPELLS_PER_YEAR * (1 / T.REFORM_FRACTION - 1) * plan_scale * 2
    assert abs(rest - expected) <= 98, (rest, expected)
    # The default part is the default registers' own, spell for spell.
    keys = ["pnr", "start_week_start", "true_p"]
    pd.testing.assert_frame_equal(
        n[keys].iloc[: len(d)].reset_index(drop=True), d[keys].reset_index(drop=True)
    )


def test_both_parts_follow_one_true_model(folders):
    _, national = folders
    n = _truth(national, "sickness_spells.parquet")
    effects = n.groupby("municipality_code").true_municipal_effect.nunique()
    assert (effects == 1).all(), effects[effects > 1]
    # Same levels give the same true probability whichever part a spell is in.
    levels = [c for c in n.columns if c.startswith("true_level__")]
    spread = n.groupby(["municipality_code", *levels]).true_p.agg(["min", "max"])
    assert np.allclose(spread["min"], spread["max"], rtol=0, atol=1e-12)


def test_reform_groups_at_national_size(folders):
    default, national = folders
    d, n = _truth(default, "reform_persons.parquet"), _truth(national, "reform_persons.parquet")
    ratio = len(n) / len(d)
    # Every group's persons scale with the national counts (1 / REFORM_FRACTION).
    assert abs(ratio * T.REFORM_FRACTION - 1) < 0.05, ratio
    assert (n.groupby("municipality_code").true_award_ratio.nunique() == 1).all(), (
        "one true award ratio per municipality"
    )


def test_rest_persons_are_in_the_registers_once(folders):
    _, national = folders
    s = _truth(national, "sickness_spells.parquet")
    r = _truth(national, "reform_persons.parquet")
    persons = pd.Series(np.concatenate([s.pnr.unique(), r.pnr.unique()]))
    assert not persons.duplicated().any(), "a rest person is in two populations"
    with duckdb.connect() as con:
        con.register("rest", pd.DataFrame({"pnr": persons}))
        dream = con.sql(
            f"select count(*) from read_parquet('{national}/dream.parquet') join rest using (pnr)"
        ).fetchone()[0]
        assert dream == len(persons)
        # In BEF: every person of the working population (resident 2014-2018); of the
        # reform groups all but pensioners who die or leave in 2014 (about 3 % of the
        # default's førtidspension stock).
        con.register("working", pd.DataFrame({"pnr": s.pnr.unique()}))
        bef = f"(select distinct pnr from read_parquet('{national}/bef.parquet'))"
        in_bef = con.sql(f"select count(*) from working join {bef} using (pnr)").fetchone()[0]
        assert in_bef == s.pnr.nunique()
        in_bef = con.sql(f"select count(*) from rest join {bef} using (pnr)").fetchone()[0]
        assert in_bef >= 0.98 * len(persons), (in_bef, len(persons))
        for table, grain in (("lpr_adm", "recnum"), ("bef", "pnr, aar")):
            path = national / f"{table}.parquet"
            dup = con.sql(
                f"select count(*) from (select {grain} from read_parquet('{path}') "
                "group by all having count(*) > 1)"
            ).fetchone()[0]
            assert dup == 0, table
