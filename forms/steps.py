"""The steps of the dossier, in the order a porteur de projet understands, and which step owns a field.

Field paths name a place in the model the way rules report it and the wizard finds it:
`association.identity.siret`, `actions[0].public.women`, `actions[0].transversal.egalite.text`,
`actions[0].budget.lines.604`, `actions[0].budget.subsidies[1].amount_cents`, `documents[3].state`,
`attestation.cer_subscribed`, `call.call`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Step:
    id: str
    title: str  # the page title, a subject a volunteer recognises
    hint: str  # one sentence under the title


STEPS: tuple[Step, ...] = (
    Step("appel", "L'appel à projets", "Le territoire et l'année de l'appel auquel vous répondez."),
    Step("association", "Votre association",
         "Qui vous êtes : ces informations servent à tous vos dossiers."),
    Step("action", "L'action", "Ce que vous voulez faire, pourquoi, où et quand."),
    Step("enjeux", "Enjeux et priorités", "À quels enjeux du contrat de ville votre action répond."),
    Step("transversales", "Priorités transversales",
         "Comment l'action prend en compte les priorités que l'appel demande à tous."),
    Step("public", "Public et quartiers", "Pour qui est l'action, et dans quels quartiers."),
    Step("budget", "Le budget de l'action", "Ce que l'action coûte et qui la finance."),
    Step("documents", "Pièces à joindre", "Les documents à envoyer avec la demande."),
    Step("attestation", "Attestation", "L'engagement signé par le représentant de l'association."),
    Step("verification", "Vérification et export",
         "Ce qui reste à corriger, puis le dossier en DOCX et PDF."),
)
STEP_IDS = tuple(s.id for s in STEPS)
_TITLES = {s.id: s.title for s in STEPS}


def step_title(step_id: str) -> str:
    """The title of a step, as the wizard's step list shows it (the id itself when it is unknown)."""
    return _TITLES.get(step_id, step_id)


# Longest prefix wins. `actions[*]` stands for any action index.
_PREFIXES: tuple[tuple[str, str], ...] = (
    ("call", "appel"),
    ("request", "appel"),
    ("association", "association"),
    ("actions[*].enjeux", "enjeux"),
    ("actions[*].operational_priorities", "enjeux"),
    ("actions[*].transversal", "transversales"),
    ("actions[*].public", "public"),
    ("actions[*].quartiers", "public"),
    ("actions[*].location", "public"),
    ("actions[*].budget", "budget"),
    ("actions[*].requested_cents", "budget"),
    ("actions[*]", "action"),
    ("actions", "action"),
    ("documents", "documents"),
    ("attestation", "attestation"),
    # after the request: the compte-rendu (CERFA 15059), the dossier's life, the renewal's bookkeeping
    ("actions[*].report", "verification"),
    ("lifecycle", "verification"),
    ("renewal", "verification"),
)


def normalise_path(path: str) -> str:
    """`actions[2].public.women` -> `actions[*].public.women` (for prefix matching)."""
    return re.sub(r"^actions\[\d+\]", "actions[*]", path)


def step_for_field(path: str) -> str:
    """The id of the step where the field at `path` is filled in."""
    norm = normalise_path(path)
    best = ""
    step = "verification"
    for prefix, step_id in _PREFIXES:
        if (norm == prefix or norm.startswith(prefix + ".") or norm.startswith(prefix + "[")) and len(
            prefix
        ) > len(best):
            best, step = prefix, step_id
    return step
