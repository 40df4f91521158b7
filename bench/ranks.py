"""Time METHOD §13's rank intervals (10,000 draws for 98 municipalities) and the
shrinkage fit (random-intercept logit on 23,659 courses, as the default registers'
month 3); target < 2 s each.

.venv/bin/python bench/ranks.py [--draws 10000] [--municipalities 98] [--repeat 5]
    [--courses 23659]
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from rtw.model.ranks import rank_intervals
from rtw.model.shrinkage import expit, shrink


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--draws", type=int, default=10_000)
    parser.add_argument("--municipalities", type=int, default=98)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--courses", type=int, default=23_659)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    indicator = rng.normal(0, 4, args.municipalities)
    se = rng.uniform(2, 6, args.municipalities)
    seconds = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        rank_intervals(indicator, se, phi=1.3, n_draws=args.draws, seed=1)
        seconds.append(time.perf_counter() - start)
    print(
        f"rank intervals, {args.draws} draws x {args.municipalities} municipalities: "
        f"median {np.median(seconds):.3f} s, max {max(seconds):.3f} s over {args.repeat} runs"
    )
    k = rng.choice(
        args.municipalities, args.courses, p=rng.dirichlet(np.full(args.municipalities, 2.0))
    )
    offset = rng.normal(-1.4, 0.9, args.courses)
    y = rng.random(args.courses) < expit(offset + rng.normal(0, 0.2, args.municipalities)[k])
    seconds = []
    for _ in range(max(1, args.repeat // 2)):
        start = time.perf_counter()
        shrink(k, expit(offset), y)
        seconds.append(time.perf_counter() - start)
    print(
        f"shrinkage, {args.courses} courses x {args.municipalities} municipalities: "
        f"median {np.median(seconds):.3f} s, max {max(seconds):.3f} s over {len(seconds)} runs"
    )


if __name__ == "__main__":
    main()
