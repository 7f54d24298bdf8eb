"""A tour of the application that saves a screenshot of each window and step, then quits.

    DOSSIER_CDV_SCREENSHOT_TOUR=<folder> python main.py --dossier FILE

starts the application as usual, then saves into <folder>:
- `00-bibliotheque.png`: the library window (the dossiers of the library in use);
- `01-appel.png` … `10-verification.png`: the dossier window of FILE on each step of the wizard;
and quits (exit code 0; 1 if a screenshot could not be taken — the reason goes to stderr and the log).
With `DOSSIER_CDV_TOUR_EXPORT=1` as well, the tour then presses the last step's « DOCX et PDF » export button
and writes the paths of the exported files into `<folder>/exports.txt` (the installed package's test,
tests/packaging/, checks a real export that way).
Without `--dossier`, only the library window is taken. Windows get a fixed size (below), so screenshots
are comparable from one run to the next. Used by tests/gui/test_screenshots_xvfb.py under a real X
server (Xvfb) and to make the screenshots of the README (docs/screenshots).

Opening the dossier saves it as usual (the step shown, the steps visited): give it a copy.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QObject, QSize, QTimer
from PySide6.QtWidgets import QApplication, QWidget

TOUR_ENV = "DOSSIER_CDV_SCREENSHOT_TOUR"
EXPORT_ENV = "DOSSIER_CDV_TOUR_EXPORT"
EXPORTS_LIST = "exports.txt"
EXPORT_TIMEOUT_S = 120
LIBRARY_SIZE = QSize(1000, 560)
DOSSIER_SIZE = QSize(1180, 780)
LIBRARY_SHOT = "00-bibliotheque.png"
STATES_WAIT_MS = 15_000

log = logging.getLogger(__name__)


def step_shot_name(number: int, step_id: str) -> str:
    return f"{number:02d}-{step_id}.png"


class ScreenshotTour(QObject):
    """Takes the screenshots one per turn of the event loop (each window laid out and painted first)."""

    def __init__(self, app: QApplication, library: QWidget, dossier: Path | None, folder: Path) -> None:
        super().__init__(app)
        self.app = app
        self.library = library
        self.dossier = dossier
        self.folder = folder
        self.saved: list[Path] = []
        self._steps: Iterator[int] | None = None
        self._states_ready = False
        states_ready = getattr(library, "states_ready", None)
        if states_ready is not None:
            states_ready.connect(self._on_states_ready)
        else:
            self._states_ready = True

    def _on_states_ready(self) -> None:
        self._states_ready = True

    def start(self) -> None:
        self._steps = self._tour()
        QTimer.singleShot(0, self._next)

    def _next(self) -> None:
        assert self._steps is not None
        try:
            delay = next(self._steps)
        except StopIteration:
            self._finish(0)
            return
        except Exception as exc:  # the tour must end, never leave a process waiting on a dialog
            log.exception("visite des captures d'écran interrompue")
            print(f"Captures d'écran impossibles : {exc!r}", file=sys.stderr)
            self._finish(1)
            return
        QTimer.singleShot(delay, self._next)

    def _tour(self) -> Iterator[int]:
        """Yields the milliseconds to wait before going on (0: the next turn of the event loop)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.library.resize(LIBRARY_SIZE)
        for _ in range(STATES_WAIT_MS // 20):  # the states of the dossiers ("Brouillon"…) are computed
            if self._states_ready:
                break
            yield 20
        yield 0
        self._shoot(self.library, LIBRARY_SHOT)
        if self.dossier is None:
            return
        from forms.steps import STEP_IDS
        from forms.storage import load_dossier

        load_dossier(self.dossier)  # an unreadable file ends the tour here, not in a dialog nobody closes
        window = self.library.open_dossier(self.dossier)  # type: ignore[attr-defined]
        if window is None or not hasattr(window, "show_step"):
            raise RuntimeError(f"le dossier {self.dossier} ne s'ouvre pas dans l'assistant")
        window.resize(DOSSIER_SIZE)
        window.raise_()
        for number, step_id in enumerate(STEP_IDS, start=1):
            window.show_step(step_id)
            window.pages[step_id].scroll.verticalScrollBar().setValue(0)
            window.ctx.flush()  # saved now rather than a moment later: the window says "Enregistré…"
            yield 0
            self._shoot(window, step_shot_name(number, step_id))
        if os.environ.get(EXPORT_ENV):
            yield from self._export(window)

    def _export(self, window: QWidget) -> Iterator[int]:
        """Press the export button of the last step, as a user would, wait for the export (it runs in a
        worker thread), and list the files written."""
        page = window.pages["verification"]  # type: ignore[attr-defined]
        blocking = [v for v in window.ctx.verdicts if v.level == "bloquant"]  # type: ignore[attr-defined]
        if blocking:  # the button would ask a question nobody answers here
            raise RuntimeError(f"export impossible sans question : {len(blocking)} problème(s) bloquant(s)")
        page.both_button.click()
        deadline = time.monotonic() + EXPORT_TIMEOUT_S
        while page.runner.running():
            if time.monotonic() > deadline:
                raise RuntimeError(f"l'export ne s'est pas terminé en {EXPORT_TIMEOUT_S} s")
            yield 50  # the window's events go on meanwhile (progress, the worker's signals)
        if not page.last_exports:
            raise RuntimeError("l'export n'a écrit aucun fichier")
        (self.folder / EXPORTS_LIST).write_text("".join(f"{p}\n" for p in page.last_exports), encoding="utf-8")

    def _shoot(self, widget: QWidget, name: str) -> None:
        self.app.processEvents()
        path = self.folder / name
        if not widget.grab().save(str(path), "PNG"):
            raise OSError(f"impossible d'écrire {path}")
        self.saved.append(path)

    def _finish(self, code: int) -> None:
        self.library.close()  # closes (and saves) the dossier window too
        self.app.exit(code)


def start_tour(app: QApplication, library: QWidget, dossier: str | None, folder: str) -> ScreenshotTour:
    tour = ScreenshotTour(app, library, Path(dossier) if dossier else None, Path(folder))
    tour.start()
    return tour
