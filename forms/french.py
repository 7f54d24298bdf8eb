"""French wording shared by the exports, the rules' messages and the command line: long dates and counts
with the right plural. Plain Python with no heavy import, so that the rules (checked on every edit) can
use it without loading the export renderers.
"""

from __future__ import annotations

import datetime as dt

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


def plural(count: int, singular: str, plural_form: str) -> str:
    """« 1 pièce jointe », « 3 pièces jointes », « 0 pièce manquante » (French: 0 and 1 are singular)."""
    return f"{count} {singular if count < 2 else plural_form}"


def listing(items: list[str]) -> str:
    """« a », « a et b », « a, b et c »."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]
