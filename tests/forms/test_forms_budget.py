"""Budget totals and the French money format (forms.budget)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from forms.budget import NBSP, NNBSP, compute_totals, format_euros, parse_euros
from forms.model import Budget, Subsidy
from forms.storage import load_dossier


def test_examples_are_balanced(example, catalogue):
    dossier = load_dossier(example)
    budgets = [("association", dossier.association.budget)] + [
        (f"actions[{i}]", a.budget) for i, a in enumerate(dossier.actions)
    ]
    for where, budget in budgets:
        totals = compute_totals(budget, catalogue.budget_plan)
        assert totals.charges > 0, where
        assert totals.charges == totals.produits, where
        assert totals.emplois_nature == totals.ressources_nature, where
        assert totals.balanced and totals.in_kind_balanced, where
        assert totals.subsidies == sum(s.amount_cents for s in budget.subsidies), where
        assert totals.by_category["74"] == totals.subsidies, where
        assert sum(totals.by_category.values()) == (
            totals.charges + totals.produits + totals.emplois_nature + totals.ressources_nature
        ), where


def test_compute_totals_by_side(catalogue):
    budget = Budget(
        lines={"604": 100_00, "641": 900_00, "CI-fixes": 50_00, "70": 200_00, "RP": 50_00, "864": 300_00,
               "870": 250_00, "999": 1},  # an unknown code is not counted
        subsidies=[Subsidy("etat", amount_cents=500_00), Subsidy("autre", "Fondation", 300_00, requested=False)],
    )
    totals = compute_totals(budget, catalogue.budget_plan)
    assert totals.charges == 1050_00
    assert totals.produits == 200_00 + 50_00 + 800_00
    assert totals.subsidies == 800_00
    assert totals.emplois_nature == 300_00
    assert totals.ressources_nature == 250_00
    assert totals.balanced and not totals.in_kind_balanced
    assert totals.total_charges == 1350_00
    assert totals.total_produits == 1300_00
    assert totals.by_category["60"] == 100_00
    assert totals.by_category["CI"] == 50_00


def test_empty_budget(catalogue):
    totals = compute_totals(Budget(), catalogue.budget_plan)
    assert totals.charges == totals.produits == totals.subsidies == 0
    assert totals.balanced and totals.in_kind_balanced


@pytest.mark.parametrize(
    ("cents", "text"),
    [
        (0, "0,00\u00a0€"),
        (5, "0,05\u00a0€"),
        (100, "1,00\u00a0€"),
        (123456, "1\u202f234,56\u00a0€"),
        (-123456, "-1\u202f234,56\u00a0€"),
        (-5, "-0,05\u00a0€"),
        (123456789, "1\u202f234\u202f567,89\u00a0€"),
        (100_000_000_00, "100\u202f000\u202f000,00\u00a0€"),
    ],
)
def test_format_euros(cents, text):
    assert format_euros(cents) == text


def test_format_euros_options():
    assert format_euros(123456, symbol=False) == "1\u202f234,56"
    assert format_euros(123456, separator=" ") == "1 234,56\u00a0€"
    assert NNBSP == "\u202f" and NBSP == "\u00a0"


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1 234,50", 123450),
        ("1234.5", 123450),
        ("12 €", 1200),
        ("12€", 1200),
        ("-3,2", -320),
        ("- 3,2", -320),
        ("1\u00a0234,50\u00a0€", 123450),
        ("1\u202f234,50\u202f€", 123450),
        ("1'234.50", 123450),
        ("  42  ", 4200),
        ("0,05", 5),
        (",5", 50),
        ("7,", 700),
        ("", 0),
        ("  ", 0),
    ],
)
def test_parse_euros_accepted(text, cents):
    assert parse_euros(text) == cents


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("abc", "n'est pas un montant"),
        ("1,2,3", "n'est pas un montant"),
        ("1.234,56", "n'est pas un montant"),
        ("12 euros", "n'est pas un montant"),
        ("+5", "n'est pas un montant"),
        ("--3", "n'est pas un montant"),
        ("-", "n'est pas un montant"),
        ("1e3", "n'est pas un montant"),
        ("10²", "n'est pas un montant"),  # a digit for Python, not for an amount
        ("١٢", "n'est pas un montant"),  # Arabic-Indic digits
        ("1,234", "plus de deux chiffres après la virgule"),
        ("0.001", "plus de deux chiffres après la virgule"),
    ],
)
def test_parse_euros_refused(text, message):
    with pytest.raises(ValueError, match=message):
        parse_euros(text)


@settings(deadline=None)  # timing varies on a busy CI machine; the property is what matters
@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_then_parse_round_trip(cents):
    assert parse_euros(format_euros(cents)) == cents
    assert parse_euros(format_euros(cents, symbol=False, separator=" ")) == cents


@settings(deadline=None)
@given(st.text(max_size=20))
def test_parse_euros_fails_only_with_a_french_message(text):
    try:
        value = parse_euros(text)
    except ValueError as exc:
        assert str(exc).startswith(f"« {text} »")
    else:
        assert isinstance(value, int)
