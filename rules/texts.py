"""Texts in answers: when a free text is an answer (heuristics shared by the rules that ask for an
explanation). Dates and plurals in messages: forms.french."""

from __future__ import annotations

import re

MIN_CHARS = 30
"""A sentence that says something ("L'action réunit des groupes mixtes…"), not a word or a placeholder."""

MIN_CHARS_DETAILED = 100
"""Two or three sentences: where a call insists ("tout particulièrement")."""

_PLACEHOLDERS = frozenset(
    {
        "neant", "néant", "rien", "aucun", "aucune", "non", "oui", "na", "n/a", "nc", "ras", "xxx", "x",
        "a completer", "à compléter", "a voir", "à voir", "voir dossier", "voir ci-dessus", "cf dossier",
        "todo", "test", "sans objet", "non applicable", "pas concerne", "pas concerné", "-", "...", "…",
        "a definir", "à définir", "a preciser", "à préciser", "en cours", "idem", "?", "??", "tbd", "xx",
    }
)
_PUNCTUATION = " .!?…:;,-_*/'\"()[]"
TO_CONFIRM = (
    "le texte de l'appel de l'année n'est pas connu de l'application : ce point est repris d'un autre texte "
    "(contrat de ville, appel précédent) et reste à confirmer auprès du financeur."
)
"""Said of every item or list the programme data marks « à confirmer »."""

_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")


def normalised(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def is_placeholder(text: str, figures: bool = False) -> bool:
    """True for what people type to fill a box they will come back to: « à compléter », « xxx », « ? »,
    « - », « ... », or no letter at all (`figures`: or no letter nor digit, for a target value such as
    « 40 % »). An empty text is a placeholder too."""
    core = normalised(text).lower().strip(_PUNCTUATION)
    if not core or core in _PLACEHOLDERS or set(core) <= {"x", " "}:
        return True
    return _LETTER.search(core) is None and not (figures and any(ch.isdigit() for ch in core))


def is_answer(text: str, figures: bool = False) -> bool:
    """A short answer (a title, a list of means; with `figures`, a value such as « 40 % »): filled, and
    not a placeholder."""
    return not is_placeholder(text, figures)


def is_substantive(text: str, min_chars: int = MIN_CHARS) -> bool:
    """True when `text` is more than a placeholder: enough letters to be a sentence."""
    clean = normalised(text)
    if is_placeholder(clean):
        return False
    if len(clean) < min_chars or clean.count(" ") < 2:  # at least three words
        return False
    # Mostly letters, not "---------" or "1234567890…": a prefix is enough (the wizard checks on every edit).
    letters = len(_LETTER.findall(clean, 0, min_chars * 3))
    return letters >= min_chars * 0.7


def is_filled(text: str) -> bool:
    return bool(text and text.strip())
