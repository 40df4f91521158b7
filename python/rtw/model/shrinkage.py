"""Shrunken indicators (METHOD §13): a random-intercept version of the model of §6.1.

Each unit i (a course, or a cell of n_i courses with the same offset) of municipality j
is on benefits with probability expit(o_i + a + u_j): o_i is the covariate model's
linear predictor (logit of its predicted probability, held fixed as an offset), a an
intercept shift and u_j ~ Normal(0, tau^2) the municipal effect. With the covariate
model as offset the random-intercept model has two parameters, which makes it fast
and stable; the offset's own estimation error is left out, as in §6.2's se.

- (a, tau) maximise the marginal likelihood, each municipality's integral over u_j by
  adaptive Gauss-Hermite quadrature (Pinheiro & Bates 1995: nodes centred at the mode
  of the integrand and scaled by its curvature; exact for near-normal integrands).
- tau's 95 % interval is the profile-likelihood interval {tau >= 0 :
  2 (l(tau_hat) - l_p(tau)) <= 3.84}; its lower end is 0 when tau = 0 is inside.
- Empirical Bayes: given (a, tau), the posterior of each u_j is integrated on a fine
  grid around its mode: mean, sd and 2.5/97.5 % quantiles. The shrunken indicator is
  the posterior mean of 100 x (mean_i expit(o_i + a + u_j) - expected_j), the
  municipality's long-run share minus the expected share of §6.2; that share is
  increasing in u_j, so its interval is the image of u_j's posterior quantiles.

Speed: the offsets are per course but u_j only shifts them, so each municipality's
conditional log-likelihood is a function of one number, L_j(v) = sum_i l_i(o_i + v)
with v = a + u_j. It is tabulated once as a Chebyshev series on [-V, V] (Trefethen,
"Approximation Theory and Approximation Practice", ch. 8: l_i is analytic within pi of
the real line, so 128 terms reach rounding error on [-10, 10]); every later evaluation
of L_j, L_j' and L_j'' for any (a, tau, node) costs 128 terms per municipality instead
of a pass over the courses. Points outside [-V, V] are summed over the courses exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import optimize, stats

CHI2_95 = stats.chi2.ppf(0.95, 1)  # 3.84
TAU_MAX = 3.0  # a between-municipality SD of 3 on the logit scale is far beyond any data
SERIES_HALF_WIDTH = 10.0  # V: the tabulated range of v = a + u (module docstring)
SERIES_TERMS = 128


def expit(x: np.ndarray) -> np.ndarray:
    return 0.5 * (1 + np.tanh(0.5 * x))  # overflow-free logistic


@dataclass
class Cells:
    """Units sorted by municipality: offset, trials n, successes y; `group` the
    municipality index 0..G-1 of each unit, `starts` where each municipality begins."""

    offset: np.ndarray
    n: np.ndarray
    y: np.ndarray
    group: np.ndarray
    starts: np.ndarray
    labels: np.ndarray
    _series: GroupLoglik | None = field(default=None, repr=False, compare=False)

    @classmethod
    def make(cls, municipality, offset, y, n=None) -> Cells:
        municipality = np.asarray(municipality)
        order = np.argsort(municipality, kind="stable")
        labels, group = np.unique(municipality[order], return_inverse=True)
        n = np.ones(len(order)) if n is None else np.asarray(n, dtype=float)[order]
        starts = np.flatnonzero(np.r_[True, np.diff(group) != 0])
        return cls(
            np.asarray(offset, dtype=float)[order],
            n,
            np.asarray(y, dtype=float)[order],
            group,
            starts,
            labels,
        )

    def sum(self, values: np.ndarray) -> np.ndarray:
        """Per-municipality sums of unit values (rows of a (units, k) array)."""
        return np.add.reduceat(values, self.starts, axis=0)

    @property
    def loglik(self) -> GroupLoglik:
        """Each municipality's L_j(v), tabulated on first use."""
        if self._series is None:
            self._series = GroupLoglik(self)
        return self._series


