"""Content of one action (CERFA fiche 6) and of a budget in the plan comptable associatif."""

from __future__ import annotations

from collections.abc import Callable

from forms.budget import categories_for, compute_totals
from forms.choices import AGE_BANDS, FREQUENCIES
from forms.export.blocks import Block, Bullets, Column, Field, Fields, Heading, LongText, Para, Row, Table
from forms.export.context import Context, choice_label, money, percent
from forms.export.text import EMPTY, french_decimal, french_int
from forms.french import french_date
from forms.funders import STATUS_LABELS, FunderLine, group_lines
from forms.model import Action, Budget, Point
from forms.programmes import BudgetCategory

AMOUNT_COLUMNS = (Column("Compte", 0.12), Column("", 0.63), Column("Montant", 0.25, "right"))


# --------------------------------------------------------------------------------------------
# Amounts requested, line 74
# --------------------------------------------------------------------------------------------
def funder_lines(ctx: Context, actions: list[Action] | None = None) -> list[FunderLine]:
    """Every subsidy of the actions' line 74 (default: all actions) as the form names it."""
    return [ctx.funder_line(sub) for action in (ctx.dossier.actions if actions is None else actions)
            for sub in action.budget.subsidies if sub.amount_cents]


def requested_by_funder(ctx: Context, actions: list[Action] | None = None) -> list[FunderLine]:
    """The subsidies asked by this dossier (forms.funders), each funder once: page 1, the attestation."""
    return [line for line in funder_lines(ctx, actions) if line.status == "ce_dossier"]


def funders_table(lines: list[FunderLine], total_label: str) -> Table:
    """Financeur / montant under the form's funder groups, with the total."""
    rows: list[Row] = []
    for group, items in group_lines(lines):
        rows.append(Row((group.label, money(sum(i.cents for i in items))), "group"))
        rows.extend(Row((f"– {item.name}", money(item.cents))) for item in items)
    rows.append(Row((total_label, money(sum(i.cents for i in lines))), "total"))
    return Table((Column("Financeur", 0.7), Column("Montant", 0.3, "right")), tuple(rows), keep_rows_whole=True)


def separately_note(lines: list[FunderLine]) -> list[Block]:
    """What line 74 holds besides the subsidies this dossier asks: said, so that the amounts add up."""
    blocks: list[Block] = []
    for status, text in (
        ("a_part", "Demandées à part, par une autre demande que ce dossier (elles figurent au budget, mais ce "
                   "formulaire ne les demande pas)"),
        ("acquise", "Déjà accordées"),
    ):
        items = [line for line in lines if line.status == status]
        if items:
            names = " ; ".join(f"{i.name} : {money(i.cents)}" for i in items)
            blocks.append(Para(f"{text} : {names} — total {money(sum(i.cents for i in items))}.", "note"))
    return blocks


def _requested_table(ctx: Context, action: Action) -> list[Block]:
    lines = funder_lines(ctx, [action])
    asked = [line for line in lines if line.status == "ce_dossier"]
    if not asked:
        return [Para("Aucune subvention n'est encore demandée par ce dossier pour cette action.", "empty"),
                *separately_note(lines)]
    return [funders_table(asked, "Total demandé par ce dossier"), *separately_note(lines)]


# --------------------------------------------------------------------------------------------
# Budget tables
# --------------------------------------------------------------------------------------------
def _code(code: str) -> str:
    """Account numbers are shown; the application's own codes ("CI-fixes", "RP") are not."""
    return code if code.isdigit() else ""


def _subsidy_rows(budget: Budget, ctx: Context, of_action: bool) -> list[Row]:
    """Line 74 under the form's funder groups, each funder once, with its status (forms.funders)."""
    lines = [ctx.funder_line(sub) for sub in budget.subsidies if sub.amount_cents]
    rows: list[Row] = []
    for group, items in group_lines(lines):
        rows.append(Row(("", group.label, money(sum(i.cents for i in items))), "group"))
        for item in items:
            status = STATUS_LABELS[item.status] if of_action else (
                "acquise" if item.status == "acquise" else "demandée")
            rows.append(Row(("", f"– {item.name} ({status})", money(item.cents))))
    return rows


