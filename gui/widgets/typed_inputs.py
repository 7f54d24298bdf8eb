"""Date and number inputs that take what people type (forms.typed_input) and say in French what is wrong.

Both are line edits: what is on screen is exactly what was typed. Qt's QDateEdit and QSpinBox were the
cause of dates the user never typed (a digit in an empty date edit started today's date; typing over a
date mixed old and new digits; a slash was refused) and of numbers silently refused (`1 234`, `€`). Here
the text is read as a whole at each key press: a valid value is sent with `value_changed`; anything else
sends `error_changed` with a sentence to show, and the model gets back what it held before this edit (a
number) or no value (a date: never a date the user did not type). The calendar button of a date
(or Alt+Bas, F4) still opens a calendar.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QAction, QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QLineEdit,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from forms.typed_input import DATE_EXAMPLE, parse_date, parse_number, show_date, show_number


class _TypedEdit(QLineEdit):
    """A line edit whose text is read into a value at every key press (by `_read`, in the subclasses)."""

    value_changed = Signal(object)
    error_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.error = ""
        self._value: object = None
        self._before: object = None  # the value when the user started this edit
        self.textEdited.connect(self._typed)
        self.editingFinished.connect(self._finished)

    def _read(self, text: str) -> object:
        raise NotImplementedError

    def _show_value(self, value: object) -> str:
        raise NotImplementedError

    def value(self) -> object:
        return self._value

    def _value_while_wrong(self) -> object:
        """What the model holds while the text cannot be read."""
        raise NotImplementedError

    def focusInEvent(self, event: QFocusEvent) -> None:
        if not self.error:
            self._before = self._value
        super().focusInEvent(event)

    def set_value(self, value: object) -> None:
        """Show `value` (from the model): no signal, no error."""
        self._value = self._before = value
        self.setText(self._show_value(value))
        self._set_error("")

    def _typed(self, text: str) -> None:
        try:
            value = self._read(text)
        except ValueError as exc:
            self._set_error(str(exc))
            fallback = self._value_while_wrong()
            if fallback != self._value:
                self._value = fallback
                self.value_changed.emit(fallback)
            return
        self._set_error("")
        self._value = value
        self.value_changed.emit(value)

    def _finished(self) -> None:
        if not self.error:  # written back the way the application writes it ("1 234", "01/03/2023")
            shown = self._show_value(self._value)
            if shown != self.text():
                self.setText(shown)

    def _set_error(self, message: str) -> None:
        if message == self.error:
            return
        self.error = message
        self.setProperty("invalid", bool(message))
        self.setToolTip(message)
        self.style().unpolish(self)
        self.style().polish(self)
        self.error_changed.emit(message)


class DateEdit(_TypedEdit):
    """A date typed `01/03/2023` (or `1/3/2023`, `01.03.2023`, `01032023`…), or chosen in a calendar."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText(f"jj/mm/aaaa, par exemple {DATE_EXAMPLE}")
        self.setMaxLength(20)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView)
        self.calendar_action = QAction(icon, "Choisir la date dans un calendrier (Alt+Bas)", self)
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        for button in self.findChildren(QToolButton):  # the button Qt makes for the action: named for readers
            button.setAccessibleName("Choisir la date dans un calendrier")
        self.calendar: _CalendarPopup | None = None

    def _read(self, text: str) -> dt.date | None:
        return parse_date(text)

    def _value_while_wrong(self) -> None:
        return None  # no date rather than the old one: the rules then say a date is missing

    def _show_value(self, value: object) -> str:
        return show_date(value) if isinstance(value, dt.date) else ""

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_F4 or (
                event.key() == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier):
            self.open_calendar()
            return
        super().keyPressEvent(event)

    def open_calendar(self) -> None:
        if self.calendar is None:
            self.calendar = _CalendarPopup(self)
        value = self._value if isinstance(self._value, dt.date) and not self.error else dt.date.today()
        self.calendar.open_at(value)

    def choose(self, date: dt.date) -> None:
        """A date picked in the calendar: shown and sent as if typed."""
        self.setText(show_date(date))
        self._typed(self.text())
        self.setFocus(Qt.FocusReason.PopupFocusReason)


class _CalendarPopup(QWidget):
    def __init__(self, edit: DateEdit) -> None:
        super().__init__(edit, Qt.WindowType.Popup)
        self.edit = edit
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setAccessibleName("Calendrier")
        self.calendar.clicked.connect(self._chosen)
        self.calendar.activated.connect(self._chosen)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.calendar)

    def open_at(self, date: dt.date) -> None:
        self.calendar.setSelectedDate(QDate(date.year, date.month, date.day))
        self.adjustSize()
        self.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.show()
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _chosen(self, qdate: QDate) -> None:
        self.hide()
        self.edit.choose(dt.date(qdate.year(), qdate.month(), qdate.day()))


class NumberEdit(_TypedEdit):
    """A number typed `1 234`, `1 234,5`, `12 €`, within [minimum, maximum], `decimals` digits at most; the
    field's unit (`unit`, e.g. "%") may be typed after it: `85 %`."""

    def __init__(self, *, decimals: int = 0, minimum: Decimal | int = 0, maximum: Decimal | int | None = None,
                 group: bool = True, blank_zero: bool = True, unit: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.unit = unit.strip()
        self.decimals = decimals
        self.minimum = minimum
        self.maximum = maximum
        self.group = group
        self.blank_zero = blank_zero  # 0 shown as an empty box: a click then typing "40" gives 40, not 400
        if blank_zero:
            self.setPlaceholderText("0")
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setMaxLength(32)
        if maximum is not None:
            self.setMaximumWidth(self.fontMetrics().horizontalAdvance(f" {show_number(maximum)},00 ") * 2 + 24)

    def _value_while_wrong(self) -> object:
        return self._before  # "12k" typed over 6 leaves 6, not the 12 read on the way

    def _read(self, text: str) -> Decimal | None:
        if self.unit and text.rstrip().endswith(self.unit):
            text = text.rstrip().removesuffix(self.unit)
        return parse_number(text, decimals=self.decimals, minimum=self.minimum, maximum=self.maximum)

    def _show_value(self, value: object) -> str:
        if value is None or (self.blank_zero and not value):
            return ""
        return show_number(value, decimals=self.decimals, group=self.group)  # type: ignore[arg-type]
