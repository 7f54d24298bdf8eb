"""Windows open inside the screen's available area, a saved size is clamped to it, and Suivant's Alt+S acts
at once so that what is typed next lands in the next step's first field (issue 8)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QByteArray, QRect, Qt
from PySide6.QtGui import QGuiApplication
from test_wizard_window import blank, open_window
from wizard_helpers import focused

from gui.widgets import screen_fit

pytestmark = pytest.mark.gui


@pytest.fixture
def laptop_screen(monkeypatch):
    """The available area of a 1366×768 screen with a 32-pixel task bar."""
    area = QRect(0, 0, 1366, 736)
    monkeypatch.setattr(screen_fit, "available_area", lambda _window: area)
    return area


def inside(window, area: QRect) -> bool:
    allowance = screen_fit.FRAME_ALLOWANCE
    return (window.x() >= area.left() and window.y() >= area.top()
            and window.x() + window.width() + allowance.width() <= area.right() + 1
            and window.y() + window.height() + allowance.height() <= area.bottom() + 1)


def test_the_wizard_opens_inside_a_laptop_screen(qtbot, settings, tmp_path, laptop_screen) -> None:
    window = open_window(qtbot, settings, blank(tmp_path))
    assert inside(window, laptop_screen), window.geometry()
    assert window.height() <= 736 - screen_fit.FRAME_ALLOWANCE.height()
    assert window.next_button.isVisible() and window.save_label.isVisible()
    assert window.next_button.geometry().bottom() < window.height()


def test_a_saved_size_larger_than_the_screen_is_clamped(qtbot, settings, tmp_path, laptop_screen) -> None:
    big = open_window(qtbot, settings, blank(tmp_path))
    big.setGeometry(50, 40, 1900, 1200)  # saved on a large screen
    settings.set("wizard_geometry", bytes(big.saveGeometry().toBase64()).decode("ascii"))
    big.close()
    window = open_window(qtbot, settings, blank(tmp_path))
    assert QByteArray.fromBase64(settings.get("wizard_geometry").encode("ascii"))
    assert inside(window, laptop_screen), window.geometry()


def test_alt_s_moves_on_at_once_and_the_next_keys_go_into_the_first_field(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, blank(tmp_path))
    assert window.current_step == "appel"
    assert window.pages["appel"].isAncestorOf(focused())  # the cursor is in the page, not the glossary
    qtbot.keyClick(focused(), Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert window.current_step == "association"  # no 100 ms animated click
    qtbot.keyClicks(focused(), "Les Amis")
    assert window.ctx.dossier.association.identity.name == "Les Amis"


def test_the_available_area_is_the_screen_s(qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    widget = QWidget()
    qtbot.addWidget(widget)
    assert screen_fit.available_area(widget) == QGuiApplication.primaryScreen().availableGeometry()


def test_on_a_narrow_screen_the_page_keeps_its_width(qtbot, settings, tmp_path, monkeypatch) -> None:
    """1366×768 at 200 % text size is an effective 683×384: the glossary starts closed (F1 opens it) and
    the save status keeps a place beside Précédent / Suivant."""
    monkeypatch.setattr(screen_fit, "available_area", lambda _window: QRect(0, 0, 683, 384))
    settings.set("show_glossary", True)
    window = open_window(qtbot, settings, blank(tmp_path))
    assert window.width() <= 683 and not window.glossary_dock.isVisible()
    window.save_now()
    assert window.save_label.isVisible() and window.save_label.width() > 0
    assert window.next_button.isVisible()
