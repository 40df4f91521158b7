"""One build at a time per warehouse: an exclusive, non-blocking lock on a file.

The lock is an flock(2) on D/.rtw-build.lock, so the kernel releases it when the
holder dies, even by SIGKILL: a killed build never blocks the next one. The holder
writes its pid, build id and start time into the file so that a refused build can say
who is running.
"""

from __future__ import annotations

import fcntl
import json
import os
from pathlib import Path


class BuildLocked(RuntimeError):
    """Another build holds the lock."""


class BuildLock:
    """`with BuildLock(path, build_id):` holds the lock or raises BuildLocked."""

    def __init__(self, path: Path, build_id: str, started_at: str):
        self.path = Path(path)
        self.info = {"pid": os.getpid(), "build_id": build_id, "started_at": started_at}
        self._fd: int | None = None

    def __enter__(self) -> BuildLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _read_holder(fd)
            os.close(fd)
            raise BuildLocked(
                f"another rtw build is running on {self.path.parent} "
                f"(pid {holder.get('pid', '?')}, build {holder.get('build_id', '?')}, "
                f"started {holder.get('started_at', '?')}; lock {self.path}): not starting a "
                "second one"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, json.dumps(self.info).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            os.close(self._fd)  # closing the descriptor releases the flock
            self._fd = None


def _read_holder(fd: int) -> dict:
    try:
        return json.loads(os.pread(fd, 4096, 0).decode() or "{}")
    except (OSError, ValueError):
        return {}
