"""Step 7, "Le budget de l'action": the budget table on the page, its balance said at the top too, the
co-funders of the call, and a verdict click landing on the exact cell."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from wizard_helpers import example_ctx, press, show, type_keys, unnamed_inputs

from forms.budget import format_euros
from gui.wizard.pages.budget import BudgetPage

pytestmark = pytest.mark.gui

@pytest.fixture
def page_ctx(tmp_path, monkeypatch, qtbot):
    ctx = example_ctx(tmp_path, monkeypatch, "amboise-acces-droits")
    page = BudgetPage(ctx)
    show(qtbot, page, (1100, 780))
    return ctx, page


def test_typing_in_a_cell_updates_the_model_and_the_balance(page_ctx, qtbot) -> None:
    ctx, page = page_ctx
    budget = ctx.dossier.action.budget
    assert page.balance_top.text().startswith("✔ Budget équilibré")
    assert page.focus_path("actions[0].budget.lines.618")
    type_keys(qtbot, "1 234,50")
    press(qtbot, Qt.Key.Key_Return)
    assert budget.lines["618"] == 123450
    expected = f"⚠ Il manque {format_euros(123450)} de produits pour équilibrer le budget."
    assert page.balance_top.text() == expected == page.editor.balance_label.text()
    # the produits side: the Caf, outside the call, is added as a free row and balances it
    page.scroll.ensureWidgetVisible(page.editor.add_funder_button)
    qtbot.mouseClick(page.editor.add_funder_button, Qt.MouseButton.LeftButton)
    type_keys(qtbot, "Caf de Touraine")
    press(qtbot, Qt.Key.Key_Tab)
    type_keys(qtbot, "1234,50")
    press(qtbot, Qt.Key.Key_Return)
    assert budget.subsidies[-1].label == "Caf de Touraine"
    assert page.balance_top.text().startswith("✔ Budget équilibré")


def test_cofunder_rows_write_requested_and_subsidy(page_ctx, qtbot) -> None:
    ctx, page = page_ctx
    action = ctx.dossier.action
    assert action.requested_cents.get("ccva") is None
    assert page.focus_path("actions[0].requested_cents.ccva")
    table = page.editor.subsidy_table
    name = "Communauté de Communes du Val d'Amboise (CCVA)"
    assert table.item(table.currentRow(), 0).text() == f"Montant demandé à {name}"
    type_keys(qtbot, "500")
    press(qtbot, Qt.Key.Key_Return)
    assert action.requested_cents["ccva"] == 50000
    ccva = [s for s in action.budget.subsidies if s.funder == "ccva"]
    assert len(ccva) == 1 and ccva[0].amount_cents == 50000 and ccva[0].requested
    # the Amboise example asks État 10 000 € and Ville 5 000 €
    assert page.editor.total_labels["requested"].text() == format_euros(1000000 + 500000 + 50000)


def test_year_field(page_ctx, qtbot) -> None:
    ctx, page = page_ctx
    spin = page.fields["actions[0].budget.year"].widget
    assert spin.text() == "2022"
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, "2023")
    assert ctx.dossier.action.budget.year == 2023


def test_a_verdict_click_lands_on_the_cell(tmp_path, monkeypatch, qtbot) -> None:
    from gui.wizard.window import DossierWindow

    ctx0 = example_ctx(tmp_path, monkeypatch, "blois-2023-insertion")
    ctx0.dossier.action.budget.subsidies[1].amount_cents += 100  # 74 line ≠ amount requested of the Ville
    window = DossierWindow(ctx0.path, ctx0.dossier, ctx0.catalogue, ctx0.settings)
    show(qtbot, window, (1100, 780))
    verdict = next(v for v in window.ctx.verdicts if v.rule == "budget.montants_demandes")
    assert verdict.step == "budget"
    window.ctx.focus_field(verdict.fields[0])  # what a click on the verdict does
    assert window.current_step == "budget"
    page = window.pages["budget"]
    table = page.editor.subsidy_table
    assert QApplication.focusWidget() is table
    row = table.rows[table.currentRow()]
    assert (row.kind, row.cofunder, table.currentColumn()) == ("fixed", "ville-blois", table.amount_col)
    # a line of the plan
    assert page.focus_path("actions[*].budget.lines.641")
    table, row, col = page.editor.locate("actions[0].budget.lines.641")
    assert QApplication.focusWidget() is table and (table.currentRow(), table.currentColumn()) == (row, col)
    # a subsidy by its index
    assert page.focus_path("actions[0].budget.subsidies[5].label")
    table = page.editor.subsidy_table
    assert table.rows[table.currentRow()].sub_index == 5 and table.currentColumn() == 1
    # the verdicts about the budget are said under the totals too
    assert page.editor.verdict_label.isVisibleTo(page)
    assert verdict.message in page.editor.verdict_label.text()


def test_every_input_has_an_accessible_name(page_ctx) -> None:
    _ctx, page = page_ctx
    assert unnamed_inputs(page) == []
    for table in [*page.editor.line_tables, page.editor.subsidy_table]:
        for r in range(table.rowCount()):
            item = table.item(r, table.amount_col)
            if item is not None and item.flags() & Qt.ItemFlag.ItemIsEditable:
                assert item.data(Qt.ItemDataRole.AccessibleTextRole)
