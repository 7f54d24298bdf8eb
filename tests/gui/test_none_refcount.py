"""`None`'s reference count does not drift under the Qt calls the application makes that return "no object".

PySide6-Essentials 6.12.0 on Python 3.11 takes a reference from `None` each time such a call returns
nothing (`QTableWidget.item()` on an empty cell, `currentItem()` with no current item…) and never gives it
back: after a few thousand calls `None` is freed and the process aborts (`Fatal Python error:
none_dealloc`). Python 3.12+ makes `None` immortal, which hides the defect there; on 3.11 this test fails
on every release that has it, so a new PySide6 release is taken into constraints.txt only once it passes.

The calls are those found in gui/ (grep for `.item(`, `.currentItem(`, `.widget(`, `.layout(`,
`.parentWidget(`, `.currentData(`, `.data(`, `.button(`, `.focusProxy(`, `.findChild(`…), each on an
object where it returns None, a few thousand times.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import pytest
from PySide6.QtCore import QModelIndex, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QSpacerItem,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

pytestmark = pytest.mark.gui

CALLS = 3000
CHUNK = 100  # the count is read every CHUNK calls: a leaking call fails after ~100 calls, not 3000
LEAK = 50  # a few references come and go with Python's own bookkeeping; a leak is one per call
# References to None held while the tests run, so that a leaking release makes the tests fail with a
# message instead of freeing None and aborting the whole run.
_NONE_RESERVE = [None] * 100_000
ROLE = Qt.ItemDataRole.UserRole + 7  # a role nobody set: data() returns None


def _no_object_calls() -> dict[str, Callable[[], object]]:
    """name -> a call that returns None; the objects stay alive in the closures."""
    table = QTableWidget(3, 3)
    table.setItem(1, 1, QTableWidgetItem("x"))
    table_item = table.item(1, 1)
    lst = QListWidget()
    list_item = QListWidgetItem("x", lst)
    tree = QTreeWidget()
    tree_item = QTreeWidgetItem(tree, ["x"])
    stack = QStackedWidget()
    lone = QWidget()
    layout_holder = QWidget()
    layout = QVBoxLayout(layout_holder)
    layout.addItem(QSpacerItem(1, 1))
    spacer = layout.itemAt(0)
    scroll = QScrollArea()
    buttons = QDialogButtonBox()
    combo = QComboBox()
    combo_with_item = QComboBox()
    combo_with_item.addItem("sans donnée")
    label = QLabel("x")
    obj = QObject()
    keep = (table, table_item, lst, list_item, tree, tree_item, stack, lone, layout_holder, layout, spacer,
            scroll, buttons, combo, combo_with_item, label, obj)
    calls: dict[str, Callable[[], object]] = {
        "QTableWidget.item (empty cell)": lambda: table.item(0, 0),
        "QTableWidget.item (outside)": lambda: table.item(9, 9),
        "QTableWidget.currentItem": table.currentItem,
        "QTableWidget.cellWidget": lambda: table.cellWidget(0, 0),
        "QTableWidget.horizontalHeaderItem": lambda: table.horizontalHeaderItem(0),
        "QTableWidgetItem.data (unset role)": lambda: table_item.data(ROLE),
        "QModelIndex().data": lambda: QModelIndex().data(),
        "QListWidget.item (outside)": lambda: lst.item(5),
        "QListWidget.currentItem": lst.currentItem,
        "QListWidgetItem.data (unset role)": lambda: list_item.data(ROLE),
        "QTreeWidget.currentItem": tree.currentItem,
        "QTreeWidget.topLevelItem (outside)": lambda: tree.topLevelItem(5),
        "QTreeWidgetItem.child (outside)": lambda: tree_item.child(0),
        "QTreeWidgetItem.data (unset role)": lambda: tree_item.data(0, ROLE),
        "QStackedWidget.currentWidget": stack.currentWidget,
        "QWidget.parentWidget (window)": lone.parentWidget,
        "QWidget.layout (none)": lone.layout,
        "QWidget.focusProxy": lone.focusProxy,
        "QObject.parent": obj.parent,
        "QObject.findChild (absent)": lambda: lone.findChild(QAbstractButton),
        "QLayout.itemAt (outside)": lambda: layout.itemAt(5),
        "QLayoutItem.widget (spacer)": spacer.widget,
        "QLayoutItem.layout (spacer)": spacer.layout,
        "QScrollArea.widget (empty)": scroll.widget,
        "QDialogButtonBox.button (absent)": lambda: buttons.button(QDialogButtonBox.StandardButton.Ok),
        "QComboBox.currentData (empty)": combo.currentData,
        "QComboBox.currentData (no data)": combo_with_item.currentData,
        "QComboBox.itemData (outside)": lambda: combo.itemData(3),
        "QLabel.buddy": label.buddy,
        "QApplication.focusWidget": QApplication.focusWidget,
        "QApplication.activePopupWidget": QApplication.activePopupWidget,
        "QApplication.activeModalWidget": QApplication.activeModalWidget,
    }
    calls["_keep"] = lambda: keep  # not a Qt call: holds the objects; skipped below
    return calls


@pytest.fixture(scope="module")
def no_object_calls(qapp) -> dict[str, Callable[[], object]]:
    return _no_object_calls()


NAMES = [
    "QTableWidget.item (empty cell)",
    "QTableWidget.item (outside)",
    "QTableWidget.currentItem",
    "QTableWidget.cellWidget",
    "QTableWidget.horizontalHeaderItem",
    "QTableWidgetItem.data (unset role)",
    "QModelIndex().data",
    "QListWidget.item (outside)",
    "QListWidget.currentItem",
    "QListWidgetItem.data (unset role)",
    "QTreeWidget.currentItem",
    "QTreeWidget.topLevelItem (outside)",
    "QTreeWidgetItem.child (outside)",
    "QTreeWidgetItem.data (unset role)",
    "QStackedWidget.currentWidget",
    "QWidget.parentWidget (window)",
    "QWidget.layout (none)",
    "QWidget.focusProxy",
    "QObject.parent",
    "QObject.findChild (absent)",
    "QLayout.itemAt (outside)",
    "QLayoutItem.widget (spacer)",
    "QLayoutItem.layout (spacer)",
    "QScrollArea.widget (empty)",
    "QDialogButtonBox.button (absent)",
    "QComboBox.currentData (empty)",
    "QComboBox.currentData (no data)",
    "QComboBox.itemData (outside)",
    "QLabel.buddy",
    "QApplication.focusWidget",
    "QApplication.activePopupWidget",
    "QApplication.activeModalWidget",
]


@pytest.mark.parametrize("name", NAMES)
def test_none_refcount_does_not_drift(no_object_calls, name: str) -> None:
    call = no_object_calls[name]
    assert call() is None, f"{name} should return None here"
    before = sys.getrefcount(None)
    done, drift = 0, 0
    while done < CALLS and abs(drift) < LEAK:
        for _ in range(CHUNK):
            call()
        done += CHUNK
        drift = sys.getrefcount(None) - before
    assert abs(drift) < LEAK, f"{name} : sys.getrefcount(None) a bougé de {drift} en {done} appels"


def test_every_call_is_checked(no_object_calls) -> None:
    assert set(NAMES) == set(no_object_calls) - {"_keep"}
