"""The sickness-spell benchmark (METHOD §9, the second case of §14) on the default
registers against the generator's truth:

- `_truth/sickness_spells.parquet` in the register folder: per spell (pnr,
  start_week_start = Monday of spell week 1) its true probability true_p of being on
  benefits at the outcome month (the municipal effect included) and the municipality's
  true effect true_municipal_effect (log-odds);
- `rtw.synth.targets.SICKNESS_TRUE_COEFFICIENTS`: {covariate: {level: log-odds}}, the
  reference levels 0.

The model's coefficients must lie within 2.5 standard errors of the true ones for at
least 90 % of the levels, and the municipal 95 % intervals must cover the true
indicator for 90-99 % of the municipalities: the intervals of METHOD §13, widened by
sqrt(phi) where §6.2's over-dispersion phi > 1 (flag_lower_pp, flag_upper_pp), since
the generator gives each municipality a true effect that the model leaves out; the
unwidened interval's coverage is printed beside it. A municipality's true indicator is
100 x (mean true_p - mean predicted probability) over its benchmark spells: what its
indicator (actual - expected) estimates without bias. The truth holds the spells the
generator designed; a benchmark spell it did not design (a background sickness spell
that passes §9.1) has no true_p and is left out of its municipality's true indicator
(decision), and such spells must stay a minority. Skipped, with the reason, when the
generator does not write the truth."""

from __future__ import annotations

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

CASE = "sickness"
TRUTH = "sickness_spells.parquet"
KEYS = ["pnr", "start_week_start"]


@pytest.fixture(scope="module")
def truth(default_build) -> pd.DataFrame:
    path = default_build.registers / "_truth" / TRUTH
    if not path.exists():
        pytest.skip(f"the generator wrote no {path} (the sickness truth): nothing to compare")
    return pd.read_parquet(path)


@pytest.fixture(scope="module")
def true_coefficients() -> dict[str, dict[str, float]]:
    from rtw.synth import targets

    coefficients = getattr(targets, "SICKNESS_TRUE_COEFFICIENTS", None)
    if coefficients is None:
        pytest.skip("rtw.synth.targets has no SICKNESS_TRUE_COEFFICIENTS: nothing to compare")
    return coefficients


def test_coefficients_within_2_5_standard_errors_of_the_truth(
    default_build, truth, true_coefficients
):
    with default_build.connect() as con:
        c = con.sql(
            "select covariate, level, estimate, std_error from marts.mart_model_coefficients "
            f"where benchmark_case = '{CASE}' and not is_reference "
            "and covariate <> '(intercept)' and estimate is not null"
        ).df()
    assert len(c), "the sickness case has coefficients"
    modelled = set(c["covariate"])
    assert modelled >= set(true_coefficients) - {"start_year"}, "every true covariate is modelled"
    # A covariate or level without a true coefficient has none in the generator: 0.
    c["truth"] = [
        true_coefficients.get(row.covariate, {}).get(row.level, 0.0) for row in c.itertuples()
    ]
    within = (c["estimate"] - c["truth"]).abs() <= 2.5 * c["std_error"]
    print(
        f"\nsickness: {within.sum()} of {len(c)} levels within 2.5 SE of the truth "
        f"({within.mean():.1%})\n" + c[~within].to_string(index=False)
    )
    assert within.mean() >= 0.90


def test_municipal_intervals_cover_the_true_indicator(default_build, truth):
    with default_build.connect_person_level() as con:
        spells = con.sql(
            f"""
            select s.pnr, s.start_week_start, p.municipality_code, p.predicted_probability
            from intermediate.int_benchmark_predictions as p
            inner join intermediate.int_benchmark_cases as cases
                on p.benchmark_case = cases.benchmark_case
                and p.outcome_month = cases.outcome_month
            inner join intermediate.int_sickness_spells_assessed as s
                on p.unit_id = s.spell_id
            where p.benchmark_case = '{CASE}'
            """
        ).df()
    with default_build.connect() as con:
        mart = con.sql(
            "select municipality_code, indicator_pp, indicator_lower_pp, indicator_upper_pp, "
            "flag_lower_pp, flag_upper_pp, overdispersion_phi "
            f"from marts.mart_benchmark_municipality where benchmark_case = '{CASE}' "
            "and not is_suppressed"
        ).df()
    truth = truth[[*KEYS, "true_p", "true_municipal_effect"]].copy()
    for frame in (truth, spells):
        frame["start_week_start"] = pd.to_datetime(frame["start_week_start"])
    joined = spells.merge(truth, on=KEYS, how="left", validate="one_to_one")
    designed = joined["true_p"].notna()
    print(f"\nsickness: {designed.sum()} of {len(joined)} benchmark spells designed")
    assert designed.mean() >= 0.75, f"{(~designed).sum()} benchmark spells are not in {TRUTH}"
    joined = joined[designed]
    true_indicator = (
        (100 * (joined["true_p"] - joined["predicted_probability"]))
        .groupby(joined["municipality_code"])
        .mean()
        .rename("truth")
    )
    effect = joined.groupby("municipality_code")["true_municipal_effect"].first()
    mart = mart.set_index("municipality_code").join(true_indicator).join(effect)
    covered = (mart.flag_lower_pp <= mart.truth) & (mart.truth <= mart.flag_upper_pp)
    unwidened = (mart.indicator_lower_pp <= mart.truth) & (mart.truth <= mart.indicator_upper_pp)
    correlation = mart.indicator_pp.corr(mart.true_municipal_effect)
    print(
        f"\nsickness: {len(mart)} municipalities, phi {mart.overdispersion_phi.iloc[0]:.2f}, "
        f"coverage {covered.mean():.1%} (without phi {unwidened.mean():.1%}), "
        f"correlation of the indicator with the true effect {correlation:.2f}"
    )
    assert len(mart) >= 10
    assert 0.90 <= covered.mean() <= 0.99
    assert correlation > 0
