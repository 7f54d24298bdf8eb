"""One writer per dossier (issue 9), with real processes: the same dossier open twice lost an edit
silently; now the second opener is refused (or takes over knowingly), a crashed holder leaves no stuck
lock, and a save never overwrites a file changed since it was read."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from forms import dossier_lock
from forms.dossier_lock import DossierLock, DossierLocked, holder, lock_path_for
from forms.file_stamp import file_stamp
from forms.model import Dossier
from forms.storage import EXTENSION, DossierChangedOnDisk, load_dossier, open_dossier_file, save_dossier

HELPER = Path(__file__).with_name("dossier_process.py")


class Editor:
    """A dossier-editing process (tests/forms/dossier_process.py), driven line by line."""

    def __init__(self, path: Path, *, take_over: bool = False) -> None:
        args = [sys.executable, str(HELPER), str(path)] + (["--take-over"] if take_over else [])
        self.proc = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                                     encoding="utf-8")
        self.first = self.proc.stdout.readline().split()

    def ask(self, command: str) -> str:
        self.proc.stdin.write(command + "\n")
        self.proc.stdin.flush()
        return self.proc.stdout.readline().strip()

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write("quit\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=30)
        self._close_pipes()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=30)
        self._close_pipes()

    def _close_pipes(self) -> None:
        for stream in (self.proc.stdin, self.proc.stdout):
            if not stream.closed:
                with contextlib.suppress(BrokenPipeError):
                    stream.close()


@pytest.fixture
def dossier_file(tmp_path) -> Path:
    path = tmp_path / f"Fête de quartier{EXTENSION}"
    d = Dossier()
    d.action.title = "Titre d'origine"
    d.action.description = "Description d'origine"
    save_dossier(d, path)
    return path


@pytest.fixture
def editors():
    started: list[Editor] = []

    def start(path: Path, **kwargs) -> Editor:
        editor = Editor(path, **kwargs)
        started.append(editor)
        return editor

    yield start
    for editor in started:
        editor.kill()


def test_a_second_process_cannot_open_the_dossier_for_writing(dossier_file, editors):
    a = editors(dossier_file)
    assert a.first == ["ouvert", str(a.proc.pid)]
    b = editors(dossier_file)
    assert b.first == ["verrouille", str(a.proc.pid)]  # told who holds it
    assert b.proc.wait(timeout=30) == 3
    with pytest.raises(DossierLocked) as info:
        DossierLock.acquire(dossier_file)
    assert info.value.owner.pid == a.proc.pid
    assert "est déjà ouvert" in str(info.value) and "sur cet ordinateur" in str(info.value)
    a.close()
    assert not lock_path_for(dossier_file).exists()  # released on close
    DossierLock.acquire(dossier_file).release()


def test_the_lost_edit_of_two_windows_cannot_happen_any_more(dossier_file, editors):
    """The issue's scenario: A edits the description, B (who took the dossier over) the title; both
    edits must survive, and nothing is overwritten without a choice."""
    a = editors(dossier_file)
    assert a.ask("set actions[0].description Description de A") == "ok"
    b = editors(dossier_file, take_over=True)
    assert b.first[0] == "ouvert"
    assert b.ask("set actions[0].title Titre de B") == "ok"
    assert b.ask("save") == "enregistre"
    assert a.ask("save") == "perdu"  # A no longer holds the lock: it writes nothing
    assert load_dossier(dossier_file).action.title == "Titre de B"
    answer = a.ask("keep-both").split(" ", 1)
    assert answer[0] == "copie"
    copy = load_dossier(answer[1])
    assert copy.action.description == "Description de A"
    on_disk = load_dossier(dossier_file)
    assert (on_disk.action.title, on_disk.action.description) == ("Titre de B", "Description d'origine")


def test_a_save_never_overwrites_a_file_changed_since_it_was_read(dossier_file, editors):
    opened = open_dossier_file(dossier_file)
    other = editors(dossier_file)  # another program that writes the file (this test holds no lock)
    assert other.ask("set actions[0].title Titre de l'autre") == "ok"
    assert other.ask("save") == "enregistre"
    other.close()
    before = dossier_file.read_bytes()
    opened.dossier.action.description = "Ma description"
    with pytest.raises(DossierChangedOnDisk) as info:
        save_dossier(opened.dossier, dossier_file, expected=opened.stamp)
    assert "a été modifié en dehors de cette fenêtre" in info.value.message
    assert dossier_file.read_bytes() == before


def test_a_touched_but_identical_file_is_not_a_conflict(dossier_file):
    opened = open_dossier_file(dossier_file)
    later = time.time() + 5
    os.utime(dossier_file, (later, later))  # a backup tool, a copy back with the same content
    opened.dossier.action.title = "Nouveau titre"
    stamp = save_dossier(opened.dossier, dossier_file, expected=opened.stamp)  # no DossierChangedOnDisk
    assert load_dossier(dossier_file).action.title == "Nouveau titre"
    assert stamp == file_stamp(dossier_file)


def test_a_crashed_holder_does_not_leave_the_dossier_locked(dossier_file, editors):
    a = editors(dossier_file)
    assert a.first[0] == "ouvert"
    assert holder(dossier_file).pid == a.proc.pid
    a.kill()  # kill -9: no chance to remove its lock file
    assert lock_path_for(dossier_file).exists()
    assert holder(dossier_file) is None  # seen as stale
    b = editors(dossier_file)
    assert b.first == ["ouvert", str(b.proc.pid)]
    b.close()


# ------------------------------------------------------------------------------------ stale locks
def _write_lock(path: Path, **changes) -> Path:
    lock = DossierLock.acquire(path)
    data = json.loads(lock.file.read_text(encoding="utf-8"))
    data.update(changes)
    lock.file.write_text(json.dumps(data), encoding="utf-8")
    return lock.file


def test_a_lock_from_before_a_reboot_is_stale(dossier_file):
    if not dossier_lock._boot_id():
        pytest.skip("no boot id on this system")
    _write_lock(dossier_file, boot_id="un-autre-demarrage")
    assert holder(dossier_file) is None
    DossierLock.acquire(dossier_file).release()


def test_a_lock_whose_pid_was_reused_is_stale(dossier_file):
    _write_lock(dossier_file, started=12345.0)  # this process's pid, but another start time
    assert holder(dossier_file) is None


def test_a_lock_of_another_computer_holds_until_its_heartbeat_stops(dossier_file):
    lock_file = _write_lock(dossier_file, host="PC-ACCUEIL", pid=999999)
    owner = holder(dossier_file)
    assert owner is not None and owner.host == "PC-ACCUEIL"
    assert "sur l'ordinateur « PC-ACCUEIL »" in owner.describe()
    with pytest.raises(DossierLocked):
        DossierLock.acquire(dossier_file)
    old = time.time() - dossier_lock.REMOTE_STALE_SECONDS - 1
    os.utime(lock_file, (old, old))
    assert holder(dossier_file) is None
    DossierLock.acquire(dossier_file).release()


def test_a_half_written_lock_is_stale_only_after_a_moment(dossier_file):
    lock_file = lock_path_for(dossier_file)
    lock_file.write_text("{", encoding="utf-8")
    with pytest.raises(DossierLocked):
        DossierLock.acquire(dossier_file)
    old = time.time() - dossier_lock.UNREADABLE_GRACE_SECONDS - 1
    os.utime(lock_file, (old, old))
    DossierLock.acquire(dossier_file).release()


def test_taking_over_makes_the_old_holder_see_it(dossier_file):
    first = DossierLock.acquire(dossier_file)
    second = DossierLock.acquire(dossier_file, take_over=True)
    assert not first.still_ours() and not first.heartbeat()
    first.release()  # must not remove the new holder's lock
    assert second.still_ours()
    second.release()
    assert not lock_path_for(dossier_file).exists()


def test_the_lock_file_is_private_and_names_its_holder(dossier_file):
    lock = DossierLock.acquire(dossier_file)
    data = json.loads(lock.file.read_text(encoding="utf-8"))
    assert data["pid"] == os.getpid() and data["host"] == socket.gethostname()
    assert {"boot_id", "started", "user", "token", "since"} <= set(data)
    if os.name == "posix":
        assert lock.file.stat().st_mode & 0o777 == 0o600
    lock.release()


def test_without_a_process_start_time_a_silent_heartbeat_decides(dossier_file):
    """Where the start time of a process cannot be read (not Linux), a reused process id could keep a lock
    alive for ever: the heartbeat decides then, as for another computer."""
    lock_file = _write_lock(dossier_file, started=0.0)  # this (running) process, start time unknown
    assert holder(dossier_file) is not None
    old = time.time() - dossier_lock.REMOTE_STALE_SECONDS - 1
    os.utime(lock_file, (old, old))
    assert holder(dossier_file) is None
