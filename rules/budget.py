"""Budgets (the association's and each action's): empty, balanced (charges = produits, 86 = 87), no
negative amounts, no line unknown to the plan; the amounts requested from the call's co-funders match
line 74; the convention threshold; the de minimis ceiling; subsidiarity of the politique de la ville
credits."""

from __future__ import annotations

from collections.abc import Iterator

from forms.budget import format_euros
from forms.french import fold
from forms.funders import asked_here
from forms.model import Action, Budget, Subsidy
from rules.context import Check, key_path
from rules.registry import rule
from rules.verdicts import Level, Verdict

ASSOCIATION_BUDGET = "association.budget"
OTHER_FUNDER = "autre"


def is_empty(budget: Budget) -> bool:
    return not any(budget.lines.values()) and not any(s.amount_cents for s in budget.subsidies)


def _budgets(c: Check) -> Iterator[tuple[str, str, Budget, bool]]:
    """(field path, message prefix, budget, is an action's) for the action budgets and the association's."""
    for path, prefix, action in c.actions():
        yield f"{path}.budget", prefix, action.budget, True
    yield ASSOCIATION_BUDGET, "", c.dossier.association.budget, False


def _which(is_action: bool) -> str:
    return "de l'action" if is_action else "prévisionnel de l'association"


@rule("budget.vide")
def vide(c: Check) -> Iterator[Verdict]:
    """An action's budget with no amount at all (the association's is a completeness matter)."""
    for path, prefix, action in c.actions():
        if is_empty(action.budget):
            yield c.verdict(
                "bloquant",
                f"{prefix}Le budget de l'action est vide. Indiquez ce que l'action coûte (achats, "
                "personnel, locations…) et comment elle est financée, dont la subvention demandée "
                "(ligne 74).",
                f"{path}.budget",
            )


@rule("budget.equilibre")
def equilibre(c: Check) -> Iterator[Verdict]:
    """Total charges = total produits: bloquant for an action, à corriger for the association."""
    for path, prefix, budget, is_action in _budgets(c):
        if is_empty(budget):
            continue
        t = c.ctx.totals(budget)
        if t.balanced:
            continue
        gap = t.charges - t.produits
        fix = (
            "ajoutez les produits qui manquent (ressources propres, autres financeurs)"
            if gap > 0
            else "ajoutez les charges qui manquent ou réduisez un produit"
        )
        level: Level = "bloquant" if is_action else "a_corriger"
        yield c.verdict(
            level,
            f"{prefix}Le budget {_which(is_action)} n'est pas équilibré : {format_euros(t.charges)} de "
            f"charges pour {format_euros(t.produits)} de produits (écart de {format_euros(abs(gap))}). Le "
            f"total des charges doit égaler le total des produits : {fix}.",
            path,
        )


@rule("budget.contributions_nature")
def contributions_nature(c: Check) -> Iterator[Verdict]:
    """Contributions in kind are balanced: 86 (emplois) = 87 (contributions)."""
    for path, prefix, budget, is_action in _budgets(c):
        t = c.ctx.totals(budget)
        if t.in_kind_balanced:
            continue
        yield c.verdict(
            "a_corriger",
            f"{prefix}Dans le budget {_which(is_action)}, les contributions volontaires en nature ne sont pas "
            f"équilibrées : {format_euros(t.emplois_nature)} en emplois (ligne 86) pour "
            f"{format_euros(t.ressources_nature)} en contributions (ligne 87). Le bénévolat ou les locaux "
            "prêtés s'inscrivent des deux côtés, pour le même montant.",
            f"{path}.lines",
        )


