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
    }
)
_SPACES = re.compile(r"\s+")
_LETTER = re.compile(r"[^\W\d_]")


def normalised(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def is_substantive(text: str, min_chars: int = MIN_CHARS) -> bool:
    """True when `text` is more than a placeholder: enough letters to be a sentence."""
    clean = normalised(text)
    if clean.lower().strip(" .!") in _PLACEHOLDERS:
        return False
    if len(clean) < min_chars or clean.count(" ") < 2:  # at least three words
        return False
    # Mostly letters, not "---------" or "1234567890…": a prefix is enough (the wizard checks on every edit).
    letters = len(_LETTER.findall(clean, 0, min_chars * 3))
    return letters >= min_chars * 0.7


def is_filled(text: str) -> bool:
    return bool(text and text.strip())
