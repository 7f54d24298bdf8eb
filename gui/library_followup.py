"""What the library window does after the request: renew a dossier for another call, follow a dossier
(déposé, accordé, compte-rendu) and list what is due.

A mixin of `LibraryWindow` (gui.library_window), like gui.library_actions; `install_followup_actions`
adds its actions to the window's menus and buttons.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from forms.library import Library, dossier_file_stem
from forms.lifecycle import life_status
from forms.storage import DossierFileError, load_dossier
from gui.errors import show_error
from gui.widgets.dialogs import set_min_text_width
from gui.widgets.labels import hint_label

if TYPE_CHECKING:
    from forms.programmes import Catalogue
    from forms.settings import Settings


@dataclass(frozen=True)
class DueRow:
    path: Path
    title: str
    association: str
    status: str
    due: dt.date | None
    is_due: bool  # due soon or late: what the library lists by default
    overdue: bool


def follow_up_rows(library: Library, catalogue: Catalogue | None, today: dt.date | None = None) -> list[DueRow]:
    """The life of every readable dossier of the library, what is due first (latest due date last)."""
    rows = []
    for path in library.files():
        try:
            dossier = load_dossier(path)
        except DossierFileError:
            continue
        status = life_status(dossier, catalogue, today)
        rows.append(DueRow(path, dossier.title, dossier.association.identity.name, status.text, status.due,
                           status.soon or status.overdue, status.overdue))
    return sorted(rows, key=lambda r: (not r.is_due, r.due or dt.date.max, r.title))


class DueDialog(QDialog):
    """« Ce qui est dû »: the dossiers whose compte-rendu is due or late; all dossiers on request."""

    def __init__(self, rows: list[DueRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rows = rows
        self.chosen: Path | None = None
        self.setObjectName("dueDialog")
        self.setWindowTitle("Ce qui est dû")
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(
            "Les comptes-rendus financiers à remettre bientôt ou en retard (six mois après la fin de "
            "l'exercice de l'action). Double-cliquez sur un dossier pour ouvrir son suivi.", self))
        self.all = QCheckBox("Afficher &tous les dossiers", self)
        self.all.setObjectName("showAll")
        self.all.toggled.connect(self._fill)
        layout.addWidget(self.all)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("dueTable")
        self.table.setAccessibleName("Dossiers et leur suivi")
        self.table.setHorizontalHeaderLabels(["Titre de l'action", "Association", "Suivi", "Échéance"])
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(False)
        self.table.cellActivated.connect(self._activated)
        layout.addWidget(self.table, 1)
        self.empty = hint_label("Aucun compte-rendu n'est dû pour l'instant.", self)
        layout.addWidget(self.empty)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        set_min_text_width(self, 110)
        self.resize(self.minimumWidth(), 420)
        self._fill()

    def shown_rows(self) -> list[DueRow]:
        return self.rows if self.all.isChecked() else [r for r in self.rows if r.is_due]

    def _fill(self) -> None:
        rows = self.shown_rows()
        self.table.setRowCount(len(rows))
        for i, row in enumerate(rows):
            due = row.due.strftime("%d/%m/%Y") if row.due else ""
            for col, text in enumerate((row.title, row.association, row.status, due)):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, str(row.path))
                if row.overdue:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(i, col, item)
        self.table.resizeColumnsToContents()
        char = self.table.fontMetrics().averageCharWidth()
        for col, chars in ((0, 40), (1, 28)):
            self.table.setColumnWidth(col, min(self.table.columnWidth(col), char * chars))
        self.empty.setVisible(not rows)

    def _activated(self, row: int, _col: int) -> None:
        self.chosen = Path(self.table.item(row, 0).data(Qt.ItemDataRole.UserRole))
        self.accept()


class LibraryFollowUpActions:
    """Renew, follow up and « Ce qui est dû » for the library window (which provides `selected_path`,
    `refresh`, `_status`, `open_dossier`, `catalogue`, `_selected_is_damaged` and `_catalogue_error`)."""

    library: Library
    settings: Settings
    _open: dict[Path, QWidget]

    def install_followup_actions(self) -> None:
        self.act_renew = QAction("&Renouveler pour un autre appel…", self)
        self.act_renew.setObjectName("actionRenew")
        self.act_renew.setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.act_renew.setStatusTip("Un nouveau dossier pour l'appel de cette année, à partir du dossier choisi")
        self.act_renew.triggered.connect(lambda _=False: self.renew_selected())
        self.act_followup = QAction("&Suivi et compte-rendu…", self)
        self.act_followup.setObjectName("actionFollowUp")
        self.act_followup.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.act_followup.setStatusTip("Déposé, accordé, refusé ; le compte-rendu financier (CERFA 15059)")
        self.act_followup.triggered.connect(lambda _=False: self.followup_selected())
        self.act_due = QAction("Ce qui est &dû…", self)
        self.act_due.setObjectName("actionDue")
        self.act_due.setStatusTip("Les comptes-rendus financiers à remettre bientôt ou en retard")
        self.act_due.triggered.connect(lambda _=False: self.show_due())
        for action in (self.act_renew, self.act_followup, self.act_due):
            self.addAction(action)
        menu = QMenu("Sui&vi", self)
        menu.setObjectName("followUpMenu")
        help_menu = next((a for a in self.menuBar().actions() if a.text() == "&Aide"), None)
        self.menuBar().insertMenu(help_menu, menu)  # « Aide » stays last
        for action in (self.act_renew, self.act_followup, self.act_due):
            menu.addAction(action)
        # beside the other buttons of the list
        flow = self.buttons["actionBin"].parentWidget().layout()
        row = next((flow.itemAt(i).layout() for i in range(flow.count())
                    if flow.itemAt(i).layout() is not None
                    and flow.itemAt(i).layout().indexOf(self.buttons["actionBin"]) >= 0), None)
        for action, text in ((self.act_renew, "Renouve&ler…"), (self.act_followup, "Comp&te-rendu et suivi…")):
            button = QPushButton(text, self)
            button.setObjectName(action.objectName().replace("action", "button"))
            button.setToolTip(action.statusTip())
            button.setAccessibleName(action.text().replace("&", "").rstrip("…"))
            button.clicked.connect(action.trigger)
            action.enabledChanged.connect(button.setEnabled)
            self.buttons[action.objectName()] = button
            if row is not None:
                row.addWidget(button)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_followup_actions())
        self._update_followup_actions()

    def _update_followup_actions(self) -> None:
        usable = self.selected_path() is not None and not self._selected_is_damaged()
        self.act_renew.setEnabled(usable)
        self.act_followup.setEnabled(usable)

    def renew_selected(self) -> Path | None:
        path = self.selected_path()
        catalogue = self.catalogue()
        if path is None or self._selected_is_damaged():
            return None
        if catalogue is None:
            show_error(self, "Renouvellement impossible", self._catalogue_error)
            return None
        from gui.renew_dialog import RenewDialog

        window = self._open.get(path)
        if window is not None and hasattr(window, "ctx"):
            window.ctx.flush()  # renew what the user sees, not the file of a minute ago
        try:
            dossier = load_dossier(path)
        except DossierFileError as exc:
            show_error(self, "Renouvellement impossible", exc.message)
            return None
        dialog = RenewDialog(self.library, catalogue, dossier, path, parent=self)
        return self.open_created(dialog, lambda created: f"« {dossier_file_stem(created)} » : {dialog.summary}")

    def followup_selected(self, path: Path | None = None) -> QWidget | None:
        path = path or self.selected_path()
        if path is None or self.catalogue() is None:
            return None
        # through the dossier's window: one model and one autosave, whichever window the user types in
        window = self.open_dossier(path)
        if window is None or not hasattr(window, "ctx"):
            return None
        from gui.followup.hooks import show_followup

        return show_followup(window)

    def show_due(self) -> Path | None:
        dialog = DueDialog(follow_up_rows(self.library, self.catalogue()), parent=self)
        try:
            dialog.exec()
            chosen = dialog.chosen
        finally:
            dialog.deleteLater()
        if chosen is not None:
            self.followup_selected(chosen)
        return chosen
