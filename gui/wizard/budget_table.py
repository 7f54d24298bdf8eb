"""The tables of the budget editor (gui.wizard.budget_editor): one row per line of the plan comptable or
per subsidy, edited like a spreadsheet, with a cell editor that reports each key press of an amount.

The tables only show and edit cells; what a cell means in the dossier (which line, which subsidy) and
writing it into the model is the editor's business (`BudgetEditor._preview`, `_commit`), reached through the
`TableOwner` protocol: this module never imports the editor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QLineEdit,
    QScrollArea,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from forms.budget import format_euros, parse_euros
from forms.programmes import BudgetCategory
from gui.wizard.fields import LEVEL_COLOURS


class TableOwner(Protocol):
    """What a budget table asks of the editor that owns it (gui.wizard.budget_editor.BudgetEditor): the
    tables only show and edit cells; the editor says what a cell means and writes the model. A protocol, so
    that this module does not import the editor (imports go one way: editor -> table)."""

    def funder_choices(self, current: str) -> list[tuple[str, str]]: ...

    def status_choices(self) -> list[tuple[str, str]]: ...

    def _preview(self, table: BudgetTable, row: int, text: str) -> None: ...

    def _commit(self, table: BudgetTable, row: int, col: int, value: Any) -> None: ...

    def _editor_closed(self, table: BudgetTable, hint: Any) -> None: ...

    def _row_cents(self, table: BudgetTable, row: int) -> int: ...

KIND_ROLE = Qt.ItemDataRole.UserRole + 1  # "amount", "text", "funder", "status", "check" for editable cells
VALUE_ROLE = Qt.ItemDataRole.UserRole + 2  # the funder id of a funder cell, the status of a status cell
NAME_ROLE = Qt.ItemDataRole.UserRole + 3  # the accessible name of the cell's editor

BAD_COLOUR = LEVEL_COLOURS["bloquant"]


def money(cents: int) -> str:
    return format_euros(cents)


def parse_amount(text: str) -> int:
    """Cents from a French amount; ValueError with a French message for bad or negative amounts."""
    cents = parse_euros(text)
    if cents < 0:
        raise ValueError(f"« {text.strip()} » est négatif : un montant du budget s'écrit sans signe moins")
    return cents


@dataclass
class BudgetRow:
    kind: str  # "header", "line" (plan lines); "fixed" (a co-funder of the call), "free" (74 rows)
    category: BudgetCategory | None = None
    code: str = ""  # line code
    label: str = ""
    cofunder: str = ""  # fixed rows: the co-funder id
    sub_index: int | None = None  # 74 rows: index in budget.subsidies (None: no subsidy yet)


# --------------------------------------------------------------------------------------------
# The cell editor
# --------------------------------------------------------------------------------------------
class CellDelegate(QStyledItemDelegate):
    """Line edits for amounts (reported at each key press for live totals), texts, and a funder list."""

    def __init__(self, owner: TableOwner, table: BudgetTable) -> None:
        super().__init__(table)
        self.owner = owner
        self.table = table

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        kind = index.data(KIND_ROLE)
        name = index.data(NAME_ROLE) or "Cellule"
        self.table.errors_before = dict(self.table.errors)
        if kind in ("funder", "status"):
            combo = QComboBox(parent)
            current = index.data(VALUE_ROLE) or ""
            choices = (self.owner.funder_choices(current) if kind == "funder" else self.owner.status_choices())
            for value, label in choices:
                combo.addItem(label, value)
            combo.setAccessibleName(name)
            return combo
        edit = QLineEdit(parent)
        edit.setAccessibleName(name)
        edit.setFrame(False)
        if kind == "amount":
            edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            edit.setPlaceholderText("0,00")
            row = QPersistentModelIndex(index)
            edit.textEdited.connect(lambda text: self.owner._preview(self.table, row.row(), text))
        return edit

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        # Qt calls this again whenever the cell's item changes (its colour, the remark beside it):
        # only the first call may fill the editor, or it would erase what is being typed.
        if editor.property("filled"):
            return
        editor.setProperty("filled", True)
        kind = index.data(KIND_ROLE)
        if isinstance(editor, QComboBox):
            editor.setCurrentIndex(max(editor.findData(index.data(VALUE_ROLE)), 0))
        elif isinstance(editor, QLineEdit):
            if kind == "amount":
                editor.setText(self.table.raw_text(index.row()))
            else:
                editor.setText(index.data(Qt.ItemDataRole.DisplayRole) or "")
            editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            self.owner._commit(self.table, index.row(), index.column(), editor.currentData())
        elif isinstance(editor, QLineEdit):
            self.owner._commit(self.table, index.row(), index.column(), editor.text())


class BudgetTable(QTableWidget):
    """A table that shows all its rows (the page scrolls, not the table), edited like a spreadsheet."""

    def __init__(self, owner: TableOwner, columns: Sequence[str], amount_col: int, name: str) -> None:
        super().__init__(0, len(columns))
        self.owner = owner
        self.rows: list[BudgetRow] = []
        self.amount_col = amount_col
        self.remark_col = len(columns) - 1
        self.errors: dict[int, tuple[str, str]] = {}  # row -> (typed text, message)
        self.setHorizontalHeaderLabels(list(columns))
        self.verticalHeader().setVisible(False)
        # Rows follow their (wrapped) text; the table's height follows its rows.
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().sectionResized.connect(lambda *_: self.fit_height())
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setTabKeyNavigation(True)
        self.setWordWrap(True)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(name)
        self.errors_before: dict[int, tuple[str, str]] = {}
        delegate = CellDelegate(owner, self)
        self.setItemDelegate(delegate)
        delegate.closeEditor.connect(lambda _editor, hint: owner._editor_closed(self, hint))
        corner = self.findChild(QAbstractButton)
        if corner is not None:
            corner.setAccessibleName("Sélectionner tout le tableau")
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(amount_col, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(self.remark_col, QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.setColumnWidth(amount_col, self.fontMetrics().horizontalAdvance("000 000 000,00 €") + 24)
        self.setColumnHidden(self.remark_col, True)
        # the table shows all its rows and the page scrolls: the page follows the cell Tab or an arrow moves to
        self.currentCellChanged.connect(lambda row, col, *_: self.scroll_to_cell(row, col))

    # ---------------------------------------------------------------- keyboard
    def _editable(self, row: int, col: int) -> bool:
        item = self.item(row, col)
        return item is not None and bool(
            item.flags() & (Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable)
        )

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Tab goes from cell to cell, and leaves the table after the last one (no keyboard trap).

        Qt's tables wrap around from the last cell to the first, so a keyboard user could never
        reach what follows the table.
        """
        if action in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            forward = action == QAbstractItemView.CursorAction.MoveNext
            cells = [(r, c) for r in range(self.rowCount()) for c in range(self.columnCount()) if self._editable(r, c)]
            current = (self.currentRow(), self.currentColumn())
            later = [rc for rc in cells if (rc > current if forward else rc < current)]
            if not later:
                QTimer.singleShot(0, lambda: QWidget.focusNextPrevChild(self, forward))
                return self.currentIndex()
            row, col = later[0] if forward else later[-1]
            return self.model().index(row, col)
        return super().moveCursor(action, modifiers)

    # ---------------------------------------------------------------- cells
    def cell(self, row: int, col: int, text: str = "", *, kind: str = "", name: str = "", bold: bool = False,
             tip: str = "") -> QTableWidgetItem:
        item = QTableWidgetItem(text)
        if kind:
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if kind == "check":
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            else:
                flags |= Qt.ItemFlag.ItemIsEditable
            item.setFlags(flags)
            item.setData(KIND_ROLE, kind)
            item.setData(NAME_ROLE, name)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name} : {text}" if text else name)
        else:
            # Read-only cells are skipped by Tab and the arrows; their text keeps the normal colour.
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            item.setForeground(QBrush(self.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text)))
        if kind == "amount":
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if bold:
            font = QFont(self.font())
            font.setBold(True)
            item.setFont(font)
        if tip:
            item.setToolTip(tip)
        self.setItem(row, col, item)
        return item

    def header_row(self, row: int, texts: Sequence[str], tip: str = "") -> None:
        background = QBrush(self.palette().color(QPalette.ColorRole.AlternateBase).darker(104))
        for col in range(self.columnCount()):
            text = texts[col] if col < len(texts) else ""
            item = self.cell(row, col, text, bold=True, tip=tip)
            item.setBackground(background)
            if col == self.amount_col:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def raw_text(self, row: int) -> str:
        """What the editor starts with: the bad text still to correct, or the amount without symbol."""
        if row in self.errors:
            return self.errors[row][0]
        cents = self.owner._row_cents(self, row)
        return format_euros(cents, symbol=False, separator=" ") if cents else ""

    def show_amount(self, row: int, cents: int) -> None:
        item = self.item(row, self.amount_col)
        if item is None:
            return
        if row in self.errors:
            item.setText(self.errors[row][0])
        else:
            item.setText(money(cents) if cents else "")
        name = item.data(NAME_ROLE) or ""
        item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{name} : {item.text() or 'vide'}")

    def set_error(self, row: int, typed: str | None, message: str = "") -> None:
        if typed is None:
            self.errors.pop(row, None)
        else:
            self.errors[row] = (typed, message)
        self.show_remarks()

    def show_remarks(self) -> None:
        for row in range(self.rowCount()):
            item = self.item(row, self.remark_col)
            amount = self.item(row, self.amount_col)
            if row in self.errors:
                text = f"À corriger : {self.errors[row][1]}. Ce montant n'est pas enregistré."
                if item is None:
                    item = self.cell(row, self.remark_col)
                item.setText(text)
                item.setForeground(QBrush(QColor(BAD_COLOUR)))
                if amount is not None:
                    amount.setBackground(QBrush(QColor("#fde7e9")))
                    amount.setForeground(QBrush(QColor(BAD_COLOUR)))
                    amount.setToolTip(text)
                    amount.setData(Qt.ItemDataRole.AccessibleDescriptionRole, text)
            else:
                if item is not None:
                    item.setText("")
                if amount is not None and amount.data(KIND_ROLE) == "amount":
                    amount.setData(Qt.ItemDataRole.BackgroundRole, None)
                    amount.setData(Qt.ItemDataRole.ForegroundRole, None)
                    amount.setToolTip("")
                    amount.setData(Qt.ItemDataRole.AccessibleDescriptionRole, None)
        self.setColumnHidden(self.remark_col, not self.errors)
        self.fit_height()

    def scroll_to_cell(self, row: int, col: int) -> None:
        """Scroll the page around this table so that the cell (and a little around it) is visible."""
        if row < 0 or col < 0:
            return
        rect = self.visualRect(self.model().index(row, col))
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            point = self.viewport().mapTo(parent.widget(), rect.center())
            parent.ensureVisible(point.x(), point.y(), 40, max(rect.height(), 40) * 2)

    # ---------------------------------------------------------------- geometry and keys
    def fit_height(self) -> None:
        height = self.horizontalHeader().sizeHint().height() + self.verticalHeader().length()
        height += 2 * self.frameWidth() + 2
        if height != self.height() or height != self.minimumHeight():
            self.setFixedHeight(height)

    def updateGeometries(self) -> None:
        super().updateGeometries()
        self.fit_height()  # Qt lays out the rows lazily: follow them

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter on a cell starts editing it (in the editor, Enter commits: Qt's default); Space too on a
        # list cell (a funder, a status), as on any drop-down list.
        editing = self.state() == QAbstractItemView.State.EditingState
        item = self.currentItem()
        if (not editing and event.key() == Qt.Key.Key_Space and item is not None
                and item.data(KIND_ROLE) in ("funder", "status")):
            self.editItem(item)
            return
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            item = self.currentItem()
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
                self.editItem(item)
                return
        super().keyPressEvent(event)

    def first_editable(self) -> tuple[int, int] | None:
        for row in range(self.rowCount()):
            item = self.item(row, self.amount_col)
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
                return row, self.amount_col
        return None
