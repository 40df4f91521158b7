"""The sickness-spell benchmark's known truth (METHOD §9), spell by spell: the spells the
generator designed (`_truth/sickness_spells.parquet`, keyed by pnr and the Monday of
spell week 1) against what the warehouse's SQL makes of the registers of the default
build: every designed spell is in the §9 population (int_sickness_spells_assessed,
exclusion_rule null) with the designed start year and benchmark municipality, its
int_sickness_covariates levels are the designed ones, and its observed month-3 outcome
(§9.2) is the designed true_outcome_3m.

Differences allowed, each with its reason: spells in the population that the generator
did not design (sickness spells of rehab-cohort and background persons, written by the
rehab case's trajectories) are listed and counted, never compared. Every other
difference is listed, spell by spell.
"""

from __future__ import annotations

import pandas as pd
import pytest

from rtw.synth import targets as T
from rtw.synth.working import COVARIATES

pytestmark = pytest.mark.slow

MIN_UNITS = 40_000  # issue 16: the default scale's §9 population


@pytest.fixture(scope="module")
def joined(default_build):
    truth = pd.read_parquet(default_build.registers / "_truth" / "sickness_spells.parquet")
    con = default_build.connect_person_level()
    con.register("truth", truth)
    covs = ", ".join(f"c.{c} as obs__{c}" for c in COVARIATES)
    df = con.sql(
        f"""
        select
            t.*,
            a.exclusion_rule,
            a.spell_id is not null as is_found,
            a.start_year as obs_start_year,
            a.municipality_code as obs_municipality_code,
            a.on_benefits_outcome_month as obs_outcome,
            {covs}
        from truth as t
        left join intermediate.int_sickness_spells_assessed as a
            on t.pnr = a.pnr and cast(t.start_week_start as date) = a.start_week_start
        left join intermediate.int_sickness_covariates as c
            on a.spell_id = c.spell_id
        """
    ).df()
    population = con.sql(
        "select pnr, start_week_start from intermediate.int_sickness_spells_assessed "
        "where exclusion_rule is null"
    ).df()
    return truth, df, population


def test_the_default_population_has_enough_units(joined):
    _, _, population = joined
    assert len(population) >= MIN_UNITS, f"{len(population):,} §9 units, want >= {MIN_UNITS:,}"


def test_every_designed_spell_is_in_the_population(joined):
    _, df, _ = joined
    lost = df[~df.is_found | df.exclusion_rule.notna()]
    by_rule = lost.exclusion_rule.fillna("no spell with this start").value_counts().to_dict()
    assert len(lost) == 0, f"{len(lost)} designed spells not in the §9 population: {by_rule}"


def test_start_year_and_municipality_are_the_designed_ones(joined):
    _, df, _ = joined
    df = df[df.is_found]
    bad = df[
        (df.obs_start_year != df.start_year) | (df.obs_municipality_code != df.municipality_code)
    ]
    assert len(bad) == 0, bad[["pnr", "start_year", "obs_start_year"]].head(20).to_string()


@pytest.mark.parametrize("covariate", COVARIATES)
def test_covariate_levels_are_the_designed_ones(joined, covariate):
    _, df, _ = joined
    df = df[df.is_found & df.exclusion_rule.isna()]
    want = df[f"true_level__{covariate}"].astype(str)
    got = df[f"obs__{covariate}"].astype(str)
    bad = df[want != got]
    pairs = (want[want != got] + " -> " + got[want != got]).value_counts().head(10).to_dict()
    assert len(bad) == 0, f"{covariate}: {len(bad)} of {len(df)} spells differ: {pairs}"


def test_observed_outcome_is_the_true_outcome(joined):
    _, df, _ = joined
    df = df[df.is_found & df.exclusion_rule.isna()]
    bad = df[df.obs_outcome.astype(int) != df.true_outcome_3m]
    assert len(bad) == 0, f"{len(bad)} spells: {bad[['pnr', 'start_week_start']].head(10)}"


def test_spells_not_designed_are_other_persons(joined):
    """The population's spells outside the truth are those of rehab-cohort and
    background persons (reason above), never a second spell of a designed person."""
    truth, _, population = joined
    designed_persons = set(truth.pnr)
    keys = set(zip(truth.pnr, pd.to_datetime(truth.start_week_start), strict=True))
    other = population[
        [
            (p, pd.Timestamp(s)) not in keys
            for p, s in zip(population.pnr, population.start_week_start, strict=True)
        ]
    ]
    assert not set(other.pnr) & designed_persons
    # They stay a small part of the population (the fit reads them as unknown truth).
    assert len(other) <= 0.2 * len(population), f"{len(other):,} undesigned spells"


def test_true_probabilities_give_figur_7s_share_at_week_13(joined):
    truth, _, _ = joined
    share = T.SICKNESS_SURVIVAL[13] / T.SICKNESS_SURVIVAL[5]
    assert abs(truth.true_p.mean() - share) < 0.01
