"""Ranking the enjeux and the call's priorities for a description: a BM25 score over the terms of the
description, each target's terms weighted by where they come from (rules.suggest.knowledge), every point
of score traced back to the words of the description and the passages they match.

BM25 because it is the plain, well-understood measure for "how much does this text speak of that": a term
found under one enjeu only counts much more than a term found under all of them (inverse document
frequency), and a long enjeu (Blois' enjeu 2 and its many engagements) does not win by its length alone.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from rules.suggest.knowledge import Knowledge, Passage, Target, Term
from rules.suggest.text import Token

K1 = 1.2  # BM25 saturation: the second occurrence of a term counts less than the first
B = 0.75  # BM25 length normalisation
SCALE = 4.0  # raw score shown as 1 - 1/e ≈ 63 %: a description that clearly speaks of the enjeu
LENGTH = 40  # content words of a short description (three or four sentences)
PRIORITY_OWN = 0.4  # a priority's score: its own words for this share, its enjeu's score for the rest
PRIORITY_SHOWN = 0.2  # a priority is proposed when its own words give at least this evidence
MAX_REASONS = 3
REASON_FLOOR = 0.25  # a reason carries at least this share of the best reason


@dataclass(frozen=True)
class Reason:
    words: tuple[str, ...]  # as written in the description
    source_text: str
    where: str = ""  # the source, in words (for the window; not part of the JSON)


@dataclass(frozen=True)
class Ranked:
    id: str
    score: float  # in [0, 1]
    why: tuple[Reason, ...]
    enjeu: str = ""  # for a priority: its enjeu that scored best
    own: float = 0.0  # for a priority: how clearly the text speaks of its own words, in [0, 1]

    @property
    def proposed(self) -> bool:
        """A priority worth proposing: the text shares more than a word in passing with it."""
        return bool(self.why) and self.own >= PRIORITY_SHOWN


@dataclass
class Matches:
    """The terms of a description: how often each appears and the words that wrote it."""

    counts: Counter[Term]
    surfaces: dict[Term, list[str]]


def find_terms(text: str, toks: list[Token], knowledge: Knowledge) -> Matches:
    counts: Counter[Term] = Counter()
    surfaces: dict[Term, list[str]] = {}

    def add(term: Term, surface: str) -> None:
        counts[term] += 1
        seen = surfaces.setdefault(term, [])
        if surface not in seen:
            seen.append(surface)

    keys = [t.key for t in toks]
    covered: set[int] = set()  # words inside a phrase found: the phrase counts, not its words again
    for i, tok in enumerate(toks):
        for phrase in knowledge.phrases.get(tok.key, ()):
            if tuple(keys[i:i + len(phrase)]) == phrase:
                last = toks[i + len(phrase) - 1]
                add(phrase, text[tok.start:last.start + len(last.surface)])
                covered.update(range(i, i + len(phrase)))
    for i, tok in enumerate(toks):
        if not tok.stop and i not in covered and tok.key not in knowledge.ignored:
            add((tok.key,), tok.surface)
    return Matches(counts, surfaces)


def bm25(targets: list[Target], index: dict[Term, list[tuple[int, float]]],
         matches: Matches) -> list[tuple[float, dict[Term, float]]]:
    """For each target, its raw score and the share of each term in it."""
    n = len(targets)
    avg = sum(t.length for t in targets) / n if n else 1.0
    norms = [K1 * (1 - B + B * t.length / avg) if avg else K1 for t in targets]
    parts: list[dict[Term, float]] = [{} for _ in targets]
    for term, count in matches.counts.items():
        posting = index.get(term)
        if not posting:
            continue
        df = len(posting)
        idf = math.log(1 + (n - df + 0.5) / (df + 0.5))
        tf = (1 + math.log(count)) * idf
        for i, w in posting:
            parts[i][term] = tf * w * (K1 + 1) / (w + norms[i])
    return [(sum(p.values()), p) for p in parts]


def evidence(raw: float, words: int = 0) -> float:
    """How clearly a text speaks of a target, in [0, 1]. A long text gathers more evidence for every enjeu:
    the scale grows with the square root of its length past a short description (LENGTH words)."""
    return 1 - math.exp(-raw / (SCALE * max(1.0, math.sqrt(words / LENGTH))))


def shown_scores(raws: list[float], words: int) -> list[float]:
    """The best target's evidence, and the others in proportion to their raw score: a second enjeu at half
    the first one's score is shown at half, however long the text."""
    top = max(raws, default=0.0)
    if top <= 0:
        return [0.0 for _ in raws]
    best = evidence(top, words)
    return [best * raw / top for raw in raws]


def reasons(target: Target, parts: dict[Term, float], matches: Matches, describe) -> tuple[Reason, ...]:
    """The passages that carry most of the score, each with the description's words it matched."""
    scored: list[tuple[float, int, Passage, list[Term]]] = []
    for i, passage in enumerate(target.passages):
        terms = [t for t in parts if t in passage.terms]
        if terms:
            share = sum(parts[t] * passage.weight / target.weights[t] for t in terms)
            scored.append((share, i, passage, terms))
    scored.sort(key=lambda s: (-s[0], s[1]))
    out = []
    best = scored[0][0] if scored else 0.0
    for share, _i, passage, terms in scored[:MAX_REASONS]:
        if share < REASON_FLOOR * best:  # a passage that only shares a word in passing: not a reason
            break
        terms.sort(key=lambda t: -parts[t])
        words: list[str] = []
        for term in terms:
            for w in matches.surfaces[term]:
                if w not in words and not any(w in longer for longer in words):
                    words.append(w)
        out.append(Reason(tuple(words[:8]), passage.text, describe(passage.source)))
    return tuple(out)


def rank(knowledge: Knowledge, matches: Matches, describe, words: int = 0) -> tuple[list[Ranked], list[Ranked]]:
    """Every enjeu and every priority of the call, best first (ties: in the programme's order)."""
    enjeu_raw = bm25(knowledge.enjeux, knowledge.enjeu_postings, matches)
    enjeu_scores = shown_scores([raw for raw, _parts in enjeu_raw], words)
    enjeux: list[tuple[float, int, Ranked]] = []
    enjeu_score: dict[str, float] = {}
    for i, (target, (raw, parts), score) in enumerate(zip(knowledge.enjeux, enjeu_raw, enjeu_scores, strict=True)):
        enjeu_score[target.id] = score
        enjeux.append((-raw, i, Ranked(target.id, round(score, 4), reasons(target, parts, matches, describe))))
    priorities: list[tuple[float, int, Ranked]] = []
    own_raw = bm25(knowledge.priorities, knowledge.priority_postings, matches)
    for i, (target, (raw, parts)) in enumerate(zip(knowledge.priorities, own_raw, strict=True)):
        best = max(target.enjeux, key=lambda e: enjeu_score.get(e, 0.0))
        own = evidence(raw, words)
        score = (1 - PRIORITY_OWN) * enjeu_score.get(best, 0.0) + PRIORITY_OWN * own
        why = reasons(target, parts, matches, describe)
        priorities.append((-score, i, Ranked(target.id, round(score, 4), why, enjeu=best, own=round(own, 4))))

    def ordered(rows: list[tuple[float, int, Ranked]]) -> list[Ranked]:
        return [row[2] for row in sorted(rows, key=lambda row: row[:2])]

    return ordered(enjeux), ordered(priorities)
