"""Issue 19: the warehouse built on imported registers publishes the same marts, byte for
byte, as built on the generator's own folder; and the CLI reads relative paths
(--out, REGISTER_DIR, import's folders) from the working folder.

Everything runs as a user would, `rtw` as a subprocess from a folder outside the project
with relative paths. The comparison is with the build on the generator's registers:
the import is the code under test, the generator's Parquet is independent of it. That
build is the session's shared one of the same seed and size (support.builds.SharedBuilds,
also read by tests/acceptance/test_small_extracts): the generator gives the same files for
the same seed and plans (tests/synth/test_generator), so the registers generated here by
`rtw generate --out raw` are those of the shared build, and a difference shows in the marts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent))
from dst_layout import write_dst_layout  # noqa: E402

# SAS and CSV both: per-year SAS files (UDDA, GES) and a whole-register one (DOD).
SAS_REGISTERS = ("dod", "udda", "ges")
# 12,000 plans with rule 10's minimums lowered: enough courses for the model to be fitted,
# so the benchmark marts compared hold figures, not empty tables.
PLANS = "12000"
SMALL_VARS = {"quality_min_courses_year": 5, "quality_min_courses_total": 10}


def rtw(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "rtw.cli", *args],
        cwd=cwd,
        env=env or dict(os.environ),
        capture_output=True,
        text=True,
        timeout=1200,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout + proc.stderr


def build_env(folder: Path, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("REGISTER_DIR", None)
    env.update(
        WAREHOUSE_PATH=str(folder / "warehouse.duckdb"),
        DBT_TARGET_PATH=str(folder / "target"),
        DBT_LOG_PATH=str(folder / "logs"),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        **extra,
    )
    return env


@pytest.mark.slow
@pytest.mark.parametrize("seed", [5])
def test_imported_registers_publish_byte_identical_marts(shared_builds, tmp_path, seed):
    rtw(tmp_path, "generate", "--out", "raw", "--plans", PLANS, "--seed", str(seed), "--quiet")
    assert (tmp_path / "raw" / "bef.parquet").is_file()
    written = write_dst_layout(tmp_path / "raw", tmp_path / "dst", sas=SAS_REGISTERS)
    assert {p.suffix for p in written} == {".csv", ".xpt"}
    rtw(tmp_path, "import", "dst", "--out", "imported", "--quiet")
    assert (tmp_path / "imported" / "bef.parquet").is_file()

    # The generator's registers: the shared build (absolute --register-dir). The imported
    # folder by env REGISTER_DIR, relative to the working folder (--register-dir's relative
    # path is tests/test_cli_paths').
    generated = shared_builds.build(seed=seed, plans=int(PLANS), dbt_vars=SMALL_VARS)
    a = generated.warehouse.parent
    out_a = generated.output
    out_b = rtw(tmp_path, "build", "--", "--vars", json.dumps(SMALL_VARS),
                env=build_env(tmp_path / "b", REGISTER_DIR="imported"))  # fmt: skip
    assert str(generated.registers) in (a / "current" / "release.json").read_text()
    assert str(tmp_path / "imported") in (tmp_path / "b" / "current" / "release.json").read_text()
    for out in (out_a, out_b):
        assert "nodes done in" in out and "month 3:" in out, out

    marts_a = sorted(p.name for p in (a / "marts").glob("*.parquet"))
    marts_b = sorted(p.name for p in (tmp_path / "b" / "marts").glob("*.parquet"))
    assert marts_a == marts_b and len(marts_a) >= 10
    differ = [
        name
        for name in marts_a
        if (a / "marts" / name).read_bytes() != (tmp_path / "b" / "marts" / name).read_bytes()
    ]
    assert differ == [], f"marts that differ after the import: {differ}"
    benchmark = pd.read_parquet(a / "marts" / "mart_benchmark_municipality.parquet")
    assert benchmark["indicator_pp"].notna().sum() >= 5, "the model was fitted"
