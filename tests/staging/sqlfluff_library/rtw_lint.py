"""dbt's `var()` for sqlfluff's jinja templater: the defaults of dbt_project.yml's vars."""

from functools import cache
from pathlib import Path

import yaml

PROJECT = Path(__file__).resolve().parents[3] / "dbt_project.yml"


@cache
def _vars() -> dict:
    return yaml.safe_load(PROJECT.read_text()).get("vars", {})


def project_var(name, default=""):
    return _vars().get(name, default)
