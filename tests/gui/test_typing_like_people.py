"""Typing as people type (../shared/reference/human-use.md): dates with slashes, dots, dashes or none, into
an empty field or over a date, after a click, after Ctrl+A, erased with Backspace; numbers with spaces,
no-break spaces and €; the wheel over fields that were not clicked into. Asserts on the model and the
saved file, never only on the widget."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QTableView, QWidget
from wizard_helpers import click, empty_ctx, example_ctx, show, write

from forms.storage import load_dossier
from gui.widgets.typed_inputs import DateEdit
from gui.wizard.context import WizardContext
from gui.wizard.pages.action import ActionPage
from gui.wizard.pages.budget import BudgetPage
from gui.wizard.pages.public import PublicPage

pytestmark = pytest.mark.gui

A = "actions[0]"
MARCH_1 = dt.date(2023, 3, 1)
DATE_TEXTS = ["01/03/2023", "1/3/2023", "01.03.2023", "01-03-2023", "01032023"]


def action_page(qtbot, ctx: WizardContext) -> ActionPage:
    return show(qtbot, ActionPage(ctx), (1000, 800))


def ctrl_a(qtbot, widget: QWidget) -> None:
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)


def saved(ctx: WizardContext):
    assert ctx.flush()
    return load_dossier(ctx.path)


# ----------------------------------------------------------------------------------------- dates
@pytest.mark.parametrize("text", DATE_TEXTS)
def test_a_date_typed_into_an_empty_field(qtbot, tmp_path, monkeypatch, text: str) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = action_page(qtbot, ctx)
    field = page.fields[f"{A}.start_date"]
    click(qtbot, field.widget)
    write(qtbot, field.widget, text)
    assert ctx.dossier.action.start_date == MARCH_1
    qtbot.keyClick(field.widget, Qt.Key.Key_Tab)
    assert field.widget.text() == "01/03/2023"  # written back the usual way once left
    assert not field.error_label.isVisibleTo(page)
    assert saved(ctx).action.start_date == MARCH_1


@pytest.mark.parametrize("text", DATE_TEXTS)
def test_a_date_typed_over_a_date_after_ctrl_a(qtbot, tmp_path, monkeypatch, text: str) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    assert ctx.dossier.action.start_date == dt.date(2023, 1, 2)
    page = action_page(qtbot, ctx)
    widget = page.fields[f"{A}.start_date"].widget
    click(qtbot, widget)
    ctrl_a(qtbot, widget)
    write(qtbot, widget, text)
    assert saved(ctx).action.start_date == MARCH_1


def test_a_date_typed_over_a_date_after_a_mere_click_is_never_a_mix(qtbot, tmp_path, monkeypatch) -> None:
    """A click puts the cursor inside "02/01/2023": the digits typed are inserted. The model then holds no
    date and the field says so in French: never a date made of old and new digits, never today's."""
    ctx = example_ctx(tmp_path, monkeypatch)
    page = action_page(qtbot, ctx)
    field = page.fields[f"{A}.start_date"]
    click(qtbot, field.widget)
    write(qtbot, field.widget, "01/03/2023")
    assert ctx.dossier.action.start_date is None
    assert field.error_label.isVisibleTo(page)
    assert field.error_label.text().startswith("À corriger : Date incomplète ou mal écrite : « ")
    assert saved(ctx).action.start_date is None


@pytest.mark.parametrize("cursor_key", [Qt.Key.Key_Home, Qt.Key.Key_End])
def test_a_date_retyped_with_the_cursor_anywhere(qtbot, tmp_path, monkeypatch, cursor_key) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    page = action_page(qtbot, ctx)
    widget = page.fields[f"{A}.end_date"].widget
    click(qtbot, widget)
    qtbot.keyClick(widget, cursor_key)
    erase = Qt.Key.Key_Delete if cursor_key == Qt.Key.Key_Home else Qt.Key.Key_Backspace
    for _ in range(len("15/12/2023")):
        qtbot.keyClick(widget, erase)
    assert widget.text() == "" and ctx.dossier.action.end_date is None  # erased to empty: no date
    write(qtbot, widget, "30/06/2023")
    assert saved(ctx).action.end_date == dt.date(2023, 6, 30)