class GroupLoglik:
    """L_j(v) = sum_i [y_i (o_i + v) - n_i log(1 + exp(o_i + v))] over municipality j's
    units and its first two derivatives, for (G, k) arrays of v (module docstring)."""

    def __init__(self, cells: Cells, half_width=SERIES_HALF_WIDTH, terms=SERIES_TERMS):
        self.cells, self.half_width = cells, half_width
        k = np.arange(terms)
        x = np.cos(np.pi * (k + 0.5) / terms)  # Chebyshev points of the first kind
        values = cells.sum(_loglik_units(cells, cells.offset[:, None] + half_width * x))
        basis = np.cos(np.pi * np.outer(k, k + 0.5) / terms)  # T_m(x_k)
        coef = values @ basis.T * (2 / terms)
        coef[:, 0] /= 2
        self.coef = [coef]
        for _ in range(2):  # d/dv = (1 / V) d/dt
            d = np.polynomial.chebyshev.chebder(self.coef[-1], axis=1) / half_width
            self.coef.append(np.pad(d, ((0, 0), (0, terms - d.shape[1]))))
        self.y_total = cells.sum(cells.y)

    def __call__(self, v: np.ndarray, order: int = 0) -> np.ndarray:
        """The `order`-th derivative of L_j at v[j, :] (v of shape (G,) or (G, k))."""
        return self.derivatives(v, (order,))[0]

    def derivatives(self, v: np.ndarray, orders=(0, 1, 2)) -> list[np.ndarray]:
        """[d^order L_j / dv^order at v[j, :] for each order], one basis for all."""
        flat = v.ndim == 1
        v = v[:, None] if flat else v
        theta = np.arccos(np.clip(v / self.half_width, -1, 1))
        m = np.arange(self.coef[0].shape[1])
        basis = np.cos(theta[:, :, None] * m)  # T_m(t) = cos(m arccos t), (G, k, terms)
        outside = list(zip(*np.nonzero(np.abs(v) > self.half_width), strict=True))
        results = []
        for order in orders:
            out = np.einsum("gkm,gm->gk", basis, self.coef[order])
            for j, col in outside:
                out[j, col] = self._exact(j, v[j, col], order)
            results.append(out[:, 0] if flat else out)
        return results

    def _exact(self, j: int, v: float, order: int) -> float:
        cells = self.cells
        stop = cells.starts[j + 1] if j + 1 < len(cells.starts) else len(cells.offset)
        part = slice(cells.starts[j], stop)
        eta, n, y = cells.offset[part] + v, cells.n[part], cells.y[part]
        if order == 0:
            return float(np.sum(y * eta - n * np.logaddexp(0.0, eta)))
        p = expit(eta)
        return float(np.sum(y - n * p) if order == 1 else -np.sum(n * p * (1 - p)))


def _loglik_units(cells: Cells, eta: np.ndarray) -> np.ndarray:
    """Binomial log-likelihood of each unit at linear predictor eta (no constant)."""
    n, y = cells.n, cells.y
    if eta.ndim == 2:
        n, y = n[:, None], y[:, None]
    return y * eta - n * np.logaddexp(0.0, eta)


def _modes(cells: Cells, a: float, tau: float, start: np.ndarray | None = None):
    """Mode of h_j(u) = l_j(u) - u^2 / (2 tau^2) for every municipality (Newton; h_j is
    strictly concave), and -h_j'' there."""
    loglik = cells.loglik
    u = np.zeros(len(cells.starts)) if start is None else start.copy()
    for _ in range(100):
        first, second = loglik.derivatives(a + u, (1, 2))
        grad = first - u / tau**2
        info = -second + 1 / tau**2
        step = np.clip(grad / info, -1.0, 1.0)
        u += step
        if np.max(np.abs(step)) < 1e-10:
            break
    return u, -loglik(a + u, 2) + 1 / tau**2


