"""Keeping the dossiers in another folder of the disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import make_dossier
from PySide6.QtWidgets import QFileDialog

from forms.settings import Settings
from forms.storage import save_dossier

pytestmark = pytest.mark.gui


def test_choose_another_library_folder(filled_library, make_window, tmp_path, monkeypatch):
    shared = tmp_path / "partage"
    shared.mkdir()
    save_dossier(make_dossier("Fête de quartier", "Comité des fêtes"), shared / "Fête de quartier.cdv.json")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a: str(shared)))
    window = make_window()
    before = sorted(p.name for p in filled_library.folder.iterdir())

    assert window.act_library_dir.text().replace("&", "") == "Changer le dossier de rangement…"
    window.act_library_dir.trigger()

    assert window.library.folder == shared
    assert window.model.rowCount() == 1 and window.selected_path() == shared / "Fête de quartier.cdv.json"
    assert Settings(window.settings.path).library_dir == shared  # remembered for the next start
    assert sorted(p.name for p in filled_library.folder.iterdir()) == before  # nothing moved
    assert "n'ont pas été déplacés" in window.statusBar().currentMessage()


def test_cancelling_the_folder_choice_changes_nothing(filled_library, make_window, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a: ""))
    window = make_window()
    window.act_library_dir.trigger()
    assert window.library.folder == filled_library.folder
    assert Path(window.settings.get("library_dir") or filled_library.folder) == filled_library.folder
