"""The decisions of METHOD.md as one dataclass (defaults = the method's, = dbt vars)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Params:
    """Every tunable number of METHOD.md §1-§4, with the method's defaults.

    Field names follow the dbt vars in ``dbt_project.yml`` (``mdc`` is the var
    ``musculoskeletal_mdc``). Dates may be given as ``datetime.date`` or ISO strings.
    """

    # §3 rule 1: procedure date of the general rehab plan, inclusive.
    plan_period_start: date = date(2015, 11, 1)
    plan_period_end: date = date(2017, 12, 31)
    general_plan_codes: tuple[str, ...] = ("AWG1",)
    # §3 rule 3 (decision): a later plan of either kind ends a course.
    specialised_plan_codes: tuple[str, ...] = ("AWG2", "AWG3")
    # §3 rule 2.
    mdc: str = "08"
    # §3 rule 3.
    first_service_max_days: int = 60
    course_max_days: int = 365
    min_services: int = 2
    start_years: tuple[int, ...] = (2016, 2017)
    # §3 rule 4.
    min_age: int = 18
    max_age: int = 64
    # §3 rule 5: paid hours in the calendar month of (admission - this many months).
    months_before_admission: int = 2
    min_hours_in_work: float = 80
    # §3 rule 6: at most this many public-benefit weeks among weeks -9..-7.
    max_benefit_weeks_before: int = 1
    # §3 rule 7.
    repeat_course_min_days: int = 304
    # §2: sickness spells of at most this many weeks count as self-supporting.
    short_sickness_max_weeks: int = 4
    # §4 and §3 rule 9: the benchmark's measurement month (0-6).
    outcome_month: int = 3
    # §3 rule 10: municipal data quality.
    quality_max_swing: float = 0.40
    quality_max_swings: int = 1
    quality_min_courses_year: int = 30
    quality_min_courses_total: int = 75

    def __post_init__(self) -> None:
        for name in ("plan_period_start", "plan_period_end"):
            value = getattr(self, name)
            if isinstance(value, str):
                object.__setattr__(self, name, date.fromisoformat(value))
        # Lists are accepted for convenience and stored as tuples (hashable, frozen).
        object.__setattr__(self, "general_plan_codes", tuple(self.general_plan_codes))
        object.__setattr__(self, "specialised_plan_codes", tuple(self.specialised_plan_codes))
        object.__setattr__(self, "start_years", tuple(int(y) for y in self.start_years))
        if not 0 <= self.outcome_month <= 6:
            raise ValueError(f"outcome_month must be 0..6, got {self.outcome_month}")