class RandomInterceptLikelihood:
    """The marginal log-likelihood l(a, tau) of the random-intercept model and its
    profile over a, with the last modes kept as starting values."""

    def __init__(self, cells: Cells, n_nodes: int = 12):
        self.cells = cells
        self.nodes, self.weights = np.polynomial.hermite.hermgauss(n_nodes)
        self._start: np.ndarray | None = None

    def null(self, a: float) -> float:
        """l(a, 0): every municipality at u = 0."""
        return float(_loglik_units(self.cells, self.cells.offset + a).sum())

    def _per_group(self, a: float, tau: float):
        """Per municipality: log of its integral over u, and the normalised posterior
        weights of the quadrature nodes with the nodes themselves."""
        cells = self.cells
        mode, info = _modes(cells, a, tau, self._start)
        self._start = mode
        sigma = 1 / np.sqrt(info)
        u = mode[:, None] + np.sqrt(2) * sigma[:, None] * self.nodes[None, :]  # (G, Q)
        h = cells.loglik(a + u) - u**2 / (2 * tau**2)
        log_terms = np.log(self.weights) + h + self.nodes**2
        top = log_terms.max(axis=1, keepdims=True)
        total = np.exp(log_terms - top).sum(axis=1)
        log_integral = (
            np.log(np.sqrt(2) * sigma)
            + top[:, 0]
            + np.log(total)
            - np.log(np.sqrt(2 * np.pi) * tau)
        )
        weights = np.exp(log_terms - top) / total[:, None]
        return log_integral, weights, u

    def __call__(self, a: float, tau: float) -> float:
        if tau <= 0:
            return self.null(a)
        return float(self._per_group(a, tau)[0].sum())

    def best_intercept(self, tau: float, a: float = 0.0) -> float:
        """argmax_a l(a, tau), by Newton: the score in a is the sum over municipalities of
        the posterior mean of L_j'(a + u), and the information minus the sum of the
        posterior means of L_j'' and the posterior variances of L_j' (Louis 1982). The
        variances are what makes it Newton's method on the marginal likelihood: without
        them the steps fall short and it converges linearly (35 iterations instead of 4)."""
        cells = self.cells
        for _ in range(50):
            if tau <= 0:
                p = expit(cells.offset + a)
                score, info = np.sum(cells.y - cells.n * p), np.sum(cells.n * p * (1 - p))
            else:
                _, weights, u = self._per_group(a, tau)
                first, second = cells.loglik.derivatives(a + u, (1, 2))
                mean_first = np.sum(weights * first, axis=1)
                variance = np.sum(weights * (first - mean_first[:, None]) ** 2, axis=1)
                score = np.sum(mean_first)
                conditional = -np.sum(weights * second)
                info = conditional - np.sum(variance)
                # The marginal likelihood is log-concave in a (Prekopa), but quadrature can
                # round a flat one's information to <= 0: then the conditional one.
                if info <= 1e-9 * conditional:
                    info = conditional
            step = score / info
            a += step
            if abs(step) < 1e-9:
                break
        return float(a)

    def profile(self, tau: float) -> tuple[float, float]:
        """(max_a l(a, tau), its argmax)."""
        a = self.best_intercept(tau)
        return self(a, tau), a


@dataclass
class TauEstimate:
    tau: float
    tau_lower: float
    tau_upper: float
    intercept: float
    log_likelihood: float
    log_likelihood_tau0: float


def fit_tau(likelihood: RandomInterceptLikelihood) -> TauEstimate:
    """Maximum-likelihood (a, tau) and tau's 95 % profile-likelihood interval."""
    null, a0 = likelihood.profile(0.0)
    best = optimize.minimize_scalar(
        lambda t: -likelihood.profile(t)[0],
        bounds=(1e-4, TAU_MAX),
        method="bounded",
        options={"xatol": 1e-6},
    )
    if -best.fun > null:
        tau, top = float(best.x), float(-best.fun)
    else:
        tau, top = 0.0, null

    def excess(t: float) -> float:
        return 2 * (top - likelihood.profile(t)[0]) - CHI2_95

    lower = (
        0.0
        if tau == 0 or 2 * (top - null) <= CHI2_95
        else optimize.brentq(excess, 0.0, tau, xtol=1e-6)
    )
    high = max(2 * tau, 0.05)
    while excess(high) < 0 and high < TAU_MAX:
        high = min(2 * high, TAU_MAX)
    upper = optimize.brentq(excess, tau, high, xtol=1e-6) if excess(high) > 0 else TAU_MAX
    _, a = likelihood.profile(tau)
    return TauEstimate(tau, float(lower), float(upper), a, top, null)


