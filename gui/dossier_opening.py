"""Opening a dossier for editing, with one writer per dossier (issue 9): read the file and its stamp, take
its lock, and when another window holds it, let the user choose (read-only, a copy, or take over). Texts
repaired on load are told. The library window calls `prepare_opening` before it builds the dossier window.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from forms.dossier_lock import DossierLock, DossierLocked
from forms.library import copy_beside
from forms.storage import DossierFileError, OpenedDossier, open_dossier_file, remove_stale_temp_files
from forms.text_repair import repaired_fields_message
from gui.conflict_dialog import COPY, READ_ONLY, ask_when_locked
from gui.errors import show_error

log = logging.getLogger(__name__)


@dataclass
class Opening:
    path: Path  # the file the window edits (a copy when the user chose one)
    opened: OpenedDossier
    lock: DossierLock | None
    read_only: bool

    def release(self) -> None:
        if self.lock is not None:
            self.lock.release()
            self.lock = None


def prepare_opening(parent: QWidget | None, path: Path, *, read_only: bool = False) -> Opening | None:
    """Everything the dossier window needs, or None when the file cannot be read or the user cancelled."""
    try:
        opened = open_dossier_file(path)
    except DossierFileError as exc:
        show_error(parent, "Ouverture impossible", exc.message)
        return None
    lock = None
    if not read_only:
        try:
            lock = DossierLock.acquire(path)
        except DossierLocked as exc:
            choice = ask_when_locked(parent, path, exc.owner)
            if choice is None:
                return None
            if choice == READ_ONLY:
                read_only = True
            elif choice == COPY:
                return _open_a_copy(parent, path)
            else:
                lock = DossierLock.acquire(path, take_over=True)
        except OSError:  # a folder where nothing can be written: the first save will say so
            log.warning("verrou impossible pour %s", path, exc_info=True)
    if lock is not None:
        remove_stale_temp_files(path, older_than=0)  # no save of it can be running: ours is the lock
    if opened.repaired:
        QMessageBox.information(parent, "Texte réparé", repaired_fields_message(opened.repaired))
    return Opening(path, opened, lock, read_only)


def _open_a_copy(parent: QWidget | None, path: Path) -> Opening | None:
    try:
        copy = copy_beside(path)
    except (DossierFileError, OSError) as exc:
        show_error(parent, "Copie impossible", getattr(exc, "message", None) or f"{exc}")
        return None
    return prepare_opening(parent, copy)
