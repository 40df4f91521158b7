"""Fit the benchmark's logistic regression (METHOD §6.1) on categorical covariates.

`fit_logit(frame, outcome, levels)` fits by maximum likelihood with statsmodels and
reports, per level, the estimate, standard error, p-value, stars and average marginal
effect, plus the fit statistics and the calibration by decile.

Levels the data cannot estimate do not stop the fit; each is named in `warnings` and in
the level's `note`:
- a level without courses has no estimate;
- a level whose courses all have the same outcome (quasi-complete separation by its
  dummy) has an infinite maximum-likelihood estimate, and the other parameters' MLE is
  the fit without its courses: those courses are left out of the fit and predicted at
  the limit (0 or 1);
- a level whose dummy is a linear combination of others (collinear) has no estimate;
- a covariate with a single level is constant: it is not in the model.
A stated reference level that is empty or separated (a small extract) gives way to the
covariate's largest estimable level, which becomes the reference for that fit; the fit's
warnings and that level's note say so. A covariate left with one level drops out.
"""

from __future__ import annotations

import warnings as _warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy.linalg import qr
from scipy.special import expit

from rtw.model.design import INTERCEPT, Term, all_terms, check_levels, design_matrix, level_codes
from rtw.model.diagnostics import c_statistic, calibration_by_decile, hosmer_lemeshow
from rtw.model.effects import average_marginal_effects

COEFFICIENT_COLUMNS = [
    "covariate",
    "covariate_order",
    "level",
    "level_order",
    "reference_level",
    "is_reference",
    "n_courses",
    "n_outcome",
    "estimate",
    "std_error",
    "z_value",
    "p_value",
    "stars",
    "marginal_effect_pp",
    "note",
]


def stars(p_value: float) -> str:
    """*** p<0.01, ** p<0.05, * p<0.1 (the report's convention)."""
    if p_value is None or np.isnan(p_value):
        return ""
    return "***" if p_value < 0.01 else "**" if p_value < 0.05 else "*" if p_value < 0.1 else ""


@dataclass
class LogitFit:
    """A fitted model: its tables and `predict`."""

    levels: dict[str, list[str]]
    terms: list[Term]
    params: np.ndarray
    limits: dict[tuple[str, str], float]
    coefficients: pd.DataFrame
    fit: pd.DataFrame
    calibration: pd.DataFrame
    warnings: list[str] = field(default_factory=list)

    def predict(self, frame: pd.DataFrame) -> np.ndarray:
        """Probability of outcome 1 for each row; rows at a separated level get its limit;
        levels without an estimate count as their covariate's reference."""
        check_levels(frame, self.levels)
        codes = level_codes(frame, self.levels)
        p = expit(design_matrix(codes, self.levels, self.terms) @ self.params)
        for (covariate, level), limit in self.limits.items():
            at_level = codes[covariate] == self.levels[covariate].index(level)
            p = np.where(at_level, limit, p)
        return p


class _ReferenceUnusable(Exception):
    """A covariate's current reference level is empty or separated among the kept courses."""

    def __init__(self, covariate: str, keep: np.ndarray, reason: str):
        super().__init__(covariate)
        self.covariate, self.keep, self.reason = covariate, keep, reason


def _next_reference(codes, y, keep, names):
    """Index of the level with most kept courses among those with both outcomes, or None."""
    c = codes[keep]
    counts = np.bincount(c, minlength=len(names))
    ones = np.bincount(c, weights=y[keep], minlength=len(names))
    usable = (counts > 0) & (ones > 0) & (ones < counts)
    return int(np.argmax(np.where(usable, counts, -1))) if usable.any() else None


