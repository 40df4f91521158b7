"""No suppressed cell of a published mart can be recovered from what is published
(METHOD §6.6, issue 14).

For every published mart the declared sums (meta.disclosure, read from the build's dbt
manifest) are turned into equations by tests/disclosure/solver.py, written apart from
rtw.publish.suppression, and solved exactly: a suppressed count that the published counts
determine is a leak. On a 12,000-plan extract with small municipalities kept (many
suppressed cells) and on the default registers; and on deliberately broken marts, where
the check must find the leak."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from solver import equations, leaks, recoverable, suppressed_counts

from support.builds import Build

pytestmark = pytest.mark.slow

SMALL_VARS = {"quality_min_courses_year": 5, "quality_min_courses_total": 10}


@pytest.fixture(scope="module")
def small_build(shared_builds) -> Build:
    return shared_builds.build(seed=3, plans=12_000, dbt_vars=SMALL_VARS)


def declared_marts(build: Build) -> dict[str, tuple[dict, pd.DataFrame]]:
    manifest = json.loads((build.target / "manifest.json").read_text())
    out = {}
    with build.connect() as con:
        for node in manifest["nodes"].values():
            if node["resource_type"] != "model" or "published" not in node["tags"]:
                continue
            meta = node["config"]["meta"]
            if "disclosure" not in meta:
                continue
            order = ", ".join(f'"{c}" nulls first' for c in meta["grain"])
            frame = con.sql(
                f'select * from {node["schema"]}."{node["name"]}" order by {order}'
            ).df()
            out[node["name"]] = (meta["disclosure"], frame)
    return out


def release_counts(build: Build) -> dict:
    return json.loads((build.warehouse.parent / "current" / "release.json").read_text())[
        "suppression"
    ]


def check_no_leaks(build: Build, label: str) -> int:
    marts = declared_marts(build)
    counts = release_counts(build)
    print(f"\n{label}: suppressed cells per mart (primary + secondary)")
    for name in sorted(counts):
        print(f"  {name:45s} {counts[name]['primary']:6d} + {counts[name]['secondary']:5d}")
    n_hidden = 0
    for name, (spec, frame) in marts.items():
        hidden = suppressed_counts(frame, spec)
        assert not leaks(frame, spec), f"{name}: suppressed counts recoverable"
        n_hidden += len(hidden)
        # Every cell the release counts is withheld in the publication, and no more.
        assert len(hidden) == counts[name]["primary"] + counts[name]["secondary"], name
    # Every published mart with suppressible cells declares its sums (only the settings,
    # fit, top/bottom and sensitivity marts have none).
    with build.connect() as con:
        flagged = {
            t
            for (t,) in con.sql(
                "select distinct table_name from duckdb_columns() "
                "where schema_name = 'marts' and column_name like '%suppressed%'"
            ).fetchall()
        }
    assert flagged <= set(marts)
    return n_hidden


def test_no_suppressed_cell_is_recoverable_on_a_small_extract(small_build):
    counts = release_counts(small_build)
    assert sum(c["secondary"] for c in counts.values()) > 0  # the check has work to do
    assert check_no_leaks(small_build, "12,000 plans, seed 3") > 100
    assert "disclosure control:" in small_build.output


def test_no_suppressed_cell_is_recoverable_on_the_default_registers(default_build):
    check_no_leaks(default_build, "default registers, seed 1")


def test_the_check_finds_an_unsuppressed_complement(small_build):
    """Publish one of two suppressed counts of a sum (as a missing secondary suppression
    would): the other one must then be found recoverable, on every mart and kind of sum
    where the build made such a pair."""
    broken = 0
    for name, (spec, frame) in declared_marts(small_build).items():
        hidden = suppressed_counts(frame, spec)
        for eq in equations(frame, spec):
            pair = [v for v in eq if v in hidden]
            if len(pair) == 2:
                shown, other = pair
                assert other in recoverable([eq], hidden - {shown}), name
                # And through the whole mart's system too.
                assert other in recoverable(equations(frame, spec), hidden - {shown}), name
                broken += 1
                break
    assert broken >= 2
