"""Step 3, "L'action": typing writes `actions[0]`, the renewal part appears for a renewal, the call's
period is said beside the dates, indicators are added and removed, and the whole step can be completed
with the keyboard alone."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QPushButton, QWidget
from wizard_helpers import by_name, empty_ctx, example_ctx, focused, input_widgets, show, tab, type_here, write

from gui.widgets.typed_inputs import DateEdit
from gui.wizard.context import WizardContext
from gui.wizard.pages.action import ActionPage
from rules import check_dossier

pytestmark = pytest.mark.gui

A = "actions[0]"


# ----------------------------------------------------------------------------------------- helpers
def show_page(qtbot, ctx: WizardContext) -> ActionPage:
    return show(qtbot, ActionPage(ctx), (1000, 800), until_active=False)


# ----------------------------------------------------------------------------------------- typing
def test_typing_writes_the_first_action(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    action = ctx.dossier.action

    write(qtbot, by_name(page, "Titre de l'action"), "Atelier couture et français")
    write(qtbot, page.fields[f"{A}.objectives"].widget, "Rompre l'isolement des femmes du quartier.")
    write(qtbot, page.fields[f"{A}.partners"].widget, "Centre social Mirabeau")
    write(qtbot, by_name(page, "Durée de l'action"), "10 mois")

    assert action.title == "Atelier couture et français"
    assert action.objectives == "Rompre l'isolement des femmes du quartier."
    assert action.partners == "Centre social Mirabeau"
    assert action.duration_text == "10 mois"
    assert ctx.dirty


def test_dates_and_numbers(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    start = page.fields[f"{A}.start_date"].widget
    assert start.text() == ""  # no date yet
    start.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(start.hasFocus)
    write(qtbot, start, "02012023")
    assert ctx.dossier.action.start_date == dt.date(2023, 1, 2)

    etpt = page.fields[f"{A}.staff_etpt"].widget
    etpt.setFocus(Qt.FocusReason.TabFocusReason)
    etpt.selectAll()
    write(qtbot, etpt, "1,5")
    assert ctx.dossier.action.staff_etpt == Decimal("1.5")


def test_the_call_period_is_said_beside_the_dates(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    assert "1er janvier 2023" in page.period_label.text() and "31 décembre 2023" in page.period_label.text()
    assert "31 décembre 2023" in page.fields[f"{A}.start_date"].widget.accessibleDescription()

    ctx.set_call("blois-2021")
    page.rebuild_for_call()
    assert "1er janvier 2021" in page.period_label.text()


def test_renewal_shows_the_previous_action_and_the_financial_report_hint(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    previous = page.fields[f"{A}.previous_year_reference"].widget
    assert not previous.isVisible() and not page.renewal_hint.isVisible()

    frequency = page.fields[f"{A}.frequency"].widget
    frequency.setCurrentIndex(frequency.findData("renouvellement"))
    assert ctx.dossier.action.frequency == "renouvellement"
    qtbot.waitUntil(previous.isVisible)
    assert page.renewal_hint.isVisible()
    assert "15059" in page.renewal_hint.text()
    write(qtbot, previous, "Atelier couture 2022")
    assert ctx.dossier.action.previous_year_reference == "Atelier couture 2022"

    frequency.setCurrentIndex(frequency.findData("premiere"))
    qtbot.waitUntil(lambda: not previous.isVisible())


# ----------------------------------------------------------------------------------------- indicators
def test_indicators_added_and_removed_with_the_mouse(qtbot, tmp_path, monkeypatch) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    indicators = ctx.dossier.action.indicators
    count = len(indicators)
    assert page.indicators.row_count() == count

    qtbot.mouseClick(page.indicators.add_button, Qt.MouseButton.LeftButton)
    assert len(indicators) == count + 1
    label = page.fields[f"{A}.indicators[{count}].label"].widget
    qtbot.waitUntil(label.hasFocus)
    write(qtbot, label, "Nombre de participantes")
    write(qtbot, page.fields[f"{A}.indicators[{count}].target"].widget, "15")
    write(qtbot, page.fields[f"{A}.indicators[{count}].method"].widget, "Feuilles de présence")
    assert dataclasses.astuple(indicators[-1]) == ("Nombre de participantes", "15", "Feuilles de présence")

    first_label = indicators[1].label
    qtbot.mouseClick(page.indicators.remove_buttons[0], Qt.MouseButton.LeftButton)
    assert len(indicators) == count
    assert indicators[0].label == first_label
    assert page.fields[f"{A}.indicators[0].label"].widget.text() == first_label


def test_indicators_added_and_removed_with_the_keyboard(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    add = page.indicators.add_button
    add.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(add.hasFocus)
    qtbot.keyClick(add, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: focused() is page.fields[f"{A}.indicators[0].label"].widget)
    type_here(qtbot, "Participants")
    assert tab(qtbot) is page.fields[f"{A}.indicators[0].target"].widget
    type_here(qtbot, "20")
    assert tab(qtbot) is page.fields[f"{A}.indicators[0].method"].widget
    type_here(qtbot, "Inscriptions")
    remove = tab(qtbot)
    assert remove is page.indicators.remove_buttons[0]
    assert ctx.dossier.action.indicators[0].target == "20"
    qtbot.keyClick(remove, Qt.Key.Key_Space)
    assert ctx.dossier.action.indicators == []
    qtbot.waitUntil(lambda: focused() is page.indicators.add_button)
    assert page.indicators.empty_label.isVisible()


# ----------------------------------------------------------------------------------------- keyboard only
def test_keyboard_only_completion(qtbot, tmp_path, monkeypatch) -> None:
    """Tab through the whole page from the first field and type: no mouse, nothing set behind it."""
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    page.focusNextChild()  # as the window does when it opens a page
    qtbot.waitUntil(lambda: focused() is page.fields[f"{A}.title"].widget)

    type_here(qtbot, "Atelier couture et français")
    assert isinstance(tab(qtbot), QComboBox)
    qtbot.keyClick(focused(), Qt.Key.Key_Down)  # Première demande -> Renouvellement
    assert ctx.dossier.action.frequency == "renouvellement"
    assert tab(qtbot) is page.fields[f"{A}.previous_year_reference"].widget
    type_here(qtbot, "Atelier couture 2022, contrat de ville de Blois")
    assert tab(qtbot) is page.fields[f"{A}.objectives"].widget
    type_here(qtbot, "Rompre l'isolement des femmes du quartier et pratiquer le français.")
    tab(qtbot)
    type_here(qtbot, "Deux ateliers par semaine au centre social, animés par une couturière.\nUne sortie par mois.")
    assert isinstance(tab(qtbot), DateEdit)
    type_here(qtbot, "09012023")
    assert isinstance(tab(qtbot), DateEdit)
    type_here(qtbot, "15122023")
    tab(qtbot)
    type_here(qtbot, "11 mois")
    tab(qtbot)
    type_here(qtbot, "Centre social Mirabeau, quartiers Nord")
    tab(qtbot)
    type_here(qtbot, "Centre social Mirabeau (prêt de la salle)")
    tab(qtbot)
    type_here(qtbot, "Une couturière salariée (0,3 ETP), deux bénévoles.")
    tab(qtbot)
    type_here(qtbot, "Six machines à coudre, tissus, salle du centre social.")
    tab(qtbot)
    type_here(qtbot, "2")
    tab(qtbot)
    type_here(qtbot, "0,3")
    tab(qtbot)
    type_here(qtbot, "15 femmes suivent l'atelier toute l'année.")
    add = tab(qtbot)
    assert isinstance(add, QPushButton) and add is page.indicators.add_button
    qtbot.keyClick(add, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: focused() is page.fields[f"{A}.indicators[0].label"].widget)
    type_here(qtbot, "Nombre de participantes")
    tab(qtbot)
    type_here(qtbot, "15")
    tab(qtbot)
    type_here(qtbot, "Feuilles de présence")

    action = ctx.dossier.action
    assert action.title == "Atelier couture et français"
    assert action.previous_year_reference.startswith("Atelier couture 2022")
    assert action.description.endswith("\nUne sortie par mois.")
    assert (action.start_date, action.end_date) == (dt.date(2023, 1, 9), dt.date(2023, 12, 15))
    assert action.duration_text == "11 mois"
    assert action.places.startswith("Centre social Mirabeau")
    assert action.material_means.startswith("Six machines")
    assert action.volunteers_involved == 2
    assert action.staff_etpt == Decimal("0.3")
    assert action.expected_results.startswith("15 femmes")
    assert [(i.label, i.target, i.method) for i in action.indicators] == [
        ("Nombre de participantes", "15", "Feuilles de présence")
    ]
    # nothing of this step is left to correct (the public has its own step)
    remaining = [v for v in check_dossier(ctx.dossier, ctx.catalogue) if v.step == "action"]
    assert remaining == []


# ----------------------------------------------------------------------------------------- accessibility
def test_every_input_has_an_accessible_name(qtbot, tmp_path, monkeypatch) -> None:
    ctx = example_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    widgets = input_widgets(page)
    assert len(widgets) > 20
    assert [type(w).__name__ for w in widgets if not w.accessibleName().strip()] == []
    assert "&" in page.indicators.add_button.text()


def test_every_verdict_of_this_step_lands_on_a_widget(qtbot, tmp_path, monkeypatch) -> None:
    ctx = empty_ctx(tmp_path, monkeypatch)
    ctx.dossier.action.start_date = dt.date(2022, 1, 1)
    page = show_page(qtbot, ctx)
    verdicts = [v for v in check_dossier(ctx.dossier, ctx.catalogue) if v.step == "action"]
    assert verdicts
    for verdict in verdicts:
        assert page.focus_path(verdict.fields[0]), verdict
    page.show_verdicts(verdicts)
    assert page.summary.isVisible()
    assert page.fields[f"{A}.title"].verdict_label.isVisible()


def test_tab_leaves_an_empty_date_and_follows_the_visual_order(qtbot, tmp_path, monkeypatch) -> None:
    """An empty date ("—") must not keep the focus (Qt moves between a date's sections with Tab)."""
    ctx = empty_ctx(tmp_path, monkeypatch)
    page = show_page(qtbot, ctx)
    page.focusNextChild()
    qtbot.waitUntil(lambda: focused() is page.fields[f"{A}.title"].widget)
    walked: list[QWidget] = []
    for _ in range(60):
        w = focused()
        if not page.isAncestorOf(w) or (walked and w is walked[0]):
            break
        if not walked or walked[-1] is not w:
            walked.append(w)
        qtbot.keyClick(w, Qt.Key.Key_Tab)
    names = [w.accessibleName() for w in walked]
    start, end = page.fields[f"{A}.start_date"].widget, page.fields[f"{A}.end_date"].widget
    assert names.index(start.accessibleName()) + 1 == names.index(end.accessibleName())
    assert names[names.index(end.accessibleName()) + 1] == "Durée de l'action"
    assert names[-1] == "Ajouter un indicateur"
    assert ctx.dossier.action.start_date is None  # passing through wrote nothing
    inner = page.scroll.widget()
    ys = [w.mapTo(inner, w.rect().center()).y() for w in walked]
    assert ys == sorted(ys)
