"""Acronyms explained where they appear (tooltips) and in a searchable side panel.

Both follow the dossier's territory: the national entries and the territory's own (a Blois dossier never
shows Amboise's Caf or bailleurs; see `Catalogue.glossary_for`).
"""

from __future__ import annotations

import functools
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from forms.french import fold
from forms.programmes import Catalogue, GlossaryEntry

TERM_ROLE = Qt.ItemDataRole.UserRole + 1  # the entry's term, folded: the order of the list
NO_RESULT = "Aucun résultat : essayez une partie du sigle ou un mot de sa signification."


@functools.lru_cache(maxsize=8)
def _index(catalogue: Catalogue, territory: str | None) -> tuple[re.Pattern[str] | None, dict[str, GlossaryEntry]]:
    entries = {e.acronym: e for e in catalogue.glossary_for(territory)}
    if not entries:
        return None, entries
    alternatives = "|".join(re.escape(a) for a in sorted(entries, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])"), entries


def acronyms_in(text: str, catalogue: Catalogue, territory: str | None = None) -> list[GlossaryEntry]:
    """The glossary entries (national and `territory`'s own) of the acronyms in `text`, in order."""
    pattern, entries = _index(catalogue, territory)
    if pattern is None:
        return []
    seen: dict[str, GlossaryEntry] = {}
    for m in pattern.finditer(text):
        seen.setdefault(m.group(1), entries[m.group(1)])
    return list(seen.values())


def describe(entry: GlossaryEntry) -> str:
    text = f"{entry.acronym} : {entry.meaning}"
    if entry.explanation:
        text += f". {entry.explanation}"
    return text


def glossary_tooltip(text: str, catalogue: Catalogue, territory: str | None = None) -> str:
    return "\n".join(describe(e) for e in acronyms_in(text, catalogue, territory))


class GlossaryPanel(QWidget):
    """The glossary of the contract's acronyms, searchable (for newcomers and trainers)."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None, territory: str | None = None) -> None:
        super().__init__(parent)
        self.catalogue = catalogue
        self.territory: str | None = None
        layout = QVBoxLayout(self)
        label = QLabel("&Chercher un sigle ou un mot :")
        self.search = QLineEdit()
        self.search.setAccessibleName("Chercher dans le glossaire")
        self.search.setClearButtonEnabled(True)
        label.setBuddy(self.search)
        self.list = QListWidget()
        self.list.setAccessibleName("Glossaire des sigles")
        self.list.setWordWrap(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.no_result = QLabel(NO_RESULT)
        self.no_result.setWordWrap(True)
        self.no_result.setAccessibleName("Résultat de la recherche dans le glossaire")
        self.no_result.setVisible(False)
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.no_result)
        layout.addWidget(self.list, 1)
        self.search.textChanged.connect(self._filter)
        self.set_territory(territory)

    def set_territory(self, territory: str | None) -> None:
        """Show the national entries and `territory`'s own (again after a change of call)."""
        if territory == self.territory and self.list.count():
            return
        self.territory = territory
        self.list.clear()
        for entry in sorted(self.catalogue.glossary_for(territory), key=lambda e: fold(e.acronym)):
            item = QListWidgetItem(describe(entry))
            item.setToolTip(self.catalogue.describe_source(entry.source))
            item.setData(Qt.ItemDataRole.UserRole, fold(describe(entry)))
            item.setData(TERM_ROLE, fold(entry.acronym))
            self.list.addItem(item)
        self._filter(self.search.text())

    def _filter(self, text: str) -> None:
        """Hide what does not match; the entries whose term starts with the search come first (« TFPB »
        before « abattement de TFPB », which only speaks of it), then the others in alphabetical order."""
        needle = fold(text.strip())
        items = [self.list.takeItem(0) for _ in range(self.list.count())]
        items.sort(key=lambda item: (not (needle and item.data(TERM_ROLE).startswith(needle)),
                                     item.data(TERM_ROLE)))
        for item in items:
            self.list.addItem(item)
            item.setHidden(bool(needle) and needle not in item.data(Qt.ItemDataRole.UserRole))
        self.no_result.setVisible(bool(needle) and self.visible_count() == 0)

    def visible_count(self) -> int:
        return sum(not self.list.item(i).isHidden() for i in range(self.list.count()))

    def entries_shown(self) -> list[str]:
        return [self.list.item(i).text() for i in range(self.list.count()) if not self.list.item(i).isHidden()]
