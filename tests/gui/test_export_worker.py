"""The export runs in a worker thread: the window stays usable, a progress bar shows how far it is,
« Annuler l'export » stops it and nothing is written (issue 10). Real window, real export, no sleeps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from test_wizard_window import example, open_window, review
from wizard_helpers import click

pytestmark = pytest.mark.gui


@pytest.fixture(autouse=True)
def answer_yes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))


def test_export_in_the_background_with_progress(qtbot, settings, tmp_path) -> None:
    out = tmp_path / "Exports"
    settings.set("export_dir", str(out))
    window = open_window(qtbot, settings, example(tmp_path, "blois-2023-insertion"))
    review(qtbot, window)
    page = window.pages["verification"]
    seen: list[int] = []
    page.runner.progressed.connect(seen.append)
    click(qtbot, page.both_button)
    # the export runs in its worker: the page says so and offers to cancel, the buttons wait
    assert page.runner.running()
    assert page.progress.isVisible() and page.cancel_button.isVisible()
    assert not page.both_button.isEnabled() and not page.pdf_button.isEnabled()
    assert page.result.text() == "Export en cours…"
    qtbot.waitUntil(lambda: len(page.last_exports) == 2, timeout=60_000)
    assert {p.suffix for p in page.last_exports} == {".docx", ".pdf"}
    assert all(p.is_file() and p.parent == out for p in page.last_exports)
    assert seen and seen == sorted(seen) and seen[-1] >= 90
    assert not page.progress.isVisible() and not page.cancel_button.isVisible()
    assert page.both_button.isEnabled()
    assert "Fichiers créés" in page.result.text()
    assert window.ctx.dossier.meta.exported


def test_cancel_stops_the_export_and_writes_nothing(qtbot, settings, tmp_path) -> None:
    out = tmp_path / "Exports"
    settings.set("export_dir", str(out))

    def long_description(dossier) -> None:  # a few seconds of layout: time to cancel
        dossier.action.description = "\n".join(
            f"Paragraphe {i} : les habitantes et habitants participent aux ateliers chaque semaine." * 6
            for i in range(3000))

    window = open_window(qtbot, settings, example(tmp_path, "blois-2023-insertion", long_description))
    review(qtbot, window)
    page = window.pages["verification"]
    click(qtbot, page.both_button)
    assert page.runner.running()
    assert page.cancel_button.hasFocus()  # Enter or Space cancels at once
    qtbot.keyClick(page.cancel_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: not page.runner.running(), timeout=60_000)
    assert page.result.text() == "Export annulé : aucun fichier n'a été créé."
    assert page.last_exports == []
    assert not out.exists() or not any(out.iterdir())
    assert not window.ctx.dossier.meta.exported
    assert page.both_button.isEnabled()