def _screen_levels(codes, y, levels):
    """Empty and separated levels, found repeatedly until none appears: leaving out a
    separated level's courses can empty or separate another level.

    Returns (keep mask over courses, notes {(cov, level): note}, limits)."""
    keep = np.ones(len(y), dtype=bool)
    notes: dict[tuple[str, str], str] = {}
    limits: dict[tuple[str, str], float] = {}
    changed = True
    while changed:
        changed = False
        for cov, names in levels.items():
            for i, name in enumerate(names):
                if (cov, name) in notes:
                    continue
                at = keep & (codes[cov] == i)
                n = int(at.sum())
                n_outcome = int(y[at].sum())
                if i == 0:
                    if n == 0 or n_outcome in (0, n):
                        reason = (
                            "no courses"
                            if n == 0
                            else f"all {n} courses with outcome {n_outcome // max(n, 1)}"
                        )
                        raise _ReferenceUnusable(cov, keep.copy(), reason)
                    continue
                if n == 0:
                    notes[(cov, name)] = "no courses: not estimable"
                elif n_outcome in (0, n):
                    value = 1 if n_outcome else 0
                    notes[(cov, name)] = f"separation: all {n} courses have outcome {value}"
                    limits[(cov, name)] = float(value)
                    keep &= ~at
                    changed = True
    return keep, notes, limits


def _collinear(x: np.ndarray) -> np.ndarray:
    """Indices of columns that are linear combinations of earlier-pivoted ones."""
    r, pivots = qr(x, mode="r", pivoting=True)  # R only: forming Q would double the cost
    diagonal = np.abs(np.diag(r))
    tolerance = diagonal.max() * max(x.shape) * np.finfo(float).eps
    rank = int((diagonal > tolerance).sum())
    return np.sort(pivots[rank:])


def _maximise(y: np.ndarray, x: np.ndarray):
    """statsmodels' Logit by Newton-Raphson; BFGS when Newton does not converge."""
    # Collinear columns are already out (_collinear): statsmodels' own rank check is an SVD
    # of the whole design, as slow as the fit on a large population.
    model = sm.Logit(y, x, check_rank=False)
    with _warnings.catch_warnings():
        _warnings.simplefilter("ignore")  # convergence is checked below
        result = model.fit(method="newton", maxiter=100, disp=False)
        if not result.mle_retvals.get("converged", False):
            result = model.fit(method="bfgs", start_params=result.params, maxiter=2000, disp=False)
    return result


