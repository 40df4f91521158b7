"""An independent pandas implementation of the population and outcome of METHOD.md.

It reads the register folder (REGISTERS.md) and the DREAM-code seed directly, without
dbt, and is used to calibrate the synthetic registers, to benchmark the dbt build and
to cross-check its models::

    from rtw.reference import Params, compute_courses, municipal_shares, population_flow

    courses = compute_courses("data/raw", "seeds")   # one row per candidate course
    population_flow(courses)                         # courses left after each rule
    municipal_shares(courses)                        # shares at months 0, 3, 6
"""

from rtw.reference.params import Params
from rtw.reference.population import COURSE_COLUMNS, RULES, compute_courses
from rtw.reference.summaries import municipal_shares, population_flow

__all__ = [
    "COURSE_COLUMNS",
    "RULES",
    "Params",
    "compute_courses",
    "municipal_shares",
    "population_flow",
]
