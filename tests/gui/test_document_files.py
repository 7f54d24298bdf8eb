"""A document's file: a path typed or pasted in the "Fichier" box is checked (an existing file is
attached, anything else is said in French), and the file chooser is French, opens in Documents and shows
readable columns (issue 8)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QTreeView
from test_pages_documents import blank, ctx_for, doc
from wizard_helpers import click, write
from wizard_helpers import show as show_window

from gui.widgets.file_chooser import NAME_COLUMN_CHARS, documents_folder, file_dialog
from gui.wizard.document_path import typed_file
from gui.wizard.pages.documents import DocumentsPage

pytestmark = pytest.mark.gui


def type_path(qtbot, page, doc_id: str, text: str) -> None:
    box = page.rows[doc_id].path.widget
    click(qtbot, box)
    qtbot.keyClick(box, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    write(qtbot, box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)  # leaving the box checks it


def test_a_typed_path_of_an_existing_file_attaches_it(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    page = show(qtbot, ctx)
    rib = tmp_path / "mes pièces" / "rib.pdf"
    rib.parent.mkdir()
    rib.write_bytes(b"%PDF-1.4")
    type_path(qtbot, page, "rib", f'"{rib}"')  # pasted with the quotes of a file manager
    assert (doc(ctx.dossier, "rib").path, doc(ctx.dossier, "rib").state) == (str(rib), "joint")
    assert not page.rows["rib"].path.error_label.isVisibleTo(page)
    assert ctx.flush()


@pytest.mark.parametrize(("typed", "start"), [
    ("/nulle/part/statuts.pdf", "Aucun fichier « /nulle/part/statuts.pdf » sur cet ordinateur : la pièce n'est "
                                "pas jointe."),
    ("papier", "Aucun fichier « papier » sur cet ordinateur : la pièce n'est pas jointe."),
])
def test_anything_else_is_refused_in_french(qtbot, tmp_path, monkeypatch, typed, start) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    page = show(qtbot, ctx)
    type_path(qtbot, page, "statuts", typed)
    label = page.rows["statuts"].path.error_label
    assert label.isVisibleTo(page) and label.text().startswith(f"À corriger : {start}")
    assert doc(ctx.dossier, "statuts").state == "a_fournir"  # never marked as attached


def test_a_folder_is_not_a_file(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    page = show(qtbot, ctx)
    type_path(qtbot, page, "statuts", str(tmp_path))
    assert "est un dossier, pas un fichier" in page.rows["statuts"].path.error_label.text()
    assert doc(ctx.dossier, "statuts").state == "a_fournir"


def test_what_people_paste_is_understood(tmp_path) -> None:
    f = tmp_path / "été 2023.pdf"
    f.write_bytes(b"x")
    assert typed_file(f"  '{f}'  ") == f.resolve()
    assert typed_file("file://" + str(f).replace(" ", "%20").replace("é", "%C3%A9")) == f.resolve()
    assert typed_file(str(tmp_path)) is None and typed_file("") is None


def test_the_file_chooser_is_french_opens_in_documents_and_is_readable(qtbot, tmp_path) -> None:
    dialog = file_dialog(None, "Choisir le fichier : RIB", "", "Documents (*.pdf)")
    qtbot.addWidget(dialog)
    assert dialog.testOption(dialog.Option.DontUseNativeDialog)  # Qt's own, translated with the application
    assert dialog.directory().absolutePath() == documents_folder()
    expected = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert documents_folder() in (expected, str(tmp_path.home()))
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QPushButton) if w.text()]
    assert any(t.startswith(("&Nom de fichier", "Nom de fichier")) for t in texts), texts
    assert any("Ouvrir" in t for t in texts) and any("Annuler" in t for t in texts), texts
    assert not any(t in ("File &name:", "&Open", "Cancel", "Files of type:") for t in texts), texts
    view = dialog.findChildren(QTreeView)[0]
    assert view.header().sectionSize(0) >= view.fontMetrics().horizontalAdvance("M") * NAME_COLUMN_CHARS
    other = tmp_path / "ailleurs"
    other.mkdir()
    again = file_dialog(None, "Choisir", str(other), "")
    qtbot.addWidget(again)
    assert again.directory().absolutePath() == str(other)  # the last folder used, when there is one


def show(qtbot, ctx):
    """The page in an active window: leaving a box (Tab) is what checks it."""
    return show_window(qtbot, DocumentsPage(ctx), (1000, 800))


def test_a_wrong_path_typed_over_an_attached_file_is_no_longer_attached(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    page = show(qtbot, ctx)
    rib = tmp_path / "rib.pdf"
    rib.write_bytes(b"%PDF-1.4")
    type_path(qtbot, page, "rib", str(rib))
    assert doc(ctx.dossier, "rib").state == "joint"
    type_path(qtbot, page, "rib", str(tmp_path / "rib-2024.pdf"))
    assert doc(ctx.dossier, "rib").state == "a_fournir"
    assert "la pièce n'est pas jointe" in page.rows["rib"].path.error_label.text()


def test_going_through_a_box_with_tab_checks_nothing(qtbot, tmp_path, monkeypatch) -> None:
    ctx = ctx_for(tmp_path, monkeypatch, blank())
    page = show(qtbot, ctx)
    row = page.rows["statuts"]
    ctx.set_value(f"documents[{row.index}].path", "pieces/statuts.pdf")  # a path from another computer
    ctx.set_value(f"documents[{row.index}].state", "joint")
    row.path.load()
    row.state.load()
    click(qtbot, row.path.widget)
    qtbot.keyClick(row.path.widget, Qt.Key.Key_Tab)
    assert doc(ctx.dossier, "statuts").state == "joint"  # not retyped: not checked
    assert not row.path.error_label.isVisibleTo(page)
