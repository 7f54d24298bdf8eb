"""Laïcité, valeurs de la République, citoyenneté: the contrat d'engagement républicain (CER), and the
text of an action that claims this priority."""

from __future__ import annotations

import re
from collections.abc import Iterator

from forms.french import fold, french_date
from rules.context import Check, answer_path
from rules.registry import rule
from rules.texts import is_substantive
from rules.verdicts import Verdict

CER_FIELD = "attestation.cer_subscribed"
_ARTICLE_25_1 = re.compile(r"(?<![\d-])25\s*[-\u2010\u2011\u2013]\s*1(?![\d-])")


def _article_25_1(text: str) -> bool:
    """An approval given under article 25-1 of loi 2000-321 (the « tronc commun d'agrément »), as typed."""
    folded = fold(text)
    return _ARTICLE_25_1.search(folded) is not None or "tronc commun" in folded


@rule("laicite.cer")
def cer(c: Check) -> Iterator[Verdict]:
    """The CER is subscribed: bloquant from the date the parameter `cer_obligatoire` is in force."""
    if c.dossier.attestation.cer_subscribed:
        return
    value, definition = c.index.param_with_definition("cer_obligatoire")
    if value is not None and value.value is True:
        administration = c.dossier.association.administration
        approved = any(_article_25_1(f"{a.type} {a.number}") for a in administration.agrements)
        if administration.rup or approved:
            who = "reconnue d'utilité publique" if administration.rup else "agréée au titre de l'article 25-1"
            yield c.verdict(
                "conseil",
                f"Une association {who} est réputée avoir souscrit le contrat "
                "d'engagement républicain ; cochez tout de même la case de l'attestation pour éviter toute "
                "question.",
                CER_FIELD,
                source=value.reference,
            )
            return
        since = ""
        if definition is not None:
            starts = [d for d, v in definition.values.items() if v is value]
            since = f"depuis le {french_date(starts[0])}, " if starts else ""
        yield c.verdict(
            "bloquant",
            "Cochez, dans l'attestation, l'engagement à respecter le contrat d'engagement républicain : "
            f"{since}une demande de subvention sans cet engagement ne peut pas être acceptée.",
            CER_FIELD,
            source=value.reference,
        )
    elif value is None and definition is not None:
        # Not yet in force at the call's date: advice, citing the value that comes into force later.
        later = sorted(d for d, v in definition.values.items() if v.value is True and d > c.call.reference_date)
        if not later:
            return
        start = later[0]
        reference = definition.values[start].reference
        yield c.verdict(
            "conseil",
            f"Pour l'appel {c.call.year}, le contrat d'engagement républicain n'était pas encore "
            f"obligatoire ; il l'est depuis le {french_date(start)}. Le souscrire dès maintenant prépare vos "
            "prochaines demandes.",
            CER_FIELD,
            source=reference,
        )


@rule("laicite.texte")
def texte(c: Check) -> Iterator[Verdict]:
    """An action that claims the laïcité / citoyenneté priority says how."""
    for tp in c.index.transversal:
        if tp.theme != "laicite":
            continue
        for path, prefix, action in c.actions():
            answer = action.transversal.get(tp.id)
            if answer is None or answer.status != "traitee" or is_substantive(answer.text):
                continue
            yield c.verdict(
                "a_corriger",
                f"{prefix}Vous indiquez que l'action répond à la priorité « {tp.title} » : expliquez comment "
                "(par exemple des temps d'échange sur la laïcité, l'égalité et la citoyenneté, des "
                "intervenants formés, une charte de fonctionnement du groupe).",
                answer_path(path, tp.id, "text"),
                source=tp.source,
                quote=tp.source.quote or tp.text,
            )
