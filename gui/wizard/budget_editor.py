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
import re
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from forms.budget import BudgetTotals, categories_for, compute_totals
from forms.funders import STATUS_CHOICES, asked_here, subsidy_status
from forms.model import Budget, Subsidy
from forms.programmes import BudgetCategory
from gui.wizard.budget_table import (
    BAD_COLOUR,
    NAME_ROLE,
    VALUE_ROLE,
    BudgetRow,
    BudgetTable,
    money,
    parse_amount,
)
from gui.wizard.context import WizardContext, concrete_path, path_within
from gui.wizard.fields import add_section_title, bold_label, help_label, show_verdicts_in

OK_COLOUR = "#1b5e20"
OTHER_FUNDER = "autre"
OTHER_FUNDER_NAME = "Autre financeur"

IN_KIND_HINT = (
    "Ce que l'action reçoit sans le payer : des heures de bénévolat, une salle prêtée, du matériel donné… "
    "Vous pouvez l'indiquer en euros, au prix que cela aurait coûté. Chaque montant s'écrit deux fois : "
    "ce que vous utilisez (compte 86) et qui vous le donne (compte 87). Les deux totaux doivent être égaux. "
    "Cette partie est facultative."
)


def balance_text(charges: int, produits: int) -> tuple[str, bool | None]:
    """The balance of charges and produits in words; the flag is True (balanced), False, or None (empty)."""
    if charges == 0 and produits == 0:
        return "Le budget est vide : indiquez d'abord les charges, puis les produits.", None
    if charges == produits:
        return "✔ Budget équilibré : les produits couvrent exactement les charges.", True
    if produits < charges:
        return f"⚠ Il manque {money(charges - produits)} de produits pour équilibrer le budget.", False
    return (
        f"⚠ Les produits dépassent les charges de {money(produits - charges)} : le budget doit être "
        "équilibré (réduisez un produit ou ajoutez la charge oubliée).",
        False,
    )


def in_kind_text(emplois: int, ressources: int) -> tuple[str, bool | None]:
    if emplois == 0 and ressources == 0:
        return "Aucune contribution en nature indiquée (facultatif).", None
    if emplois == ressources:
        return "✔ Contributions en nature équilibrées : le total du compte 86 égale celui du compte 87.", True
    if emplois > ressources:
        return (
            f"⚠ Le compte 86 (emplois) dépasse le compte 87 (contributions) de {money(emplois - ressources)} : "
            "les deux totaux doivent être égaux.",
            False,
        )
    return (
        f"⚠ Le compte 87 (contributions) dépasse le compte 86 (emplois) de {money(ressources - emplois)} : "
        "les deux totaux doivent être égaux.",
        False,
    )


# what the « Demande » column shows (short: the funders' names need the width); the list says it in full
STATUS_SHORT = {"ce_dossier": "Ce dossier", "a_part": "À part", "acquise": "Déjà accordée"}
# the association's budget only says asked or granted: « asked by this dossier » is an action's matter
ASSOCIATION_CHOICES = (("", "Demandée"), ("acquise", "Déjà accordée"))


