"""Run a command and measure its wall time and the peak memory of its process tree.

Memory is polled from /proc (no psutil): every `interval` seconds the resident set
sizes of the child and all its descendants are summed; the peak of that sum is the
tree's peak memory. The largest single process's own peak (VmHWM) is kept as well.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Measured:
    returncode: int | None  # None when it was stopped (timeout or memory cap)
    seconds: float
    peak_tree_bytes: int
    peak_process_bytes: int
    stopped: str | None = None  # why it was stopped

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def _children() -> dict[int, list[int]]:
    """Parent pid -> child pids, for every process in /proc."""
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
        except OSError:
            continue
        # The command name may hold spaces and parentheses: split after the last ')'.
        ppid = int(stat[stat.rfind(")") + 2 :].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def tree_pids(root: int) -> list[int]:
    kids = _children()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, []))
    return out


def _rss_bytes(pid: int) -> tuple[int, int]:
    """(current RSS, peak RSS VmHWM) of one process in bytes; 0 when it is gone."""
    try:
        rss = int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE
        hwm = 0
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                hwm = int(line.split()[1]) * 1024
                break
        return rss, hwm
    except (OSError, ValueError, IndexError):
        return 0, 0


def run_measured(
    cmd: list[str],
    *,
    env: dict[str, str] | None = None,
    cwd: str | Path | None = None,
    log: Path | None = None,
    interval: float = 0.2,
    timeout: float | None = None,
    max_tree_bytes: int | None = None,
) -> Measured:
    """Run `cmd` (output to `log`, else discarded) and measure it. A run that exceeds
    `timeout` seconds or `max_tree_bytes` of memory is stopped (its process group is
    killed) and reported with returncode None and the reason."""
    out = open(log, "w") if log else subprocess.DEVNULL  # noqa: SIM115
    started = time.perf_counter()
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
    )
    peak_tree = peak_process = 0
    stopped = None
    try:
        while proc.poll() is None:
            total = 0
            for pid in tree_pids(proc.pid):
                rss, hwm = _rss_bytes(pid)
                total += rss
                peak_process = max(peak_process, hwm, rss)
            peak_tree = max(peak_tree, total)
            elapsed = time.perf_counter() - started
            if timeout is not None and elapsed > timeout:
                stopped = f"timeout after {timeout:.0f} s"
            elif max_tree_bytes is not None and total > max_tree_bytes:
                stopped = f"memory above {max_tree_bytes / 2**30:.1f} GiB"
            if stopped:
                os.killpg(proc.pid, 9)
                proc.wait()
                break
            time.sleep(interval)
    finally:
        if log:
            out.close()
    seconds = time.perf_counter() - started
    return Measured(
        returncode=None if stopped else proc.returncode,
        seconds=seconds,
        peak_tree_bytes=peak_tree,
        peak_process_bytes=peak_process,
        stopped=stopped,
    )
