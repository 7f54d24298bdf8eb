"""The three sheets of the compte-rendu financier (CERFA 15059*02), as tabs of the follow-up window:
1. bilan qualitatif (what was done, the public reached against the public planned, the indicators);
2. données chiffrées (each budget line: prévu, réalisé typed here, écart in € and %; line 74 per funder);
3. annexe explicative (why the significant gaps, the indirect charges rule, the contributions in kind).

Every input is a bound field of gui.wizard.fields: it writes the model through the context (autosave).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from forms.budget import format_euros
from forms.choices import AGE_BANDS
from forms.compte_rendu.model import percent_text, report_table, significant, threshold
from gui.widgets.panels import scroll_column
from gui.wizard.context import WizardContext
from gui.wizard.fields import BoundField, FormBuilder, IntField, MoneyField, bold_label, help_label


class Sheet(QWidget):
    """A scrollable column of bound fields for the first action's report."""

    title = ""
    hint = ""

    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.fields: dict[str, BoundField] = {}
        self.column = scroll_column(self, (16, 12, 16, 16))[1]
        self.column.addWidget(bold_label(self.title, 1.3))
        self.column.addWidget(help_label(self.hint, ctx))
        self.form = FormBuilder(ctx, self.column, self._register)
        self.build()
        self.column.addStretch(1)
        self.load()

    def _register(self, field: BoundField) -> None:
        self.fields[field.path] = field

    def build(self) -> None:
        raise NotImplementedError

    def load(self) -> None:
        for field in self.fields.values():
            field.load()

    def grid_field(self, grid: QGridLayout, row: int, col: int, field: BoundField) -> None:
        """A field in a table-like grid: its accessible name is its label, its cell has no label."""
        self._register(field)
        field.widget.setMaximumWidth(self.fontMetrics().averageCharWidth() * 16)
        grid.addWidget(field.widget, row, col)
        grid.setColumnStretch(col + 1, 0)


def _header(grid: QGridLayout, titles: tuple[str, ...]) -> None:
    for col, title in enumerate(titles):
        label = bold_label(title)
        grid.addWidget(label, 0, col)


_SEXES = {"women": "femmes", "men": "hommes", "other": "autres ou non précisé"}


