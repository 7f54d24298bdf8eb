"""The glossary panel follows the dossier's territory, says « Aucun résultat », and F1 opens it with the
cursor in its search box (issue 8)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from test_wizard_window import blank, open_window
from wizard_helpers import focused, press

from gui.wizard.glossary import NO_RESULT

pytestmark = pytest.mark.gui


def search(qtbot, panel, text: str) -> list[str]:
    panel.search.clear()
    qtbot.keyClicks(panel.search, text)
    return panel.entries_shown()


def test_a_blois_dossier_never_shows_amboise_s_own_entries(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, blank(tmp_path, "blois-2023"))
    panel = window.glossary
    assert search(qtbot, panel, "VTH") == []  # Val Touraine Habitat, Amboise's bailleur
    assert search(qtbot, panel, "Touraine") == []
    qpv = search(qtbot, panel, "QPV :")
    assert len(qpv) == 1 and "Verrerie" not in qpv[0]
    assert search(qtbot, panel, "TFPB")[0].startswith("TFPB : Taxe foncière sur les propriétés bâties")


def test_an_amboise_dossier_shows_its_own_meaning(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, blank(tmp_path, "amboise-2022"))
    panel = window.glossary
    qpv = search(qtbot, panel, "QPV :")
    assert len(qpv) == 1 and "La Verrerie" in qpv[0]
    assert search(qtbot, panel, "VTH")[0].startswith("VTH : Val Touraine Habitat")
    assert search(qtbot, panel, "TFPB")  # the national entries too


def test_the_glossary_follows_a_change_of_territory(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, blank(tmp_path, "blois-2023"))
    assert not search(qtbot, window.glossary, "CCVA")
    window.ctx.set_call("amboise-2022")
    assert search(qtbot, window.glossary, "CCVA")[0].startswith("CCVA : Communauté de Communes du Val d'Amboise")


def test_nothing_found_says_so(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, blank(tmp_path))
    panel = window.glossary
    assert not panel.no_result.isVisible()
    assert search(qtbot, panel, "zzz") == []
    assert panel.no_result.isVisible() and panel.no_result.text() == NO_RESULT
    assert NO_RESULT.startswith("Aucun résultat")
    panel.search.clear()
    assert not panel.no_result.isVisible() and panel.visible_count() > 20


def test_f1_opens_the_glossary_with_the_cursor_in_its_search_box(qtbot, settings, tmp_path) -> None:
    settings.set("show_glossary", False)
    window = open_window(qtbot, settings, blank(tmp_path))
    assert not window.glossary_dock.isVisible()
    window.steps.setFocus()
    qtbot.waitUntil(window.steps.hasFocus)
    press(qtbot, Qt.Key.Key_F1)
    qtbot.waitUntil(window.glossary_dock.isVisible)
    qtbot.waitUntil(lambda: focused() is window.glossary.search)
    qtbot.keyClicks(focused(), "FONJEP")
    assert window.glossary.entries_shown()[0].startswith("FONJEP : Fonds de coopération de la jeunesse")
