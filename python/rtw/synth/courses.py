"""Course-level facts of every plan: diagnoses, specialty, surgery, hospital days, job,
primary-care claims, earlier psychiatric and Charlson contacts.

Each fact is drawn as the report's covariate level (targets.py) and then written so that
the warehouse derives that level back: e.g. "4-5 hospital contact days" becomes the plan
stay plus outpatient visits on distinct days within two months before discharge.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from rtw.synth import targets as T
from rtw.synth.people import LINKED_FATES
from rtw.synth.plans import SPECIALISED
from rtw.synth.reference_data import ReferenceData

NON_MSK_DIAGNOSES = np.array(
    ["DI639", "DI634", "DC509", "DJ449", "DI214", "DG35", "DE119", "DN185", "DK566", "DF329"]
)
NON_MSK_MDC = np.array(["01", "01", "09", "04", "05", "01", "10", "11", "06", "19"])


def _choice(rng, mapping: dict, n: int) -> np.ndarray:
    p = np.array(list(mapping.values()), dtype=float)
    return rng.choice(len(p), size=n, p=p / p.sum())


def _codes_in_groups(ref: ReferenceData, group_names: np.ndarray, rng) -> np.ndarray:
    """An ICD-10 code (4-5 characters) inside one of the seed's ranges of each group."""
    dg = ref.diagnosis_groups
    out = np.empty(len(group_names), dtype=object)
    for name, idx in pd.Series(np.arange(len(group_names))).groupby(group_names).groups.items():
        ranges = dg.loc[dg.diagnosis_group == name, ["code_from", "code_to"]].to_numpy()
        if len(ranges) == 0:
            raise ValueError(f"no ICD-10 range for diagnosis group {name!r}")
        idx = np.asarray(idx)
        r = ranges[rng.integers(len(ranges), size=len(idx))]
        letter = np.array([x[:2] for x in r[:, 0]])
        lo = np.array([int(x[2:4]) for x in r[:, 0]])
        hi = np.array([int(x[2:4]) for x in r[:, 1]])
        num = lo + (rng.random(len(idx)) * (hi - lo + 1)).astype(int)
        sub = rng.integers(0, 10, len(idx))
        out[idx] = [f"{a}{b:02d}{c}" for a, b, c in zip(letter, num, sub, strict=True)]
    return out


def course_facts(
    plans: pd.DataFrame, persons: pd.DataFrame, ref: ReferenceData, rng
) -> pd.DataFrame:
    n = len(plans)
    fate = plans.fate.to_numpy()
    linked = np.isin(fate, LINKED_FATES)
    f = pd.DataFrame(index=plans.index)

    # Diagnosis: the covariate's group for musculoskeletal plans, else a non-MSK code.
    groups = np.array(list(T.DIAGNOSIS_GROUP))
    g = groups[_choice(rng, T.DIAGNOSIS_GROUP, n)]
    msk = fate != 2
    diag = _codes_in_groups(ref, g, rng)
    other = rng.integers(len(NON_MSK_DIAGNOSES), size=n)
    f["diagnosis_group"] = np.where(msk, g, None)
    f["mdc"] = np.where(msk, "08", NON_MSK_MDC[other])
    # An administrative DZ action diagnosis with the real one as secondary diagnosis.
    dz_swap = msk & (g != "Kontakter til sygehus") & (rng.random(n) < T.DZ_WITH_SECONDARY)
    dz_code = np.array(
        [
            f"DZ{x:02d}{y}"
            for x, y in zip(rng.integers(0, 100, n), rng.integers(0, 10, n), strict=True)
        ]
    )
    f["action_diagnosis"] = np.where(
        ~msk, NON_MSK_DIAGNOSES[other], np.where(dz_swap, dz_code, diag)
    )
    f["secondary_diagnosis"] = np.where(dz_swap, diag, None)
    f["secondary_type"] = np.where(rng.random(n) < 0.8, "B", "+")

    spec = ref.specialties
    sg = np.array(list(T.SPECIALTY_GROUP))[_choice(rng, T.SPECIALTY_GROUP, n)]
    codes = {
        name: grp.specialty_code.to_numpy()
        for name, grp in spec[~spec.is_psychiatric.astype(bool)].groupby("specialty_group")
    }
    f["specialty_group"] = sg
    f["specialty_code"] = [codes[s][rng.integers(len(codes[s]))] for s in sg]
    f["acute"] = rng.random(n) < np.where(linked, T.P_ACUTE, 0.2)

    f["surgery"] = rng.random(n) < np.where(msk, T.P_SURGERY, 0.2)
    f["surgery_days_before_plan"] = rng.integers(0, 15, n)

    # Hospital contact days in the two months up to discharge (the plan stay included).
    band = _choice(rng, T.HOSPITAL_CONTACT_DAYS, n)
    lo, hi = np.array([1, 4, 6, 11]), np.array([3, 5, 10, 20])
    stay_days = (plans.discharge - plans.admission).to_numpy() + 1
    total = lo[band] + (rng.random(n) * (hi[band] - lo[band] + 1)).astype(int)
    total = np.maximum(total, stay_days)
    f["extra_contact_days"] = np.where(linked, total - stay_days, rng.integers(0, 3, n))

    # The job two months before admission: hours and industry.
    ind = np.array(list(T.INDUSTRY_GROUP))[_choice(rng, T.INDUSTRY_GROUP, n)]
    full = rng.random(n) < T.P_FULL_TIME
    hours = np.where(full, rng.uniform(160, 185, n), rng.uniform(80, 159.5, n))
    hours = np.round(hours * 2) / 2
    no_job = (fate == 5) & (rng.random(n) < 0.6)
    hours = np.where(
        fate == 5, np.where(no_job, 0.0, np.round(rng.uniform(8, 79.5, n) * 2) / 2), hours
    )
    f["hours"] = hours
    f["industry_group"] = ind
    f["second_job"] = rng.random(n) < 0.10

    f["physio"] = rng.random(n) < T.P_PHYSIO
    gp = _choice(rng, T.GP_CONTACTS, n)
    glo, ghi = np.array([0, 3, 6, 11]), np.array([2, 5, 10, 16])
    f["gp_contacts"] = glo[gp] + (rng.random(n) * (ghi[gp] - glo[gp] + 1)).astype(int)
    f["psychiatric"] = rng.random(n) < T.P_PSYCHIATRIC
    f["comorbidity"] = rng.random(n) < T.P_COMORBIDITY
    f["years_back"] = rng.integers(1, 6, n)  # the earlier contact lies 1-5 years before
    f.loc[fate == SPECIALISED, ["physio", "psychiatric", "comorbidity"]] = False
    return f
