"""Knowing, at start-up, that the previous run of the application did not end normally.

Each running application keeps a small marker file (`sessions/<pid>.json` in the data folder) from its
start to its normal end. A marker left by a process that no longer runs means that process ended
abnormally (a crash, a power cut, killed): the next start tells the user which dossier was recovered and
from which save (gui.recovery). Two applications open at once each have their own marker, so the second
one never takes the first for a crashed one.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from forms import paths
from forms.storage import atomic_write_text

SESSIONS_FOLDER = "sessions"


@dataclass(frozen=True)
class EndedSession:
    """A previous run that did not end normally."""

    pid: int
    started: dt.datetime


def _folder() -> Path:
    return paths.data_dir() / SESSIONS_FOLDER


def _marker(pid: int) -> Path:
    return _folder() / f"{pid}.json"


def process_running(pid: int) -> bool:
    """Whether a process with this id runs now (another instance of the application, usually)."""
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill would end the process there: ask Windows instead
        import ctypes

        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def begin_session(pid: int | None = None) -> list[EndedSession]:
    """Mark this run as started; returns the previous runs that ended abnormally (their markers are removed)."""
    pid = os.getpid() if pid is None else pid
    ended: list[EndedSession] = []
    folder = _folder()
    if folder.is_dir():
        for marker in sorted(folder.glob("*.json")):
            try:
                other = int(marker.stem)
            except ValueError:
                continue
            if other == pid or process_running(other):
                continue
            try:
                started = dt.datetime.fromisoformat(json.loads(marker.read_text(encoding="utf-8"))["started"])
            except (OSError, ValueError, KeyError, TypeError):
                started = dt.datetime.fromtimestamp(marker.stat().st_mtime)
            ended.append(EndedSession(other, started))
            marker.unlink(missing_ok=True)
    folder.mkdir(parents=True, exist_ok=True)
    now = dt.datetime.now().isoformat(timespec="seconds")
    atomic_write_text(_marker(pid), json.dumps({"pid": pid, "started": now}) + "\n")
    return ended


def end_session(pid: int | None = None) -> None:
    """This run ends normally: its marker goes."""
    _marker(os.getpid() if pid is None else pid).unlink(missing_ok=True)
