"""Step 2, "Votre association": typing writes the model, the correspondence address appears when asked,
the agréments and networks lists are edited with the mouse and the keyboard, the profile is saved."""

from __future__ import annotations

import itertools
import json
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QWidget
from wizard_helpers import by_name, empty_ctx, example_ctx, focused, input_widgets, show, tick, write

from forms.model import Dossier
from forms.profiles import KEYRING_SERVICE, ProfileStore
from forms.storage import load_dossier
from gui.wizard.context import WizardContext
from gui.wizard.pages.association import AssociationPage
from rules import check_dossier

pytestmark = pytest.mark.gui

IDENTITY = "association.identity"


# ----------------------------------------------------------------------------------------- helpers
def show_page(qtbot, ctx: WizardContext) -> AssociationPage:
    return show(qtbot, AssociationPage(ctx), (1000, 800), until_active=False)


def focus(qtbot, widget: QWidget) -> None:
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(widget.hasFocus)


# ----------------------------------------------------------------------------------------- typing
def test_typing_writes_the_identity_and_bank_details(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    identity = ctx.dossier.association.identity

    write(qtbot, by_name(page, "Nom de l'association"), "Les Amis du Quartier")
    write(qtbot, by_name(page, "Numéro SIRET"), "73282932000074")
    write(qtbot, page.fields[f"{IDENTITY}.rna"].widget, "W411234567")
    write(qtbot, by_name(page, "Nom du représentant légal"), "Durand")
    write(qtbot, by_name(page, "Numéro et rue (adresse du siège)"), "3 rue des Écoles")
    write(qtbot, by_name(page, "IBAN"), "FR76 3000 6000 0112 3456 7890 189")
    write(qtbot, page.fields["association.bank.bic"].widget, "AGRIFRPP")

    assert identity.name == "Les Amis du Quartier"
    assert identity.siret == "73282932000074"
    assert identity.rna == "W411234567"
    assert identity.legal_representative.last_name == "Durand"
    assert identity.address.street == "3 rue des Écoles"
    assert ctx.dossier.association.bank.iban == "FR76 3000 6000 0112 3456 7890 189"
    assert ctx.dossier.association.bank.bic == "AGRIFRPP"
    assert ctx.dirty


def test_numbers_money_and_choices(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)

    aid = page.fields["association.administration.public_aid_3y_cents"].widget
    write(qtbot, aid, "12 345,50")
    assert ctx.dossier.association.administration.public_aid_3y_cents == 1_234_550

    members = page.fields["association.people.members"].widget
    focus(qtbot, members)
    members.selectAll()
    write(qtbot, members, "85")
    assert ctx.dossier.association.people.members == 85

    etpt = page.fields["association.people.etpt"].widget
    focus(qtbot, etpt)
    etpt.selectAll()
    write(qtbot, etpt, "2,5")
    assert ctx.dossier.association.people.etpt == Decimal("2.5")

    civility = page.fields[f"{IDENTITY}.legal_representative.civility"].widget
    civility.setCurrentIndex(civility.findData("Madame"))
    assert ctx.dossier.association.identity.legal_representative.civility == "Madame"

    tick(qtbot, page.fields["association.administration.has_auditor"].widget)
    assert ctx.dossier.association.administration.has_auditor is True


def test_correspondence_address_shown_only_when_it_differs(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    same = page.fields[f"{IDENTITY}.correspondence_same"].widget
    street = page.fields[f"{IDENTITY}.correspondence_address.street"].widget
    assert same.isChecked() and not street.isVisible()

    tick(qtbot, same)
    assert ctx.dossier.association.identity.correspondence_same is False
    qtbot.waitUntil(street.isVisible)
    write(qtbot, street, "BP 12")
    assert ctx.dossier.association.identity.correspondence_address.street == "BP 12"

    focus(qtbot, same)
    qtbot.keyClick(same, Qt.Key.Key_Space)  # the keyboard toggles it back
    assert ctx.dossier.association.identity.correspondence_same is True
    qtbot.waitUntil(lambda: not street.isVisible())


def test_rup_date_shown_only_for_a_rup_association(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    date = page.fields["association.administration.rup_date"].widget
    assert not date.isVisible()
    tick(qtbot, page.fields["association.administration.rup"].widget)
    qtbot.waitUntil(date.isVisible)


# ----------------------------------------------------------------------------------------- lists
def test_agrements_added_and_removed_with_the_mouse(qtbot, tmp_path, monkeypatch) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    agrements = ctx.dossier.association.administration.agrements
    assert len(agrements) == 2 and page.agrements.row_count() == 2
    second = agrements[1].type

    qtbot.mouseClick(page.agrements.add_button, Qt.MouseButton.LeftButton)
    assert len(agrements) == 3 and page.agrements.row_count() == 3
    new_type = page.fields["association.administration.agrements[2].type"].widget
    qtbot.waitUntil(new_type.hasFocus)  # the cursor is in the new row
    write(qtbot, new_type, "Agrément sport")
    write(qtbot, page.fields["association.administration.agrements[2].number"].widget, "S-41-2020")
    assert agrements[2].type == "Agrément sport"
    assert agrements[2].number == "S-41-2020"

    qtbot.mouseClick(page.agrements.remove_buttons[0], Qt.MouseButton.LeftButton)
    assert [a.type for a in agrements] == [second, "Agrément sport"]
    assert page.agrements.row_count() == 2
    # the rows were rebuilt: the fields follow the new indices
    assert page.fields["association.administration.agrements[1].type"].widget.text() == "Agrément sport"
    assert "association.administration.agrements[2].type" not in page.fields


def test_networks_added_and_removed_with_the_keyboard(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    networks = ctx.dossier.association.networks
    assert page.networks.empty_label.isVisible()

    focus(qtbot, page.networks.add_button)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: isinstance(focused(), QLineEdit))
    write(qtbot, focused(), "Fédération des centres sociaux")
    assert networks == ["Fédération des centres sociaux"]

    # Tab goes from the new row to its "Supprimer" button, then back to "Ajouter un réseau"
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.networks.remove_buttons[0]
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is page.networks.add_button

    qtbot.keyClick(focused(), Qt.Key.Key_Return)  # Entrée on the focused button works too
    qtbot.waitUntil(lambda: page.networks.row_count() == 2)
    write(qtbot, focused(), "Union régionale")
    assert networks == ["Fédération des centres sociaux", "Union régionale"]

    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    qtbot.keyClick(focused(), Qt.Key.Key_Space)  # removes "Union régionale"
    assert networks == ["Fédération des centres sociaux"]
    assert page.networks.row_count() == 1
    qtbot.waitUntil(lambda: focused() is page.fields["association.networks[0]"].widget)


def test_enter_in_a_field_submits_nothing(qtbot, tmp_path, monkeypatch, test_keyring) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    name = page.fields[f"{IDENTITY}.name"].widget
    focus(qtbot, name)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert not page.profile_status.text()
    assert not ProfileStore().list()
    assert len(ctx.dossier.association.networks) == 2


# ----------------------------------------------------------------------------------------- profile
def test_save_profile_writes_a_profile_file(qtbot, tmp_path, monkeypatch, test_keyring) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    assert page.profile_button.text().replace("&", "") == "Enregistrer comme profil de l'association"

    qtbot.mouseClick(page.profile_button, Qt.MouseButton.LeftButton)

    profiles = ProfileStore().list()
    assert [p.association.identity.name for p in profiles] == ["Passerelles Emploi Blois Nord"]
    files = list((tmp_path / "home" / "data" / "profils").glob("*.json"))
    assert len(files) == 1
    stored = json.loads(files[0].read_text(encoding="utf-8"))
    assert stored["association"]["identity"]["siret"] == "81473062800025"
    assert stored["association"]["bank"]["iban"] == ""  # the IBAN is in the keyring, not in the file
    assert any(service == KEYRING_SERVICE for service, _ in test_keyring.secrets)
    assert profiles[0].association.bank.iban == ctx.dossier.association.bank.iban
    assert "Profil de « Passerelles Emploi Blois Nord » enregistré" in page.profile_status.text()
    assert page.profile_status.isVisible()


def test_save_profile_without_a_name_says_what_to_do(qtbot, tmp_path, monkeypatch, test_keyring) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    qtbot.mouseClick(page.profile_button, Qt.MouseButton.LeftButton)
    assert "nom de l'association" in page.profile_status.text()
    assert ProfileStore().list() == []


# ----------------------------------------------------------------------------------------- accessibility
def test_every_input_has_an_accessible_name(qtbot, tmp_path, monkeypatch) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    tick(qtbot, page.fields[f"{IDENTITY}.correspondence_same"].widget)
    widgets = input_widgets(page)
    assert len(widgets) > 60
    unnamed = [f"{type(w).__name__} {w.objectName()} {w.property('fieldPath')}" for w in widgets
               if not w.accessibleName().strip()]
    assert unnamed == []


def test_section_buttons_have_mnemonics(qtbot, tmp_path, monkeypatch) -> None:
    page = show_page(qtbot, empty_ctx(tmp_path, monkeypatch))
    for button in (page.agrements.add_button, page.networks.add_button, page.profile_button):
        assert "&" in button.text()


def test_every_verdict_of_this_step_lands_on_a_widget(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    ctx.dossier.association.identity.correspondence_same = False
    ctx.dossier.association.bank.iban = "FR00 1234"
    ctx.dossier.association.identity.siret = "12345678912345"
    page = show_page(qtbot, ctx)
    verdicts = [v for v in check_dossier(ctx.dossier, ctx.catalogue) if v.step == "association"]
    assert verdicts
    for verdict in verdicts:
        assert page.focus_path(verdict.fields[0]), verdict
    page.show_verdicts(verdicts)
    siret = next(v for v in verdicts if v.fields and v.fields[0] == f"{IDENTITY}.siret")
    label = page.fields[f"{IDENTITY}.siret"].verdict_label
    assert label.isVisible() and siret.message in label.text()


def test_load_shows_rows_changed_behind_the_page(qtbot, tmp_path, monkeypatch) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    other: Dossier = load_dossier(ctx.path)
    other.association.networks.append("Réseau ajouté ailleurs")
    ctx.dossier.association = other.association
    page.load()
    assert page.networks.row_count() == 3
    assert page.fields["association.networks[2]"].widget.text() == "Réseau ajouté ailleurs"


def tab_walk(qtbot, page, start: QWidget, stop=lambda w: False, limit: int = 300) -> list[QWidget]:
    """The widgets Tab visits from `start`, in order (a date edit's sections count once)."""
    focus(qtbot, start)
    seen: list[QWidget] = []
    for _ in range(limit):
        w = focused()
        if w is None or not page.isAncestorOf(w) or stop(w) or (seen and w is seen[0]):
            break
        if not seen or seen[-1] is not w:
            seen.append(w)
        qtbot.keyClick(w, Qt.Key.Key_Tab)
    return seen


def assert_visual_order(page, widgets: list[QWidget]) -> None:
    """Each widget Tab reaches is on the same line as the previous one or below it."""
    inner = page.scroll.widget()
    tops = [w.mapTo(inner, QPoint(0, w.height() // 2)).y() for w in widgets]
    for (a, ya), (b, yb) in itertools.pairwise(zip(widgets, tops, strict=True)):
        assert yb >= ya - 8, f"Tab goes up from {a.accessibleName()!r} to {b.accessibleName()!r}"


def test_tab_follows_the_visual_order(qtbot, tmp_path, monkeypatch) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    qtbot.mouseClick(page.agrements.add_button, Qt.MouseButton.LeftButton)  # rows rebuilt after the build
    first = page.fields[f"{IDENTITY}.name"].widget
    walked = tab_walk(qtbot, page, first, stop=lambda w: page.budget.isAncestorOf(w))
    names = [w.accessibleName() for w in walked]
    assert names[0] == "Nom de l'association"
    assert names.index("Supprimer : Agrément 3") < names.index("Ajouter un agrément")
    assert names.index("Supprimer : Réseau 2") < names.index("Ajouter un réseau")
    assert names[-1] == "Dont emplois aidés"
    assert_visual_order(page, walked)

    tail = tab_walk(qtbot, page, page.fields["association.bank.holder"].widget, stop=lambda w: w is first)
    assert [w.accessibleName() for w in tail][-1] == "Enregistrer comme profil de l'association"
    assert_visual_order(page, tail)
