"""The statistics of the benchmark (METHOD §6): the logistic regression on categorical
covariates, its marginal effects and diagnostics, and the municipal benchmark.

    from rtw.model import fit_logit, benchmark_municipalities

    fit = fit_logit(frame, "on_benefits", {"sex": ["man", "woman"], ...})
    fit.coefficients, fit.fit, fit.calibration, fit.predict(frame), fit.warnings
    benchmark_municipalities(frame, "municipality_code", "on_benefits", "predicted")

The dbt Python models call these through rtw.model.adapter.
"""

from rtw.model.benchmark import benchmark_municipalities, overdispersion_factor, ranking_agreement
from rtw.model.diagnostics import c_statistic, calibration_by_decile, hosmer_lemeshow
from rtw.model.effects import average_marginal_effects
from rtw.model.logit import LogitFit, fit_logit, stars

__all__ = [
    "LogitFit",
    "average_marginal_effects",
    "benchmark_municipalities",
    "c_statistic",
    "calibration_by_decile",
    "fit_logit",
    "hosmer_lemeshow",
    "overdispersion_factor",
    "ranking_agreement",
    "stars",
]
