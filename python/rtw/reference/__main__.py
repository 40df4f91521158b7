"""``python -m rtw.reference REGISTER_DIR [SEEDS_DIR]``: print the flow and shares."""

from __future__ import annotations

import argparse
import time

import pandas as pd

from rtw import project_root
from rtw.reference import compute_courses, municipal_shares, population_flow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rtw.reference", description=__doc__)
    parser.add_argument("register_dir", nargs="?", default="data/raw")
    parser.add_argument("seeds_dir", nargs="?", default=str(project_root() / "seeds"))
    parser.add_argument("--out", help="write the courses to this Parquet file")
    ns = parser.parse_args(argv)

    began = time.perf_counter()
    courses = compute_courses(ns.register_dir, ns.seeds_dir)
    seconds = time.perf_counter() - began
    with pd.option_context("display.width", 160, "display.max_columns", 20):
        print(population_flow(courses).to_string(index=False))
        print()
        print(municipal_shares(courses).tail(1).to_string(index=False))
    print(f"\n{len(courses)} candidate courses in {seconds:.1f} s")
    if ns.out:
        courses.to_parquet(ns.out, index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
