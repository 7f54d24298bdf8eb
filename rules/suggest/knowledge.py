"""What the suggester knows about a call: for each enjeu (and each operational priority) the passages of
the programme data and of the lexicon, and the terms of each passage with its weight.

A passage is a text shown to the user as the reason of a suggestion ("source_text"): an axe, an objective,
an engagement, a priority of the call, or the programme text a lexicon group spells out. Its terms are the
lemma keys of its content words; a lexicon group's terms are its own terms (single words or phrases).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from forms.programmes import Block, Call, Catalogue, Enjeu, OperationalPriority, Source, Territory
from rules.suggest.lexicon import Lexicon
from rules.suggest.text import Lemmatise, term_keys, tokens

Term = tuple[str, ...]  # one lemma key, or the keys of a phrase

# How much a passage counts, by where it comes from. The lexicon speaks the applicants' words and is the
# main evidence; the contract's titles and the call's priorities come next; long lists of engagements and
# indicators, written for institutions, count least.
WEIGHTS = {
    "lexique": 3.0,
    "title": 2.0,
    "priority": 1.5,
    "summary": 1.0,
    "axes": 1.0,
    "objectives": 1.5,
    "actions": 1.0,
    "transversal": 0.7,
    "engagements": 0.7,
    "indicators": 0.5,
    "pacte_dijon": 0.3,
}
BLOCKS = ("axes", "objectives", "actions", "transversal", "indicators", "pacte_dijon")


@dataclass(frozen=True)
class Passage:
    text: str  # shown as "source_text"
    source: Source
    weight: float
    terms: frozenset[Term]
    lexicon: bool = False


@dataclass
class Target:
    """An enjeu or an operational priority, and what it is made of."""

    id: str
    passages: list[Passage]
    enjeux: list[str] = field(default_factory=list)  # a priority's enjeux
    weights: dict[Term, float] = field(default_factory=dict)  # term -> summed weight of its passages
    length: float = 0.0

    def index(self) -> None:
        self.weights = {}
        for p in self.passages:
            for term in p.terms:
                self.weights[term] = self.weights.get(term, 0.0) + p.weight
        self.length = sum(p.weight * max(1, len(p.terms)) for p in self.passages)


@dataclass
class Knowledge:
    call: Call
    territory: Territory
    enjeux: list[Target]
    priorities: list[Target]
    phrases: dict[str, list[Term]]  # first key -> phrases starting with it (to find them in a text)
    enjeu_postings: dict[Term, list[tuple[int, float]]] = field(default_factory=dict)
    priority_postings: dict[Term, list[tuple[int, float]]] = field(default_factory=dict)
    ignored: frozenset[str] = frozenset()  # place names: never a reason


def postings(targets: list[Target]) -> dict[Term, list[tuple[int, float]]]:
    """term -> [(index of a target that has it, its weight there)]: a text's terms look up only those."""
    out: dict[Term, list[tuple[int, float]]] = {}
    for i, target in enumerate(targets):
        for term, weight in target.weights.items():
            out.setdefault(term, []).append((i, weight))
    return out


def _text_passage(text: str, source: Source, kind: str, lemmatise: Lemmatise,
                  ignored: frozenset[str] = frozenset()) -> Passage | None:
    terms = frozenset((t.key,) for t in tokens(text, lemmatise) if t.key not in ignored)
    return Passage(text, source, WEIGHTS[kind], terms) if terms else None


def _block_passages(block: Block | None, kind: str, lemmatise: Lemmatise,
                    ignored: frozenset[str]) -> Iterable[Passage | None]:
    if block is not None:
        for item in block.items:
            yield _text_passage(item, block.source, kind, lemmatise, ignored)


def enjeu_passages(enjeu: Enjeu, priorities: list[OperationalPriority], lexicon: Lexicon | None,
                   lemmatise: Lemmatise, ignored: frozenset[str] = frozenset()) -> list[Passage]:
    found: list[Passage | None] = [
        _text_passage(enjeu.title, enjeu.source, "title", lemmatise, ignored),
        _text_passage(enjeu.summary, enjeu.source, "summary", lemmatise, ignored) if enjeu.summary else None,
    ]
    for name in BLOCKS:
        found.extend(_block_passages(getattr(enjeu, name), name, lemmatise, ignored))
    for block in enjeu.engagements:
        found.extend(_block_passages(block, "engagements", lemmatise, ignored))
    found.extend(_text_passage(p.text, p.source, "priority", lemmatise, ignored) for p in priorities)
    if lexicon is not None:
        for group in lexicon.enjeux.get(enjeu.id, []):
            terms = frozenset(k for k in (term_keys(t, lemmatise) for t in group.terms) if k)
            found.append(Passage(group.about, group.source, WEIGHTS["lexique"], terms, lexicon=True))
    return [p for p in found if p is not None]


def build_knowledge(catalogue: Catalogue, call: Call, lexicon: Lexicon | None, lemmatise: Lemmatise,
                    territory: Territory | None = None) -> Knowledge:
    """The knowledge of one call. `territory` replaces the catalogue's (the evaluation removes a text)."""
    territory = territory or catalogue.territory_of(call)
    ignored = place_keys(catalogue, call, territory, lemmatise)
    enjeux = []
    for enjeu in territory.enjeux:
        priorities = [p for p in call.operational_priorities if enjeu.id in p.enjeux]
        enjeux.append(Target(enjeu.id, enjeu_passages(enjeu, priorities, lexicon, lemmatise, ignored)))
    priorities = []
    for p in call.operational_priorities:
        # its own text only: its group's heading is the same for its neighbours, its enjeu's score covers it
        passage = _text_passage(p.text, p.source, "priority", lemmatise, ignored)
        priorities.append(Target(p.id, [passage] if passage else [], enjeux=list(p.enjeux)))
    phrases: dict[str, list[Term]] = {}
    for target in [*enjeux, *priorities]:
        target.index()
        for term in target.weights:
            if len(term) > 1 and term not in phrases.get(term[0], []):
                phrases.setdefault(term[0], []).append(term)
    return Knowledge(call, territory, enjeux, priorities, phrases, postings(enjeux), postings(priorities), ignored)


def place_keys(catalogue: Catalogue, call: Call, territory: Territory, lemmatise: Lemmatise) -> frozenset[str]:
    """The words of the territory's place names (communes, quartiers, their sectors): "Verrerie" or "Coty"
    say where an action takes place, not what it serves, though a programme text may name them."""
    names = [territory.name, *(c.name for c in territory.communes)]
    geography = catalogue.geographies.get(call.geography)
    if geography is not None:
        for quartier in geography.quartiers:
            if quartier.commune in names or quartier.insee in {c.insee for c in territory.communes}:
                names += [quartier.name, *quartier.sectors]
    return frozenset(t.key for name in names for t in tokens(name, lemmatise) if not t.key.startswith("="))