@rule("budget.negatif")
def negatif(c: Check) -> Iterator[Verdict]:
    """No negative amount anywhere in a budget or in the amounts requested."""
    for path, prefix, budget, _is_action in _budgets(c):
        for code, amount in budget.lines.items():
            if amount < 0:
                yield c.verdict(
                    "a_corriger",
                    f"{prefix}La ligne {code} du budget {_which(_is_action)} est négative "
                    f"({format_euros(amount)}) : un budget ne contient que des montants positifs ; une "
                    "recette s'inscrit dans les produits, pas en charge négative.",
                    key_path(f"{path}.lines", code),
                )
        for i, subsidy in enumerate(budget.subsidies):
            if subsidy.amount_cents < 0:
                yield c.verdict(
                    "a_corriger",
                    f"{prefix}Le montant de la subvention du financeur {_funder_name(c, subsidy)} est négatif "
                    f"({format_euros(subsidy.amount_cents)}) : corrigez-le.",
                    f"{path}.subsidies[{i}].amount_cents",
                )
    for path, prefix, action in c.actions():
        for funder, amount in action.requested_cents.items():
            if amount < 0:
                yield c.verdict(
                    "a_corriger",
                    f"{prefix}Le montant demandé au financeur {_cofunder_name(c, funder)} est négatif "
                    f"({format_euros(amount)}) : corrigez-le.",
                    key_path(f"{path}.requested_cents", funder),
                )


def _cofunder_name(c: Check, funder_id: str) -> str:
    """« Ville de Blois »: quoted, so that no article is needed before a funder's name."""
    cofunder = c.index.cofunders.get(funder_id)
    return f"« {cofunder.name if cofunder else funder_id} »"


def _known_funder_name(c: Check, funder_id: str) -> str:
    """« Caisse d'allocations familiales (Caf) » for an id the call does not know but another call or a
    territory of the catalogue does (a dossier copied from another call); the id itself otherwise."""
    cat = c.index.catalogue
    for cofunders in (*(call.cofunders for call in cat.calls.values()),
                      *(t.cofunders for t in cat.territories.values())):
        for cofunder in cofunders:
            if cofunder.id == funder_id:
                return f"« {cofunder.name} »"
    return f"« {funder_id} »"


def _funder_name(c: Check, subsidy: Subsidy) -> str:
    if subsidy.funder in c.index.cofunders:
        return _cofunder_name(c, subsidy.funder)
    return f"« {subsidy.label.strip() or subsidy.funder or 'non précisé'} »"


def _requested_on_74(action: Action, funder: str) -> tuple[int, list[int]]:
    """What line 74 asks of `funder` by this dossier (forms.funders: the one definition of the status)."""
    indexes = [i for i, s in enumerate(action.budget.subsidies) if asked_here(s) and s.funder == funder]
    return sum(action.budget.subsidies[i].amount_cents for i in indexes), indexes


def _cofunder_list(c: Check) -> str:
    return ", ".join(cf.name for cf in c.call.cofunders) or "aucun"


@rule("budget.demande")
def demande(c: Check) -> Iterator[Verdict]:
    """A request in cash asks something of at least one co-funder of the call."""
    if c.dossier.request.aid_form != "numeraire":
        return
    for path, prefix, action in c.actions():
        if is_empty(action.budget):
            continue  # budget.vide says it
        asked = any(v > 0 for k, v in action.requested_cents.items() if k in c.index.cofunders)
        on_74 = any(
            asked_here(s) and s.amount_cents > 0 and s.funder in c.index.cofunders for s in action.budget.subsidies
        )
        if asked or on_74:
            continue
        yield c.verdict(
            "bloquant",
            f"{prefix}L'action ne demande rien aux financeurs de l'appel ({_cofunder_list(c)}). Indiquez, "
            "ligne 74 du budget de l'action, la subvention demandée à chacun d'eux et le montant total "
            "demandé.",
            f"{path}.requested_cents",
        )


@rule("budget.montants_demandes")
def montants_demandes(c: Check) -> Iterator[Verdict]:
    """The amount requested of each co-funder equals its requested subsidies on line 74."""
    for path, prefix, action in c.actions():
        funders = [k for k, v in action.requested_cents.items() if v != 0 and k in c.index.cofunders]
        for s in action.budget.subsidies:
            if asked_here(s) and s.amount_cents != 0 and s.funder in c.index.cofunders and s.funder not in funders:
                funders.append(s.funder)
        for funder in funders:
            asked = action.requested_cents.get(funder, 0)
            on_74, indexes = _requested_on_74(action, funder)
            if asked == on_74 or asked < 0 or on_74 < 0:
                continue  # negative amounts: budget.negatif says it
            name = _cofunder_name(c, funder)
            if on_74 == 0:
                text = (
                    f"Vous demandez {format_euros(asked)} au financeur {name}, mais cette subvention ne figure pas "
                    "ligne 74 du budget de l'action : ajoutez-la pour que le budget le montre."
                )
                fields = (key_path(f"{path}.requested_cents", funder), f"{path}.budget.subsidies")
            elif asked == 0:
                text = (
                    f"La ligne 74 du budget de l'action prévoit {format_euros(on_74)} demandés au financeur {name}, "
                    "mais le montant demandé à ce financeur n'est pas indiqué : reportez-le."
                )
                fields = (key_path(f"{path}.requested_cents", funder),)
            else:
                text = (
                    f"Vous demandez {format_euros(asked)} au financeur {name}, mais la ligne 74 du budget de l'action "
                    f"indique {format_euros(on_74)} : les deux montants doivent être identiques."
                )
                fields = (
                    key_path(f"{path}.requested_cents", funder),
                    *(f"{path}.budget.subsidies[{i}].amount_cents" for i in indexes),
                )
            yield c.verdict("a_corriger", prefix + text, *fields)


