"""The suggester's evaluation set and its measure, shared by tests/suggest and bench/bench_suggest.py.

Cases (none written or chosen after tuning):
- eval_blois.yaml: descriptions in an association's voice, one or two per operational priority of the
  Blois 2023 call, and two for the enjeu 1; right when the top enjeu is one of its volet's enjeux;
- eval_blois_holdout.yaml: longer descriptions written after the scorer and lexicon were settled, never
  used to tune them (the honest figure for unseen Blois texts);
- eval_amboise.yaml: one description per objectif spécifique of the Amboise 2022 call; right when the top
  priorité is the objective's;
- the Amboise PERR's "actions opérationnelles" under each priorité (seed 003, via territoire.yaml), each
  scored by a suggester whose programme data no longer contains that action (leave-one-out);
- the example dossiers of resources/examples: right when the top enjeu is one the example chose.

The baseline is the crude measure the issue compares against: TF-IDF cosine between the description and
each enjeu's texts, words lower-cased, no lemmas, no lexicon.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from forms.programmes import RESOURCES_DIR, Block, Call, Catalogue, Territory
from forms.storage import load_dossier
from rules.suggest import Suggester, description_of_action
from rules.suggest.knowledge import BLOCKS
from rules.suggest.lexicon import Lexicon, load_lexicon
from rules.suggest.text import Lemmatise, simplemma_lemmatiser

HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Case:
    id: str
    call: str
    text: str
    expected: frozenset[str]  # the top enjeu must be one of these
    origin: str  # "blois", "amboise", "perr-amboise", "exemple"
    removed: tuple[str, str] | None = None  # (enjeu id, action text) to take out of the programme data


def _yaml(name: str) -> dict:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def blois_cases(name: str = "eval_blois.yaml", origin: str = "blois") -> list[Case]:
    data = _yaml(name)
    return [Case(c["id"], data["call"], c["text"], frozenset(data["volets"][c["volet"]]), origin)
            for c in data["cases"]]


def holdout_cases() -> list[Case]:
    return blois_cases("eval_blois_holdout.yaml", "blois-témoin")


def amboise_cases() -> list[Case]:
    data = _yaml("eval_amboise.yaml")
    return [Case(c["id"], data["call"], c["text"], frozenset([c["expected"]]), "amboise") for c in data["cases"]]


def perr_action_cases(catalogue: Catalogue, call_id: str = "amboise-2022") -> list[Case]:
    territory = catalogue.territory_of(catalogue.call(call_id))
    out = []
    for enjeu in territory.enjeux:
        for i, item in enumerate(enjeu.actions.items if enjeu.actions else []):
            out.append(Case(f"{enjeu.id}-action-{i + 1}", call_id, item, frozenset([enjeu.id]), "perr-amboise",
                            removed=(enjeu.id, item)))
    return out


def example_cases() -> list[Case]:
    out = []
    for path in sorted((RESOURCES_DIR / "examples").glob("*.cdv.json")):
        dossier = load_dossier(path)
        action = dossier.actions[0]
        text = description_of_action(action.title, action.objectives, action.description)
        out.append(Case(path.name.removesuffix(".cdv.json"), dossier.call.call, text, frozenset(action.enjeux),
                        "exemple"))
    return out


def evaluation_sets(catalogue: Catalogue) -> dict[str, list[Case]]:
    """The cases by set, named as the README's table of figures (bench/bench_suggest.py) names them."""
    return {
        "Blois (avant réglage)": blois_cases(),
        "Blois (témoin)": holdout_cases(),
        "Amboise (objectifs)": amboise_cases(),
        "Amboise (actions du PERR)": perr_action_cases(catalogue),
        "Exemples": example_cases(),
    }


def all_cases(catalogue: Catalogue) -> list[Case]:
    return [case for cases in evaluation_sets(catalogue).values() for case in cases]


def without_action(territory: Territory, enjeu_id: str, text: str) -> Territory:
    """The territory with one action taken out of its enjeu's list (leave-one-out)."""
    enjeux = []
    for enjeu in territory.enjeux:
        if enjeu.id == enjeu_id and enjeu.actions:
            items = [i for i in enjeu.actions.items if i != text]
            enjeu = dataclasses.replace(enjeu, actions=dataclasses.replace(enjeu.actions, items=items))
        enjeux.append(enjeu)
    return dataclasses.replace(territory, enjeux=enjeux)


