"""The pandas reference at 3 months per municipality, as its own process:

    python -m rtwbench.reference REGISTER_DIR OUT_JSON

runs rtw.reference.compute_courses (the population rules, weekly status and outcome of
METHOD §1-4 written in pandas), counts the final population's courses and those on
benefits at 3 months per municipality, and writes them with the compute time as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from rtwbench.shares import reference_shares


def main(argv: list[str]) -> int:
    register_dir, out = Path(argv[0]), Path(argv[1])
    from rtw import project_root
    from rtw.reference import compute_courses

    started = time.perf_counter()
    courses = compute_courses(register_dir, project_root() / "seeds")
    shares = reference_shares(courses)
    seconds = time.perf_counter() - started
    out.write_text(
        json.dumps(
            {
                "compute_seconds": round(seconds, 3),
                "candidate_courses": len(courses),
                "final_courses": int(courses["exclusion_rule"].isna().sum()),
                "shares": shares.to_dict(orient="list"),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
