"""rtw.model's logistic regression: recovery of known coefficients, equivalence with
statsmodels' formula interface, separation and empty levels, bad input, and the
definition of the average marginal effect."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
import statsmodels.formula.api as smf
from scipy.special import expit

from rtw.model import average_marginal_effects, fit_logit, stars

LEVELS = {
    "sex": ["man", "woman"],
    "age": ["18-30", "31-45", "46-55", "56-64"],
    "diagnosis": ["hip", "knee", "back", "shoulder", "hand", "other"],
}
TRUE = {
    "(intercept)": -1.4,
    ("sex", "woman"): 0.25,
    ("age", "31-45"): 0.10,
    ("age", "46-55"): 0.35,
    ("age", "56-64"): 0.55,
    ("diagnosis", "knee"): 0.45,
    ("diagnosis", "back"): 0.40,
    ("diagnosis", "shoulder"): 0.15,
    ("diagnosis", "hand"): -1.10,
    ("diagnosis", "other"): -0.20,
}


def simulate(n: int, seed: int, levels=LEVELS, true=TRUE) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    frame = pd.DataFrame({cov: rng.choice(names, size=n, p=None) for cov, names in levels.items()})
    eta = np.full(n, true["(intercept)"])
    for (cov, level), beta in ((k, v) for k, v in true.items() if isinstance(k, tuple)):
        eta += beta * (frame[cov] == level)
    frame["y"] = (rng.random(n) < expit(eta)).astype(int)
    return frame


@pytest.fixture(scope="module")
def large():
    frame = simulate(40_000, seed=11)
    return frame, fit_logit(frame, "y", LEVELS)


def estimates(fit) -> pd.DataFrame:
    c = fit.coefficients
    return c[~c.is_reference].set_index(["covariate", "level"])


def test_known_coefficients_are_recovered_within_their_standard_errors(large):
    _, fit = large
    est = estimates(fit)
    z = []
    for key, beta in TRUE.items():
        row = est.loc[("(intercept)", "(intercept)")] if key == "(intercept)" else est.loc[key]
        z.append((row.estimate - beta) / row.std_error)
    z = np.abs(np.array(z))
    assert (z < 3.5).all(), z
    assert (z < 2).mean() >= 0.7, z


def test_same_estimates_and_standard_errors_as_statsmodels_formulas():
    frame = simulate(3_000, seed=5)
    fit = fit_logit(frame, "y", LEVELS)
    formula = "y ~ " + " + ".join(
        f"C({cov}, Treatment(reference='{names[0]}'))" for cov, names in LEVELS.items()
    )
    reference = smf.logit(formula, frame).fit(disp=False)
    est = estimates(fit)
    for cov, names in LEVELS.items():
        for name in names[1:]:
            term = f"C({cov}, Treatment(reference='{names[0]}'))[T.{name}]"
            assert est.loc[(cov, name), "estimate"] == pytest.approx(
                reference.params[term], abs=1e-6
            )
            assert est.loc[(cov, name), "std_error"] == pytest.approx(reference.bse[term], abs=1e-6)
            assert est.loc[(cov, name), "p_value"] == pytest.approx(
                reference.pvalues[term], abs=1e-6
            )
    assert fit.fit.log_likelihood.iat[0] == pytest.approx(reference.llf, abs=1e-6)
    assert fit.fit.mcfadden_pseudo_r2.iat[0] == pytest.approx(reference.prsquared, abs=1e-9)
    assert fit.fit.aic.iat[0] == pytest.approx(reference.aic, abs=1e-6)
    np.testing.assert_allclose(fit.predict(frame), reference.predict(frame), atol=1e-9)


def test_reference_rows_intercept_and_stars(large):
    _, fit = large
    c = fit.coefficients
    ref = c[c.is_reference]
    assert set(ref.level) == {names[0] for names in LEVELS.values()}
    assert (ref.estimate == 0).all() and ref.std_error.isna().all()
    assert (ref.marginal_effect_pp == 0).all()
    assert c.iloc[0].covariate == "(intercept)"
    assert list(c.columns[:4]) == ["covariate", "covariate_order", "level", "level_order"]
    assert stars(0.005) == "***" and stars(0.03) == "**" and stars(0.07) == "*" and stars(0.2) == ""
    assert (c.stars == c.p_value.map(lambda p: stars(p) if pd.notna(p) else "")).all()


def test_a_separated_level_does_not_stop_the_fit_and_is_named():
    frame = simulate(5_000, seed=3)
    # Five courses of a rare level, all with outcome 0.
    rare = frame.sample(5, random_state=1).index
    levels = {**LEVELS, "diagnosis": [*LEVELS["diagnosis"], "rare", "never"]}
    frame.loc[rare, "diagnosis"] = "rare"
    frame.loc[rare, "y"] = 0
    fit = fit_logit(frame, "y", levels)
    c = fit.coefficients.set_index(["covariate", "level"])
    assert np.isnan(c.loc[("diagnosis", "rare"), "estimate"])
    assert c.loc[("diagnosis", "rare"), "note"] == "separation: all 5 courses have outcome 0"
    assert c.loc[("diagnosis", "never"), "note"] == "no courses: not estimable"
    assert any("diagnosis = 'rare'" in w for w in fit.warnings)
    assert any("diagnosis = 'never'" in w for w in fit.warnings)
    # The other estimates are the fit without the separated courses.
    without = fit_logit(frame.drop(index=rare), "y", LEVELS)
    pd.testing.assert_series_equal(
        estimates(fit).drop(index=[("diagnosis", "rare"), ("diagnosis", "never")]).estimate,
        estimates(without).estimate,
        rtol=1e-6,
    )
    # The separated courses are predicted at the limit; the fit reports N and the fitted N.
    assert (fit.predict(frame.loc[rare]) == 0).all()
    assert fit.fit.n_courses.iat[0] == 5_000 and fit.fit.n_courses_fitted.iat[0] == 4_995


def test_an_empty_or_separated_reference_level_gives_way_to_the_largest_level():
    frame = simulate(2_000, seed=4)
    largest = frame.sex.value_counts().idxmax()
    other = "woman" if largest == "man" else "man"
    # Independent of the fallback: the same model with the largest level stated first.
    explicit = fit_logit(frame, "y", {**LEVELS, "sex": [largest, other]})
    fit = fit_logit(frame, "y", {**LEVELS, "sex": ["unused", "man", "woman"]})
    c = fit.coefficients.set_index(["covariate", "level"])
    assert c.loc[("sex", largest), "is_reference"]
    assert c.loc[("sex", largest), "note"] == (
        "reference level of this fit: the stated reference 'unused' has no courses"
    )
    assert c.loc[("sex", "unused"), "note"] == "no courses: not estimable"
    assert any("the stated reference 'unused' has no courses" in w for w in fit.warnings)
    np.testing.assert_allclose(fit.predict(frame), explicit.predict(frame), rtol=1e-8)
    assert c.loc[("sex", other), "estimate"] == pytest.approx(
        explicit.coefficients.set_index(["covariate", "level"]).loc[("sex", other), "estimate"]
    )
    # A separated reference: all men have outcome 1; women become the reference.
    frame.loc[frame.sex == "man", "y"] = 1
    fit = fit_logit(frame, "y", LEVELS)
    c = fit.coefficients.set_index(["covariate", "level"])
    assert c.loc[("sex", "woman"), "is_reference"]
    assert "the stated reference 'man' has all" in c.loc[("sex", "woman"), "note"]
    assert c.loc[("sex", "man"), "note"].startswith("separation: all")
    assert (fit.predict(frame[frame.sex == "man"]) == 1).all()


def test_a_covariate_left_with_one_level_drops_out():
    frame = simulate(2_000, seed=5)
    frame["sex"] = "woman"
    fit = fit_logit(frame, "y", LEVELS)
    without = fit_logit(frame, "y", {k: v for k, v in LEVELS.items() if k != "sex"})
    np.testing.assert_allclose(fit.predict(frame), without.predict(frame), rtol=1e-8)


def test_unknown_or_missing_values_are_named():
    frame = simulate(500, seed=6)
    frame.loc[[0, 1, 2], "age"] = "99-100"
    with pytest.raises(
        ValueError,
        match=r"age: 3 course\(s\) have a value that is not one of its levels: '99-100' \(3\)",
    ):
        fit_logit(frame, "y", LEVELS)
    frame = simulate(500, seed=6)
    frame.loc[[7], "sex"] = None
    with pytest.raises(ValueError, match=r"sex: 1 course\(s\) have no value"):
        fit_logit(frame, "y", LEVELS)


def test_collinear_levels_are_not_estimated_and_named():
    frame = simulate(3_000, seed=8)
    # A second covariate identical to sex: its dummy is collinear.
    frame["sex_copy"] = frame["sex"]
    fit = fit_logit(frame, "y", {**LEVELS, "sex_copy": ["man", "woman"]})
    notes = fit.coefficients.set_index(["covariate", "level"]).note.dropna()
    assert list(notes.values) == ["collinear with other levels: not estimable"]
    assert fit.fit.converged.iat[0]


def test_marginal_effect_is_the_discrete_change_against_the_reference(large):
    frame, fit = large
    c = fit.coefficients.set_index(["covariate", "level"])
    for cov, names in LEVELS.items():
        for level in names[1:]:
            as_level = frame.assign(**{cov: level})
            as_reference = frame.assign(**{cov: names[0]})
            brute = (fit.predict(as_level) - fit.predict(as_reference)).mean() * 100
            assert c.loc[(cov, level), "marginal_effect_pp"] == pytest.approx(brute, abs=1e-9)
    # A small effect is close to beta times the mean of p(1 - p).
    p = fit.predict(frame)
    beta = c.loc[("age", "31-45"), "estimate"]
    assert c.loc[("age", "31-45"), "marginal_effect_pp"] == pytest.approx(
        100 * beta * np.mean(p * (1 - p)), rel=0.1
    )


def test_average_marginal_effects_function():
    eta = np.array([0.0, 1.0, -1.0])
    codes = np.array([0, 1, 2])
    beta = np.array([0.0, 1.0, np.nan])
    effects = average_marginal_effects(eta, codes, beta)
    base = np.array([0.0, 0.0, -1.0])  # eta with the covariate at its reference
    assert effects[0] == 0
    assert effects[1] == pytest.approx(100 * np.mean(expit(base + 1) - expit(base)))
    assert np.isnan(effects[2])


def test_the_fit_is_deterministic():
    frame = simulate(3_000, seed=9)
    a, b = fit_logit(frame, "y", LEVELS), fit_logit(frame, "y", LEVELS)
    pd.testing.assert_frame_equal(a.coefficients, b.coefficients)
    pd.testing.assert_frame_equal(a.fit, b.fit)


def test_a_covariate_with_one_level_is_constant_and_left_out():
    # A build of one start year has start_year with one level (int_covariate_levels).
    frame = simulate(3_000, seed=5)
    frame["start_year"] = "2016"
    with_constant = fit_logit(frame, "y", {**LEVELS, "start_year": ["2016"]})
    without = fit_logit(frame, "y", LEVELS)
    assert np.allclose(with_constant.params, without.params)
    row = with_constant.coefficients.query("covariate == 'start_year'").iloc[0]
    assert row.is_reference and row.estimate == 0 and "not in the model" in row.note
    assert any("start_year" in w and "not in the model" in w for w in with_constant.warnings)
