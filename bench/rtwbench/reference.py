"""The pandas reference at 3 months per municipality, as its own process:

    python -m rtwbench.reference REGISTER_DIR OUT_JSON

runs rtw.reference.compute_courses (the population rules, weekly status and outcome of
METHOD §1-4, tuned with numpy), counts the final population's courses and those on
benefits at 3 months per municipality, and writes them with the compute time as JSON.
``run`` does the same for another implementation (rtwbench.analyst).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from rtwbench.shares import reference_shares

# (register folder, seeds folder) -> (candidate courses, final courses, municipal shares)
Compute = Callable[[Path, Path], tuple[int, int, pd.DataFrame]]


def run(argv: list[str], compute: Compute) -> int:
    """REGISTER_DIR OUT_JSON: time `compute` on the registers and write its result."""
    register_dir, out = Path(argv[0]), Path(argv[1])
    from rtw import project_root

    started = time.perf_counter()
    candidate, final, shares = compute(register_dir, project_root() / "seeds")
    seconds = time.perf_counter() - started
    out.write_text(
        json.dumps(
            {
                "compute_seconds": round(seconds, 3),
                "candidate_courses": candidate,
                "final_courses": final,
                "shares": shares.to_dict(orient="list"),
            }
        )
    )
    return 0


def compute_reference(register_dir: Path, seeds_dir: Path) -> tuple[int, int, pd.DataFrame]:
    from rtw.reference import compute_courses

    courses = compute_courses(register_dir, seeds_dir)
    final = int(courses["exclusion_rule"].isna().sum())
    return len(courses), final, reference_shares(courses)


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:], compute_reference))
