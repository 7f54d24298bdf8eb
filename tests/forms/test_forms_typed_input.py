"""forms.typed_input: dates and numbers read exactly as typed, or refused with a French sentence."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from forms.typed_input import parse_date, parse_number, show_date, show_number

MARCH_1 = dt.date(2023, 3, 1)


@pytest.mark.parametrize("text", ["01/03/2023", "1/3/2023", "01.03.2023", "01-03-2023", "01032023",
                                  " 1 / 3 / 2023 ", "1 3 2023", "01/03/23", "010323", "01\u00a003\u00a02023"])
def test_every_way_of_writing_a_date(text: str) -> None:
    assert parse_date(text) == MARCH_1


def test_an_empty_date_is_no_date() -> None:
    assert parse_date("") is None and parse_date("  ") is None


@pytest.mark.parametrize(("text", "message"), [
    ("01/0", "Date incomplète ou mal écrite : « 01/0 ». Écrivez-la comme 01/03/2023."),
    ("0103202", "Date incomplète ou mal écrite : « 0103202 ». Écrivez-la comme 01/03/2023."),
    ("1/3/203", "Date incomplète ou mal écrite : « 1/3/203 ». Écrivez-la comme 01/03/2023."),
    ("demain", "Date incomplète ou mal écrite : « demain ». Écrivez-la comme 01/03/2023."),
    ("31/02/2023", "Le 31/02/2023 n'existe pas : vérifiez le jour et le mois."),
    ("29/02/2023", "Le 29/02/2023 n'existe pas : vérifiez le jour et le mois."),
    ("01/13/2023", "Le mois 13 n'existe pas : le mois va de 1 à 12 (01/03/2023 est le 1er mars)."),
    ("01/03/1899", "L'année 1899 n'est pas possible ici : écrivez l'année en entier, comme 01/03/2023."),
    ("01/03/2101", "L'année 2101 n'est pas possible ici : écrivez l'année en entier, comme 01/03/2023."),
])
def test_an_incomplete_or_impossible_date_is_refused_in_french(text: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_date(text)
    assert str(caught.value) == message


def test_the_limits_of_the_years_and_of_february() -> None:
    assert parse_date("29/02/2024") == dt.date(2024, 2, 29)
    assert parse_date("01/01/1900") == dt.date(1900, 1, 1) and parse_date("31/12/2100") == dt.date(2100, 12, 31)
    assert show_date(MARCH_1) == "01/03/2023" and show_date(None) == ""


@pytest.mark.parametrize(("text", "decimals", "value"), [
    ("1 234", 0, Decimal(1234)), ("1\u00a0234", 0, Decimal(1234)), ("1\u202f234 €", 0, Decimal(1234)),
    ("1 234,50", 2, Decimal("1234.50")), ("1234.5", 2, Decimal("1234.5")), ("12 €", 0, Decimal(12)),
    ("0", 0, Decimal(0)), ("\t40\t", 0, Decimal(40)),
])
def test_numbers_as_people_type_them(text: str, decimals: int, value: Decimal) -> None:
    assert parse_number(text, decimals=decimals) == value


def test_an_empty_number_is_none() -> None:
    assert parse_number("") is None and parse_number(" € ") is None


@pytest.mark.parametrize(("text", "kwargs", "message"), [
    ("12k", {}, "« 12k » n'est pas un nombre : écrivez seulement des chiffres, par exemple 1 234."),
    ("1,5", {}, "« 1,5 » : écrivez un nombre entier, sans virgule."),
    ("1,555", {"decimals": 2}, "« 1,555 » : au plus 2 chiffres après la virgule."),
    ("2101", {"maximum": 2100}, "« 2101 » est trop grand : le nombre ne peut pas dépasser 2\u00a0100."),
    ("-1", {}, "« -1 » est trop petit : le nombre doit être au moins 0."),
    ("1.2.3", {"decimals": 2}, "« 1.2.3 » n'est pas un nombre : écrivez seulement des chiffres, par exemple 1 234,5."),
])
def test_a_wrong_number_is_refused_in_french(text: str, kwargs: dict, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        parse_number(text, **kwargs)
    assert str(caught.value) == message


def test_the_limits_are_allowed() -> None:
    assert parse_number("2100", maximum=2100) == 2100 and parse_number("0", minimum=0) == 0


def test_numbers_are_shown_the_french_way() -> None:
    assert show_number(1234) == "1\u00a0234"
    assert show_number(Decimal("1.50"), decimals=2) == "1,5"
    assert show_number(2023, group=False) == "2023"
    assert show_number(None) == ""
