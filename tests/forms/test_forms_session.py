"""forms.session: a marker left by a process that no longer runs is an abnormal end, told once."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

from forms import paths, session


def dead_pid() -> int:
    """The id of a process that has ended."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def test_a_normal_end_leaves_nothing_to_tell(private_home) -> None:
    assert session.begin_session() == []
    session.end_session()
    assert session.begin_session() == []
    session.end_session()
    assert list((paths.data_dir() / "sessions").iterdir()) == []


def test_a_marker_of_a_dead_process_is_an_abnormal_end_told_once(private_home) -> None:
    pid = dead_pid()
    assert session.begin_session(pid) == []  # the crashed run starts...
    started = json.loads((paths.data_dir() / "sessions" / f"{pid}.json").read_text())["started"]
    ended = session.begin_session()  # ...and never ends: the next start sees it
    assert ended == [session.EndedSession(pid, dt.datetime.fromisoformat(started))]
    session.end_session()
    assert session.begin_session() == []  # told once only
    session.end_session()


def test_another_running_instance_is_not_taken_for_a_crash(private_home) -> None:
    other = os.getppid()  # alive: pytest's parent
    session.begin_session(other)
    assert session.begin_session() == []
    assert (paths.data_dir() / "sessions" / f"{other}.json").exists()
    assert session.process_running(other) and not session.process_running(dead_pid())
