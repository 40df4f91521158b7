"""Benchmark of the benefit spells (METHOD §8, issue 17): the time, peak memory and rows of
the models int_work_periods_found, int_benefit_spells_built and int_sickness_weeks_listed
on their own, on

- generated registers (`--registers DIR`, e.g. `rtw generate --out DIR` at the default
  size), and
- a larger synthetic DREAM made cheaply in DuckDB (`--persons N`, default 1,000,000):
  2013-W01 to 2018-W52 (313 weeks, 2015-W53 included), a share of the persons
  (`--share-with-spells`) with one to three spells of random group, start and length
  (geometric, mean 12 weeks), no BFL (so no work periods).

    .venv/bin/python bench/spells.py --registers /tmp/raw --persons 1000000

The models' SQL is dbt's own compiled SQL (`dbt compile`), run by DuckDB in a child
process against views of the register files, so that the numbers are the models' and
not dbt's; the peak memory is the child's max RSS. DuckDB's cap is the build's
(RTW_DUCKDB_MEMORY_LIMIT, default 8 GB). Results are printed and appended to
bench/results/spells.jsonl.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
MODELS = ["int_work_periods_found", "int_benefit_spells_built", "int_sickness_weeks_listed"]

CHILD = r"""
import json, resource, sys, time
import duckdb
database, memory_limit, setup = sys.argv[1:4]
statements = json.loads(sys.argv[4])
con = duckdb.connect(database)
con.execute(f"set memory_limit = '{memory_limit}'")
con.execute("set preserve_insertion_order = true")
con.execute(setup)
out = {}
for name, sql in statements:
    started = time.perf_counter()
    con.execute(f"create or replace table intermediate.{name} as {sql}")
    out[name] = {
        "seconds": round(time.perf_counter() - started, 2),
        "rows": con.sql(f"select count(*) from intermediate.{name}").fetchone()[0],
    }
