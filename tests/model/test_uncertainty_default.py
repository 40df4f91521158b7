"""METHOD §13 on the default registers against the generator's truth: each course's
true probability (`_truth/courses.parquet`, true_p, the municipal effect included), so a
municipality's true indicator is 100 x (mean true_p - mean predicted probability) over
its benchmark courses, what its raw indicator estimates without bias."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

# A plan of the truth: its person, plan date and the hospital contact behind it.
KEYS = ["pnr", "plan_date", "admission_date", "discharge_date"]


def uncertainty_against_truth(build) -> dict[str, float]:
    truth = pd.read_parquet(
        build.registers / "_truth" / "courses.parquet", columns=[*KEYS, "true_p"]
    )
    with build.connect_person_level() as con:
        courses = con.execute(
            """
            select c.pnr, c.plan_date, c.admission_date, c.discharge_date,
                p.municipality_code, p.predicted_probability
            from intermediate.int_benchmark_predictions as p
            inner join intermediate.int_rehab_courses_assessed as c
                on p.unit_id = c.course_id
            where p.benchmark_case = 'rehab' and p.outcome_month = 3
            """
        ).df()
    with build.connect() as con:
        mart = con.execute(
            "select municipality_code, indicator_pp, shrunken_pp, shrunken_lower_pp, "
            "shrunken_upper_pp from marts.mart_benchmark_municipality "
            "where benchmark_case = 'rehab'"
        ).df()
    for column in KEYS[1:]:
        truth[column] = pd.to_datetime(truth[column])
        courses[column] = pd.to_datetime(courses[column])
    # A person with two plans on one contact is one course of the warehouse (rule 1):
    # its truth is the mean of theirs.
    truth = truth.groupby(KEYS, as_index=False)["true_p"].mean()
    joined = courses.merge(truth, on=KEYS, how="left", validate="one_to_one")
    assert joined["true_p"].notna().all(), "every benchmark course has its truth"
    true_indicator = (
        (100 * (joined["true_p"] - joined["predicted_probability"]))
        .groupby(joined["municipality_code"])
        .mean()
    )
    mart = mart.set_index("municipality_code").join(true_indicator.rename("truth"))
    covered = (mart.shrunken_lower_pp <= mart.truth) & (mart.truth <= mart.shrunken_upper_pp)
    return {
        "municipalities": len(mart),
        "shrunken_coverage": float(covered.mean()),
        "mse_raw": float(np.mean((mart.indicator_pp - mart.truth) ** 2)),
        "mse_shrunken": float(np.mean((mart.shrunken_pp - mart.truth) ** 2)),
    }


@pytest.mark.slow
def test_shrunken_intervals_cover_and_beat_raw_on_default_registers(default_build):
    figures = uncertainty_against_truth(default_build)
    print(figures)
    assert 0.85 <= figures["shrunken_coverage"] <= 1.0
    assert figures["mse_shrunken"] < figures["mse_raw"]
