"""`rtw build`: build the warehouse into a new release and publish it atomically.

1. Refuse (exit 64) dbt arguments that cannot publish: --empty, --resource-type(s).
   Take the warehouse's build lock, or refuse (exit 75) when another build holds it.
2. Remove what a killed build left in building/ (nobody else can be building).
3. `dbt build` into building/person_level.duckdb (a selective build, with --select,
   --exclude, ..., starts from a copy of the current release's person-level database).
   Every published mart must have been built by this run (run_results.json), else the
   build is refused naming the marts: a selection must include every published mart.
4. Write the publication building/warehouse.duckdb from it (rtw.publish.publication:
   published marts and reference tables only), the Parquet marts from the publication,
   checkpoint, fsync, and record release.json.
5. Move the person-level database to releases/<id>.person-level.duckdb, rename the
   folder to releases/<id> and switch `current` to it by one rename.
6. Keep the newest `keep` releases (the current one included) and the last failed build.

A failure or refusal at any step before 5 leaves the publication as it was: the folder
becomes releases/<id>.failed (kept for inspection) and the build exits non-zero with the
reason.
Every build, whatever its end, writes runs/<id>.json (rtw.publish.runlog).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from rtw import project_root
from rtw.checks import print_failures
from rtw.publish import suppression
from rtw.publish.layout import PERSON_LEVEL, PERSON_LEVEL_SUFFIX, Layout
from rtw.publish.lock import BuildLock, BuildLocked
from rtw.publish.parquet import parquet_records, sha256
from rtw.publish.progress import Progress, print_headline
from rtw.publish.publication import PublicationError, unbuilt_marts, write_publication
from rtw.publish.runlog import RunLog, model_warnings, node_results, utc_now, warning_text

EXIT_LOCKED = 75  # EX_TEMPFAIL: try again later
EXIT_USAGE = 64  # EX_USAGE: dbt arguments that cannot give a complete publication
# dbt arguments that build a part of the project: a build with one starts from a copy
# of the current person-level database and must still build every published mart.
PARTIAL_FLAGS = {"-s", "--select", "--exclude", "--selector", "-m", "--models", "--inline"}
# dbt arguments that never build a publishable warehouse: refused before dbt runs.
REFUSED_FLAGS = {
    "--empty": "builds every model without rows",
    "--resource-type": "builds only some kinds of node",
    "--resource-types": "builds only some kinds of node",
}
ARTIFACTS = ("manifest.json", "run_results.json")


class BuildFailed(RuntimeError):
    """A step after dbt failed; the message is the reason."""


def dbt_flags(args: list[str]) -> set[str]:
    """The option names in dbt arguments, `--select=x` spelt as `--select`."""
    return {a.split("=", 1)[0] for a in args if a.startswith("-")}


def refused_arguments(args: list[str]) -> str | None:
    """Why these dbt arguments cannot publish (naming the flag), or None."""
    flags = sorted(dbt_flags(args) & set(REFUSED_FLAGS))
    if not flags:
        return None
    reasons = "; ".join(f"{flag} {REFUSED_FLAGS[flag]}" for flag in flags)
    return (
        f"refused: {reasons}: only a complete build publishes (every published mart "
        "built); the publication is unchanged"
    )


def new_build_id() -> str:
    """Sortable in time: UTC timestamp to the microsecond."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")


def target_path(root: Path) -> Path:
    """dbt's artifacts folder: env DBT_TARGET_PATH, else target/ (kept between builds
    so that dbt's partial parsing saves its ~10 s)."""
    path = Path(os.environ.get("DBT_TARGET_PATH", "target"))
    return path if path.is_absolute() else root / path


