"""Helpers shared by the interface tests of the wizard (its pages, the budget editor and the window).

Imported like `conftest` (`from wizard_helpers import show`): pytest puts this folder on `sys.path`.

- contexts: `example_ctx` (a copy of a shipped example dossier), `empty_ctx` (a new dossier);
- showing a widget: `show`;
- finding inputs: `INPUTS`, `unnamed_inputs`, `input_widgets`, `by_name`;
- typing and clicking as a user does: `focused`, `write`, `type_here`, `type_keys`, `press`, `tab`,
  `tick`, `scroll_into_view`, `click`.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TypeVar

import pytest
import shiboken6
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QTableWidget,
    QWidget,
)

from forms.library import new_dossier
from forms.model import CallRef
from forms.programmes import default_catalogue
from forms.settings import Settings
from forms.storage import load_dossier, save_dossier
from gui.wizard.context import WizardContext

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
# what a user types in, chooses from or clicks: `unnamed_inputs` checks each has an accessible name
INPUTS = (QAbstractButton, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QAbstractItemView)
# the default of `input_widgets`: the same kinds, check boxes said outright
INPUT_KINDS = (QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox, QCheckBox, QAbstractButton, QAbstractItemView)

W = TypeVar("W", bound=QWidget)


# ----------------------------------------------------------------------------------------- contexts
def example_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str = "blois-2023-insertion") -> WizardContext:
    """The context of a copy of the shipped example `name` (`resources/examples/{name}.cdv.json`)."""
    monkeypatch.setenv("DOSSIER_CDV_HOME", str(tmp_path / "home"))
    path = tmp_path / f"{name}.cdv.json"
    shutil.copy(EXAMPLES / f"{name}.cdv.json", path)
    return WizardContext(path, load_dossier(path), default_catalogue(), Settings(tmp_path / "settings.json"))


def empty_ctx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, call: str = "blois-2023") -> WizardContext:
    """The context of a new dossier for `call` ("territory-year"), saved as `nouveau.cdv.json`."""
    monkeypatch.setenv("DOSSIER_CDV_HOME", str(tmp_path / "home"))
    territory, year = call.rsplit("-", 1)
    dossier = new_dossier(CallRef(territory, call, int(year)))
    path = tmp_path / "nouveau.cdv.json"
    save_dossier(dossier, path)
    return WizardContext(path, dossier, default_catalogue(), Settings(tmp_path / "settings.json"))


# ----------------------------------------------------------------------------------------- showing
def show(qtbot, widget: W, size: tuple[int, int] | None = (1000, 750), *, until_active: bool = True) -> W:
    """Show `widget` as a window of `size` (None: its own size), kept alive and closed by `qtbot`.

    Waits until the window is active; with `until_active=False`, until it is exposed, then asks for the
    activation without waiting for it.
    """
    qtbot.addWidget(widget)
    if size is not None:
        widget.resize(*size)
    if until_active:
        with qtbot.waitActive(widget):
            widget.show()
            widget.activateWindow()
    else:
        widget.show()
        qtbot.waitExposed(widget)
        widget.activateWindow()
    return widget


# ----------------------------------------------------------------------------------------- finding inputs
def unnamed_inputs(root: QWidget) -> list[str]:
    """Every input under `root` without an accessible name (the parts Qt builds inside a spin box,
    a combo box or a table are named through their owner)."""
    missing = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INPUTS) or isinstance(w, QHeaderView):
            continue
        if isinstance(w, QLineEdit) and isinstance(w.parentWidget(), QAbstractSpinBox | QComboBox):
            continue
        if not w.accessibleName().strip():
            missing.append(f"{type(w).__name__} {getattr(w, 'text', lambda: '')()!r}")
    return missing


def input_widgets(page: QWidget, kinds: tuple[type[QWidget], ...] = INPUT_KINDS) -> list[QWidget]:
    """Every widget of one of `kinds` that a user types in, ticks or clicks (that takes the focus), not
    counting the inner parts of spin boxes, combo boxes or tables."""
    out = []
    for w in page.findChildren(QWidget):
        if not isinstance(w, kinds) or w.focusPolicy() == Qt.FocusPolicy.NoFocus:
            continue
        parent, inner = w.parentWidget(), False
        while parent is not None and parent is not page:
            inner = inner or isinstance(parent, (QAbstractSpinBox, QComboBox, QAbstractItemView))
            parent = parent.parentWidget()
        if not inner:
            out.append(w)
    return out


def by_name(page: QWidget, name: str) -> QWidget:
    """The one widget under `page` whose accessible name is `name`."""
    found = [w for w in page.findChildren(QWidget) if w.accessibleName() == name]
    assert len(found) == 1, f"{len(found)} widgets named {name!r}"
    return found[0]


# ----------------------------------------------------------------------------------------- keyboard
def focused() -> QWidget:
    return QApplication.focusWidget()


def write(qtbot, widget: QWidget, text: str) -> None:
    """Type `text` key by key, accents included (QTest only knows ASCII keys); a newline is Enter."""
    for char in text:
        if char == "\n":
            qtbot.keyClick(widget, Qt.Key.Key_Return)
        elif ord(char) < 128:
            qtbot.keyClicks(widget, char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, Qt.KeyboardModifier.NoModifier)


def type_here(qtbot, text: str) -> None:
    """`write` into the widget that has the focus."""
    write(qtbot, focused(), text)


def type_keys(qtbot, text: str) -> None:
    """Type as a user does: each key goes to the widget that has the focus now (the first key typed in a
    table cell opens its editor, which then has the focus)."""
    for char in text:
        qtbot.keyClicks(focused(), char)


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QWidget:
    """Press a key in the focused widget; when it closes a cell editor (Enter, Tab), wait until Qt has
    committed it. Returns the widget that has the focus afterwards."""
    widget = focused()
    in_cell = isinstance(widget.parentWidget(), QWidget) and isinstance(
        widget.parentWidget().parentWidget(), QTableWidget
    )
    qtbot.keyClick(widget, key, modifier)
    if in_cell and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab):
        qtbot.waitUntil(lambda: not (shiboken6.isValid(widget) and widget.isVisible()))
    return focused()


def tab(qtbot) -> QWidget:
    """Press Tab and wait until the focus has moved; returns the widget that has it."""
    before = focused()
    qtbot.keyClick(before, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused() is not before)
    return focused()


# ----------------------------------------------------------------------------------------- mouse
def tick(qtbot, box: QAbstractButton) -> None:
    """Click a checkbox on its box (the middle of a full-width checkbox is outside its text)."""
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, box.height() // 2))


def scroll_into_view(widget: QWidget) -> None:
    """Scroll the nearest scroll area around `widget` to it, as a user does before clicking."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None:
        parent.ensureWidgetVisible(widget)


def click(qtbot, widget: QWidget, *, on_mark: bool = False) -> None:
    """Click like a user: scrolled into view first (clicks go through the window), in the middle or, with
    `on_mark`, on the mark of a check box or radio button (a full-width one reacts only on its mark and
    text)."""
    scroll_into_view(widget)
    pos = QPoint(min(8, widget.width() // 2), widget.height() // 2) if on_mark else widget.rect().center()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=pos)