def _category_rows(budget: Budget, category: BudgetCategory, total: int, ctx: Context, of_action: bool) -> list[Row]:
    rows = [Row((_code(category.code), category.label, money(total)), "category")]
    if category.subsidies:
        return rows + _subsidy_rows(budget, ctx, of_action)
    for line in category.lines:
        amount = budget.lines.get(line.code, 0)
        if amount and line.code != category.code:  # a category of one line: its row says it all
            rows.append(Row((_code(line.code), line.label, money(amount))))
    return rows


def budget_blocks(budget: Budget, ctx: Context, *, of_action: bool = True) -> list[Block]:
    """The charges table, the produits table (74: its funders under the form's groups) and the balance,
    with the contributions in kind (86 / 87) under each. Categories are always shown (the association's
    budget without the lines « affectées à l'action »), lines only when filled. A budget with no amount
    at all is unanswered: it says so, it does not print a balanced budget of 0,00 €."""
    plan = ctx.catalogue.budget_plan
    totals = compute_totals(budget, plan)
    if not any(budget.lines.values()) and not any(s.amount_cents for s in budget.subsidies):
        return [Para("Budget non renseigné : aucun montant n'est encore indiqué.", "empty")]
    categories = categories_for(plan, budget, of_action=of_action)

    def side(sides: tuple[str, ...]) -> list[Row]:
        rows: list[Row] = []
        for category in categories:
            if category.side in sides:
                rows.extend(_category_rows(budget, category, totals.by_category[category.code], ctx, of_action))
        return rows

    charges = [
        *side(("charges",)),
        Row(("", "Total des charges", money(totals.charges)), "total"),
        *side(("contributions_emplois",)),
        Row(("", "Total des charges, contributions volontaires comprises", money(totals.total_charges)),
            "grand_total"),
    ]
    produits = [
        *side(("produits",)),
        Row(("", "Total des produits", money(totals.produits)), "total"),
        *side(("contributions_ressources",)),
        Row(("", "Total des produits, contributions volontaires comprises", money(totals.total_produits)),
            "grand_total"),
    ]
    cols_c = (AMOUNT_COLUMNS[0], Column("Charges", AMOUNT_COLUMNS[1].width), AMOUNT_COLUMNS[2])
    cols_p = (AMOUNT_COLUMNS[0], Column("Produits", AMOUNT_COLUMNS[1].width), AMOUNT_COLUMNS[2])
    if totals.balanced:
        balance = f"Budget équilibré : total des charges = total des produits = {money(totals.charges)}."
    else:
        gap = money(abs(totals.charges - totals.produits))
        balance = (f"Budget non équilibré : charges {money(totals.charges)}, produits "
                   f"{money(totals.produits)} (écart de {gap}).")
    if not totals.emplois_nature and not totals.ressources_nature:
        in_kind = "Aucune contribution volontaire en nature n'est valorisée."
    elif totals.in_kind_balanced:
        in_kind = (f"Contributions volontaires en nature : emplois (86) = ressources (87) = "
                   f"{money(totals.emplois_nature)}.")
    else:
        in_kind = (f"Contributions volontaires en nature : emplois (86) {money(totals.emplois_nature)}, "
                   f"ressources (87) {money(totals.ressources_nature)} ; les deux totaux doivent être égaux.")
    blocks: list[Block] = []
    if budget.year:
        blocks.append(Para(f"Exercice {budget.year}", "note", keep_with_next=True))
    blocks += [
        Table(cols_c, tuple(charges), keep_rows_whole=True),
        Table(cols_p, tuple(produits), keep_rows_whole=True),
        Para(balance, "lead"),
        Para(in_kind, "note"),
    ]
    return blocks


# --------------------------------------------------------------------------------------------
# The action
# --------------------------------------------------------------------------------------------
def _location(point: Point) -> str:
    ns = "N" if point.latitude >= 0 else "S"
    ew = "E" if point.longitude >= 0 else "O"
    coords = (f"{french_decimal(round(abs(point.latitude), 5))}° {ns}, "
              f"{french_decimal(round(abs(point.longitude), 5))}° {ew}")
    return f"{point.label}\n{coords}" if point.label.strip() else coords


def _answered(ctx: Context, step: str, text: str) -> str:
    """`text`, or « Non renseigné » when the step holding the question was never started (content.py)."""
    return text if ctx.started(step) else EMPTY


