"""The parts of a publication without dbt: the build lock, the atomic switch, pruning,
the Parquet export and the run log's warning lines (rtw.publish)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from rtw.publish.layout import Layout
from rtw.publish.lock import BuildLock, BuildLocked
from rtw.publish.parquet import export_marts
from rtw.publish.pipeline import new_build_id, prune, switch
from rtw.publish.runlog import warning_text

HOLD_LOCK = """
import sys, time
from pathlib import Path
from rtw.publish.lock import BuildLock
with BuildLock(Path(sys.argv[1]), "holder", "then"):
    print("held", flush=True)
    time.sleep(60)
"""


def test_a_second_lock_is_refused_and_names_the_holder(tmp_path):
    lock = tmp_path / ".rtw-build.lock"
    with BuildLock(lock, "first", "t0"):
        holder = subprocess.run(
            [
                sys.executable,
                "-c",
                "import sys; from pathlib import Path; from rtw.publish.lock import BuildLock\n"
                "try:\n    BuildLock(Path(sys.argv[1]), 'second', 't1').__enter__()\n"
                "except Exception as e:\n    print(type(e).__name__, e)",
                str(lock),
            ],
            capture_output=True,
            text=True,
            timeout=60,
        ).stdout
    assert holder.startswith("BuildLocked")
    assert f"pid {os.getpid()}" in holder and "build first" in holder


def test_a_lock_held_by_a_killed_process_is_free_again(tmp_path):
    lock = tmp_path / ".rtw-build.lock"
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, str(lock)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout.readline().strip() == "held"
        with pytest.raises(BuildLocked), BuildLock(lock, "while held", "t"):
            pass
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        proc.kill()
    with BuildLock(lock, "after the kill", "t"):
        pass


def _release(layout: Layout, build_id: str, content: str) -> None:
    release = layout.release(build_id)
    (release / "marts").mkdir(parents=True)
    (release / layout.name).write_text(content)
    (release / "marts" / "mart_a.parquet").write_text(content)


def test_switch_publishes_by_links_through_current(tmp_path):
    layout = Layout(tmp_path / "warehouse.duckdb")
    layout.published.write_text("a file from before releases")  # replaced atomically
    (tmp_path / "marts").mkdir()
    (tmp_path / "marts" / "old.parquet").write_text("old")  # moved aside, not lost
    _release(layout, "b1", "one")
    switch(layout, "b1")
    assert layout.published.read_text() == "one"
    assert (layout.marts / "mart_a.parquet").read_text() == "one"
    assert layout.current_release() == layout.release("b1")
    aside = list(layout.releases.glob("marts.before-releases.*"))
    assert len(aside) == 1 and (aside[0] / "old.parquet").read_text() == "old"

    with open(layout.published) as held:  # a reader of the old publication
        _release(layout, "b2", "two")
        switch(layout, "b2")
        assert held.read() == "one"
    assert layout.published.read_text() == "two"
    assert os.readlink(layout.current) == "releases/b2"


def test_prune_keeps_the_newest_releases_and_the_last_failed_build(tmp_path):
    layout = Layout(tmp_path / "warehouse.duckdb")
    for build_id in ("b1", "b2", "b3", "b4"):
        _release(layout, build_id, build_id)
    switch(layout, "b2")  # the current one is never removed
    for name in ("b5.failed", "b6.failed"):
        layout.release(name).mkdir()
    prune(layout, keep=2)
    left = sorted(p.name for p in layout.releases.iterdir())
    assert left == ["b2", "b3", "b4", "b6.failed"]


def test_build_ids_sort_in_time():
    first = new_build_id()
    time.sleep(0.002)
    assert new_build_id() > first


def _manifest(*names: str) -> dict:
    return {
        "nodes": {
            f"model.rtw.{name}": {
                "resource_type": "model",
                "name": name,
                "alias": name,
                "schema": "marts",
                "tags": ["published"],
                "config": {"meta": {"grain": ["k"]}},
            }
            for name in names
        }
    }


def test_parquet_export_is_byte_stable_and_names_missing_marts(tmp_path):
    digests = []
    for order in ("asc", "desc"):
        con = duckdb.connect(str(tmp_path / f"{order}.duckdb"))
        con.execute("create schema marts")
        # The same rows inserted in another order must give the same bytes.
        con.execute(
            "create table marts.mart_x as select range as k, range * 0.5 as v "
            f"from range(5000) order by range {order}"
        )
        written, missing = export_marts(
            con, _manifest("mart_x", "mart_never_built"), tmp_path / order
        )
        con.close()
        assert missing == ["mart_never_built"]
        assert [w["mart"] for w in written] == ["mart_x"] and written[0]["rows"] == 5000
        digests.append(written[0]["sha256"])
    assert digests[0] == digests[1]
    assert (tmp_path / "asc" / "mart_x.parquet").read_bytes() == (
        tmp_path / "desc" / "mart_x.parquet"
    ).read_bytes()


def test_published_marts_need_a_grain(tmp_path):
    manifest = _manifest("mart_x")
    manifest["nodes"]["model.rtw.mart_x"]["config"]["meta"] = {}
    with duckdb.connect() as con, pytest.raises(ValueError, match="mart_x"):
        export_marts(con, manifest, tmp_path)


def test_dbt_warning_lines_are_kept_and_its_tally_is_not():
    assert warning_text("\x1b[33m[WARNING]\x1b[0m: Deprecated functionality") == (
        "[WARNING]: Deprecated functionality"
    )
    assert warning_text("12:00:01  3 of 9 WARN 4 not_null_x_y ..... [WARN 4 in 0.1s]")
    assert warning_text("Done. PASS=250 WARN=0 ERROR=0 SKIP=0 TOTAL=250") is None
