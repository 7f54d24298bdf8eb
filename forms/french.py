"""French wording shared by the windows, the exports, the rules' messages and the command line: dates as
French users read them, counts with the right plural, lists, and text folded for searching. Plain Python
with no heavy import, so that the rules (checked on every edit) can use it without loading the export
renderers.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def french_date(date: dt.date | None) -> str:
    """« 1er mars 2023 », « 15 janvier 2024 »; empty when there is no date."""
    if date is None:
        return ""
    day = "1er" if date.day == 1 else str(date.day)
    return f"{day} {MONTHS[date.month - 1]} {date.year}"


def word_for(count: int, singular: str, plural_form: str = "") -> str:
    """The word for `count` things: French puts 0 and 1 in the singular (« pièce », « pièces »)."""
    return singular if count < 2 else (plural_form or singular + "s")


def plural(count: int, singular: str, plural_form: str = "", *, zero: str = "") -> str:
    """« 1 pièce jointe », « 3 pièces jointes », « 0 pièce manquante »; for 0, `zero` when given
    (« aucune pièce jointe »)."""
    if count == 0 and zero:
        return zero
    return f"{count} {word_for(count, singular, plural_form)}"


def french_datetime(iso: str) -> str:
    """An ISO timestamp as French users read it: « 12/03/2025 14:05 » (local time)."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")


_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'", "\u00a0": " "})


def fold(text: str) -> str:
    """Text for searching: no accents, no case, ligatures spelled out (« Œuvre » and « oeuvre » match)."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def listing(items: list[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]
