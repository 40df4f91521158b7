"""Fixtures for the reference-implementation tests."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from reference_registers import DREAM_CODE_RANGES, Registers


@pytest.fixture(scope="session")
def seeds_dir(tmp_path_factory) -> Path:
    """A fixture copy of ``ref_dream_codes.csv`` following the seed contract."""
    folder = tmp_path_factory.mktemp("seeds")
    with open(folder / "ref_dream_codes.csv", "w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["dream_code", "benefit_name", "status_class", "benefit_type", "is_sickness"])
        for first, last, status, kind, sick in DREAM_CODE_RANGES:
            for code in range(first, last + 1):
                out.writerow([code, f"code {code}", status, kind, str(sick).lower()])
    return folder


@pytest.fixture
def registers(tmp_path) -> Registers:
    return Registers(tmp_path)
