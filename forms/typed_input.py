"""Dates and numbers as people type them in France, read strictly (no Qt: the widgets and the tests share it).

A date is typed `01/03/2023`, `1/3/2023`, `01.03.2023`, `01-03-2023`, `1 3 2023` or `01032023`; a number
`1 234`, `1 234,50` (with the no-break spaces Word copies), `1234.5`, `12 €`. Anything else is refused with
a French sentence that says what to type: a value is never guessed (no "today" for an incomplete date, no
`12` for `12k`).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation

DATE_EXAMPLE = "01/03/2023"
DATE_FORMAT = "%d/%m/%Y"  # how a date is shown back
FIRST_YEAR, LAST_YEAR = 1900, 2100  # the years a dossier's date can plausibly have
SPACES = " \u00a0\u202f\u2009\t"  # space, no-break space, narrow no-break space, thin space, tab

_SEPARATED = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2}|\d{4})$")
_DIGITS_ONLY = re.compile(r"^\d+$")


def show_date(value: dt.date | None) -> str:
    """`01/03/2023`; empty for no date."""
    return value.strftime(DATE_FORMAT) if value else ""


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year  # "23" is 2023: a dossier's dates are this century's


def parse_date(text: str) -> dt.date | None:
    """The date typed, None for an empty field; ValueError with a French message otherwise."""
    cleaned = text.strip(SPACES)
    for space in SPACES[1:]:
        cleaned = cleaned.replace(space, " ")
    if not cleaned:
        return None
    match = _SEPARATED.match(cleaned)
    if match:
        day, month, year = int(match[1]), int(match[2]), _year(match[3])
    elif _DIGITS_ONLY.match(cleaned) and len(cleaned) in (6, 8):
        day, month, year = int(cleaned[:2]), int(cleaned[2:4]), _year(cleaned[4:])
    else:
        raise ValueError(f"Date incomplète ou mal écrite : « {text.strip()} ». Écrivez-la comme {DATE_EXAMPLE}.")
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"L'année {year} n'est pas possible ici : écrivez l'année en entier, comme {DATE_EXAMPLE}.")
    if not 1 <= month <= 12:
        raise ValueError(f"Le mois {month} n'existe pas : le mois va de 1 à 12 ({DATE_EXAMPLE} est le 1er mars).")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"Le {day:02d}/{month:02d}/{year} n'existe pas : vérifiez le jour et le mois.") from None


def _number_text(text: str) -> str:
    cleaned = text.strip().removesuffix("€").strip().replace("€", "")
    for space in SPACES:
        cleaned = cleaned.replace(space, "")
    return cleaned.replace(",", ".")


def parse_number(text: str, *, decimals: int = 0, minimum: Decimal | int = 0,
                 maximum: Decimal | int | None = None) -> Decimal | None:
    """The number typed (None for an empty field), at most `decimals` digits after the comma, within
    [minimum, maximum]; ValueError with a French message otherwise."""
    cleaned = _number_text(text)
    if not cleaned:
        return None
    shown = text.strip()
    example = "1 234" if decimals == 0 else "1 234,5"
    if not re.fullmatch(r"-?\d*(\.\d*)?", cleaned) or cleaned in ("-", ".", "-."):
        raise ValueError(f"« {shown} » n'est pas un nombre : écrivez seulement des chiffres, par exemple {example}.")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:  # pragma: no cover - the pattern above only lets numbers through
        raise ValueError(f"« {shown} » n'est pas un nombre.") from None
    places = -value.as_tuple().exponent if "." in cleaned else 0
    if places > decimals:
        raise ValueError(
            f"« {shown} » : écrivez un nombre entier, sans virgule." if decimals == 0
            else f"« {shown} » : au plus {decimals} chiffres après la virgule."
        )
    if value < minimum:
        raise ValueError(f"« {shown} » est trop petit : le nombre doit être au moins {_plain(minimum)}.")
    if maximum is not None and value > maximum:
        raise ValueError(f"« {shown} » est trop grand : le nombre ne peut pas dépasser {_plain(maximum)}.")
    return value


def _plain(number: Decimal | int) -> str:
    return show_number(Decimal(number), decimals=6)


def show_number(value: Decimal | int | float | None, *, decimals: int = 0, group: bool = True) -> str:
    """`1 234` / `12,5` (no-break thousands separator, comma); empty for None."""
    if value is None:
        return ""
    number = Decimal(str(value))
    text = f"{number:{',' if group else ''}.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return text.replace(",", "\u00a0").replace(".", ",")
