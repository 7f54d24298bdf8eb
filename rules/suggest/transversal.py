"""Does the description already answer the call's transversal priorities? For each one: the sentences that
address it (quoted), and what funders look for that the text does not say yet.

A theme's aspects come from the lexicon (resources/lexique/, a territory's lexique*.yaml). A theme without
aspects falls back on the call's own words for the priority (its text and details), and on its `prompt`
for what is missing. A sentence that denies ("L'action ne traite pas du numérique") is no evidence.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from forms.programmes import TransversalPriority
from rules.suggest.lexicon import Aspect
from rules.suggest.text import Lemmatise, Token, is_negative, sentences, term_keys, tokens

MAX_EVIDENCE = 3


@dataclass(frozen=True)
class TransversalFinding:
    id: str
    title: str
    found: bool
    evidence: tuple[str, ...]  # sentences of the description, as written
    missing: str  # "" when the text says all that funders look for
    aspects_found: tuple[str, ...] = ()  # looks_for of the aspects the text addresses


@dataclass(frozen=True)
class CompiledAspect:
    looks_for: str
    terms: tuple[tuple[str, ...], ...]
    missing: str = ""  # the whole "missing" sentence, for a theme without lexicon (the call's prompt)


def compile_aspects(tp: TransversalPriority, aspects: list[Aspect], lemmatise: Lemmatise) -> list[CompiledAspect]:
    if aspects:
        return [CompiledAspect(a.looks_for, tuple(k for k in (term_keys(t, lemmatise) for t in a.terms) if k))
                for a in aspects]
    words = " ".join([tp.text, *tp.details])
    keys = tuple(dict.fromkeys((t.key,) for t in tokens(words, lemmatise)))
    missing = tp.prompt or f"Le texte ne parle pas encore de « {tp.title} »."
    return [CompiledAspect(tp.title, keys, missing)]


@dataclass(frozen=True)
class SentenceTerms:
    text: str
    terms: frozenset[tuple[str, ...]]  # its content words' keys, and its phrases of the sizes looked for


def sentence_terms(text: str, toks: list[Token], sizes: set[int]) -> list[SentenceTerms]:
    """The description's sentences that may be evidence (not the negative ones), with their terms."""
    starts = [t.start for t in toks]
    out = []
    for sentence in sentences(text):
        if is_negative(sentence.text):
            continue
        inside = toks[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
        keys = [t.key for t in inside]
        grams = {tuple(keys[i:i + n]) for n in sizes for i in range(len(keys) - n + 1)}
        out.append(SentenceTerms(sentence.text, frozenset({(t.key,) for t in inside if not t.stop} | grams)))
    return out


def phrase_sizes(aspects: list[CompiledAspect]) -> set[int]:
    return {len(term) for a in aspects for term in a.terms if len(term) > 1}


def find_transversal(tp: TransversalPriority, aspects: list[CompiledAspect],
                     split: list[SentenceTerms]) -> TransversalFinding:
    evidence: list[str] = []
    matched: set[int] = set()
    for sentence in split:
        hits = {i for i, a in enumerate(aspects) if not sentence.terms.isdisjoint(a.terms)}
        if hits:
            matched |= hits
            if len(evidence) < MAX_EVIDENCE:
                evidence.append(sentence.text)
    unmatched = [a for i, a in enumerate(aspects) if i not in matched]
    if not unmatched:
        missing = ""
    elif unmatched[0].missing:
        missing = unmatched[0].missing
    else:
        missing = "Le texte ne dit pas encore " + " ; ni ".join(a.looks_for for a in unmatched) + "."
    return TransversalFinding(
        tp.id,
        tp.title,
        bool(matched),
        tuple(evidence),
        missing,
        tuple(a.looks_for for i, a in enumerate(aspects) if i in matched),
    )
