"""`rtw generate --scale national` (issue 8) on a scaled-down run: a small cohort
(5,000 plans) and 0.3 % of the national background population, in chunks small enough
that the files have several row groups.

Checked: the contract (columns, types, grains) at national scale; DREAM's week columns
2010 week 1 to 2018 week 52 with y_1553; BEF persons per year and DREAM persons at the
scaled national volumes; the default registers of the same seed inside the national
ones row for row (so the cohort and its calibration are the default scale's); every row
group mixing default and extra persons; the extra persons never having a rehab plan or
a municipal rehab service; the same seed giving the same files.
"""

from __future__ import annotations

import duckdb
import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from rtw.contract import REGISTERS
from rtw.synth import generate
from rtw.synth import national as N
from rtw.synth.calendar import WeekCalendar

PLANS = 5_000
POPULATION = 0.003
CHUNK = 5_000  # persons per chunk in these runs (national: 250,000)


def _national(out, monkeypatch):
    monkeypatch.setattr(N, "CHUNK_PERSONS", CHUNK)
    return generate(
        out, seed=5, plans=PLANS, progress=False, scale="national", population=POPULATION
    )


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """(default folder, national folder, national summary, second national folder)."""
    with pytest.MonkeyPatch.context() as mp:
        base = tmp_path_factory.mktemp("national")
        generate(base / "default", seed=5, plans=PLANS, progress=False)
        summary = _national(base / "national", mp)
        _national(base / "again", mp)
    return base / "default", base / "national", summary, base / "again"


def _sql(q: str):
    return duckdb.sql(q).fetchall()


def _default_persons(default) -> int:
    return _sql(f"select count(*) from read_parquet('{default}/dream.parquet')")[0][0]


@pytest.mark.parametrize("name", sorted(REGISTERS))
def test_every_register_has_its_columns_types_and_grain(runs, name):
    _, national, _, _ = runs
    path = national / f"{name}.parquet"
    cols = dict(r[:2] for r in _sql(f"describe select * from read_parquet('{path}')"))
    for col, typ in REGISTERS[name]["columns"].items():
        assert cols.get(col) == typ, f"{name}.{col}: {cols.get(col)} != {typ}"
    grain = ", ".join(REGISTERS[name]["grain"])
    dup = _sql(
        f"select count(*) from (select {grain} from read_parquet('{path}') "
        f"group by all having count(*) > 1)"
    )[0][0]
    assert dup == 0


def test_dream_has_every_iso_week_from_2010_to_2018(runs):
    _, national, _, _ = runs
    cols = _sql(f"describe select * from read_parquet('{national}/dream.parquet')")
    weeks = [c for c, *_ in cols if c.startswith("y_")]
    assert weeks == WeekCalendar(2010, 2018).column_names()
    assert (weeks[0], weeks[-1], len(weeks)) == ("y_1001", "y_1852", 469)
    assert "y_1553" in weeks and "y_0953" not in weeks and "y_1653" not in weeks
    assert {t for c, t, *_ in cols if c.startswith("y_")} == {"SMALLINT"}
    # Mostly blank: a national DREAM is sparse.
    cells = pq.read_table(national / "dream.parquet", columns=weeks[::20])
    filled = sum(c.length() - c.null_count for c in cells.columns)
    assert 0.02 < filled / (cells.num_rows * cells.num_columns) < 0.5


def test_bef_and_dream_persons_at_the_scaled_national_volumes(runs):
    default, national, summary, _ = runs
    n_default = _default_persons(default)
    per_year = dict(
        _sql(f"select aar, count(*) from read_parquet('{national}/bef.parquet') group by aar")
    )
    assert sorted(per_year) == list(range(2014, 2019))
    default_per_year = dict(
        _sql(f"select aar, count(*) from read_parquet('{default}/bef.parquet') group by aar")
    )
    for year, n in per_year.items():
        expected = default_per_year[year] + POPULATION * (N.NATIONAL_BEF_PERSONS - n_default)
        assert abs(n - expected) / expected < 0.05, (year, n, expected)
    dream = _sql(f"select count(*) from read_parquet('{national}/dream.parquet')")[0][0]
    expected = n_default + POPULATION * (N.NATIONAL_DREAM_PERSONS - n_default)
    assert abs(dream - expected) / expected < 0.05, (dream, expected)
    assert summary.scale == "national" and summary.rows["dream"] == dream


