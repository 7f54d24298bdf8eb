"""After an abnormal end (a crash, a power cut, the process killed), the next start says so in French:
which dossier was recovered, and from which save (its last automatic or manual save).

The abnormal end itself is known from forms.session (a marker left by a process that no longer runs);
its cause, when Python could write it, is in the log file (faulthandler, see gui.errors).
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from forms.session import EndedSession
from forms.storage import DossierFileError, load_dossier

log = logging.getLogger(__name__)


def _when(moment: dt.datetime) -> str:
    return f"le {moment:%d/%m/%Y} à {moment:%H:%M}"


def _last_save(path: Path) -> tuple[str, dt.datetime | None]:
    """The dossier's title and the time of its last save (its own record, else the file's date)."""
    try:
        dossier = load_dossier(path)
    except DossierFileError:
        return path.name, None
    title = dossier.title or path.name
    try:
        saved = dt.datetime.fromisoformat(dossier.meta.modified)
    except ValueError:
        saved = dt.datetime.fromtimestamp(path.stat().st_mtime)
    if saved.tzinfo is not None:
        saved = saved.astimezone().replace(tzinfo=None)
    return title, saved


def recovery_message(ended: list[EndedSession], dossier: Path | None, log_file: Path | None = None) -> str:
    """What the user is told, in French (`dossier`: the dossier that was open, reopened now)."""
    last = max(ended, key=lambda e: e.started)
    parts = [f"La dernière fois, l'application ne s'est pas fermée normalement (session ouverte "
             f"{_when(last.started)})."]
    if dossier is not None and dossier.is_file():
        title, saved = _last_save(dossier)
        if saved is not None:
            parts.append(f"Le dossier « {title} » a été récupéré tel qu'il était enregistré {_when(saved)}. "
                         "Ce que vous avez saisi après cet enregistrement n'a pas pu être gardé : vérifiez "
                         "les dernières pages que vous avez remplies.")
        else:
            parts.append(f"Le dossier « {title} » n'a pas pu être relu : ouvrez-le depuis la bibliothèque "
                         "pour voir ce qui a été gardé.")
    else:
        parts.append("Aucun dossier n'était ouvert : rien n'est perdu.")
    if log_file is not None:
        parts.append(f"La cause est notée dans le journal, si l'application a pu l'écrire : {log_file}")
    return "\n\n".join(parts)


def tell_about_recovery(parent: QWidget | None, ended: list[EndedSession], dossier: Path | None,
                        log_file: Path | None = None) -> QMessageBox:
    """Show the message (window-modal, without blocking the start); returns the box."""
    message = recovery_message(ended, dossier, log_file)
    log.warning("Fin anormale de la session précédente : %s", message.replace("\n\n", " "))
    box = QMessageBox(parent)
    box.setObjectName("recoveryBox")
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Dossier récupéré" if dossier is not None else "Fermeture anormale")
    box.setText(message)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAccessibleName(box.windowTitle())
    box.open()
    return box
