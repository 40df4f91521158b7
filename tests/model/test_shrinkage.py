"""The random-intercept model of METHOD §13 against brute-force numeric integration."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, optimize

from rtw.model.shrinkage import Cells, RandomInterceptLikelihood, shrink


def _data(seed=2, n_municipalities=6, tau=0.5):
    rng = np.random.default_rng(seed)
    k = np.repeat(np.arange(n_municipalities), rng.integers(8, 40, n_municipalities))
    offset = rng.normal(-1.0, 0.8, len(k))
    u = rng.normal(0, tau, n_municipalities)
    y = (rng.random(len(k)) < 1 / (1 + np.exp(-(offset + u[k])))).astype(float)
    return k, offset, y


def _integrand(u, a, tau, offset, y):
    eta = offset + a + u
    return (
        np.exp(np.sum(y * eta - np.logaddexp(0, eta)))
        * np.exp(-(u**2) / (2 * tau**2))
        / (np.sqrt(2 * np.pi) * tau)
    )


def _quad(f, low=-8.0, high=8.0, args=()):
    # Relative tolerance only: the integrands are tiny (likelihoods of whole municipalities).
    return integrate.quad(f, low, high, args=args, epsabs=0, epsrel=1e-11, limit=200)[0]


def _brute_loglik(a, tau, k, offset, y):
    total = 0.0
    for j in np.unique(k):
        sel = k == j
        value = _quad(_integrand, args=(a, tau, offset[sel], y[sel]))
        total += np.log(value)
    return total


def test_marginal_likelihood_matches_numeric_integration():
    k, offset, y = _data()
    likelihood = RandomInterceptLikelihood(Cells.make(k, offset, y))
    for a, tau in [(0.0, 0.3), (0.2, 0.8), (-0.3, 1.5)]:
        assert likelihood(a, tau) == pytest.approx(_brute_loglik(a, tau, k, offset, y), abs=1e-5)
    assert likelihood(0.1, 0.0) == pytest.approx(
        np.sum(y * (offset + 0.1) - np.logaddexp(0, offset + 0.1))
    )


def test_fit_and_posterior_match_brute_force():
    k, offset, y = _data(seed=4, n_municipalities=8, tau=0.8)
    fit = shrink(k, 1 / (1 + np.exp(-offset)), y)
    # Maximum likelihood by brute force: Nelder-Mead on the quad log-likelihood.
    best = optimize.minimize(
        lambda x: -_brute_loglik(x[0], np.exp(x[1]), k, offset, y),
        [0.0, np.log(0.5)],
        method="Nelder-Mead",
        options={"xatol": 1e-5, "fatol": 1e-8},
    )
    a, tau = best.x[0], np.exp(best.x[1])
    assert fit.tau.tau == pytest.approx(tau, abs=2e-3)
    assert fit.tau.intercept == pytest.approx(a, abs=2e-3)
    assert fit.tau.tau_lower < tau < fit.tau.tau_upper
    # The interval's ends are where the profile deviance reaches 3.84.
    for end in (fit.tau.tau_lower, fit.tau.tau_upper):
        if end > 0:
            profile = -optimize.minimize_scalar(
                lambda b, t=end: -_brute_loglik(b, t, k, offset, y),
                bounds=(-3, 3),
                method="bounded",
            ).fun
            assert 2 * (-best.fun - profile) == pytest.approx(3.841, abs=0.02)
    a, tau = fit.tau.intercept, fit.tau.tau
    for row in fit.municipalities.itertuples():
        sel = k == row.municipality
        args = (a, tau, offset[sel], y[sel])
        mass = _quad(_integrand, args=args)
        mean = _quad(lambda u, args=args: u * _integrand(u, *args)) / mass

        def weighted_share(u, part=offset[sel], args=args):
            return np.mean(1 / (1 + np.exp(-(part + a + u)))) * _integrand(u, *args)

        share = _quad(weighted_share) / mass
        expected = np.mean(1 / (1 + np.exp(-offset[sel])))
        assert row.u_mean == pytest.approx(mean, abs=1e-4)
        assert row.shrunken_pp == pytest.approx(100 * (share - expected), abs=1e-3)
        below = _quad(_integrand, -8.0, row.u_lower, args=args) / mass
        assert below == pytest.approx(0.025, abs=1e-3)


def test_no_between_municipality_variation_shrinks_to_the_intercept():
    rng = np.random.default_rng(6)
    k = np.repeat(np.arange(30), 40)
    p = rng.uniform(0.1, 0.5, len(k))
    y = (rng.random(len(k)) < p).astype(float)
    fit = shrink(k, p, y)
    assert fit.tau.tau_lower == 0.0
    m = fit.municipalities
    # Shrunken indicators vary far less than the raw ones.
    raw = [100 * (y[k == j].mean() - p[k == j].mean()) for j in range(30)]
    assert m.shrunken_pp.std() < 0.5 * np.std(raw)