def _person(pnr_column: str) -> str:
    return f"cast(substr({pnr_column}, 2) as bigint)"


@pytest.mark.parametrize("name", sorted(set(REGISTERS) - {"dream"}))
def test_default_rows_are_the_national_rows_of_the_default_persons(runs, name):
    """The cohort and its background persons: the same rows, no more, no fewer."""
    default, national, _, _ = runs
    n_default = _default_persons(default)
    cols = ", ".join(r[0] for r in _sql(f"describe select * from '{default}/{name}.parquet'"))
    if "pnr" in REGISTERS[name]["columns"]:
        of_default = (
            f"select {cols} from '{national}/{name}.parquet' where {_person('pnr')} < {n_default}"
        )
    else:  # LPR child tables: by the person of their contact
        of_default = (
            f"select {', '.join('t.' + c.strip() for c in cols.split(','))} "
            f"from '{national}/{name}.parquet' t join '{national}/lpr_adm.parquet' a "
            f"using (recnum) where {_person('a.pnr')} < {n_default}"
        )
    a = pd.DataFrame(_sql(f"select {cols} from '{default}/{name}.parquet' order by all"))
    b = pd.DataFrame(_sql(f"{of_default} order by all"))
    assert len(a) > 0 or name == "dod"  # a run this small may have no cohort deaths
    pd.testing.assert_frame_equal(a, b)


def test_default_dream_rows_are_the_same_from_2014_and_without_sickness_before(runs):
    default, national, _, _ = runs
    weeks = WeekCalendar(2014, 2018).column_names()
    a = pq.read_table(default / "dream.parquet").to_pandas()
    b = pq.read_table(national / "dream.parquet").to_pandas()
    b = b[b.pnr.isin(a.pnr)]
    assert len(b) == len(a)
    merged = a.merge(b, on="pnr", suffixes=("", "_national"))
    for week in weeks:
        left, right = merged[week], merged[f"{week}_national"]
        assert left.equals(right) or (left.fillna(-1) == right.fillna(-1)).all(), week
    earlier = [c for c in b.columns if c.startswith("y_") and c not in weeks]
    assert len(earlier) == 208
    values = pd.unique(b[earlier].to_numpy().ravel())
    values = values[~pd.isna(values)].astype(int)
    assert len(values) > 0  # the earlier weeks carry benefits
    assert not np.isin(values, range(890, 900)).any()  # but no sickness


def test_every_row_group_mixes_default_and_extra_persons(runs):
    default, national, _, _ = runs
    n_default = _default_persons(default)
    for name in ("bef", "dream", "bfl", "sssy"):
        meta = pq.ParquetFile(national / f"{name}.parquet")
        assert meta.num_row_groups > 2, name
        for i in range(meta.num_row_groups):
            person = meta.read_row_group(i, columns=["pnr"])["pnr"].to_pandas().str[1:].astype(int)
            assert (person < n_default).any() and (person >= n_default).any(), (name, i)


def test_extra_persons_have_no_plan_and_no_municipal_rehab(runs):
    default, national, _, _ = runs
    n_default = _default_persons(default)
    plans = _sql(
        f"select count(*) from '{national}/lpr_sksube.parquet' u "
        f"join '{national}/lpr_adm.parquet' a using (recnum) "
        f"where {_person('a.pnr')} >= {n_default} and u.c_opr like 'AWG%'"
    )[0][0]
    assert plans == 0
    extra_contacts = _sql(
        f"select count(*) from '{national}/lpr_adm.parquet' where {_person('pnr')} >= {n_default}"
    )[0][0]
    assert extra_contacts > 0
    ges = [pd.read_parquet(f / "ges.parquet") for f in (default, national)]
    pd.testing.assert_frame_equal(*ges)


def test_same_seed_gives_the_same_national_registers(runs):
    _, national, _, again = runs
    for name in REGISTERS:
        a = pq.read_table(national / f"{name}.parquet")
        b = pq.read_table(again / f"{name}.parquet")
        assert a.equals(b), name
