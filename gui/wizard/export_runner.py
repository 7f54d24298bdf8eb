"""The export, run in a worker thread: the window stays responsive, shows how far it is, and can cancel.

A long description (100 kB) takes seconds to lay out; done in the window's thread it froze the window
(issue 10). The worker exports a copy of the dossier taken when the user asked (what is typed meanwhile
goes into the next export), reports progress through `forms.export.export_dossier(progress=…)`, and
stops when asked: cancelling raises `ExportCancelled` from the progress callback, before anything is
written. A running thread is never destroyed under the application's feet: it is kept until it ends, it
is told to stop when the page goes away, and the application waits for it before quitting.
"""

from __future__ import annotations

import copy
import logging
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal, Slot

from forms.export import ExportCancelled, ExportError, export_dossier
from forms.model import Dossier
from forms.programmes import Catalogue

log = logging.getLogger(__name__)
_RUNNING: set[QThread] = set()  # threads still running, kept alive until they end


def wait_for_exports(timeout_ms: int = 30_000) -> None:
    """Ask every export to stop and wait for it (application exit)."""
    for thread in list(_RUNNING):
        thread.requestInterruption()
        thread.wait(timeout_ms)


class _Job(QObject):
    progressed = Signal(int)
    succeeded = Signal(list)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, args: dict[str, Any], stop: threading.Event) -> None:
        super().__init__()
        self.args = args
        self.stop = stop
        self.percent = -1

    def _progress(self, fraction: float) -> None:
        thread = QThread.currentThread()
        if self.stop.is_set() or (thread is not None and thread.isInterruptionRequested()):
            raise ExportCancelled
        percent = int(fraction * 100)
        if percent != self.percent:
            self.percent = percent
            self.progressed.emit(percent)

    @Slot()
    def run(self) -> None:
        try:
            paths = export_dossier(progress=self._progress, **self.args)
        except ExportCancelled:
            self.cancelled.emit()
        except ExportError as exc:  # a French message (no right to write, not a folder…)
            self.failed.emit(str(exc))
        except OSError as exc:
            log.exception("export impossible")
            self.failed.emit(f"{exc.strerror or exc}.")
        except Exception:  # a bug: logged with its traceback, the user gets a message, not a crash
            log.exception("export impossible (erreur interne)")
            self.failed.emit("une erreur interne de l'application l'a interrompu ; le journal en garde la trace.")
        else:
            self.succeeded.emit(paths)


class ExportRunner(QObject):
    """Starts one export at a time in a worker thread; its signals arrive in the window's thread."""

    progressed = Signal(int)  # 0…100
    succeeded = Signal(list)  # the paths written
    failed = Signal(str)  # a French reason
    cancelled = Signal()
    running_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: QThread | None = None
        self._stop = threading.Event()
        stop = self._stop
        self.destroyed.connect(lambda *_: stop.set())  # the page went away: the export stops
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(wait_for_exports)

    def running(self) -> bool:
        return self._thread is not None

    def start(self, dossier: Dossier, catalogue: Catalogue, verdicts: Sequence[Any] | None, out_dir: Path,
              formats: Sequence[str]) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        stop = self._stop
        args = {"dossier": copy.deepcopy(dossier), "catalogue": catalogue,
                "verdicts": None if verdicts is None else list(verdicts), "out_dir": out_dir,
                "formats": tuple(formats)}
        job = _Job(args, stop)
        thread = QThread()
        job.moveToThread(thread)
        thread.started.connect(job.run)
        job.progressed.connect(self.progressed)
        job.succeeded.connect(self._succeeded)
        job.failed.connect(self._failed)
        job.cancelled.connect(self._cancelled)
        for signal in (job.succeeded, job.failed, job.cancelled):
            signal.connect(thread.quit)
        thread.finished.connect(lambda: _RUNNING.discard(thread))
        thread.finished.connect(job.deleteLater)
        thread.finished.connect(thread.deleteLater)
        _RUNNING.add(thread)
        self._thread = thread
        self._job = job  # kept: the worker object lives as long as its thread
        self.running_changed.emit(True)
        thread.start()

    def cancel(self) -> None:
        self._stop.set()

    def wait(self, timeout_ms: int = 30_000) -> bool:
        """Wait for the running export's thread (tests, closing)."""
        thread = self._thread
        return True if thread is None else bool(thread.wait(timeout_ms))

    def _end(self) -> None:
        self._thread = None
        self.running_changed.emit(False)

    def _succeeded(self, paths: list[Path]) -> None:
        self._end()
        self.succeeded.emit(paths)

    def _failed(self, reason: str) -> None:
        self._end()
        self.failed.emit(reason)

    def _cancelled(self) -> None:
        self._end()
        self.cancelled.emit()
