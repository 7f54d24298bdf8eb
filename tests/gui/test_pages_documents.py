"""Step 8, "Pièces à joindre": one document per item of the call's checklist (kept when the call changes),
the file picker, the count, the requirement said in plain words, and the association's documents taken
from its other dossier of the library."""

from __future__ import annotations

import copy
import dataclasses
import itertools
import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QWidget,
)
from wizard_helpers import EXAMPLES, input_widgets, show

from forms.library import new_dossier
from forms.model import CallRef, Document, Dossier
from forms.programmes import Catalogue, DocumentSpec, Source, default_catalogue
from forms.settings import Settings
from forms.storage import load_dossier, save_dossier
from gui.wizard.context import WizardContext
from gui.wizard.pages import documents as documents_page
from gui.wizard.pages.documents import DocumentsPage, count_text
from rules import check_dossier

pytestmark = pytest.mark.gui

SIRET = "81473062800025"
# the widgets `input_widgets` looks for here (the page has no plain-text box)
KINDS = (QLineEdit, QAbstractSpinBox, QComboBox, QAbstractButton, QAbstractItemView)


# ----------------------------------------------------------------------------------------- helpers
def settings_with_library(tmp_path: Path) -> Settings:
    settings = Settings(tmp_path / "settings.json")
    settings.set("library_dir", str(tmp_path / "bibliotheque"))
    (tmp_path / "bibliotheque").mkdir(exist_ok=True)
    return settings


def ctx_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dossier: Dossier, name: str = "Ce dossier",
            catalogue: Catalogue | None = None) -> WizardContext:
    monkeypatch.setenv("DOSSIER_CDV_HOME", str(tmp_path / "home"))
    settings = settings_with_library(tmp_path)
    path = settings.library_dir / f"{name}.cdv.json"
    save_dossier(dossier, path)
    return WizardContext(path, dossier, catalogue or default_catalogue(), settings)


def blank(call: str = "blois-2023", association: str = "Passerelles Emploi Blois Nord", siret: str = SIRET) -> Dossier:
    territory, year = call.rsplit("-", 1)
    dossier = new_dossier(CallRef(territory, call, int(year)))
    dossier.association.identity.name = association
    dossier.association.identity.siret = siret
    return dossier


def show_page(qtbot, ctx: WizardContext) -> DocumentsPage:
    return show(qtbot, DocumentsPage(ctx), (1000, 800), until_active=False)


def doc(dossier: Dossier, doc_id: str) -> Document:
    return next(d for d in dossier.documents if d.id == doc_id)


def ids(dossier: Dossier) -> list[str]:
    return [d.id for d in dossier.documents]