@rule("budget.cofinanceurs")
def cofinanceurs(c: Check) -> Iterator[Verdict]:
    """Amounts are requested only of the call's co-funders; other funders are named on line 74."""
    for path, prefix, action in c.actions():
        for funder, amount in action.requested_cents.items():
            if amount != 0 and funder not in c.index.cofunders:
                yield c.verdict(
                    "a_corriger",
                    f"{prefix}{_known_funder_name(c, funder)} n'est pas un financeur de l'appel {c.call.year} "
                    "(financeurs : "
                    f"{_cofunder_list(c)}). Retirez ce montant demandé ; un autre financeur s'inscrit "
                    "ligne 74 comme « autre financeur », avec son nom.",
                    key_path(f"{path}.requested_cents", funder),
                )
        for i, s in enumerate(action.budget.subsidies):
            if s.amount_cents == 0:
                continue
            if s.funder == OTHER_FUNDER or (not s.funder and s.label.strip()):
                if not s.label.strip():
                    yield c.verdict(
                        "a_corriger",
                        f"{prefix}Une subvention de {format_euros(s.amount_cents)} (ligne 74) ne dit pas de "
                        "quel financeur elle vient : précisez-le (par exemple « Conseil régional », "
                        "« Fondation de France »).",
                        f"{path}.budget.subsidies[{i}].label",
                    )
            elif s.funder not in c.index.cofunders:
                yield c.verdict(
                    "a_corriger",
                    f"{prefix}Le financeur {_known_funder_name(c, s.funder) if s.funder else '(vide)'} de la "
                    "ligne 74 n'est pas un financeur "
                    f"de l'appel {c.call.year} : choisissez-le dans la liste, ou inscrivez-le comme « autre "
                    "financeur » avec son nom.",
                    f"{path}.budget.subsidies[{i}].funder",
                )


@rule("budget.lignes_inconnues")
def lignes_inconnues(c: Check) -> Iterator[Verdict]:
    """A line whose code the budget plan does not know (a file from another version, a typing error):
    it would be left out of every total, so the balance shown would be wrong."""
    known = c.index.catalogue.budget_plan.line_codes
    for path, prefix, budget, is_action in _budgets(c):
        for code, amount in budget.lines.items():
            if code in known or not amount:
                continue
            yield c.verdict(
                "a_corriger",
                f"{prefix}Le budget {_which(is_action)} a un montant de {format_euros(amount)} sur une ligne "
                f"« {code} » que le formulaire ne connaît pas : il n'est compté dans aucun total. Reportez-le "
                "sur la bonne ligne du plan comptable, puis videz celle-ci.",
                key_path(f"{path}.lines", code),
            )


def _ceiling(c: Check, name: str) -> tuple[int, object] | None:
    value = c.index.param(name)
    if value is None or not isinstance(value.value, int) or isinstance(value.value, bool):
        return None
    return value.value, value


