"""Assemble the cohort: plans, persons, course facts, DREAM spells and outcomes."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rtw.synth import dream as D
from rtw.synth import targets as T
from rtw.synth import trajectories as TR
from rtw.synth.calendar import WeekCalendar, add_months, from_days, month_of, year_of
from rtw.synth.courses import course_facts
from rtw.synth.municipal import MunicipalDesign, design_municipalities
from rtw.synth.people import (
    HEAD_CAP_WEEK,
    LINKED_FATES,
    assign_persons,
    link_repeat_courses,
    person_facts,
)
from rtw.synth.plans import KEEP, SPECIALISED, build_plans
from rtw.synth.reference_data import ReferenceData
from rtw.synth.truth import BW, bw_probabilities, expit, linear_predictor, solve_municipal_effects

MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DESIGNED = (KEEP, 6, 7, 8, 9)  # fates whose weekly spells are designed around the course


@dataclass
class Cohort:
    design: MunicipalDesign
    plans: pd.DataFrame  # one row per plan, with facts and (for linked) levels and outcome
    persons: pd.DataFrame
    dream: D.DreamMatrix
    alpha: float


def _levels(
    p: pd.DataFrame, persons: pd.DataFrame, ref: ReferenceData, share: pd.DataFrame
) -> pd.DataFrame:
    """The covariate levels of METHOD §5 that the registers will show for each course."""
    per = persons.set_index("person").loc[p.person]
    start = from_days(p.start.to_numpy())
    sy = year_of(start)
    lv = pd.DataFrame(index=p.index)

    def band(cov, values):
        return np.array(ref.levels(cov))[ref.band(cov, values)]

    yn = np.array(["no", "yes"])
    lv["diagnosis_group"] = p.diagnosis_group.to_numpy()
    lv["physio_contact_during_rehab"] = yn[p.physio.to_numpy().astype(int)]
    lv["surgery_14d_before_plan"] = yn[p.surgery.to_numpy().astype(int)]
    lv["hospital_contact_days"] = band(
        "hospital_contact_days", (p.discharge - p.admission + 1 + p.extra_contact_days).to_numpy()
    )
    lv["acute_admission"] = yn[p.acute.to_numpy().astype(int)]
    lv["full_time"] = yn[(p.hours.to_numpy() >= 160).astype(int)]
    lv["sex"] = np.where(per.sex.to_numpy() == 2, "woman", "man")
    lv["age_group"] = band(
        "age_group", np.clip(sy - year_of(from_days(per.birth.to_numpy())), 18, 64)
    )
    lv["cohabiting"] = yn[per.cohabiting.to_numpy().astype(int)]
    lv["origin"] = np.array(["danish", "western", "non-western"])[per.origin.to_numpy()]
    income = per.income.to_numpy() * 1.02 ** (sy - 1 - per.income_year.to_numpy())
    lv["income_group"] = band("income_group", income)
    lv["education"] = np.array(list(T.EDUCATION))[per.education.to_numpy()]
    lv["industry_group"] = p.industry_group.to_numpy()
    lv["hospital_specialty"] = p.specialty_group.to_numpy()
    key = pd.MultiIndex.from_arrays([p.k.to_numpy(), year_of(from_days(p.plan.to_numpy()))])
    lv["general_plan_share_municipality"] = band(
        "general_plan_share_municipality", share.reindex(key).to_numpy() * 100
    )
    # The start year, not the plan year: a plan of late 2017 may start in 2018 (it then
    # fails rule 3, but its levels are still designed), so every seeded year is looked up.
    m = ref.municipalities
    k = p.k.to_numpy()
    inhabitants = np.array([m[int(y)].iat[int(i)] for i, y in zip(k, sy, strict=True)], float)
    lv["population_density"] = band("population_density", inhabitants / m.area_km2.to_numpy()[k])
    lv["gp_contacts_6m"] = band("gp_contacts_6m", p.gp_contacts.to_numpy())
    lv["psychiatric_illness"] = yn[p.psychiatric.to_numpy().astype(int)]
    lv["comorbidity"] = yn[p.comorbidity.to_numpy().astype(int)]
    lv["measurement_month"] = np.array(MONTHS)[month_of(start + np.timedelta64(91, "D")) - 1]
    lv["start_year"] = sy.astype(str)
    return lv


def build_cohort(ref: ReferenceData, seed: int, scale: float, calendar: WeekCalendar) -> Cohort:
    rng = np.random.default_rng(seed)
    design = design_municipalities(ref, rng, scale)
    plans = build_plans(design, rng)
    plans = link_repeat_courses(plans, rng, scale)
    plans = assign_persons(plans, rng)
    persons = person_facts(plans, rng)
    plans = plans.join(course_facts(plans, persons, ref, rng))
    # A second course shares its head's earlier psychiatric and Charlson contacts.
    head = plans["head"].to_numpy()
    sec = head >= 0
    for col in ("psychiatric", "comorbidity"):
        plans.loc[sec, col] = plans[col].to_numpy()[head[sec]]
    plans.loc[np.isin(np.arange(len(plans)), head[sec]), "years_back"] = plans.loc[
        np.isin(np.arange(len(plans)), head[sec]), "years_back"
    ].clip(upper=4)

    # Realised share of general plans per municipality and plan year.
    plan_year = year_of(from_days(plans.plan.to_numpy()))
    general = (plans.fate != SPECIALISED).to_numpy()
    share = pd.Series(general).groupby([plans.k.to_numpy(), plan_year]).mean()

    mx = D.DreamMatrix(
        int(persons.person.to_numpy().max(initial=-1)) + 1, calendar, ref.dream_codes
    )
    plans["aw"] = calendar.week_index(from_days(plans.admission.to_numpy()))
    plans["sw"] = np.where(
        plans.start >= 0, calendar.week_index(from_days(plans.start.clip(lower=0).to_numpy())), -1
    )
    age = year_of(from_days(np.maximum(plans.start, plans.plan).to_numpy())) - year_of(
        from_days(persons.birth.to_numpy()[plans.person])
    )
    who = {"age": age, "sex": persons.sex.to_numpy()[plans.person]}
    from rtw.synth.background import cohort_background

    cohort_background(mx, plans, persons, rng)

    designed = np.isin(plans.fate.to_numpy(), DESIGNED)
    levels = _levels(plans[designed], persons, ref, share).reindex(plans.index)
    outcome = np.full(len(plans), -1)
    bw_band = np.full(len(plans), -1)
    final = _final_mask(plans, design)
    targets_k = ref.benchmark.assign(
        k=ref.municipality_index(ref.benchmark.municipality)
    ).set_index("k")
    targets_k = pd.DataFrame(
        {
            "expected": targets_k.expected_share_pct / 100,
            "indicator": targets_k.benchmark_indicator_pp / 100,
        }
    )
    beta_bw = ref.coefficient_vector(BW)
    alpha = tilt = effect = None
    true_p = np.full(len(plans), np.nan)
    for pass_no in (0, 1):
        idx = np.flatnonzero(designed & ((plans["head"].to_numpy() >= 0) == bool(pass_no)))
        rows = plans.person.to_numpy()[idx]
        aw, sw = plans.aw.to_numpy()[idx], plans.sw.to_numpy()[idx]
        # A repeat course's year before starts after its head's designed weeks.
        head_of = plans["head"].to_numpy()[idx]
        earliest = np.where(
            head_of >= 0, plans.sw.to_numpy()[np.maximum(head_of, 0)] + HEAD_CAP_WEEK + 1, -(10**6)
        )
        TR.prior_year_spells(mx, rows, aw, rng, earliest)
        benefit, _, _ = mx.classify(rows)
        prior = D.window_count(benefit, aw - 60, aw - 9)
        levels.loc[plans.index[idx], "benefit_weeks_prior_year"] = np.array(
            ref.levels("benefit_weeks_prior_year")
        )[ref.band("benefit_weeks_prior_year", prior)]
        sub = plans.iloc[idx]
        eta_rest = linear_predictor(levels.iloc[idx], ref, skip=(BW,))
        k = sub.k.to_numpy()
        surgery = sub.surgery.to_numpy().astype(bool)
        feasible = (sw - aw) >= 1
        if pass_no == 0:
            alpha, tilt, effect = solve_municipal_effects(
                eta_rest, k, surgery, feasible, beta_bw, final[idx], targets_k, rng
            )
        probs = bw_probabilities(surgery, feasible, tilt[k])
        band = (rng.random(len(idx))[:, None] > np.cumsum(probs, axis=1)).sum(axis=1)
        count, running, code, min_after = TR.pre_start_spells(mx, rows, aw, sw, band, rng)
        benefit, _, _ = mx.classify(rows)
        bw = D.window_count(benefit, aw - 8, sw)
        realised = ref.band(BW, bw)
        levels.loc[plans.index[idx], BW] = np.array(ref.levels(BW))[realised]
        bw_band[idx] = realised
        eta = eta_rest + beta_bw[realised]
        true_p[idx] = expit(alpha + eta + effect[k])
        y3 = (rng.random(len(idx)) < true_p[idx]).astype(int)
        outcome[idx] = y3
        person_info = {"age": who["age"][idx], "sex": who["sex"][idx]}
        cap = plans.cap_week.to_numpy()[idx]
        TR.post_start_spells(
            mx, rows, sw, running, code, count, min_after, y3, cap, person_info, rng
        )
        fate = plans.fate.to_numpy()[idx]
        f6, f9 = fate == 6, fate == 9
        # First week of the month that decides rule 5 (admission - 2 months): the week
        # that holds the month's first Thursday (METHOD §8, month of a week).
        work_month = add_months(from_days(plans.admission.to_numpy()[idx]), -2)
        first_day = work_month.astype("datetime64[M]").astype("datetime64[D]")
        work_month_first = calendar.week_index(first_day + np.timedelta64(3, "D"))
        TR.fail_rule_6(
            mx,
            rows[f6],
            aw[f6],
            work_month_first[f6],
            {key: v[f6] for key, v in person_info.items()},
            rng,
        )
        TR.fail_rule_9(mx, rows[f9], sw[f9], {key: v[f9] for key, v in person_info.items()}, rng)

    plans["true_outcome_3m"] = outcome
    plans["true_bw_band"] = bw_band
    plans["true_municipal_effect"] = effect[plans.k.to_numpy()]
    plans["true_p"] = true_p
    plans = plans.join(levels.add_prefix("true_level__"))
    # The courses whose month before admission BFL shows (registers._bfl).
    worked = np.isin(plans.fate.to_numpy(), LINKED_FATES) & (plans.hours.to_numpy() > 0)
    month = add_months(from_days(plans.admission.to_numpy()[worked]), -2).astype("datetime64[M]")
    TR.keep_work_weeks(
        mx,
        plans.person.to_numpy()[worked],
        calendar.week_index(month.astype("datetime64[D]") + np.timedelta64(3, "D")),
        calendar.week_index((month + 1).astype("datetime64[D]") - np.timedelta64(4, "D")),
    )
    from rtw.synth.background import fail_rule_8

    fail_rule_8(mx, plans, rng)
    return Cohort(design=design, plans=plans, persons=persons, dream=mx, alpha=alpha)


def _final_mask(plans: pd.DataFrame, design: MunicipalDesign) -> np.ndarray:
    """Courses passing rules 1-9 in the municipality-years the report kept (table 3.1)."""
    j = (plans.start_year.to_numpy() == 2017).astype(int)
    return (plans.fate.to_numpy() == KEEP) & design.included[plans.k.to_numpy(), j]
