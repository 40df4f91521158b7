"""Time `rtw import` of registers in DST's layout and its peak memory; prints the numbers.

    .venv/bin/python bench/import_dst.py --work /tmp/importbench               # default scale
    .venv/bin/python bench/import_dst.py --work /tmp/nat --scale national --population 0.05

Generates the registers (unless --work already holds them), writes them as DST delivers
them (CSV per register and year, tests/importer/dst_layout.py), then runs `rtw import` as
its own process and reports wall time and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "importer"))
from dst_layout import write_dst_layout  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--work", type=Path, required=True)
    p.add_argument("--scale", default="default")
    p.add_argument("--population", type=float, default=1.0)
    p.add_argument("--plans", type=int, default=None)
    ns = p.parse_args()
    raw, dst, back = ns.work / "raw", ns.work / "dst", ns.work / "back"
    rtw = str(Path(sys.executable).parent / "rtw")
    if not (raw / ".complete").exists():
        cmd = [rtw, "generate", "--out", str(raw), "--scale", ns.scale, "--quiet"]
        cmd += ["--population", str(ns.population)]
        cmd += ["--plans", str(ns.plans)] if ns.plans else []
        subprocess.run(cmd, check=True)
    if not dst.exists():
        t = time.perf_counter()
        write_dst_layout(raw, dst)
        print(f"DST layout written in {time.perf_counter() - t:.1f} s")
    size = sum(f.stat().st_size for f in dst.iterdir())
    t = time.perf_counter()
    # A fresh parent, so that the generator's peak (an earlier child here) is not counted.
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    cmd = [sys.executable, "-c", probe, rtw, "import", str(dst), "--out", str(back), "--quiet"]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - t
    peak = int(out.split()[-1]) / 2**20  # KiB -> GiB
    files = len(list(dst.iterdir()))
    print(
        f"rtw import: {files} files, {size / 2**20:.0f} MiB CSV, {wall:.1f} s, peak {peak:.2f} GiB"
    )


if __name__ == "__main__":
    main()
