"""Issue 19: the CLI reads the paths a user gives (arguments, env REGISTER_DIR) from the
working folder, and its defaults (data/raw, the publication, reports/) from the project
folder, whatever the working folder."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

import rtw.publish
import rtw.reports
from rtw import cli, project_root


@pytest.fixture
def captured_build(monkeypatch, tmp_path):
    calls = []
    monkeypatch.setattr(rtw.publish, "build", lambda **kwargs: calls.append(kwargs) or 0)
    monkeypatch.delenv("REGISTER_DIR", raising=False)
    monkeypatch.delenv("RTW_BUILD_VERBOSE", raising=False)
    monkeypatch.chdir(tmp_path)
    return calls


def test_register_dir_argument_is_read_from_the_working_folder(captured_build, tmp_path):
    assert cli.main(["build", "--register-dir", "regs/x", "--", "--select", "staging"]) == 0
    assert captured_build[0]["register_dir"] == str(tmp_path / "regs" / "x")
    assert captured_build[0]["dbt_args"] == ["--select", "staging"]


def test_register_dir_env_is_read_from_the_working_folder(captured_build, tmp_path, monkeypatch):
    monkeypatch.setenv("REGISTER_DIR", "../elsewhere")
    assert cli.main(["build"]) == 0
    assert captured_build[0]["register_dir"] == str(tmp_path.parent / "elsewhere")
    # The argument wins over the env.
    assert cli.main(["build", "--register-dir", "mine"]) == 0
    assert captured_build[1]["register_dir"] == str(tmp_path / "mine")


def test_without_either_the_project_data_raw(captured_build):
    assert cli.main(["build", "-v"]) == 0
    assert captured_build[0]["register_dir"] == str(project_root() / "data" / "raw")
    assert os.environ["RTW_BUILD_VERBOSE"] == "1"


def test_report_finds_the_publication_from_any_folder(monkeypatch, tmp_path):
    seen = {}

    class Summary:
        def describe(self) -> str:
            return "ok"

    def render(warehouse, out, jobs=None):
        seen.update(warehouse=warehouse, out=out)
        return Summary()

    monkeypatch.setattr(rtw.reports, "render_reports", render)
    monkeypatch.delenv("WAREHOUSE_PATH", raising=False)
    monkeypatch.chdir(tmp_path)
    assert cli.main(["report"]) == 0
    assert seen == {
        "warehouse": project_root() / "data" / "warehouse.duckdb",
        "out": project_root() / "reports",
    }
    assert cli.main(["report", "--warehouse", "w.duckdb", "--out", "pages"]) == 0
    assert seen == {"warehouse": tmp_path / "w.duckdb", "out": tmp_path / "pages"}


def test_generate_writes_relative_to_the_working_folder(tmp_path):
    cmd = [sys.executable, "-m", "rtw.cli", "generate", "--out", "sub/raw", "--plans", "300"]
    proc = subprocess.run(
        [*cmd, "--seed", "3", "--quiet"], cwd=tmp_path, capture_output=True, text=True
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "sub" / "raw" / "bef.parquet").is_file()
    assert (tmp_path / "sub" / "raw" / "_truth" / "courses.parquet").is_file()
