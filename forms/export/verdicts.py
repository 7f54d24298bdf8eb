"""What the exports need to know of a check's verdict, without importing `rules` (layers: forms is below).

`rules.check_dossier(dossier, catalogue)` returns objects with these attributes; any object that has them
(a dataclass, a named tuple, a test double) can be passed to the exports.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

LEVELS: tuple[tuple[str, str, str], ...] = (
    ("bloquant", "Points bloquants", "À régler avant d'envoyer le dossier : en l'état, il serait refusé."),
    ("a_corriger", "Points à corriger", "Des informations manquent ou se contredisent."),
    ("conseil", "Conseils", "Des suggestions pour renforcer la demande."),
)
LEVEL_IDS = tuple(level for level, _, _ in LEVELS)


class VerdictLike(Protocol):
    """One open check result. Read-only attributes, so frozen dataclasses fit too."""

    @property
    def rule(self) -> str: ...  # the rule's id, e.g. "budget.equilibre"

    @property
    def level(self) -> str: ...  # "bloquant" | "a_corriger" | "conseil"

    @property
    def message(self) -> str: ...  # a French sentence for the applicant

    @property
    def source(self) -> str: ...  # where the rule comes from (call, law, CERFA), as one line

    @property
    def fields(self) -> Sequence[str]: ...  # paths of the fields concerned (forms.steps)


def group_by_level(verdicts: Sequence[VerdictLike]) -> list[tuple[str, str, list[VerdictLike]]]:
    """(title, explanation, verdicts) per level, in the order bloquant, à corriger, conseil; levels
    with no verdict are left out, unknown levels come last under their own name."""
    groups: list[tuple[str, str, list[VerdictLike]]] = []
    for level, title, explanation in LEVELS:
        items = [v for v in verdicts if v.level == level]
        if items:
            groups.append((title, explanation, items))
    others = sorted({v.level for v in verdicts} - set(LEVEL_IDS))
    for level in others:
        groups.append((f"Autres ({level})", "", [v for v in verdicts if v.level == level]))
    return groups
