"""The simulation study of METHOD §13 (bench/uncertainty_study.py) on fewer
replications than the script's 200: its figures must hold with known municipal effects."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from rtw import project_root

sys.path.insert(0, str(project_root() / "bench"))

from uncertainty_study import replicate  # noqa: E402


@pytest.mark.slow
def test_rank_intervals_shrinkage_and_tau_interval_with_known_effects():
    rng = np.random.default_rng(180)
    rows = [replicate(rng, tau=0.2) for _ in range(30)]
    coverage = np.mean([r["rank_coverage"] for r in rows])
    assert 0.90 <= coverage <= 0.99
    assert np.mean([r["mse_shrunken"] for r in rows]) < np.mean([r["mse_raw"] for r in rows])
    # 30 replications at 95 %: 26 or more covered is within the binomial's 99 %.
    assert sum(r["tau_covered"] for r in rows) >= 25
