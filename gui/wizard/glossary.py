"""Acronyms explained where they appear (tooltips) and in a searchable side panel."""

from __future__ import annotations

import functools
import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from forms.french import fold
from forms.programmes import Catalogue, GlossaryEntry


@functools.lru_cache(maxsize=4)
def _index(catalogue: Catalogue) -> tuple[re.Pattern[str] | None, dict[str, GlossaryEntry]]:
    entries = {e.acronym: e for e in catalogue.glossary}
    if not entries:
        return None, entries
    alternatives = "|".join(re.escape(a) for a in sorted(entries, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])"), entries


def acronyms_in(text: str, catalogue: Catalogue) -> list[GlossaryEntry]:
    pattern, entries = _index(catalogue)
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


def glossary_tooltip(text: str, catalogue: Catalogue) -> str:
    return "\n".join(describe(e) for e in acronyms_in(text, catalogue))


class GlossaryPanel(QWidget):
    """The glossary of the contract's acronyms, searchable (for newcomers and trainers)."""

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None) -> None:
        super().__init__(parent)
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
        layout.addWidget(label)
        layout.addWidget(self.search)
        layout.addWidget(self.list, 1)
        for entry in sorted(catalogue.glossary, key=lambda e: fold(e.acronym)):
            item = QListWidgetItem(describe(entry))
            item.setToolTip(catalogue.describe_source(entry.source))
            item.setData(Qt.ItemDataRole.UserRole, fold(describe(entry)))
            self.list.addItem(item)
        self.search.textChanged.connect(self._filter)

    def _filter(self, text: str) -> None:
        needle = fold(text.strip())
        for i in range(self.list.count()):
            item = self.list.item(i)
            item.setHidden(bool(needle) and needle not in item.data(Qt.ItemDataRole.UserRole))

    def visible_count(self) -> int:
        return sum(not self.list.item(i).isHidden() for i in range(self.list.count()))
