"""The figures of the compte-rendu financier (CERFA 15059*02, « tableau de données chiffrées »): each
budget line of the action, prévu against réalisé, with the gap in euros and in percent; line 74 per
funder with the amount asked, granted and received; totals computed, never stored.

The réalisé is `Action.report.budget` once the report is started (`start_report` prefills it from the
forecast, which the user then corrects); before that, the forecast stands in for it and `from_forecast`
says so (the command line and the export tell the user).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from forms.budget import BudgetTotals, compute_totals
from forms.model import Action, Budget, Dossier, IndicatorResult, Subsidy
from forms.programmes import BudgetCategory, Catalogue

FUNDING_KEY = "74:"  # gap_explanations key of one funder's line 74: "74:etat", "74:autre:Fondation X"


def gap_percent(planned: int, actual: int) -> Decimal | None:
    """(réalisé − prévu) / prévu, in percent with one decimal; None when nothing was planned."""
    if planned == 0:
        return None
    return (Decimal(actual - planned) * 100 / Decimal(planned)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def percent_text(value: Decimal | None) -> str:
    """+9,4 % / -15 % / — (nothing planned): the gap in percent as the table and the messages show it."""
    if value is None:
        return "—"
    text = format(value, "f").rstrip("0").rstrip(".").replace(".", ",")
    return ("+" if value > 0 else "") + text + "\u00a0%"


def start_report(action: Action) -> None:
    """Begin the compte-rendu of `action`, prefilled from its forecast (budget, public, indicators)."""
    report = action.report
    if report.started:
        return
    report.budget = copy.deepcopy(action.budget)
    for subsidy in report.budget.subsidies:
        subsidy.requested = False  # in the réalisé, a subsidy is what was received
    report.public = copy.deepcopy(action.public)
    report.quartier_counts = {q: 0 for q in action.quartiers}
    report.indicators = [IndicatorResult(label=i.label, target=i.target) for i in action.indicators]
    report.started = True


def report_budget(action: Action) -> tuple[Budget, bool]:
    """(the réalisé, True when it is the forecast standing in for actual figures not yet recorded)."""
    if action.report.started:
        return action.report.budget, False
    return action.budget, True


def funding_key(subsidy: Subsidy) -> str:
    return f"{FUNDING_KEY}{subsidy.funder}" + (f":{subsidy.label.strip()}" if subsidy.funder == "autre" else "")


@dataclass(frozen=True)
class ReportLine:
    code: str  # plan comptable code, or a category code for its total row
    label: str
    planned: int
    actual: int
    kind: str = "line"  # line | category
    key: str = ""  # gap_explanations key ("" for category rows)

    @property
    def gap(self) -> int:
        return self.actual - self.planned

    @property
    def gap_percent(self) -> Decimal | None:
        return gap_percent(self.planned, self.actual)


@dataclass(frozen=True)
class FundingRow:
    key: str
    funder: str  # co-funder id or "autre"
    name: str
    asked: int
    granted: int | None  # None: no decision recorded
    received: int


@dataclass
class ReportTable:
    charges: list[ReportLine] = field(default_factory=list)
    produits: list[ReportLine] = field(default_factory=list)
    emplois_nature: list[ReportLine] = field(default_factory=list)  # 86
    ressources_nature: list[ReportLine] = field(default_factory=list)  # 87
    funding: list[FundingRow] = field(default_factory=list)
    planned: BudgetTotals | None = None
    actual: BudgetTotals | None = None
    from_forecast: bool = False

    def lines(self) -> list[ReportLine]:
        """Every line a gap can be explained for (not the totals of categories of several lines)."""
        return [x for part in (self.charges, self.produits, self.emplois_nature, self.ressources_nature)
                for x in part if x.key]


def _funder_name(catalogue: Catalogue, dossier: Dossier, funder: str, label: str) -> str:
    call = catalogue.calls.get(dossier.call.call)
    cofunder = call.cofunder(funder) if call and funder else None
    if cofunder is not None:
        return cofunder.name
    return label.strip() or funder or "Autre financeur"


def _funding_rows(dossier: Dossier, action: Action, actual: Budget, catalogue: Catalogue) -> list[FundingRow]:
    keys: list[str] = []
    info: dict[str, tuple[str, str]] = {}
    asked: dict[str, int] = {}
    received: dict[str, int] = {}
    for s in action.budget.subsidies:
        k = funding_key(s)
        if k not in keys:
            keys.append(k)
        info[k] = (s.funder, s.label)
        asked[k] = asked.get(k, 0) + s.amount_cents
    for funder, cents in action.requested_cents.items():  # asked of a co-funder without a 74 line
        k = f"{FUNDING_KEY}{funder}"
        if k not in info:
            keys.append(k)
            info[k] = (funder, "")
            asked[k] = cents
    for s in actual.subsidies:
        k = funding_key(s)
        if k not in info:
            keys.append(k)
            info[k] = (s.funder, s.label)
        received[k] = received.get(k, 0) + s.amount_cents
    granted = dossier.lifecycle.granted_cents
    rows = []
    for k in keys:
        funder, label = info[k]
        rows.append(FundingRow(k, funder, _funder_name(catalogue, dossier, funder, label), asked.get(k, 0),
                               granted.get(funder) if funder in granted else None, received.get(k, 0)))
    return rows


def _side(plan_categories: list[BudgetCategory], planned: Budget, actual: Budget, sides: tuple[str, ...],
          dossier: Dossier, catalogue: Catalogue) -> list[ReportLine]:
    rows: list[ReportLine] = []
    for cat in plan_categories:
        if cat.side not in sides:
            continue
        if cat.subsidies:
            p_total = sum(s.amount_cents for s in planned.subsidies)
            a_total = sum(s.amount_cents for s in actual.subsidies)
            rows.append(ReportLine(cat.code, cat.label, p_total, a_total, "category"))
            continue
        details = [ReportLine(line.code, line.label, planned.lines.get(line.code, 0), actual.lines.get(line.code, 0),
                              "line", line.code)
                   for line in cat.lines if planned.lines.get(line.code, 0) or actual.lines.get(line.code, 0)]
        p_total = sum(planned.lines.get(line.code, 0) for line in cat.lines)
        a_total = sum(actual.lines.get(line.code, 0) for line in cat.lines)
        if len(cat.lines) == 1 and cat.lines[0].code == cat.code:  # a category of one line
            rows.append(ReportLine(cat.code, cat.label, p_total, a_total, "category", cat.code))
            continue
        rows.append(ReportLine(cat.code, cat.label, p_total, a_total, "category"))
        rows.extend(details)
    return rows


def report_table(dossier: Dossier, action: Action, catalogue: Catalogue) -> ReportTable:
    plan = catalogue.budget_plan
    actual, from_forecast = report_budget(action)
    planned = action.budget
    cats = plan.categories
    table = ReportTable(
        charges=_side(cats, planned, actual, ("charges",), dossier, catalogue),
        produits=_side(cats, planned, actual, ("produits",), dossier, catalogue),
        emplois_nature=_side(cats, planned, actual, ("contributions_emplois",), dossier, catalogue),
        ressources_nature=_side(cats, planned, actual, ("contributions_ressources",), dossier, catalogue),
        funding=_funding_rows(dossier, action, actual, catalogue),
        planned=compute_totals(planned, plan),
        actual=compute_totals(actual, plan),
        from_forecast=from_forecast,
    )
    # line 74 per funder (réalisé = received), in the produits, after the 74 total
    for i, row in enumerate(table.produits):
        if row.kind == "category" and next((c for c in cats if c.code == row.code and c.subsidies), None):
            per_funder = [ReportLine("", f"{f.name}", f.asked, f.received, "line", f.key) for f in table.funding]
            table.produits[i + 1:i + 1] = per_funder
            break
    return table


def threshold(dossier: Dossier, catalogue: Catalogue) -> tuple[int, int]:
    """(percent, minimum cents) above which a gap needs an explanation (dated parameters)."""
    call = catalogue.calls.get(dossier.call.call)
    pct = catalogue.parameter("compte_rendu_ecart_pourcent", call) if call else None
    low = catalogue.parameter("compte_rendu_ecart_minimum_cents", call) if call else None
    return (int(pct.value) if pct and pct.value is not None else 15,
            int(low.value) if low and low.value is not None else 20000)


def significant(line: ReportLine, pct: int, minimum: int) -> bool:
    """A gap the annexe must explain: at least `minimum` cents and `pct` % of the forecast (any amount
    spent or received on a line that was not planned counts as 100 %)."""
    if abs(line.gap) < minimum or line.gap == 0:
        return False
    ratio = gap_percent(line.planned, line.actual)
    return ratio is None or abs(ratio) >= pct
