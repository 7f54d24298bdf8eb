"""French wording shared by the windows: dates as French users read them, counts with the right plural,
and text folded for searching. Plain Python (no Qt), so any window or page can use it.
"""

from __future__ import annotations

import datetime as dt
import unicodedata

_LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "’": "'", "‘": "'", "\u00a0": " "})


def fold(text: str) -> str:
    """Text for searching: no accents, no case, ligatures spelled out ("Œuvre" and "oeuvre" match)."""
    text = unicodedata.normalize("NFKD", text.translate(_LIGATURES))
    return "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()


def french_date(day: dt.date | None) -> str:
    """ "12/03/2025"; empty when there is no date."""
    return day.strftime("%d/%m/%Y") if day else ""


def french_datetime(iso: str) -> str:
    """An ISO timestamp as French users read it: "12/03/2025 14:05" (local time)."""
    try:
        moment = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%d/%m/%Y %H:%M")


def plural(count: int, singular: str, plural_form: str = "") -> str:
    """The word for `count` things: French puts 0 and 1 in the singular ("0 pièce", "2 pièces")."""
    return singular if count <= 1 else (plural_form or singular + "s")


def count(n: int, singular: str, plural_form: str = "", *, zero: str = "") -> str:
    """ "1 point", "2 points"; for 0, `zero` when given ("aucun point"), else "0 point"."""
    if n == 0 and zero:
        return zero
    return f"{n} {plural(n, singular, plural_form)}"
