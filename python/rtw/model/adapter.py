"""From the warehouse's tables to the model and back: what the dbt Python models call.

The dbt Python models (models/intermediate/benchmark/*.py) hand the relations of
`int_benchmark_cases`, `int_benchmark_units`, `int_benchmark_unit_covariates` and
`int_covariate_levels` (or DataFrames, in tests) to these functions and return the
tables they build. Every table holds every benchmark case (METHOD §14), with the case
as its first column: the model is fitted per case, on the case's units and with the
case's covariates and levels, at the case's outcome month and the sensitivity months.
The statistics themselves live in the rest of `rtw.model`.

The four models repeat the same few lines: dbt finds a Python model's `dbt.ref()`
and `dbt.config.get()` calls by parsing its file, so they cannot move in here.

The model is fitted once per input: the four Python models of one dbt run read the same
fits, so `fit_cases` keeps them for the life of the process (dbt runs Python models of
DuckDB in its own process), keyed by a digest of the inputs and guarded by a lock for
dbt's threads. The digest of a DuckDB relation is computed in DuckDB (a count and a sum of
row hashes), so the models after the first neither read their inputs into pandas nor
pivot them again; `fit_months` keeps each case's fits likewise for callers with frames.

A case and month at which the model cannot be fitted (a small extract: no unit determinable,
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
CASE = "benchmark_case"
UNIT = "unit_id"
_FITS: dict[tuple[str, int], object] = {}
_CASE_FITS: dict[tuple, dict] = {}
# Reentrant: fit_cases holds it while fit_months (which takes it too) fits each case.
_LOCK = threading.RLock()

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
    no unit, a single outcome, or fit_logit's own refusal (a covariate with no level
    that has units of both outcomes). Units are the case's (courses, spells)."""
    if len(frame) == 0:
        return NotFitted("no unit of the final population is determinable at this month")
    if frame[OUTCOME].nunique() < 2:
        value = int(frame[OUTCOME].iloc[0])
        return NotFitted(f"all {len(frame)} units have the same outcome ({OUTCOME} = {value})")
    try:
        return fit_logit(frame, OUTCOME, levels)
    except (ValueError, np.linalg.LinAlgError) as error:
        return NotFitted(f"{error} ({len(frame)} units)")


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


def model_frame(covariates: pd.DataFrame, units: pd.DataFrame, month: int) -> pd.DataFrame:
    """One row per unit of a case's population determinable at `month`: unit_id,
    municipality_code, the outcome on_benefits (on benefits at that month) and the
    covariates (one column each). A unit without a covariate row keeps its row with the
    covariates null, which the model's check of levels names (nothing is dropped)."""
    outcome = units[[UNIT, "municipality_code", f"on_benefits_m{month}"]]
    outcome = outcome.rename(columns={f"on_benefits_m{month}": OUTCOME})
    outcome = outcome[outcome[OUTCOME].notna()]
    frame = outcome.merge(
        covariates.drop(columns=["municipality_code", CASE], errors="ignore"), on=UNIT, how="left"
    )
    frame[OUTCOME] = frame[OUTCOME].astype(int)
    return frame.sort_values(UNIT, ignore_index=True)


def _fingerprint(*frames: pd.DataFrame) -> str:
    digest = hashlib.sha256()
    for frame in frames:
        digest.update(pd.util.hash_pandas_object(frame, index=False).to_numpy().tobytes())
        digest.update(",".join(frame.columns).encode())
    return digest.hexdigest()


def _digest(table) -> str:
    """A digest of a DataFrame or a DuckDB relation's content and columns; a relation's is
    computed in DuckDB, without reading it into pandas."""
    if isinstance(table, pd.DataFrame):
        return _fingerprint(table)
    n, total = table.aggregate("count(*), coalesce(sum(hash(*columns(*))::hugeint), 0)").fetchone()
    return f"{n}:{total}:{','.join(table.columns)}"


def _frame(table) -> pd.DataFrame:
    return table if isinstance(table, pd.DataFrame) else table.df()