Ranker = Callable[[Case], list[str]]  # a case -> enjeu ids, best first


def suggester_ranker(catalogue: Catalogue, lemmatise: Lemmatise | None = None, use_lexicon: bool = True) -> Ranker:
    """The suggester as shipped, or with another word normaliser (the lexicon is checked with the shipped
    one: a stemmer may legitimately merge two of its terms), or without lexicon."""
    plain: dict[str, Suggester] = {}
    lexicons: dict[str, Lexicon | None] = {}

    def lexicon_of(call_id: str) -> Lexicon | None:
        territory = catalogue.call(call_id).territory
        if territory not in lexicons:
            lexicons[territory] = load_lexicon(catalogue, territory, simplemma_lemmatiser()) if use_lexicon else None
        return lexicons[territory]

    def ranked(case: Case) -> list[str]:
        if case.removed:
            call = catalogue.call(case.call)
            territory = without_action(catalogue.territory_of(call), *case.removed)
            suggester = Suggester(catalogue, case.call, lemmatise=lemmatise, territory=territory,
                                  lexicon=lexicon_of(case.call), use_lexicon=use_lexicon)
        else:
            if case.call not in plain:
                plain[case.call] = Suggester(catalogue, case.call, lemmatise=lemmatise, lexicon=lexicon_of(case.call),
                                             use_lexicon=use_lexicon)
            suggester = plain[case.call]
        return [r.id for r in suggester.suggest(case.text).enjeux]

    return ranked


# ------------------------------------------------------------------------------------ the baseline
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _enjeu_texts(territory: Territory, call: Call) -> dict[str, str]:
    out = {}
    for enjeu in territory.enjeux:
        blocks: list[Block] = [b for b in (getattr(enjeu, n) for n in BLOCKS) if b is not None]
        parts = [enjeu.title, enjeu.summary, *(i for b in [*blocks, *enjeu.engagements] for i in b.items)]
        parts += [p.text for p in call.operational_priorities if enjeu.id in p.enjeux]
        out[enjeu.id] = " ".join(parts)
    return out


def tfidf_ranker(catalogue: Catalogue) -> Ranker:
    """The crude baseline: TF-IDF vectors of each enjeu's texts, cosine with the description's."""

    def ranked(case: Case) -> list[str]:
        call = catalogue.call(case.call)
        territory = catalogue.territory_of(call)
        if case.removed:
            territory = without_action(territory, *case.removed)
        docs = {eid: Counter(_words(t)) for eid, t in _enjeu_texts(territory, call).items()}
        n = len(docs)
        df = Counter(w for d in docs.values() for w in d)
        idf = {w: math.log(n / c) + 1 for w, c in df.items()}

        def vec(counts: Counter) -> dict[str, float]:
            return {w: c * idf.get(w, 0.0) for w, c in counts.items()}

        query = vec(Counter(_words(case.text)))
        qn = math.sqrt(sum(v * v for v in query.values())) or 1.0
        scores = []
        for i, (eid, counts) in enumerate(docs.items()):
            d = vec(counts)
            dn = math.sqrt(sum(v * v for v in d.values())) or 1.0
            scores.append((-sum(q * d.get(w, 0.0) for w, q in query.items()) / (qn * dn), i, eid))
        return [eid for *_x, eid in sorted(scores)]

    return ranked


@dataclass
class Result:
    hits: int
    total: int
    misses: list[tuple[Case, list[str]]]

    @property
    def accuracy(self) -> float:
        return self.hits / self.total if self.total else 0.0


def evaluate(cases: Iterable[Case], ranker: Ranker) -> Result:
    hits, total, misses = 0, 0, []
    for case in cases:
        ranking = ranker(case)
        total += 1
        if ranking and ranking[0] in case.expected:
            hits += 1
        else:
            misses.append((case, ranking[:3]))
    return Result(hits, total, misses)
