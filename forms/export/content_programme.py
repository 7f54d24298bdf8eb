"""The politique de la ville part (call, enjeux, priorities), the documents checklist and the annex."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from forms.export.blocks import (
    Banner,
    Block,
    Bullets,
    Column,
    Field,
    Fields,
    Heading,
    LongText,
    Para,
    Row,
    StartAnnex,
    Table,
)
from forms.export.context import Context
from forms.export.verdicts import VerdictLike, group_by_level
from forms.fieldlabels import where_to_fix
from forms.french import french_date, plural
from forms.model import Action, Document, Dossier
from forms.programmes import TransversalPriority

STATE_LABELS = {"joint": "Jointe", "a_fournir": "Manquante (à fournir)", "sans_objet": "Sans objet"}
ANNEX_TITLE = "Annexe — Vérifications de l'application, ne fait pas partie de la demande"


# --------------------------------------------------------------------------------------------
# Politique de la ville
# --------------------------------------------------------------------------------------------
def _call_blocks(ctx: Context) -> list[Block]:
    call = ctx.call
    if call is None:
        return [Para(f"L'appel à projets « {ctx.dossier.call.call} » n'est pas connu de l'application : "
                     "les enjeux et priorités ne peuvent pas être rappelés.", "empty")]
    rows = [Field("Appel à projets", call.title), Field("Année", str(call.year))]
    if ctx.territory:
        rows.append(Field("Contrat de ville", ctx.territory.contract_title))
    if call.action_start and call.action_end:
        rows.append(Field("Période des actions",
                          f"du {french_date(call.action_start)} au {french_date(call.action_end)}"))
    if call.deadline:
        rows.append(Field("Date limite de dépôt", french_date(call.deadline)))
    blocks: list[Block] = [Fields(tuple(rows))]
    if call.reconstructed_from.strip():  # said plainly, never printed as the call's own text
        blocks.append(Para(f"Note : {call.reconstructed_from.strip()}", "note"))
    return blocks


def _enjeux_blocks(ctx: Context, action: Action) -> list[Block]:
    if not action.enjeux:
        return [Para(f"Rien n'est choisi parmi les {ctx.enjeu_label_plural.lower()} du contrat de ville.", "empty")]
    return [Bullets(tuple(ctx.enjeu_title(e) for e in action.enjeux))]


def _operational_blocks(ctx: Context, action: Action) -> list[Block]:
    if not action.operational_priorities:
        return [Para("Aucune priorité opérationnelle de l'appel n'est choisie.", "empty")]
    known = {p.id: p for p in ctx.call.operational_priorities} if ctx.call else {}
    blocks: list[Block] = []
    group = None
    items: list[str] = []
    for pid in action.operational_priorities:
        priority = known.get(pid)
        this_group = priority.group if priority else "Autres priorités"
        if this_group != group:
            if items:
                blocks.append(Bullets(tuple(items)))
                items = []
            blocks.append(Para(this_group, "lead", keep_with_next=True))
            group = this_group
        items.append(priority.text if priority else f"{pid} (inconnue de l'appel à projets)")
    blocks.append(Bullets(tuple(items)))
    return blocks


def _transversal_one(tp: TransversalPriority | None, title: str, action: Action, key: str) -> list[Block]:
    answer = action.transversal.get(key)
    blocks: list[Block] = [Heading(title, 3)]
    if tp is not None:
        if tp.to_confirm:
            kind, who = "point à confirmer pour l'appel de l'année", "Le contrat de ville"
        elif tp.required:
            kind, who = "priorité que chaque projet doit prendre en compte", "L'appel"
        else:
            kind, who = "point valorisé par l'appel", "L'appel"
        blocks.append(Para(f"{who} ({kind}) : « {tp.text} »", "note", keep_with_next=True))
    if answer is None or (not answer.status and not answer.text.strip()):
        blocks.append(Para("Pas de réponse.", "empty"))
    elif answer.status == "non_applicable":
        blocks.append(LongText("Ne s'applique pas à cette action, parce que", answer.text))
    else:
        blocks.append(LongText("Réponse de l'association", answer.text))
    return blocks


def _transversal_blocks(ctx: Context, action: Action) -> list[Block]:
    blocks: list[Block] = []
    call_items = ctx.call.transversal if ctx.call else []
    for tp in call_items:
        blocks += _transversal_one(tp, tp.title, action, tp.id)
    # Answers to priorities of another call (a copied dossier) are not printed: `check` asks to clear them.
    if blocks:
        return blocks
    if ctx.call is not None and ctx.call.status_of("transversal") != "connu":
        return [Para("Priorités transversales non renseignées : le texte de l'appel de l'année n'était pas "
                     "connu lors de la préparation du dossier.", "empty")]
    return [Para("L'appel à projets ne fixe pas de priorité transversale.", "empty")]


def programme_blocks(ctx: Context, h2: Callable[[str], Heading]) -> list[Block]:
    """The call answered, then for each action its enjeux, operational and transversal priorities."""
    blocks: list[Block] = [h2("L'appel à projets"), *_call_blocks(ctx)]
    several = len(ctx.dossier.actions) > 1
    for index, action in enumerate(ctx.dossier.actions):
        prefix = f"Action {index + 1} — " if several else ""
        blocks += [
            h2(f"{prefix}{ctx.enjeu_label_plural} du contrat de ville"),
            *_enjeux_blocks(ctx, action),
            h2(f"{prefix}Priorités opérationnelles de l'appel"),
            *_operational_blocks(ctx, action),
            h2(f"{prefix}Priorités transversales"),
            *_transversal_blocks(ctx, action),
        ]
    return blocks


# --------------------------------------------------------------------------------------------
# Documents checklist
# --------------------------------------------------------------------------------------------
def file_name(path: str) -> str:
    """The file's name without its folders (a local path says nothing to a funder)."""
    return re.split(r"[\\/]", path.rstrip("\\/"))[-1] if path.strip() else ""


