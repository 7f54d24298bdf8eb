"""The budget tables by keyboard (issue 8): the page follows the current cell as Tab and the arrows move
it (the tables show all their rows, the page scrolls), and Tab at the last cell leaves the table."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from test_budget_editor import host
from wizard_helpers import example_ctx, focused

pytestmark = pytest.mark.gui


def cell_visible(editor, table, row: int, col: int) -> bool:
    scroll = editor.test_host
    rect = table.visualRect(table.model().index(row, col))
    top_left = table.viewport().mapTo(scroll.viewport(), rect.topLeft())
    bottom = top_left + QPoint(0, rect.height())
    return top_left.y() >= 0 and bottom.y() <= scroll.viewport().height()


def test_the_page_follows_the_current_cell(tmp_path, monkeypatch, qtbot) -> None:
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2023-insertion")
    editor = host(qtbot, ctx, "actions[0].budget", True)
    table = editor.line_tables[0]
    assert editor.focus_path("actions[0].budget.lines.604")
    assert editor.test_host.verticalScrollBar().maximum() > 0  # the page is longer than the window
    for _ in range(25):
        qtbot.keyClick(table, Qt.Key.Key_Down)
        assert cell_visible(editor, table, table.currentRow(), table.currentColumn()), table.currentRow()
    assert editor.test_host.verticalScrollBar().value() > 0


def test_tab_at_the_last_cell_leaves_the_table(tmp_path, monkeypatch, qtbot) -> None:
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2023-insertion")
    editor = host(qtbot, ctx, "actions[0].budget", True)
    table = editor.line_tables[0]
    last = max((r, c) for r in range(table.rowCount()) for c in range(table.columnCount()) if table._editable(r, c))
    table.setFocus()
    table.setCurrentCell(*last)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    qtbot.waitUntil(lambda: focused() is not table)
    assert not table.isAncestorOf(focused())