def _public_blocks(action: Action, ctx: Context) -> list[Block]:
    pub = action.public
    if not ctx.started("public"):
        return [LongText("Public visé", ""), Para("Effectifs et répartition non renseignés.", "empty")]
    labels = dict(AGE_BANDS)
    rows = [
        Row((labels.get(b.band, b.band), french_int(b.women), french_int(b.men), french_int(b.other),
             french_int(b.women + b.men + b.other)))
        for b in pub.age_bands
    ]
    rows.append(Row(("Ensemble", french_int(pub.women), french_int(pub.men), french_int(pub.other),
                     french_int(pub.women + pub.men + pub.other)), "total"))
    share = percent(pub.qpv_share_percent) if pub.qpv_share_percent is not None else "non renseignée"
    blocks: list[Block] = [
        LongText("Public visé", pub.description),
        Fields((
            Field("Nombre total de bénéficiaires attendus", french_int(pub.total)),
            Field("Part des bénéficiaires habitant un quartier prioritaire", share),
        )),
        Table(
            (Column("Tranche d'âge", 0.32), Column("Femmes", 0.17, "right"), Column("Hommes", 0.17, "right"),
             Column("Autres ou non précisé", 0.17, "right"), Column("Total", 0.17, "right")),
            tuple(rows), keep_rows_whole=True, caption="Répartition par sexe et par âge",
        ),
    ]
    if pub.gender_balance_explanation.strip():
        blocks.append(LongText("Répartition femmes-hommes : explication",
                               pub.gender_balance_explanation))
    return blocks


def action_blocks(action: Action, ctx: Context, h2: Callable[[str], Heading]) -> list[Block]:
    """Fiche 6 for one action, sub-parts numbered by `h2`."""
    presentation = [
        Field("Intitulé de l'action", action.title),
        Field("Nouvelle action ou renouvellement",
              _answered(ctx, "action", choice_label(FREQUENCIES, action.frequency))),
    ]
    if action.frequency == "renouvellement" or action.previous_year_reference.strip():
        presentation.append(Field("Action de l'année précédente", action.previous_year_reference))
    quartiers: Block = (Bullets(tuple(ctx.quartier_name(q) for q in action.quartiers)) if action.quartiers
                        else Para("Aucun quartier n'est indiqué.", "empty"))
    where: list[Block] = [Heading("Quartiers concernés", 3), quartiers, LongText("Lieux de réalisation",
                                                                                  action.places)]
    if action.location is not None:
        where.append(Fields((Field("Lieu repéré sur la carte", _location(action.location)),)))
    indicators: Block = (
        Table((Column("Indicateur", 0.38), Column("Valeur visée", 0.22), Column("Mode de mesure", 0.4)),
              tuple(Row((i.label, i.target, i.method)) for i in action.indicators),
              caption="Indicateurs d'évaluation")
        if action.indicators else Para("Aucun indicateur d'évaluation n'est indiqué.", "empty")
    )
    return [
        h2("Présentation"),
        Fields(tuple(presentation)),
        LongText("Objectifs", action.objectives),
        LongText("Description", action.description),
        h2("Public bénéficiaire"),
        *_public_blocks(action, ctx),
        h2("Territoire et lieux"),
        *where,
        h2("Dates et durée"),
        Fields((
            Field("Date de début", french_date(action.start_date)),
            Field("Date de fin", french_date(action.end_date)),
            Field("Durée", action.duration_text),
        )),
        h2("Moyens mis en œuvre"),
        LongText("Moyens humains", action.human_means),
        Fields((
            Field("Bénévoles mobilisés", _answered(ctx, "action", french_int(action.volunteers_involved))),
            Field("Personnel salarié affecté (ETPT)", _answered(ctx, "action", french_decimal(action.staff_etpt))),
        )),
        LongText("Moyens matériels", action.material_means),
        h2("Partenaires"),
        LongText("", action.partners),
        h2("Résultats attendus et évaluation"),
        LongText("Résultats attendus", action.expected_results),
        indicators,
        h2("Budget prévisionnel de l'action"),
        *budget_blocks(action.budget, ctx),
        *((h2("Subventions demandées par ce dossier"), *_requested_table(ctx, action))
          if len(ctx.dossier.actions) > 1 else ()),  # one action: page 1 says it
    ]