def not_required_reason(requirement: str, dossier: Dossier) -> str:
    """Why a piece of the call's list is not asked of this dossier ("" when it is): a power of signature
    when the legal representative signs, the compte-rendu financier (CERFA 15059) for a first request."""
    if requirement == "delegation" and dossier.attestation.signatory_is_legal_representative:
        return "le représentant légal signe lui-même la demande"
    if requirement == "renouvellement" and not any(a.frequency == "renouvellement" for a in dossier.actions):
        return "première demande : rien à rendre compte"
    return ""


def documents_blocks(ctx: Context) -> list[Block]:
    by_id: dict[str, Document] = {d.id: d for d in ctx.dossier.documents}
    specs = ctx.call.documents if ctx.call else []
    listed = []
    for spec in specs:
        doc = by_id.get(spec.id, Document(id=spec.id))
        reason = not_required_reason(spec.requirement, ctx.dossier)
        if doc.state == "a_fournir" and not doc.path.strip() and (reason or spec.requirement == "facultatif"):
            note = doc.note.strip() or (f"Non demandée : {reason}." if reason else "Pièce facultative.")
            doc = Document(id=doc.id, path=doc.path, state="sans_objet", note=note)
        listed.append((spec.label, doc))
    known = {spec.id for spec in specs}
    listed += [(doc.id, doc) for doc in ctx.dossier.documents if doc.id not in known]
    if not listed:
        return [Para("Aucune pièce n'est demandée.", "empty")]
    rows = [Row((label, STATE_LABELS.get(doc.state, doc.state), file_name(doc.path), doc.note))
            for label, doc in listed]
    counts = {state: sum(1 for _, doc in listed if doc.state == state) for state in STATE_LABELS}
    summary = (f"{plural(counts['joint'], 'pièce jointe', 'pièces jointes')}, "
               f"{plural(counts['a_fournir'], 'manquante', 'manquantes')}, {counts['sans_objet']} sans objet.")
    return [
        Para(summary, "lead", keep_with_next=True),
        Table((Column("Pièce", 0.34), Column("État", 0.14), Column("Fichier", 0.27, file_names=True),
               Column("Remarque", 0.25)), tuple(rows)),
    ]


# --------------------------------------------------------------------------------------------
# Annex: the checks still open
# --------------------------------------------------------------------------------------------
def annex_blocks(verdicts: Sequence[VerdictLike] | None, ctx: Context) -> list[Block]:
    blocks: list[Block] = [
        StartAnnex("Aide-mémoire de l'application — à retirer avant l'envoi"),
        Heading(ANNEX_TITLE, 1),
        Banner("Cette page est un aide-mémoire produit par l'application à partir de ses vérifications. "
               "Elle ne fait pas partie de la demande de subvention : retirez-la avant d'envoyer le dossier."),
    ]
    if verdicts is None:
        blocks.append(Para("Les vérifications n'ont pas été lancées pour cet export.", "empty"))
        return blocks
    groups = group_by_level(verdicts)
    if not groups:
        blocks.append(Para("Aucune vérification ne reste ouverte : l'application n'a relevé aucun point "
                           "bloquant, aucun point à corriger et aucun conseil.", "lead"))
        return blocks
    total = sum(len(items) for _, _, items in groups)
    blocks.append(Para(f"{plural(total, 'point reste ouvert', 'points restent ouverts')} :", "lead",
                       keep_with_next=True))
    for title, explanation, items in groups:
        blocks.append(Heading(f"{title} ({len(items)})", 2))
        if explanation:
            blocks.append(Para(explanation, "note"))
        for verdict in items:
            details = []
            where = where_to_fix(tuple(verdict.fields), "", ctx.dossier, ctx.catalogue)
            if where:
                details.append(f"À l'{where}")
            if verdict.source.strip():
                details.append(f"Référence : {verdict.source}")
            blocks.append(Bullets((verdict.message,)))
            if details:
                blocks.append(Para(" — ".join(details), "detail"))
    return blocks
