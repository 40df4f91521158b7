"""Rank intervals and honest flags (METHOD §13) against hand-made cases and closed forms."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from rtw.model.ranks import expected_by_chance, honest_flags, rank_intervals


def test_well_separated_municipalities_have_exact_ranks():
    indicator = np.array([30.0, -30.0, 0.0, 60.0, -60.0])
    table = rank_intervals(indicator, np.full(5, 0.1), n_draws=2_000, seed=3)
    assert list(table.rank_lower) == [4, 2, 3, 5, 1]
    assert list(table.rank_upper) == [4, 2, 3, 5, 1]
    # Five municipalities: each fifth is one rank.
    assert list(table.p_best_fifth) == [0, 0, 0, 0, 1]
    assert list(table.p_worst_fifth) == [0, 0, 0, 1, 0]


def test_two_close_municipalities_against_the_normal_closed_form():
    # Two close ones below three far above: with five, the best fifth is rank 1 and
    # P(first is best) = P(X1 < X2) = Phi((m2 - m1) / sqrt(phi (s1^2 + s2^2))).
    m, s, phi = np.array([-1.0, 1.0, 100, 200, 300]), np.array([2.0, 1.5, 1, 1, 1]), 2.0
    table = rank_intervals(m, s, phi=phi, n_draws=200_000, seed=5)
    truth = stats.norm.cdf(2.0 / np.sqrt(phi * (s[:2] ** 2).sum()))
    assert table.p_best_fifth.iat[0] == pytest.approx(truth, abs=0.005)
    assert table.p_best_fifth.iat[1] == pytest.approx(1 - truth, abs=0.005)
    assert list(table.p_worst_fifth) == [0, 0, 0, 0, 1]
    assert list(table.rank_lower[:2]) == [1, 1] and list(table.rank_upper[:2]) == [2, 2]


def test_phi_below_one_does_not_narrow_and_the_seed_fixes_the_draws():
    m, s = np.linspace(-5, 5, 20), np.full(20, 3.0)
    a = rank_intervals(m, s, phi=0.5, n_draws=1_000, seed=9)
    b = rank_intervals(m, s, phi=1.0, n_draws=1_000, seed=9)
    assert a.equals(b)
    wide = rank_intervals(m, s, phi=4.0, n_draws=1_000, seed=9)
    assert ((wide.rank_upper - wide.rank_lower) >= (b.rank_upper - b.rank_lower)).all()
    assert (b.rank_lower <= np.arange(1, 21)).all() and (b.rank_upper >= np.arange(1, 21)).all()


def test_flags_only_where_the_adjusted_interval_excludes_zero():
    indicator, se = np.array([-5.0, -5.0, 5.0, 1.0]), np.array([2.0, 2.0, 2.0, 2.0])
    plain = honest_flags(indicator, se)
    assert list(plain.flag) == ["better", "better", "worse", "as expected"]
    # phi = 4 doubles the half-width to 7.84 pp: nothing is flagged any more.
    wide = honest_flags(indicator, se, phi=4.0)
    assert list(wide.flag) == ["as expected"] * 4
    assert wide.flag_upper_pp.iat[0] == pytest.approx(-5 + 2 * 1.959964 * 2, rel=1e-6)
    assert expected_by_chance(98) == pytest.approx(4.9)


def test_about_five_percent_flagged_when_no_municipality_differs():
    rng = np.random.default_rng(11)
    se = rng.uniform(2, 6, 20_000)
    flags = honest_flags(rng.normal(0, se), se)
    assert (flags.flag != "as expected").mean() == pytest.approx(0.05, abs=0.006)
