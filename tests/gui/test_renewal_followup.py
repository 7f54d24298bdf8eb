"""The renewal and the follow-up in the interface: renewing from the library, the marks beside the fields,
the step list, « Ce qui a changé dans l'appel », the compte-rendu sheets and « Ce qui est dû ».
Asserts on the model and the saved file."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLineEdit
from wizard_helpers import EXAMPLES, click, write

from forms.compte_rendu import start_report
from forms.library import Library
from forms.renewal import pending_marks, renew
from forms.settings import Settings
from forms.storage import load_dossier, save_dossier

pytestmark = pytest.mark.gui


@pytest.fixture
def renewed_window(qtbot, tmp_path, later_catalogue):
    """The wizard of the Blois 2023 example renewed into the fixture call of 2025."""
    from gui.wizard.window import DossierWindow

    previous = load_dossier(EXAMPLES / "blois-2023-insertion.cdv.json")
    path = tmp_path / "renouvele.cdv.json"
    save_dossier(renew(previous, later_catalogue, "blois-2025").dossier, path)
    window = DossierWindow(path, load_dossier(path), later_catalogue, Settings(tmp_path / "settings.json"))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def _state(window, step_id: str) -> str:
    from forms.steps import STEP_IDS

    return window.steps.item(STEP_IDS.index(step_id)).text().split("\n")[1].strip()


def test_marks_show_beside_the_fields_and_keep_the_step_open(qtbot, renewed_window):
    window = renewed_window
    window.show_step("action")
    page = window.pages["action"]
    label = page.fields["actions[0].start_date"].verdict_label
    assert label.isVisible() and label.text().startswith("À revoir : Date de l'an dernier décalée")
    assert "À revoir" in page.summary.text()
    assert _state(window, "action") == "En cours — 2 à revoir"
    assert window.renewal_dock.isVisible()
    assert "Priorités retirées (1)" in window.renewal_panel.diff_label.text()
    assert "Quartiers Nord → Blois Nord" in window.renewal_panel.diff_label.text()


def test_changing_or_confirming_a_marked_value_resolves_it_and_is_saved(qtbot, renewed_window):
    window = renewed_window
    ctx = window.ctx
    window.show_step("action")
    ctx.set_value("actions[0].start_date", dt.date(2025, 1, 6))  # what the date field writes
    assert ctx.dossier.renewal.marks["actions[0].start_date"].confirmed
    panel = window.renewal_panel
    button = panel.confirm_buttons["actions[0].end_date"]
    click(qtbot, button)
    assert ctx.dossier.renewal.marks["actions[0].end_date"].confirmed
    assert _state(window, "action") == "Terminé"
    assert not window.pages["action"].fields["actions[0].start_date"].verdict_label.isVisible()
    assert window.save_now()
    saved = load_dossier(ctx.path)
    assert saved.renewal.marks["actions[0].start_date"].confirmed
    assert saved.renewal.marks["actions[0].end_date"].confirmed
    assert "actions[0].end_date" not in pending_marks(saved)


def test_renew_from_the_library(qtbot, tmp_path, later_catalogue, monkeypatch):
    from gui.library_window import LibraryWindow
    from gui.renew_dialog import RenewDialog, call_choices

    settings = Settings()
    library = Library(settings.library_dir)
    library.ensure()
    source = library.folder / "PEBN 2023.cdv.json"
    shutil.copy(EXAMPLES / "blois-2023-insertion.cdv.json", source)
    window = LibraryWindow(settings, catalogue_provider=lambda: later_catalogue)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.states_ready, timeout=10_000):
        window.show()
    window.select_path(source)
    assert window.act_renew.isEnabled() and window.buttons["actionRenew"].isEnabled()
    dossier = load_dossier(source)
    assert call_choices(later_catalogue, dossier)[0][0] == "blois-2025"  # the later call first

    def accept(dialog: RenewDialog) -> int:
        assert dialog.chosen_call() == "blois-2025"
        assert "Nouveau cofinanceur : Région Centre-Val de Loire" in dialog.preview.text()
        dialog.accept()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(RenewDialog, "exec", accept)
    created = window.renew_selected()
    assert created is not None and created.exists() and created != source
    new = load_dossier(created)
    assert new.call.call == "blois-2025" and new.renewal.previous_file == str(source)
    assert load_dossier(source) == dossier  # last year's dossier untouched
    opened = window.open_windows()[created]
    assert opened.renewal_dock is not None
    opened.close()


def test_compte_rendu_sheets_write_the_model(qtbot, tmp_path, later_catalogue):
    from gui.followup.hooks import show_followup
    from gui.followup.sheets import FiguresSheet
    from gui.wizard.window import DossierWindow

    path = tmp_path / "pebn.cdv.json"
    shutil.copy(EXAMPLES / "blois-2023-insertion.cdv.json", path)
    window = DossierWindow(path, load_dossier(path), later_catalogue, Settings(tmp_path / "settings.json"))
    qtbot.addWidget(window)
    window.show()
    followup = show_followup(window)
    qtbot.addWidget(followup)
    assert followup.tabs.count() == 2  # Suivi, and the button that starts the report
    click(qtbot, followup.start_button)
    assert window.ctx.dossier.actions[0].report.started
    sheet = next(followup.tabs.widget(i) for i in range(followup.tabs.count())
                 if isinstance(followup.tabs.widget(i), FiguresSheet))
    followup.tabs.setCurrentWidget(sheet)
    field = sheet.fields["actions[0].report.budget.lines.604"]
    edit: QLineEdit = field.widget
    edit.setFocus()
    edit.selectAll()
    write(qtbot, edit, "3 000,00 €")
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert window.ctx.dossier.actions[0].report.budget.lines["604"] == 300000
    assert sheet.gap_labels["604"].text().startswith("+600,00")
    assert "+25" in sheet.gap_labels["604"].text()
    paths = followup.export(tmp_path / "exports")
    assert sorted(p.suffix for p in paths) == [".docx", ".pdf"]
    assert window.save_now()
    assert load_dossier(path).actions[0].report.budget.lines["604"] == 300000


def test_due_dialog_lists_what_is_due(qtbot, later_catalogue):
    from gui.library_followup import DueDialog, follow_up_rows

    settings = Settings()
    library = Library(settings.library_dir)
    library.ensure()
    late = load_dossier(EXAMPLES / "blois-2021-culture.cdv.json")
    late.lifecycle.state = "accorde"
    start_report(late.actions[0])
    save_dossier(late, library.folder / "tard.cdv.json")
    shutil.copy(EXAMPLES / "amboise-acces-droits.cdv.json", library.folder / "brouillon.cdv.json")
    rows = follow_up_rows(library, later_catalogue, today=dt.date(2024, 1, 1))
    assert [r.path.name for r in rows] == ["tard.cdv.json", "brouillon.cdv.json"]
    assert rows[0].overdue and rows[0].due == dt.date(2022, 6, 30)
    dialog = DueDialog(rows)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "Compte-rendu en retard : dû le 30 juin 2022"
    dialog.all.setChecked(True)
    assert dialog.table.rowCount() == 2
    assert dialog.table.item(1, 2).text() == "Brouillon"


def test_new_windows_have_french_accessible_names(qtbot, renewed_window):
    from wizard_helpers import unnamed_inputs

    from gui.followup.hooks import show_followup

    followup = show_followup(renewed_window)
    qtbot.addWidget(followup)
    assert unnamed_inputs(renewed_window.renewal_panel) == []
    assert unnamed_inputs(followup) == []


