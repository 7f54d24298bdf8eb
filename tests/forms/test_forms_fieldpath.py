"""Field paths (forms.fieldpath): the names rules, wizard and rule cases give to a place of the dossier."""

from __future__ import annotations

import pytest

from forms.fieldpath import FieldPathError, get_path, parse_path, set_path
from forms.model import Dossier, Point, TransversalAnswer


@pytest.mark.parametrize(
    ("path", "parts"),
    [
        ("call.call", ["call", "call"]),
        ("actions[0].public.women", ["actions", 0, "public", "women"]),
        ("actions[12].budget.lines.604", ["actions", 12, "budget", "lines", "604"]),
        ("actions[0].budget.subsidies[1].amount_cents", ["actions", 0, "budget", "subsidies", 1, "amount_cents"]),
        ("actions[0].transversal.egalite.text", ["actions", 0, "transversal", "egalite", "text"]),
        ("a[0][1]", ["a", 0, 1]),
        ("actions[0].budget.lines.CI-fixes", ["actions", 0, "budget", "lines", "CI-fixes"]),
    ],
)
def test_parse(path, parts):
    assert parse_path(path) == parts


@pytest.mark.parametrize("path", ["", "a..b", ".a", "a.", "a[x]", "a[0", "[0]", "a[-1]", "a b.[0]"])
def test_parse_refuses_invalid_paths(path):
    with pytest.raises(FieldPathError, match="chemin de champ invalide"):
        parse_path(path)


def test_get(example_dossier):
    d = example_dossier
    assert get_path(d, "call.call") == d.call.call
    assert get_path(d, "association.identity.siret") == d.association.identity.siret
    assert get_path(d, "actions[0].public.women") == d.actions[0].public.women
    code, amount = next(iter(d.action.budget.lines.items()))
    assert get_path(d, f"actions[0].budget.lines.{code}") == amount
    assert get_path(d, "actions[0].budget.subsidies[0].amount_cents") == d.action.budget.subsidies[0].amount_cents
    tid = next(iter(d.action.transversal))
    assert get_path(d, f"actions[0].transversal.{tid}.text") == d.action.transversal[tid].text


def test_get_returns_the_default_when_missing():
    d = Dossier()
    assert get_path(d, "actions[5].title") is None
    assert get_path(d, "actions[5].title", "") == ""
    assert get_path(d, "actions[0].budget.lines.604", 0) == 0
    assert get_path(d, "actions[0].transversal.egalite.text", "") == ""
    assert get_path(d, "actions[0].location.latitude") is None  # location is None
    assert get_path(d, "actions[0].inexistant") is None
    assert get_path(d, "call.call.x") is None


def test_set_simple_fields_and_list_indices():
    d = Dossier()
    set_path(d, "association.identity.siret", "81473062800025")
    set_path(d, "actions[0].public.women", 12)
    set_path(d, "call.year", 2023)
    assert d.association.identity.siret == "81473062800025"
    assert d.actions[0].public.women == 12
    assert d.call.year == 2023
    set_path(d, "actions[0]", d.actions[0])
    set_path(d, "association.networks", ["Réseau"])
    set_path(d, "association.networks[0]", "Fédération")
    assert d.association.networks == ["Fédération"]
    with pytest.raises(IndexError):
        set_path(d, "actions[3].title", "hors liste")


def test_set_through_list_items(example_dossier):
    d = example_dossier
    set_path(d, "actions[0].budget.subsidies[0].amount_cents", 123)
    assert d.action.budget.subsidies[0].amount_cents == 123
    set_path(d, "documents[1].state", "joint")
    assert d.documents[1].state == "joint"
    set_path(d, "actions[0].quartiers[0]", "blois-quiniere")
    assert d.action.quartiers[0] == "blois-quiniere"


def test_set_creates_dict_entries_with_their_defaults():
    d = Dossier()
    set_path(d, "actions[0].transversal.egalite.text", "Public paritaire")
    answer = d.action.transversal["egalite"]
    assert isinstance(answer, TransversalAnswer)
    assert answer == TransversalAnswer(status="", text="Public paritaire")
    set_path(d, "actions[0].transversal.egalite.status", "traitee")
    assert d.action.transversal == {"egalite": TransversalAnswer("traitee", "Public paritaire")}


def test_set_dict_values():
    d = Dossier()
    set_path(d, "actions[0].budget.lines.604", 150000)
    set_path(d, "actions[0].requested_cents.etat", 500000)
    assert d.action.budget.lines == {"604": 150000}
    assert d.action.requested_cents == {"etat": 500000}


def test_set_creates_none_sub_objects():
    d = Dossier()
    assert d.action.location is None
    set_path(d, "actions[0].location.latitude", 47.59)
    assert d.action.location == Point(longitude=0.0, latitude=47.59)
    set_path(d, "actions[0].location.longitude", 1.33)
    assert d.action.location == Point(longitude=1.33, latitude=47.59)
    set_path(d, "attestation.date", None)
    assert d.attestation.date is None


@pytest.mark.parametrize(
    "path",
    ["actions[0].inexistant", "association.identity.nom", "inconnu", "call.year.valeur", "actions.title"],
)
def test_set_unknown_field_is_an_error(path):
    d = Dossier()
    with pytest.raises(FieldPathError, match="champ inconnu"):
        set_path(d, path, 1)
    assert d == Dossier()  # nothing changed


def test_field_path_error_is_a_key_error():
    assert issubclass(FieldPathError, KeyError)
