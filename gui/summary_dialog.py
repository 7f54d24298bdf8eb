"""A read-only summary of a dossier: shown by "Ouvrir" when the step-by-step window is not available."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from forms.french import french_datetime
from forms.model import Dossier
from forms.programmes import Catalogue
from gui.widgets.dialogs import set_min_text_width
from gui.widgets.labels import hint_label


class DossierSummary(QDialog):
    """Same `closed(Path)` signal as the dossier window, so the library treats both alike."""

    closed = Signal(Path)

    def __init__(self, path: Path, dossier: Dossier, catalogue: Catalogue | None,
                 parent: QWidget | None = None, *, reason: str = "") -> None:
        super().__init__(parent)
        self.path = path
        self.setWindowTitle(f"{dossier.title} — résumé")
        self.setObjectName("dossierSummary")
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(
            reason or "La saisie pas à pas n'est pas disponible dans cette version : voici le résumé du dossier.",
            self))
        form = QFormLayout()
        call_text = dossier.call.call
        if catalogue is not None and dossier.call.call in catalogue.calls:
            call = catalogue.calls[dossier.call.call]
            call_text = f"{catalogue.territory_of(call).name} {call.year} — {call.title}"
        elif call_text and catalogue is not None:
            call_text = f"l'appel {call_text} n'est pas connu de cette version de l'application"
        rows = (
            ("Titre de l'action", dossier.title),
            ("Association", dossier.association.identity.name or "(pas encore indiquée)"),
            ("Appel à projets", call_text or "(pas encore choisi)"),
            ("Créé le", french_datetime(dossier.meta.created)),
            ("Modifié le", french_datetime(dossier.meta.modified)),
            ("Exporté le", french_datetime(dossier.meta.exported) if dossier.meta.exported else "jamais"),
            ("Fichier", str(path)),
        )
        for label, value in rows:
            text = QLabel(value, self)
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                         | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            text.setAccessibleName(label)
            form.addRow(f"{label} :", text)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, parent=self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        set_min_text_width(self, 75)
        self.resize(self.minimumWidth(), self.heightForWidth(self.minimumWidth()))

    def done(self, result: int) -> None:  # closing the window also comes here (through reject)
        super().done(result)
        self.closed.emit(self.path)
