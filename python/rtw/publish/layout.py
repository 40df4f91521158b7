"""Where a warehouse's publications live, next to its published path.

The published path P is env WAREHOUSE_PATH (default data/warehouse.duckdb); everything a
build writes is in P's folder D:

    D/warehouse.duckdb -> current/warehouse.duckdb   what BI tools and `rtw report` open
    D/marts            -> current/marts              the published marts as Parquet
    D/current          -> releases/<build id>        switched by one atomic rename
    D/releases/<build id>/                           a complete publication:
        warehouse.duckdb (published marts and reference tables only), marts/<mart>.parquet,
        dbt/ (manifest, run_results), release.json
    D/releases/<build id>.person-level.duckdb        dbt's build database of that release
    D/building/                                      the build in progress:
        person_level.duckdb (dbt's database), then warehouse.duckdb, marts/, ...
    D/releases/<build id>.failed/                    the last failed build, for inspection
    D/runs/<build id>.json                           the run log of every build
    D/.rtw-build.lock                                held by the running build

The publication holds no person-level row (rtw.publish.publication): dbt builds into
person_level.duckdb (staging views over the registers, intermediate tables,
fct_rehab_courses), and the publication is written from it. The person-level database
is kept beside its release, not inside it, so that nothing under `current` leads to it;
it is pruned with its release and is for analysis on the server and for a selective
rebuild to start from. It never leaves the server.

A reader resolves the links when it opens a file, so it gets a whole publication, old
or new; a file it holds open stays readable after the switch (POSIX keeps an unlinked
file until it is closed).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from rtw import project_root

DEFAULT_WAREHOUSE = "data/warehouse.duckdb"
PERSON_LEVEL = "person_level.duckdb"  # dbt's database in building/
PERSON_LEVEL_SUFFIX = ".person-level.duckdb"  # releases/<build id><suffix>


def published_path(root: Path | None = None) -> Path:
    """env WAREHOUSE_PATH, else data/warehouse.duckdb; relative paths from the project."""
    path = Path(os.environ.get("WAREHOUSE_PATH", DEFAULT_WAREHOUSE))
    return path if path.is_absolute() else (root or project_root()) / path


def person_level_database(published: Path) -> Path:
    """The person-level build database (staging and intermediate layers) of the release
    that `published` points at: releases/<build id>.person-level.duckdb."""
    release = published.resolve().parent
    return release.with_name(release.name + PERSON_LEVEL_SUFFIX)


@dataclass(frozen=True)
class Layout:
    """The paths of one warehouse's publications (see the module docstring)."""

    published: Path

    @classmethod
    def default(cls) -> Layout:
        return cls(published_path())

    @property
    def folder(self) -> Path:
        return self.published.parent

    @property
    def name(self) -> str:
        return self.published.name

    @property
    def marts(self) -> Path:
        return self.folder / "marts"

    @property
    def current(self) -> Path:
        return self.folder / "current"

    @property
    def releases(self) -> Path:
        return self.folder / "releases"

    @property
    def runs(self) -> Path:
        return self.folder / "runs"

    @property
    def building(self) -> Path:
        """The build in progress. Its path is the same for every build (one at a time),
        so that dbt sees the same profile and can reuse its parse."""
        return self.folder / "building"

    @property
    def lock(self) -> Path:
        return self.folder / ".rtw-build.lock"

    def release(self, build_id: str, state: str = "") -> Path:
        """The release folder of a build; state '' (published) or 'failed'."""
        return self.releases / (f"{build_id}.{state}" if state else build_id)

    def person_level(self, build_id: str) -> Path:
        """The person-level database of a published release."""
        return self.releases / f"{build_id}{PERSON_LEVEL_SUFFIX}"

    def current_release(self) -> Path | None:
        """The published release folder, or None before the first publication."""
        if not self.current.is_symlink():
            return None
        target = self.current.resolve()
        return target if target.is_dir() else None
