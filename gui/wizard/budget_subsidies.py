"""Line 74 of the budget editor (gui.wizard.budget_editor): the subsidies, one row per co-funder of the
call (whose amount is also the amount requested from it) and free rows for other funders."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from forms.funders import STATUS_CHOICES, subsidy_status
from forms.model import Subsidy
from gui.wizard.budget_table import NAME_ROLE, VALUE_ROLE, BudgetRow, BudgetTable

OTHER_FUNDER = "autre"
OTHER_FUNDER_NAME = "Autre financeur"

# what the « Demande » column shows (short: the funders' names need the width); the list says it in full
STATUS_SHORT = {"ce_dossier": "Ce dossier", "a_part": "À part", "acquise": "Déjà accordée"}
# the association's budget only says asked or granted: « asked by this dossier » is an action's matter
ASSOCIATION_CHOICES = (("", "Demandée"), ("acquise", "Déjà accordée"))


class SubsidyRows:
    """The 74 part of BudgetEditor (a mixin: it uses the editor's context, model access and tables)."""

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

    def _write_subsidy(self, spec: BudgetRow, attribute: str, value: Any) -> None:
        if spec.sub_index is None:
            return
        self.ctx.set_value(f"{self.budget_path}.subsidies[{spec.sub_index}].{attribute}", value)

    @staticmethod
    def _rename_cells(table: BudgetTable, row: int, who: str) -> None:
        """The amount and status cells of a free row are named after its funder (screen readers)."""
        for col, name in ((2, f"Montant de la subvention « {who} », en euros"),
                          (3, f"Demande de la subvention « {who} »")):
            item = table.item(row, col)
            if item is not None:
                item.setData(NAME_ROLE, name)
                item.setData(Qt.ItemDataRole.AccessibleTextRole, name)

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
