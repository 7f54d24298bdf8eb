"""Every input of the library's windows has a visible label and an accessible name."""

from __future__ import annotations

import pytest
from conftest import make_dossier
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from forms.storage import load_dossier, save_dossier
from gui.bin_dialog import BinDialog
from gui.new_dossier_dialog import NewDossierDialog
from gui.summary_dialog import DossierSummary
from gui.widgets.dialogs import TextDialog

pytestmark = pytest.mark.gui
INPUTS = (QLineEdit, QComboBox, QAbstractItemView, QAbstractSpinBox, QCheckBox, QTextEdit, QPlainTextEdit)


def inputs_of(root: QWidget) -> list[QWidget]:
    found = [w for w in root.findChildren(QWidget) if isinstance(w, INPUTS) and not isinstance(w, QHeaderView)]
    # a combo box's own popup list and a line edit inside a spin box belong to their owner
    return [w for w in found if not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))
            and not (w.parent() is not None and isinstance(w.parent().parent(), QComboBox))]


def assert_accessible(root: QWidget) -> None:
    labels = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy() is not None}
    problems = []
    for widget in inputs_of(root):
        name = widget.objectName() or type(widget).__name__
        if not widget.accessibleName():
            problems.append(f"{name}: pas de nom accessible")
        if not isinstance(widget, QCheckBox) and id(widget) not in labels:
            problems.append(f"{name}: pas d'étiquette visible liée (setBuddy)")
    for widget in root.findChildren(QAbstractButton):
        interface = QAccessible.queryAccessibleInterface(widget)
        if widget.isVisibleTo(root) and not interface.text(QAccessible.Text.Name):
            problems.append(f"{widget.objectName() or widget}: bouton sans nom")
    assert not problems, problems


def test_library_window(filled_library, make_window):
    window = make_window()
    assert inputs_of(window)
    assert_accessible(window)


def test_new_dossier_dialog(filled_library, catalogue, qtbot):
    dialog = NewDossierDialog(filled_library, catalogue, profiles=[])
    qtbot.addWidget(dialog)
    dialog.show()
    assert len(inputs_of(dialog)) == 6
    assert_accessible(dialog)


def test_bin_and_rename_dialogs(filled_library, qtbot):
    filled_library.delete(filled_library.folder / "Abîmé.cdv.json")
    bin_dialog = BinDialog(filled_library)
    qtbot.addWidget(bin_dialog)
    assert_accessible(bin_dialog)
    rename = TextDialog(None, "Renommer le dossier", "&Nouveau nom du fichier :", "x")
    qtbot.addWidget(rename)
    assert_accessible(rename)
    assert rename.field.accessibleName() == "Nouveau nom du fichier"


def test_summary_dialog(library, catalogue, qtbot):
    path = library.folder / "a.cdv.json"
    save_dossier(make_dossier("Atelier", "Asso"), path)
    summary = DossierSummary(path, load_dossier(path), catalogue)
    qtbot.addWidget(summary)
    assert_accessible(summary)


def test_label_mnemonic_moves_the_focus(filled_library, make_window, qtbot):
    window = make_window()
    window.table.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.AltModifier)  # R&echercher
    assert window.search.hasFocus()
