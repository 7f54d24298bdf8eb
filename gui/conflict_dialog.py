"""The questions asked when a dossier is open in two places (issue 9), in French.

- `ask_when_locked`: opening a dossier that another window (this computer or another one) holds:
  open it read-only, open a copy (keep both as two files), or take over (the other window will be told at
  its next save, and nothing of it is overwritten without its user choosing too).
- `ask_on_conflict`: saving a dossier whose file changed since this window read or wrote it: keep both
  as two files (this window goes on with a copy), take over (this version replaces the other), or open
  the other version read-only. Closing the dialog keeps both: it is the choice that loses nothing.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from forms.dossier_lock import LockOwner

READ_ONLY, COPY, KEEP_BOTH, TAKE_OVER = "read_only", "copy", "keep_both", "take_over"


def _box(parent: QWidget | None, title: str, text: str, informative: str) -> QMessageBox:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(text)
    box.setInformativeText(informative)
    box.setObjectName("conflictDialog")
    box.setAccessibleName(title)
    return box


def _button(box: QMessageBox, text: str, name: str, role: QMessageBox.ButtonRole) -> QPushButton:
    button = box.addButton(text, role)
    button.setObjectName(name)
    return button


def locked_dialog(parent: QWidget | None, path: Path, owner: LockOwner | None) -> QMessageBox:
    who = owner.describe() if owner else "dans une autre fenêtre"
    box = _box(
        parent,
        "Dossier déjà ouvert",
        f"« {path.name} » est déjà ouvert {who}.",
        "Si vous le modifiez ici aussi, l'une des deux fenêtres perdrait ses modifications. Vous pouvez :\n"
        "• le consulter en lecture seule ;\n"
        "• travailler sur une copie : les deux versions sont gardées, dans deux fichiers ;\n"
        "• le reprendre ici, si l'autre fenêtre est fermée ou abandonnée (l'autre fenêtre ne pourra plus "
        "l'enregistrer sans vous demander).",
    )
    _button(box, "Lecture &seule", READ_ONLY, QMessageBox.ButtonRole.AcceptRole)
    _button(box, "Travailler sur une &copie", COPY, QMessageBox.ButtonRole.AcceptRole)
    _button(box, "&Reprendre ici", TAKE_OVER, QMessageBox.ButtonRole.DestructiveRole)
    cancel = _button(box, "&Annuler", "cancel", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(box.findChild(QPushButton, READ_ONLY))
    box.setEscapeButton(cancel)
    return box


def ask_when_locked(parent: QWidget | None, path: Path, owner: LockOwner | None) -> str | None:
    """READ_ONLY, COPY, TAKE_OVER, or None (cancel)."""
    box = locked_dialog(parent, path, owner)
    try:
        box.exec()
        clicked = box.clickedButton()
        choice = clicked.objectName() if clicked is not None else "cancel"
    finally:
        box.deleteLater()
    return None if choice == "cancel" else choice


def conflict_dialog(parent: QWidget | None, message: str) -> QMessageBox:
    box = _box(
        parent,
        "Le dossier a changé ailleurs",
        message,
        "Rien n'a été écrasé. Vous pouvez :\n"
        "• garder les deux versions : la vôtre est enregistrée dans un nouveau fichier, à côté, et cette "
        "fenêtre continue avec elle ;\n"
        "• garder votre version : elle remplace l'autre, dont les modifications seront perdues ;\n"
        "• voir l'autre version en lecture seule : vos modifications non enregistrées seront perdues.",
    )
    keep = _button(box, "&Garder les deux", KEEP_BOTH, QMessageBox.ButtonRole.AcceptRole)
    _button(box, "Garder &ma version", TAKE_OVER, QMessageBox.ButtonRole.DestructiveRole)
    _button(box, "Voir l'&autre version", READ_ONLY, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    return box


def ask_on_conflict(parent: QWidget | None, message: str) -> str:
    """KEEP_BOTH, TAKE_OVER or READ_ONLY (closing the dialog keeps both)."""
    box = conflict_dialog(parent, message)
    try:
        box.exec()
        clicked = box.clickedButton()
        choice = clicked.objectName() if clicked is not None else KEEP_BOTH
    finally:
        box.deleteLater()
    return choice if choice in (KEEP_BOTH, TAKE_OVER, READ_ONLY) else KEEP_BOTH