out["peak_rss_gib"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 2)
print(json.dumps(out))
"""


def compiled_sql(work: Path, register_dir: Path) -> dict[str, str]:
    """dbt's compiled SQL of the spell models for the DREAM of register_dir (its week
    columns give the spell weeks, macro dream_spell_period), relations in catalog
    `warehouse`."""
    env = dict(os.environ)
    env.update(
        REGISTER_DIR=str(register_dir),
        WAREHOUSE_PATH=str(work / "warehouse.duckdb"),
        DBT_TARGET_PATH=str(work / "target" / register_dir.name),
        DBT_LOG_PATH=str(work / "logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
    )
    dbt = Path(sys.executable).with_name("dbt")
    cmd = [str(dbt), "compile", "--select", *MODELS, "--profiles-dir", str(ROOT / "profiles")]
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    folder = work / "target" / register_dir.name / "compiled" / "rtw" / "models" / "intermediate"
    # The compiled SQL names the catalog after the warehouse file; the child's is the same.
    return {
        name: re.sub(r'"warehouse"\.', "", (folder / "spells" / f"{name}.sql").read_text())
        for name in MODELS
    }


def setup_sql(dream: str, bfl: str | None) -> str:
    """Views standing in for the staging models and the seed the spell models read."""
    groups = ROOT / "seeds" / "ref_benefit_groups.csv"
    bfl_view = (
        "select cast(pnr as varchar) as pnr, make_date(aarmd // 100, aarmd % 100, 1) as job_month,"
        f" cast(ajo_arbejdstimer as double) as paid_hours from read_parquet('{bfl}')"
        if bfl
        else "select ''::varchar as pnr, date '2014-01-01' as job_month, 0.0 as paid_hours"
        " where false"
    )
    return f"""
        create schema if not exists staging; create schema if not exists reference;
        create schema if not exists intermediate;
        create or replace view staging.stg_dream__person_weeks as
            select * from read_parquet('{dream}');
        create or replace view staging.stg_bfl__job_months as {bfl_view};
        create or replace table reference.ref_benefit_groups as
            select * from read_csv(
                '{groups}', header = true,
                columns = {{'dream_code': 'INTEGER', 'benefit_group': 'VARCHAR'}}
            );
    """


def synthetic_dream(path: Path, persons: int, share: float, seed: int) -> None:
    """A wide DREAM, 2013-W01..2018-W52, with spells of random group, start and length."""
    import duckdb

    weeks = []
    monday = dt.date.fromisocalendar(2013, 1, 1)
    while monday <= dt.date.fromisocalendar(2018, 52, 1):
        iso = monday.isocalendar()
        weeks.append(f"y_{iso[0] % 100:02d}{iso[1]:02d}")
        monday += dt.timedelta(weeks=1)
    codes = [111, 131, 211, 740, 771, 783, 785, 810, 890, 899, 998, 651, 881]
    con = duckdb.connect()
    con.execute(f"select setseed({seed / 1000})")
    con.execute(f"""
        create table spells as
        select
            pnr,
            cast(floor(random() * {len(weeks)}) as integer) as s,
            cast(ceil(-12 * ln(1 - random())) as integer) as d,
            list_extract({codes}, cast(floor(random() * {len(codes)}) as integer) + 1) as c
        from (
            select
                printf('P%09d', i) as pnr,
                random() as r,
                1 + cast(floor(random() * 3) as integer) as n
            from range({persons}) as t (i)
        ), range(3) as k (j)
        where r < {share} and j < n
    """)
    columns = ",\n".join(
        f"cast(max(case when {k} between s and s + d - 1 then c end) as smallint) as {w}"
        for k, w in enumerate(weeks)
    )
    con.execute(f"""
        copy (
            select p.pnr, {columns}
            from (select printf('P%09d', i) as pnr from range({persons}) as t (i)) as p
            left join spells using (pnr)
            group by p.pnr
        ) to '{path}' (format parquet)
    """)


def run(label: str, dream: str, bfl: str | None, sql: dict[str, str], memory_limit: str) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        database = str(Path(tmp) / "warehouse.duckdb")
        statements = [[name, sql[name]] for name in MODELS]
        started = time.perf_counter()
        proc = subprocess.run(
            [
                sys.executable,
                "-c",
                CHILD,
                database,
                memory_limit,
                setup_sql(dream, bfl),
                json.dumps(statements),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        result["wall_seconds"] = round(time.perf_counter() - started, 2)
    result["label"] = label
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--registers", type=Path, help="a folder of generated registers")
    parser.add_argument(
        "--persons", type=int, default=1_000_000, help="synthetic DREAM persons (0: none)"
    )
    parser.add_argument("--share-with-spells", type=float, default=0.4)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    memory_limit = os.environ.get("RTW_DUCKDB_MEMORY_LIMIT", "8GB")
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.registers:
            dream, bfl = args.registers / "dream.parquet", args.registers / "bfl.parquet"
            results.append(
                run(
                    f"registers {args.registers}",
                    str(dream),
                    str(bfl),
                    compiled_sql(work, args.registers),
                    memory_limit,
                )
            )
        if args.persons:
            (work / "synthetic").mkdir()
            path = work / "synthetic" / "dream.parquet"
            started = time.perf_counter()
            synthetic_dream(path, args.persons, args.share_with_spells, args.seed)
            print(
                f"synthetic DREAM: {args.persons:,} persons x 313 weeks"
                f" in {time.perf_counter() - started:.0f} s"
            )
            results.append(
                run(
                    f"synthetic {args.persons:,} persons x 313 weeks",
                    str(path),
                    None,
                    compiled_sql(work, path.parent),
                    memory_limit,
                )
            )
    stamp = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    (BENCH / "results").mkdir(exist_ok=True)
    with (BENCH / "results" / "spells.jsonl").open("a") as out:
        for result in results:
            result["measured"] = stamp
            out.write(json.dumps(result) + "\n")
            print(json.dumps(result))


if __name__ == "__main__":
    main()
