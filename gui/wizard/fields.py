"""Labelled input fields bound to a model path, and the builder pages use to lay them out.

Every field is a block read top to bottom (GOV.UK style): the label (tied to the input, also its
accessible name), one sentence of help under it, the input, and the verdicts of the rules about this
field ("À corriger : …"), so nothing relies on colour alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, TypeVar

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from forms.budget import format_euros, parse_euros
from gui.widgets.labels import plain_text
from gui.widgets.typed_inputs import DateEdit, NumberEdit
from gui.wizard.context import WizardContext
from gui.wizard.glossary import glossary_tooltip

# The levels of the rules' verdicts, worst first: the words shown before a message and their colour.
LEVEL_PREFIX = {"bloquant": "Bloquant", "a_corriger": "À corriger", "conseil": "Conseil"}
LEVEL_COLOURS = {"bloquant": "#a4001d", "a_corriger": "#8a4b00", "conseil": "#1f4e79"}
SECTION_SCALE = 1.15  # a section title's font size, relative to the text's (it follows the user's size)


def level_rank(verdict: Any) -> int:
    """0 for the worst level ("bloquant"); unknown levels last."""
    return list(LEVEL_PREFIX).index(verdict.level) if verdict.level in LEVEL_PREFIX else len(LEVEL_PREFIX)


def territory_id(ctx: WizardContext) -> str | None:
    """The dossier's territory, whose glossary explains the acronyms of the help texts."""
    territory = ctx.territory
    return territory.id if territory is not None else None


def bold_label(text: str = "", scale: float = 1.0) -> QLabel:
    """A wrapped label in bold (a title inside a section, a total), `scale` times the text's size."""
    label = QLabel(text)
    label.setWordWrap(True)
    font = QFont(label.font())
    font.setBold(True)
    if scale != 1.0:
        font.setPointSizeF(font.pointSizeF() * scale)
    label.setFont(font)
    return label