@rule("budget.de_minimis")
def de_minimis(c: Check) -> Iterator[Verdict]:
    """The de minimis aid received over three years plus what this dossier asks stays under the ceilings
    in force at the call's date: the general one, and the higher one for a service of general economic
    interest (SIEG). Checked even when nothing was received before."""
    general = _ceiling(c, "plafond_de_minimis_cents")
    sieg = _ceiling(c, "plafond_de_minimis_sieg_cents")
    if general is None and sieg is None:
        return
    received = max(c.dossier.association.administration.de_minimis_cents, 0)
    asked = sum(max(amount, 0) for _path, _prefix, action in c.actions() for amount in action.requested_cents.values())
    total = received + asked
    what = (
        f"Les aides « de minimis » déjà reçues sur trois ans ({format_euros(received)}) et la subvention demandée "
        f"ici ({format_euros(asked)}) font ensemble {format_euros(total)}, au-delà du"
        if received
        else f"La subvention demandée ici ({format_euros(asked)}) dépasse à elle seule le"
    )
    field = "association.administration.de_minimis_cents"
    if sieg is not None and total > sieg[0]:
        yield c.verdict(
            "a_corriger",
            f"{what} plafond de {format_euros(sieg[0])}, même pour un service "
            "d'intérêt économique général (SIEG) : vérifiez les montants et parlez-en au financeur avant de "
            "déposer la demande.",
            field,
            source=sieg[1].reference,  # type: ignore[attr-defined]
        )
    elif general is not None and total > general[0]:
        sieg_text = (
            f" ; seul un service d'intérêt économique général (SIEG) peut recevoir jusqu'à {format_euros(sieg[0])}"
            if sieg is not None
            else ""
        )
        yield c.verdict(
            "a_corriger",
            f"{what} plafond général de {format_euros(general[0])}{sieg_text}. "
            "Vérifiez les montants et parlez-en au financeur avant de déposer la demande.",
            field,
            source=general[1].reference,  # type: ignore[attr-defined]
        )


@rule("budget.convention")
def convention(c: Check) -> Iterator[Verdict]:
    """Information: above the threshold (23 000 €), the funder must sign a convention."""
    value = c.index.param("seuil_convention_cents")
    if value is None or not isinstance(value.value, int) or isinstance(value.value, bool):
        return
    threshold = value.value
    totals: dict[str, int] = {}
    first_field: dict[str, str] = {}
    for path, _prefix, action in c.actions():
        for funder in dict.fromkeys([*action.requested_cents, *(s.funder for s in action.budget.subsidies)]):
            if funder not in c.index.cofunders:
                continue
            amount = max(action.requested_cents.get(funder, 0), _requested_on_74(action, funder)[0])
            if amount > 0:
                totals[funder] = totals.get(funder, 0) + amount
                first_field.setdefault(funder, key_path(f"{path}.requested_cents", funder))
    for funder, amount in totals.items():
        if amount <= threshold:
            continue
        yield c.verdict(
            "conseil",
            f"Pour information : vous demandez {format_euros(amount)} au financeur "
            f"{_cofunder_name(c, funder)}. Au-delà de {format_euros(threshold)} par an, une convention "
            "écrite entre ce financeur et l'association sera obligatoire (objet, montant, versement, "
            "conditions d'utilisation). Ce n'est pas un refus : prévoyez-la dans votre calendrier.",
            first_field[funder],
            source=value.reference,
        )


def _is_private(c: Check, subsidy: Subsidy) -> bool:
    """A line 74 funder named like private money (foundation, company, bank): the words are data of the
    budget plan (resources/budget/plan-comptable.yaml)."""
    label = f" {fold(subsidy.label)} "
    return any(f" {fold(word)}" in label for word in c.index.catalogue.budget_plan.private_funder_words)


@rule("budget.subsidiarite")
def subsidiarite(c: Check) -> Iterator[Verdict]:
    """Only the call's (politique de la ville) co-funders as public funding: they must not replace
    ordinary ("droit commun") funding."""
    for path, prefix, action in c.actions():
        subsidies = [s for s in action.budget.subsidies if s.amount_cents > 0]
        if not any(s.funder in c.index.cofunders for s in subsidies):
            continue
        other_public = [s for s in subsidies if s.funder not in c.index.cofunders and not _is_private(c, s)]
        if other_public:
            continue
        yield c.verdict(
            "conseil",
            f"{prefix}Les seuls financements publics de l'action viennent des financeurs de l'appel "
            "politique de la ville. Ces crédits s'ajoutent aux financements de droit commun (Région, "
            "Département, Caf, services de l'État…) sans les remplacer : indiquez ligne 74 ceux que vous "
            "avez demandés, ou expliquez dans la description pourquoi il n'y en a pas.",
            f"{path}.budget.subsidies",
            source=c.call.grounds.get("droit_commun"),
        )