def fit_months(
    covariates: pd.DataFrame | dict[int, pd.DataFrame],
    units: pd.DataFrame,
    levels: pd.DataFrame,
    months: list[int],
) -> dict[int, tuple[pd.DataFrame, object]]:
    """{month: (model frame, fit)} of one case at each month, fitted once per process
    and input: its covariates wide (unit_id and a column per covariate; or {month: that}
    when a covariate depends on the month), its units (unit_id, municipality_code,
    on_benefits_m0..m6) and its rows of int_covariate_levels."""
    level_lists = covariate_levels(levels)
    out = {}
    with _LOCK:
        for month in months:
            month_covariates = covariates[month] if isinstance(covariates, dict) else covariates
            key = _fingerprint(month_covariates, units, levels)
            frame = model_frame(month_covariates, units, month)
            if (key, month) not in _FITS:
                _FITS[(key, month)] = fit_or_reason(frame, level_lists)
            out[month] = (frame, _FITS[(key, month)])
    return out


def _pivot(long: pd.DataFrame) -> pd.DataFrame:
    wide = long.pivot(index=UNIT, columns="covariate", values="level")
    wide.columns.name = None
    return wide


def wide_covariates(long: pd.DataFrame, month: int | None = None) -> pd.DataFrame:
    """A case's rows of int_benchmark_unit_covariates (unit_id, covariate, level and
    outcome_month) as one row per unit with a column per covariate, at outcome month
    `month`: a covariate's row for that month (outcome_month = month, a covariate that
    depends on the month) takes the place of its row for every month (null)."""
    if len(long) == 0:
        return pd.DataFrame({UNIT: pd.Series(dtype="string")})
    if "outcome_month" not in long.columns:
        return _pivot(long).reset_index()
    every = long[long["outcome_month"].isna()]
    own = long[long["outcome_month"] == month] if month is not None else long.iloc[:0]
    wide = _pivot(every)
    if len(own):
        wide = _pivot(own).combine_first(wide)
    return wide.reset_index()


def _read_units(units) -> pd.DataFrame:
    """int_benchmark_units as a DataFrame (a DuckDB relation is read in unit order)."""
    if isinstance(units, pd.DataFrame):
        return units
    return units.order(f"{CASE}, {UNIT}").df()


def fit_cases(
    cases, units, covariates, levels, sensitivity_months: str | Iterable[int]
) -> dict[str, dict[int, tuple[pd.DataFrame, object]]]:
    """{case: {month: (model frame, fit)}} for every benchmark case (METHOD §14), in the
    cases' order, each at its outcome month and the sensitivity months.

    The inputs are int_benchmark_cases (benchmark_case, case_order, outcome_month),
    int_benchmark_units, int_benchmark_unit_covariates (long: benchmark_case, unit_id,
    covariate, level, and outcome_month for a covariate that depends on the month) and
    int_covariate_levels (with benchmark_case), as DataFrames or as the DuckDB
    relations of `dbt.ref`. Fitted once per process and input (module docstring)."""
    key = (*(_digest(t) for t in (cases, units, covariates, levels)), str(sensitivity_months))
    with _LOCK:
        if key not in _CASE_FITS:
            _CASE_FITS[key] = _fit_cases(cases, units, covariates, levels, sensitivity_months)
        return _CASE_FITS[key]


def _fit_cases(cases, units, covariates, levels, sensitivity_months):
    cases, units = _frame(cases), _read_units(units)
    covariates, levels = _frame(covariates), _frame(levels)
    out = {}
    for case in cases.sort_values("case_order").itertuples():
        name = case.benchmark_case
        case_levels = levels[levels[CASE] == name]
        if len(case_levels) == 0:
            raise ValueError(
                f"benchmark case {name!r}: no rows in int_covariate_levels "
                "(seed ref_covariate_levels, column benchmark_case)"
            )
        months = months_to_fit(case.outcome_month, sensitivity_months)
        long = covariates.loc[covariates[CASE] == name].drop(columns=[CASE])
        out[name] = fit_months(
            {month: wide_covariates(long, month) for month in months},
            units.loc[units[CASE] == name].drop(columns=[CASE]).reset_index(drop=True),
            case_levels.reset_index(drop=True),
            months,
        )
    return out


