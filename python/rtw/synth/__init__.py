"""Synthetic registers in the layout of REGISTERS.md, calibrated to the report.

`generate(out, seed, plans)` writes every register file; the same seed gives the same
files. See targets.py for the calibration targets and where each comes from. Beside
the rehab cohort and its background, a working population (working.py) has designed
sickness spells with known truth for METHOD §9 (`_truth/sickness_spells.parquet`), and
the reform groups of METHOD §11-12 (reform.py, `_truth/reform_persons.parquet`) with
the designed units of the §12 award benchmark (award.py, `_truth/award_units.parquet`).
`generate(..., scale="national")` adds a background population of national size
(national.py) to the same cohort.
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
from rtw.synth.reference_data import ReferenceData
from rtw.synth.reform import combine, reform_population
from rtw.synth.registers import write_registers
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
    # The national scale adds the rest of the national size (persons after the extra
    # background's, another random stream), so that the default persons stay the same.
    first_reform = n_persons + n_background + len(working.ids)
    reform = reform_population(
        ref, cohort.dream.calendar, first_reform, plan_scale * T.REFORM_FRACTION, seed
    )
    working = combine(working, reform)
    rest: list = []

    def reform_rest(first_id: int):
        f = plan_scale * (1 - T.REFORM_FRACTION) * population
        # The designed §12 units of the rest share the default population's award model
        # (its intercept; the municipal effects are the seed's).
        rest.append(
            reform_population(
                ref,
                cohort.dream.calendar,
                first_id,
                f,
                seed,
                stream=6,
                award_intercept=reform.award_intercept,
                award_minimum=False,
            )
        )
        return rest[0]

    (out / ".complete").unlink(missing_ok=True)
    rows: dict[str, int] = {}
    if scale == "national":
        from rtw.synth.national import write_national

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
            reform_rest,
            no_weeks_before=reform.ids[reform.award_rows],
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
    sickness = working.truth.assign(
        start_week_start=pd.to_datetime(working.truth.start_week_start).dt.date
    )
    sickness.to_parquet(out / "_truth" / "sickness_spells.parquet", index=False)
    reform_truth = pd.concat([reform.truth] + [r.truth for r in rest], ignore_index=True)
    reform_truth.to_parquet(out / "_truth" / "reform_persons.parquet", index=False)
    units = pd.concat([reform.award_truth] + [r.award_truth for r in rest], ignore_index=True)
    units = units.assign(award_week_start=pd.to_datetime(units.award_week_start).dt.date)
    units.to_parquet(out / "_truth" / "award_units.parquet", index=False)
    complete = {"seed": seed, "plans": summary.plans}
    if scale != "default":
        complete.update(scale=scale, population=population)
    (out / ".complete").write_text(json.dumps(complete))
    return summary
