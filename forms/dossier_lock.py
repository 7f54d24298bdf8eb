"""One writer per dossier: a lock file beside the dossier, that a crashed instance does not leave stuck.

The same dossier can be open twice: two instances of the application, or the library and a file opened
from the file manager, on one computer or on two computers that share a folder. Without a lock, the
second save silently replaces the first one's edits.

The lock is a small JSON file `.<name>.verrou` in the dossier's folder, created with `O_CREAT | O_EXCL`
(atomic on local disks, NFS and SMB shares: no reliance on flock, which network shares do not all
honour). It says who holds it: process id, start time of that process, host name, boot id, user name,
a random token, and when it was taken. The holder rewrites it every `HEARTBEAT_SECONDS` (its mtime is
the heartbeat).

A lock is *stale* (and silently replaced) when its holder cannot be running any more:
- same host, another boot (the boot id changed): the machine restarted since;
- same host, same boot, and no process with that id, or a process with that id that started at another
  time (the id was reused);
- a file that cannot be read as a lock (a crash while it was being written), once it is older than a
  few seconds;
- another host (nothing can be asked to it): when the heartbeat is older than `REMOTE_STALE_SECONDS`.
Otherwise the lock is held and the caller decides (read-only, a copy, or taking it over).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import getpass
import json
import os
import socket
import time
import uuid
from dataclasses import asdict, dataclass
from pathlib import Path

LOCK_SUFFIX = ".verrou"
HEARTBEAT_SECONDS = 60.0
REMOTE_STALE_SECONDS = 10 * 60.0  # ten missed heartbeats: the other computer is off or crashed
UNREADABLE_GRACE_SECONDS = 5.0  # a lock being written right now is not yet readable


@dataclass(frozen=True)
class LockOwner:
    """Who holds a dossier's lock (what the lock file says)."""

    pid: int
    host: str
    boot_id: str
    started: float  # the holding process's start time (seconds since the epoch, from the system)
    user: str
    token: str
    since: str  # ISO time the lock was taken

    def describe(self) -> str:
        """In French, for the dialog: « par marie sur PC-ACCUEIL depuis 14:05 »."""
        try:
            when = dt.datetime.fromisoformat(self.since).strftime("%d/%m/%Y à %H:%M")
        except ValueError:
            when = ""
        parts = []
        if self.user:
            parts.append(f"par {self.user}")
        parts.append("sur cet ordinateur" if self.host == _host() else f"sur l'ordinateur « {self.host} »")
        if when:
            parts.append(f"depuis le {when}")
        return " ".join(parts)


class DossierLocked(Exception):
    """Another running instance holds the dossier's lock. `owner` says which."""

    def __init__(self, path: Path, owner: LockOwner | None) -> None:
        self.path = path
        self.owner = owner
        who = owner.describe() if owner else "par une autre fenêtre"
        super().__init__(f"« {path.name} » est déjà ouvert {who}.")


def lock_path_for(dossier_path: Path | str) -> Path:
    path = Path(dossier_path)
    return path.with_name(f".{path.name}{LOCK_SUFFIX}")


# ------------------------------------------------------------------------------------------ this process
def _host() -> str:
    return socket.gethostname()


def _boot_id() -> str:
    """An id that changes at every boot of this machine (Linux); empty elsewhere."""
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text(encoding="ascii").strip()
    except OSError:
        return ""


def process_start_time(pid: int) -> float | None:
    """When process `pid` started (seconds since the epoch), or None when there is no such process.

    Linux reads /proc; elsewhere only whether the process exists can be known (0.0 then)."""
    proc = Path(f"/proc/{pid}/stat")
    if Path("/proc/self/stat").exists():
        try:
            fields = proc.read_text(encoding="ascii", errors="replace").rsplit(")", 1)[1].split()
            ticks = int(fields[19])
            uptime = float(Path("/proc/uptime").read_text(encoding="ascii").split()[0])
        except (OSError, ValueError, IndexError):
            return None
        # rounded: the same process read twice must give the same value despite clock ticks
        return round(time.time() - uptime + ticks / os.sysconf("SC_CLK_TCK"), 0)
    return 0.0 if _pid_exists(pid) else None


