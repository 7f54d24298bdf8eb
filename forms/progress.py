"""How far the user got in each step: not started, in progress, complete, or with a blocking problem.

"Not started" and "looked at but incomplete" are kept apart (ux-patterns: honest states): a step is
started once the user opened it or entered something in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Literal

from forms.model import Action, Association, Attestation, Dossier, Public
from forms.steps import STEP_IDS

StepState = Literal["non_commence", "en_cours", "termine", "bloquant"]
STATE_LABELS: dict[str, str] = {
    "non_commence": "Non commencé",
    "en_cours": "En cours",
    "termine": "Terminé",
    "bloquant": "Problème bloquant",
}


def _action(d: Dossier) -> Action:
    return d.actions[0] if d.actions else Action()


def _action_has_data(d: Dossier) -> bool:
    a, blank = _action(d), Action()
    return any(
        getattr(a, name) != getattr(blank, name)
        for name in ("title", "objectives", "description", "start_date", "end_date", "places", "partners",
                     "human_means", "material_means", "expected_results", "indicators")
    )


_HAS_DATA: dict[str, Callable[[Dossier], bool]] = {
    "appel": lambda d: bool(d.call.call),
    "association": lambda d: d.association != Association(),
    "action": _action_has_data,
    "enjeux": lambda d: bool(_action(d).enjeux or _action(d).operational_priorities),
    "transversales": lambda d: any(t.status or t.text for t in _action(d).transversal.values()),
    "public": lambda d: _action(d).public != Public() or bool(_action(d).quartiers),
    "budget": lambda d: bool(
        _action(d).budget.lines or _action(d).budget.subsidies or _action(d).requested_cents
    ),
    "documents": lambda d: any(doc.state != "a_fournir" or doc.path for doc in d.documents),
    "attestation": lambda d: d.attestation != Attestation(),
    "verification": lambda d: False,
}


def step_started(dossier: Dossier, step_id: str) -> bool:
    return step_id in dossier.meta.visited_steps or _HAS_DATA[step_id](dossier)


def step_state(dossier: Dossier, step_id: str, verdicts: Iterable[Any]) -> StepState:
    """`verdicts` are the rules' verdicts (objects with `.step` and `.level`)."""
    levels = {v.level for v in verdicts if v.step == step_id}
    if step_id == "verification":
        levels = {v.level for v in verdicts}
    if not step_started(dossier, step_id):
        return "non_commence"
    if "bloquant" in levels:
        return "bloquant"
    if "a_corriger" in levels:
        return "en_cours"
    return "termine"


def step_states(dossier: Dossier, verdicts: Iterable[Any]) -> dict[str, StepState]:
    verdicts = list(verdicts)
    return {step_id: step_state(dossier, step_id, verdicts) for step_id in STEP_IDS}