# ----------------------------------------------------------------------------------------- checklist
def test_documents_are_created_from_the_call(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    assert ctx.dossier.documents == []
    page = show_page(qtbot, ctx)
    specs = ctx.call.documents
    assert ids(ctx.dossier) == [s.id for s in specs]
    assert all(d.state == "a_fournir" for d in ctx.dossier.documents)
    assert ctx.dirty  # the new items will be saved
    assert list(page.rows) == [s.id for s in specs]
    required = sum(1 for s in specs if s.requirement == "toujours")
    assert page.count_label.text().startswith(f"Aucune pièce jointe sur {required} demandées")
    # every document's state and file can be reached by a verdict
    for i in range(len(specs)):
        assert page.widget_for(f"documents[{i}].state") is not None
        assert page.widget_for(f"documents[{i}].path") is not None


def test_the_count_line_speaks_french() -> None:
    """French puts 0 and 1 in the singular; no "(s)", no "0 pièce sur 9 jointe"."""
    assert count_text(0, 9) == ("Aucune pièce jointe sur 9 demandées pour votre dossier. Il reste 9 pièces à "
                                "joindre : voyez la liste ci-dessous.")
    assert count_text(1, 2).startswith("1 pièce jointe sur 2 demandées pour votre dossier. Il reste 1 pièce à")
    assert count_text(0, 1).startswith("Aucune pièce jointe sur 1 demandée ")
    assert count_text(3, 3) == "Toutes les pièces demandées sont jointes (3 sur 3)."
    assert count_text(0, 0) == "Aucune pièce n'est obligatoire pour votre dossier."


def test_existing_documents_are_kept_and_unknown_ones_shown_apart(qtbot, tmp_path, monkeypatch) -> None:
    dossier = blank()
    dossier.documents = [Document(id="rib", path="rib.pdf", state="joint"),
                         Document(id="ancienne-piece", state="joint", note="De l'ancien appel")]
    ctx = ctx_for(tmp_path, monkeypatch, dossier)
    page = show_page(qtbot, ctx)
    assert ids(ctx.dossier)[:2] == ["rib", "ancienne-piece"]
    assert doc(ctx.dossier, "rib").path == "rib.pdf"
    assert len(ctx.dossier.documents) == len(ctx.call.documents) + 1
    assert page.rows["ancienne-piece"].spec is None
    assert "pas demandée par l'appel" in page.rows["ancienne-piece"].requirement.text()
    assert page.rows["rib"].state.widget.currentData() == "joint"


def test_documents_kept_on_call_change(qtbot, tmp_path, monkeypatch) -> None:
    catalogue = copy.deepcopy(default_catalogue())
    extra = DocumentSpec(id="charte-locale", label="Charte locale signée", requirement="facultatif",
                         source=Source(doc="cerfa-12156", section="test"))
    old = catalogue.calls["blois-2021"]
    catalogue.calls["blois-2021"] = dataclasses.replace(old, documents=[*old.documents, extra])
    ctx = ctx_for(tmp_path, monkeypatch, blank(), catalogue=catalogue)
    page = show_page(qtbot, ctx)
    ctx.set_value("documents[0].state", "joint")
    ctx.set_value("documents[0].path", "/tmp/statuts.pdf")
    before = ids(ctx.dossier)

    ctx.set_call("blois-2021")
    page.rebuild_for_call()

    assert ids(ctx.dossier) == [*before, "charte-locale"]
    assert doc(ctx.dossier, before[0]).state == "joint"
    assert doc(ctx.dossier, before[0]).path == "/tmp/statuts.pdf"
    assert "charte-locale" in page.rows
    assert page.rows["charte-locale"].requirement.text().startswith("Facultative")
    assert page.fields["documents[0].path"].widget.text() == "/tmp/statuts.pdf"
    # the rebuilt rows keep the Tab order of the page: from the reuse button into the first document
    page.reuse_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(page.reuse_button.hasFocus)
    qtbot.keyClick(page.reuse_button, Qt.Key.Key_Tab)
    assert page.focusWidget() is page.rows[before[0]].state.widget


def test_requirements_follow_renewal_and_delegation(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    page = show_page(qtbot, ctx)
    report = page.rows["compte-rendu-financier"].requirement
    delegation = page.rows["delegation-signature"].requirement
    assert report.text().startswith("Pas demandée") and delegation.text().startswith("Pas demandée")
    total = page.count_label.text()

    ctx.set_value("actions[0].frequency", "renouvellement")
    ctx.set_value("attestation.signatory_is_legal_representative", False)
    assert report.text().startswith("Obligatoire pour vous : votre action est un renouvellement")
    assert delegation.text().startswith("Obligatoire pour vous")
    assert page.count_label.text() != total


# ----------------------------------------------------------------------------------------- files
def test_choosing_a_file_sets_the_path_and_the_state(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    page = show_page(qtbot, ctx)
    chosen = tmp_path / "pieces" / "rib.pdf"
    chosen.parent.mkdir()
    chosen.write_bytes(b"%PDF-1.4")
    asked = []

    def fake_dialog(parent, caption, folder, filters):
        asked.append(caption)
        return str(chosen), filters

    monkeypatch.setattr(documents_page, "open_file", lambda *args: fake_dialog(*args)[0])
    row = page.rows["rib"]
    qtbot.mouseClick(row.button, Qt.MouseButton.LeftButton)

    assert asked and "Relevé d'identité bancaire" in asked[0]
    assert doc(ctx.dossier, "rib").path == str(chosen)
    assert doc(ctx.dossier, "rib").state == "joint"
    assert row.path.widget.text() == str(chosen)
    assert row.state.widget.currentText() == "Joint"
    assert page.count_label.text().startswith("1 pièce jointe sur")
    assert ctx.settings.get("last_folder") == str(chosen.parent)


def test_cancelling_the_file_dialog_changes_nothing(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    page = show_page(qtbot, ctx)
    monkeypatch.setattr(documents_page, "open_file", lambda *args: "")
    page.rows["statuts"].button.click()
    assert doc(ctx.dossier, "statuts").state == "a_fournir"
    assert doc(ctx.dossier, "statuts").path == ""


def test_state_and_note_typed_by_the_user(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    page = show_page(qtbot, ctx)
    row = page.rows["delegation-signature"]
    row.state.widget.setCurrentIndex(row.state.widget.findData("sans_objet"))
    qtbot.keyClicks(row.note.widget, "La presidente signe.")
    qtbot.keyClicks(row.path.widget, "papier")
    d = doc(ctx.dossier, "delegation-signature")
    assert (d.state, d.note, d.path) == ("sans_objet", "La presidente signe.", "papier")


# ----------------------------------------------------------------------------------------- reuse
def _previous(call: str, association: str, siret: str, folder: Path, *, modified: str) -> Dossier:
    dossier = blank(call, association, siret)
    dossier.action.title = f"Action {association} {call}"
    dossier.documents = [
        Document(id="statuts", path=str(folder / "statuts.pdf"), state="joint"),
        Document(id="rib", path="pieces/rib.pdf", state="joint"),
        Document(id="comptes-approuves", path="", state="a_fournir"),
        Document(id="attestation-signee", path=str(folder / "attestation-2021.pdf"), state="joint"),
    ]
    dossier.meta.modified = modified
    return dossier


def save_dossier_as_of(dossier: Dossier, path: Path) -> None:
    """Save, keeping the dossier's own "last modified" date (saving stamps the current time)."""
    modified = dossier.meta.modified
    save_dossier(dossier, path)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["meta"]["modified"] = modified
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_reuse_association_documents_from_another_dossier(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    library = ctx.settings.library_dir
    older = _previous("blois-2021", "Passerelles Emploi Blois Nord", SIRET, tmp_path / "a",
                      modified="2021-01-01T10:00:00+01:00")
    newer = _previous("blois-2022", "Passerelles Emploi Blois Nord", "814 730 628 00025", tmp_path / "b",
                      modified="2022-06-01T10:00:00+01:00")
    stranger = _previous("blois-2023", "Une autre association", "73282932000074", tmp_path / "c",
                         modified="2023-01-01T10:00:00+01:00")
    for name, dossier in (("ancien", older), ("recent", newer), ("autre", stranger)):
        save_dossier_as_of(dossier, library / f"{name}.cdv.json")
    ctx.dossier.meta.modified = "2030-01-01T00:00:00+01:00"  # this one is the most recent: never its own source
    page = show_page(qtbot, ctx)
    doc(ctx.dossier, "avis-siret").state = "joint"  # already attached here: kept
    doc(ctx.dossier, "avis-siret").path = "/ici/avis.pdf"

    qtbot.mouseClick(page.reuse_button, Qt.MouseButton.LeftButton)

    statuts = doc(ctx.dossier, "statuts")
    assert statuts.path == str(tmp_path / "b" / "statuts.pdf")  # from the most recent dossier of the same SIRET
    assert statuts.state == "joint"
    assert statuts.note == f"Repris du dossier « {newer.title} » : vérifiez qu'il est à jour."
    assert doc(ctx.dossier, "rib").path == "pieces/rib.pdf"  # same folder: the relative path still works
    assert doc(ctx.dossier, "comptes-approuves").state == "a_fournir"  # nothing to take
    assert doc(ctx.dossier, "attestation-signee").state == "a_fournir"  # not an association document
    assert doc(ctx.dossier, "avis-siret").path == "/ici/avis.pdf"
    assert page.rows["statuts"].note.widget.text().startswith("Repris du dossier")
    assert page.rows["statuts"].state.widget.currentData() == "joint"
    assert "2 pièces reprises" in page.reuse_status.text()
    assert page.reuse_status.isVisible()


def test_reuse_by_name_when_there_is_no_siret(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank(siret=""))
    other = _previous("blois-2021", "passerelles emploi blois nord ", "", tmp_path / "a",
                      modified="2021-01-01T10:00:00+01:00")
    save_dossier_as_of(other, ctx.settings.library_dir / "ancien.cdv.json")
    page = show_page(qtbot, ctx)
    assert page.reuse_association_documents() == ["statuts", "rib"]


def test_reuse_says_when_nothing_is_found(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    page = show_page(qtbot, ctx)
    qtbot.mouseClick(page.reuse_button, Qt.MouseButton.LeftButton)
    assert page.reuse_status.text().startswith("Aucun autre dossier de cette association")
    assert all(d.state == "a_fournir" for d in ctx.dossier.documents)


def test_relative_paths_from_another_folder_become_absolute(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    elsewhere = tmp_path / "bibliotheque" / "Archives"
    elsewhere.mkdir()
    other = _previous("blois-2021", "Passerelles Emploi Blois Nord", SIRET, tmp_path / "a",
                      modified="2021-01-01T10:00:00+01:00")
    save_dossier_as_of(other, ctx.settings.library_dir / "ancien.cdv.json")
    page = show_page(qtbot, ctx)
    page.reuse_association_documents()
    assert doc(ctx.dossier, "rib").path == "pieces/rib.pdf"
    # the same dossier found in another folder would give an absolute path
    from gui.wizard.pages.documents import _carried_path

    assert _carried_path("pieces/rib.pdf", elsewhere / "x.cdv.json", ctx.path) == str(elsewhere / "pieces/rib.pdf")


# ----------------------------------------------------------------------------------------- accessibility
def test_every_input_has_an_accessible_name(qtbot, tmp_path, monkeypatch) -> None:
    path = tmp_path / "exemple.cdv.json"
    shutil.copy(EXAMPLES / "blois-2023-insertion.cdv.json", path)
    ctx = ctx_for(tmp_path, monkeypatch, load_dossier(path))
    page = show_page(qtbot, ctx)
    widgets = input_widgets(page, KINDS)
    assert len(widgets) >= 4 * len(ctx.call.documents)
    assert [type(w).__name__ for w in widgets if not w.accessibleName().strip()] == []
    names = [w.accessibleName() for w in widgets]
    assert len(names) == len(set(names))  # each says which document it is about
    assert "&" in page.reuse_button.text()


def test_every_verdict_of_this_step_lands_on_a_widget(qtbot, tmp_path, monkeypatch) -> None:
    dossier = blank()
    dossier.actions[0].frequency = "renouvellement"
    dossier.attestation.signatory_is_legal_representative = False
    ctx = ctx_for(tmp_path, monkeypatch, dossier)
    page = show_page(qtbot, ctx)
    doc(ctx.dossier, "statuts").state = "sans_objet"
    verdicts = [v for v in check_dossier(ctx.dossier, ctx.catalogue) if v.step == "documents"]
    assert len(verdicts) >= 5
    for verdict in verdicts:
        assert page.focus_path(verdict.fields[0]), verdict
    page.show_verdicts(verdicts)
    assert page.rows["rib"].state.verdict_label.isVisible()
    assert page.rows["statuts"].state.verdict_label.isVisible()  # the statutes are never « sans objet »


def test_in_the_window_a_call_change_keeps_the_documents(qtbot, tmp_path, monkeypatch) -> None:
    from gui.wizard.window import DossierWindow

    path = tmp_path / "bibliotheque" / "exemple.cdv.json"
    path.parent.mkdir()
    shutil.copy(EXAMPLES / "blois-2023-insertion.cdv.json", path)
    monkeypatch.setenv("DOSSIER_CDV_HOME", str(tmp_path / "home"))
    window = DossierWindow(path, load_dossier(path), default_catalogue(), settings_with_library(tmp_path))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    before = [(d.id, d.path, d.state) for d in window.ctx.dossier.documents]

    call_page = window.pages["appel"]
    call_page.call_combo.setCurrentIndex(call_page.call_combo.findData("blois-2021"))
    assert window.ctx.dossier.call.call == "blois-2021"
    assert [(d.id, d.path, d.state) for d in window.ctx.dossier.documents] == before

    window.focus_field("documents[4].path")
    page = window.pages["documents"]
    assert window.stack.currentWidget() is page
    qtbot.waitUntil(lambda: page.fields["documents[4].path"].widget.hasFocus())
    assert page.fields["documents[4].path"].widget.text() == before[4][1]
    window.close()


def test_tab_follows_the_visual_order(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    page = show_page(qtbot, ctx)
    page.reuse_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(page.reuse_button.hasFocus)
    walked: list[QWidget] = []
    for _ in range(200):
        w = page.focusWidget()
        if walked and w is walked[0]:
            break
        walked.append(w)
        qtbot.keyClick(w, Qt.Key.Key_Tab)
    expected: list[QWidget] = [page.reuse_button]
    for row in page.rows.values():
        expected += [row.state.widget, row.path.widget, row.button, row.note.widget]
    assert walked == expected
    inner = page.scroll.widget()
    ys = [w.mapTo(inner, w.rect().center()).y() for w in walked]
    assert all(b >= a - 8 for a, b in itertools.pairwise(ys))