def _pid_exists(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return _windows_pid_exists(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # exists, owned by another user
        return True
    except OSError:
        return False
    return True


def _windows_pid_exists(pid: int) -> bool:
    """Whether a process `pid` is running, asked to Windows itself (no extra library)."""
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _user() -> str:
    with contextlib.suppress(Exception):
        return getpass.getuser()
    return ""


def _this_owner() -> LockOwner:
    pid = os.getpid()
    return LockOwner(
        pid=pid,
        host=_host(),
        boot_id=_boot_id(),
        started=process_start_time(pid) or 0.0,
        user=_user(),
        token=uuid.uuid4().hex,
        since=dt.datetime.now().astimezone().isoformat(timespec="seconds"),
    )


# ------------------------------------------------------------------------------------------ reading
def read_owner(lock_file: Path) -> LockOwner | None:
    """The owner written in a lock file, or None when it cannot be read as one."""
    try:
        data = json.loads(lock_file.read_text(encoding="utf-8"))
        return LockOwner(
            pid=int(data["pid"]), host=str(data["host"]), boot_id=str(data["boot_id"]),
            started=float(data["started"]), user=str(data["user"]), token=str(data["token"]),
            since=str(data["since"]),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def is_stale(lock_file: Path, owner: LockOwner | None, now: float | None = None) -> bool:
    """Whether the holder of `lock_file` cannot be running any more (see the module's docstring)."""
    now = time.time() if now is None else now
    try:
        age = now - lock_file.stat().st_mtime
    except FileNotFoundError:
        return True
    except OSError:
        return False
    if owner is None:
        return age > UNREADABLE_GRACE_SECONDS
    if owner.host != _host():
        return age > REMOTE_STALE_SECONDS
    boot = _boot_id()
    if owner.boot_id and boot and owner.boot_id != boot:
        return True
    started = process_start_time(owner.pid)
    if started is None:
        return True
    if not (owner.started and started):
        # no start time to tell a reused process id (not Linux): a silent heartbeat decides, as for a remote lock
        return age > REMOTE_STALE_SECONDS
    return abs(started - owner.started) > 2


def holder(dossier_path: Path | str) -> LockOwner | None:
    """Who holds the dossier's lock now (None when nobody, or only a stale lock is left)."""
    lock_file = lock_path_for(dossier_path)
    if not lock_file.exists():
        return None
    owner = read_owner(lock_file)
    if is_stale(lock_file, owner):
        return None
    return owner or LockOwner(0, "", "", 0.0, "", "", "")


# ------------------------------------------------------------------------------------------ the lock
class DossierLock:
    """The lock this process holds on one dossier. Release it when the dossier is closed.

    `DossierLock.acquire(path)` raises `DossierLocked` when a running instance holds it;
    `DossierLock.acquire(path, take_over=True)` replaces the other holder's lock (the user chose to).
    """

    def __init__(self, dossier_path: Path, owner: LockOwner) -> None:
        self.dossier_path = Path(dossier_path)
        self.file = lock_path_for(dossier_path)
        self.owner = owner
        self._last_beat = time.monotonic()

    @classmethod
    def acquire(cls, dossier_path: Path | str, *, take_over: bool = False) -> DossierLock:
        dossier_path = Path(dossier_path)
        lock_file = lock_path_for(dossier_path)
        owner = _this_owner()
        payload = json.dumps(asdict(owner), ensure_ascii=False).encode("utf-8")
        for _attempt in range(5):
            try:
                fd = os.open(lock_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                current = read_owner(lock_file)
                if not take_over and not is_stale(lock_file, current):
                    raise DossierLocked(dossier_path, current) from None
                # stale, or taken over on purpose: remove it and race for a new one (O_EXCL decides)
                with contextlib.suppress(FileNotFoundError):
                    lock_file.unlink()
                continue
            try:
                os.write(fd, payload)
                os.fsync(fd)
            finally:
                os.close(fd)
            return cls(dossier_path, owner)
        raise DossierLocked(dossier_path, read_owner(lock_file))

    def still_ours(self) -> bool:
        """Whether the lock file is still this one (another instance may have taken over)."""
        current = read_owner(self.file)
        return current is not None and current.token == self.owner.token

    def heartbeat(self, *, force: bool = False) -> bool:
        """Touch the lock so that other computers see it alive; False when it is no longer ours."""
        if not self.still_ours():
            return False
        if force or time.monotonic() - self._last_beat >= HEARTBEAT_SECONDS:
            with contextlib.suppress(OSError):
                os.utime(self.file)
            self._last_beat = time.monotonic()
        return True

    def release(self) -> None:
        release(self)


def release(lock: DossierLock) -> None:
    """Remove the lock file if it is still this lock's (never another instance's that took over)."""
    if lock.still_ours():
        with contextlib.suppress(OSError):
            lock.file.unlink()
