"""The budget editor: amounts typed the French way, live totals, balance, co-funders, free funders."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QScrollArea, QVBoxLayout, QWidget
from wizard_helpers import example_ctx, press, show, type_keys

from forms.budget import format_euros
from forms.funders import subsidy_status
from forms.model import Budget, Subsidy
from gui.wizard.budget_editor import BudgetEditor
from gui.wizard.context import WizardContext

pytestmark = pytest.mark.gui

def host(qtbot, ctx: WizardContext, budget_path: str, with_cofunders: bool) -> BudgetEditor:
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    inner = QWidget()
    layout = QVBoxLayout(inner)
    editor = BudgetEditor(ctx, budget_path, with_cofunders=with_cofunders)
    layout.addWidget(editor)
    scroll.setWidget(inner)
    show(qtbot, scroll, (1000, 700))
    editor.test_host = scroll  # keep the window alive as long as the editor is used
    return editor


def type_in_cell(qtbot, editor: BudgetEditor, path: str, text: str) -> None:
    assert editor.focus_path(path)
    type_keys(qtbot, text)
    press(qtbot, Qt.Key.Key_Return)


@pytest.fixture
def blois(tmp_path, monkeypatch, qtbot):
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2023-insertion")
    return ctx, host(qtbot, ctx, "actions[0].budget", True)


def test_typing_a_french_amount_writes_cents(blois, qtbot) -> None:
    ctx, editor = blois
    type_in_cell(qtbot, editor, "actions[0].budget.lines.601", "1 234,50")
    assert ctx.dossier.actions[0].budget.lines["601"] == 123450
    table, row, col = editor.locate("actions[0].budget.lines.601")
    assert table.item(row, col).text() == format_euros(123450)


def test_totals_and_balance_follow_the_typing(blois, qtbot) -> None:
    ctx, editor = blois
    before = editor.totals()
    assert before.balanced
    assert "équilibré" in editor.balance_label.text()
    assert editor.total_labels["charges"].text() == format_euros(before.charges)
    assert editor.focus_path("actions[0].budget.lines.601")
    type_keys(qtbot, "1 234,50")
    # live, before Enter: the totals already count the amount being typed; nothing written yet
    assert "601" not in ctx.dossier.actions[0].budget.lines
    assert editor.total_labels["charges"].text() == format_euros(before.charges + 123450)
    assert editor.balance_label.text() == (
        f"⚠ Il manque {format_euros(123450)} de produits pour équilibrer le budget."
    )
    assert editor.balance_label.property("balanced") is False
    press(qtbot, Qt.Key.Key_Return)
    assert editor.totals().charges == before.charges + 123450
    # the category header shows its new total
    table, row = editor.header_of_category["60"]
    assert table.item(row, table.amount_col).text() == format_euros(editor.totals().by_category["60"])
    # more produits than charges
    type_in_cell(qtbot, editor, "actions[0].budget.lines.758", "2 000")
    assert editor.balance_label.text().startswith(f"⚠ Les produits dépassent les charges de {format_euros(76550)}")
    # balanced again
    type_in_cell(qtbot, editor, "actions[0].budget.lines.758", "1234,5")
    assert editor.balance_label.text().startswith("✔ Budget équilibré")
    assert editor.balance_label.property("balanced") is True


def test_in_kind_balance(blois, qtbot) -> None:
    _ctx, editor = blois
    assert editor.in_kind_label.text().startswith("✔ Contributions en nature équilibrées")
    type_in_cell(qtbot, editor, "actions[0].budget.lines.860", "100")
    assert "Le compte 86 (emplois) dépasse le compte 87 (contributions) de" in editor.in_kind_label.text()
    type_in_cell(qtbot, editor, "actions[0].budget.lines.875", "100")
    assert editor.in_kind_label.text().startswith("✔")


def test_a_bad_amount_is_said_beside_the_cell_and_not_written(blois, qtbot) -> None:
    ctx, editor = blois
    lines_before = dict(ctx.dossier.actions[0].budget.lines)
    type_in_cell(qtbot, editor, "actions[0].budget.lines.604", "12a")
    assert ctx.dossier.actions[0].budget.lines == lines_before
    table, row, col = editor.locate("actions[0].budget.lines.604")
    assert not table.isColumnHidden(table.remark_col)
    remark = table.item(row, table.remark_col).text()
    assert remark.startswith("À corriger : « 12a » n'est pas un montant")
    assert "n'est pas enregistré" in remark
    assert table.item(row, col).text() == "12a"  # the typed text stays, to be corrected
    # negative amounts are refused too
    type_in_cell(qtbot, editor, "actions[0].budget.lines.606", "-5")
    assert ctx.dossier.actions[0].budget.lines == lines_before
    # correcting it writes it and the remark goes away
    assert editor.focus_path("actions[0].budget.lines.604")
    press(qtbot, Qt.Key.Key_F2)
    focus = QApplication.focusWidget()
    assert isinstance(focus, QLineEdit) and focus.text() == "12a"
    focus.selectAll()
    type_keys(qtbot, "12")
    press(qtbot, Qt.Key.Key_Return)
    assert ctx.dossier.actions[0].budget.lines["604"] == 1200
    assert table.item(row, table.remark_col).text() == ""


def test_emptying_a_line_removes_it(blois, qtbot) -> None:
    ctx, editor = blois
    assert editor.focus_path("actions[0].budget.lines.604")
    press(qtbot, Qt.Key.Key_F2)
    QApplication.focusWidget().clear()
    press(qtbot, Qt.Key.Key_Return)
    assert "604" not in ctx.dossier.actions[0].budget.lines


def test_cofunder_amount_writes_requested_and_subsidy(blois, qtbot) -> None:
    ctx, editor = blois
    action = ctx.dossier.actions[0]
    assert not any(s.funder == "loir-et-cher-logement" for s in action.budget.subsidies)
    type_in_cell(qtbot, editor, "actions[0].requested_cents.loir-et-cher-logement", "1 500")
    subs = [s for s in action.budget.subsidies if s.funder == "loir-et-cher-logement"]
    assert len(subs) == 1 and subs[0].amount_cents == 150000 and subs[0].requested
    assert action.requested_cents["loir-et-cher-logement"] == 150000
    # changing an existing one keeps both in sync
    type_in_cell(qtbot, editor, "actions[0].requested_cents.etat", "15 000")
    assert action.requested_cents["etat"] == 1500000
    assert [s.amount_cents for s in action.budget.subsidies if s.funder == "etat"] == [1500000]
    # emptying it removes both
    type_in_cell(qtbot, editor, "actions[0].requested_cents.loir-et-cher-logement", "0")
    assert "loir-et-cher-logement" not in action.requested_cents
    assert not any(s.funder == "loir-et-cher-logement" for s in action.budget.subsidies)
    assert "Montant demandé à Loir-et-Cher Logement" in [
        editor.subsidy_table.item(r, 0).text() for r in range(editor.subsidy_table.rowCount())
    ]


def test_add_and_remove_a_free_funder(blois, qtbot) -> None:
    ctx, editor = blois
    subsidies = ctx.dossier.actions[0].budget.subsidies
    count = len(subsidies)
    qtbot.mouseClick(editor.add_funder_button, Qt.MouseButton.LeftButton)
    assert len(subsidies) == count + 1
    # the name of the new funder is being edited
    type_keys(qtbot, "Fondation de France")
    press(qtbot, Qt.Key.Key_Tab)  # commits and moves on to the amount
    type_keys(qtbot, "2 500")
    press(qtbot, Qt.Key.Key_Return)
    new = subsidies[-1]
    assert (new.funder, new.label, new.amount_cents, new.requested) == ("autre", "Fondation de France", 250000, True)
    assert ctx.dossier.actions[0].requested_cents.get("autre") is None
    # a funder typed by hand is asked separately until said otherwise (forms.funders)
    assert subsidy_status(new) == "a_part"
    table = editor.subsidy_table
    row = table.currentRow()
    assert table.item(row, 3).text() == "À part"
    # mark it as already granted with the keyboard: Space opens the list, Down, Enter
    table.setCurrentCell(row, 3)
    press(qtbot, Qt.Key.Key_Space)
    combo = QApplication.focusWidget()
    assert isinstance(combo, QComboBox) and combo.accessibleName() == "Demande de la subvention « Fondation de France »"
    assert [combo.itemText(i) for i in range(combo.count())] == [
        "Demandée par ce dossier", "Demandée à part (autre demande)", "Déjà accordée"]
    press(qtbot, Qt.Key.Key_Down)
    press(qtbot, Qt.Key.Key_Return)
    assert (new.status, new.requested) == ("acquise", False)
    assert table.item(row, 3).text() == "Déjà accordée"
    # and back: asked by this dossier (Up twice)
    table.setCurrentCell(row, 3)
    press(qtbot, Qt.Key.Key_Space)
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_Return)
    assert (new.status, new.requested) == ("ce_dossier", True)
    assert editor.total_labels["requested"].text() == format_euros(
        sum(s.amount_cents for s in subsidies if subsidy_status(s) == "ce_dossier"))
    # remove it
    assert editor.remove_funder_button.isEnabled()
    qtbot.mouseClick(editor.remove_funder_button, Qt.MouseButton.LeftButton)
    assert len(subsidies) == count
    assert all(s.label != "Fondation de France" for s in subsidies)


def test_keyboard_only_entry_of_two_amounts(blois, qtbot) -> None:
    ctx, editor = blois
    lines = ctx.dossier.actions[0].budget.lines
    table = editor.line_tables[0]
    table.setFocus()
    table.setCurrentCell(*table.first_editable())  # 604, the first amount
    type_keys(qtbot, "100")
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Down)  # 601
    type_keys(qtbot, "250,75")
    press(qtbot, Qt.Key.Key_Tab)  # commits and opens the next amount (606)
    type_keys(qtbot, "3")
    press(qtbot, Qt.Key.Key_Return)
    assert lines["604"] == 10000
    assert lines["601"] == 25075
    assert lines["606"] == 300


def test_association_budget_without_cofunders(tmp_path, monkeypatch, qtbot) -> None:
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2023-insertion")
    editor = host(qtbot, ctx, "association.budget", False)
    table = editor.subsidy_table
    budget = ctx.dossier.association.budget
    assert table.rowCount() == len(budget.subsidies)
    assert all(spec.kind == "free" for spec in table.rows)
    assert "requested" not in editor.total_labels
    type_in_cell(qtbot, editor, "association.budget.lines.618", "42")
    assert budget.lines["618"] == 4200
    assert ctx.dossier.actions[0].budget.lines.get("618") is None
    # the funder of a row is chosen in a list: the call's co-funders and "Autre financeur"
    table.setFocus()
    table.setCurrentCell(len(budget.subsidies) - 1, 0)
    press(qtbot, Qt.Key.Key_F2)
    combo = QApplication.focusWidget()
    assert combo.accessibleName()
    combo.setCurrentIndex(combo.findData("caf"))
    press(qtbot, Qt.Key.Key_Return)
    assert budget.subsidies[-1].funder == "caf"


def test_empty_budget_says_so(tmp_path, monkeypatch, qtbot) -> None:
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2023-insertion")
    ctx.dossier.actions[0].budget = Budget()
    ctx.dossier.actions[0].requested_cents = {}
    editor = host(qtbot, ctx, "actions[0].budget", True)
    assert editor.balance_label.text().startswith("Le budget est vide")
    assert editor.balance_label.property("balanced") is None
    assert editor.in_kind_label.text().startswith("Aucune contribution en nature")
    # the co-funders of the call are there even before any amount
    fixed = [s.cofunder for s in editor.subsidy_table.rows if s.kind == "fixed"]
    assert fixed == [c.id for c in ctx.call.cofunders]
    ctx.dossier.actions[0].budget.subsidies.append(Subsidy(funder="autre", label="X", amount_cents=5))
    editor.load()
    assert editor.subsidy_table.rowCount() == len(fixed) + 1


def test_follows_a_call_change(blois, qtbot) -> None:
    ctx, editor = blois
    ctx.set_call("blois-2021")
    fixed = [s.cofunder for s in editor.subsidy_table.rows if s.kind == "fixed"]
    assert fixed == [c.id for c in ctx.catalogue.calls["blois-2021"].cofunders]
    # the Caf is not a co-funder of 2021: its subsidy stays, as a free row
    free = [ctx.dossier.actions[0].budget.subsidies[s.sub_index].funder
            for s in editor.subsidy_table.rows if s.kind == "free"]
    assert "caf" in free


def test_escape_gives_back_the_totals(blois, qtbot) -> None:
    ctx, editor = blois
    before = editor.total_labels["charges"].text()
    assert editor.focus_path("actions[0].budget.lines.601")
    type_keys(qtbot, "999")
    assert editor.total_labels["charges"].text() != before  # live preview
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: editor.line_tables[0].state() != editor.line_tables[0].State.EditingState)
    assert editor.total_labels["charges"].text() == before
    assert "601" not in ctx.dossier.actions[0].budget.lines
    # a bad amount being typed is said at once, and Escape takes the remark away
    assert editor.focus_path("actions[0].budget.lines.601")
    type_keys(qtbot, "abc")
    table = editor.line_tables[0]
    assert not table.isColumnHidden(table.remark_col)
    press(qtbot, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState)
    assert table.isColumnHidden(table.remark_col)


def test_removing_a_cofunder_subsidy_keeps_the_other_rows_right(blois, qtbot) -> None:
    ctx, editor = blois
    subsidies = ctx.dossier.actions[0].budget.subsidies
    assert [s.funder for s in subsidies] == [
        "etat", "ville-blois", "caf", "departement-41", "terres-de-loire-habitat", "autre",
    ]
    # Caf asked nothing any more: its subsidy goes, the PLIE's moves from index 5 to 4
    type_in_cell(qtbot, editor, "actions[0].requested_cents.caf", "0")
    assert [s.funder for s in subsidies] == ["etat", "ville-blois", "departement-41", "terres-de-loire-habitat",
                                             "autre"]
    assert "caf" not in ctx.dossier.actions[0].requested_cents
    # the PLIE row still edits the PLIE subsidy
    table = editor.subsidy_table
    row = next(r for r, spec in enumerate(table.rows) if spec.kind == "free")
    table.setFocus()
    table.setCurrentCell(row, table.amount_col)
    type_keys(qtbot, "7 000")
    press(qtbot, Qt.Key.Key_Return)
    assert subsidies[4].label.startswith("PLIE") and subsidies[4].amount_cents == 700000
    assert subsidies[3].amount_cents == 250000  # Terres de Loire Habitat untouched
    # asking the Caf again creates its subsidy at the end, and the PLIE row follows
    type_in_cell(qtbot, editor, "actions[0].requested_cents.caf", "100")
    assert subsidies[-1].funder == "caf" and subsidies[-1].amount_cents == 10000
    table.setFocus()
    table.setCurrentCell(row, table.amount_col)
    type_keys(qtbot, "6 000")
    press(qtbot, Qt.Key.Key_Return)
    assert subsidies[4].label.startswith("PLIE") and subsidies[4].amount_cents == 600000


def _category_labels(editor: BudgetEditor) -> list[str]:
    return [spec.category.label for table in editor.line_tables for spec in table.rows if spec.kind == "header"]


def test_the_association_budget_has_no_line_of_an_action(tmp_path, monkeypatch, qtbot) -> None:
    """The lines « affectées à l'action » belong to an action's budget (plan-comptable.yaml, action_only)."""
    ctx = example_ctx(tmp_path, monkeypatch, "blois-2023-insertion")
    association = host(qtbot, ctx, "association.budget", False)
    labels = _category_labels(association)
    assert "Achats" in labels and "Transfert de charges" in labels
    assert "Charges indirectes affectées à l'action" not in labels
    assert "Ressources propres affectées à l'action" not in labels
    action = host(qtbot, ctx, "actions[0].budget", True)
    assert {"Charges indirectes affectées à l'action", "Ressources propres affectées à l'action"} <= set(
        _category_labels(action))
    # its line 74 says asked or granted (« asked by this dossier » is an action's matter)
    assert association.status_choices() == [("", "Demandée"), ("acquise", "Déjà accordée")]
    subsidies = ctx.dossier.association.budget.subsidies
    texts = [association.subsidy_table.item(r, 3).text() for r in range(len(subsidies))]
    assert texts == ["Déjà accordée" if not s.requested else "Demandée" for s in subsidies]


def test_a_cofunder_of_the_call_is_asked_by_this_dossier(blois) -> None:
    ctx, editor = blois
    table = editor.subsidy_table
    rows = [r for r, spec in enumerate(table.rows) if spec.kind == "fixed"]
    asked = ctx.dossier.actions[0].requested_cents
    for r in rows:  # « Ce dossier » where an amount is asked, nothing where none is
        expected = "Ce dossier" if asked.get(table.rows[r].cofunder) else ""
        assert table.item(r, 3).text() == expected
    free = [r for r, spec in enumerate(table.rows) if spec.kind == "free"]
    plie = next(r for r in free if "PLIE" in table.item(r, 1).text())
    assert table.item(plie, 3).text() == "À part"
    asked = sum(ctx.dossier.actions[0].requested_cents.values())
    assert editor.total_labels["requested"].text() == format_euros(asked)
