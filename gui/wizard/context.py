"""The open dossier as the wizard's pages see it: the model, its file, live checking and autosave.

Pages never keep their own copy of the data: every edit goes through `WizardContext.set_value(path, v)`,
which writes the model, then (debounced) re-runs the rules and saves the file. Exports and rules read
only the model.

One writer per dossier (issue 9): the context holds the dossier's lock (forms.dossier_lock) and the stamp of
the file as this window last read or wrote it (forms.file_stamp). Each save first checks the file on disk
against that stamp; when another window, computer or program changed it, nothing is overwritten and the
user chooses (gui.conflict_dialog): keep both as two files, take over, or reopen it read-only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from forms.dossier_lock import HEARTBEAT_SECONDS, DossierLock, DossierLocked
from forms.fieldpath import get_path, set_path
from forms.file_stamp import FileStamp
from forms.model import Dossier
from forms.programmes import Call, Catalogue, Territory
from forms.settings import Settings
from forms.steps import normalise_path
from forms.storage import DossierChangedOnDisk, DossierFileError, save_dossier

log = logging.getLogger(__name__)

AUTOSAVE_DELAY_MS = 1200  # a moment after the last change
CHECK_DELAY_MS = 250  # re-check while typing, without re-checking on every key press
META = "meta"  # the dossier's bookkeeping (dates, the wizard's step), which the rules never read


def concrete_path(path: str) -> str:
    """The path as the wizard's widgets name it: the wizard edits the first action, while rules may name
    any action (`actions[*]`)."""
    return normalise_path(path).replace("actions[*]", "actions[0]")


def path_within(prefix: str, path: str) -> bool:
    """Whether `path` is `prefix` or a path under it (`prefix.x`, `prefix[0]`)."""
    return path == prefix or path.startswith((prefix + ".", prefix + "["))


def run_checks(dossier: Dossier, catalogue: Catalogue) -> list[Any]:
    """The verdicts of the rules (imported here: the window opens before the rules are first needed)."""
    from rules import check_dossier

    return list(check_dossier(dossier, catalogue))


class WizardContext(QObject):
    changed = Signal(str)  # a field path was edited
    call_changed = Signal()  # the call answered changed: pages rebuild their programme-dependent parts
    verdicts_changed = Signal(list)
    saved = Signal(str)  # ISO time of the save
    save_failed = Signal(str)  # French message
    path_changed = Signal(Path)  # the window now edits another file (« garder les deux »)
    reopen_read_only = Signal(Path)  # the user chose to see the other version, read-only

    def __init__(
        self,
        path: Path,
        dossier: Dossier,
        catalogue: Catalogue,
        settings: Settings,
        parent: QObject | None = None,
        *,
        stamp: FileStamp | None = None,
        lock: DossierLock | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__(parent)
        self.path = path
        self.dossier = dossier
        self.catalogue = catalogue
        self.settings = settings
        self.verdicts: list[Any] = []
        self.dirty = False
        self.stamp = stamp  # the file as this window last read or wrote it (None: not checked)
        self.lock = lock
        self.read_only = read_only  # nothing is ever written (the dossier is open elsewhere)
        self._resolving = False
        self._focus_handler: Callable[[str], None] | None = None
        self._conflict_handler: Callable[[str], str] | None = None
        self._save_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_DELAY_MS)
        self._save_timer.timeout.connect(self.save_now)
        self._check_timer = QTimer(self, singleShot=True, interval=CHECK_DELAY_MS)
        self._check_timer.timeout.connect(self.recheck)
        self._heartbeat = QTimer(self, interval=int(HEARTBEAT_SECONDS * 1000))
        self._heartbeat.timeout.connect(self._beat)
        if lock is not None:
            self._heartbeat.start()

    # ------------------------------------------------------------------ programme
    @property
    def call(self) -> Call | None:
        return self.catalogue.calls.get(self.dossier.call.call)

    @property
    def territory(self) -> Territory | None:
        call = self.call
        if call is not None:
            return self.catalogue.territories.get(call.territory)
        return self.catalogue.territories.get(self.dossier.call.territory)

    # ------------------------------------------------------------------ editing
    def value(self, path: str, default: Any = None) -> Any:
        return get_path(self.dossier, path, default)

    def set_value(self, path: str, value: Any) -> None:
        """Write one value into the model, then schedule a re-check and an autosave."""
        if get_path(self.dossier, path, _MISSING) == value:
            return
        set_path(self.dossier, path, value)
        self.touch(path)

    def touch(self, path: str = "") -> None:
        """Record that the model changed (for edits made directly on the model by a page).

        A change under `meta` (the step shown, the export date…) is saved but not re-checked: no rule
        reads it, and the wizard writes it on every change of step.
        """
        self.dirty = True
        self.changed.emit(path)
        if not path_within(META, path):
            self._check_timer.start()
        self._save_timer.start()

    def set_call(self, call_id: str) -> None:
        call = self.catalogue.calls.get(call_id)
        if call is None or call_id == self.dossier.call.call:
            return
        self.dossier.call.call = call.id
        self.dossier.call.territory = call.territory
        self.dossier.call.year = call.year
        self.touch("call.call")
        self.call_changed.emit()

    # ------------------------------------------------------------------ checks and saving
    def recheck(self) -> None:
        self._check_timer.stop()
        try:
            self.verdicts = run_checks(self.dossier, self.catalogue)
        except Exception:  # a rule bug must not lose the user's work or block typing
            log.exception("échec des vérifications")
            self.verdicts = []
        self.verdicts_changed.emit(self.verdicts)

    def save_now(self) -> bool:
        """Save if anything changed. Returns False (and says why) when the file could not be written.

        The file is written only if it is still the one this window last read or wrote, and only while
        this window holds the dossier's lock; otherwise the user chooses (`_resolve_conflict`)."""
        self._save_timer.stop()
        if self.read_only or not self.dirty or self._resolving:
            return True
        try:
            if self.lock is not None and not self.lock.still_ours():
                raise DossierChangedOnDisk(self.path, _taken_over_message(self.path))
            self.stamp = save_dossier(self.dossier, self.path, expected=self.stamp)
        except DossierChangedOnDisk as exc:
            log.warning("conflit d'enregistrement : %s", exc.message)
            return self._resolve_conflict(exc.message)
        except DossierFileError as exc:
            log.warning("enregistrement impossible : %s", exc.message)
            self.save_failed.emit(exc.message)
            return False
        self.dirty = False
        self.saved.emit(self.dossier.meta.modified)
        return True

    # ------------------------------------------------------------------ one writer per dossier
    def set_conflict_handler(self, handler: Callable[[str], str]) -> None:
        """`handler(message)` asks the user and returns "keep_both", "take_over" or "read_only"."""
        self._conflict_handler = handler

    def _resolve_conflict(self, message: str) -> bool:
        if self._conflict_handler is None:
            self.save_failed.emit(message)
            return False
        self._resolving = True  # the dialog runs an event loop: no autosave meanwhile
        try:
            choice = self._conflict_handler(message)
            if choice == "take_over":
                return self._take_over()
            if choice == "read_only":
                self.read_only = True
                self.release()
                self.reopen_read_only.emit(self.path)
                return True
            return self._keep_both()
        finally:
            self._resolving = False

    def _take_over(self) -> bool:
        """Write this window's version over the other one, and hold the lock again."""
        try:
            self.release()
            self.lock = DossierLock.acquire(self.path, take_over=True)
            self._heartbeat.start()
            self.stamp = save_dossier(self.dossier, self.path)
        except (DossierFileError, DossierLocked, OSError) as exc:
            self.save_failed.emit(getattr(exc, "message", str(exc)))
            return False
        self.dirty = False
        self.saved.emit(self.dossier.meta.modified)
        return True

    def _keep_both(self) -> bool:
        """Leave the file as the other wrote it; save this window's version as a new file beside it, which
        this window edits from now on."""
        from forms.library import conflict_copy_path

        target = conflict_copy_path(self.path)
        try:
            lock = DossierLock.acquire(target)
            stamp = save_dossier(self.dossier, target)
        except (DossierFileError, DossierLocked, OSError) as exc:
            self.save_failed.emit(getattr(exc, "message", str(exc)))
            return False
        self.release()
        self.path, self.lock, self.stamp = target, lock, stamp
        self._heartbeat.start()
        self.dirty = False
        self.path_changed.emit(target)
        self.saved.emit(self.dossier.meta.modified)
        return True

    def _beat(self) -> None:
        if self.lock is not None:
            self.lock.heartbeat(force=True)

    def release(self) -> None:
        """Give the dossier's lock back (the window closes, or stops writing)."""
        self._heartbeat.stop()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def flush(self) -> bool:
        """Run what is pending now (before an export, on leaving a page, on closing)."""
        if self._check_timer.isActive():
            self.recheck()
        return self.save_now()

    # ------------------------------------------------------------------ navigation
    def set_focus_handler(self, handler: Callable[[str], None]) -> None:
        self._focus_handler = handler

    def focus_field(self, path: str) -> None:
        """Show the page of `path` and put the cursor in its field."""
        if self._focus_handler is not None:
            self._focus_handler(path)


def _taken_over_message(path: Path) -> str:
    return (
        f"« {path.name} » a été repris dans une autre fenêtre ou sur un autre ordinateur, qui peut l'avoir "
        "modifié. Il n'a pas été remplacé : choisissez ce que vous voulez garder."
    )


_MISSING = object()
