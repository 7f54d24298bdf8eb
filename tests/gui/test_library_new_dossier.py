"""Creating a dossier: the call, the association profile, last year's dossier as a start."""

from __future__ import annotations

import pytest
from conftest import make_dossier
from PySide6.QtCore import Qt

from forms.model import Association
from forms.profiles import ProfileStore
from forms.storage import load_dossier, save_dossier
from gui.new_dossier_dialog import CARRIED_OVER_NOTE, KEEP_ASSOCIATION, NEW_ASSOCIATION, NewDossierDialog

pytestmark = pytest.mark.gui


@pytest.fixture
def profile():
    association = Association()
    association.identity.name = "Les Jardiniers de Blois"
    association.identity.siret = "12345678900011"
    association.identity.legal_representative.last_name = "Martin"
    association.bank.iban = "FR7630006000011234567890189"
    return ProfileStore().save(association)


def test_new_dossier_from_the_window(filled_library, make_window, qtbot, on_modal, profile, no_wizard):
    window = make_window()

    def fill(dialog: NewDossierDialog) -> None:
        assert dialog.windowTitle() == "Nouveau dossier"
        assert dialog.territory.currentText() == "Blois"
        assert dialog.call.currentText().startswith("2023 — ")  # the latest call first
        assert "18 novembre 2022" in dialog.call_info.text()
        qtbot.keyClick(dialog.territory, Qt.Key.Key_Down)  # Amboise
        assert dialog.territory.currentText() == "Amboise"
        assert "entre octobre et novembre 2022" in dialog.call_info.text()
        dialog.title.setFocus()
        qtbot.keyClicks(dialog.title, "Atelier velo")
        qtbot.keyClick(dialog.association, Qt.Key.Key_Down)  # the saved profile
        assert dialog.association.currentText() == "Les Jardiniers de Blois"
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)  # Enter: the default button, "Créer le dossier"

    on_modal(fill)
    with qtbot.waitSignal(window.dossier_opened) as opened:
        qtbot.mouseClick(window.buttons["actionNew"], Qt.MouseButton.LeftButton)
    path = opened.args[0]
    assert path.parent == filled_library.folder and path.name == "Atelier velo.cdv.json"
    dossier = load_dossier(path)
    assert (dossier.call.territory, dossier.call.call, dossier.call.year) == ("amboise", "amboise-2023", 2023)
    assert dossier.association.identity.name == "Les Jardiniers de Blois"
    assert dossier.association.identity.siret == "12345678900011"
    assert dossier.association.bank.iban == "FR7630006000011234567890189"  # from the keyring
    assert dossier.attestation.signatory.last_name == "Martin"
    assert dossier.action.title == "Atelier velo"
    assert window.selected_path() == path
    assert path in window.open_windows()


def test_new_dossier_escape_creates_nothing(filled_library, make_window, qtbot, on_modal):
    window = make_window()
    before = sorted(filled_library.folder.iterdir())
    on_modal(lambda dialog: qtbot.keyClick(dialog.territory, Qt.Key.Key_Escape))
    assert window.new_dossier() is None
    assert sorted(filled_library.folder.iterdir()) == before


def test_new_dossier_without_title_or_profile(library, catalogue, qtbot):
    dialog = NewDossierDialog(library, catalogue, profiles=[])
    qtbot.addWidget(dialog)
    assert dialog.association.currentText() == NEW_ASSOCIATION
    assert not dialog.from_existing.isEnabled()  # nothing to start from in an empty library
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == NewDossierDialog.DialogCode.Accepted
    assert dialog.created_path.name == "Nouveau dossier Blois 2023.cdv.json"
    dossier = load_dossier(dialog.created_path)
    assert dossier.call.call == "blois-2023"
    assert dossier.association.identity.name == ""


