"""The file chooser the way a French user expects it: every label in French (Qt's own dialog, translated
with the application; the desktop's native one may speak another language), opening in the user's
Documents folder (or the last folder used), in the detailed view with a name column wide enough to read.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import QDialog, QFileDialog, QHeaderView, QTreeView, QWidget

NAME_COLUMN_CHARS = 40  # the file name column shows about this many characters


def documents_folder() -> str:
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return folder if folder and Path(folder).is_dir() else str(Path.home())


def file_dialog(parent: QWidget | None, caption: str, start: str, filters: str) -> QFileDialog:
    """The dialog, not yet shown (tests look at it)."""
    dialog = QFileDialog(parent, caption, start if start and Path(start).is_dir() else documents_folder(), filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.setObjectName("fileChooser")
    dialog.resize(dialog.fontMetrics().horizontalAdvance("M") * 70, dialog.fontMetrics().lineSpacing() * 30)
    for view in dialog.findChildren(QTreeView):
        header = view.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, view.fontMetrics().horizontalAdvance("M") * NAME_COLUMN_CHARS)
        header.setStretchLastSection(False)
    return dialog


def open_file(parent: QWidget | None, caption: str, start: str, filters: str) -> str:
    """The file the user picked, "" if they cancelled."""
    dialog = file_dialog(parent, caption, start, filters)
    if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.selectedFiles():
        return ""
    return dialog.selectedFiles()[0]
