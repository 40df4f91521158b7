"""The project's seeds and the report's tables, as the generator reads them.

The generator draws codes from the same seeds that the warehouse classifies them with
(one concept, one place): a diagnosis group is turned into an ICD-10 code from
`ref_diagnosis_groups`, an industry group into a DB07 code from `ref_db07_*`, etc.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
import pandas as pd

from rtw import project_root


@dataclass
class ReferenceData:
    seeds_dir: Path

    @classmethod
    def default(cls) -> ReferenceData:
        return cls(project_root() / "seeds")

    def _csv(self, name: str, **kw) -> pd.DataFrame:
        path = self.seeds_dir / name
        if not path.exists():
            raise FileNotFoundError(f"seed {path} is missing")
        return pd.read_csv(path, keep_default_na=False, na_values=[""], **kw)

    @cached_property
    def municipalities(self) -> pd.DataFrame:
        m = self._csv("ref_municipalities.csv")
        inh = self._csv("ref_municipality_inhabitants.csv")
        wide = inh.pivot(index="municipality_code", columns="year", values="inhabitants")
        m = m.set_index("municipality_code").join(wide).reset_index()
        return m.sort_values("municipality_code").reset_index(drop=True)

    def inhabitants(self, year: int) -> np.ndarray:
        return self.municipalities[year].to_numpy(dtype=float)

    @cached_property
    def dream_codes(self) -> pd.DataFrame:
        return self._csv("ref_dream_codes.csv")

    @cached_property
    def diagnosis_groups(self) -> pd.DataFrame:
        return self._csv("ref_diagnosis_groups.csv")

    @cached_property
    def db07(self) -> pd.DataFrame:
        div = self._csv("ref_db07_divisions.csv", dtype={"division": str})
        sec = self._csv("ref_db07_sections.csv")
        return div.merge(sec, on="section", how="left")

    @cached_property
    def specialties(self) -> pd.DataFrame:
        return self._csv("ref_hospital_specialties.csv", dtype={"specialty_code": str})

    @cached_property
    def countries(self) -> pd.DataFrame:
        return self._csv("ref_countries.csv")

    @cached_property
    def education(self) -> pd.DataFrame:
        return self._csv("ref_education_levels.csv", dtype={"hfaudd_prefix": str})

    @cached_property
    def charlson(self) -> pd.DataFrame:
        return self._csv("ref_charlson_codes.csv")

    @cached_property
    def covariate_levels(self) -> pd.DataFrame:
        """The rehab case's covariates and levels (the seed holds every case's)."""
        levels = self._csv("ref_covariate_levels.csv")
        return levels.loc[levels.benchmark_case == "rehab"].reset_index(drop=True)

    # The report's tables (seeds/report), the generator's calibration targets.
    @cached_property
    def all_covariate_levels(self) -> pd.DataFrame:
        """Every benchmark case's covariates and levels (column benchmark_case)."""
        return self._csv("ref_covariate_levels.csv", dtype={"level": str})

    @cached_property
    def coefficients(self) -> pd.DataFrame:
        return self._csv("report/report_table_5_4_logit_coefficients.csv")

    @cached_property
    def benchmark(self) -> pd.DataFrame:
        return self._csv("report/report_bilag2_table1_benchmark.csv")

    @cached_property
    def excluded(self) -> pd.DataFrame:
        return self._csv("report/report_table_3_1_excluded_municipalities.csv")

    def municipality_index(self, names: pd.Series) -> np.ndarray:
        lookup = {n: i for i, n in enumerate(self.municipalities["municipality_name"])}
        missing = sorted(set(names) - set(lookup))
        if missing:
            raise ValueError(f"report municipalities not in ref_municipalities: {missing}")
        return names.map(lookup).to_numpy()

    def levels(self, covariate: str) -> list[str]:
        lv = self.covariate_levels
        return lv.loc[lv.covariate == covariate].sort_values("level_order")["level"].tolist()

    def coefficient_vector(self, covariate: str) -> np.ndarray:
        """True coefficients of a covariate's levels in level order (reference 0)."""
        c = self.coefficients.loc[self.coefficients.covariate == covariate]
        by_level = dict(zip(c.level, c.estimate, strict=True))
        return np.array([by_level.get(lv, 0.0) for lv in self.levels(covariate)])

    def band_bounds(self, covariate: str) -> tuple[np.ndarray, np.ndarray]:
        """Lower (inclusive) and upper (exclusive) bounds of a banded covariate."""
        lv = self.covariate_levels.loc[self.covariate_levels.covariate == covariate]
        lv = lv.sort_values("level_order")
        lo = pd.to_numeric(lv.lower_bound).fillna(-np.inf).to_numpy(float)
        hi = pd.to_numeric(lv.upper_bound).fillna(np.inf).to_numpy(float)
        return lo, hi

    def band(self, covariate: str, values: np.ndarray) -> np.ndarray:
        """Level index (0 = reference) of each value, by the seed's bounds."""
        lo, hi = self.band_bounds(covariate)
        v = np.asarray(values, dtype=float)[:, None]
        inside = (v >= lo[None, :]) & (v < hi[None, :])
        if not inside.any(axis=1).all():
            raise ValueError(f"{covariate}: values outside every band")
        return inside.argmax(axis=1)
