"""Creating a dossier: the call answered, the association (from a saved profile), and optionally last
year's dossier as a starting point. The file is created in the library; the caller opens it.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from forms.french import french_date
from forms.library import Library, LibraryEntry, new_dossier
from forms.model import CallRef, Dossier, Meta
from forms.programmes import Call, Catalogue
from forms.storage import DossierFileError, load_dossier, now_iso
from gui.errors import show_error
from gui.widgets.dialogs import fit_height, set_min_text_width
from gui.widgets.labels import buddy_label, hint_label

if TYPE_CHECKING:
    from forms.profiles import Profile  # not at run time: forms.profiles imports keyring, slow to import

NEW_ASSOCIATION = "Nouvelle association (à remplir)"
KEEP_ASSOCIATION = "Celle du dossier de départ"
CARRIED_OVER_NOTE = (
    "Les réponses de « {title} » sont reprises dans le nouveau dossier. Vérifiez-les toutes : "
    "les dates, les priorités, les quartiers et le budget changent souvent d'un appel à l'autre."
)


def call_dates_text(call: Call) -> str:
    """When to apply: the deadline, else the call's own words about its calendar (a sentence of its own)."""
    if call.deadline:
        return f"Date limite de dépôt : {french_date(call.deadline)}."
    period = call.period_text.strip()
    if period:
        return period if period.endswith((".", "!", "?", "…")) else period + "."
    return ""


