"""The transversal priorities every applicant must take into account (numérique, transition
écologique, innovation…): answered with a text, or marked not applicable with a reason.

Égalité femmes-hommes has its own, stricter rule (rules.egalite); the text of the laïcité priority is
judged by rules.laicite — this rule only asks that they be answered.
"""

from __future__ import annotations

from collections.abc import Iterator

from rules.context import Check, answer_path
from rules.registry import rule
from rules.texts import TO_CONFIRM, is_substantive
from rules.verdicts import Verdict


@rule("transversal.reponse")
def reponse(c: Check) -> Iterator[Verdict]:
    yield from _to_confirm(c)
    yield from _foreign_answers(c)
    for tp in c.index.transversal:
        if tp.theme == "egalite":
            continue
        quote = tp.source.quote or tp.text
        hint = f" {tp.prompt.strip()}" if tp.prompt.strip() else ""
        for path, prefix, action in c.actions():
            answer = action.transversal.get(tp.id)
            status = answer.status if answer else ""
            text = answer.text if answer else ""
            if status == "" and tp.required:
                yield c.verdict(
                    "a_corriger",
                    f"{prefix}L'appel demande à chaque candidat de prendre en compte « {tp.title} ». Dites "
                    f"comment l'action y répond, ou pourquoi elle ne s'applique pas.{hint}",
                    answer_path(path, tp.id, "status"),
                    source=tp.source,
                    quote=quote,
                )
            elif status == "non_applicable" and tp.required and not is_substantive(text):
                yield c.verdict(
                    "a_corriger",
                    f"{prefix}Expliquez en une ou deux phrases pourquoi « {tp.title} » ne s'applique pas à "
                    "l'action : l'appel demande à chaque candidat de la prendre en compte.",
                    answer_path(path, tp.id, "text"),
                    source=tp.source,
                    quote=quote,
                )
            elif status == "traitee" and tp.theme != "laicite" and not is_substantive(text):
                yield c.verdict(
                    "a_corriger" if tp.required else "conseil",
                    f"{prefix}Vous indiquez que l'action répond à « {tp.title} » : expliquez concrètement "
                    f"comment.{hint}",
                    answer_path(path, tp.id, "text"),
                    source=tp.source,
                    quote=quote,
                )


def _to_confirm(c: Check) -> Iterator[Verdict]:
    """Priorities the data marks « à confirmer » and the applicant left unanswered: one advice per action,
    never an obligation (the call's text that would make them one is not known)."""
    pending = [tp for tp in c.index.transversal if tp.to_confirm and not tp.required]
    if not pending:
        return
    for path, prefix, action in c.actions():
        unanswered = [tp for tp in pending if not (action.transversal.get(tp.id) and action.transversal[tp.id].status)]
        if not unanswered:
            continue
        names = ", ".join(f"« {tp.title} »" for tp in unanswered)
        yield c.verdict(
            "conseil",
            f"{prefix}Priorités transversales à confirmer ({names}) : {TO_CONFIRM} Dire comment l'action y "
            "répond renforce le dossier.",
            answer_path(path, unanswered[0].id, "status"),
            source=unanswered[0].source,
            quote="",
        )


def _foreign_answers(c: Check) -> Iterator[Verdict]:
    """Answers kept from another call (a dossier copied into this call): they match no priority of this
    call and would be printed as unknown. Say so, once per action."""
    known = {tp.id for tp in c.index.transversal}
    for path, prefix, action in c.actions():
        foreign = [key for key, answer in action.transversal.items()
                   if key not in known and (answer.status or answer.text.strip())]
        if not foreign:
            continue
        names = ", ".join(f"« {_title_elsewhere(c, key)} »" for key in foreign)
        if c.index.transversal:
            then = "reprenez ce qui sert dans les priorités transversales de cet appel, puis effacez ces réponses"
        else:
            then = "cet appel ne fixe pas de priorité transversale connue de l'application : effacez ces réponses"
        yield c.verdict(
            "a_corriger",
            f"{prefix}Le dossier garde des réponses à des priorités transversales d'un autre appel ({names}), qui "
            f"ne sont pas celles de l'appel {c.call.year} : {then}.",
            f"{path}.transversal",
        )


def _title_elsewhere(c: Check, key: str) -> str:
    """The title another call of the catalogue gives this priority id (as its step showed it), else the id."""
    for call in c.index.catalogue.calls.values():
        for tp in call.transversal:
            if tp.id == key:
                return tp.title
    return key