@pytest.mark.parametrize(("text", "message"), [
    ("01/0", "À corriger : Date incomplète ou mal écrite : « 01/0 ». Écrivez-la comme 01/03/2023."),
    ("31/02/2023", "À corriger : Le 31/02/2023 n'existe pas : vérifiez le jour et le mois."),
])
def test_an_incomplete_or_impossible_date_is_said_and_never_replaced(qtbot, tmp_path, monkeypatch, text,
                                                                     message) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = action_page(qtbot, ctx)
    field = page.fields[f"{A}.start_date"]
    click(qtbot, field.widget)
    write(qtbot, field.widget, text)
    qtbot.keyClick(field.widget, Qt.Key.Key_Tab)
    assert field.widget.text() == text  # what was typed stays, to be corrected
    assert field.error_label.isVisibleTo(page) and field.error_label.text() == message
    assert ctx.dossier.action.start_date is None
    assert saved(ctx).action.start_date is None


def test_the_first_digit_in_an_empty_date_is_not_today(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = action_page(qtbot, ctx)
    widget = page.fields[f"{A}.start_date"].widget
    click(qtbot, widget)
    write(qtbot, widget, "1")
    assert widget.text() == "1" and ctx.dossier.action.start_date is None


# a popup on the offscreen platform: it has no keyboard to grab, no window stack
@pytest.mark.qt_log_ignore(r"This plugin does not support (grabbing the keyboard|raise\(\)|propagateSizeHints)")
def test_the_calendar_button_still_chooses_a_date(qtbot, tmp_path, monkeypatch) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    page = action_page(qtbot, ctx)
    widget: DateEdit = page.fields[f"{A}.start_date"].widget
    click(qtbot, widget)
    qtbot.keyClick(widget, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    popup = widget.calendar
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    calendar = popup.calendar
    assert calendar.selectedDate().toPython() == dt.date(2023, 1, 2)  # opens on the field's date
    days = calendar.findChild(QTableView)  # the grid of days, where the keys go
    qtbot.keyClick(days, Qt.Key.Key_Right)  # the next day
    qtbot.keyClick(days, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not popup.isVisible())
    assert widget.text() == "03/01/2023"
    assert saved(ctx).action.start_date == dt.date(2023, 1, 3)


def test_every_date_field_is_the_typed_date_input(qtbot, tmp_path, monkeypatch) -> None:
    from gui.wizard.pages import page_classes

    ctx = example_ctx(tmp_path, monkeypatch)
    dates = []
    for page_class in page_classes():
        page = page_class(ctx)
        qtbot.addWidget(page)
        assert page.findChildren(QDateEdit) == [], page_class.__name__
        dates += [path for path, field in page.fields.items() if isinstance(field.widget, DateEdit)]
    assert {f"{A}.start_date", f"{A}.end_date", "attestation.date",
            "association.administration.rup_date"} <= set(dates)


# ----------------------------------------------------------------------------------------- numbers
@pytest.mark.parametrize(("text", "value"), [("1,5", Decimal("1.5")), ("0.75", Decimal("0.75")),
                                             ("2\u00a0", Decimal(2))])
def test_a_decimal_number(qtbot, tmp_path, monkeypatch, text, value) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = action_page(qtbot, ctx)
    widget = page.fields[f"{A}.staff_etpt"].widget
    click(qtbot, widget)
    write(qtbot, widget, text)
    assert saved(ctx).action.staff_etpt == value


def test_a_word_in_a_number_is_refused_clearly_and_the_value_kept(qtbot, tmp_path, monkeypatch) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    before = ctx.dossier.action.volunteers_involved
    page = action_page(qtbot, ctx)
    field = page.fields[f"{A}.volunteers_involved"]
    click(qtbot, field.widget)
    ctrl_a(qtbot, field.widget)
    write(qtbot, field.widget, "12k")
    assert field.error_label.isVisibleTo(page)
    assert field.error_label.text() == ("À corriger : « 12k » n'est pas un nombre : écrivez seulement des "
                                        "chiffres, par exemple 1 234.")
    assert saved(ctx).action.volunteers_involved == before


@pytest.mark.parametrize("text", ["1 234", "1\u00a0234", "1\u202f234"])
def test_a_count_with_thousands_spaces(qtbot, tmp_path, monkeypatch, text) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show(qtbot, PublicPage(ctx), (1000, 800))
    widget = page.fields[f"{A}.public.total"].widget
    click(qtbot, widget)
    write(qtbot, widget, text)
    assert saved(ctx).action.public.total == 1234


def test_a_share_that_can_be_not_given_tells_0_from_blank(qtbot, tmp_path, monkeypatch) -> None:
    """Issue 11's « non renseignée » kept in the typed number field: empty writes None, 0 writes 0 and shows
    « 0 », None shows an empty field with « non renseignée » as its placeholder."""
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show(qtbot, PublicPage(ctx), (1000, 800))
    path = f"{A}.public.qpv_share_percent"
    widget = page.fields[path].widget
    assert ctx.dossier.action.public.qpv_share_percent is None
    assert (widget.text(), widget.placeholderText()) == ("", "non renseignée")
    click(qtbot, widget)
    write(qtbot, widget, "0")
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert saved(ctx).action.public.qpv_share_percent == 0
    assert widget.text() == "0"  # told from a blank
    click(qtbot, widget)
    ctrl_a(qtbot, widget)
    write(qtbot, widget, "85 %")
    assert saved(ctx).action.public.qpv_share_percent == 85
    ctrl_a(qtbot, widget)
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    assert saved(ctx).action.public.qpv_share_percent is None
    qtbot.keyClick(widget, Qt.Key.Key_Tab)
    assert widget.text() == ""
    click(qtbot, widget)
    write(qtbot, widget, "101")
    assert "100" in page.fields[path].error_label.text()
    assert saved(ctx).action.public.qpv_share_percent is None  # what it held when the cursor came in
    ctrl_a(qtbot, widget)
    qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    ctx.set_value(path, 0)
    page.load()
    assert widget.text() == "0"
    ctx.set_value(path, None)
    page.load()
    assert widget.text() == ""


def test_the_age_table_takes_spaces_and_says_what_is_wrong(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show(qtbot, PublicPage(ctx), (1000, 800))
    grid = page.age_grid
    cell = grid.spins[("0-5", "women")]
    click(qtbot, cell)
    write(qtbot, cell, "1 200")
    other = grid.spins[("0-5", "men")]
    click(qtbot, other)
    write(qtbot, other, "3O")  # a letter O for a zero
    assert grid.error_label.isVisibleTo(page)
    assert grid.error_label.text().startswith("À corriger (Hommes, 0 à 5 ans) : « 3O » n'est pas un nombre")
    bands = {b.band: b for b in saved(ctx).action.public.age_bands}
    assert (bands["0-5"].women, bands["0-5"].men) == (1200, 0)


@pytest.mark.parametrize("how", ["ctrl_a", "double_click"])
def test_a_year_typed_over_a_year(qtbot, tmp_path, monkeypatch, how) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    assert ctx.dossier.action.budget.year == 2023
    page = show(qtbot, BudgetPage(ctx), (1000, 800))
    widget = page.fields[f"{A}.budget.year"].widget
    assert widget.text() == "2023"
    click(qtbot, widget)
    if how == "ctrl_a":
        ctrl_a(qtbot, widget)
    else:
        qtbot.mouseDClick(widget, Qt.MouseButton.LeftButton)
    write(qtbot, widget, "2024")
    assert saved(ctx).action.budget.year == 2024


def test_a_year_typed_after_a_mere_click_is_refused_not_mixed(qtbot, tmp_path, monkeypatch) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    page = show(qtbot, BudgetPage(ctx), (1000, 800))
    field = page.fields[f"{A}.budget.year"]
    click(qtbot, field.widget)
    write(qtbot, field.widget, "2024")  # inserted into 2023: 8 digits
    assert field.error_label.isVisibleTo(page)
    assert "est trop grand" in field.error_label.text()
    assert saved(ctx).action.budget.year == 2023


# ----------------------------------------------------------------------------------------- wheel
def wheel(widget: QWidget, clicks: int = -1) -> None:
    """One notch of the mouse wheel over the middle of `widget` (negative: towards the user)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0),
                        QPoint(0, 120 * clicks), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)


def test_the_wheel_does_not_change_a_combo_that_was_not_clicked(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = action_page(qtbot, ctx)
    combo: QComboBox = page.fields[f"{A}.frequency"].widget
    before = ctx.dossier.action.frequency
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus  # the wheel does not give it the focus
    for _ in range(3):
        wheel(combo)
    assert ctx.dossier.action.frequency == before and combo.currentIndex() == 0
    # once the user has clicked into it, the wheel chooses, as Qt users expect
    combo.setFocus(Qt.FocusReason.MouseFocusReason)
    qtbot.waitUntil(combo.hasFocus)
    wheel(combo)
    assert ctx.dossier.action.frequency != before


def test_the_wheel_over_number_and_date_fields_changes_nothing(qtbot, tmp_path, monkeypatch) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    page = action_page(qtbot, ctx)
    before = (ctx.dossier.action.start_date, ctx.dossier.action.volunteers_involved)
    for path in (f"{A}.start_date", f"{A}.volunteers_involved", f"{A}.staff_etpt"):
        for _ in range(3):
            wheel(page.fields[path].widget)
    assert (ctx.dossier.action.start_date, ctx.dossier.action.volunteers_involved) == before
    assert not ctx.dirty
