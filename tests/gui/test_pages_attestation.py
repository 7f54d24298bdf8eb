"""Step 9, "Attestation": the seven engagements of the contrat d'engagement républicain are shown, the
boxes and fields write the model, the delegation is asked for when someone else signs, and the legal
representative is copied as signatory with one button."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QWidget
from wizard_helpers import empty_ctx, example_ctx, input_widgets, show, tick, write

from forms.cer import CER_ENGAGEMENTS
from forms.model import Person
from gui.wizard.context import WizardContext
from gui.wizard.pages.attestation import AttestationPage
from rules import check_dossier

pytestmark = pytest.mark.gui

# the widgets `input_widgets` looks for here (the page has no plain-text box)
KINDS = (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractButton, QAbstractItemView)


# ----------------------------------------------------------------------------------------- helpers
def show_page(qtbot, ctx: WizardContext) -> AttestationPage:
    return show(qtbot, AttestationPage(ctx), (1000, 800), until_active=False)


# ----------------------------------------------------------------------------------------- tests
def test_the_seven_engagements_are_shown_with_their_source(qtbot, tmp_path, monkeypatch) -> None:
    page = show_page(qtbot, empty_ctx(tmp_path, monkeypatch))
    text = page.engagements.text()
    assert text.count("<li>") == 7 == len(CER_ENGAGEMENTS)
    for title in ("Respect des lois de la République", "Liberté de conscience",
                  "Liberté des membres de l'association", "Égalité et non-discrimination",
                  "Fraternité et prévention de la violence", "Respect de la dignité de la personne humaine",
                  "Respect des symboles de la République"):
        assert title.replace("'", "&#x27;") in text or title in text
    labels = " ".join(w.text() for w in page.findChildren(type(page.engagements)))
    assert "loi n° 2000-321" in labels and "décret n° 2021-1947" in labels
    assert "refusée, ou retirée" in labels


def test_boxes_and_fields_write_the_attestation(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    att = ctx.dossier.attestation
    before = [v.rule for v in check_dossier(ctx.dossier, ctx.catalogue) if v.step == "attestation"]
    assert "laicite.cer" in before
    for path in ("attestation.cer_subscribed", "attestation.obligations_up_to_date",
                 "attestation.charter_2014_respected", "attestation.information_exact"):
        tick(qtbot, page.fields[path].widget)
    write(qtbot, page.fields["attestation.place"].widget, "Blois")
    write(qtbot, page.fields["attestation.signatory.role"].widget, "Trésorière")
    date = page.fields["attestation.date"].widget
    date.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(date.hasFocus)
    write(qtbot, date, "18112022")

    assert att.cer_subscribed and att.obligations_up_to_date and att.information_exact
    assert att.charter_2014_respected
    assert att.place == "Blois"
    assert att.signatory.role == "Trésorière"
    assert att.date == dt.date(2022, 11, 18)
    remaining = [v.rule for v in check_dossier(ctx.dossier, ctx.catalogue) if v.step == "attestation"]
    assert "completude.attestation" in remaining  # the signatory's name is still missing
    assert "laicite.cer" not in remaining


def test_delegation_asked_for_when_someone_else_signs(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    assert not page.delegation_hint.isVisible()
    box = page.fields["attestation.signatory_is_legal_representative"].widget
    tick(qtbot, box)
    assert ctx.dossier.attestation.signatory_is_legal_representative is False
    qtbot.waitUntil(page.delegation_hint.isVisible)
    assert "délégation de signature" in page.delegation_hint.text()
    assert not page.copy_button.isVisible()
    box.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(box, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not page.delegation_hint.isVisible())
    assert page.copy_button.isVisible()


def test_copy_the_legal_representative(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    ctx.dossier.association.identity.legal_representative = Person(
        civility="Madame", last_name="Benali", first_name="Nadia", role="Présidente",
        phone="06 00 00 00 00", email="presidence@exemple.fr")
    page = show_page(qtbot, ctx)
    assert page.fields["attestation.signatory.last_name"].widget.text() == ""

    qtbot.mouseClick(page.copy_button, Qt.MouseButton.LeftButton)

    assert ctx.dossier.attestation.signatory == ctx.dossier.association.identity.legal_representative
    assert ctx.dossier.attestation.signatory is not ctx.dossier.association.identity.legal_representative
    assert page.fields["attestation.signatory.last_name"].widget.text() == "Benali"
    assert page.fields["attestation.signatory.first_name"].widget.text() == "Nadia"
    assert page.fields["attestation.signatory.civility"].widget.currentText() == "Madame"
    assert page.fields["attestation.signatory.role"].widget.text() == "Présidente"
    assert "Madame Nadia Benali, Présidente" in page.copy_status.text()
    assert ctx.dirty


def test_copy_without_a_legal_representative_says_where_to_fill_it(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    page.copy_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(page.copy_button.hasFocus)
    qtbot.keyClick(page.copy_button, Qt.Key.Key_Space)
    assert "Votre association" in page.copy_status.text()
    assert ctx.dossier.attestation.signatory == Person()


def test_enter_in_a_field_copies_nothing(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    ctx.dossier.association.identity.legal_representative.last_name = "Benali"
    page = show_page(qtbot, ctx)
    place = page.fields["attestation.place"].widget
    place.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(place.hasFocus)
    qtbot.keyClick(place, Qt.Key.Key_Return)
    assert ctx.dossier.attestation.signatory.last_name == ""
    assert not page.copy_status.isVisible()


def test_example_is_shown(qtbot, tmp_path, monkeypatch) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    assert page.fields["attestation.cer_subscribed"].widget.isChecked()
    assert page.fields["attestation.place"].widget.text() == "Blois"
    assert page.fields["attestation.date"].widget.text() == "18/11/2022"
    assert [v for v in check_dossier(ctx.dossier, ctx.catalogue) if v.step == "attestation"] == []


def test_every_input_has_an_accessible_name(qtbot, tmp_path, monkeypatch) -> None:
    page = show_page(qtbot, empty_ctx(tmp_path, monkeypatch))
    widgets = input_widgets(page, KINDS)
    assert len(widgets) >= 11
    assert [type(w).__name__ for w in widgets if not w.accessibleName().strip()] == []
    assert "&" in page.copy_button.text()


def test_every_verdict_of_this_step_lands_on_a_widget(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    verdicts = [v for v in check_dossier(ctx.dossier, ctx.catalogue) if v.step == "attestation"]
    assert len(verdicts) >= 3
    for verdict in verdicts:
        assert page.focus_path(verdict.fields[0]), verdict
    page.show_verdicts(verdicts)
    assert page.fields["attestation.information_exact"].verdict_label.isVisible()


def test_tab_follows_the_visual_order(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    page.focusNextChild()
    first = page.fields["attestation.cer_subscribed"].widget
    qtbot.waitUntil(first.hasFocus)
    walked: list[QWidget] = []
    for _ in range(60):
        w = page.focusWidget()
        if walked and w is walked[0]:
            break
        if not walked or walked[-1] is not w:
            walked.append(w)
        qtbot.keyClick(w, Qt.Key.Key_Tab)
    names = [w.accessibleName() for w in walked]
    assert names == [
        "L'association souscrit au contrat d'engagement républicain",
        "L'association est à jour de ses obligations sociales et fiscales",
        "L'association respecte la charte des engagements réciproques de 2014",
        "Les informations de ce dossier sont exactes",
        "La personne qui signe est le représentant légal de l'association",
        "Reprendre le représentant légal",
        "Civilité du signataire",
        "Nom du signataire",
        "Prénom du signataire",
        "Fonction du signataire",
        "Fait à",
        "Date de signature",
    ]
