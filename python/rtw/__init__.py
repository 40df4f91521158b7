"""rtw: the return-to-work benchmark warehouse."""

from pathlib import Path

__version__ = "0.1.0"


def project_root() -> Path:
    """The dbt project folder (holds dbt_project.yml and seeds/)."""
    here = Path(__file__).resolve()
    for parent in here.parents:
        if (parent / "dbt_project.yml").exists():
            return parent
    raise FileNotFoundError("dbt_project.yml not found above the rtw package")
