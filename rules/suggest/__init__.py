"""Suggest the enjeux and priorities an action serves, from its description, and say whether the text
already answers the call's transversal priorities (issue 14). Pure Python, offline, deterministic.

    suggester = suggester_for(catalogue, "blois-2023")   # slow the first time: load it in the background
    result = suggester.suggest(description)               # a few milliseconds
    result.to_dict()                                      # the JSON of `main.py suggest --json`

The knowledge is the programme data (rules.suggest.knowledge) and the lexicons beside it
(rules.suggest.lexicon); the ranking is explained in rules.suggest.scoring.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from forms.programmes import Catalogue, Territory
from rules.suggest.knowledge import Knowledge, build_knowledge
from rules.suggest.lexicon import Lexicon, cached_lexicon, load_lexicon
from rules.suggest.scoring import Ranked, Reason, find_terms, rank
from rules.suggest.text import Lemmatise, all_tokens, simplemma_lemmatiser
from rules.suggest.transversal import (
    CompiledAspect,
    TransversalFinding,
    compile_aspects,
    find_transversal,
    phrase_sizes,
    sentence_terms,
)

__all__ = [
    "EmptyDescriptionError",
    "Ranked",
    "Reason",
    "Suggester",
    "Suggestion",
    "TransversalFinding",
    "description_of_action",
    "suggester_for",
]


class EmptyDescriptionError(ValueError):
    """The description has no word to work on."""


@dataclass(frozen=True)
class Suggestion:
    enjeux: tuple[Ranked, ...]
    priorities: tuple[Ranked, ...]
    transversal: tuple[TransversalFinding, ...]

    def to_dict(self) -> dict:
        """The JSON shape of `main.py suggest --json` (issue 14)."""

        def why(r: Ranked) -> list[dict]:
            return [{"words": list(x.words), "source_text": x.source_text} for x in r.why]

        return {
            "enjeux": [{"id": r.id, "score": round(r.score, 2), "why": why(r)} for r in self.enjeux],
            "priorities": [
                {"id": r.id, "enjeu": r.enjeu, "score": round(r.score, 2), "why": why(r)} for r in self.priorities
            ],
            "transversal": [
                {"id": f.id, "found": f.found, "evidence": list(f.evidence), "missing": f.missing}
                for f in self.transversal
            ],
        }


class Suggester:
    """The suggester of one call: its knowledge built once, then `suggest(text)` as often as needed."""

    def __init__(self, catalogue: Catalogue, call_id: str, *, lemmatise: Lemmatise | None = None,
                 lexicon: Lexicon | None = None, territory: Territory | None = None,
                 use_lexicon: bool = True) -> None:
        self.catalogue = catalogue
        self.call = catalogue.call(call_id)
        self.lemmatise = lemmatise or simplemma_lemmatiser()
        if lexicon is None and use_lexicon:
            lexicon = load_lexicon(catalogue, self.call.territory, self.lemmatise)
        self.lexicon = lexicon
        self.knowledge: Knowledge = build_knowledge(catalogue, self.call, lexicon, self.lemmatise, territory)
        self.aspects: dict[str, list[CompiledAspect]] = {
            tp.id: compile_aspects(tp, lexicon.transversal.get(tp.theme, []) if lexicon else [], self.lemmatise)
            for tp in self.call.transversal
        }
        self.phrase_sizes = {n for aspects in self.aspects.values() for n in phrase_sizes(aspects)}

    def suggest(self, text: str) -> Suggestion:
        toks = all_tokens(text, self.lemmatise)
        if not any(not t.stop for t in toks):
            raise EmptyDescriptionError("La description est vide : écrivez quelques phrases sur l'action.")
        matches = find_terms(text, toks, self.knowledge)
        words = sum(1 for t in toks if not t.stop)
        enjeux, priorities = rank(self.knowledge, matches, self.catalogue.describe_source, words)
        split = sentence_terms(text, toks, self.phrase_sizes)
        transversal = tuple(find_transversal(tp, self.aspects[tp.id], split) for tp in self.call.transversal)
        return Suggestion(tuple(enjeux), tuple(priorities), transversal)


@functools.cache
def suggester_for(catalogue: Catalogue, call_id: str) -> Suggester:
    """The suggester of a call, built once per catalogue (the lemmatiser and lexicon loaded with it)."""
    lemmatise = simplemma_lemmatiser()
    territory = catalogue.call(call_id).territory
    return Suggester(catalogue, call_id, lemmatise=lemmatise,
                     lexicon=cached_lexicon(catalogue, territory, lemmatise))


def description_of_action(title: str, objectives: str, description: str, *more: str) -> str:
    """The text the wizard suggests from: the action's title, objectives and description (and more)."""
    return "\n\n".join(part.strip() for part in (title, objectives, description, *more) if part and part.strip())
