"""METHOD §6.6 on every published mart (dbt tag `published`): no person-level rows or
identifiers; every cell computed from disclosure_max_courses courses or fewer is suppressed,
and every other suppressed cell is a secondary one, withheld like the primary ones.

A small register folder is built twice, with small municipalities kept (rule 10's
minimums set to 1) so that small cells exist: once as published, once with suppression
off (disclosure_max_courses -1). The second build selects the published marts only
(`-s tag:published`) on a copy of the first build's folder, so it starts from that build's
person-level database (rtw.publish.pipeline): disclosure_max_courses is read in the marts
only (macros/disclosure), and tests/publish/test_marts_only shows that such a selection
publishes the same marts as a whole build. Each flag column names, in its YAML meta
`suppression_count`, the count that decides it; in the unsuppressed build that count is
at or below the threshold (read from the publication's mart_publication_settings) only
where the published build flags the row (the other flagged rows are the secondary
suppressions of rtw.publish.suppression), and every value the published build nulls is
in a flagged row."""

from __future__ import annotations

import json
import shutil

import duckdb
import pandas as pd
import pytest

from rtw.publish.layout import person_level_database
from rtw.publish.suppression import threshold
from support.builds import run_build

pytestmark = pytest.mark.slow

SMALL_VARS = {"quality_min_courses_year": 1, "quality_min_courses_total": 1}
IDENTIFIERS = {"pnr", "course_id", "partner_id", "employer_cvr", "recnum", "ges_id"}


@pytest.fixture(scope="module")
def builds(shared_builds, tmp_path_factory):
    """The published build (shared with the reports' tests) and one with disclosure
    control off (disclosure_max_courses -1), of the same registers."""
    published = shared_builds.build(seed=5, plans=30_000, dbt_vars=SMALL_VARS)
    unsuppressed = tmp_path_factory.mktemp("disclosure") / "unsuppressed"
    # The shared build's releases and links (relative), not its dbt target and logs.
    shutil.copytree(
        published.warehouse.parent,
        unsuppressed,
        symlinks=True,
        ignore=shutil.ignore_patterns("target", "logs"),
    )
    no_control = json.dumps({**SMALL_VARS, "disclosure_max_courses": -1})
    args = ("-s", "tag:published", "--vars", no_control)
    code, output, _ = run_build(published.registers, unsuppressed, *args)
    assert code == 0, output
    runs = sorted((unsuppressed / "runs").glob("*.json"))
    built = {m["name"] for m in json.loads(runs[-1].read_text())["models"]}
    assert "fct_rehab_courses" not in built and "mart_publication_settings" in built
    return {"published": published.warehouse.parent, "unsuppressed": unsuppressed}


def published_marts(target) -> dict[str, dict]:
    manifest = json.loads((target / "manifest.json").read_text())
    return {
        node["name"]: node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and "published" in node["tags"]
    }


def read(folder, node) -> pd.DataFrame:
    grain = node["config"]["meta"]["grain"]
    with duckdb.connect(str(folder / "warehouse.duckdb"), read_only=True) as con:
        frame = con.sql(f"select * from {node['schema']}.{node['name']}").df()
    return frame.sort_values(grain, na_position="first", ignore_index=True)


def test_published_marts_hold_no_person_level_rows_or_identifiers(builds):
    marts = published_marts(builds["published"] / "target")
    assert len(marts) >= 14
    person_level = person_level_database(builds["published"] / "warehouse.duckdb")
    with duckdb.connect(str(person_level), read_only=True) as con:
        # The persons the marts describe: the rehab courses' and, for the spell marts
        # of METHOD §9.4, everyone in DREAM.
        (schema,) = con.sql(
            "select schema_name from duckdb_views() where view_name = 'stg_dream__person_weeks'"
        ).fetchone()
        n_persons = con.sql(f"select count(*) from {schema}.stg_dream__person_weeks").fetchone()[0]
    with duckdb.connect(str(builds["published"] / "warehouse.duckdb"), read_only=True) as con:
        for name, node in marts.items():
            columns = set(con.sql(f"select * from marts.{name} limit 0").columns)
            assert not columns & IDENTIFIERS, name
            grain = node["config"]["meta"]["grain"]
            rows, keys = con.sql(
                f"select count(*), count(distinct ({', '.join(grain)})) from marts.{name}"
            ).fetchone()
            assert rows == keys, f"{name}: grain {grain} is not unique"
            assert rows < n_persons / 5, f"{name}: {rows} rows look person-level"


def test_every_suppressed_cell_is_5_courses_or_fewer(builds):
    marts = published_marts(builds["published"] / "target")
    with duckdb.connect(str(builds["published"] / "warehouse.duckdb"), read_only=True) as con:
        limit = threshold(con)
    n_flagged = n_secondary = 0
    for name, node in marts.items():
        published = read(builds["published"], node)
        unsuppressed = read(builds["unsuppressed"], node)
        assert len(published) == len(unsuppressed), name
        flags = {
            column: spec["meta"]["suppression_count"]
            for column, spec in node["columns"].items()
            if spec.get("meta", {}).get("suppression_count")
        }
        any_flag = pd.Series(False, index=published.index)
        for flag, count in flags.items():
            flagged = published[flag].astype(bool)
            n = unsuppressed[count]
            assert (n[~flagged] > limit).all(), f"{name}.{flag}: a count <= {limit} not suppressed"
            n_secondary += int((flagged & (n > limit)).sum())
            assert published.loc[flagged, count].isna().all(), f"{name}.{count} shown when flagged"
            any_flag |= flagged
            n_flagged += int(flagged.sum())
        # Every value the published build withholds is in a flagged row.
        withheld = published.isna() & unsuppressed.notna()
        rows = withheld.any(axis=1)
        assert not (rows & ~any_flag).any(), f"{name}: a value withheld without a flag"
    assert n_flagged > n_secondary > 0  # the small build has small cells, so the test can fail