def add_section_title(layout: QVBoxLayout, title: str) -> QLabel:
    """A section's title in `layout`, after half a line of space: the same look on every page."""
    label = bold_label(title, SECTION_SCALE)
    label.setProperty("role", "section")
    label.setAccessibleName(title)
    layout.addSpacing(label.fontMetrics().height() // 2)
    layout.addWidget(label)
    return label


def help_label(text: str, ctx: WizardContext | None = None) -> QLabel:
    """One sentence of help, in italics; the acronyms it contains are explained in its tooltip."""
    lab = QLabel(text)
    lab.setWordWrap(True)
    lab.setTextFormat(Qt.TextFormat.PlainText)
    font = QFont(lab.font())
    font.setItalic(True)
    lab.setFont(font)
    lab.setProperty("role", "help")
    if ctx is not None:
        tip = glossary_tooltip(text, ctx.catalogue, territory_id(ctx))
        if tip:
            lab.setToolTip(tip)
    return lab


def shrinkable_combo() -> QComboBox:
    """A combo box whose long items do not force the page wider than the window."""
    combo = QComboBox()
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(12)
    return combo


def verdict_text(verdicts: Sequence[Any]) -> str:
    return "\n".join(f"{LEVEL_PREFIX.get(v.level, v.level)} : {v.message}" for v in verdicts)


def show_verdicts_in(label: QLabel, verdicts: Sequence[Any]) -> None:
    """Verdicts under a field or a table, worst first, in the colour of the worst; hidden when none."""
    if not verdicts:
        label.setVisible(False)
        label.clear()
        return
    ordered = sorted(verdicts, key=level_rank)
    label.setText(verdict_text(ordered))
    label.setStyleSheet(f"color: {LEVEL_COLOURS.get(ordered[0].level, '#000')};")
    label.setVisible(True)


def typing_error_label(name: str) -> QLabel:
    """A hidden label, in the colour of "À corriger", for what is wrong with a text being typed."""
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setStyleSheet(f"color: {LEVEL_COLOURS['a_corriger']};")
    label.setAccessibleName(f"Erreur de saisie, « {name} »")
    label.setVisible(False)
    return label


class BoundField:
    """One input bound to one model path."""

    def __init__(self, ctx: WizardContext, path: str, widget: QWidget, label: str) -> None:
        self.ctx = ctx
        self.path = path
        self.widget = widget
        self.label = label
        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict_label.setVisible(False)
        self.verdict_label.setAccessibleName(f"Remarques sur « {plain_text(label)} »")
        # what is wrong with what is being typed (a date, a number), under the input; None: nothing can be
        self.error_label: QLabel | None = None
        # set by FormBuilder.add: the visible label and the help under it (None when not laid out by it)
        self.label_widget: QLabel | None = None
        self.help_widget: QLabel | None = None
        self._loading = False
        widget.setAccessibleName(plain_text(label))
        widget.setProperty("fieldPath", path)

    # model -> widget
    def load(self) -> None:
        self._loading = True
        try:
            self._show(self.ctx.value(self.path))
        finally:
            self._loading = False

    def _show(self, value: Any) -> None:
        raise NotImplementedError

    # widget -> model
    def _write(self, value: Any) -> None:
        if not self._loading:
            self.ctx.set_value(self.path, value)

    def show_verdicts(self, verdicts: Sequence[Any]) -> None:
        show_verdicts_in(self.verdict_label, verdicts)

    def _typing_errors_shown(self) -> None:
        """Give this field a label under its input for what is wrong with the text being typed."""
        self.error_label = typing_error_label(plain_text(self.label))

    def show_typing_error(self, message: str) -> None:
        if self.error_label is not None:
            self.error_label.setText(f"À corriger : {message}" if message else "")
            self.error_label.setVisible(bool(message))

    def focus(self) -> None:
        self.widget.setFocus(Qt.FocusReason.OtherFocusReason)


class LineField(BoundField):
    def __init__(self, ctx: WizardContext, path: str, label: str, placeholder: str = "",
                 max_length: int = 0) -> None:
        edit = QLineEdit()
        if placeholder:
            edit.setPlaceholderText(placeholder)
        if max_length:
            edit.setMaxLength(max_length)
        super().__init__(ctx, path, edit, label)
        edit.textEdited.connect(self._write)

    def _show(self, value: Any) -> None:
        self.widget.setText("" if value is None else str(value))


class _PlainTextEdit(QPlainTextEdit):
    """A text box as tall as the `lines` asked for (Qt's default size hint is ~12 lines for every box,
    which made short answers look like essays and pages very long)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), max(self.minimumHeight(), 0) or hint.height())


class TextField(BoundField):
    def __init__(self, ctx: WizardContext, path: str, label: str, placeholder: str = "",
                 lines: int = 5) -> None:
        edit = _PlainTextEdit()
        edit.setTabChangesFocus(True)  # Tab moves on, as everywhere else in the form
        if placeholder:
            edit.setPlaceholderText(placeholder)
        edit.setMinimumHeight(edit.fontMetrics().lineSpacing() * lines + 12)
        super().__init__(ctx, path, edit, label)
        edit.textChanged.connect(lambda: self._write(edit.toPlainText()))

    def _show(self, value: Any) -> None:
        text = "" if value is None else str(value)
        if self.widget.toPlainText() != text:
            self.widget.setPlainText(text)


class _NumberField(BoundField):
    """A number typed the French way (`1 234`, `12,5`); an unreadable text is said under it, not written."""

    decimals = 0

    def __init__(self, ctx: WizardContext, path: str, label: str, edit: NumberEdit) -> None:
        super().__init__(ctx, path, edit, label)
        self._typing_errors_shown()
        edit.value_changed.connect(lambda value: self._write(self._model_value(value)))
        edit.error_changed.connect(self.show_typing_error)

    def _model_value(self, value: Decimal | None) -> Any:
        raise NotImplementedError

    def _show(self, value: Any) -> None:
        self.widget.set_value(value)


class IntField(_NumberField):
    """A whole number. With `blank` (« non renseignée »), the field can also say "not given": an empty
    field writes None, None shows an empty field with `blank` as its placeholder, and 0 shows « 0 », so
    that 0 can be told from nothing typed. Without it, an empty field is 0 (and 0 shows empty unless
    `blank_zero=False`: a click then typing "40" gives 40, not 400)."""

    def __init__(self, ctx: WizardContext, path: str, label: str, maximum: int = 9_999_999,
                 suffix: str = "", blank: str = "", *, group: bool = True, blank_zero: bool = True) -> None:
        self.blank = bool(blank)
        edit = NumberEdit(maximum=maximum, group=group, blank_zero=blank_zero and not blank, unit=suffix)
        if blank:
            edit.setPlaceholderText(blank)
        elif suffix:
            edit.setPlaceholderText(f"0{suffix}")
        super().__init__(ctx, path, label, edit)

    def _model_value(self, value: Decimal | None) -> int | None:
        if value is None and self.blank:
            return None
        return int(value or 0)

    def _show(self, value: Any) -> None:
        self.widget.set_value(None if value is None and self.blank else int(value or 0))


class DecimalField(_NumberField):
    def __init__(self, ctx: WizardContext, path: str, label: str, maximum: float = 100_000.0) -> None:
        super().__init__(ctx, path, label, NumberEdit(decimals=2, maximum=Decimal(str(maximum))))

    def _model_value(self, value: Decimal | None) -> Decimal:
        return (value or Decimal(0)).normalize()

    def _show(self, value: Any) -> None:
        self.widget.set_value(Decimal(str(value or 0)))


class MoneyField(BoundField):
    """An amount in euros typed the French way; stored in cents. Bad input is said, never written."""

    def __init__(self, ctx: WizardContext, path: str, label: str) -> None:
        edit = QLineEdit()
        edit.setPlaceholderText("0,00 €")
        edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        super().__init__(ctx, path, edit, label)
        self._typing_errors_shown()
        self.error = ""
        edit.textEdited.connect(self._parse)
        edit.editingFinished.connect(self._reformat)

    def _parse(self, text: str) -> None:
        try:
            cents = parse_euros(text)
        except ValueError as exc:
            self.error = str(exc)
            self.widget.setToolTip(self.error)
            self.widget.setProperty("invalid", True)
            self.show_typing_error(self.error)
            return
        self.error = ""
        self.widget.setToolTip("")
        self.widget.setProperty("invalid", False)
        self.show_typing_error("")
        self._write(cents)

    def _reformat(self) -> None:
        if not self.error:
            self._show(self.ctx.value(self.path))

    def _show(self, value: Any) -> None:
        cents = int(value or 0)
        self.widget.setText(format_euros(cents, symbol=False, separator=" ") if cents else "")


class DateField(BoundField):
    """A date typed `01/03/2023`, `1/3/2023`, `01.03.2023`, `01032023`… or picked in the calendar. While the
    text is not a whole, possible date, the model holds no date and the field says what is wrong: the
    dossier never keeps a date the user did not type."""

    def __init__(self, ctx: WizardContext, path: str, label: str) -> None:
        edit = DateEdit()
        super().__init__(ctx, path, edit, label)
        self._typing_errors_shown()
        edit.value_changed.connect(self._write)
        edit.error_changed.connect(self.show_typing_error)

    def _show(self, value: Any) -> None:
        self.widget.set_value(value)


class CheckField(BoundField):
    def __init__(self, ctx: WizardContext, path: str, label: str) -> None:
        box = QCheckBox(label)
        super().__init__(ctx, path, box, label)
        box.toggled.connect(self._write)

    def _show(self, value: Any) -> None:
        self.widget.setChecked(bool(value))


class ChoiceField(BoundField):
    def __init__(self, ctx: WizardContext, path: str, label: str, choices: Sequence[tuple[Any, str]]) -> None:
        combo = shrinkable_combo()
        for value, text in choices:
            combo.addItem(text, value)
        super().__init__(ctx, path, combo, label)
        combo.currentIndexChanged.connect(lambda i: self._write(combo.itemData(i)))

    def _show(self, value: Any) -> None:
        index = self.widget.findData(value)
        self.widget.setCurrentIndex(max(index, 0))


F = TypeVar("F", bound=BoundField)


class FormBuilder:
    """Adds labelled, bound fields to a vertical layout and remembers them by path."""

    def __init__(self, ctx: WizardContext, layout: QVBoxLayout, register: Callable[[BoundField], None]) -> None:
        self.ctx = ctx
        self.layout = layout
        self._register = register

    def section(self, title: str, hint: str = "") -> QLabel:
        lab = add_section_title(self.layout, title)
        if hint:
            self.layout.addWidget(help_label(hint, self.ctx))
        return lab

    def add(self, field: F, help: str = "") -> F:
        """Lay out `field` as a block (label, help, input, verdicts), register it and show its value."""
        block = QWidget()
        box = QVBoxLayout(block)
        box.setContentsMargins(0, 4, 0, 4)
        box.setSpacing(2)
        if not isinstance(field, CheckField):
            lab = QLabel(field.label)
            lab.setBuddy(field.widget)
            lab.setWordWrap(True)
            tip = glossary_tooltip(field.label, self.ctx.catalogue, territory_id(self.ctx))
            if tip:
                lab.setToolTip(tip)
            box.addWidget(lab)
            field.label_widget = lab
        if isinstance(field, CheckField):
            box.addWidget(field.widget)  # a checkbox's text is its label: the help reads after it
        if help:
            hl = help_label(help, self.ctx)
            if isinstance(field, CheckField):  # aligned with the checkbox's text
                style = field.widget.style()
                indent = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + style.pixelMetric(
                    QStyle.PixelMetric.PM_CheckBoxLabelSpacing)
                hl.setContentsMargins(indent, 0, 0, 0)
            box.addWidget(hl)
            field.help_widget = hl
            field.widget.setAccessibleDescription(help)
        if not isinstance(field, CheckField):
            box.addWidget(field.widget)
        if field.error_label is not None:
            box.addWidget(field.error_label)
        box.addWidget(field.verdict_label)
        self.layout.addWidget(block)
        self._register(field)
        field.load()
        return field

    def line(self, path: str, label: str, help: str = "", placeholder: str = "", max_length: int = 0) -> LineField:
        return self.add(LineField(self.ctx, path, label, placeholder, max_length), help)

    def text(self, path: str, label: str, help: str = "", placeholder: str = "", lines: int = 5) -> TextField:
        return self.add(TextField(self.ctx, path, label, placeholder, lines), help)

    def integer(self, path: str, label: str, help: str = "", maximum: int = 9_999_999, suffix: str = "",
                blank: str = "", *, group: bool = True, blank_zero: bool = True) -> IntField:
        return self.add(IntField(self.ctx, path, label, maximum, suffix, blank, group=group, blank_zero=blank_zero),
                        help)

    def decimal(self, path: str, label: str, help: str = "", maximum: float = 100_000.0) -> DecimalField:
        return self.add(DecimalField(self.ctx, path, label, maximum), help)

    def money(self, path: str, label: str, help: str = "") -> MoneyField:
        return self.add(MoneyField(self.ctx, path, label), help)

    def date(self, path: str, label: str, help: str = "") -> DateField:
        return self.add(DateField(self.ctx, path, label), help)

    def check(self, path: str, label: str, help: str = "") -> CheckField:
        return self.add(CheckField(self.ctx, path, label), help)

    def choice(self, path: str, label: str, choices: Sequence[tuple[Any, str]], help: str = "") -> ChoiceField:
        return self.add(ChoiceField(self.ctx, path, label, choices), help)
