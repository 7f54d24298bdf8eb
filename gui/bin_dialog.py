"""The library's bin ("Corbeille"): deleted dossiers, which the user can put back."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms.library import Library, dossier_file_stem
from forms.storage import DossierFileError
from gui.errors import show_error
from gui.widgets.dialogs import set_min_text_width
from gui.widgets.labels import buddy_label, hint_label


class BinDialog(QDialog):
    restored = Signal(Path)  # where the dossier is back in the library

    def __init__(self, library: Library, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.setWindowTitle("Corbeille")
        self.setObjectName("binDialog")
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(
            "Les dossiers supprimés sont gardés ici. Choisissez-en un puis « Restaurer » pour le remettre "
            "dans la liste de vos dossiers.", self))
        self.list = QListWidget(self)
        self.list.setObjectName("binList")
        layout.addWidget(buddy_label("&Dossiers supprimés :", self.list, parent=self))
        layout.addWidget(self.list)
        self.empty_label = hint_label("La corbeille est vide.", self)
        layout.addWidget(self.empty_label)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        self.restore_button = QPushButton("&Restaurer", self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setDefault(True)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.rejected.connect(self.reject)
        self.restore_button.clicked.connect(self.restore_selected)
        self.list.itemActivated.connect(lambda _item: self.restore_selected())
        self.list.currentRowChanged.connect(lambda _row: self._update())
        layout.addWidget(self.buttons)
        set_min_text_width(self, 60)
        self.reload()

    def reload(self) -> None:
        self.list.clear()
        for path in self.library.binned():
            item = QListWidgetItem(dossier_file_stem(path))
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            item.setToolTip(str(path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        self._update()

    def _update(self) -> None:
        has_items = self.list.count() > 0
        self.empty_label.setVisible(not has_items)
        self.list.setVisible(has_items)
        self.restore_button.setEnabled(self.list.currentItem() is not None)

    def restore_selected(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        try:
            target = self.library.restore(Path(item.data(Qt.ItemDataRole.UserRole)))
        except (OSError, DossierFileError) as exc:
            show_error(self, "Restauration impossible", f"Le dossier n'a pas pu être restauré : {exc}")
            return
        self.reload()
        self.restored.emit(target)