# --------------------------------------------------------------------------------------------
# The editor
# --------------------------------------------------------------------------------------------
class BudgetEditor(QWidget):
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
                table.cell(row, 0, spec.code)
                table.cell(row, 1, spec.label, tip=spec.category.help)
                table.cell(row, 2, kind="amount", name=f"{spec.label} (compte {spec.code}), montant en euros")
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

    def _build_totals(self, layout: QVBoxLayout) -> None:
        grid = QGridLayout()
        grid.setColumnStretch(0, 1)
        self.total_labels: dict[str, QLabel] = {}
        rows = [
            ("charges", "Total des charges"),
            ("produits", "Total des produits"),
            ("emplois", "Emplois des contributions en nature (86)"),
            ("ressources", "Contributions volontaires en nature (87)"),
            ("total_charges", "Total des charges, contributions en nature comprises"),
            ("total_produits", "Total des produits, contributions en nature comprises"),
        ]
        if self.with_cofunders:
            rows.append(("requested", "Total demandé par ce dossier"))
        for i, (key, text) in enumerate(rows):
            name = QLabel(text)
            name.setWordWrap(True)
            value = QLabel()
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setAccessibleName(text)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            name.setBuddy(value)
            grid.addWidget(name, i, 0)
            grid.addWidget(value, i, 1)
            self.total_labels[key] = value
        layout.addLayout(grid)
        self.balance_label = bold_label()
        self.balance_label.setAccessibleName("Équilibre du budget")
        self.in_kind_label = bold_label()
        self.in_kind_label.setAccessibleName("Équilibre des contributions en nature")
        layout.addWidget(self.balance_label)
        layout.addWidget(self.in_kind_label)

    # ---------------------------------------------------------------- model access
    def budget(self) -> Budget:
        value = self.ctx.value(self.budget_path)
        if not isinstance(value, Budget):  # pragma: no cover - every budget path holds a Budget
            raise TypeError(f"{self.budget_path} n'est pas un budget")
        return value

    def requested(self) -> dict[str, int]:
        if not self.requested_path:
            return {}
        return self.ctx.value(self.requested_path) or {}

    def cofunders(self) -> list[Any]:
        call = self.ctx.call
        return list(call.cofunders) if (self.with_cofunders and call is not None) else []

    def funder_name(self, funder_id: str) -> str:
        call = self.ctx.call
        cofunder = call.cofunder(funder_id) if call is not None else None
        if cofunder is not None:
            return cofunder.name
        return OTHER_FUNDER_NAME if funder_id in ("", OTHER_FUNDER) else funder_id

    def status_choices(self) -> list[tuple[str, str]]:
        return list(STATUS_CHOICES if self.with_cofunders else ASSOCIATION_CHOICES)

    def _status_text(self, status: str) -> str:
        if self.with_cofunders:
            return STATUS_SHORT[status]
        return "Déjà accordée" if status == "acquise" else "Demandée"

    def funder_choices(self, current: str) -> list[tuple[str, str]]:
        """The funders a free row may name: the call's co-funders (association budget) and "autre"."""
        choices: list[tuple[str, str]] = []
        call = self.ctx.call
        if not self.with_cofunders and call is not None:
            choices += [(c.id, c.name) for c in call.cofunders]
        choices.append((OTHER_FUNDER, OTHER_FUNDER_NAME))
        if current and current not in {c for c, _ in choices}:
            choices.append((current, self.funder_name(current)))
        return choices

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

    def _bind_rows(self, subsidies: list[Subsidy]) -> list[BudgetRow]:
        """The 74 rows: one per co-funder of the call (bound to its first subsidy), then the others."""
        rows: list[BudgetRow] = []
        bound: set[int] = set()
        for cofunder in self.cofunders():
            index = next((i for i, s in enumerate(subsidies) if s.funder == cofunder.id and i not in bound), None)
            if index is not None:
                bound.add(index)
            rows.append(BudgetRow("fixed", cofunder=cofunder.id, label=cofunder.name, sub_index=index))
        rows += [BudgetRow("free", sub_index=i) for i in range(len(subsidies)) if i not in bound]
        return rows

    def _remap(self) -> None:
        """After a co-funder's subsidy was created or removed, the other subsidies' indexes moved:
        update the rows in place (the cells stay, an editor may be open), or refill if rows changed."""
        table = self.subsidy_table
        rows = self._bind_rows(self.budget().subsidies)
        if [(r.kind, r.cofunder) for r in rows] == [(r.kind, r.cofunder) for r in table.rows]:
            for old, new in zip(table.rows, rows, strict=True):
                old.sub_index = new.sub_index
        else:
            self._fill_subsidies(current=(table.currentRow(), table.currentColumn()))

    def _fill_subsidies(self, current: tuple[int, int] | None = None) -> None:
        table = self.subsidy_table
        budget = self.budget()
        subsidies = budget.subsidies
        rows = self._bind_rows(subsidies)
        table.blockSignals(True)
        table.errors.clear()
        table.clearContents()
        table.rows = rows
        table.setRowCount(len(rows))
        call = self.ctx.call
        for row, spec in enumerate(rows):
            sub = subsidies[spec.sub_index] if spec.sub_index is not None else None
            if spec.kind == "fixed":
                cofunder = call.cofunder(spec.cofunder) if call is not None else None
                note = cofunder.note if cofunder is not None else ""
                table.cell(row, 0, f"Montant demandé à {spec.label}", tip=note)
                table.cell(row, 1, sub.label if sub else "", kind="text",
                           name=f"Précision sur la demande à {spec.label} (facultatif)")
                table.cell(row, 2, kind="amount", name=f"Montant demandé à {spec.label}, en euros")
                table.cell(row, 3, STATUS_SHORT[subsidy_status(sub)] if sub is not None and sub.amount_cents else "",
                           tip="Un cofinanceur de l'appel à projets : ce dossier lui demande ce montant.")
            else:
                assert sub is not None
                funder = self.funder_name(sub.funder)
                who = sub.label or funder
                if self.with_cofunders:
                    table.cell(row, 0, funder)
                else:
                    item = table.cell(row, 0, funder, kind="funder", name=f"Financeur de la ligne {row + 1}")
                    item.setData(VALUE_ROLE, sub.funder)
                table.cell(row, 1, sub.label, kind="text",
                           name=f"Nom du financeur et dispositif, ligne {row + 1}")
                table.cell(row, 2, kind="amount", name=f"Montant de la subvention « {who} », en euros")
                status = subsidy_status(sub)
                if not self.with_cofunders and status != "acquise":
                    status = ""  # (see ASSOCIATION_CHOICES)
                item = table.cell(row, 3, self._status_text(status), kind="status",
                                  name=f"Demande de la subvention « {who} »",
                                  tip="Demandée par ce dossier, demandée à part (par une autre demande, "
                                      "à ce financeur) ou déjà accordée.")
                item.setData(VALUE_ROLE, status)
            table.show_amount(row, sub.amount_cents if sub else 0)
        table.show_remarks()
        table.blockSignals(False)
        if current is not None and current[0] < table.rowCount():
            table.setCurrentCell(*current)
        self._update_remove_button()

    def _row_cents(self, table: BudgetTable, row: int) -> int:
        spec = table.rows[row]
        budget = self.budget()
        if spec.kind == "line":
            return budget.lines.get(spec.code, 0)
        if spec.sub_index is not None and spec.sub_index < len(budget.subsidies):
            return budget.subsidies[spec.sub_index].amount_cents
        return 0

    def totals(self, budget: Budget | None = None) -> BudgetTotals:
        return compute_totals(budget or self.budget(), self.ctx.catalogue.budget_plan)

    def _refresh_totals(self, budget: Budget | None = None) -> None:
        budget = budget or self.budget()
        totals = self.totals(budget)
        for code, (table, row) in self.header_of_category.items():
            item = table.item(row, table.amount_col)
            if item is not None:
                item.setText(money(totals.by_category.get(code, 0)))
        if self.subsidy_category is not None:
            self.subsidy_title.setText(
                f"{self.subsidy_category.code} — {self.subsidy_category.label} : "
                f"{money(totals.by_category.get(self.subsidy_category.code, 0))}"
            )
        values = {
            "charges": totals.charges,
            "produits": totals.produits,
            "emplois": totals.emplois_nature,
            "ressources": totals.ressources_nature,
            "total_charges": totals.total_charges,
            "total_produits": totals.total_produits,
        }
        if self.with_cofunders:
            values["requested"] = sum(s.amount_cents for s in budget.subsidies if asked_here(s))
        for key, cents in values.items():
            self.total_labels[key].setText(money(cents))
        self._show_balance(self.balance_label, *balance_text(totals.charges, totals.produits))
        self._show_balance(self.in_kind_label, *in_kind_text(totals.emplois_nature, totals.ressources_nature))
        self.totals_changed.emit()

    @staticmethod
    def _show_balance(label: QLabel, text: str, ok: bool | None) -> None:
        label.setText(text)
        colour = "" if ok is None else (OK_COLOUR if ok else BAD_COLOUR)
        label.setStyleSheet(f"color: {colour};" if colour else "")
        label.setProperty("balanced", ok)

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

    @staticmethod
    def _rename_cells(table: BudgetTable, row: int, who: str) -> None:
        """The amount and status cells of a free row are named after its funder (screen readers)."""
        for col, name in ((2, f"Montant de la subvention « {who} », en euros"),
                          (3, f"Demande de la subvention « {who} »")):
            item = table.item(row, col)
            if item is not None:
                item.setData(NAME_ROLE, name)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, name)

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

    def _write_subsidy(self, spec: BudgetRow, attribute: str, value: Any) -> None:
        if spec.sub_index is None:
            return
        self.ctx.set_value(f"{self.budget_path}.subsidies[{spec.sub_index}].{attribute}", value)

    def _bound_index(self, cofunder_id: str) -> int | None:
        return next((i for i, s in enumerate(self.budget().subsidies) if s.funder == cofunder_id), None)

    def _write_fixed(self, spec: BudgetRow, *, amount: int | None = None, label: str | None = None) -> None:
        """A co-funder row writes its Subsidy and the amount requested from it, kept equal."""
        budget = self.budget()
        subsidies_path = f"{self.budget_path}.subsidies"
        index = spec.sub_index if spec.sub_index is not None else self._bound_index(spec.cofunder)
        if index is None:
            if not amount and not label:
                return
            budget.subsidies.append(Subsidy(funder=spec.cofunder, label=spec.label, amount_cents=0, requested=True))
            index = len(budget.subsidies) - 1
        sub = budget.subsidies[index]
        if amount is not None:
            sub.amount_cents = amount
            sub.requested = True
            sub.status = ""  # a co-funder of the call given an amount here: asked by this dossier
        if label is not None:
            sub.label = label
        requested = self.requested()
        if sub.amount_cents:
            self.ctx.set_value(f"{self.requested_path}.{spec.cofunder}", sub.amount_cents)
        elif spec.cofunder in requested:
            del requested[spec.cofunder]
            self.ctx.touch(self.requested_path)
        if amount == 0 or (not sub.amount_cents and sub.label.strip() in ("", spec.label)):
            del budget.subsidies[index]  # nothing asked of this co-funder: no empty line in the dossier
        self.ctx.touch(subsidies_path)

    def add_funder(self) -> None:
        """A free row of line 74 for a funder outside the call (droit commun, fondation…)."""
        budget = self.budget()
        budget.subsidies.append(Subsidy(funder=OTHER_FUNDER, label="", amount_cents=0, requested=True))
        self.ctx.touch(f"{self.budget_path}.subsidies")
        index = len(budget.subsidies) - 1
        self._fill_subsidies()
        row = next(r for r, spec in enumerate(self.subsidy_table.rows) if spec.sub_index == index)
        self.subsidy_table.setFocus(Qt.FocusReason.OtherFocusReason)
        self.subsidy_table.setCurrentCell(row, 1)
        self.subsidy_table.editItem(self.subsidy_table.item(row, 1))
        self._refresh_totals()

    def remove_current_funder(self) -> None:
        table = self.subsidy_table
        row = table.currentRow()
        if not 0 <= row < len(table.rows) or table.rows[row].kind != "free":
            return
        index = table.rows[row].sub_index
        assert index is not None
        del self.budget().subsidies[index]
        self.ctx.touch(f"{self.budget_path}.subsidies")
        self._fill_subsidies(current=(min(row, table.rowCount() - 2), 2) if table.rowCount() > 1 else None)
        self._refresh_totals()

    def _update_remove_button(self) -> None:
        table = self.subsidy_table
        row = table.currentRow()
        self.remove_funder_button.setEnabled(0 <= row < len(table.rows) and table.rows[row].kind == "free")

    # ---------------------------------------------------------------- verdict navigation
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
        rect = table.visualRect(table.model().index(row, col))
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if isinstance(parent, QScrollArea) and parent.widget() is not None:
            point = table.viewport().mapTo(parent.widget(), rect.center())
            parent.ensureVisible(point.x(), point.y(), 40, max(rect.height(), 40) * 2)
        return True


__all__ = ["BudgetEditor", "balance_text", "in_kind_text", "parse_amount"]
