"""The design matrix of a logistic regression on categorical covariates.

Treatment (dummy) coding with an intercept: one column per non-reference level, the
reference level (the first of its list) absorbed by the intercept; a covariate with a
single level (a build of one start year) is constant and adds no column. Values are checked:
a null or a value outside its covariate's levels is an error that names both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

INTERCEPT = "(intercept)"


@dataclass(frozen=True)
class Term:
    """One column of the design: a non-reference level of a covariate (or the intercept)."""

    covariate: str
    level: str

    @property
    def name(self) -> str:
        return INTERCEPT if self.covariate == INTERCEPT else f"{self.covariate}[{self.level}]"


def check_levels(frame: pd.DataFrame, levels: dict[str, list[str]]) -> None:
    """Raise ValueError when a covariate column is missing, null or outside its levels."""
    for covariate, names in levels.items():
        if not names:
            raise ValueError(f"{covariate}: a covariate needs at least 1 level")
        if len(set(names)) != len(names):
            raise ValueError(f"{covariate}: levels repeat: {names}")
        if covariate not in frame.columns:
            raise ValueError(f"covariate {covariate!r} is not a column of the model frame")
        values = frame[covariate]
        n_null = int(values.isna().sum())
        if n_null:
            raise ValueError(f"{covariate}: {n_null} course(s) have no value (null)")
        unknown = values[~values.isin(names)].value_counts()
        if len(unknown):
            listed = ", ".join(f"{v!r} ({n})" for v, n in unknown.head(5).items())
            raise ValueError(
                f"{covariate}: {int(unknown.sum())} course(s) have a value that is not one of "
                f"its levels: {listed}"
            )


def level_codes(frame: pd.DataFrame, levels: dict[str, list[str]]) -> dict[str, np.ndarray]:
    """Per covariate, each course's level index (0 = reference)."""
    return {
        cov: pd.Categorical(frame[cov], categories=names).codes.astype(np.int64)
        for cov, names in levels.items()
    }


def design_matrix(
    codes: dict[str, np.ndarray], levels: dict[str, list[str]], terms: list[Term]
) -> np.ndarray:
    """The 0/1 design matrix (intercept first) for the given terms."""
    n = len(next(iter(codes.values()))) if codes else 0
    index = {cov: {name: i for i, name in enumerate(names)} for cov, names in levels.items()}
    x = np.zeros((n, len(terms)))
    for j, term in enumerate(terms):
        if term.covariate == INTERCEPT:
            x[:, j] = 1.0
        else:
            x[:, j] = codes[term.covariate] == index[term.covariate][term.level]
    return x


def all_terms(levels: dict[str, list[str]]) -> list[Term]:
    """The intercept and every non-reference level, in the covariates' order."""
    terms = [Term(INTERCEPT, INTERCEPT)]
    for cov, names in levels.items():
        terms += [Term(cov, name) for name in names[1:]]
    return terms
