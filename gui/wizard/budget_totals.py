"""The totals of the budget editor (gui.wizard.budget_editor): per category, charges and produits, the
contributions in kind, and the balance said in words and shown in colour."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout

from forms.budget import BudgetTotals, compute_totals
from forms.funders import asked_here
from forms.model import Budget
from gui.wizard.budget_table import BAD_COLOUR, money
from gui.wizard.fields import bold_label

OK_COLOUR = "#1b5e20"


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


class BudgetTotalsView:
    """The totals part of BudgetEditor (a mixin: it uses the editor's tables, model access and signal)."""

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