def _die_with_parent() -> None:
    """In the dbt child: be killed when rtw dies, so that a SIGKILLed build leaves no
    orphan dbt writing artifacts under the next build (Linux prctl PR_SET_PDEATHSIG)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def run_dbt(
    args: list[str], env: dict[str, str], root: Path, log_path: Path | None = None
) -> tuple[int, list[str]]:
    """dbt as a subprocess behind a progress bar (rtw.publish.progress), its log in
    `log_path`, live with env RTW_BUILD_VERBOSE=1 (`rtw build -v`); (exit code, warning
    lines)."""
    dbt = Path(sys.executable).with_name("dbt")
    cmd = [str(dbt) if dbt.exists() else "dbt", *args]
    warnings = []
    if log_path is not None:
        log_path.parent.mkdir(parents=True, exist_ok=True)
    progress = Progress(log_path, verbose=os.environ.get("RTW_BUILD_VERBOSE") == "1")
    with subprocess.Popen(
        cmd,
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        bufsize=1,
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
    ) as proc:
        assert proc.stdout is not None
        for line in proc.stdout:
            progress.feed(line)
            if (warning := warning_text(line)) is not None:
                warnings.append(warning)
    progress.close(proc.returncode)
    return proc.returncode, warnings


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _link(path: Path, target: str) -> None:
    """Make `path` a symlink to `target` by an atomic rename over whatever is there. A
    real folder (a marts/ from before releases) is moved aside into releases/ first."""
    if path.is_symlink() and os.readlink(path) == target:
        return
    if path.is_dir() and not path.is_symlink():
        aside = path.parent / "releases" / f"{path.name}.before-releases.{new_build_id()}"
        aside.parent.mkdir(parents=True, exist_ok=True)
        os.replace(path, aside)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.link")
    if tmp.is_symlink():
        tmp.unlink()
    os.symlink(target, tmp)
    os.replace(tmp, path)


def switch(layout: Layout, build_id: str) -> None:
    """Publish releases/<build_id>: one rename switches `current`; the published file
    and marts/ are links through `current`, made once."""
    _link(layout.current, f"releases/{build_id}")
    _link(layout.published, f"current/{layout.name}")
    _link(layout.marts, "current/marts")
    _fsync(layout.folder)


def clean_stale(layout: Layout) -> bool:
    """Remove what a killed build left in building/ (the caller holds the lock)."""
    if not layout.building.exists():
        return False
    shutil.rmtree(layout.building)
    return True


def prune(layout: Layout, keep: int) -> None:
    """Keep the newest `keep` published releases (never fewer than the current one) and
    the newest failed build; a reader holding a removed file keeps reading it."""
    current = layout.current_release()
    releases = sorted(p for p in layout.releases.iterdir() if p.is_dir() and "." not in p.name)
    for path in releases[: -max(keep, 1)]:
        if path != current:
            shutil.rmtree(path, ignore_errors=True)
    # A person-level database goes with its release (and with a release removed by hand).
    kept = {p.name for p in layout.releases.iterdir() if p.is_dir()}
    for path in layout.releases.glob(f"*{PERSON_LEVEL_SUFFIX}"):
        if path.name[: -len(PERSON_LEVEL_SUFFIX)] not in kept:
            path.unlink(missing_ok=True)
    failed = sorted(layout.releases.glob("*.failed"))
    for path in failed[:-1]:
        shutil.rmtree(path, ignore_errors=True)


def register_folder(register_dir: str | None) -> Path:
    """--register-dir (from the working folder), else env REGISTER_DIR, else data/raw
    (both from the project folder, where dbt runs)."""
    if register_dir:
        return Path(register_dir).resolve()
    return (project_root() / os.environ.get("REGISTER_DIR", "data/raw")).resolve()


def _dbt_env(database: Path, target: Path, registers: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    env.setdefault("DBT_PROFILES_DIR", str(project_root() / "profiles"))
    env["WAREHOUSE_PATH"] = str(database)
    env["DBT_TARGET_PATH"] = str(target)
    env["REGISTER_DIR"] = str(registers)
    return env


def _publishable(work: Path, database: Path, publication: Path, target: Path, log: RunLog) -> dict:
    """Step 4: artifacts, the publication and its Parquet marts, release.json."""
    artifacts = work / "dbt"
    artifacts.mkdir()
    for name in ARTIFACTS:
        shutil.copy2(target / name, artifacts / name)
    manifest = json.loads((artifacts / "manifest.json").read_text())
    log.suppression = {}
    write_publication(database, publication, manifest, work / "marts", log.suppression)
    print(suppression.summary(log.suppression), flush=True)
    log.parquet = parquet_records(work / "marts")
    release = {
        "build_id": log.build_id,
        "built_at": utc_now(),
        "register_dir": log.register_dir,
        "dbt_args": log.dbt_args,
        "warehouse_sha256": sha256(publication),
        "marts": log.parquet,
        "suppression": log.suppression,
    }
    (work / "release.json").write_text(json.dumps(release, indent=2) + "\n")
    _fsync(work)
    return manifest


def build(
    register_dir: str | None = None,
    dbt_args: list[str] | None = None,
    layout: Layout | None = None,
    keep: int = 2,
) -> int:
    """Build and publish (module docstring); returns the exit code."""
    layout = layout or Layout.default()
    build_id = new_build_id()
    clock = time.perf_counter()
    log = RunLog(build_id, utc_now(), str(register_folder(register_dir)), list(dbt_args or []))
    try:
        if (refusal := refused_arguments(log.dbt_args)) is not None:
            status, code, error = "refused", EXIT_USAGE, refusal
        else:
            with BuildLock(layout.lock, build_id, log.started_at):
                status, code, error = _build_locked(layout, log, keep)
    except BuildLocked as refused:
        status, code, error = "refused", EXIT_LOCKED, str(refused)
    log.status, log.error = status, error
    log.ended_at = utc_now()
    log.seconds = round(time.perf_counter() - clock, 3)
    path = log.write(layout.runs)
    if error:
        print(f"\nrtw build {build_id}: {status}: {error}", file=sys.stderr, flush=True)
    print(f"run log: {path}", flush=True)
    return code


def _build_locked(layout: Layout, log: RunLog, keep: int) -> tuple[str, int, str | None]:
    """Steps 2-6 under the lock; (status, exit code, error)."""
    root = project_root()
    clean_stale(layout)
    work = layout.building
    work.mkdir(parents=True)
    layout.releases.mkdir(exist_ok=True)
    database = work / PERSON_LEVEL
    current = layout.current_release()
    if PARTIAL_FLAGS & dbt_flags(log.dbt_args) and current is not None:
        previous = layout.person_level(current.name)
        if previous.exists():
            shutil.copyfile(previous, database)
    target = target_path(root)
    started = time.time()
    results: dict = {}
    code, log.warnings = run_dbt(
        ["build", *log.dbt_args],
        _dbt_env(database, target, Path(log.register_dir)),
        root,
        layout.runs / f"{log.build_id}.dbt.log",
    )
    manifest = _read_json(target / "manifest.json")
    if (target / "run_results.json").exists() and (
        (target / "run_results.json").stat().st_mtime >= started
    ):
        results = _read_json(target / "run_results.json")
        try:
            log.models, log.tests = node_results(manifest, results, database)
        except duckdb.Error as error:  # a crashed dbt can leave a file we cannot open
            log.warnings.append(f"rows per model not counted: {error}")

    failed = layout.release(log.build_id, "failed")
    unchanged = f"the publication is unchanged; the build is in {failed}"
    unbuilt = unbuilt_marts(manifest, results) if manifest and results else None
    if code != 0:
        # Which register, column and rule failed, with examples (METHOD §7).
        print_failures(target, database, since=started)
        os.replace(work, failed)
        prune(layout, keep)
        reason = f"dbt build exited with {code}"
        if unbuilt:
            reason += f"; published marts not built: {', '.join(unbuilt)}"
        return "failed", code, f"{reason}; {unchanged}"
    if unbuilt is None or unbuilt:
        os.replace(work, failed)
        prune(layout, keep)
        names = ", ".join(unbuilt) if unbuilt else "(no run_results.json from this run)"
        reason = (
            f"refused: published marts not built by this build: {names}; only a complete "
            "build publishes: a selection must include every published mart"
        )
        return "refused", EXIT_USAGE, f"{reason}; {unchanged}"
    log.warnings += model_warnings(manifest, database)
    try:
        _publishable(work, database, work / layout.name, target, log)
    except (BuildFailed, PublicationError, OSError, duckdb.Error) as error:
        os.replace(work, failed)
        prune(layout, keep)
        return "failed", 1, f"{error}; {unchanged}"
    release = layout.release(log.build_id)
    # The person-level database goes beside its release, never inside it: nothing under
    # `current` (the published file, marts/) leads to it.
    os.replace(database, layout.person_level(log.build_id))
    os.replace(work, release)
    switch(layout, log.build_id)
    log.release = str(release)
    prune(layout, keep)
    print(
        f"\npublished build {log.build_id}: {layout.published} and {len(log.parquet)} "
        f"Parquet marts in {layout.marts}/",
        flush=True,
    )
    print_headline(layout.published, layout.marts, root / "reports")
    return "published", 0, None


def _read_json(path: Path) -> dict:
    return json.loads(path.read_text()) if path.exists() else {}