def test_new_dossier_from_last_years_dossier(library, catalogue, qtbot):
    last_year = make_dossier("Atelier couture", "Fil d'Ariane", "blois-2021", exported="2021-02-01T10:00:00+01:00")
    last_year.action.objectives = "Apprendre à coudre et à parler français."
    last_year.meta.wizard_step = "budget"
    base = library.folder / "Atelier couture.cdv.json"
    save_dossier(last_year, base)

    dialog = NewDossierDialog(library, catalogue, profiles=[])
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.base.isEnabled()
    qtbot.keyClick(dialog.from_existing, Qt.Key.Key_Space)
    assert dialog.from_existing.isChecked() and dialog.base.isEnabled()
    assert dialog.association.itemText(0) == KEEP_ASSOCIATION
    assert dialog.base_note.isVisible()
    assert dialog.base_note.text() == CARRIED_OVER_NOTE.format(title="Atelier couture")
    assert "Vérifiez" in dialog.base_note.text()
    qtbot.keyClick(dialog.ok_button, Qt.Key.Key_Return)
    assert dialog.created_path.name == "Atelier couture 2023.cdv.json"
    dossier = load_dossier(dialog.created_path)
    assert dossier.call.call == "blois-2023" and dossier.call.year == 2023
    assert dossier.action.objectives == "Apprendre à coudre et à parler français."  # carried over
    assert dossier.association.identity.name == "Fil d'Ariane"
    assert dossier.meta.exported == "" and dossier.meta.wizard_step == ""
    assert load_dossier(base).call.call == "blois-2021"  # last year's file is untouched


def test_profile_replaces_the_association_of_the_base(library, catalogue, qtbot, profile):
    save_dossier(make_dossier("Jardin", "Ancien nom", "blois-2021"), library.folder / "Jardin.cdv.json")
    dialog = NewDossierDialog(library, catalogue)
    qtbot.addWidget(dialog)
    dialog.from_existing.setChecked(True)
    dialog.association.setCurrentIndex(dialog.association.findText("Les Jardiniers de Blois"))
    dialog.accept()
    assert load_dossier(dialog.created_path).association.identity.name == "Les Jardiniers de Blois"


def test_tab_order_follows_the_form(library, catalogue, qtbot):
    save_dossier(make_dossier("Jardin", "Asso", "blois-2021"), library.folder / "Jardin.cdv.json")
    dialog = NewDossierDialog(library, catalogue, profiles=[])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.from_existing.setChecked(True)
    dialog.territory.setFocus()
    order = [dialog.territory]
    widget = dialog.territory
    for _ in range(5):
        widget = widget.nextInFocusChain()
        while not (widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or not widget.isEnabled() \
                or not widget.isVisible():
            widget = widget.nextInFocusChain()
        order.append(widget)
    assert order == [dialog.territory, dialog.call, dialog.title, dialog.association, dialog.from_existing,
                     dialog.base]


def test_a_profile_whose_iban_the_keyring_cannot_give_says_so(library, catalogue, qtbot, profile, test_keyring):
    """Issue 9: the IBAN kept in the keyring is gone; the dialog says where it was and to type it again."""
    test_keyring.secrets.clear()  # e.g. another session, or a keyring emptied since
    dialog = NewDossierDialog(library, catalogue, profiles=ProfileStore().list())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.bank_note.isHidden()
    qtbot.keyClick(dialog.association, Qt.Key.Key_Down)  # the saved profile
    assert dialog.association.currentText() == "Les Jardiniers de Blois"
    assert not dialog.bank_note.isHidden()
    text = dialog.bank_note.text()
    assert "coffre-fort de mots de passe" in text and "Ressaisissez l'IBAN" in text
    qtbot.keyClick(dialog.association, Qt.Key.Key_Up)
    assert dialog.bank_note.isHidden()


def test_a_title_of_80_emoji_creates_the_dossier(library, catalogue, qtbot):
    """Issue 9: the dialog crashed on 80 emoji (a file name of 320 bytes); the name is cut by bytes."""
    dialog = NewDossierDialog(library, catalogue, profiles=[])
    qtbot.addWidget(dialog)
    dialog.title.setText("😀" * 80)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == NewDossierDialog.DialogCode.Accepted
    assert len(dialog.created_path.name.encode("utf-8")) <= 255
    assert load_dossier(dialog.created_path).action.title == "😀" * 80
