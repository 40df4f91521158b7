"""Per-municipality design: how many courses pass rules 1-9 in each start year, the
share of plans linked to a course, and the share of general plans.

Counts follow population, except where the report's table 3.1 says a municipality had
too few courses (rule 10c/d); those get counts that fail the same way. The GES quality
failures (rule 10a/b) are made later, in the GES register itself.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from rtw.synth import targets as T
from rtw.synth.reference_data import ReferenceData

START_YEARS = (2016, 2017)


@dataclass
class MunicipalDesign:
    codes: np.ndarray  # municipality codes, index k
    names: np.ndarray
    n_keep: np.ndarray  # (k, year) courses passing rules 1-9
    link_rate: np.ndarray  # (k,) share of musculoskeletal plans linked to a course
    general_share: np.ndarray  # (k,) share of general plans among all plans
    quality_failure: pd.DataFrame  # municipality index k, year: GES fails 10a/b
    in_report: np.ndarray  # (k,) bool: in the report's Bilag 2 (77 municipalities)
    included: np.ndarray  # (k, year) bool: a municipality-year the report kept

    @property
    def n(self) -> int:
        return len(self.codes)


def design_municipalities(ref: ReferenceData, rng: np.random.Generator, scale: float):
    m = ref.municipalities
    names = m["municipality_name"].to_numpy()
    k_n = len(m)
    pop = np.stack([ref.inhabitants(y) for y in START_YEARS], axis=1)
    ex = ref.excluded.copy()
    ex["k"] = ref.municipality_index(ex["municipality"])

    under30 = np.zeros((k_n, 2), bool)
    under75 = np.zeros(k_n, bool)
    sds = np.zeros((k_n, 2), bool)
    for row in ex.itertuples():
        for j, y in enumerate(START_YEARS):
            under30[row.k, j] = getattr(row, f"under_30_persons_{y}") == 1
            sds[row.k, j] = getattr(row, f"failed_sds_quality_{y}") == 1
        under75[row.k] = row.under_75_persons_total == 1

    # Population-proportional counts with municipal variation in the rate.
    rate_noise = rng.lognormal(0.0, 0.12, size=k_n)[:, None]
    raw = pop * rate_noise
    overridden = under30 | under75[:, None] | (under30.any(axis=1)[:, None])
    included = ~(overridden | sds)
    rate = T.FINAL_COURSES * scale / raw[included].sum()
    n_keep = raw * rate
    lo30, hi30 = T.UNDER_30_RANGE
    lo75, hi75 = T.UNDER_75_YEAR_RANGE
    for k in range(k_n):
        for j in range(2):
            if under30[k, j]:
                n_keep[k, j] = min(n_keep[k, j], rng.uniform(lo30, hi30) * scale)
            elif under75[k]:
                # A year of a too-small municipality: >= 30, but < 75 in total.
                n_keep[k, j] = rng.uniform(lo75, hi75) * scale
    n_keep = np.round(n_keep).astype(int)

    # Linking rate: median 81 %; municipalities held small by table 3.1 link fewer.
    link = np.clip(rng.normal(T.LINK_RATE_MEDIAN, 0.09, size=k_n), 0.5, 0.97)
    natural = (pop * rate * rate_noise).sum(axis=1)
    small = overridden.any(axis=1)
    link[small] = np.clip(link[small] * n_keep[small].sum(axis=1) / natural[small], 0.35, 0.97)

    bands = list(T.PLAN_SHARE_BAND)
    band = rng.choice(len(bands), size=k_n, p=list(T.PLAN_SHARE_BAND.values()))
    centre = np.array([T.PLAN_SHARE_CENTRE[b] for b in bands])[band]
    general_share = np.clip(centre + rng.uniform(-0.015, 0.015, size=k_n), 0.70, 0.995)

    qf = [(k, START_YEARS[j]) for k in range(k_n) for j in range(2) if sds[k, j]]
    in_report = np.isin(names, ref.benchmark["municipality"].to_numpy())
    return MunicipalDesign(
        codes=m["municipality_code"].to_numpy(),
        names=names,
        n_keep=n_keep,
        link_rate=link,
        general_share=general_share,
        quality_failure=pd.DataFrame(qf, columns=["k", "year"]),
        in_report=in_report,
        included=included,
    )
