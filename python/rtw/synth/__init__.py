"""Synthetic registers in the layout of REGISTERS.md, calibrated to the report.

`generate(out, seed, plans)` writes every register file; the same seed gives the same
files. See targets.py for the calibration targets and where each comes from.

Populations (each decides its persons' facts and draws; rows come from the registers):
- cohort.py: the rehab cohort, persons with a plan (plans.py, people.py, courses.py,
  trajectories.py; cohort_history.py: their weeks around the plans and rule 8's deaths
  and emigrations; truth.py: `_truth/courses.parquet`);
- background.py: the background, persons without a plan: beside the cohort at the
  default scale, and the rest of a population of national size at the national scale;
- working.py: people in work with a designed sickness spell, METHOD §9
  (`_truth/sickness_spells.parquet`);
- reform.py: the reform groups of METHOD §11-12 (`_truth/reform_persons.parquet`),
  with award.py: the designed units of the §12 award benchmark
  (`_truth/award_units.parquet`).

Registers: registers/, one module per register (bef, ind, udda, dod, vnds, bfl, lpr,
ges, sssy, dream), the one place that turns facts into each register's rows.
Scales: default_scale.py writes the default persons' registers (cohort, background,
working population, reform groups); `generate(..., scale="national")` streams them
with the rest of the working population and the reform groups up to national size
(second random streams, the same true models) and the national background
(national.py).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from rtw.synth import targets as T
from rtw.synth.calendar import WeekCalendar
from rtw.synth.cohort import build_cohort
from rtw.synth.default_scale import write_registers
from rtw.synth.reference_data import ReferenceData
from rtw.synth.reform import combine, reform_population
from rtw.synth.truth import course_truth
from rtw.synth.working import working_population

__all__ = ["generate", "GenerationSummary"]


@dataclass
class GenerationSummary:
    out: Path
    seed: int
    plans: int
    persons: int
    seconds: float
    file_bytes: dict[str, int] = field(default_factory=dict)
    design: dict = field(default_factory=dict)
    scale: str = "default"
    rows: dict[str, int] = field(default_factory=dict)

    def describe(self) -> str:
        lines = [
            f"wrote {len(self.file_bytes)} registers to {self.out} in {self.seconds:.1f} s "
            f"(seed {self.seed}, {self.plans:,} plans, {self.persons:,} persons with a plan)"
        ]
        if self.scale != "default":
            years = [k for k in sorted(self.rows) if k.startswith("bef_")]
            lines.append(
                f"  scale {self.scale}: BEF persons "
                + ", ".join(f"{k[4:]} {self.rows[k]:,}" for k in years)
            )
        for name, size in sorted(self.file_bytes.items()):
            rows = f" {self.rows[name]:>13,} rows" if name in self.rows else ""
            lines.append(f"  {name + '.parquet':<20} {size / 1e6:9.1f} MB{rows}")
        return "\n".join(lines)


SCALES = ("default", "national")


def generate(
    out: Path,
    seed: int = 1,
    plans: int | None = None,
    progress: bool = True,
    scale: str = "default",
    population: float = 1.0,
) -> GenerationSummary:
    """Write the registers to `out`. `plans` scales the plan count (default national).

    `scale="national"` writes the same cohort and background persons plus a background
    population of national size (rtw.synth.national); `population` scales that extra
    background (1 = about 5.9 million persons in BEF) for smaller runs."""
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {SCALES}, got {scale!r}")
    from tqdm import tqdm

    t0 = time.perf_counter()
    out = Path(out)
    target = plans or T.DEFAULT_PLANS
    plan_scale = target / T.DEFAULT_PLANS
    ref = ReferenceData.default()
    steps = tqdm(total=2, desc="rtw generate", disable=not progress, unit="step")
    steps.set_postfix_str("cohort")
    cohort = build_cohort(ref, seed, plan_scale, WeekCalendar(2014, 2018))
    steps.update()
    steps.set_postfix_str("registers")
    rng = np.random.default_rng([seed, 2])
    n_persons = len(cohort.persons)
    n_background = int(n_persons * T.PERSONS_WITHOUT_PLAN_SHARE)
    # The working population (people in work who fall sick, METHOD §9): persons after
    # the background's, with their own random stream, so the cohort's registers are
    # the same with or without them.
    working = working_population(
        ref, cohort.dream.calendar, n_persons + n_background, plan_scale, seed
    )
    # The reform groups (METHOD §11-12, reform.py): persons after the working
    # population's, their rows after its rows; a fraction of national size by default.
    # The national scale adds the rest of the national size (below, another random
    # stream), so that the default persons stay the same.
    first_reform = n_persons + n_background + len(working.ids)
    reform = reform_population(
        ref, cohort.dream.calendar, first_reform, plan_scale * T.REFORM_FRACTION, seed
    )
    sickness_truth, reform_truth, award_truth = (
        [working.truth],
        [reform.truth],
        [reform.award_truth],
    )
    working = combine(working, reform)

    (out / ".complete").unlink(missing_ok=True)
    rows: dict[str, int] = {}
    if scale == "national":
        from rtw.synth.national import write_national

        # The rest of the national size (REFORM_FRACTION is the default part's share of
        # both populations): persons right after the default ones, from the second
        # streams, with the default part's true model; the national background follows.
        rest_scale = plan_scale * (1 / T.REFORM_FRACTION - 1) * population
        first_rest = first_reform + len(reform.ids)
        working_rest = working_population(
            ref, cohort.dream.calendar, first_rest, rest_scale, seed, stream=8,
            design=working.design,
        )  # fmt: skip
        # The designed §12 units of the rest share the default population's award model
        # (its intercept; the municipal effects are the seed's).
        reform_rest = reform_population(
            ref,
            cohort.dream.calendar,
            first_rest + len(working_rest.ids),
            plan_scale * (1 - T.REFORM_FRACTION) * population,
            seed,
            stream=6,
            award_intercept=reform.award_intercept,
            award_minimum=False,
        )
        sickness_truth.append(working_rest.truth)
        reform_truth.append(reform_rest.truth)
        award_truth.append(reform_rest.award_truth)
        rest = combine(working_rest, reform_rest)
        sizes, rows = write_national(
            cohort,
            ref,
            out,
            rng,
            n_background,
            seed,
            population,
            progress,
            working,
            rest,
            no_weeks_before=np.concatenate(
                [reform.ids[reform.award_rows], reform_rest.ids[reform_rest.award_rows]]
            ),
        )
    else:
        sizes = write_registers(cohort, ref, out, rng, n_background, working=working)
    steps.update()
    steps.close()
    summary = GenerationSummary(
        out=out,
        seed=seed,
        plans=len(cohort.plans),
        persons=n_persons,
        seconds=time.perf_counter() - t0,
        file_bytes=sizes,
        design={"alpha": cohort.alpha},
        scale=scale,
        rows=rows,
    )
    truth = course_truth(cohort.plans)
    (out / "_truth").mkdir(exist_ok=True)
    truth.to_parquet(out / "_truth" / "courses.parquet")
    sickness = pd.concat(sickness_truth, ignore_index=True)
    sickness = sickness.assign(start_week_start=pd.to_datetime(sickness.start_week_start).dt.date)
    sickness.to_parquet(out / "_truth" / "sickness_spells.parquet", index=False)
    reform_truth = pd.concat(reform_truth, ignore_index=True)
    reform_truth.to_parquet(out / "_truth" / "reform_persons.parquet", index=False)
    units = pd.concat(award_truth, ignore_index=True)
    units = units.assign(award_week_start=pd.to_datetime(units.award_week_start).dt.date)
    units.to_parquet(out / "_truth" / "award_units.parquet", index=False)
    complete = {"seed": seed, "plans": summary.plans}
    if scale != "default":
        complete.update(scale=scale, population=population)
    (out / ".complete").write_text(json.dumps(complete))
    return summary