def posterior_summaries(
    cells: Cells, a: float, tau: float, level: float = 0.95, n_grid: int = 241
) -> pd.DataFrame:
    """Per municipality (cells.labels order): posterior mean, sd and `level` interval of
    u_j, and of the shrunken indicator in percentage points (see the module's doc);
    expected_share the mean of expit(offset) over its units."""
    expected = cells.sum(cells.n * expit(cells.offset)) / cells.sum(cells.n)
    if tau <= 0:
        share = cells.sum(cells.n * expit(cells.offset + a)) / cells.sum(cells.n)
        zero = np.zeros(len(expected))
        shrunken = 100 * (share - expected)
        return pd.DataFrame(
            {
                "u_mean": zero,
                "u_sd": zero,
                "u_lower": zero,
                "u_upper": zero,
                "shrunken_pp": shrunken,
                "shrunken_lower_pp": shrunken,
                "shrunken_upper_pp": shrunken,
            }
        )
    mode, info = _modes(cells, a, tau)
    sigma = 1 / np.sqrt(info)
    # The posterior is within a few sds of its mode; 8 sds each side hold all of it.
    x = np.linspace(-8, 8, n_grid)
    u = mode[:, None] + sigma[:, None] * x[None, :]  # (G, K)
    loglik = cells.loglik
    values, first = loglik.derivatives(a + u, (0, 1))
    log_post = values - u**2 / (2 * tau**2)
    density = np.exp(log_post - log_post.max(axis=1, keepdims=True))
    density /= density.sum(axis=1, keepdims=True)  # equal spacing: sums are integrals
    # sum_i n_i expit(o_i + v) = sum_i y_i - L_j'(v)
    share = (loglik.y_total[:, None] - first) / cells.sum(cells.n)[:, None]
    u_mean = (density * u).sum(axis=1)
    u_sd = np.sqrt((density * (u - u_mean[:, None]) ** 2).sum(axis=1))
    cdf = np.cumsum(density, axis=1) - density / 2  # midpoint rule
    tail = (1 - level) / 2
    lower_u = np.array([np.interp(tail, c, row) for c, row in zip(cdf, u, strict=True)])
    upper_u = np.array([np.interp(1 - tail, c, row) for c, row in zip(cdf, u, strict=True)])
    # The share is increasing in u: its quantiles are the shares at u's quantiles.
    lower_share = np.array(
        [np.interp(q, row, s) for q, row, s in zip(lower_u, u, share, strict=True)]
    )
    upper_share = np.array(
        [np.interp(q, row, s) for q, row, s in zip(upper_u, u, share, strict=True)]
    )
    return pd.DataFrame(
        {
            "u_mean": u_mean,
            "u_sd": u_sd,
            "u_lower": lower_u,
            "u_upper": upper_u,
            "shrunken_pp": 100 * ((density * share).sum(axis=1) - expected),
            "shrunken_lower_pp": 100 * (lower_share - expected),
            "shrunken_upper_pp": 100 * (upper_share - expected),
        }
    )


@dataclass
class ShrinkageFit:
    tau: TauEstimate
    municipalities: pd.DataFrame  # one row per municipality: `municipality` and summaries


def shrink(municipality, predicted, y, n=None, n_nodes: int = 12) -> ShrinkageFit:
    """The random-intercept model with offset logit(predicted), fitted to outcomes y (0/1
    per course, or successes out of n per cell): tau with its interval and each
    municipality's posterior summaries (posterior_summaries), in municipality order."""
    p = np.clip(np.asarray(predicted, dtype=float), 1e-12, 1 - 1e-12)
    cells = Cells.make(municipality, np.log(p / (1 - p)), y, n)
    estimate = fit_tau(RandomInterceptLikelihood(cells, n_nodes))
    table = posterior_summaries(cells, estimate.intercept, estimate.tau)
    table.insert(0, "municipality", cells.labels)
    return ShrinkageFit(estimate, table)
