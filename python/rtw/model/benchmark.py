"""The municipal benchmark of METHOD §6.2 and its uncertainty.

Per municipality: actual share (mean outcome), expected share (mean predicted
probability), indicator = (actual - expected) x 100 percentage points (negative is
better), rank (1 = best) and quintile (1 = best fifth).

Uncertainty follows Spiegelhalter (2005), "Funnel plots for comparing institutional
performance" (Stat Med 24:1185-1202): under the model, a municipality's actual share is
a mean of independent Bernoulli(p_i), so actual - expected has standard error
se = sqrt(sum p_i (1 - p_i)) / n. The funnel limits are 0 +/- z se for z = 1.96 (95 %)
and 3.09 (99.8 %): the variation expected for a municipality of that size and case mix;
the 95 % interval of the indicator is indicator +/- 1.96 se. The uncertainty of the
estimated coefficients is left out, as in Spiegelhalter's funnels: with ~20,000 courses
it is small next to a municipality's own binomial noise.

Over-dispersion (Spiegelhalter 2005, section 5; Spiegelhalter et al. 2012): when the
municipalities vary more than binomially, phi = mean of the squared z-scores after
winsorising the most extreme 10 % at each end; phi > 1 widens the limits by sqrt(phi).
The flags use the unadjusted limits, the method's benchmark; the adjusted ones are given
beside them.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

Z95 = stats.norm.ppf(0.975)  # 1.96
Z998 = stats.norm.ppf(0.999)  # 3.09


def overdispersion_factor(z: np.ndarray, winsor: float = 0.10) -> float:
    """Spiegelhalter's multiplicative over-dispersion factor: the mean squared z-score,
    each z winsorised to the [winsor, 1 - winsor] quantiles of the z-scores."""
    z = np.asarray(z, dtype=float)
    z = z[~np.isnan(z)]
    if len(z) == 0:
        return float("nan")
    low, high = np.quantile(z, [winsor, 1 - winsor])
    return float(np.mean(np.clip(z, low, high) ** 2))


def quintiles(rank: np.ndarray) -> np.ndarray:
    """Quintile 1..5 of ranks 1..n, as equal in size as possible (1 = best)."""
    rank = np.asarray(rank)
    return (rank - 1) * 5 // len(rank) + 1


def benchmark_municipalities(
    frame: pd.DataFrame, municipality: str, outcome: str, predicted: str, trials: str | None = None
) -> pd.DataFrame:
    """One row per municipality: municipality (its column name), n_courses,
    actual_share, expected_share (0-1), indicator_pp, rank, quintile, se_pp,
    indicator_lower_pp, indicator_upper_pp, funnel_95_lower_pp, funnel_95_upper_pp,
    funnel_998_lower_pp, funnel_998_upper_pp, outside_funnel_95, outside_funnel_998,
    z_score, overdispersion_phi, funnel_95_lower_od_pp, funnel_95_upper_od_pp.

    A row of `frame` is one course (outcome 0/1), or with `trials` a cell of that many
    courses sharing one predicted probability (outcome their count on benefits), as
    bench/uncertainty_study.py simulates them."""
    p = frame[predicted].astype(float)
    n_units = pd.Series(1.0, index=frame.index) if trials is None else frame[trials].astype(float)
    grouped = (
        pd.DataFrame(
            {
                municipality: frame[municipality],
                "n": n_units,
                "y": frame[outcome].astype(float),
                "np": n_units * p,
                "v": n_units * p * (1 - p),
            }
        )
        .groupby(municipality, sort=True)
        .agg(n=("n", "sum"), y=("y", "sum"), np=("np", "sum"), variance=("v", "sum"))
        .reset_index()
    )
    grouped["actual_share"] = grouped.y / grouped.n
    grouped["expected_share"] = grouped.np / grouped.n
    grouped["n_courses"] = grouped.n.astype(np.int64)
    grouped = grouped[[municipality, "n_courses", "actual_share", "expected_share", "variance"]]
    n = grouped.n_courses.to_numpy(float)
    indicator = (grouped.actual_share - grouped.expected_share).to_numpy() * 100
    se = np.sqrt(grouped.variance.to_numpy()) / n * 100
    out = grouped.drop(columns="variance")
    out["indicator_pp"] = indicator
    # Rank by indicator, ties by municipality (the table is sorted by it).
    order = np.lexsort((grouped[municipality].to_numpy(), indicator))
    rank = np.empty(len(out), dtype=np.int64)
    rank[order] = np.arange(1, len(out) + 1)
    out["rank"] = rank
    out["quintile"] = quintiles(rank)
    out["se_pp"] = se
    out["indicator_lower_pp"] = indicator - Z95 * se
    out["indicator_upper_pp"] = indicator + Z95 * se
    out["funnel_95_lower_pp"] = -Z95 * se
    out["funnel_95_upper_pp"] = Z95 * se
    out["funnel_998_lower_pp"] = -Z998 * se
    out["funnel_998_upper_pp"] = Z998 * se
    out["outside_funnel_95"] = np.abs(indicator) > Z95 * se
    out["outside_funnel_998"] = np.abs(indicator) > Z998 * se
    z = np.divide(indicator, se, out=np.full(len(se), np.nan), where=se > 0)
    phi = overdispersion_factor(z)
    widen = np.sqrt(max(phi, 1.0)) if not np.isnan(phi) else 1.0
    out["z_score"] = z
    out["overdispersion_phi"] = phi
    out["funnel_95_lower_od_pp"] = -Z95 * se * widen
    out["funnel_95_upper_od_pp"] = Z95 * se * widen
    return out


def ranking_agreement(a: pd.Series, b: pd.Series) -> dict[str, float]:
    """Spearman correlation of two indicator series (indexed by municipality, compared
    where both exist) and the share of municipalities in the same quintile."""
    both = pd.concat([a.rename("a"), b.rename("b")], axis=1, join="inner").dropna()
    rho = stats.spearmanr(both.a, both.b).statistic if len(both) > 1 else float("nan")
    qa = quintiles(both.a.rank(method="first").to_numpy().astype(int))
    qb = quintiles(both.b.rank(method="first").to_numpy().astype(int))
    return {"n": len(both), "spearman": float(rho), "same_quintile": float(np.mean(qa == qb))}
