"""The table behind the library window: one row per dossier file, and the search filter on top of it.

The model only shows `forms.library.LibraryEntry` values plus a state computed elsewhere
(`gui.dossier_states`); it never reads or writes files itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QRegularExpression,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QApplication, QStyle

from forms.french import fold, french_datetime
from forms.library import LibraryEntry, dossier_file_stem

# States of a dossier, as stored (ids) and as shown (labels).
DRAFT = "brouillon"
COMPLETE = "complet"
EXPORTED = "exporte"
DAMAGED = "endommage"
STATE_LABELS = {DRAFT: "Brouillon", COMPLETE: "Complet", EXPORTED: "Exporté", DAMAGED: "Fichier endommagé"}
STATE_HELP = {
    DRAFT: "Brouillon : il reste des réponses à compléter ou des points bloquants avant l'export.",
    COMPLETE: "Complet : aucun point bloquant, le dossier peut être exporté.",
    EXPORTED: "Exporté : le dossier a déjà été exporté en DOCX ou PDF.",
}

COLUMNS = ("Titre de l'action", "Association", "Appel à projets", "État", "Modifié le", "Fichier")
COL_TITLE, COL_ASSOCIATION, COL_CALL, COL_STATE, COL_MODIFIED, COL_FILE = range(len(COLUMNS))
# the dossier's life after the request (issue 13): déposé, accordé, compte-rendu dû…
COLUMNS = (*COLUMNS, "Suivi")
COL_FOLLOWUP = len(COLUMNS) - 1

PathRole = Qt.ItemDataRole.UserRole + 1
SortRole = Qt.ItemDataRole.UserRole + 2
SearchRole = Qt.ItemDataRole.UserRole + 3
DamagedRole = Qt.ItemDataRole.UserRole + 4


def timestamp(iso: str) -> float:
    """Seconds since the epoch, for sorting dates written with different UTC offsets; 0 if unreadable."""
    try:
        return dt.datetime.fromisoformat(iso).timestamp()
    except (TypeError, ValueError):
        return 0.0


def call_label(call_id: str, year: int, territory_names: dict[str, str] | None = None,
               call_territories: dict[str, str] | None = None) -> str:
    """ "Blois 2023" for the call `blois-2023`; uses the catalogue's names when known."""
    if not call_id:
        return ""
    territory = (call_territories or {}).get(call_id, "")
    name = (territory_names or {}).get(territory, "")
    if not name:
        words = [w for w in call_id.split("-") if not w.isdigit()]
        name = " ".join(w.capitalize() for w in words)
    return f"{name} {year}" if year else name


@dataclass
class Row:
    entry: LibraryEntry
    state: str
    exported_at: str = ""  # ISO timestamp of the last export, when known

    @property
    def damaged(self) -> bool:
        return bool(self.entry.error)


class LibraryModel(QAbstractTableModel):
    """The dossiers of the library, read-only."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._territory_names: dict[str, str] = {}
        self._call_territories: dict[str, str] = {}

    # ------------------------------------------------------------------------------------ content
    def set_entries(self, entries: list[LibraryEntry], states: dict[str, tuple[str, str]] | None = None) -> None:
        """Replace the rows; `states` keeps already computed states of unchanged files."""
        states = states or {}
        self.beginResetModel()
        self._rows = []
        for entry in entries:
            if entry.error:
                state, exported_at = DAMAGED, ""
            elif str(entry.path) in states:
                state, exported_at = states[str(entry.path)]
            else:
                state, exported_at = (EXPORTED if entry.exported else DRAFT), ""
            self._rows.append(Row(entry, state, exported_at))
        self.endResetModel()

    def set_states(self, states: dict[str, tuple[str, str]]) -> None:
        for i, row in enumerate(self._rows):
            key = str(row.entry.path)
            if key in states and not row.damaged and (row.state, row.exported_at) != states[key]:
                row.state, row.exported_at = states[key]
                self.dataChanged.emit(self.index(i, 0), self.index(i, len(COLUMNS) - 1))

    def set_catalogue_names(self, territory_names: dict[str, str], call_territories: dict[str, str]) -> None:
        self._territory_names = territory_names
        self._call_territories = call_territories
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(COLUMNS) - 1))

    def states(self) -> dict[str, tuple[str, str]]:
        return {str(r.entry.path): (r.state, r.exported_at) for r in self._rows if not r.damaged}

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def row_of(self, path: Path) -> int:
        return next((i for i, r in enumerate(self._rows) if r.entry.path == path), -1)

    # ------------------------------------------------------------------------------------ Qt model
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self._rows[index.row()]
        col = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, col)
        if role == SortRole:
            if col == COL_MODIFIED:
                return timestamp(row.entry.modified)
            return fold(self._text(row, col))
        if role == SearchRole:
            return fold(" | ".join(self._text(row, c) for c in range(len(COLUMNS))))
        if role == PathRole:
            return str(row.entry.path)
        if role == DamagedRole:
            return row.damaged
        if role == Qt.ItemDataRole.ForegroundRole and col == COL_FOLLOWUP and row.entry.followup_due:
            return QBrush(QColor("#a4001d"))  # a compte-rendu due soon or late (the text says which)
        if role == Qt.ItemDataRole.DecorationRole and col == COL_STATE and row.damaged:
            return QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return None

    def _text(self, row: Row, col: int) -> str:
        entry = row.entry
        if col == COL_TITLE:
            return entry.title
        if col == COL_ASSOCIATION:
            return entry.association
        if col == COL_CALL:
            return call_label(entry.call, entry.year, self._territory_names, self._call_territories)
        if col == COL_STATE:
            return STATE_LABELS[row.state]
        if col == COL_MODIFIED:
            return french_datetime(entry.modified)
        if col == COL_FILE:
            return dossier_file_stem(entry.path)
        if col == COL_FOLLOWUP:
            return entry.followup
        return ""

    def _tooltip(self, row: Row, col: int) -> str:
        if row.damaged:
            return row.entry.error
        if col == COL_STATE:
            if row.state == EXPORTED and row.exported_at:
                return f"Exporté le {french_datetime(row.exported_at)}."
            return STATE_HELP.get(row.state, "")
        if col == COL_FILE:
            return str(row.entry.path)
        return self._text(row, col)  # the whole text, when the column is too narrow for it


def search_expression(query: str) -> QRegularExpression:
    """Every word of `query` must appear somewhere in the row, in any order, accents and case ignored."""
    terms = fold(query).split()
    pattern = "".join(f"(?=.*{QRegularExpression.escape(t)})" for t in terms)
    expression = QRegularExpression(f"^{pattern}" if terms else "")
    expression.setPatternOptions(QRegularExpression.PatternOption.DotMatchesEverythingOption)
    return expression


class LibraryFilter(QSortFilterProxyModel):
    """Sorting and the as-you-type search over every column (see `search_expression`)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setFilterRole(SearchRole)
        self.setFilterKeyColumn(COL_TITLE)
        self.setSortRole(SortRole)
        self.setDynamicSortFilter(True)

    def set_query(self, query: str) -> None:
        self.setFilterRegularExpression(search_expression(query))
