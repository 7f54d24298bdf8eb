"""« Renouveler pour un autre appel »: choose the call (a later call of the same territory first, or any
call), see what changed in it, and create the renewed dossier in the library (forms.renewal)."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from forms.call_diff import diff_calls
from forms.library import Library
from forms.model import Dossier
from forms.programmes import Catalogue
from forms.renewal import RenewalError, mark_counts, renew
from forms.storage import DossierFileError
from gui.errors import show_error
from gui.widgets.dialogs import set_min_text_width
from gui.widgets.labels import buddy_label, hint_label


def call_choices(catalogue: Catalogue, dossier: Dossier) -> list[tuple[str, str]]:
    """(call id, label) in the order a user looks for them: the later calls of the dossier's territory
    (the nearest first), then the other calls."""
    current = catalogue.calls.get(dossier.call.call)
    territory = current.territory if current else dossier.call.territory
    year = current.year if current else dossier.call.year
    later = [c for c in catalogue.calls_of(territory) if c.year > year]
    others = [c for c in sorted(catalogue.calls.values(), key=lambda c: (c.territory, c.year))
              if c not in later and (current is None or c.id != current.id)]
    out = [(c.id, f"{c.title}") for c in later]
    out += [(c.id, f"{c.title} (autre appel)") for c in others]
    return out


class RenewDialog(QDialog):
    """`created_path` is the new dossier once accepted."""

    def __init__(self, library: Library, catalogue: Catalogue, dossier: Dossier, source: Path,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.catalogue = catalogue
        self.dossier = dossier
        self.source = source
        self.created_path: Path | None = None
        self.setObjectName("renewDialog")
        self.setWindowTitle("Renouveler pour un autre appel")
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(
            f"Un nouveau dossier reprend les réponses de « {dossier.title} ». Les dates passent à la nouvelle "
            "année ; les montants, les chiffres du public et ce qui dépend de l'appel sont marqués « à revoir », "
            "les choix qui n'existent plus « à choisir ». Le dossier de l'an dernier n'est pas modifié.", self))
        self.calls = QListWidget(self)
        self.calls.setObjectName("callList")
        for call_id, label in call_choices(catalogue, dossier):
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, call_id)
            self.calls.addItem(item)
        layout.addWidget(buddy_label("&Appel à projets visé :", self.calls, parent=self))
        layout.addWidget(self.calls)
        self.preview = QLabel(self)
        self.preview.setObjectName("renewPreview")
        self.preview.setWordWrap(True)
        self.preview.setTextFormat(Qt.TextFormat.RichText)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.preview)
        layout.addWidget(QLabel("Ce qui a changé dans l'appel :", self))
        layout.addWidget(scroll, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        parent=self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Renouveler")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.calls.currentRowChanged.connect(self._preview)
        set_min_text_width(self, 80)
        self.resize(self.width(), 560)
        if self.calls.count():
            self.calls.setCurrentRow(0)
        else:
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
            self.preview.setText("Aucun autre appel à projets n'est connu de cette version de l'application.")

    def chosen_call(self) -> str:
        item = self.calls.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def _preview(self, _row: int) -> None:
        old = self.catalogue.calls.get(self.dossier.call.call)
        new = self.catalogue.calls.get(self.chosen_call())
        if old is None or new is None:
            self.preview.setText("")
            return
        lines = diff_calls(self.catalogue, old, new).lines()
        items = "".join(f"<li>{html.escape(line.strip())}</li>" for line in lines)
        self.preview.setText(f"<ul>{items}</ul>" if lines else "Rien : mêmes priorités, même géographie, mêmes "
                             "cofinanceurs.")

    def accept(self) -> None:
        call_id = self.chosen_call()
        try:
            result = renew(self.dossier, self.catalogue, call_id, previous_file=self.source)
            year = result.dossier.call.year
            self.created_path = self.library.create(result.dossier, f"{self.dossier.title} {year}")
        except (RenewalError, DossierFileError) as exc:
            show_error(self, "Renouvellement impossible", str(exc))
            return
        counts = mark_counts(result.dossier)
        self.summary = (f"Dossier renouvelé pour {self.catalogue.call(call_id).title} : "
                        f"{counts['a_revoir']} valeur(s) à revoir, {counts['a_choisir']} à choisir, "
                        f"{counts['nouveau']} nouvelle(s).")
        super().accept()
