"""Step 7: the action's budget (plan comptable associatif), its co-funders and contributions in kind."""

from __future__ import annotations

from forms.steps import STEPS
from gui.wizard.budget_editor import BudgetEditor
from gui.wizard.fields import bold_label
from gui.wizard.page import StepPage

BUDGET_PATH = "actions[0].budget"


class BudgetPage(StepPage):
    step = STEPS[6]

    def build(self) -> None:
        self.form.section(
            "Le budget prévisionnel de l'action",
            "Ce que l'action va coûter (les charges) et qui va la payer (les produits). Les deux totaux "
            "doivent être égaux : c'est un budget « équilibré ».",
        )
        year = self.form.integer(
            f"{BUDGET_PATH}.year",
            "Année du budget",
            help="L'année où l'action se déroule, en général celle de l'appel à projets.",
            maximum=2100,
            group=False,  # 2023, not 2 023
            blank_zero=True,  # 0: not given yet
        )
        year.widget.setPlaceholderText("aaaa")
        # the balance is also said at the top: the totals are far down a long page
        self.balance_top = bold_label()
        self.balance_top.setAccessibleName("Équilibre du budget (résumé)")
        self.body.addWidget(self.balance_top)
        self.editor = BudgetEditor(self.ctx, BUDGET_PATH, with_cofunders=True)
        self.body.addWidget(self.editor)
        self.editor.register_in(self)
        self.editor.totals_changed.connect(self._show_balance)
        self._show_balance()

    def _show_balance(self) -> None:
        source = self.editor.balance_label
        self.balance_top.setText(source.text())
        self.balance_top.setStyleSheet(source.styleSheet())

    def load(self) -> None:
        super().load()
        self.editor.load()

    def focus_path(self, path: str) -> bool:
        """Select the exact cell of a budget line, a subsidy or a co-funder's amount."""
        if self.editor.focus_path(path):
            return True
        return super().focus_path(path)
