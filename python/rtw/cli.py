"""Command line: `rtw generate`, `rtw import`, `rtw build`, `rtw report`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def cli_path(given: str | None, default: str | None = None) -> Path:
    """A path the user gave (argument or env), from the working folder, as any CLI
    reads it; a default one from the project folder, so that `rtw generate` and
    `rtw build` without paths meet in the project's data/raw from anywhere."""
    from rtw import project_root

    if given:
        return Path(given).expanduser().resolve()
    assert default is not None
    return (project_root() / default).resolve()


def positive_int(text: str) -> int:
    """An argument that counts something: 1 or more (0 plans would write empty registers)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not 1 or more")
    return value


def share(text: str) -> float:
    """A share of a population: more than 0 and at most 1."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"{value} is not in (0, 1]")
    return value


def cmd_generate(ns: argparse.Namespace) -> int:
    from rtw.synth import generate

    summary = generate(
        out=cli_path(ns.out, "data/raw"),
        seed=ns.seed,
        plans=ns.plans,
        progress=not ns.quiet,
        scale=ns.scale,
        population=ns.population,
    )
    if not ns.quiet:
        print(summary.describe())
    return 0


def cmd_import(ns: argparse.Namespace) -> int:
    from rtw.importer import import_registers

    summary = import_registers(
        cli_path(ns.source), cli_path(ns.out), mapping_file=ns.mapping, progress=not ns.quiet
    )
    if not ns.quiet:
        print(summary.describe())
    return 0


def cmd_build(ns: argparse.Namespace) -> int:
    from rtw.publish import build

    # `rtw build --register-dir X -- --select staging`: argparse keeps the "--".
    dbt_args = ns.dbt_args[1:] if ns.dbt_args[:1] == ["--"] else ns.dbt_args
    if ns.verbose:
        os.environ["RTW_BUILD_VERBOSE"] = "1"
    registers = cli_path(ns.register_dir or os.environ.get("REGISTER_DIR"), "data/raw")
    return build(register_dir=str(registers), dbt_args=dbt_args, keep=ns.keep)


def cmd_report(ns: argparse.Namespace) -> int:
    import duckdb

    from rtw.publish import published_path
    from rtw.reports import render_reports

    warehouse = cli_path(ns.warehouse) if ns.warehouse else published_path()
    out = cli_path(ns.out, "reports")
    try:
        summary = render_reports(warehouse, out, jobs=ns.jobs)
    except (FileNotFoundError, LookupError, duckdb.Error) as error:
        print(f"rtw report: {error}", file=sys.stderr)
        return 1
    print(summary.describe())
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="rtw", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    g = sub.add_parser("generate", help="write synthetic registers (REGISTERS.md layout)")
    g.add_argument(
        "--out",
        default=None,
        help="output folder, relative to the working folder (default: data/raw in the project)",
    )
    g.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    g.add_argument(
        "--plans",
        type=positive_int,
        default=None,
        help="number of rehab plans in the plan period (default: national size)",
    )
    g.add_argument(
        "--scale",
        choices=["default", "national"],
        default="default",
        help="default: the cohort and its background persons; national: plus a background "
        "population of national size (BEF ~5.9 million a year, DREAM ~5.3 million "
        "persons with weeks 2010-2018)",
    )
    g.add_argument(
        "--population",
        type=share,
        default=1.0,
        help="with --scale national: share of the national background population to write "
        "(default 1; e.g. 0.01 for a quick run)",
    )
    g.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    g.set_defaults(func=cmd_generate)

    i = sub.add_parser(
        "import",
        help="convert DST's SAS (.sas7bdat, .xpt) and CSV register files to REGISTERS.md",
        description="Recognise each file's register and year by its name (mapping.yaml, "
        "shipped with DST's usual names), type the columns to REGISTERS.md, union the years "
        "and write one Parquet file per register. Nothing is written when a file fails.",
    )
    i.add_argument("source", help="folder of DST's register files")
    i.add_argument("--out", required=True, help="register folder to write (e.g. data/raw)")
    i.add_argument("--mapping", default=None, help="YAML file replacing registers of the mapping")
    i.add_argument("--quiet", action="store_true", help="no progress bars or summary")
    i.set_defaults(func=cmd_import)

    b = sub.add_parser(
        "build",
        help="dbt build of the warehouse on a register folder, published atomically",
        description="dbt build into a new release next to WAREHOUSE_PATH (default "
        "data/warehouse.duckdb), then publish it and its Parquet marts by one rename. "
        "One build at a time: a second one exits with code 75. Shows a progress bar and, "
        "at the end, each benchmark case's headline; dbt's own log goes to "
        "runs/<build id>.dbt.log next to the run log runs/<build id>.json (-v: live). "
        "Paths: --register-dir and env REGISTER_DIR are read from the working folder; "
        "without either, data/raw in the project folder. A relative WAREHOUSE_PATH is "
        "read from the project folder.",
    )
    b.add_argument(
        "--register-dir",
        default=None,
        help="register folder, relative to the working folder (default: env REGISTER_DIR, "
        "else data/raw in the project)",
    )
    b.add_argument(
        "-v", "--verbose", action="store_true", help="show dbt's log live instead of a bar"
    )
    b.add_argument(
        "--keep",
        type=positive_int,
        default=2,
        help="published releases to keep, current included (2)",
    )
    b.add_argument("dbt_args", nargs=argparse.REMAINDER, help="extra arguments for dbt build")
    b.set_defaults(func=cmd_build)

    r = sub.add_parser(
        "report",
        help="render the municipal one-pagers, the national report and an index (HTML, PDF)",
        description="Read the published marts of the warehouse (read-only) and write a page "
        "per benchmark municipality, a national page and an index, as HTML with PNG figures "
        "and as PDFs.",
    )
    r.add_argument(
        "--warehouse",
        default=None,
        help="DuckDB file (default: WAREHOUSE_PATH, else data/warehouse.duckdb, relative to "
        "the project folder)",
    )
    r.add_argument(
        "--out",
        default=None,
        help="output folder, relative to the working folder (default reports/ in the project)",
    )
    r.add_argument(
        "--jobs",
        type=positive_int,
        default=None,
        help="processes drawing the municipal pages (default 2)",
    )
    r.set_defaults(func=cmd_report)

    ns = parser.parse_args(argv)
    try:
        return ns.func(ns)
    except ValueError as error:
        # Bad input is the user's to fix: the message, not a traceback.
        message = str(error)
        prefix = f"rtw {ns.command}: "
        print(message if message.startswith(prefix) else prefix + message, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
