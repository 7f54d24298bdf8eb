"""The values of the portal sheet as plain text to paste into a web form (see portal_sheet.py)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from forms.budget import format_euros


def amount_text(cents: int) -> str:
    """« 14 000,00 € » with ordinary spaces (pasted into a web form)."""
    return format_euros(cents, separator=" ").replace("\u00a0", " ")


def date_text(date: dt.date | None) -> str:
    return date.strftime("%d/%m/%Y") if date else ""


def number_text(value: int | Decimal | None) -> str:
    """"12", "6,8"; "" for a number not given (None), which the sheet lists « à préparer »."""
    if value is None:
        return ""
    text = format(Decimal(str(value)).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def yes_no(value: bool) -> str:
    return "Oui" if value else "Non"


def choice(choices: tuple[tuple[str, str], ...], value: str) -> str:
    return dict(choices).get(value, value)
