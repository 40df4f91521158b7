"""The true outcome model: the report's table 5.4 coefficients, an intercept that gives
the national share at 3 months, and municipal effects that give each municipality the
report's indicator (Bilag 2 table 1). A municipal tilt of the benefit-weeks-before-start
mix gives each municipality the report's expected share as well.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rtw.synth import targets as T
from rtw.synth.reference_data import ReferenceData
from rtw.synth.registers.columns import pnr
from rtw.synth.registers.lpr import record_numbers

COVARIATES = [
    "diagnosis_group",
    "physio_contact_during_rehab",
    "surgery_14d_before_plan",
    "hospital_contact_days",
    "acute_admission",
    "full_time",
    "sex",
    "age_group",
    "cohabiting",
    "origin",
    "income_group",
    "education",
    "industry_group",
    "hospital_specialty",
    "general_plan_share_municipality",
    "population_density",
    "gp_contacts_6m",
    "psychiatric_illness",
    "comorbidity",
    "benefit_weeks_before_start",
    "benefit_weeks_prior_year",
    "measurement_month",
    "start_year",
]
BW = "benefit_weeks_before_start"


def expit(x):
    return 1.0 / (1.0 + np.exp(-x))


def linear_predictor(levels: pd.DataFrame, ref: ReferenceData, skip=()) -> np.ndarray:
    """Sum of the true coefficients of each course's levels (level names as in the seed)."""
    eta = np.zeros(len(levels))
    for cov in COVARIATES:
        if cov in skip:
            continue
        names = ref.levels(cov)
        beta = dict(zip(names, ref.coefficient_vector(cov), strict=True))
        vals = levels[cov].astype(str)
        unknown = set(vals.unique()) - set(beta)
        if unknown:
            raise ValueError(f"{cov}: levels {sorted(unknown)} not in ref_covariate_levels")
        eta += vals.map(beta).to_numpy(dtype=float)
    return eta


def bw_probabilities(
    surgery: np.ndarray, feasible_over8: np.ndarray, tilt: np.ndarray
) -> np.ndarray:
    """Probabilities of the four benefit-weeks-before-start bands per course."""
    base = np.where(
        surgery[:, None], np.array(T.BW_BEFORE_START[True]), np.array(T.BW_BEFORE_START[False])
    )
    base = base.copy()
    base[~feasible_over8, 2] += base[~feasible_over8, 3]
    base[~feasible_over8, 3] = 0.0
    w = base * np.exp(np.outer(tilt, [0, 1, 1, 1]))
    return w / w.sum(axis=1, keepdims=True)


def _bisect(f, lo: float, hi: float, size: int, n_iter: int = 50) -> np.ndarray:
    """Roots of an increasing vector function f on [lo, hi] (element-wise bisection)."""
    lo_v, hi_v = np.full(size, lo), np.full(size, hi)
    for _ in range(n_iter):
        mid = (lo_v + hi_v) / 2
        up = f(mid) > 0
        hi_v = np.where(up, mid, hi_v)
        lo_v = np.where(up, lo_v, mid)
    return (lo_v + hi_v) / 2


def solve_municipal_effects(eta_rest, k, surgery, feasible, beta_bw, final, targets_k, rng):
    """Intercept, tilt and effect per municipality.

    targets_k: DataFrame indexed by k with `expected` and `indicator` (shares, not pp);
    municipalities not in it get no tilt and a random effect.
    """
    # A small extract may hold no course of the highest-numbered municipalities, so the
    # number of municipalities comes from the targets as well as from the courses.
    n_k = max(int(k.max(initial=-1)), int(targets_k.index.max())) + 1
    tilt = np.zeros(n_k)
    effect = rng.normal(0.0, 0.15, size=n_k)
    has = np.zeros(n_k, bool)
    has[targets_k.index.to_numpy()] = True
    exp_target = np.zeros(n_k)
    ind_target = np.zeros(n_k)
    exp_target[targets_k.index] = targets_k["expected"].to_numpy()
    ind_target[targets_k.index] = targets_k["indicator"].to_numpy()
    # A tiny extract may have no final course; the national share is then set on all.
    final = final if final.any() else np.ones_like(final)
    counts = np.bincount(k[final], minlength=n_k).astype(float)

    def mean_p(alpha, t_course, u_course):
        p = bw_probabilities(surgery, feasible, t_course)
        s = expit(alpha + eta_rest[:, None] + beta_bw[None, :] + u_course[:, None])
        return (p * s).sum(axis=1)

    alpha = -1.5
    for _ in range(4):

        def nat(a, tilt=tilt):
            return mean_p(a, tilt[k], np.zeros(len(k)))[final].mean() - T.NATIONAL_SHARE_3M

        alpha = float(_bisect(lambda a: np.array([nat(a[0])]), -10, 5, 1)[0])

        def per_k_expected(t, alpha=alpha):
            m = np.bincount(k, weights=mean_p(alpha, t[k], np.zeros(len(k))) * final, minlength=n_k)
            return m / np.maximum(counts, 1) - exp_target

        t = _bisect(per_k_expected, -4, 4, n_k)
        tilt = np.where(has, t, 0.0)

    def per_k_actual(u):
        m = np.bincount(k, weights=mean_p(alpha, tilt[k], u[k]) * final, minlength=n_k)
        return m / np.maximum(counts, 1) - exp_target - ind_target

    u = _bisect(per_k_actual, -4, 4, n_k)
    effect = np.where(has, u, effect)
    return alpha, tilt, effect


def plan_contact_ids(n: int) -> np.ndarray:
    """The `recnum` of the LPR contact that carries plan i, i = 0..n-1: the registers
    write the cohort's plan contacts first, in plan order (cohort.hospital_contacts). A test that
    joins the truth to the warehouse on it fails loudly if the two ever drift apart."""
    return record_numbers("L", n)


def course_truth(plans: pd.DataFrame) -> pd.DataFrame:
    """`_truth/courses.parquet`: per plan its key in the registers and the warehouse
    (`recnum` of the plan contact = the warehouse's course_id; `pnr`; plan, admission
    and discharge dates), its designed fate and true covariate levels."""
    keys = pd.DataFrame(
        {
            "recnum": plan_contact_ids(len(plans)),
            "pnr": pnr(plans["person"].to_numpy()),
            "plan_date": pd.to_datetime(plans["plan"].to_numpy(), unit="D").date,
            "admission_date": pd.to_datetime(plans["admission"].to_numpy(), unit="D").date,
            "discharge_date": pd.to_datetime(plans["discharge"].to_numpy(), unit="D").date,
        },
        index=plans.index,
    )
    designed = plans[
        [c for c in plans.columns if c.startswith("true_") or c in ("fate", "k", "start_year")]
    ]
    return pd.concat([keys, designed], axis=1).reset_index(drop=True)
