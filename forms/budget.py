"""Budget totals, computed from the lines (never stored), and the French money format."""

from __future__ import annotations

from dataclasses import dataclass

from forms.model import Budget
from forms.programmes import BudgetCategory, BudgetPlan

NBSP = "\u00a0"
NNBSP = "\u202f"  # narrow no-break space, the French thousands separator


@dataclass(frozen=True)
class BudgetTotals:
    by_category: dict[str, int]  # category code -> cents
    charges: int  # total of the charges (60 to 69 + indirect), in cents
    produits: int  # total of the produits (70 to 79 + own resources), 74 included
    emplois_nature: int  # 86
    ressources_nature: int  # 87
    subsidies: int  # 74

    @property
    def balanced(self) -> bool:
        return self.charges == self.produits

    @property
    def in_kind_balanced(self) -> bool:
        return self.emplois_nature == self.ressources_nature

    @property
    def total_charges(self) -> int:
        """Charges including the contributions in kind (the CERFA's last line)."""
        return self.charges + self.emplois_nature

    @property
    def total_produits(self) -> int:
        return self.produits + self.ressources_nature


def category_total(budget: Budget, category: BudgetCategory) -> int:
    if category.subsidies:
        return sum(s.amount_cents for s in budget.subsidies)
    return sum(budget.lines.get(line.code, 0) for line in category.lines)


def categories_for(plan: BudgetPlan, budget: Budget, *, of_action: bool) -> list[BudgetCategory]:
    """The categories a budget shows: an action's budget has them all; the association's has none of the
    lines « affectées à l'action » (`action_only`), unless an older file put an amount there (shown, so
    that the totals shown still add up)."""
    if of_action:
        return list(plan.categories)
    return [c for c in plan.categories if not c.action_only or category_total(budget, c)]


def compute_totals(budget: Budget, plan: BudgetPlan) -> BudgetTotals:
    by_category = {c.code: category_total(budget, c) for c in plan.categories}
    sides: dict[str, int] = {}
    for c in plan.categories:
        sides[c.side] = sides.get(c.side, 0) + by_category[c.code]
    return BudgetTotals(
        by_category=by_category,
        charges=sides.get("charges", 0),
        produits=sides.get("produits", 0),
        emplois_nature=sides.get("contributions_emplois", 0),
        ressources_nature=sides.get("contributions_ressources", 0),
        subsidies=sum(s.amount_cents for s in budget.subsidies),
    )


def format_euros(cents: int, *, symbol: bool = True, separator: str = NNBSP) -> str:
    """1 234,50 € — French format, exact (integer arithmetic). `separator` is the thousands space."""
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    euros, rest = divmod(cents, 100)
    grouped = f"{euros:,}".replace(",", separator)
    text = f"{sign}{grouped},{rest:02d}"
    return f"{text}{NBSP}€" if symbol else text


def parse_euros(text: str) -> int:
    """Read an amount typed the French way ("1 234,5", "1234.50 €", "12") into cents.

    Raises ValueError with a French message on anything else (letters, several commas, 3 decimals).
    """
    cleaned = (
        text.strip().replace("€", "").replace(" ", "").replace(NBSP, "").replace(NNBSP, "").replace("'", "")
    )
    if not cleaned:
        return 0
    negative = cleaned.startswith("-")
    if negative:
        cleaned = cleaned[1:]
    cleaned = cleaned.replace(",", ".")
    digits = cleaned.replace(".", "")
    if cleaned.count(".") > 1 or not (digits.isascii() and digits.isdigit()):
        raise ValueError(f"« {text} » n'est pas un montant : écrivez par exemple 1 234,50")
    whole, _, frac = cleaned.partition(".")
    if len(frac) > 2:
        raise ValueError(f"« {text} » a plus de deux chiffres après la virgule")
    cents = int(whole or "0") * 100 + int((frac + "00")[:2])
    return -cents if negative else cents
