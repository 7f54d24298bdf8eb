"""The budget table of the plan comptable associatif, used for the action's budget and the association's.

A volunteer sees the CERFA's budget as tables they can fill like a spreadsheet: charges, then produits
(with the subsidies of line 74, one row per funder), then the contributions in kind (86 = 87), and the
totals with a balance indicator said in words and shown in colour.

Amounts are typed the French way ("1 234,50"); a bad amount is said beside its cell and never
written. Every edit goes through the wizard context (`ctx.set_value`, or a direct model edit followed
by `ctx.touch`), so checks and autosave follow.

Usage from a page::

    self.budget = BudgetEditor(self.ctx, "association.budget", with_cofunders=False)
    self.body.addWidget(self.budget)
    self.budget.register_in(self)          # verdict clicks land on the tables
    # in load():        self.budget.load()
    # in focus_path():  if self.budget.focus_path(path): return True   (selects the exact cell)

The editor follows the call by itself (`ctx.call_changed`) and shows the verdicts about its budget
under the totals (`ctx.verdicts_changed`). The tables themselves (cells, keyboard, the cell editor) are
in `gui.wizard.budget_table`; this module decides what each cell means in the dossier and writes it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms.budget import categories_for
from forms.model import Budget, Subsidy
from forms.programmes import BudgetCategory
from gui.wizard.budget_paths import BudgetPaths
from gui.wizard.budget_subsidies import STATUS_SHORT, SubsidyRows
from gui.wizard.budget_table import (
    VALUE_ROLE,
    BudgetRow,
    BudgetTable,
    parse_amount,
)
from gui.wizard.budget_totals import BudgetTotalsView, balance_text, in_kind_text
from gui.wizard.context import WizardContext, concrete_path, path_within
from gui.wizard.fields import add_section_title, bold_label, help_label, show_verdicts_in

IN_KIND_HINT = (
    "Ce que l'action reçoit sans le payer : des heures de bénévolat, une salle prêtée, du matériel donné… "
    "Vous pouvez l'indiquer en euros, au prix que cela aurait coûté. Chaque montant s'écrit deux fois : "
    "ce que vous utilisez (compte 86) et qui vous le donne (compte 87). Les deux totaux doivent être égaux. "
    "Cette partie est facultative."
)


def account_number(code: str) -> str:
    """The account number people read on the CERFA for a line of the plan: « 606 », « 75 » for the data's
    « 75-autres »; nothing for the application's own sub-lines (« CI-financieres »), whose label says it all."""
    head = code.split("-", 1)[0]
    return head if head.isdigit() else ""


