"""Primary and secondary suppressions per published mart of a publication (METHOD §6.6),
from its release.json: `python bench/suppression_counts.py FOLDER` where FOLDER holds
`current/` (a warehouse folder of `rtw build`, e.g. data/)."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(folder: str) -> None:
    release = json.loads((Path(folder) / "current" / "release.json").read_text())
    counts = release["suppression"]
    print(f"{'mart':45s} {'primary':>8s} {'secondary':>9s}")
    for mart, c in sorted(counts.items()):
        print(f"{mart:45s} {c['primary']:8d} {c['secondary']:9d}")
    total = [sum(c[k] for c in counts.values()) for k in ("primary", "secondary")]
    print(f"{'all':45s} {total[0]:8d} {total[1]:9d}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data")
