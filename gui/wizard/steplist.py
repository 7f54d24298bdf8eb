"""The task list beside the pages: every step with its honest state; any step can be opened."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from forms.progress import STATE_LABELS
from forms.steps import STEPS

# A symbol as well as a word, so the state never relies on colour alone.
STATE_SYMBOLS = {"non_commence": "○", "en_cours": "◐", "termine": "✔", "bloquant": "⚠"}


class StepList(QListWidget):
    step_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Étapes du dossier")
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.states: dict[str, str] = {}
        for number, step in enumerate(STEPS, start=1):
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, step.id)
            self.addItem(item)
            self._label(item, number, step.title, "non_commence")
        self.currentRowChanged.connect(self._row_changed)

    def _label(self, item: QListWidgetItem, number: int, title: str, state: str) -> None:
        label = STATE_LABELS[state]
        item.setText(f"{STATE_SYMBOLS[state]}  {number}. {title}\n      {label}")
        item.setToolTip(f"Étape {number} : {title} — {label}")
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Étape {number}, {title} : {label}")

    def set_states(self, states: dict[str, str]) -> None:
        self.states = dict(states)
        for number, step in enumerate(STEPS, start=1):
            self._label(self.item(number - 1), number, step.title, states.get(step.id, "non_commence"))

    def select_step(self, step_id: str) -> None:
        for row in range(self.count()):
            if self.item(row).data(Qt.ItemDataRole.UserRole) == step_id:
                if self.currentRow() != row:
                    self.setCurrentRow(row)
                return

    def _row_changed(self, row: int) -> None:
        if row >= 0:
            self.step_chosen.emit(self.item(row).data(Qt.ItemDataRole.UserRole))
