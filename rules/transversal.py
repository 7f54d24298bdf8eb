"""The transversal priorities every applicant must take into account (numérique, transition
écologique, innovation…): answered with a text, or marked not applicable with a reason.

Égalité femmes-hommes has its own, stricter rule (rules.egalite); the text of the laïcité priority is
judged by rules.laicite — this rule only asks that they be answered.
"""

from __future__ import annotations

from collections.abc import Iterator

from rules.context import Check, answer_path
from rules.registry import rule
from rules.texts import is_substantive
from rules.verdicts import Verdict


@rule("transversal.reponse")
def reponse(c: Check) -> Iterator[Verdict]:
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
