"""Text helpers shared by both exports: cleaning user text, French numbers and yes/no (dates and plurals:
forms.french).

`clean_text` is the one place that decides what of the user's text reaches a document: everything,
except what XML (DOCX) and PDF text cannot hold — control characters, lone surrogates, U+FFFE/U+FFFF.
`\\t` and `\\n` are kept (a tab, a new paragraph); a Windows or old-Mac line end (`\\r\\n`, `\\r`) becomes
`\\n`. Nothing else is changed: no trimming, no collapsing of spaces, no quote "smartening".
"""

from __future__ import annotations

import re
from decimal import Decimal

# C0 controls except \t (09) and \n (0A), DEL and the C1 controls, lone surrogates, and the two
# non-characters XML 1.0 forbids. \r is handled before (it is a line end, not noise).
_ILLEGAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

EMPTY = "Non renseigné"


def clean_text(text: str) -> str:
    """The user's text without the characters a document cannot hold (see the module docstring)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ILLEGAL.sub("", text)


def one_line(text: str, limit: int) -> str:
    """The text on one line (spaces collapsed), cut with « … » beyond `limit` characters: running headers
    and document properties (the body has the full text)."""
    text = " ".join(clean_text(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def lines_of(text: str) -> list[str]:
    """The lines of a cleaned text: each becomes a paragraph in both exports (empty ones included)."""
    return clean_text(text).split("\n")


def french_decimal(value: Decimal | float | int) -> str:
    """2,5 — the French decimal comma, without useless trailing zeros."""
    text = format(Decimal(str(value)).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def french_int(value: int) -> str:
    """1 234 with a narrow no-break space as thousands separator (as amounts)."""
    return f"{value:,}".replace(",", "\u202f")


def yes_no(value: bool) -> str:
    return "Oui" if value else "Non"


def or_empty(text: str) -> str:
    """The text itself, or the "not filled in" mark when it holds nothing visible."""
    return text if text.strip() else EMPTY


def person_name(civility: str, first_name: str, last_name: str) -> str:
    return " ".join(part for part in (civility, first_name, last_name) if part.strip())