class BilanSheet(Sheet):
    title = "1. Bilan qualitatif de l'action"
    hint = ("Ce qui a été fait, le public atteint par rapport au public prévu, et le résultat de chaque "
            "indicateur. Les chiffres prévus sont ceux de la demande.")

    def build(self) -> None:
        f, base = self.form, "actions[0].report"
        action = self.ctx.dossier.actions[0]
        f.text(f"{base}.done", "Ce qui a été réalisé", "Les activités menées, leur nombre, leurs dates.", lines=5)
        f.text(f"{base}.changes", "Ce qui a changé par rapport au projet, et pourquoi",
               "Une activité annulée ou ajoutée, un public différent, un calendrier décalé…", lines=3)
        f.section("Public atteint", "À côté de chaque case, le chiffre prévu dans la demande.")
        grid = QGridLayout()
        _header(grid, ("", "Prévu", "Atteint"))
        rows = (("total", "Total des bénéficiaires"), ("women", "Dont femmes"), ("men", "Dont hommes"),
                ("other", "Dont autre ou non précisé"), ("qpv_share_percent", "Part habitant un QPV (%)"))
        for i, (name, label) in enumerate(rows, start=1):
            grid.addWidget(QLabel(label), i, 0)
            planned = getattr(action.public, name)
            grid.addWidget(QLabel("non renseignée" if planned is None else str(planned)), i, 1)
            self.grid_field(grid, i, 2, IntField(self.ctx, f"{base}.public.{name}", f"{label} (atteint)",
                                                 maximum=100 if name.endswith("percent") else 9_999_999))
        grid.setColumnStretch(3, 1)
        self.column.addLayout(grid)
        bands = self.ctx.dossier.actions[0].report.public.age_bands
        if bands:
            f.section("Par tranche d'âge (atteint)")
            labels = dict(AGE_BANDS)
            grid = QGridLayout()
            _header(grid, ("Tranche d'âge", "Femmes", "Hommes", "Autres"))
            for i, band in enumerate(bands, start=1):
                name = labels.get(band.band, band.band)
                grid.addWidget(QLabel(name), i, 0)
                for col, sex in enumerate(("women", "men", "other"), start=1):
                    self.grid_field(grid, i, col, IntField(self.ctx, f"{base}.public.age_bands[{i - 1}].{sex}",
                                                           f"{name}, {_SEXES[sex]}"))
            grid.setColumnStretch(4, 1)
            self.column.addLayout(grid)
        quartiers = list(dict.fromkeys([*action.quartiers, *action.report.quartier_counts]))
        if quartiers:
            f.section("Par quartier", "Le nombre de bénéficiaires qui habitent chaque quartier.")
            geo = self.ctx.catalogue.geographies.get(self.ctx.call.geography) if self.ctx.call else None
            for qid in quartiers:
                q = geo.quartier(qid) if geo else None
                f.integer(f"{base}.quartier_counts.{qid}", q.name if q else qid)
        f.section("Indicateurs")
        for i, indicator in enumerate(action.report.indicators):
            f.line(f"{base}.indicators[{i}].result", f"{indicator.label or 'Indicateur'} : résultat",
                   f"Valeur visée : {indicator.target or 'non indiquée'}.")
            f.line(f"{base}.indicators[{i}].comment", f"{indicator.label or 'Indicateur'} : commentaire")
        if not action.report.indicators:
            self.column.addWidget(help_label("La demande n'indiquait aucun indicateur."))


