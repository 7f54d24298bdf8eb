"""A long session in one process (issue 8): the wizard open on an example dossier, thousands of edits by
key presses on every page (texts, dates, numbers, the age table, check boxes, budget cells), page
switches, verdict refreshes and saves. The process stays up, `None`'s reference count and the number of
live widgets do not drift, and the saved file equals the model at the end.

Marked `soak` (and `gui`): `pytest -m "not soak"` leaves it out of the fast loop; `./dev.sh test` runs it.
"""

from __future__ import annotations

import gc
import sys
from itertools import cycle

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget
from test_wizard_window import example, open_window
from wizard_helpers import press

from forms.codec import to_data
from forms.steps import STEP_IDS
from forms.storage import load_dossier
from gui.widgets.typed_inputs import DateEdit, NumberEdit
from gui.wizard.budget_table import BudgetTable

pytestmark = [pytest.mark.gui, pytest.mark.soak]

ROUNDS = 12
PER_PAGE = 5  # inputs edited on each page in each round (a different few each round)
DATES = cycle(["01/03/2023", "1/4/2023", "15.05.2023", "30-06-2023", "01072023", "31/02/2023"])
NUMBERS = cycle(["12", "1 234", "7", "40", "3"])
AMOUNTS = cycle(["1 234,50", "800", "12\u00a0000 €", "95,5"])
# references to None that come and go: the verdicts, caches and texts alive at the baseline are not the
# same at the end (a page with an impossible date has more verdicts); 6.12.0 loses thousands, then aborts
NONE_NOISE = 2000
NONE_REFS_PER_KEY = 3  # the growth allowed (PySide 6.11.3 keeps one per widget it deletes): ~1.3 measured
OBJECT_NOISE = 300  # Python objects that come and go (caches, the last verdicts); a leak grows by thousands
BUDGET_LINES = ["actions[0].budget.lines.606", "actions[0].budget.lines.641", "actions[0].budget.lines.613"]


def editable_inputs(page: QWidget) -> list[QWidget]:
    """The inputs a person types into or ticks on this page, in a stable order."""
    found = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page) or not widget.isEnabled():
            continue
        if isinstance(widget.parentWidget(), QAbstractSpinBox | QComboBox) or isinstance(
                widget.parentWidget() and widget.parentWidget().parentWidget(), BudgetTable):
            continue
        typed = isinstance(widget, QLineEdit) and not widget.isReadOnly()
        if typed or isinstance(widget, QPlainTextEdit | QCheckBox):
            found.append(widget)
    return found


def edit(qtbot, widget: QWidget, round_no: int) -> int:
    """One edit as a person does it: select what is there and type over it (or tick). Returns keys pressed."""
    widget.setFocus(Qt.FocusReason.MouseFocusReason)
    if isinstance(widget, QCheckBox):  # ticked, then unticked (a change of mind): the page's rows come and
        qtbot.keyClick(widget, Qt.Key.Key_Space)  # go, and the widget count can be compared at the end
        qtbot.keyClick(widget, Qt.Key.Key_Space)
        return 2
    if isinstance(widget, DateEdit):
        text = next(DATES)
    elif isinstance(widget, NumberEdit):
        text = next(NUMBERS) if widget.decimals == 0 else "1,5"
    else:
        text = f"Texte {round_no} « é »"
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, text)
    return 1 + len(text)


def type_text(qtbot, text: str) -> None:
    """Each character to the widget that has the focus now (QTest's keyClicks knows only ASCII)."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(QApplication.focusWidget(), char)
        else:
            QTest.sendKeyEvent(QTest.KeyAction.Click, QApplication.focusWidget(), Qt.Key.Key_unknown, char,
                               Qt.KeyboardModifier.NoModifier)


def edit_budget_cell(qtbot, window, path: str) -> int:
    editor = window.pages["budget"].editor
    table, row, col = editor.locate(path)
    table.setFocus(Qt.FocusReason.MouseFocusReason)
    table.setCurrentCell(row, col)
    text = next(AMOUNTS)
    type_text(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)
    return len(text) + 1


def live_widgets() -> int:
    return len(QApplication.allWidgets())


def python_objects() -> int:
    return len(gc.get_objects())


def settle() -> None:
    """Before a count: the widgets Qt was asked to delete are deleted, Python's garbage (this session's and
    the earlier tests' of the same process) is collected, so that only what stays alive is counted."""
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)
    gc.collect()


def test_a_long_session_by_key_presses(qtbot, settings, tmp_path) -> None:
    window = open_window(qtbot, settings, example(tmp_path, "blois-2023-insertion"))
    ctx = window.ctx
    keys = 0
    baseline: tuple[int, int, int] | None = None
    lowest_none = sys.maxsize
    for round_no in range(ROUNDS):
        for step_id in STEP_IDS:
            window.show_step(step_id)  # a page switch (saves what was typed)
            page = window.pages[step_id]
            inputs = editable_inputs(page)
            if inputs:
                start = (round_no * PER_PAGE) % len(inputs)
                for widget in (inputs + inputs)[start:start + PER_PAGE]:
                    keys += edit(qtbot, widget, round_no)
            if step_id == "budget":
                for path in BUDGET_LINES:
                    keys += edit_budget_cell(qtbot, window, path)
            ctx.recheck()  # the verdicts refresh on every page, as the debounced check does
        assert ctx.flush()  # an autosave
        settle()
        lowest_none = min(lowest_none, sys.getrefcount(None))
        if round_no == 1:  # after a first round has built every lazy part (popups, editors, caches)
            baseline = (sys.getrefcount(None), live_widgets(), python_objects())
            lowest_none = baseline[0]
    assert baseline is not None
    settle()
    none_drift = sys.getrefcount(None) - baseline[0]
    widget_drift = live_widgets() - baseline[1]
    object_drift = python_objects() - baseline[2]
    print(f"soak : {keys} touches, None {none_drift:+d}, widgets {widget_drift:+d}, objets {object_drift:+d}")
    assert keys >= 3000, keys
    # None never loses references: that is the defect that ends in "none_dealloc" (6.12.0 loses one per
    # call returning no object, thousands here). The count may only grow by PySide 6.11.3's bookkeeping:
    # one reference per widget made in Python and deleted by Qt (cell editors, rows of a rebuilt list),
    # harmless (None is never freed) and bounded: measured ~1.3 per key press here.
    assert lowest_none >= baseline[0] - NONE_NOISE, f"None a perdu {baseline[0] - lowest_none} références"
    assert none_drift <= NONE_REFS_PER_KEY * keys, f"sys.getrefcount(None) a grandi de {none_drift} ({keys} touches)"
    assert widget_drift == 0, f"{widget_drift} widgets de plus après {ROUNDS} tours"
    assert object_drift <= OBJECT_NOISE, f"{object_drift} objets Python de plus après {ROUNDS} tours"
    # what is on disk is what is in the model
    window.save_now()
    assert to_data(load_dossier(ctx.path)) == to_data(ctx.dossier)