def per_case(table, fits_by_case: dict[str, dict]) -> pd.DataFrame:
    """A table of the functions below (one case's fits) for every case, with the case as
    its first column."""
    parts = []
    for name, fits in fits_by_case.items():
        part = table(fits)
        part.insert(0, CASE, pd.Series([name] * len(part), dtype="string"))
        parts.append(part)
    if not parts:
        part = table({})
        part.insert(0, CASE, pd.Series(dtype="string"))
        return part
    return pd.concat(parts, ignore_index=True)


def predictions_table(fits: dict[int, tuple[pd.DataFrame, object]]) -> pd.DataFrame:
    """unit_id, outcome_month, municipality_code, on_benefits, predicted_probability."""
    parts = []
    for month, (frame, fit) in _fitted(fits).items():
        parts.append(
            pd.DataFrame(
                {
                    UNIT: frame[UNIT],
                    "outcome_month": month,
                    "municipality_code": frame["municipality_code"].astype("int64"),
                    "on_benefits": frame[OUTCOME].astype("int64"),
                    "predicted_probability": np.asarray(fit.predict(frame), dtype=float),
                }
            )
        )
    if not parts:
        frame = next(iter(fits.values()))[0] if fits else pd.DataFrame({UNIT: []})
        return pd.DataFrame(
            {
                UNIT: frame[UNIT].iloc[:0],
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
    if not rows:  # no month asked for: the columns only
        empty = pd.DataFrame({"outcome_month": pd.Series(dtype="int64")})
        for column, dtype in _FIT_DTYPES.items():
            empty[column] = pd.Series(dtype=dtype)
        empty["warnings"] = pd.Series(dtype="string")
        return empty
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


def _no_uncertainty(n: int) -> pd.DataFrame:
    """METHOD §13's columns, null, for a month that is not the case's outcome month."""
    nullable = {"int64": "Int64", "float64": "Float64", "string": "string"}
    return pd.DataFrame(
        {c: pd.Series([pd.NA] * n, dtype=nullable[d]) for c, d in _UNCERTAINTY_DTYPES.items()}
    )


def case_outcome_months(cases) -> dict[str, int]:
    """{case: its outcome month} from int_benchmark_cases (a DataFrame or a relation)."""
    frame = _frame(cases)
    return {str(c): int(m) for c, m in zip(frame[CASE], frame["outcome_month"], strict=True)}


def benchmark_table(
    predictions: pd.DataFrame,
    n_draws: int = 10_000,
    seed: int = 13,
    outcome_months: dict[str, int] | None = None,
    uncertainty_month: int | None = None,
) -> pd.DataFrame:
    """The municipal benchmark (METHOD §6.2) per outcome month from the predictions,
    with METHOD §13's uncertainty columns (uncertainty_columns); per benchmark case
    when the predictions have the case column (the case first, as per_case gives it).

    §13's columns are computed at every month, or with `outcome_months` ({case: month},
    case_outcome_months) at each case's outcome month only, null at the sensitivity
    months: the marts publish them at the outcome month, and the shrinkage fit is most
    of the model's time (`uncertainty_month` is that month for one case's predictions)."""
    if CASE in predictions.columns:
        parts = []
        for name, frame in predictions.groupby(CASE, sort=False):
            month = None if outcome_months is None else outcome_months[str(name)]
            part = benchmark_table(
                frame.drop(columns=[CASE]), n_draws, seed, uncertainty_month=month
            )
            part.insert(0, CASE, pd.Series([name] * len(part), dtype="string"))
            parts.append(part)
        if parts:
            return pd.concat(parts, ignore_index=True)
        empty = benchmark_table(predictions.drop(columns=[CASE]), n_draws, seed)
        empty.insert(0, CASE, pd.Series(dtype="string"))
        return empty
    parts = []
    for month, frame in predictions.groupby("outcome_month", sort=True):
        table = benchmark_municipalities(
            frame, "municipality_code", "on_benefits", "predicted_probability"
        )
        table = table.reset_index(drop=True)
        if uncertainty_month is None or int(month) == uncertainty_month:
            table = uncertainty_columns(table, frame, n_draws, seed)
        else:
            table = pd.concat([table, _no_uncertainty(len(table))], axis=1)
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
