"""Loading the suggester of a call (rules.suggest) in the background: the French dictionary and the lexicon
take about a second, the window never waits for them.

One loader per process. `request(catalogue, call_id)` returns the suggester at once when it is ready, or
None and starts loading it in a thread; `ready(call_id)` or `failed(call_id, message)` then arrive in the UI
thread. A suggestion itself takes a few milliseconds: it runs in the UI thread.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal

from forms.programmes import Catalogue
from rules.suggest import Suggester, suggester_for

log = logging.getLogger(__name__)


class _Signals(QObject):
    loaded = Signal(str, object, str)  # call id, Suggester or None, French error


class _LoadTask(QRunnable):
    def __init__(self, catalogue: Catalogue, call_id: str, signals: _Signals) -> None:
        super().__init__()
        self.catalogue = catalogue
        self.call_id = call_id
        self.signals = signals

    def run(self) -> None:
        # Building the suggester allocates a lot; the garbage collector never runs in this thread for it
        # (gui/gc_guard.py: collections happen in the UI thread only).
        try:
            suggester = suggester_for(self.catalogue, self.call_id)
        except Exception as exc:  # a broken lexicon file: the wizard works on without suggestions
            log.exception("Propositions impossibles pour l'appel %s", self.call_id)
            self.signals.loaded.emit(self.call_id, None, f"Les propositions ne sont pas disponibles : {exc}")
            return
        self.signals.loaded.emit(self.call_id, suggester, "")


class SuggestLoader(QObject):
    ready = Signal(str)  # call id
    failed = Signal(str, str)  # call id, French message

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._signals = _Signals(self)
        self._signals.loaded.connect(self._loaded)
        self._suggesters: dict[tuple[Catalogue, str], Suggester] = {}  # the catalogue by identity
        self._errors: dict[tuple[Catalogue, str], str] = {}
        self._pending: set[tuple[Catalogue, str]] = set()

    def request(self, catalogue: Catalogue, call_id: str) -> Suggester | None:
        key = (catalogue, call_id)
        if key in self._suggesters:
            return self._suggesters[key]
        if key not in self._pending and key not in self._errors:
            self._pending.add(key)
            self._pool.start(_LoadTask(catalogue, call_id, self._signals))
        return None

    def error(self, catalogue: Catalogue, call_id: str) -> str:
        return self._errors.get((catalogue, call_id), "")

    def wait(self, msecs: int = -1) -> bool:
        """For tests and closing: wait for the loading under way."""
        return self._pool.waitForDone(msecs)

    def _loaded(self, call_id: str, suggester: Suggester | None, error: str) -> None:
        key = next((k for k in self._pending if k[1] == call_id), None)
        if key is None:
            return
        self._pending.discard(key)
        if suggester is None:
            self._errors[key] = error
            self.failed.emit(call_id, error)
        else:
            self._suggesters[key] = suggester
            self.ready.emit(call_id)


_LOADER: SuggestLoader | None = None


def suggest_loader() -> SuggestLoader:
    """The process's loader, a child of the application (it lives as long as the application)."""
    global _LOADER
    if _LOADER is None:
        _LOADER = SuggestLoader(QCoreApplication.instance())
        _LOADER.destroyed.connect(_forget)
    return _LOADER


def _forget() -> None:
    global _LOADER
    _LOADER = None
