"""« Saisie sur le portail » and « Préparer l'envoi » in the dossier window: Copier puts exactly the value on the
clipboard (mouse and keyboard), ticks are saved in the dossier and survive a reopen, an edit unticks and says
« modifié depuis », the values to prepare open their field, and the pack dialog lists what to fix or shows
the e-mail."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from wizard_helpers import EXAMPLES, click, empty_ctx, focused, show, unnamed_inputs

from forms.handoff.ticks import tick_state
from forms.programmes import default_catalogue
from forms.settings import Settings
from forms.storage import load_dossier
from gui.wizard.context import WizardContext
from gui.wizard.pack_dialog import PackDialog
from gui.wizard.portal_view import PortalView, ValueRow
from gui.wizard.window import DossierWindow

pytestmark = pytest.mark.gui

NAME = "blois-2023-insertion"


def copy_example(tmp_path: Path) -> Path:
    path = tmp_path / f"{NAME}.cdv.json"
    shutil.copy(EXAMPLES / path.name, path)
    return path


def open_window(qtbot, settings: Settings, path: Path) -> DossierWindow:
    return show(qtbot, DossierWindow(path, load_dossier(path), default_catalogue(), settings), size=(1366, 768))


def portal(qtbot, window: DossierWindow) -> PortalView:
    window.show_portal()
    qtbot.waitUntil(lambda: window.portal_dock is not None and bool(window.portal_dock.view.rows))
    return window.portal_dock.view


def row(view: PortalView, path: str) -> ValueRow:
    return next(r for r in view.rows.values() if r.value.path == path)


def test_copier_puts_exactly_the_text_on_the_clipboard(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, copy_example(tmp_path))
    view = portal(qtbot, window)
    clipboard = QGuiApplication.clipboard()
    description = row(view, "actions[0].description")
    click(qtbot, description.copy_button)
    assert clipboard.text() == window.ctx.dossier.actions[0].description  # paragraphs and all
    assert "\n\n" in clipboard.text()
    assert view.status.text().startswith("« Description de l'action » copié (")
    # the keyboard: the Copier button takes the focus with Tab, Space presses it
    amount = row(view, "actions[0].requested_cents.etat")
    amount.copy_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: focused() is amount.copy_button)
    qtbot.keyClick(amount.copy_button, Qt.Key.Key_Space)
    assert clipboard.text() == "14 000,00 €"
    assert amount.count.text() == "11 caractères"
    assert amount.copy_button.accessibleName() == "Copier : Montant demandé à État"


def test_ticks_are_saved_survive_a_reopen_and_an_edit_unticks(qtbot, settings, tmp_path) -> None:
    path = copy_example(tmp_path)
    window = open_window(qtbot, settings, path)
    view = portal(qtbot, window)
    total = view.progress.maximum()
    title = row(view, "actions[0].title")
    click(qtbot, title.tick, on_mark=True)
    click(qtbot, row(view, "association.identity.siret").tick, on_mark=True)
    assert view.progress.value() == 2 and view.progress.text() == f"2 sur {total} valeurs saisies"
    assert window.save_now()
    on_disk = load_dossier(path)
    assert set(on_disk.meta.portal_ticks) == {"actions[0].title", "association.identity.siret"}
    window.close()

    window = open_window(qtbot, settings, path)  # reopened: the ticks are there
    view = portal(qtbot, window)
    title = row(view, "actions[0].title")
    assert title.tick.isChecked() and not title.state.isVisible()
    assert view.progress.value() == 2
    window.ctx.set_value("actions[0].title", "Passerelle vers l'emploi 2023")  # as the action page does
    qtbot.waitUntil(lambda: not row(view, "actions[0].title").tick.isChecked())
    title = row(view, "actions[0].title")
    assert title.text.text() == "Passerelle vers l'emploi 2023"
    assert title.state.isVisible() and title.state.text() == "Modifié depuis la saisie : à saisir de nouveau"
    assert view.progress.value() == 1
    assert tick_state(window.ctx.dossier, title.value) == "modifie"
    click(qtbot, title.tick, on_mark=True)  # entered again
    assert not title.state.isVisible() and view.progress.value() == 2


def test_a_new_dossier_is_mostly_to_prepare(qtbot, tmp_path, monkeypatch) -> None:
    view = show(qtbot, PortalView(empty_ctx(tmp_path, monkeypatch)), size=(600, 700))
    qtbot.waitUntil(lambda: bool(view.rows))
    missing = view.sheet.to_prepare()
    assert len(missing) > 40 and view.missing.isVisible()
    assert f"À préparer ({len(missing)})" in view.missing.text()
    assert view.progress.value() == 0
    assert view.progress.maximum() == len(view.sheet.present())
    assert not any(r.isVisibleTo(view) for r in view.rows.values() if r.value.missing)


def test_every_input_has_a_name(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, copy_example(tmp_path))
    assert unnamed_inputs(portal(qtbot, window)) == []
    dialog = show(qtbot, PackDialog(window.ctx), size=None)
    assert unnamed_inputs(dialog) == []


def test_going_to_a_step_of_the_portal(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, copy_example(tmp_path))
    view = portal(qtbot, window)
    assert [view.jump.itemText(i) for i in range(view.jump.count())][3] == "4. Saisie de la demande"
    view.jump.setCurrentIndex(3)
    view.jump.activated.emit(3)
    bar = view.scroll.verticalScrollBar()
    assert bar.value() == min(view.section_titles[3].y(), bar.maximum()) > 0


def test_hiding_what_is_entered(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, copy_example(tmp_path))
    view = portal(qtbot, window)
    siret = row(view, "association.identity.siret")
    click(qtbot, siret.tick, on_mark=True)
    view.hide_done.setChecked(True)
    assert siret.isHidden() and not row(view, "actions[0].title").isHidden()


def test_values_to_prepare_open_their_field(qtbot, settings, tmp_path) -> None:
    path = copy_example(tmp_path)
    window = open_window(qtbot, settings, path)
    view = portal(qtbot, window)
    assert not view.missing.isVisible()
    before = row(view, "association.identity.siret")
    window.ctx.set_value("association.identity.siret", "")
    qtbot.waitUntil(lambda: view.missing.isVisible())
    assert "Numéro SIRET" in view.missing.text() and "étape « Votre association »" in view.missing.text()
    assert row(view, "association.identity.siret") is before  # emptying a field rebuilds nothing
    assert before.isHidden()  # listed above, not among the values to copy
    view.missing.linkActivated.emit("0")
    assert window.current_step == "association"
    siret = window.pages["association"].widget_for("association.identity.siret")
    qtbot.waitUntil(lambda: focused() is siret)


def test_reachable_from_the_review_step_and_the_menu(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, copy_example(tmp_path))
    window.show_step("verification")
    click(qtbot, window.pages["verification"].portal_button)
    qtbot.waitUntil(lambda: window.portal_dock is not None and window.portal_dock.isVisible())
    window.portal_dock.close()
    menu = window.menuBar().actions()[0].menu()
    action = next(a for a in menu.actions() if a.text() == "&Saisie sur le portail Dauphin")
    assert action.shortcut().toString() == "Ctrl+Shift+D"
    action.trigger()
    assert window.portal_dock.isVisible()
    assert any(a.text() == "Préparer l'e&nvoi aux financeurs…" for a in menu.actions())


def test_the_fiche_is_written_in_the_export_folder(qtbot, settings, tmp_path, monkeypatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr("gui.wizard.portal_view.QDesktopServices.openUrl", lambda url: opened.append(url.toLocalFile()))
    settings.set("export_dir", str(tmp_path / "exports"))
    window = open_window(qtbot, settings, copy_example(tmp_path))
    view = portal(qtbot, window)
    click(qtbot, view.print_button)
    written = sorted(p.suffix for p in (tmp_path / "exports").iterdir())
    assert written == [".docx", ".pdf"]
    assert opened and opened[0].endswith(".pdf")
    assert view.status.text().startswith("Fiche de saisie créée :")


# ----------------------------------------------------------------------------------------- the pack dialog
def pack_ctx(tmp_path: Path, settings: Settings, *, with_files: bool) -> WizardContext:
    path = copy_example(tmp_path)
    if with_files:
        (tmp_path / "pieces").mkdir()
        for doc in load_dossier(path).documents:
            if doc.path:
                (tmp_path / doc.path).write_bytes(b"%PDF-1.4 " + doc.id.encode())
    settings.set("export_dir", str(tmp_path / "exports"))
    return WizardContext(path, load_dossier(path), default_catalogue(), settings)


def test_the_pack_dialog_lists_what_to_fix(qtbot, settings, tmp_path) -> None:
    ctx = pack_ctx(tmp_path, settings, with_files=False)
    jumps: list[str] = []
    ctx.set_focus_handler(jumps.append)
    dialog = show(qtbot, PackDialog(ctx), size=None)
    assert dialog.size.value() == 10  # Mo, the default
    click(qtbot, dialog.build_button)
    assert dialog.problems.count() == 10
    assert dialog.problems.item(0).text().startswith("Le fichier de la pièce « Statuts de l'association » est "
                                                     "introuvable")
    assert dialog.result.text().startswith("Le paquet n'a pas été préparé : 10 points à corriger.")
    assert not (tmp_path / "exports").exists()
    dialog.problems.itemActivated.emit(dialog.problems.item(4))
    assert jumps == ["documents[4].path"]


def test_the_pack_dialog_builds_the_pack_and_shows_the_mail(qtbot, settings, tmp_path) -> None:
    ctx = pack_ctx(tmp_path, settings, with_files=True)
    ctx.verdicts = [SimpleNamespace(level="bloquant"), SimpleNamespace(level="conseil")]  # as the rules say
    dialog = show(qtbot, PackDialog(ctx), size=None)
    dialog.size.setValue(7)
    click(qtbot, dialog.build_button)
    assert dialog.result.text().endswith("Attention : le dossier a encore 1 problème bloquant (étape « Vérification "
                                         "et export ») : le financeur ne pourra pas l'accepter ainsi.")
    assert dialog.pack is not None and dialog.pack.folder.parent == tmp_path / "exports"
    assert settings.get("pack_max_mb") == 7
    assert dialog.mail.isVisible()
    assert [dialog.funder.itemText(i) for i in range(dialog.funder.count())] == [
        "Ville de Blois", "Terres de Loire Habitat", "Caisse d’allocations familiales (Caf)",
        "Conseil départemental de Loir-et-Cher"]
    assert dialog.subject.text() == ("Demande de subvention — Appel à projets 2023 du contrat de ville de Blois — "
                                     "PEBN")
    assert "subvention de 9 000,00 €" in dialog.mail.toPlainText()
    dialog.funder.setCurrentIndex(1)
    assert "subvention de 2 500,00 €" in dialog.mail.toPlainText()
    click(qtbot, dialog.copy_mail)
    body = QGuiApplication.clipboard().text()
    assert body == dialog.pack.mails[1].body and body.startswith("Madame, Monsieur,")
    assert body in (dialog.pack.folder / "Courriel à envoyer.txt").read_text(encoding="utf-8")
    click(qtbot, dialog.copy_subject)
    assert QGuiApplication.clipboard().text() == dialog.subject.text()