class FiguresSheet(Sheet):
    title = "2. Tableau de données chiffrées"
    hint = ("Pour chaque ligne du budget de l'action, le montant réalisé tiré des comptes de l'association. "
            "L'écart avec le prévu se calcule tout seul, en euros et en pourcentage.")

    def build(self) -> None:
        self.gap_labels: dict[str, QLabel] = {}
        self.totals = QLabel()
        self.totals.setWordWrap(True)
        self.totals.setObjectName("reportTotals")
        action = self.ctx.dossier.actions[0]
        base = "actions[0].report.budget"
        plan = self.ctx.catalogue.budget_plan
        grid = QGridLayout()
        _header(grid, ("N°", "Ligne", "Prévu", "Réalisé", "Écart"))
        row = 1
        for cat in plan.categories:
            if not (len(cat.lines) == 1 and cat.lines[0].code == cat.code):  # a category of one line: no title
                grid.addWidget(bold_label(f"{cat.code if cat.code.isdigit() else ''} {cat.label}".strip()),
                               row, 0, 1, 5)
                row += 1
            if cat.subsidies:
                for i, sub in enumerate(action.report.budget.subsidies):
                    name = self._funder(sub.funder, sub.label)
                    planned = next((s.amount_cents for s in action.budget.subsidies
                                    if (s.funder, s.label) == (sub.funder, sub.label)), 0)
                    row = self._line(grid, row, "74", name, planned, f"{base}.subsidies[{i}].amount_cents",
                                     f"74:{sub.funder}" + (f":{sub.label.strip()}" if sub.funder == "autre" else ""))
                continue
            for line in cat.lines:
                row = self._line(grid, row, line.code if line.code.isdigit() else "", line.label,
                                 action.budget.lines.get(line.code, 0), f"{base}.lines.{line.code}", line.code)
        grid.setColumnStretch(1, 1)
        grid.setColumnMinimumWidth(4, self.fontMetrics().averageCharWidth() * 24)
        self.column.addLayout(grid)
        self.column.addWidget(self.totals)
        self.ctx.changed.connect(self._changed)  # a bound method: disconnected with the sheet
        self.refresh()

    def _changed(self, _path: str) -> None:
        self.refresh()

    def _funder(self, funder: str, label: str) -> str:
        call = self.ctx.call
        cofunder = call.cofunder(funder) if call and funder else None
        return cofunder.name if cofunder else (label or funder or "Autre financeur")

    def _line(self, grid: QGridLayout, row: int, code: str, label: str, planned: int, path: str, key: str) -> int:
        grid.addWidget(QLabel(code), row, 0)
        text = QLabel(label)
        text.setWordWrap(True)
        grid.addWidget(text, row, 1)
        grid.addWidget(QLabel(format_euros(planned)), row, 2, Qt.AlignmentFlag.AlignRight)
        self.grid_field(grid, row, 3, MoneyField(self.ctx, path, f"{label} : réalisé"))
        gap = QLabel()
        gap.setAccessibleName(f"{label} : écart")
        grid.addWidget(gap, row, 4, Qt.AlignmentFlag.AlignRight)
        self.gap_labels[key] = gap
        return row + 1

    def refresh(self) -> None:
        dossier = self.ctx.dossier
        table = report_table(dossier, dossier.actions[0], self.ctx.catalogue)
        pct, minimum = threshold(dossier, self.ctx.catalogue)
        for line in table.lines():
            label = self.gap_labels.get(line.key)
            if label is None:
                continue
            sign = "+" if line.gap > 0 else ""
            label.setText(f"{sign}{format_euros(line.gap)}  ({percent_text(line.gap_percent)})" if line.gap else "—")
            explained = dossier.actions[0].report.gap_explanations.get(line.key, "").strip()
            flag = significant(line, pct, minimum) and not explained
            label.setStyleSheet("color: #8a4b00; font-weight: bold;" if flag else "")
            label.setToolTip("Écart à expliquer dans l'annexe explicative." if flag else "")
        a = table.actual
        balance = ("équilibré" if a.balanced else
                   f"non équilibré (écart de {format_euros(abs(a.charges - a.produits))})")
        self.totals.setText(f"Réalisé : charges {format_euros(a.charges)}, produits {format_euros(a.produits)} "
                            f"— budget {balance}. Contributions en nature : {format_euros(a.emplois_nature)} "
                            f"(86), {format_euros(a.ressources_nature)} (87).")


class AnnexSheet(Sheet):
    title = "3. Annexe explicative"
    hint = ("Expliquez les écarts importants entre le prévu et le réalisé, la façon de répartir les charges "
            "indirectes sur l'action et les contributions volontaires en nature.")

    def build(self) -> None:
        dossier = self.ctx.dossier
        f, base = self.form, "actions[0].report"
        table = report_table(dossier, dossier.actions[0], self.ctx.catalogue)
        pct, minimum = threshold(dossier, self.ctx.catalogue)
        f.section("Écarts à expliquer", f"Tout écart d'au moins {pct} % du prévu et {format_euros(minimum)} "
                  "(seuil par défaut de l'application). Revenez ici après avoir saisi le réalisé.")
        shown = 0
        for line in table.lines():
            if significant(line, pct, minimum) or dossier.actions[0].report.gap_explanations.get(line.key):
                sign = "+" if line.gap > 0 else ""
                f.text(f"{base}.gap_explanations.{line.key}", f"{line.label} ({sign}{format_euros(line.gap)}, "
                       f"{percent_text(line.gap_percent)})", lines=2)
                shown += 1
        if not shown:
            self.column.addWidget(help_label("Aucun écart significatif pour l'instant."))
        f.text(f"{base}.indirect_charges_rule", "Règle de répartition des charges indirectes",
               "Par exemple : au prorata du temps des salariés passé sur l'action.", lines=3)
        f.text(f"{base}.in_kind_note", "Contributions volontaires en nature",
               "Heures de bénévolat et taux retenu, locaux ou matériel prêtés, dons en nature.", lines=3)
        f.text(f"{base}.other_remarks", "Autres observations", lines=3)
