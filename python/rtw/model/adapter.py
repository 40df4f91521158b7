"""From the warehouse's tables to the model and back: what the dbt Python models call.

The dbt Python models (models/intermediate/benchmark/*.py) hand the relations of
`int_course_covariates`, `int_rehab_courses_assessed` and `int_covariate_levels`
(or DataFrames, in tests) to these functions and return the tables they build. The
statistics themselves live in the rest of `rtw.model`.

The four models repeat the same few lines: dbt finds a Python model's `dbt.ref()`
and `dbt.config.get()` calls by parsing its file, so they cannot move in here.

The model is fitted once per outcome month (the benchmark's month and the sensitivity
months) and per input: several Python models of one dbt run read the same fits, so
`fit_months` keeps them for the life of the process (dbt runs Python models of DuckDB in
its own process), keyed by a hash of the inputs and guarded by a lock for dbt's threads.

A month at which the model cannot be fitted (a small extract: no course determinable,
one outcome only, or no covariate level left to serve as reference) is not an error of
the build: it is a `NotFitted` with its reason, which reaches the fit statistics'
warnings and so the run log; that month has no coefficients, predictions or benchmark
rows, and the population flow and key figures still publish (issue 15, METHOD §14's
"small extracts").
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from rtw.model import benchmark_municipalities, fit_logit
from rtw.model.logit import COEFFICIENT_COLUMNS
from rtw.model.ranks import expected_by_chance, honest_flags, rank_intervals
from rtw.model.shrinkage import shrink

OUTCOME = "on_benefits"
_FITS: dict[tuple[str, int], object] = {}
_LOCK = threading.Lock()

# The column types of the tables when no month could be fitted, as the fits give them
# (an empty pandas column would otherwise reach DuckDB as text).
_COEFFICIENT_DTYPES = {
    **dict.fromkeys(COEFFICIENT_COLUMNS, "float64"),
    **dict.fromkeys(["covariate", "level", "reference_level", "stars", "note"], "string"),
    **dict.fromkeys(["covariate_order", "level_order", "n_courses", "n_outcome"], "int64"),
    "is_reference": "bool",
}
_CALIBRATION_DTYPES = {
    "decile": "int64",
    "n_courses": "int64",
    "mean_predicted": "float64",
    "observed_share": "float64",
}
_FIT_DTYPES = {
    "n_courses": "int64",
    "n_courses_fitted": "int64",
    "n_parameters": "int64",
    "log_likelihood": "float64",
    "log_likelihood_null": "float64",
    "mcfadden_pseudo_r2": "float64",
    "aic": "float64",
    "c_statistic": "float64",
    "hosmer_lemeshow_chi2": "float64",
    "hosmer_lemeshow_p_value": "float64",
    "converged": "bool",
    "n_iterations": "int64",
}


@dataclass(frozen=True)
class NotFitted:
    """A month the model could not be fitted at, and why (module docstring)."""

    reason: str

    @property
    def warnings(self) -> list[str]:
        return [f"not fitted: {self.reason}"]


def fit_or_reason(frame: pd.DataFrame, levels: dict[str, list[str]]):
    """fit_logit on the model frame, or NotFitted when the data cannot carry a model:
    no course, a single outcome, or fit_logit's own refusal (a covariate with no level
    that has courses of both outcomes)."""
    if len(frame) == 0:
        return NotFitted("no course of the final population is determinable at this month")
    if frame[OUTCOME].nunique() < 2:
        value = int(frame[OUTCOME].iloc[0])
        return NotFitted(f"all {len(frame)} courses have the same outcome ({OUTCOME} = {value})")
    try:
        return fit_logit(frame, OUTCOME, levels)
    except (ValueError, np.linalg.LinAlgError) as error:
        return NotFitted(f"{error} ({len(frame)} courses)")


def _fitted(fits: dict) -> dict:
    return {
        month: (frame, fit)
        for month, (frame, fit) in fits.items()
        if not isinstance(fit, NotFitted)
    }


def _concat(parts: list[pd.DataFrame], dtypes: dict[str, str]) -> pd.DataFrame:
    if parts:
        return pd.concat(parts, ignore_index=True)
    empty = pd.DataFrame({"outcome_month": pd.Series(dtype="int64")})
    for column, dtype in dtypes.items():
        empty[column] = pd.Series(dtype=dtype)
    return empty


def months_to_fit(outcome_month: int | str, sensitivity_months: str | Iterable[int]) -> list[int]:
    """The outcome month and the sensitivity months, sorted (vars arrive as text from dbt)."""
    if isinstance(sensitivity_months, str):
        sensitivity_months = [m for m in sensitivity_months.replace(" ", "").split(",") if m]
    months = {int(outcome_month), *(int(m) for m in sensitivity_months)}
    bad = sorted(m for m in months if not 0 <= m <= 6)
    if bad:
        raise ValueError(f"outcome months must be 0..6 (METHOD §1), got {bad}")
    return sorted(months)


def covariate_levels(levels: pd.DataFrame) -> dict[str, list[str]]:
    """int_covariate_levels as {covariate: [levels, reference first]} in the model's order."""
    ordered = levels.sort_values(["covariate_order", "level_order"])
    return {cov: list(group["level"]) for cov, group in ordered.groupby("covariate", sort=False)}


