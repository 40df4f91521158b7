"""Shared fixtures: the warehouse built on the default synthetic registers.

`default_build` generates the registers at the default (national) size with seed 1 and
runs `rtw build` on them once per test session, as a user would (dbt as a subprocess),
into a temporary folder: registers, warehouse file, dbt target and logs. Tests open the
warehouse read-only.
"""

from __future__ import annotations

import pytest

from support.builds import Build, SharedBuilds, run_build


@pytest.fixture(scope="session")
def default_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    from rtw.synth import generate

    folder = tmp_path_factory.mktemp("default_build")
    registers = folder / "raw"
    generate(out=registers, seed=1, progress=False)
    code, output, seconds = run_build(registers, folder)
    assert code == 0, output
    return Build(registers, folder / "warehouse.duckdb", folder / "target", output, seconds)


@pytest.fixture(scope="session")
def shared_builds(tmp_path_factory: pytest.TempPathFactory) -> SharedBuilds:
    """Builds of generated registers shared across the session (support.builds.SharedBuilds)."""
    return SharedBuilds(tmp_path_factory.mktemp("shared_builds"))