class NewDossierDialog(QDialog):
    """`created_path` holds the new file once the dialog is accepted."""

    def __init__(self, library: Library, catalogue: Catalogue, *, profiles: list[Profile] | None = None,
                 base: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library = library
        self.catalogue = catalogue
        self.created_path: Path | None = None
        self.setWindowTitle("Nouveau dossier")
        self.setObjectName("newDossierDialog")
        self.profiles = profiles if profiles is not None else _load_profiles()
        self.bases: list[LibraryEntry] = [e for e in library.entries() if not e.error]

        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(
            "Choisissez l'appel à projets auquel vous répondez. Tout ce que vous choisissez ici pourra "
            "être changé ensuite.", self))
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)

        self.territory = QComboBox(self)
        self.territory.setObjectName("territoryCombo")
        for territory in catalogue.territories.values():
            self.territory.addItem(territory.name, territory.id)
        form.addRow(buddy_label("&Territoire :", self.territory, parent=self), self.territory)

        self.call = QComboBox(self)
        self.call.setObjectName("callCombo")
        form.addRow(buddy_label("Appel à pro&jets :", self.call, parent=self), self.call)

        self.call_info = QLabel(self)
        self.call_info.setObjectName("callInfo")
        self.call_info.setWordWrap(True)
        self.call_info.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.call_info)

        self.title = QLineEdit(self)
        self.title.setObjectName("titleEdit")
        self.title.setPlaceholderText("Par exemple : Atelier couture et français")
        form.addRow(buddy_label("T&itre de l'action :", self.title, parent=self,
                                description="Facultatif : vous pourrez l'écrire ou le changer plus tard."),
                    self.title)

        self.association = QComboBox(self)
        self.association.setObjectName("associationCombo")
        self.association.addItem(NEW_ASSOCIATION, None)
        for profile in self.profiles:
            self.association.addItem(profile.association.identity.name or profile.id, profile.id)
        form.addRow(buddy_label(
            "A&ssociation :", self.association, parent=self,
            description="Les informations déjà enregistrées pour cette association sont reprises."),
            self.association)
        # Bank details kept in the keyring that cannot be read now (issue 9): said here, not silently empty.
        self.bank_note = QLabel(self)
        self.bank_note.setObjectName("bankNote")
        self.bank_note.setWordWrap(True)
        self.bank_note.hide()
        form.addRow(self.bank_note)

        self.from_existing = QCheckBox("&Partir d'un dossier existant", self)
        self.from_existing.setObjectName("fromExistingCheck")
        self.from_existing.setAccessibleName("Partir d'un dossier existant")
        self.from_existing.setToolTip("Par exemple le dossier de l'an dernier pour la même action.")
        form.addRow(self.from_existing)

        self.base = QComboBox(self)
        self.base.setObjectName("baseCombo")
        for entry in self.bases:
            self.base.addItem(f"{entry.title} — {entry.association or 'association non indiquée'}", str(entry.path))
        self.base_label = buddy_label("Dossier de &départ :", self.base, parent=self)
        form.addRow(self.base_label, self.base)

        self.base_note = QLabel(self)
        self.base_note.setObjectName("baseNote")
        self.base_note.setWordWrap(True)
        form.addRow(self.base_note)
        layout.addLayout(form)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, parent=self
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Créer le dossier")
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        for combo in (self.territory, self.call, self.association, self.base):
            # Long call titles must not make the dialog wider than the screen: the list pops up wide.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(30)
            combo.view().setTextElideMode(Qt.TextElideMode.ElideNone)
        set_min_text_width(self, 90)

        for first, second in ((self.territory, self.call), (self.call, self.title), (self.title, self.association),
                              (self.association, self.from_existing), (self.from_existing, self.base),
                              (self.base, self.buttons)):
            QWidget.setTabOrder(first, second)

        self.territory.currentIndexChanged.connect(self._fill_calls)
        self.call.currentIndexChanged.connect(self._show_call)
        self.from_existing.toggled.connect(self._update_base)
        self.base.currentIndexChanged.connect(self._update_base)
        self.association.currentIndexChanged.connect(self._show_bank_note)
        self._fill_calls()
        if base is not None:
            self.select_base(base)
        self._update_base()
        self.territory.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self._fit)

    def _fit(self) -> None:
        if self.isVisible():
            fit_height(self)

    # ------------------------------------------------------------------------------------ choices
    def _fill_calls(self) -> None:
        self.call.blockSignals(True)
        self.call.clear()
        territory_id = self.territory.currentData()
        calls = self.catalogue.calls_of(territory_id) if territory_id else []
        for call in reversed(calls):  # the latest call first: the one people answer now
            self.call.addItem(f"{call.year} — {call.title}", call.id)
        self.call.blockSignals(False)
        self._show_call()

    def _show_call(self) -> None:
        call = self.selected_call()
        self.ok_button.setEnabled(call is not None)
        if call is None:
            self.call_info.setText("Aucun appel à projets n'est connu pour ce territoire.")
            return
        self.call.setToolTip(self.call.currentText())
        summary = " ".join(call.summary.split())
        if len(summary) > 320:
            summary = summary[:320].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"
        notice = call.data_notice()
        # what the application does not know about the call comes first
        text = "\n".join(t for t in (summary, call_dates_text(call)) if t)
        self.call_info.setText(f"⚠ {notice}\n\n{text}" if notice else text)
        self._fit()

    def _update_base(self) -> None:
        checked = self.from_existing.isChecked()
        self.from_existing.setEnabled(bool(self.bases))
        self.base.setEnabled(checked)
        self.base_label.setEnabled(checked)
        self.association.setItemText(0, KEEP_ASSOCIATION if checked else NEW_ASSOCIATION)
        if checked and self.base.currentIndex() >= 0:
            self.base_note.setText(CARRIED_OVER_NOTE.format(title=self.bases[self.base.currentIndex()].title))
            self.base_note.show()
        else:
            self.base_note.setText("")
            self.base_note.hide()
        self._fit()

    def _show_bank_note(self) -> None:
        profile = self.selected_profile()
        missing = profile.bank_missing if profile is not None else ""
        self.bank_note.setText(f"⚠ {missing}" if missing else "")
        self.bank_note.setVisible(bool(missing))
        self._fit()

    def select_base(self, path: Path) -> None:
        index = self.base.findData(str(path))
        if index >= 0:
            self.base.setCurrentIndex(index)
            self.from_existing.setChecked(True)

    def selected_call(self) -> Call | None:
        call_id = self.call.currentData()
        return self.catalogue.calls.get(call_id) if call_id else None

    def selected_profile(self) -> Profile | None:
        profile_id = self.association.currentData()
        return next((p for p in self.profiles if p.id == profile_id), None)

    def selected_base(self) -> Path | None:
        if not self.from_existing.isChecked() or self.base.currentIndex() < 0:
            return None
        return Path(self.base.currentData())

    # ------------------------------------------------------------------------------------ creation
    def build_dossier(self) -> Dossier:
        call = self.selected_call()
        assert call is not None
        ref = CallRef(territory=call.territory, call=call.id, year=call.year)
        profile = self.selected_profile()
        base = self.selected_base()
        if base is None:
            dossier = new_dossier(ref, profile.association if profile else None)
        else:
            dossier = load_dossier(base)
            dossier.call = ref
            dossier.meta = Meta(created=now_iso())
            if profile is not None:
                dossier.association = copy.deepcopy(profile.association)
        title = self.title.text().strip()
        if title:
            dossier.action.title = title
        return dossier

    def file_name_hint(self, dossier: Dossier) -> str:
        call = self.selected_call()
        year = call.year if call else ""
        if self.title.text().strip():
            return self.title.text().strip()
        if self.selected_base() is not None:
            return f"{dossier.title} {year}"
        territory = self.territory.currentText()
        return f"Nouveau dossier {territory} {year}".strip()

    def accept(self) -> None:
        if self.selected_call() is None:
            return
        try:
            dossier = self.build_dossier()
            self.created_path = self.library.create(dossier, self.file_name_hint(dossier))
        except DossierFileError as exc:
            show_error(self, "Création impossible", exc.message)
            return
        super().accept()


def _load_profiles() -> list[Profile]:
    """The saved association profiles (imported here: keyring is slow to import)."""
    from forms.profiles import ProfileStore

    return ProfileStore().list()