def fit_logit(frame: pd.DataFrame, outcome: str, levels: dict[str, list[str]]) -> LogitFit:
    """Fit the logistic regression of `outcome` (0/1) on the categorical covariates of
    `levels` ({covariate: [levels, reference first]}). See the module docstring."""
    check_levels(frame, levels)
    if outcome not in frame.columns:
        raise ValueError(f"outcome {outcome!r} is not a column of the model frame")
    y_values = frame[outcome]
    if y_values.isna().any() or not y_values.isin([0, 1]).all():
        raise ValueError(f"{outcome}: the outcome must be 0 or 1 for every course")
    y = y_values.to_numpy(dtype=float)
    stated = levels
    levels = {cov: list(names) for cov, names in levels.items()}
    reference_notes: dict[tuple[str, str], str] = {}
    while True:
        codes = level_codes(frame, levels)
        try:
            keep, notes, limits = _screen_levels(codes, y, levels)
            break
        except _ReferenceUnusable as unusable:
            # A small extract: the largest estimable level becomes this fit's reference.
            cov, names = unusable.covariate, levels[unusable.covariate]
            new = _next_reference(codes[cov], y, unusable.keep, names)
            if new is None:
                raise ValueError(
                    f"{cov}: the reference level {names[0]!r} has {unusable.reason}, "
                    "and no other level has courses with both outcomes"
                ) from None
            reference_notes.pop((cov, names[0]), None)
            levels[cov] = [names[new]] + [n for j, n in enumerate(names) if j != new]
            reference_notes[(cov, names[new])] = (
                f"reference level of this fit: the stated reference {stated[cov][0]!r} "
                f"has {unusable.reason}"
            )
    notes.update(reference_notes)
    for cov, names in levels.items():
        if len(names) == 1:
            notes[(cov, names[0])] = "the only level: constant, not in the model"
    terms = [t for t in all_terms(levels) if (t.covariate, t.level) not in notes]
    kept_codes = {cov: c[keep] for cov, c in codes.items()}
    x = design_matrix(kept_codes, levels, terms)
    for j in _collinear(x):
        notes[(terms[j].covariate, terms[j].level)] = "collinear with other levels: not estimable"
    terms = [t for t in terms if (t.covariate, t.level) not in notes]
    x = design_matrix(kept_codes, levels, terms)

    result = _maximise(y[keep], x)
    params = np.asarray(result.params, dtype=float)
    bse = np.asarray(result.bse, dtype=float)
    pvalues = np.asarray(result.pvalues, dtype=float)
    converged = bool(result.mle_retvals.get("converged", False))
    warnings = [f"{cov} = {level!r}: {note}" for (cov, level), note in notes.items()]
    if not converged:
        warnings.append("the maximum-likelihood fit did not converge")

    estimate = {(t.covariate, t.level): k for k, t in enumerate(terms)}
    eta = x @ params
    rows = []
    rows.append(
        _row(
            INTERCEPT,
            0,
            INTERCEPT,
            0,
            INTERCEPT,
            False,
            len(y),
            int(y.sum()),
            params[0],
            bse[0],
            pvalues[0],
            np.nan,
            None,
        )
    )
    for order, (cov, names) in enumerate(levels.items(), start=1):
        beta = np.array(
            [0.0]
            + [params[estimate[(cov, n)]] if (cov, n) in estimate else np.nan for n in names[1:]]
        )
        effects = average_marginal_effects(eta, kept_codes[cov], beta)
        for i, name in enumerate(names):
            at = codes[cov] == i
            k = estimate.get((cov, name))
            rows.append(
                _row(
                    cov,
                    order,
                    name,
                    stated[cov].index(name) + 1,
                    names[0],
                    i == 0,
                    int(at.sum()),
                    int(y[at].sum()),
                    0.0 if i == 0 else (params[k] if k is not None else np.nan),
                    bse[k] if k is not None else np.nan,
                    pvalues[k] if k is not None else np.nan,
                    effects[i],
                    notes.get((cov, name)),
                )
            )
    coefficients = pd.DataFrame(rows, columns=COEFFICIENT_COLUMNS)

    fitted = LogitFit(
        levels, terms, params, limits, coefficients, pd.DataFrame(), pd.DataFrame(), warnings
    )
    p = fitted.predict(frame)
    fitted.calibration = calibration_by_decile(y, p)
    fitted.fit = _fit_statistics(y, p, result, len(params), int(keep.sum()), converged)
    return fitted


def _row(
    cov,
    cov_order,
    level,
    level_order,
    reference,
    is_reference,
    n,
    n_outcome,
    estimate,
    std_error,
    p_value,
    effect,
    note,
) -> list:
    z = estimate / std_error if std_error and not np.isnan(std_error) else np.nan
    return [
        cov,
        cov_order,
        level,
        level_order,
        reference,
        is_reference,
        n,
        n_outcome,
        estimate,
        std_error,
        z,
        p_value,
        stars(p_value),
        effect,
        note,
    ]


def _fit_statistics(y, p, result, n_parameters, n_fitted, converged) -> pd.DataFrame:
    # Courses left out for separation are predicted at their limit, where their
    # log-likelihood contribution is 0: the fitted log-likelihood is the whole one.
    log_likelihood = float(result.llf)
    mean = y.mean()
    log_likelihood_null = float(
        len(y) * (mean * np.log(mean) + (1 - mean) * np.log(1 - mean)) if 0 < mean < 1 else 0.0
    )
    chi2, chi2_p = hosmer_lemeshow(y, p)
    return pd.DataFrame(
        [
            {
                "n_courses": len(y),
                "n_courses_fitted": n_fitted,
                "n_parameters": n_parameters,
                "log_likelihood": log_likelihood,
                "log_likelihood_null": log_likelihood_null,
                "mcfadden_pseudo_r2": 1 - log_likelihood / log_likelihood_null
                if log_likelihood_null
                else np.nan,
                "aic": 2 * n_parameters - 2 * log_likelihood,
                "c_statistic": c_statistic(y, p),
                "hosmer_lemeshow_chi2": chi2,
                "hosmer_lemeshow_p_value": chi2_p,
                "converged": converged,
                "n_iterations": int(result.mle_retvals.get("iterations", -1)),
            }
        ]
    )
