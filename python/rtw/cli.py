"""Command line: `rtw generate`, `rtw build`."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

from rtw import project_root


def _dbt_env(register_dir: str | None) -> dict[str, str]:
    env = dict(os.environ)
    env["DBT_SEND_ANONYMOUS_USAGE_STATS"] = "false"
    env.setdefault("DBT_PROFILES_DIR", str(project_root() / "profiles"))
    if register_dir:
        env["REGISTER_DIR"] = str(Path(register_dir).resolve())
    return env


def run_dbt(args: list[str], register_dir: str | None = None) -> int:
    """Run dbt as a subprocess in the project folder; returns its exit code."""
    dbt = Path(sys.executable).with_name("dbt")
    cmd = [str(dbt) if dbt.exists() else "dbt", *args]
    return subprocess.call(cmd, cwd=project_root(), env=_dbt_env(register_dir))


def cmd_generate(ns: argparse.Namespace) -> int:
    from rtw.synth import generate

    summary = generate(out=Path(ns.out), seed=ns.seed, plans=ns.plans, progress=not ns.quiet)
    if not ns.quiet:
        print(summary.describe())
    return 0


def cmd_build(ns: argparse.Namespace) -> int:
    from rtw.checks import print_failures

    # `rtw build --register-dir X -- --select staging`: argparse keeps the "--".
    dbt_args = ns.dbt_args[1:] if ns.dbt_args[:1] == ["--"] else ns.dbt_args
    started = time.time()
    code = run_dbt(["build", *dbt_args], register_dir=ns.register_dir)
    if code != 0:
        # Which register, column and rule failed, with examples (METHOD §7).
        print_failures(since=started)
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rtw", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    g = sub.add_parser("generate", help="write synthetic registers (REGISTERS.md layout)")
    g.add_argument("--out", default="data/raw", help="output folder (default data/raw)")
    g.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    g.add_argument(
        "--plans",
        type=int,
        default=None,
        help="number of rehab plans in the plan period (default: national size)",
    )
    g.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    g.set_defaults(func=cmd_generate)

    b = sub.add_parser("build", help="dbt build of the warehouse on a register folder")
    b.add_argument("--register-dir", default=None, help="register folder (default data/raw)")
    b.add_argument("dbt_args", nargs=argparse.REMAINDER, help="extra arguments for dbt build")
    b.set_defaults(func=cmd_build)

    ns = parser.parse_args(argv)
    return ns.func(ns)


if __name__ == "__main__":
    sys.exit(main())