def model_frame(covariates: pd.DataFrame, courses: pd.DataFrame, month: int) -> pd.DataFrame:
    """One row per course determinable at `month`: course_id, municipality_code, the
    outcome on_benefits (on benefits at that month) and the covariates, with
    measurement_month the month in which that outcome month is measured."""
    outcome = courses.set_index("course_id")[f"on_benefits_m{month}"]
    frame = covariates.copy()
    frame["measurement_month"] = frame[f"measurement_month_m{month}"]
    frame[OUTCOME] = frame["course_id"].map(outcome)
    frame = frame[frame[OUTCOME].notna()].copy()
    frame[OUTCOME] = frame[OUTCOME].astype(int)
    return frame.sort_values("course_id", ignore_index=True)


def _fingerprint(*frames: pd.DataFrame) -> str:
    digest = hashlib.sha256()
    for frame in frames:
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
        digest.update(",".join(frame.columns).encode())
    return digest.hexdigest()


def _outcomes(courses) -> pd.DataFrame:
    """int_rehab_courses_assessed as a DataFrame. A DuckDB relation (what `dbt.ref` gives
    a Python model) is cut down in DuckDB to what model_frame reads, the final
    population's course_id and outcomes: 20,000 of 281,000 rows at the default size, so
    the four models that share the fits read and hash a fourteenth of it (issue 8)."""
    if isinstance(courses, pd.DataFrame):
        return courses
    columns = ", ".join(["course_id", *(f"on_benefits_m{m}" for m in range(7))])
    return courses.filter("exclusion_rule is null").project(columns).order("course_id").df()


def _frame(table) -> pd.DataFrame:
    return table if isinstance(table, pd.DataFrame) else table.df()


def fit_months(
    covariates, courses, levels, months: list[int]
) -> dict[int, tuple[pd.DataFrame, object]]:
    """{month: (model frame, fit)} for each month, fitted once per process and input.

    The inputs are int_course_covariates, int_rehab_courses_assessed and
    int_covariate_levels, as DataFrames or as the DuckDB relations of `dbt.ref`."""
    covariates, courses, levels = _frame(covariates), _outcomes(courses), _frame(levels)
    level_lists = covariate_levels(levels)
    key = _fingerprint(covariates, courses, levels)
    out = {}
    with _LOCK:
        for month in months:
            frame = model_frame(covariates, courses, month)
            if (key, month) not in _FITS:
                _FITS[(key, month)] = fit_or_reason(frame, level_lists)
            out[month] = (frame, _FITS[(key, month)])
    return out


def predictions_table(fits: dict[int, tuple[pd.DataFrame, object]]) -> pd.DataFrame:
    """course_id, outcome_month, municipality_code, on_benefits, predicted_probability."""
    parts = []
    for month, (frame, fit) in _fitted(fits).items():
        parts.append(
            pd.DataFrame(
                {
                    "course_id": frame["course_id"],
                    "outcome_month": month,
                    "municipality_code": frame["municipality_code"].astype("int64"),
                    "on_benefits": frame[OUTCOME].astype("int64"),
                    "predicted_probability": np.asarray(fit.predict(frame), dtype=float),
                }
            )
        )
    if not parts:
        frame = next(iter(fits.values()))[0] if fits else pd.DataFrame({"course_id": []})
        return pd.DataFrame(
            {
                "course_id": frame["course_id"].iloc[:0],
                "outcome_month": pd.Series(dtype="int64"),
                "municipality_code": pd.Series(dtype="int64"),
                "on_benefits": pd.Series(dtype="int64"),
                "predicted_probability": pd.Series(dtype="float64"),
            }
        )
    return pd.concat(parts, ignore_index=True)


def _with_month(table: pd.DataFrame, month: int) -> pd.DataFrame:
    table = table.copy()
    table.insert(0, "outcome_month", month)
    return table


def coefficients_table(fits: dict[int, tuple[pd.DataFrame, object]]) -> pd.DataFrame:
    """The coefficients of every level per outcome month (LogitFit.coefficients)."""
    table = _concat(
        [_with_month(fit.coefficients, month) for month, (_, fit) in _fitted(fits).items()],
        _COEFFICIENT_DTYPES,
    )
    # An all-null text column would otherwise reach DuckDB as INTEGER.
    return table.astype({"note": "string", "stars": "string"})


