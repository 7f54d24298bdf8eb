"""French text as the suggester sees it: words, their lemmas (simplemma), sentences.

Why simplemma (measured on this machine, see bench/bench_suggest.py and the README): it ships its French
dictionary inside the package (19 MB wheel, no dependency, MIT licence), loads in about 0.2 s and lemmatises
a word in under a microsecond; spaCy with fr_core_news_sm needs a 358 MB environment, loads in 3.2 s and its
model is under the LGPL-LR licence; a Snowball stemmer is tiny but conflates words an association means
differently ("formation"/"format", "habitant"/"habit"). Accuracy of each on the evaluation set: README.

A lemma key is lower case without accents, so that "education" typed without accents still matches
"éducation". Acronyms written in capitals ("CV", "CLAS", "PRE") keep a key of their own ("=CV"), so that
"pré" and "PRE" stay apart.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import NamedTuple

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+", re.UNICODE)
_ELISION = re.compile(r"^(?:l|d|j|qu|n|s|c|m|t|jusqu|lorsqu|puisqu)['’]", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n+|\s+[•·▪–-]\s+|^\s*[•·▪–-]\s+", re.MULTILINE)

# Words that carry no theme: articles, pronouns, prepositions, auxiliaries, and the verbs and nouns every
# description and every programme text uses ("action", "projet", "mettre"). Lemma keys (no accents).
_STOPWORDS_TEXT = """
a afin ainsi alors au aucun aucune aupres auquel aussi autre autres aux avant avec avoir ayant
bien c ca car ce ceci cela celle celles celui certain certaine certains ces cet cette ceux chaque chez ci
comme comment dans de des deja depuis dont donc du elle elles en encore entre et etc etre eux faire fois
il ils je jusque l la le les leur leurs lui m ma mais me meme memes mes moi moins mon ne ni nos notre nous
on ou par parmi pas pendant peu peut plus plusieurs pour pourquoi pouvoir puis qu quand que quel quelle
quelles quels qui quoi sa sans se selon ses si sien soi son sont sous sur ta te tel telle tels telles tes
toi ton tous tout toute toutes tres trop tu un une unes uns vers via vos votre vous y
lequel laquelle lesquels lesquelles auquel auxquels duquel desquels celui-ci celle-ci
action actions projet projets mettre mise ensemble notamment permettre proposer travers
an annee mois semaine jour fois nombre part partir faire falloir aller venir dire donner
prendre rendre tenir voir pouvoir vouloir egalement toujours deja tres plus moins beaucoup
utiliser permettre offrir realiser organiser association structure personne public cas chose
deux trois quatre cinq six sept huit neuf dix onze douze vingt trente cent mille premier second
habitant quartier ville mieux matin soir midi apres-midi journee lundi mardi mercredi jeudi vendredi samedi
dimanche heure gratuit gratuitement
"""
STOPWORDS = frozenset(_STOPWORDS_TEXT.split())

Lemmatise = Callable[[str], str]


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


@functools.cache
def simplemma_lemmatiser() -> Lemmatise:
    """simplemma's French lemmatiser, its dictionary loaded (the slow part: call it in the background)."""
    import simplemma

    def lemma(word: str) -> str:
        return simplemma.lemmatize(word, lang="fr")

    lemma("habitantes")  # loads the French dictionary now, not at the first suggestion
    return lemma


def key_of(lemma: str) -> str:
    return strip_accents(lemma.lower())


class Token(NamedTuple):  # a named tuple: a long text makes thousands of them
    surface: str  # the word as written in the text ("habitantes")
    key: str  # its lemma key ("habitant"), or "=CV" for an acronym
    start: int  # offset in the text
    stop: bool = False  # a stop word: kept only to match phrases ("aide aux devoirs")


def all_tokens(text: str, lemmatise: Lemmatise) -> list[Token]:
    """Every word of `text` with its lemma key, stop words flagged."""
    out: list[Token] = []
    for match in _WORD.finditer(text):
        word = match.group()
        start = match.start()
        elided = _ELISION.match(word)
        if elided:
            start += elided.end()
            word = word[elided.end():]
        if not word or word.isdigit():
            continue
        if 2 <= len(word) <= 6 and word.isupper():
            out.append(Token(word, f"={word}", start))
            continue
        if "-" not in word and "'" not in word and "’" not in word:
            key, stop = _word_key(word.lower(), lemmatise)
            out.append(Token(word, key, start, stop))
            continue
        for part in _split_compound(word):
            key, stop = _word_key(part.lower(), lemmatise)
            out.append(Token(word, key, start, stop))
    return out


@functools.lru_cache(maxsize=65536)
def _word_key(word: str, lemmatise: Lemmatise) -> tuple[str, bool]:
    """(lemma key, is a stop word) of a lower-case word: a text repeats its words, each is looked up once."""
    key = key_of(lemmatise(word))
    return key, len(key) < 2 or key in STOPWORDS or strip_accents(word) in STOPWORDS


def tokens(text: str, lemmatise: Lemmatise) -> list[Token]:
    """The content words of `text` (stop words dropped), each with its lemma key."""
    return [t for t in all_tokens(text, lemmatise) if not t.stop]


def _split_compound(word: str) -> Iterator[str]:
    """ "femmes-hommes" -> femmes, hommes; "co-construire" stays whole (a prefix, not two words)."""
    parts = re.split(r"[-'’]", word)
    if len(parts) > 1 and all(len(p) > 2 for p in parts):
        yield from parts
    else:
        yield word.replace("’", "'")


def term_keys(term: str, lemmatise: Lemmatise) -> tuple[str, ...]:
    """A lexicon term as the keys it must match: one content word ("devoirs" -> ("devoir",)), or the whole
    sequence of a phrase, stop words included ("aide aux devoirs" -> ("aide", "aux", "devoir")), which
    must then appear as such in the text ("aller vers" is a phrase of stop words). Empty for a lone stop word."""
    toks = all_tokens(term, lemmatise)
    if len(toks) < 2 and not any(not t.stop for t in toks):
        return ()
    return tuple(t.key for t in toks)


@dataclass(frozen=True)
class Sentence:
    text: str
    start: int
    end: int


def sentences(text: str) -> list[Sentence]:
    """Sentences, list items and lines of a pasted description, with their offsets."""
    out: list[Sentence] = []
    pos = 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        chunk = text[pos:end]
        stripped = chunk.strip(" \t•·▪–-")
        if any(c.isalpha() for c in stripped):
            offset = pos + chunk.index(stripped)
            out.append(Sentence(stripped, offset, offset + len(stripped)))
        if match:
            pos = match.end()
    return out


_NEGATION = re.compile(
    r"\b(?:ne|n['’])\s*(?:\w+\s+){0,3}?(?:pas|plus|jamais|aucun|aucune|rien|guère)\b|\bsans objet\b|\bnon concern",
    re.IGNORECASE,
)


def is_negative(sentence: str) -> bool:
    """ "L'action ne traite pas du numérique": such a sentence is no evidence that it does."""
    return bool(_NEGATION.search(sentence))
