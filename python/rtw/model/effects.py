"""Average marginal effects of categorical covariates in a logistic regression.

The effect of level L of covariate C is the discrete change averaged over the courses:
mean over all courses of [p(course with C set to L) - p(course with C set to its
reference)], everything else as it is, in percentage points. Note that statsmodels'
get_margeff(dummy=True) toggles one dummy while the covariate's other dummies stay as
they are, which for a course at a third level is not "C = L against C = reference".
"""

from __future__ import annotations

import numpy as np
from scipy.special import expit


def average_marginal_effects(
    eta: np.ndarray, codes: np.ndarray, beta_levels: np.ndarray
) -> np.ndarray:
    """Discrete-change average marginal effects (percentage points) of every level of one
    covariate against its reference (level 0, whose effect is 0).

    eta: each course's linear predictor; codes: each course's level index of the
    covariate; beta_levels: the covariate's coefficient per level (0 for the reference;
    nan for a level without an estimate, whose effect is then nan).
    """
    beta_levels = np.asarray(beta_levels, dtype=float)
    known = np.where(np.isnan(beta_levels), 0.0, beta_levels)
    # The linear predictor with this covariate taken out (at its reference).
    eta_reference = eta - known[codes]
    p_reference = expit(eta_reference)
    effects = np.array([np.mean(expit(eta_reference + b) - p_reference) for b in known]) * 100
    effects[np.isnan(beta_levels)] = np.nan
    return effects
