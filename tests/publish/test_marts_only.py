"""Issue 14: the publication holds the published marts and the reference tables only,
and only a complete build publishes.

The unit tests use hand-made databases and run results. The build tests share one small
register set (3,000 plans, lowered quality thresholds): one full build, then every
refused partial build with the publication's files hashed before and after, and a
selective rebuild that includes every published mart. The last test reads the
default-size build.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from rtw.publish.pipeline import EXIT_USAGE, dbt_flags, refused_arguments
from rtw.publish.publication import (
    IDENTIFIERS,
    REFERENCE_TABLES,
    PublicationError,
    check_publication,
    unbuilt_marts,
    write_publication,
)
from support.builds import run_build

SMALL = "{quality_min_courses_year: 5, quality_min_courses_total: 10}"


def _manifest(marts: dict[str, list[str]]) -> dict:
    nodes = {
        f"model.rtw.{name}": {
            "unique_id": f"model.rtw.{name}",
            "name": name,
            "alias": name,
            "schema": "marts",
            "resource_type": "model",
            "tags": ["published"],
            "config": {"meta": {"grain": grain}},
        }
        for name, grain in marts.items()
    }
    nodes["model.rtw.fct_x"] = {
        "unique_id": "model.rtw.fct_x",
        "name": "fct_x",
        "alias": "fct_x",
        "schema": "marts",
        "resource_type": "model",
        "tags": [],
        "config": {"meta": {}},
    }
    for seed in ("ref_municipalities", "ref_benchmark_cases", "ref_whitepaper_figur7"):
        nodes[f"seed.rtw.{seed}"] = {
            "unique_id": f"seed.rtw.{seed}",
            "name": seed,
            "alias": seed,
            "schema": "reference",
            "resource_type": "seed",
            "tags": [],
            "config": {"meta": {}},
        }
    return {"nodes": nodes}


def _build_db(path: Path) -> None:
    """A person-level build by hand: a register view, an intermediate and a fact table
    with identifiers, two published marts, the municipalities and another seed."""
    registers = path.parent / "bef.parquet"
    with duckdb.connect(str(path)) as con:
        con.execute(f"copy (select 'p1' as pnr, 101 as kom) to '{registers}' (format parquet)")
        for schema in ("staging", "intermediate", "marts", "reference"):
            con.execute(f"create schema {schema}")
        con.execute(f"create view staging.stg_bef as select * from read_parquet('{registers}')")
        con.execute("create table intermediate.int_x as select 'p1' as pnr, 7 as recnum")
        con.execute("create table marts.fct_x as select 1 as course_id, 'p1' as pnr")
        con.execute(
            "create table marts.mart_b as select * from (values (2, 'b'), (1, 'a')) t(k, v)"
        )
        con.execute("create table marts.mart_a as select 3 as n")
        con.execute(
            "create table reference.ref_municipalities as select * from "
            "(values (147, 'Frederiksberg'), (101, 'København')) t(municipality_code, name)"
        )
        con.execute("create table reference.ref_countries as select 'DK' as code")
        con.execute(
            "create table reference.ref_benchmark_cases as select * from "
            "(values ('sickness', 2), ('rehab', 1)) t(benchmark_case, case_order)"
        )
        con.execute(
            "create table reference.ref_whitepaper_figur7 as select * from "
            "(values (5, 125749), (1, 309304)) t(spell_week, on_sickness_benefit)"
        )


def test_the_publication_holds_the_published_marts_and_reference_tables_only(tmp_path):
    build_db, publication = tmp_path / "person_level.duckdb", tmp_path / "pub" / "w.duckdb"
    publication.parent.mkdir()
    _build_db(build_db)
    manifest = _manifest({"mart_a": ["n"], "mart_b": ["k"]})
    written = write_publication(build_db, publication, manifest, tmp_path / "pub" / "marts")
    assert written == [
        "marts.mart_a",
        "marts.mart_b",
        "reference.ref_benchmark_cases",
        "reference.ref_municipalities",
        "reference.ref_whitepaper_figur7",
    ]
    with duckdb.connect(str(publication), read_only=True) as con:
        tables = con.execute(
            "select schema_name || '.' || table_name from duckdb_tables() order by 1"
        ).fetchall()
        assert [t for (t,) in tables] == written
        assert con.execute("select count(*) from duckdb_views() where not internal").fetchone() == (
            0,
        )
        # Copied sorted by the grain: the same rows give the same file.
        assert con.execute("select k from marts.mart_b").fetchall() == [(1,), (2,)]
        assert con.execute(
            "select municipality_code from reference.ref_municipalities"
        ).fetchall() == [
            (101,),
            (147,),
        ]
        assert con.execute("select spell_week from reference.ref_whitepaper_figur7").fetchall() == [
            (1,),
            (5,),
        ]
    assert sorted(p.name for p in (tmp_path / "pub" / "marts").iterdir()) == [
        "mart_a.parquet",
        "mart_b.parquet",
    ]
    assert b"bef.parquet" not in publication.read_bytes()
    # Written again from the same build: the same bytes.
    first = publication.read_bytes()
    write_publication(build_db, publication, manifest, tmp_path / "pub" / "marts")
    assert publication.read_bytes() == first


@pytest.mark.parametrize("column", ["pnr", "course_id", "CVRNR"])
def test_a_published_mart_with_an_identifier_is_not_published(tmp_path, column):
    build_db, publication = tmp_path / "person_level.duckdb", tmp_path / "w.duckdb"
    _build_db(build_db)
    with duckdb.connect(str(build_db)) as con:
        con.execute(f"create or replace table marts.mart_a as select 3 as n, 'x' as {column}")
    with pytest.raises(PublicationError, match=rf"marts\.mart_a\.{column}"):
        write_publication(build_db, publication, _manifest({"mart_a": ["n"]}))


def test_a_view_in_the_publication_is_refused(tmp_path):
    with duckdb.connect(str(tmp_path / "w.duckdb")) as con:
        con.execute("create schema marts")
        con.execute("create view marts.v as select 1 as n")
        with pytest.raises(PublicationError, match=r"1 view\(s\): marts\.v"):
            check_publication(con)


def test_identifiers_cover_the_registers_keys():
    assert {"pnr", "recnum", "ges_id", "cvrnr", "course_id", "spell_id", "unit_id"} <= IDENTIFIERS
    assert set(REFERENCE_TABLES) == {
        "ref_municipalities",
        "ref_benchmark_cases",
        "ref_whitepaper_figur7",
    }


def test_unbuilt_marts_are_those_without_success_in_this_run():
    manifest = _manifest({"mart_a": ["n"], "mart_b": ["k"], "mart_c": ["k"]})
    results = {
        "results": [
            {"unique_id": "model.rtw.mart_a", "status": "success"},
            {"unique_id": "model.rtw.mart_b", "status": "error"},
            {"unique_id": "model.rtw.fct_x", "status": "success"},
        ]
    }
    assert unbuilt_marts(manifest, results) == ["mart_b", "mart_c"]
    results["results"][1]["status"] = "success"
    results["results"].append({"unique_id": "model.rtw.mart_c", "status": "success"})
    assert unbuilt_marts(manifest, results) == []


@pytest.mark.parametrize(
    ("args", "flag"),
    [
        (["--empty"], "--empty"),
        (["--resource-type", "test"], "--resource-type"),
        (["--resource-types=test", "--vars", "{}"], "--resource-types"),
    ],
)
def test_arguments_that_never_publish_are_refused_naming_the_flag(args, flag):
    assert flag in refused_arguments(args)


def test_selections_are_recognised_in_every_spelling():
    assert dbt_flags(["--select=x", "-m", "y", "--exclude", "z"]) == {"--select", "-m", "--exclude"}
    assert refused_arguments(["-s", "x", "--vars", "{a: 1}"]) is None


# --- builds on one small register set ---------------------------------------------------

SKIPPED = {"runs", "logs", "target", ".rtw-build.lock"}


def publication_hashes(folder: Path) -> dict[str, str]:
    """Every file and link of the publication: what `current` and the published paths
    lead to and every release with its person-level database (the run logs, dbt's
    target and logs and the failed build kept for inspection are records, not the
    publication)."""
    hashes = {}
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] in SKIPPED or relative.parts[-1].endswith(".failed"):
            continue
        if any(part.endswith(".failed") for part in relative.parts):
            continue
        if path.is_symlink():
            hashes[str(relative)] = "link:" + os.readlink(path)
        elif path.is_file():
            hashes[str(relative)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return hashes


@pytest.fixture(scope="module")
def small(tmp_path_factory) -> dict:
    from rtw.synth import generate

    folder = tmp_path_factory.mktemp("marts_only")
    registers = folder / "raw"
    generate(out=registers, seed=2, plans=3_000, progress=False)
    code, output, _ = run_build(registers, folder, "--vars", SMALL)
    assert code == 0, output
    return {"folder": folder, "registers": registers, "hashes": publication_hashes(folder)}


def _check_publication_file(path: Path, marts: Path, registers: Path) -> None:
    manifest = json.loads((path.resolve().parent / "dbt" / "manifest.json").read_text())
    published = {
        f"{n['schema']}.{n['alias'] or n['name']}"
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and "published" in n["tags"]
    }
    assert len(published) >= 14
    with duckdb.connect(str(path), read_only=True) as con:
        tables = {
            f"{s}.{t}"
            for s, t in con.execute(
                "select schema_name, table_name from duckdb_tables()"
            ).fetchall()
        }
        # The published marts and the reference tables the pages need (ref_municipalities,
        # ref_benchmark_cases, ref_whitepaper_figur7), nothing else.
        assert tables == published | {f"reference.{t}" for t in REFERENCE_TABLES}
        assert con.execute("select count(*) from duckdb_views() where not internal").fetchone() == (
            0,
        )
        columns = {
            c.lower()
            for (c,) in con.execute("select column_name from information_schema.columns").fetchall()
        }
        assert not columns & IDENTIFIERS
        sql = " ".join(
            s for (s,) in con.execute("select coalesce(sql, '') from duckdb_tables()").fetchall()
        )
        assert "read_parquet" not in sql and str(registers) not in sql
    assert str(registers).encode() not in path.read_bytes()
    files = sorted(marts.glob("*.parquet"))
    assert {f"marts.{p.stem}" for p in files} == published
    for file in files:
        assert not {c.lower() for c in pq.read_schema(file).names} & IDENTIFIERS, file.name


@pytest.mark.slow
def test_a_small_build_publishes_marts_only(small):
    folder = small["folder"]
    _check_publication_file(folder / "warehouse.duckdb", folder / "marts", small["registers"])
    release = (folder / "current").resolve()
    person_level = release.with_name(release.name + ".person-level.duckdb")
    assert person_level.is_file() and not (release / "person_level.duckdb").exists()
    with duckdb.connect(str(person_level), read_only=True) as con:
        assert con.execute("select count(*) from marts.fct_rehab_courses").fetchone()[0] > 0


@pytest.mark.slow
@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--empty"], ["--empty"]),
        (["--resource-type", "test"], ["--resource-type"]),
        (["--select=ref_municipalities"], ["mart_population_flow", "mart_model_fit"]),
        (["-s", "ref_municipalities"], ["mart_population_flow", "mart_benchmark_municipality"]),
        (["-m", "ref_municipalities"], ["mart_national_shares_by_month"]),
        (["--exclude", "mart_population_flow"], ["mart_population_flow"]),
    ],
    ids=["empty", "resource-type", "select=", "-s", "-m", "exclude"],
)
def test_a_partial_build_is_refused_and_the_publication_unchanged(small, args, named):
    folder = small["folder"]
    code, output, _ = run_build(small["registers"], folder, *args, "--vars", SMALL)
    assert code == EXIT_USAGE, output
    for name in named:
        assert name in output, output
    assert "the publication is unchanged" in output
    assert publication_hashes(folder) == small["hashes"]
    if args[0] == "--exclude":
        refused = output[output.index("published marts not built") :]
        assert "mart_model_fit" not in refused.splitlines()[0]  # only the excluded one


@pytest.mark.slow
def test_a_selection_of_every_published_mart_rebuilds_from_the_person_level_copy(small):
    folder = small["folder"]
    before = (folder / "current").resolve().name
    code, output, _ = run_build(small["registers"], folder, "-s", "tag:published", "--vars", SMALL)
    assert code == 0, output
    assert (folder / "current").resolve().name != before
    _check_publication_file(folder / "warehouse.duckdb", folder / "marts", small["registers"])
    run = sorted((folder / "runs").glob("*.json"))[-1]
    built = {m["name"] for m in json.loads(run.read_text())["models"]}
    assert "fct_rehab_courses" not in built  # taken from the copy, not rebuilt
    # The same marts as the full build: the copy's upstream is the full build's.
    previous = json.loads((folder / "releases" / before / "release.json").read_text())["marts"]
    current = json.loads((folder / "current" / "release.json").read_text())["marts"]
    assert {m["mart"]: m["sha256"] for m in current} == {m["mart"]: m["sha256"] for m in previous}


@pytest.mark.slow
def test_the_default_build_publishes_marts_only(default_build):
    folder = default_build.warehouse.parent
    _check_publication_file(default_build.warehouse, folder / "marts", default_build.registers)
    with default_build.connect_person_level() as con:
        assert con.execute("select count(*) from marts.fct_rehab_courses").fetchone()[0] > 0
