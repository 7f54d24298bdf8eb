"""What a rule says about a dossier: a verdict, with its level, its reason and where to fix it.

This module is the public vocabulary the wizard, the exports and the command line share; it has no
dependency on the programme data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from forms.steps import STEP_IDS

Level = Literal["bloquant", "a_corriger", "conseil"]
LEVELS: tuple[Level, ...] = ("bloquant", "a_corriger", "conseil")
"""From the most to the least serious: the order verdicts are sorted and shown in."""

LEVEL_LABELS: dict[Level, str] = {"bloquant": "Bloquant", "a_corriger": "À corriger", "conseil": "Conseil"}
LEVEL_HELP: dict[Level, str] = {
    "bloquant": "le dossier ne peut pas être recevable tant que ce point n'est pas réglé",
    "a_corriger": "le financeur le demandera très probablement",
    "conseil": "améliore le dossier",
}


@dataclass(frozen=True)
class Verdict:
    """One finding of one rule on one dossier."""

    rule: str  # stable id, e.g. "qpv.quartiers", "budget.equilibre", "format.siret"
    level: Level
    message: str  # plain French a volunteer understands; says what to do
    source: str  # one-line French reference: title + exact section
    quote: str = ""  # the sentence of the call / contract / law it comes from, when available
    fields: tuple[str, ...] = ()  # model field paths (forms.steps syntax); the first is where to jump
    step: str = ""  # wizard step id (forms.steps.step_for_field(fields[0]) when built by the engine)

    def to_dict(self) -> dict[str, object]:
        """Plain data for JSON (command line, logs)."""
        return {
            "rule": self.rule,
            "level": self.level,
            "message": self.message,
            "source": self.source,
            "quote": self.quote,
            "fields": list(self.fields),
            "step": self.step,
        }


_LEVEL_RANK = {level: i for i, level in enumerate(LEVELS)}
_STEP_RANK = {step: i for i, step in enumerate(STEP_IDS)}


def sort_key(verdict: Verdict) -> tuple[int, int]:
    """Level first, then the wizard's step order (a stable sort keeps each rule's own order)."""
    return _LEVEL_RANK[verdict.level], _STEP_RANK.get(verdict.step, len(STEP_IDS))


def verdicts_by_level(verdicts: Iterable[Verdict]) -> dict[Level, list[Verdict]]:
    """The verdicts grouped by level, every level present (possibly empty), in LEVELS order."""
    groups: dict[Level, list[Verdict]] = {level: [] for level in LEVELS}
    for verdict in verdicts:
        groups[verdict.level].append(verdict)
    return groups
