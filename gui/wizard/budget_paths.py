"""Field paths and the budget editor's cells (gui.wizard.budget_editor): which cell edits a path, for the
verdicts that point to a line, a subsidy or an amount requested from a co-funder."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from gui.wizard.budget_table import BudgetTable
from gui.wizard.context import concrete_path


class BudgetPaths:
    """The path part of BudgetEditor (a mixin: it uses the editor's tables and paths)."""

    def widgets_by_path(self) -> dict[str, QWidget]:
        """The paths this editor edits, with the widget that edits each (for `StepPage.register_widget`)."""
        paths: dict[str, QWidget] = {}
        if self.line_tables:
            paths[self.budget_path] = self.line_tables[0]
            paths[f"{self.budget_path}.lines"] = self.line_tables[0]
        for code, table in self.table_of_code.items():
            paths[f"{self.budget_path}.lines.{code}"] = table
        if self.subsidy_category is not None:
            paths[f"{self.budget_path}.subsidies"] = self.subsidy_table
            if self.requested_path:
                paths[self.requested_path] = self.subsidy_table
        return paths

    def register_in(self, page: Any) -> None:
        for path, widget in self.widgets_by_path().items():
            page.register_widget(path, widget)

    def locate(self, path: str) -> tuple[BudgetTable, int, int] | None:
        """The table cell that edits `path` (a line, a subsidy, a co-funder's requested amount)."""
        path = concrete_path(path)
        bp = re.escape(self.budget_path)
        if m := re.fullmatch(rf"{bp}\.lines\.([^.\[\]]+)", path):
            table = self.table_of_code.get(m.group(1))
            if table is not None:
                row = next(r for r, s in enumerate(table.rows) if s.kind == "line" and s.code == m.group(1))
                return table, row, table.amount_col
        if self.subsidy_category is not None:
            table = self.subsidy_table
            if m := re.match(rf"{bp}\.subsidies\[(\d+)\](?:\.(\w+))?$", path):
                index, attribute = int(m.group(1)), m.group(2) or "amount_cents"
                col = {"funder": 0, "label": 1, "requested": 3}.get(attribute, table.amount_col)
                for row, spec in enumerate(table.rows):
                    if spec.sub_index == index:
                        return table, row, col
            if path == f"{self.budget_path}.subsidies" or (self.requested_path and path == self.requested_path):
                first = table.first_editable()
                return (table, *first) if first else None
            if self.requested_path and (m := re.fullmatch(rf"{re.escape(self.requested_path)}\.(.+)", path)):
                for row, spec in enumerate(table.rows):
                    if spec.kind == "fixed" and spec.cofunder == m.group(1):
                        return table, row, table.amount_col
        if (path == self.budget_path or path.startswith(f"{self.budget_path}.lines")) and self.line_tables:
            table = self.line_tables[0]
            first = table.first_editable()
            return (table, *first) if first else None
        return None

    def focus_path(self, path: str) -> bool:
        """Select the cell of `path`, give it the focus and scroll it into view."""
        found = self.locate(path)
        if found is None:
            return False
        table, row, col = found
        table.setFocus(Qt.FocusReason.OtherFocusReason)
        table.setCurrentCell(row, col)
        table.scroll_to_cell(row, col)
        return True
