"""How well predicted probabilities fit outcomes: c-statistic and calibration."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats


def c_statistic(y: np.ndarray, p: np.ndarray) -> float:
    """The area under the ROC curve: the probability that a random course with outcome 1
    has a higher predicted probability than a random course with outcome 0, ties
    counting 1/2 (Mann-Whitney U / (n1 n0), with mid-ranks for ties)."""
    y = np.asarray(y).astype(bool)
    p = np.asarray(p, dtype=float)
    n1 = int(y.sum())
    n0 = len(y) - n1
    if n1 == 0 or n0 == 0:
        return float("nan")
    ranks = stats.rankdata(p)  # mid-ranks for ties
    return float((ranks[y].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def deciles(p: np.ndarray, n_groups: int = 10) -> np.ndarray:
    """Group 1..n_groups of each course by rank of predicted probability, as equal in
    size as possible; ties are split by input order, so the groups are deterministic."""
    p = np.asarray(p, dtype=float)
    order = np.argsort(p, kind="stable")
    group = np.empty(len(p), dtype=np.int64)
    group[order] = np.arange(len(p)) * n_groups // max(len(p), 1) + 1
    return group


def calibration_by_decile(y: np.ndarray, p: np.ndarray, n_groups: int = 10) -> pd.DataFrame:
    """Per decile of predicted probability: decile, n_courses, mean_predicted,
    observed_share."""
    frame = pd.DataFrame({"decile": deciles(p, n_groups), "y": np.asarray(y), "p": p})
    table = frame.groupby("decile").agg(
        n_courses=("y", "size"), mean_predicted=("p", "mean"), observed_share=("y", "mean")
    )
    return table.reset_index()


def hosmer_lemeshow(y: np.ndarray, p: np.ndarray, n_groups: int = 10) -> tuple[float, float]:
    """Hosmer-Lemeshow chi-square over the deciles of predicted probability and its
    p-value on n_groups - 2 degrees of freedom."""
    table = calibration_by_decile(y, p, n_groups)
    n = table.n_courses.to_numpy(float)
    expected = table.mean_predicted.to_numpy() * n
    observed = table.observed_share.to_numpy() * n
    variance = expected * (1 - table.mean_predicted.to_numpy())
    chi2 = float(np.sum((observed - expected) ** 2 / np.where(variance > 0, variance, np.inf)))
    return chi2, float(stats.chi2.sf(chi2, n_groups - 2))
