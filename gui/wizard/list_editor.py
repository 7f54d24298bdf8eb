"""A small editor for a list in the dossier (agréments, networks, indicators…): add, edit, remove rows.

It follows the GOV.UK "add another" pattern rather than a spreadsheet-like table, because the people
filling the dossier are not at ease with tables: each row is a small card ("Agrément 2") whose inputs
are ordinary bound fields (a visible label tied to each input, an accessible name that says which row
it is, the rules' verdicts under it), then a "Supprimer" button. Everything is reachable with Tab in the
order it is shown; Espace or Entrée on a button adds or removes a row, and the cursor goes to the row
that was added (or to the row that took the place of the removed one).

The rows are bound to paths such as `association.administration.agrements[1].date` (dataclass items)
or `association.networks[0]` (strings): they are registered in the page's `fields`, so a verdict about
one of them is shown beside it and a click on the verdict lands in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.labels import plain_text
from gui.wizard.context import WizardContext
from gui.wizard.fields import BoundField, DateField, LineField, TextField, bold_label, help_label

if TYPE_CHECKING:
    from gui.wizard.page import StepPage

ColumnKind = Literal["line", "text", "date"]


@dataclass(frozen=True)
class Column:
    """One input of a row. `name` is the dataclass attribute; empty for a list of strings."""

    name: str
    label: str
    kind: ColumnKind = "line"
    help: str = ""
    placeholder: str = ""
    wide: bool = False  # takes a whole line of the card


# ---------------------------------------------------------------------------------------- focus chain
def focusable_widgets(layout: QLayout) -> list[QWidget]:
    """The widgets of `layout` that take the focus with Tab, in the order they are laid out."""
    found: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget = item.widget()
        if widget is not None:
            if widget.focusPolicy() & Qt.FocusPolicy.TabFocus and widget.focusProxy() is None:
                found.append(widget)
            elif widget.layout() is not None:
                found.extend(focusable_widgets(widget.layout()))
        elif item.layout() is not None:
            found.extend(focusable_widgets(item.layout()))
    return found


def previous_focusable(widget: QWidget, skip: QWidget | None = None) -> QWidget | None:
    """The widget that Tab reaches just before `widget`, ignoring widgets inside `skip`."""
    current = widget.previousInFocusChain()
    while current is not None and current is not widget:
        inside = skip is not None and (current is skip or skip.isAncestorOf(current))
        if not inside and current.focusPolicy() & Qt.FocusPolicy.TabFocus and current.focusProxy() is None:
            return current
        current = current.previousInFocusChain()
    return None


def chain_after(anchor: QWidget | None, widgets: Iterable[QWidget]) -> None:
    """Put `widgets` in the Tab order right after `anchor`, in the order given.

    Widgets created after a page is built are otherwise appended at the end of the window's focus
    chain, so Tab would jump from a new row to the window's buttons instead of the next field.
    """
    previous = anchor
    for widget in widgets:
        if previous is not None:
            QWidget.setTabOrder(previous, widget)
        previous = widget


def subheading(text: str) -> QLabel:
    """A bold title inside a section (e.g. the title of a list)."""
    label = bold_label(text)
    label.setAccessibleName(text)
    return label


def status_label(accessible_name: str) -> QLabel:
    """A sentence that tells the result of a button (no modal dialog); hidden while it is empty."""
    label = QLabel()
    label.setWordWrap(True)
    label.setAccessibleName(accessible_name)
    label.setVisible(False)
    return label


def say(label: QLabel, text: str) -> None:
    label.setText(text)
    label.setVisible(bool(text))


def button_row(*buttons: QWidget) -> QHBoxLayout:
    """Buttons at their natural width, on the left."""
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    return row


def section_button(text: str, accessible_name: str = "") -> QPushButton:
    """A push button of a page: Entrée or Espace activates it when it has the focus, never otherwise."""
    button = QPushButton(text)
    button.setAutoDefault(True)  # outside a dialog this only makes Entrée work on the focused button
    button.setAccessibleName(accessible_name or plain_text(text))
    return button


# ---------------------------------------------------------------------------------------- the editor
class ListEditor(QWidget):
    """Edits the list at `path` of the dossier, one card per item.

    `factory` makes a new, empty item (e.g. `Agrement`, or `str` for a list of strings). `noun` names one
    item in a sentence ("agrément", "indicateur"), `plural` several when it is not noun + "s" ("réseaux");
    `feminine` picks the French article.
    """

    rows_changed = Signal(int)  # the number of rows, after an add or a remove

    def __init__(
        self,
        ctx: WizardContext,
        path: str,
        columns: Sequence[Column],
        factory: Callable[[], Any],
        *,
        noun: str,
        add_text: str,
        page: StepPage | None = None,
        feminine: bool = False,
        plural: str = "",
        empty_text: str = "",
        columns_per_line: int = 2,
        stretches: Sequence[int] = (),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.path = path
        self.columns = tuple(columns)
        self.factory = factory
        self.noun = noun
        self.feminine = feminine
        self.page = page
        self.columns_per_line = max(1, columns_per_line)
        self.stretches = tuple(stretches) or (1,) * self.columns_per_line
        self.row_fields: list[list[BoundField]] = []
        self.remove_buttons: list[QPushButton] = []
        self._row_frames: list[QWidget] = []
        self.setAccessibleName(f"Liste des {plural or noun + 's'}")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.empty_label = QLabel(empty_text or f"Aucun{'e' if feminine else ''} {noun} pour l'instant.")
        self.empty_label.setWordWrap(True)
        layout.addWidget(self.empty_label)
        self.rows = QVBoxLayout()
        self.rows.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(self.rows)
        self._build_rows()  # before the button: Tab follows the order widgets are created in
        buttons = QHBoxLayout()
        self.add_button = section_button(add_text)
        self.add_button.setToolTip(f"Ajoute un{'e' if feminine else ''} {noun} à la liste et y place le curseur.")
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.add_button.clicked.connect(self.add_row)

    # ------------------------------------------------------------------ model
    def items(self) -> list[Any]:
        value = self.ctx.value(self.path)
        return value if isinstance(value, list) else []

    def _ensure_list(self) -> list[Any]:
        items = self.ctx.value(self.path)
        if not isinstance(items, list):
            self.ctx.set_value(self.path, [])
            items = self.ctx.value(self.path)
        return items

    def row_count(self) -> int:
        return len(self.row_fields)

    def item_title(self, index: int) -> str:
        return f"{self.noun[:1].upper()}{self.noun[1:]} {index + 1}"

    # ------------------------------------------------------------------ actions
    def add_row(self) -> None:
        """Append an empty item and put the cursor in it."""
        items = self._ensure_list()
        items.append(self.factory())
        self.ctx.touch(f"{self.path}[{len(items) - 1}]")
        self._rebuild()
        self.focus_row(len(items) - 1)
        self.rows_changed.emit(len(items))

    def remove_row(self, index: int) -> None:
        items = self.items()
        if not 0 <= index < len(items):
            return
        del items[index]
        self.ctx.touch(self.path)
        self._rebuild()
        if items:
            self.focus_row(min(index, len(items) - 1))
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)
        self.rows_changed.emit(len(items))

    def focus_row(self, index: int) -> None:
        if 0 <= index < len(self.row_fields) and self.row_fields[index]:
            widget = self.row_fields[index][0].widget
            if self.page is not None:
                self.page.scroll.ensureWidgetVisible(self._row_frames[index])
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def reload(self) -> None:
        """Show the model again (rows may have been added or removed behind the editor)."""
        if len(self.items()) != len(self.row_fields):
            self._rebuild()
        else:
            for fields in self.row_fields:
                for field in fields:
                    field.load()

    # ------------------------------------------------------------------ rows
    def _rebuild(self) -> None:
        self._clear_rows()
        self._build_rows()
        chain_after(previous_focusable(self.add_button, skip=self), [*focusable_widgets(self.rows), self.add_button])

    def _clear_rows(self) -> None:
        if self.page is not None:
            for index in range(len(self._row_frames)):
                self.page.forget_fields(f"{self.path}[{index}]")
        for frame in self._row_frames:
            frame.hide()
            frame.setParent(None)  # out of the focus chain now, deleted later
            frame.deleteLater()
        self._row_frames.clear()
        self.row_fields.clear()
        self.remove_buttons.clear()

    def _build_rows(self) -> None:
        items = self.items()
        for index in range(len(items)):
            frame = self._build_row(index)
            self._row_frames.append(frame)
            self.rows.addWidget(frame)
            frame.show()  # now, not at the next event loop turn: Tab and the focus must see it at once
        self.empty_label.setVisible(not items)

    def _build_row(self, index: int) -> QWidget:
        title = self.item_title(index)
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAccessibleName(title)
        box = QVBoxLayout(frame)
        box.setContentsMargins(8, 6, 8, 6)
        box.setSpacing(2)
        simple = len(self.columns) == 1 and not self.columns[0].name
        fields: list[BoundField] = []

        if not simple:
            box.addWidget(bold_label(title))
            grid = QGridLayout()
            grid.setHorizontalSpacing(12)
            grid.setVerticalSpacing(2)
            row = col = 0
            for column in self.columns:
                field = self._make_field(index, column)
                fields.append(field)
                block = self._field_block(field, column)
                if column.wide:
                    if col:
                        row, col = row + 1, 0
                    grid.addWidget(block, row, 0, 1, self.columns_per_line)
                    row += 1
                else:
                    grid.addWidget(block, row, col)
                    col += 1
                    if col == self.columns_per_line:
                        row, col = row + 1, 0
            for c in range(self.columns_per_line):
                grid.setColumnStretch(c, self.stretches[c] if c < len(self.stretches) else 1)
            box.addLayout(grid)

        remove = QPushButton(f"Supprimer {'cette' if self.feminine else 'cet'} {self.noun}"
                             if not simple else "Supprimer")
        remove.setAutoDefault(True)
        remove.setAccessibleName(f"Supprimer : {title}")
        remove.setToolTip(f"Retire « {title} » de la liste.")
        remove.clicked.connect(lambda _=False, i=index: self.remove_row(i))
        self.remove_buttons.append(remove)

        if simple:
            field = self._make_field(index, self.columns[0])
            fields.append(field)
            label = QLabel(title)
            label.setBuddy(field.widget)
            box.addWidget(label)
            line = QHBoxLayout()
            line.addWidget(field.widget, 1)
            line.addWidget(remove)
            box.addLayout(line)
            box.addWidget(field.verdict_label)
        else:
            line = QHBoxLayout()
            line.addWidget(remove)
            line.addStretch(1)
            box.addLayout(line)

        for field in fields:
            if self.page is not None:
                self.page.fields[field.path] = field
            field.load()
        self.row_fields.append(fields)
        return frame

    def _make_field(self, index: int, column: Column) -> BoundField:
        path = f"{self.path}[{index}]" + (f".{column.name}" if column.name else "")
        if column.kind == "date":
            field: BoundField = DateField(self.ctx, path, column.label)
        elif column.kind == "text":
            field = TextField(self.ctx, path, column.label, column.placeholder, lines=3)
        else:
            field = LineField(self.ctx, path, column.label, column.placeholder)
        # the label on screen is short ("Type"); the accessible name says which row it belongs to
        field.widget.setAccessibleName(f"{column.label} ({self.item_title(index)})")
        if column.help:
            field.widget.setAccessibleDescription(column.help)
        return field

    def _field_block(self, field: BoundField, column: Column) -> QWidget:
        block = QWidget()
        box = QVBoxLayout(block)
        box.setContentsMargins(0, 2, 0, 2)
        box.setSpacing(2)
        label = QLabel(column.label)
        label.setWordWrap(True)
        label.setBuddy(field.widget)
        box.addWidget(label)
        if column.help:
            box.addWidget(help_label(column.help, self.ctx))
        box.addWidget(field.widget)
        if field.error_label is not None:
            box.addWidget(field.error_label)
        box.addWidget(field.verdict_label)
        return block
