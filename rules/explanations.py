"""« Pourquoi ? »: for each rule, a plain-French explanation for a learner, and the passage it rests on.

The explanation (what the rule protects, who asks for it, what happens if it is ignored) is data in
`resources/rules/pourquoi.yaml`; the passage is the rule's own source (resources/rules/regles.yaml) and,
for a verdict, the sentence it quotes. `why_for` assembles both for the wizard's "Pourquoi ?" button and
the exercise's results.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from forms.datafile import load_data_file
from forms.programmes import RESOURCES_DIR, Catalogue, default_catalogue
from rules.registry import load_rule_infos
from rules.verdicts import Verdict

EXPLANATIONS_FILE = RESOURCES_DIR / "rules" / "pourquoi.yaml"


class ExplanationDataError(ValueError):
    """resources/rules/pourquoi.yaml is invalid or names a rule that does not exist."""


@dataclass
class Explanation:
    protege: str  # what the rule protects
    demande_par: str  # who asks for it
    sinon: str  # what happens if it is ignored


@dataclass
class ExplanationsFile:
    explications: dict[str, Explanation]


@functools.cache
def load_explanations(path: Path = EXPLANATIONS_FILE) -> dict[str, Explanation]:
    data = load_data_file(ExplanationsFile, path, ExplanationDataError)
    unknown = sorted(set(data.explications) - set(load_rule_infos()))
    if unknown:
        raise ExplanationDataError(f"{path}: règles inconnues : {', '.join(unknown)}")
    for rule_id, item in data.explications.items():
        for name in ("protege", "demande_par", "sinon"):
            if not getattr(item, name).strip():
                raise ExplanationDataError(f"{path}: {rule_id}.{name} est vide")
    return data.explications


@dataclass(frozen=True)
class Why:
    """Everything "Pourquoi ?" shows for one rule (and one verdict, when there is one)."""

    rule: str
    title: str  # what the rule checks
    protects: str
    asked_by: str
    if_ignored: str
    source: str  # "Title of the document, section"
    passage: str  # the sentence of the text (the verdict's quote, else the rule's), may be empty
    note: str  # the rule's own explanation from regles.yaml, may be empty

    def as_text(self) -> str:
        """The same, as plain text (tooltips, the exercise's results, tests)."""
        parts = [
            self.title,
            f"Ce que la règle protège : {self.protects}",
            f"Qui le demande : {self.asked_by}",
            f"Si on l'ignore : {self.if_ignored}",
            f"Source : {self.source}",
        ]
        if self.passage:
            parts.append(f"Le texte : « {self.passage} »")
        if self.note:
            parts.append(self.note)
        return "\n".join(parts)


def why_for(rule_id: str, verdict: Verdict | None = None, catalogue: Catalogue | None = None) -> Why | None:
    """The "Pourquoi ?" of a rule, with the verdict's own source and quote when given; None if unknown."""
    info = load_rule_infos().get(rule_id)
    explanation = load_explanations().get(rule_id)
    if info is None or explanation is None:
        return None
    catalogue = catalogue or default_catalogue()
    if verdict is not None and verdict.source:
        source = verdict.source
    else:
        source = info.source_text or catalogue.describe_source(info.source)
    passage = (verdict.quote if verdict is not None else "") or info.source.quote
    return Why(rule_id, info.title, explanation.protege, explanation.demande_par, explanation.sinon,
               source, passage, info.explanation)
