"""What happens when something goes wrong: a log file, French error dialogs, and an exception hook that
saves the open dossiers first.

- `setup_logging()` writes a rotating log in platformdirs' log folder (`forms.paths.log_dir()`).
- `install_excepthook()` replaces `sys.excepthook`: an unexpected exception is logged, every open dossier
  is saved through the callbacks registered with `register_emergency_save()`, then the user sees a
  French dialog. The application keeps running (PySide6 does not abort on an exception in a slot), so
  the user can go on or close normally.
- `install_fault_handler()` makes Python write a fatal error (a crash in Qt, `none_dealloc`…) with the
  stack of every thread into the same log file, so the cause of an abnormal end can be found.
- `show_error()` is the one way windows tell the user about an expected failure (a damaged file…).
"""

from __future__ import annotations

import faulthandler
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TextIO

from PySide6.QtCore import Qt, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from forms import paths
from forms.private_files import PrivateRotatingFileHandler, make_private_dir, make_private_file
from forms.storage import DossierFileError

log = logging.getLogger(__name__)

LOG_FILE_NAME = "dossier-cdv.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 3

_emergency_saves: list[Callable[[], object]] = []
_log_path: Path | None = None
_fault_file: TextIO | None = None  # the log file, open for faulthandler
_handling = False  # an error raised while reporting an error is only logged


# ------------------------------------------------------------------------------------------------ logging
def setup_logging(folder: Path | None = None) -> Path:
    """Log to a rotating file in the log folder; returns the file's path. Calling it again is harmless."""
    global _log_path
    folder = folder or paths.log_dir()
    make_private_dir(folder)  # 0700, and the log files 0600: a log names dossiers
    path = folder / LOG_FILE_NAME
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "dossier_cdv", False):
            root.removeHandler(handler)
            handler.close()
    handler = _LogFileHandler(path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s : %(message)s"))
    handler.dossier_cdv = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    _log_path = path
    return path


def log_path() -> Path | None:
    return _log_path


class _LogFileHandler(PrivateRotatingFileHandler):
    """The rotating log file, private (0600, issue 9); after a rotation, faulthandler writes into the new
    file too (issue 8)."""

    def doRollover(self) -> None:
        super().doRollover()
        if _fault_file is not None:
            install_fault_handler()


def install_fault_handler() -> Path | None:
    """Fatal errors (Python's faulthandler: segmentation fault, abort, `none_dealloc`) go into the log file,
    with the stack of every thread. Returns the file, None when logging is not set up."""
    global _fault_file
    if _log_path is None:
        return None
    previous = _fault_file
    _fault_file = open(_log_path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
    make_private_file(_log_path)  # 0600 even when faulthandler is the one that created it
    faulthandler.enable(file=_fault_file, all_threads=True)
    if previous is not None:
        previous.close()
    return _log_path


_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def install_qt_message_handler() -> None:
    """Send Qt's own warnings to the log file too (not in tests: pytest-qt captures them itself)."""
    qt_log = logging.getLogger("qt")

    def handler(msg_type: QtMsgType, _context: object, message: str) -> None:
        qt_log.log(_QT_LEVELS.get(msg_type, logging.WARNING), "%s", message)
        if msg_type in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


# ------------------------------------------------------------------------------------------------ saving
def register_emergency_save(callback: Callable[[], object]) -> Callable[[], None]:
    """Register a "save now" callback, run before the error dialog of an unexpected exception.

    The dossier window registers one when it opens and calls the returned function when it closes.
    A callback should save without asking anything; if it raises, the failure is logged and reported.
    """
    _emergency_saves.append(callback)

    def unregister() -> None:
        if callback in _emergency_saves:
            _emergency_saves.remove(callback)

    return unregister


def run_emergency_saves() -> list[str]:
    """Run every registered save; returns what went wrong, in French (empty when all were saved)."""
    failures: list[str] = []
    for callback in list(_emergency_saves):
        try:
            callback()
        except DossierFileError as exc:
            log.exception("Enregistrement de secours impossible")
            failures.append(exc.message)
        except Exception as exc:
            log.exception("Enregistrement de secours impossible")
            failures.append(f"{type(exc).__name__} : {exc}")
    return failures


def emergency_save_count() -> int:
    return len(_emergency_saves)


# ------------------------------------------------------------------------------------------------ hook
def install_excepthook() -> None:
    sys.excepthook = handle_exception


def handle_exception(
    exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None
) -> None:
    """`sys.excepthook`: log, save the open dossiers, tell the user in French; the application goes on."""
    global _handling
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    log.critical("Erreur inattendue", exc_info=(exc_type, exc, tb))
    if _handling:
        return
    _handling = True
    try:
        had_dossiers = emergency_save_count() > 0
        failures = run_emergency_saves()
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        message = unexpected_error_message(exc, had_dossiers=had_dossiers, failures=failures)
        if QApplication.instance() is None:
            print(message, file=sys.stderr)
            print(details, file=sys.stderr)
            return
        show_error(None, "Erreur inattendue", message, details=details, critical=True)
    except Exception:
        log.exception("Erreur pendant l'affichage d'une erreur")
    finally:
        _handling = False


def unexpected_error_message(exc: BaseException, *, had_dossiers: bool, failures: list[str]) -> str:
    parts = ["Une erreur inattendue s'est produite dans l'application."]
    if isinstance(exc, DossierFileError):
        parts.append(exc.message)
    if had_dossiers and not failures:
        parts.append("Vos dossiers ouverts ont été enregistrés : rien n'est perdu.")
    elif failures:
        parts.append(
            "L'enregistrement de secours n'a pas pu se faire : " + " ; ".join(failures)
            + " Ne fermez pas la fenêtre du dossier avant d'avoir réessayé d'enregistrer (Ctrl+S)."
        )
    parts.append("Vous pouvez continuer. Si l'erreur revient, fermez puis rouvrez l'application.")
    if _log_path is not None:
        parts.append(f"Le détail est noté dans le journal : {_log_path}")
    return "\n\n".join(parts)


# ------------------------------------------------------------------------------------------------ dialogs
def error_box(parent: QWidget | None, title: str, message: str, *, details: str = "",
              critical: bool = False) -> QMessageBox:
    """The error dialog, not yet shown (tests and `show_error` share it)."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical if critical else QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    box.setTextFormat(Qt.TextFormat.PlainText)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setObjectName("errorBox")
    box.setAccessibleName(title)
    return box


def show_error(parent: QWidget | None, title: str, message: str, *, details: str = "",
               critical: bool = False) -> None:
    """Tell the user what went wrong, in French, in a modal dialog (and log it)."""
    log.warning("%s : %s", title, message)
    error_box(parent, title, message, details=details, critical=critical).exec()
