"""Starting the application: the QApplication (French), the log file, the exception hook, the library
window, and the dossier to reopen.

Kept cheap to import: the windows, the catalogue and the rules are imported when needed, so that
`python main.py` shows a window quickly (see bench/bench_startup.py).

Environment variables:
- `DOSSIER_CDV_HOME`: everything (settings, profiles, logs, library) in one private folder (forms.paths);
- `DOSSIER_CDV_SCREENSHOT_TOUR=<folder>`: save a screenshot of the library window and of each step of the
  `--dossier` given into <folder>, then quit (gui/screenshot_tour.py; for the README and the Xvfb test);
- `DOSSIER_CDV_BENCH_QUIT=1`: print the seconds from process start to the library window being shown
  and painted once (`shown <seconds>` on stdout) and quit; `DOSSIER_CDV_BENCH_T0` (a `time.time()` taken by the caller
  before starting the process) is the start when given, else the process start time from the system.
"""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

APP_NAME = "dossier-contrat-de-ville"
APP_DISPLAY_NAME = "Dossiers contrat de ville"
ORGANISATION = "dossier-contrat-de-ville"
DESKTOP_FILE = "fr.contratdeville.Dossier"  # packaging/fr.contratdeville.Dossier.desktop
ICON_FILE = Path(__file__).resolve().parent.parent / "packaging" / f"{DESKTOP_FILE}.svg"  # also in the bundle
BENCH_ENV = "DOSSIER_CDV_BENCH_QUIT"
BENCH_T0_ENV = "DOSSIER_CDV_BENCH_T0"
SCREENSHOT_TOUR_ENV = "DOSSIER_CDV_SCREENSHOT_TOUR"  # gui.screenshot_tour.TOUR_ENV (not imported at start-up)

log = logging.getLogger(__name__)


def create_application(argv: Sequence[str] | None = None) -> QApplication:
    """The QApplication, named and in French (reuses the running one, e.g. in tests)."""
    from gui.i18n import install_translations

    app = QApplication.instance()
    if app is None:
        app = QApplication(list(argv) if argv is not None else sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_DISPLAY_NAME)
    app.setOrganizationName(ORGANISATION)
    app.setDesktopFileName(DESKTOP_FILE)
    if app.windowIcon().isNull():  # the installed icon (hicolor), else the one beside the code or in the bundle
        from PySide6.QtGui import QIcon

        app.setWindowIcon(QIcon.fromTheme(DESKTOP_FILE, QIcon(str(ICON_FILE))))
    if not getattr(app, "_dossier_cdv_translators", None):
        install_translations(app)
    from gui.widgets.wheel_guard import install_wheel_guard

    install_wheel_guard(app)  # the wheel scrolls the page, never changes a field not clicked into
    from gui.gc_guard import install_main_thread_gc

    install_main_thread_gc(app)  # worker threads must never finalise the UI thread's Qt objects
    return app


def run_gui(dossier: str | None = None) -> int:
    """Open the application; `dossier` (from `--dossier`) is opened directly. Returns the exit code."""
    from gui import errors

    log_file = errors.setup_logging()
    errors.install_fault_handler()
    errors.install_excepthook()
    errors.install_qt_message_handler()
    app = create_application(sys.argv[:1])
    log.info("Démarrage ; journal : %s", log_file)

    from forms.settings import Settings
    from gui.library_window import LibraryWindow

    bench = bool(os.environ.get(BENCH_ENV))
    settings = Settings()
    window = LibraryWindow(settings)
    if bench:
        _quit_when_painted(app, window)
    window.show()
    tour = os.environ.get(SCREENSHOT_TOUR_ENV)
    if tour and not bench:
        from gui.screenshot_tour import start_tour

        start_tour(app, window, dossier, tour)
    elif not bench:
        from forms import session

        ended = session.begin_session()
        target = dossier or _dossier_to_reopen(settings.get("last_dossier"))
        if target:
            QTimer.singleShot(0, lambda: window.open_dossier(Path(target)))
        if ended:  # after an abnormal end: what was recovered first; the tour would only get in the way
            QTimer.singleShot(0, lambda: _tell_about_recovery(window, ended, target, log_file))
        elif not target:  # the first start: a short guided tour, skippable with Échap
            QTimer.singleShot(0, window.first_start_tour)
    code = app.exec()
    window.wait_for_tasks()
    exports = sys.modules.get("gui.wizard.export_runner")
    if exports is not None:  # an export still running ends (or is stopped) before the process does
        exports.wait_for_exports()
    if not bench and not tour:
        from forms import session

        session.end_session()
    return code


def _tell_about_recovery(window: QWidget, ended: list, target: str, log_file: Path) -> None:
    """After an abnormal end: say which dossier was recovered, from which save (gui.recovery)."""
    from gui.recovery import tell_about_recovery

    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w is not window]
    window._recovery_box = tell_about_recovery(shown[-1] if shown else window, ended,  # type: ignore[attr-defined]
                                               Path(target) if target else None, log_file)


def _dossier_to_reopen(last: str) -> str:
    """The dossier that was open when the application was closed, if it is still there."""
    return last if last and Path(last).is_file() else ""


# ------------------------------------------------------------------------------------------- bench
def process_start_time() -> float:
    """`time.time()` when this process started: from the caller when given, else from /proc (Linux)."""
    given = os.environ.get(BENCH_T0_ENV)
    if given:
        return float(given)
    try:
        with open("/proc/self/stat", encoding="ascii") as fh:
            start_ticks = int(fh.read().rsplit(")", 1)[1].split()[19])
        with open("/proc/uptime", encoding="ascii") as fh:
            uptime = float(fh.read().split()[0])
        return time.time() - uptime + start_ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.time()


class _FirstPaintWatcher(QObject):
    """Quits once the window has painted itself the first time, printing the time since process start."""

    def __init__(self, app: QApplication, start: float) -> None:
        super().__init__(app)
        self.app = app
        self.start = start
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.report)  # after this paint and the ones queued with it
        return False

    def report(self) -> None:
        print(f"shown {time.time() - self.start:.4f}", flush=True)
        self.app.quit()


def _quit_when_painted(app: QApplication, window: QWidget) -> None:
    window.installEventFilter(_FirstPaintWatcher(app, process_start_time()))
