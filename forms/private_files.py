"""Files and folders only their owner can read, for shared computers (a social centre's reception PC).

A dossier holds a resident's or an association's details (names, IBAN, budget). On POSIX systems every
folder the application creates is 0700 and every file it writes is 0600: another account on the same
computer can neither read the files nor list their names (the names of the dossiers say who applied).
On Windows, the user's profile folders are already private to the account; the modes are not applied.
"""

from __future__ import annotations

import contextlib
import os
from logging.handlers import RotatingFileHandler
from pathlib import Path

PRIVATE_DIR_MODE = 0o700
PRIVATE_FILE_MODE = 0o600
POSIX = os.name == "posix"


def make_private_dir(folder: Path | str) -> Path:
    """Create `folder` (and its missing parents) readable by its owner only; an existing folder is made
    private too. Folders that cannot be changed (a network share that ignores modes) are left as they are."""
    folder = Path(folder)
    missing = []
    probe = folder
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(parents=True, exist_ok=True)
    if POSIX:
        for created in [folder, *missing]:
            with contextlib.suppress(OSError):
                os.chmod(created, PRIVATE_DIR_MODE)
    return folder


def make_private_file(path: Path | str) -> None:
    """Make an existing file readable and writable by its owner only."""
    if POSIX:
        with contextlib.suppress(OSError):
            os.chmod(path, PRIVATE_FILE_MODE)


class PrivateRotatingFileHandler(RotatingFileHandler):
    """A rotating log whose files (the current one and the rotated ones) are 0600: a log names dossiers."""

    def _open(self):  # type: ignore[no-untyped-def]
        stream = super()._open()
        make_private_file(self.baseFilename)
        return stream