def fit_statistics_table(fits: dict[int, tuple[pd.DataFrame, object]]) -> pd.DataFrame:
    """One row of fit statistics per outcome month (LogitFit.fit) with the warnings."""
    rows = []
    for month, (frame, fit) in fits.items():
        if isinstance(fit, NotFitted):
            # The month's row says why, with the courses it had; the statistics are null.
            nullable = {"int64": "Int64", "float64": "Float64", "bool": "boolean"}
            stats = pd.DataFrame(
                {c: pd.array([pd.NA], dtype=nullable[d]) for c, d in _FIT_DTYPES.items()}
            )
            stats["n_courses"] = pd.array([len(frame)], dtype="Int64")
            stats["n_courses_fitted"] = pd.array([0], dtype="Int64")
            stats["converged"] = pd.array([False], dtype="boolean")
        else:
            stats = fit.fit if isinstance(fit.fit, pd.DataFrame) else pd.DataFrame([vars(fit.fit)])
        stats = _with_month(stats.reset_index(drop=True), month)
        stats["warnings"] = pd.Series(["; ".join(fit.warnings)], dtype="string")
        rows.append(stats)
    return pd.concat(rows, ignore_index=True)


def calibration_table(fits: dict[int, tuple[pd.DataFrame, object]]) -> pd.DataFrame:
    """Observed and predicted share by decile of predicted probability, per month."""
    return _concat(
        [_with_month(fit.calibration, month) for month, (_, fit) in _fitted(fits).items()],
        _CALIBRATION_DTYPES,
    )


# METHOD §13's columns of the benchmark, with their types for a build with no fitted month.
_UNCERTAINTY_DTYPES = {
    "rank_lower": "int64",
    "rank_upper": "int64",
    "p_best_fifth": "float64",
    "p_worst_fifth": "float64",
    "flag_lower_pp": "float64",
    "flag_upper_pp": "float64",
    "flag": "string",
    "shrunken_pp": "float64",
    "shrunken_lower_pp": "float64",
    "shrunken_upper_pp": "float64",
    "shrunken_rank": "int64",
    "tau": "float64",
    "tau_lower": "float64",
    "tau_upper": "float64",
    "n_flagged_better": "int64",
    "n_flagged_worse": "int64",
    "n_flagged_by_chance": "float64",
}


def uncertainty_columns(
    table: pd.DataFrame, predictions: pd.DataFrame, n_draws: int, seed: int
) -> pd.DataFrame:
    """METHOD §13 for one month's benchmark (rows in municipality order, as
    benchmark_municipalities gives them): rank interval and P(best/worst fifth) from
    n_draws draws, the honest flag, the shrunken indicator with its interval and rank,
    tau with its interval, and the month's flagged counts against chance."""
    phi = float(table["overdispersion_phi"].iloc[0])
    indicator, se = table["indicator_pp"].to_numpy(), table["se_pp"].to_numpy()
    ranks = rank_intervals(indicator, se, phi=phi, n_draws=n_draws, seed=seed)
    flags = honest_flags(indicator, se, phi=phi)
    fit = shrink(
        predictions["municipality_code"].to_numpy(),
        predictions["predicted_probability"].to_numpy(),
        predictions["on_benefits"].to_numpy(),
    )
    shrunken = fit.municipalities.set_index("municipality").loc[
        table["municipality_code"].to_numpy()
    ]
    out = pd.concat([ranks, flags], axis=1)
    out["flag"] = out["flag"].astype("string")
    for column in ("shrunken_pp", "shrunken_lower_pp", "shrunken_upper_pp"):
        out[column] = shrunken[column].to_numpy()
    # Equal shrunken indicators (all of them when tau = 0) share the lowest rank: a tie
    # broken by rounding noise or by code would rank what the model cannot tell apart.
    out["shrunken_rank"] = stats.rankdata(np.round(out["shrunken_pp"], 6), method="min").astype(
        np.int64
    )
    out["tau"], out["tau_lower"], out["tau_upper"] = (
        fit.tau.tau,
        fit.tau.tau_lower,
        fit.tau.tau_upper,
    )
    out["n_flagged_better"] = int((out["flag"] == "better").sum())
    out["n_flagged_worse"] = int((out["flag"] == "worse").sum())
    out["n_flagged_by_chance"] = expected_by_chance(len(out))
    return pd.concat([table.reset_index(drop=True), out], axis=1)


def benchmark_table(
    predictions: pd.DataFrame, n_draws: int = 10_000, seed: int = 13
) -> pd.DataFrame:
    """The municipal benchmark (METHOD §6.2) per outcome month from the predictions,
    with METHOD §13's uncertainty columns (uncertainty_columns)."""
    parts = []
    for month, frame in predictions.groupby("outcome_month", sort=True):
        table = benchmark_municipalities(
            frame, "municipality_code", "on_benefits", "predicted_probability"
        )
        table = uncertainty_columns(table.reset_index(drop=True), frame, n_draws, seed)
        parts.append(_with_month(table, int(month)))
    if not parts:  # no month fitted: the table's columns, no rows
        empty = benchmark_municipalities(
            predictions.iloc[:0], "municipality_code", "on_benefits", "predicted_probability"
        )
        empty = _with_month(empty, 0).astype({"outcome_month": "int64"}).iloc[:0]
        for column, dtype in _UNCERTAINTY_DTYPES.items():
            empty[column] = pd.Series(dtype=dtype)
        return empty
    return pd.concat(parts, ignore_index=True)