# --------------------------------------------------------------------------------------------
# The editor
# --------------------------------------------------------------------------------------------
class BudgetEditor(SubsidyRows, BudgetPaths, BudgetTotalsView, QWidget):
    """The budget at `budget_path` (a forms.model.Budget), with totals and balance.

    `with_cofunders=True` (the action's budget): the call's co-funders are fixed rows of line 74
    ("Montant demandé à …") that write both the Subsidy and `<action>.requested_cents[<id>]`.
    """

    totals_changed = Signal()

    def __init__(
        self,
        ctx: WizardContext,
        budget_path: str,
        *,
        with_cofunders: bool,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.budget_path = budget_path
        self.with_cofunders = with_cofunders
        owner = budget_path.rsplit(".", 1)[0] if "." in budget_path else ""
        self.requested_path = f"{owner}.requested_cents" if with_cofunders and owner else ""
        self.setAccessibleName("Budget")
        plan = ctx.catalogue.budget_plan

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.line_tables: list[BudgetTable] = []
        self.table_of_code: dict[str, BudgetTable] = {}
        self.header_of_category: dict[str, tuple[BudgetTable, int]] = {}
        self.subsidy_category: BudgetCategory | None = next((c for c in plan.categories if c.subsidies), None)

        sides = [
            ("charges", "Charges : ce que vous allez dépenser",
             "Écrivez les montants en euros, par exemple 1 234,50. Laissez vide ce qui ne vous concerne pas."),
            ("produits", "Produits : l'argent que vous allez recevoir",
             "Les subventions demandées, vos autres recettes et l'argent de l'association elle-même."),
        ]
        # the association's budget has no line « affectée à l'action » (data: plan-comptable.yaml)
        shown = categories_for(plan, self.budget(), of_action=with_cofunders)
        for side, title, hint in sides:
            self._section(layout, title, hint)
            segment: list[BudgetCategory] = []
            for category in [c for c in shown if c.side == side]:
                if category.subsidies:
                    self._add_lines_table(layout, segment, title)
                    segment = []
                    self._add_subsidies(layout, category)
                else:
                    segment.append(category)
            self._add_lines_table(layout, segment, title)
            helps = [c for c in shown if c.side == side and c.help and not c.subsidies]
            for category in helps:
                # a full stop, not a colon: the help is a sentence of its own, with its capital letter
                layout.addWidget(help_label(f"{category.label} ({category.code}). {category.help}", ctx))

        self._section(layout, "Contributions volontaires en nature", IN_KIND_HINT)
        in_kind = [c for c in plan.categories if c.side in ("contributions_emplois", "contributions_ressources")]
        self._add_lines_table(layout, in_kind, "Contributions volontaires en nature")

        self._section(layout, "Les totaux", "Ils se calculent tout seuls pendant que vous tapez.")
        self._build_totals(layout)

        self.verdict_label = QLabel()
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextFormat(Qt.TextFormat.PlainText)
        self.verdict_label.setAccessibleName("Remarques sur le budget")
        self.verdict_label.setVisible(False)
        layout.addWidget(self.verdict_label)

        self.load()
        ctx.call_changed.connect(self.rebuild_for_call)
        ctx.verdicts_changed.connect(self.show_verdicts)
        self.show_verdicts(ctx.verdicts)

    # ---------------------------------------------------------------- building
    def _section(self, layout: QVBoxLayout, title: str, hint: str = "") -> None:
        add_section_title(layout, title)
        if hint:
            layout.addWidget(help_label(hint, self.ctx))

    def _add_lines_table(self, layout: QVBoxLayout, categories: list[BudgetCategory], title: str) -> None:
        if not categories:
            return
        codes = ", ".join(c.code for c in categories)
        table = BudgetTable(self, ["Compte", "Intitulé", "Montant", "Remarque"], 2,
                             f"{title} : comptes {codes}")
        table.setAccessibleDescription(
            "Tab ou les flèches passent d'un montant à l'autre ; tapez un montant puis Entrée pour l'enregistrer."
        )
        for category in categories:
            row = len(table.rows)
            table.rows.append(BudgetRow("header", category, label=category.label))
            self.header_of_category[category.code] = (table, row)
            for line in category.lines:
                table.rows.append(BudgetRow("line", category, code=line.code, label=line.label))
                self.table_of_code[line.code] = table
        table.setRowCount(len(table.rows))
        for row, spec in enumerate(table.rows):
            assert spec.category is not None
            if spec.kind == "header":
                table.header_row(row, [spec.category.code, spec.category.label, ""], tip=spec.category.help)
            else:
                table.cell(row, 0, account_number(spec.code))
                table.cell(row, 1, spec.label, tip=spec.category.help)
                account = account_number(spec.code)
                table.cell(row, 2, kind="amount", name=f"{spec.label} (compte {account}), montant en euros" if account
                           else f"{spec.label}, montant en euros")
        table.fit_height()
        self.line_tables.append(table)
        layout.addWidget(table)

    def _add_subsidies(self, layout: QVBoxLayout, category: BudgetCategory) -> None:
        self.subsidy_title = bold_label()
        layout.addWidget(self.subsidy_title)
        hint = category.help or "Une ligne par financeur."
        if self.with_cofunders:
            hint += (
                " Pour chaque cofinanceur de l'appel à projets, indiquez le montant que vous lui demandez "
                "(laissez vide si vous ne lui demandez rien). Ajoutez ensuite les autres financeurs."
            )
        else:
            hint += " Ajoutez une ligne par subvention, demandée ou déjà accordée."
        layout.addWidget(help_label(hint, self.ctx))
        self.subsidy_table = BudgetTable(
            self, ["Financeur", "Nom, précision", "Montant", "Demande", "Remarque"], 2,
            f"Subventions (compte {category.code}) : une ligne par financeur",
        )
        # the funders' names are long: both text columns share the width and wrap
        self.subsidy_table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.subsidy_table.setAccessibleDescription(
            "Tab ou les flèches passent d'une cellule à l'autre ; tapez puis Entrée pour enregistrer. "
            "Dans la colonne « Demande », Espace ouvre la liste : demandée par ce dossier, demandée à part "
            "ou déjà accordée."
        )
        layout.addWidget(self.subsidy_table)
        buttons = QHBoxLayout()
        self.add_funder_button = QPushButton("Ajouter un autre fi&nanceur")
        self.add_funder_button.setAccessibleName("Ajouter un autre financeur")
        self.add_funder_button.setToolTip("Un financeur qui n'est pas dans l'appel à projets : un service de l'État "
                                          "ou de la commune, une fondation, la Caf…")
        self.remove_funder_button = QPushButton("Re&tirer le financeur choisi")
        self.remove_funder_button.setAccessibleName("Retirer le financeur choisi dans le tableau")
        self.add_funder_button.clicked.connect(self.add_funder)
        self.remove_funder_button.clicked.connect(self.remove_current_funder)
        buttons.addWidget(self.add_funder_button)
        buttons.addWidget(self.remove_funder_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        self.subsidy_table.currentCellChanged.connect(lambda *_: self._update_remove_button())

    # ---------------------------------------------------------------- model access
    def budget(self) -> Budget:
        value = self.ctx.value(self.budget_path)
        if not isinstance(value, Budget):  # pragma: no cover - every budget path holds a Budget
            raise TypeError(f"{self.budget_path} n'est pas un budget")
        return value

    # ---------------------------------------------------------------- showing
    def load(self) -> None:
        """Show the model's values again (after a load or a change made elsewhere)."""
        budget = self.budget()
        for table in self.line_tables:
            table.errors.clear()
            for row, spec in enumerate(table.rows):
                if spec.kind == "line":
                    table.show_amount(row, budget.lines.get(spec.code, 0))
            table.show_remarks()
        if self.subsidy_category is not None:
            self._fill_subsidies()
        self._refresh_totals()

    def rebuild_for_call(self) -> None:
        """The co-funders come from the call: rebuild the 74 rows."""
        if self.subsidy_category is not None:
            self._fill_subsidies()
        self._refresh_totals()

    def _row_cents(self, table: BudgetTable, row: int) -> int:
        spec = table.rows[row]
        budget = self.budget()
        if spec.kind == "line":
            return budget.lines.get(spec.code, 0)
        if spec.sub_index is not None and spec.sub_index < len(budget.subsidies):
            return budget.subsidies[spec.sub_index].amount_cents
        return 0

    def show_verdicts(self, verdicts: Sequence[Any]) -> None:
        """The rules' verdicts about this budget, under the totals (each also in the page summary)."""
        prefixes = [p for p in (self.budget_path, self.requested_path) if p]
        mine = [v for v in verdicts
                if v.fields and any(path_within(p, concrete_path(v.fields[0])) for p in prefixes)]
        show_verdicts_in(self.verdict_label, mine)

    # ---------------------------------------------------------------- editing
    def _preview(self, table: BudgetTable, row: int, text: str) -> None:
        """While an amount is typed: the totals with it, or what is wrong with it (nothing is written)."""
        if not 0 <= row < len(table.rows):
            return
        try:
            cents = parse_amount(text)
        except ValueError as exc:
            table.set_error(row, text, str(exc))
            return
        if row in table.errors:
            table.set_error(row, None)
        budget = self.budget()
        preview = dataclasses.replace(budget, lines=dict(budget.lines), subsidies=list(budget.subsidies))
        spec = table.rows[row]
        if spec.kind == "line":
            preview.lines[spec.code] = cents
        elif spec.sub_index is not None:
            preview.subsidies[spec.sub_index] = dataclasses.replace(budget.subsidies[spec.sub_index],
                                                                    amount_cents=cents)
        elif spec.kind == "fixed":
            preview.subsidies.append(Subsidy(funder=spec.cofunder, amount_cents=cents))
        self._refresh_totals(preview)

    def _commit(self, table: BudgetTable, row: int, col: int, value: Any) -> None:
        """An edited cell is committed (Enter, Tab, focus change)."""
        if not 0 <= row < len(table.rows):
            return
        spec = table.rows[row]
        if col == table.amount_col:
            try:
                cents = parse_amount(str(value))
            except ValueError as exc:
                table.set_error(row, str(value), str(exc))
                table.show_amount(row, 0)
                self._refresh_totals()
                return
            table.set_error(row, None)
            if spec.kind == "line":
                self._write_line(spec.code, cents)
            elif spec.kind == "fixed":
                self._write_fixed(spec, amount=cents)
                self._remap()
                status = table.item(row, 3)
                if status is not None:
                    status.setText(STATUS_SHORT["ce_dossier"] if cents else "")
            else:
                self._write_subsidy(spec, "amount_cents", cents)
            table.show_amount(row, self._row_cents(table, row))
            self._refresh_totals()
            return
        if table is not self.subsidy_table:
            return
        table.blockSignals(True)
        try:
            if col == 1:
                text = str(value).strip()
                if spec.kind == "fixed":
                    self._write_fixed(spec, label=text)
                    self._remap()
                else:
                    self._write_subsidy(spec, "label", text)
                    if spec.sub_index is not None:
                        funder = self.budget().subsidies[spec.sub_index].funder
                        self._rename_cells(table, row, text or self.funder_name(funder))
                table.item(row, col).setText(text)
            elif col == 3 and spec.kind == "free" and value in dict(self.status_choices()):
                # one definition (forms.funders): the status, and `requested` kept true to it
                self._write_subsidy(spec, "status", value)
                self._write_subsidy(spec, "requested", value != "acquise")
                table.item(row, col).setText(self._status_text(value))
                table.item(row, col).setData(VALUE_ROLE, value)
            elif col == 0 and spec.kind == "free":
                funder = str(value)
                self._write_subsidy(spec, "funder", funder)
                table.item(row, col).setText(self.funder_name(funder))
                table.item(row, col).setData(VALUE_ROLE, funder)
        finally:
            table.blockSignals(False)
        self._refresh_totals()

    def _editor_closed(self, table: BudgetTable, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """Escape gives back what the cell showed before; the totals again follow the model."""
        if hint == QAbstractItemDelegate.EndEditHint.RevertModelCache:
            table.errors = dict(table.errors_before)
            row = table.currentRow()
            if 0 <= row < len(table.rows):
                table.show_amount(row, self._row_cents(table, row))
            table.show_remarks()
        self._refresh_totals()

    def _write_line(self, code: str, cents: int) -> None:
        budget = self.budget()
        if cents:
            self.ctx.set_value(f"{self.budget_path}.lines.{code}", cents)
        elif code in budget.lines:
            del budget.lines[code]  # an emptied line leaves no 0 behind in the file
            self.ctx.touch(f"{self.budget_path}.lines.{code}")


__all__ = ["BudgetEditor", "balance_text", "in_kind_text", "parse_amount"]
