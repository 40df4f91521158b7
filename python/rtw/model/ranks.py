"""Rank intervals and honest flags (METHOD §13).

Rank intervals follow Marshall & Spiegelhalter (BMJ 1998, "Reliability of league tables
of in vitro fertilisation clinics"): draw every municipality's indicator at once from its
sampling distribution, Normal(indicator, se x sqrt(max(phi, 1))) with phi the
over-dispersion factor of §6.2, rank each draw, and read each municipality's 2.5 and
97.5 % rank quantiles and the share of draws in which it is in the best and in the worst
fifth. The draws are continuous, so ties have probability 0 and a double argsort ranks
them. A fixed seed makes the build reproducible.

A flag says better or worse than expected only when the same phi-adjusted 95 % interval
excludes 0; if no municipality truly differed, 5 % of them would be flagged by chance.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rtw.model.benchmark import Z95, quintiles


def overdispersion_widening(phi: float) -> float:
    """sqrt(phi) when phi > 1, else 1: how much §6.2's over-dispersion widens an se."""
    return float(np.sqrt(phi)) if np.isfinite(phi) and phi > 1 else 1.0


def rank_draws(indicator: np.ndarray, se: np.ndarray, n_draws: int, seed: int) -> np.ndarray:
    """(n_draws, n) ranks, 1 = lowest (best), of draws Normal(indicator, se)."""
    indicator = np.asarray(indicator, dtype=float)
    se = np.nan_to_num(np.asarray(se, dtype=float))
    rng = np.random.default_rng(seed)
    draws = indicator + se * rng.standard_normal((n_draws, len(indicator)))
    return np.argsort(np.argsort(draws, axis=1), axis=1) + 1


def rank_intervals(
    indicator: np.ndarray,
    se: np.ndarray,
    phi: float = 1.0,
    n_draws: int = 10_000,
    seed: int = 1,
    level: float = 0.95,
) -> pd.DataFrame:
    """Per municipality (in the order given): rank_lower, rank_upper (the `level`
    interval of its rank), p_best_fifth and p_worst_fifth (share of draws in quintile 1
    and 5), each from n_draws draws with se widened by sqrt(phi) when phi > 1."""
    se = np.asarray(se, dtype=float) * overdispersion_widening(phi)
    ranks = rank_draws(indicator, se, n_draws, seed)
    tail = (1 - level) / 2
    # inverted_cdf: the smallest rank whose share of draws reaches the quantile, so the
    # bounds are ranks that occur.
    lower, upper = np.quantile(ranks, [tail, 1 - tail], axis=0, method="inverted_cdf")
    quintile = quintiles(ranks.T).T  # quintiles() reads n from the first axis
    return pd.DataFrame(
        {
            "rank_lower": lower.astype(np.int64),
            "rank_upper": upper.astype(np.int64),
            "p_best_fifth": (quintile == 1).mean(axis=0),
            "p_worst_fifth": (quintile == 5).mean(axis=0),
        }
    )


def honest_flags(indicator: np.ndarray, se: np.ndarray, phi: float = 1.0) -> pd.DataFrame:
    """Per municipality: flag_lower_pp and flag_upper_pp, the phi-adjusted 95 % interval
    of the indicator, and flag: 'better' when it lies below 0, 'worse' above 0, else
    'as expected'."""
    indicator = np.asarray(indicator, dtype=float)
    half = Z95 * np.asarray(se, dtype=float) * overdispersion_widening(phi)
    lower, upper = indicator - half, indicator + half
    flag = np.where(upper < 0, "better", np.where(lower > 0, "worse", "as expected"))
    return pd.DataFrame({"flag_lower_pp": lower, "flag_upper_pp": upper, "flag": flag})


def expected_by_chance(n_municipalities: int, level: float = 0.95) -> float:
    """Municipalities flagged by chance alone if none truly differed: (1 - level) x n."""
    return (1 - level) * n_municipalities
