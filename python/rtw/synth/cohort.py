"""The cohort: persons with a rehab plan. `build_cohort` assembles the plans, persons,
course facts, DREAM spells and outcomes; the other functions give the registers' facts
that go with the plans (jobs before admission, hospital contacts, municipal services,
GP and physiotherapy services, deaths), turned into rows by rtw.synth.registers.

The person-year registers (BEF, IND, UDDA) and migrations of the cohort are drawn
together with the background persons': rtw.synth.default_scale."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

from rtw.synth import dream as D
from rtw.synth import targets as T
from rtw.synth import trajectories as TR
from rtw.synth.calendar import (
    WeekCalendar,
    add_months,
    from_days,
    month_of,
    to_days,
    year_of,
    yyyymm,
)
from rtw.synth.cohort_history import cohort_history, fail_rule_8
from rtw.synth.courses import course_facts
from rtw.synth.municipal import MunicipalDesign, design_municipalities
from rtw.synth.people import (
    HEAD_CAP_WEEK,
    LINKED_FATES,
    assign_persons,
    link_repeat_courses,
    person_facts,
)
from rtw.synth.plans import KEEP, LATE_SERVICE, SINGLE_SERVICE, SPECIALISED, build_plans
from rtw.synth.reference_data import ReferenceData
from rtw.synth.registers import bfl, dod, lpr, sssy
from rtw.synth.registers.columns import spread
from rtw.synth.truth import (
    BW,
    bw_probabilities,
    expit,
    linear_predictor,
    plan_contact_ids,
    solve_municipal_effects,
)

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
    cohort_history(mx, plans, persons, rng)

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
    # The courses whose month before admission BFL shows (`jobs`).
    worked = np.isin(plans.fate.to_numpy(), LINKED_FATES) & (plans.hours.to_numpy() > 0)
    month = add_months(from_days(plans.admission.to_numpy()[worked]), -2).astype("datetime64[M]")
    TR.keep_work_weeks(
        mx,
        plans.person.to_numpy()[worked],
        calendar.week_index(month.astype("datetime64[D]") + np.timedelta64(3, "D")),
        calendar.week_index((month + 1).astype("datetime64[D]") - np.timedelta64(4, "D")),
    )
    fail_rule_8(mx, plans, rng)
    return Cohort(design=design, plans=plans, persons=persons, dream=mx, alpha=alpha)


def _final_mask(plans: pd.DataFrame, design: MunicipalDesign) -> np.ndarray:
    """Courses passing rules 1-9 in the municipality-years the report kept (table 3.1)."""
    j = (plans.start_year.to_numpy() == 2017).astype(int)
    return (plans.fate.to_numpy() == KEEP) & design.included[plans.k.to_numpy(), j]


# --- the registers' facts of the plans ----------------------------------------------


def deaths(plans: pd.DataFrame, ids: np.ndarray) -> pa.Table:
    """DOD: the deaths of rule 8 (cohort_history.fail_rule_8)."""
    dead = plans[plans.death_day >= 0]
    return dod.table(ids, dead.person.to_numpy(), dead.death_day.to_numpy())


def jobs(plans: pd.DataFrame, ids, ref: ReferenceData, dream: D.DreamMatrix, rng) -> pa.Table:
    """BFL: the job of a course with hours in the month two months before admission
    (the month that decides rule 5), the months either side, and a second job."""
    db = ref.db07
    div_by_group = {g: grp.division.to_numpy() for g, grp in db.groupby("industry_group")}
    p = plans[np.isin(plans.fate, LINKED_FATES) & (plans.hours > 0)]
    n = len(p)
    month = yyyymm(add_months(from_days(p.admission.to_numpy()), -2))
    div = np.array([div_by_group[g][rng.integers(len(div_by_group[g]))] for g in p.industry_group])
    db07 = bfl.db07(div, rng)
    cvr = bfl.cvr_numbers(n, rng)
    hours = p.hours.to_numpy()
    second = p.second_job.to_numpy()
    main_h = np.where(second, np.round(hours * 0.75 * 2) / 2, hours)
    sec_h = hours - main_h
    frames = []
    # Hours go with DREAM: the months either side of the one that decides rule 5 get
    # their hours in proportion to the month's weeks without full benefit, none in a
    # month of full benefit only. The deciding month keeps its designed hours (the
    # in-work and full-time levels); the trajectories leave it a week without full
    # benefit (trajectories.fail_rule_6).
    months, share = D.work_share(dream.m, dream.calendar)
    person = p.person.to_numpy()
    for shift, noise in ((0, 0.0), (-1, 1.0), (1, 1.0)):
        m = yyyymm(add_months(from_days(p.admission.to_numpy()), -2 + shift))
        h = np.maximum(main_h + noise * rng.normal(0, 6, n), 1).round(1) if shift else main_h
        if shift:
            col = np.clip(np.searchsorted(months, m), 0, len(months) - 1)
            inside = months[col] == m
            h = np.where(inside, np.round(h * share[person, col], 1), h)
        frames.append(
            pd.DataFrame({"r": person, "aarmd": m, "cvrnr": cvr, "h": h, "db": db07})[h > 0]
        )
    other_div = db.division.to_numpy()[rng.integers(len(db), size=n)]
    sec_db = np.char.add(other_div.astype(str), "0000")
    sec_cvr = bfl.cvr_numbers(n, rng)
    frames.append(
        pd.DataFrame({"r": person, "aarmd": month, "cvrnr": sec_cvr, "h": sec_h, "db": sec_db})[
            second
        ]
    )
    t = pd.concat(frames).drop_duplicates(["r", "aarmd", "cvrnr"])
    return bfl.table(ids, t.r.to_numpy(), t.aarmd, t.cvrnr, t.h, t.db)


OPERATIONS = np.array(
    ["KNFB20", "KNGB20", "KNBJ51", "KNHJ60", "KNGE21", "KNAG71", "KNCJ65", "KNDM09"]
)
PSYCH_DIAGNOSES = np.array(["DF321", "DF412", "DF431", "DF100", "DF603"])


def hospital_contacts(plans: pd.DataFrame, ids, ref: ReferenceData, rng) -> dict[str, pa.Table]:
    """LPR: each plan's admission with its diagnoses, the plan code (AWG1 general, AWG2
    or AWG3 specialised), a surgery, outpatient visits before the admission and the
    earlier psychiatric and Charlson contacts of the course's levels."""
    n = len(plans)
    recnum = plan_contact_ids(n)
    pat = np.where(plans.discharge > plans.admission, "0", np.where(plans.acute, "3", "2"))
    adm = pd.DataFrame(
        {
            "recnum": recnum,
            "r": plans.person.to_numpy(),
            "d_inddto": plans.admission,
            "d_uddto": plans.discharge,
            "c_pattype": pat,
            "c_indm": np.where(plans.acute, "1", "2"),
            "c_spec": plans.specialty_code,
            "c_kom": ref.municipalities.municipality_code.to_numpy()[plans.k],
            "c_adiag": plans.action_diagnosis,
            "mdc": plans.mdc,
        }
    )
    diag = [pd.DataFrame({"recnum": recnum, "c_diag": plans.action_diagnosis, "c_diagtype": "A"})]
    sec = plans.secondary_diagnosis.notna().to_numpy()
    diag.append(
        pd.DataFrame(
            {
                "recnum": recnum[sec],
                "c_diag": plans.secondary_diagnosis[sec],
                "c_diagtype": plans.secondary_type[sec],
            }
        )
    )
    plan_code = np.where(
        plans.fate == SPECIALISED, np.where(rng.random(n) < 0.5, "AWG2", "AWG3"), "AWG1"
    )
    ube = pd.DataFrame({"recnum": recnum, "c_opr": plan_code, "d_odto": plans.plan})

    surg = plans.surgery.to_numpy()
    op_day = np.maximum(
        plans.admission.to_numpy(),
        plans.plan.to_numpy() - plans.surgery_days_before_plan.to_numpy(),
    )
    opr = pd.DataFrame(
        {
            "recnum": recnum[surg],
            "c_opr": OPERATIONS[rng.integers(len(OPERATIONS), size=surg.sum())],
            "d_odto": op_day[surg],
        }
    )

    # Outpatient visits on distinct days before admission, within two months of discharge.
    extra = plans.extra_contact_days.to_numpy().astype(int)
    window_start = to_days(add_months(from_days(plans.discharge.to_numpy()), -2))
    room = np.maximum(plans.admission.to_numpy() - window_start, 1)
    step = np.maximum(room // np.maximum(extra, 1), 1)
    i, j = spread(extra)
    vday = plans.admission.to_numpy()[i] - 1 - j * step[i]
    v = pd.DataFrame(
        {
            "recnum": lpr.record_numbers("V", len(i)),
            "r": adm.r.to_numpy()[i],
            "d_inddto": vday,
            "d_uddto": vday,
            "c_pattype": "2",
            "c_indm": "2",
            "c_spec": adm.c_spec.to_numpy()[i],
            "c_kom": adm.c_kom.to_numpy()[i],
            "c_adiag": adm.c_adiag.to_numpy()[i],
            "mdc": adm.mdc.to_numpy()[i],
        }
    )
    # Earlier contacts: psychiatric (specialty + DF diagnosis) and Charlson diagnoses.
    psy_spec = lpr.psychiatric_specialties(ref)
    charl = ref.charlson.icd10_prefix.to_numpy()
    early = []
    for flag, prefix in (("psychiatric", "P"), ("comorbidity", "C")):
        m = plans[flag].to_numpy() & np.isin(plans.fate, LINKED_FATES)
        sy = np.where(
            plans.start >= 0, year_of(from_days(plans.start.clip(lower=0).to_numpy())), 2016
        )[m]
        year = sy - plans.years_back.to_numpy()[m]
        day = to_days((year - 1970).astype("datetime64[Y]")) + rng.integers(0, 365, m.sum())
        day = np.minimum(day, plans.admission.to_numpy()[m] - 90 - rng.integers(0, 30, m.sum()))
        if flag == "psychiatric":
            spec = psy_spec[rng.integers(len(psy_spec), size=m.sum())]
            dg = PSYCH_DIAGNOSES[rng.integers(len(PSYCH_DIAGNOSES), size=m.sum())]
            mdc = "19"
        else:
            spec = np.full(m.sum(), "01")
            pre = charl[rng.integers(len(charl), size=m.sum())]
            dg = np.array(
                [
                    x if len(x) >= 5 else x + str(d)
                    for x, d in zip(pre, rng.integers(0, 10, m.sum()), strict=True)
                ]
            )
            mdc = "05"
        early.append(
            pd.DataFrame(
                {
                    "recnum": lpr.record_numbers(prefix, m.sum()),
                    "r": adm.r.to_numpy()[m],
                    "d_inddto": day,
                    "d_uddto": day,
                    "c_pattype": "2",
                    "c_indm": "2",
                    "c_spec": spec,
                    "c_kom": adm.c_kom.to_numpy()[m],
                    "c_adiag": dg,
                    "mdc": mdc,
                }
            )
        )
    c = pd.concat([adm, v, *early], ignore_index=True)
    diag.append(
        c.iloc[n:][["recnum", "c_adiag"]]
        .rename(columns={"c_adiag": "c_diag"})
        .assign(c_diagtype="A")
    )
    diag = pd.concat(diag, ignore_index=True).drop_duplicates(["recnum", "c_diag", "c_diagtype"])
    opr = opr.drop_duplicates()
    return {
        "lpr_adm": lpr.adm(
            c.recnum,
            ids,
            c.r.to_numpy(),
            c.d_inddto,
            c.d_uddto,
            c.c_pattype,
            c.c_indm,
            c.c_spec,
            c.c_kom,
            c.c_adiag,
            c.mdc,
        ),  # fmt: skip
        "lpr_diag": lpr.diag(diag.recnum, diag.c_diag, diag.c_diagtype),
        "lpr_sksopr": lpr.procedures(opr.recnum, opr.c_opr, opr.d_odto),
        "lpr_sksube": lpr.procedures(ube.recnum, ube.c_opr, ube.d_odto),
    }


def rehab_services(plans: pd.DataFrame, codes: np.ndarray, rng) -> pd.DataFrame:
    """GES services of the courses (person row r, day, municipality code, single): a
    first service at the start and more after it; about 5 % performed by another
    municipality than the residence."""
    fate = plans.fate.to_numpy()
    linked_like = np.isin(fate, (*LINKED_FATES, 30, LATE_SERVICE))
    non_msk_rehab = (fate == 2) & (rng.random(len(plans)) < 0.5)
    has = linked_like | (fate == SINGLE_SERVICE) | non_msk_rehab
    p = plans[has]
    n = len(p)
    f = fate[has]
    first = np.where(
        f == LATE_SERVICE,
        p.discharge + rng.integers(61, 121, n),
        np.where(
            f == SINGLE_SERVICE,
            p.discharge + rng.integers(0, 61, n),
            np.where(p.start >= 0, p.start, p.discharge + rng.integers(0, 30, n)),
        ),
    )
    count = np.where(f == SINGLE_SERVICE, 1, 2 + rng.poisson(7, n))
    i, j = spread(count)
    gaps = np.where(j == 0, 0, rng.integers(2, 8, len(i)))
    gaps[j == 1] = rng.integers(1, 6, (j == 1).sum())
    day = first[i] + _group_cumsum(gaps, i)
    death = p.death_day.to_numpy()[i]
    keep = (death < 0) | (day < death) | (j < 2)
    k = p.k.to_numpy()[i]
    elsewhere = np.repeat(rng.random(n) < 0.05, count)
    kom = np.where(elsewhere, codes[rng.integers(len(codes), size=len(i))], codes[k])
    return pd.DataFrame(
        {
            "r": p.person.to_numpy()[i],
            "day": day,
            "kom": kom,
            "single": f[i] == SINGLE_SERVICE,
        }
    )[keep]


def _group_cumsum(values, group):
    cs = np.cumsum(values)
    if len(values) == 0:
        return cs
    starts = np.r_[0, np.flatnonzero(np.diff(group)) + 1]
    base = np.repeat(cs[starts] - values[starts], np.diff(np.r_[starts, len(values)]))
    return cs - base


def health_services(plans: pd.DataFrame, ids, rng) -> pa.Table:
    """SSSY: GP consultations in the 6 months before admission; physio/occupational
    therapy in weeks 1-12 after the start."""
    p = plans[np.isin(plans.fate, LINKED_FATES)]
    n = len(p)
    person = p.person.to_numpy()
    gp = p.gp_contacts.to_numpy().astype(int)
    lo = to_days(add_months(from_days(p.admission.to_numpy()), -6)) + 7
    hi = p.admission.to_numpy() - 7
    i, _ = spread(gp)
    gp_day = lo[i] + (rng.random(len(i)) * np.maximum(hi[i] - lo[i], 1)).astype(int)
    gp_r = person[i]
    ph = p.physio.to_numpy() & (p.start >= 0).to_numpy()
    cnt = np.where(ph, rng.integers(1, 7, n), 0)
    i, _ = spread(cnt)
    ph_day = p.start.to_numpy()[i] + rng.integers(7, 84, len(i))
    spec = np.where(rng.random(len(i)) < 0.9, sssy.PHYSIO, sssy.ERGO)
    return sssy.per_week(
        ids,
        np.concatenate([gp_r, person[i]]),
        np.concatenate([gp_day, ph_day]),
        np.concatenate([np.full(len(gp_r), sssy.GP), spec]),
        np.repeat([sssy.CONSULTATION, sssy.TREATMENT], [len(gp_r), len(i)]),
    )
