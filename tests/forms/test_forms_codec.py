"""The strict converter between plain data and the dataclasses (forms.codec)."""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

import pytest
import yaml

from forms.codec import DataError, from_data, literal_values, to_data
from forms.model import (
    Action,
    AgeBand,
    Dossier,
    People,
    Point,
    Public,
    TransversalAnswer,
    TransversalStatus,
)


@dataclass
class Inner:
    count: int
    label: str = ""


@dataclass
class Sample:
    name: str
    inner: Inner
    when: dt.date | None = None
    amount: Decimal = Decimal("0")
    flag: bool = False
    kind: Literal["a", "b"] = "a"
    items: list[Inner] = field(default_factory=list)
    table: dict[str, int] = field(default_factory=dict)


def _sample(**changes):
    data = {"name": "x", "inner": {"count": 1}}
    data.update(changes)
    return data


def test_minimal_data_gives_defaults():
    s = from_data(Sample, _sample())
    assert s == Sample(name="x", inner=Inner(count=1))


def test_unknown_key_is_an_error_naming_it():
    with pytest.raises(DataError, match="clé inconnue : colour") as info:
        from_data(Sample, _sample(colour="blue"))
    assert info.value.path == ""
    assert "(racine)" in str(info.value)


def test_unknown_nested_key_names_its_place():
    with pytest.raises(DataError) as info:
        from_data(Sample, _sample(inner={"count": 1, "extra": 2}))
    assert info.value.path == "inner"
    assert "clé inconnue : extra" in str(info.value)


def test_missing_required_key():
    with pytest.raises(DataError, match="clé obligatoire absente : inner"):
        from_data(Sample, {"name": "x"})
    with pytest.raises(DataError, match="clé obligatoire absente : count") as info:
        from_data(Sample, _sample(items=[{"count": 1}, {"label": "sans nombre"}]))
    assert info.value.path == "items[1]"


@pytest.mark.parametrize(
    ("changes", "path", "message"),
    [
        ({"inner": {"count": True}}, "inner.count", "entier attendu"),  # bool is not an int
        ({"inner": {"count": "3"}}, "inner.count", "entier attendu"),  # text is not an int
        ({"inner": {"count": 1.5}}, "inner.count", "entier attendu"),
        ({"flag": 1}, "flag", "oui/non"),  # an int is not a bool
        ({"flag": "true"}, "flag", "oui/non"),
        ({"name": 3}, "name", "texte attendu"),
        ({"inner": [1]}, "inner", "table"),
        ({"items": {"count": 1}}, "items", "liste attendue"),
        ({"table": {"a": "1"}}, "table.a", "entier attendu"),
        ({"table": [1]}, "table", "table"),
        ({"kind": "c"}, "kind", "valeur 'c' inconnue"),
        ({"amount": 1.5}, "amount", "décimal"),  # a float would lose exactness
        ({"amount": True}, "amount", "décimal"),
        ({"amount": "beaucoup"}, "amount", "décimal invalide"),
        ({"amount": "NaN"}, "amount", "décimal invalide"),
        ({"amount": "Infinity"}, "amount", "décimal invalide"),
    ],
)
def test_wrong_types_are_errors_with_their_path(changes, path, message):
    with pytest.raises(DataError) as info:
        from_data(Sample, _sample(**changes))
    assert info.value.path == path
    assert message in info.value.message
    assert str(info.value).startswith(f"{path} : ")


def test_literal_values_in_range_are_accepted():
    assert from_data(Sample, _sample(kind="b")).kind == "b"
    assert literal_values(TransversalStatus) == ("", "traitee", "non_applicable")
    with pytest.raises(DataError, match="inconnue"):
        from_data(TransversalAnswer, {"status": "faite"})


def test_dates_from_text_and_from_yaml():
    assert from_data(Sample, _sample(when="2023-03-14")).when == dt.date(2023, 3, 14)
    yaml_data = yaml.safe_load("name: x\ninner: {count: 1}\nwhen: 2023-03-14\n")
    assert isinstance(yaml_data["when"], dt.date)
    assert from_data(Sample, yaml_data).when == dt.date(2023, 3, 14)
    assert from_data(Sample, _sample(when=None)).when is None


@pytest.mark.parametrize("bad", ["2023-13-01", "14/03/2023", "", "demain", 20230314])
def test_invalid_dates_are_refused(bad):
    with pytest.raises(DataError, match="date") as info:
        from_data(Sample, _sample(when=bad))
    assert info.value.path == "when"


def test_datetime_is_refused_for_a_date():
    with pytest.raises(DataError, match="date sans heure"):
        from_data(Sample, _sample(when=dt.datetime(2023, 3, 14, 10, 30)))
    yaml_data = yaml.safe_load("name: x\ninner: {count: 1}\nwhen: 2023-03-14 10:30:00\n")
    with pytest.raises(DataError, match="date sans heure"):
        from_data(Sample, yaml_data)


def test_decimal_from_text_and_int_is_exact():
    assert from_data(Sample, _sample(amount="0.1")).amount == Decimal("0.1")
    assert from_data(Sample, _sample(amount="6.80")).amount == Decimal("6.80")
    assert from_data(Sample, _sample(amount=3)).amount == Decimal(3)
    assert from_data(People, {"etpt": "2.5"}).etpt == Decimal("2.5")


def test_nested_error_path_in_the_dossier():
    data = to_data(Dossier())
    data["actions"][0]["public"]["women"] = "douze"
    with pytest.raises(DataError) as info:
        from_data(Dossier, data)
    assert info.value.path == "actions[0].public.women"
    assert str(info.value) == "actions[0].public.women : nombre entier attendu"


def test_nested_error_path_through_lists_and_dicts():
    data = to_data(Dossier())
    data["actions"].append(to_data(Action()))
    data["actions"][1]["public"]["age_bands"] = [to_data(AgeBand(band="0-5")), {"band": "6-11", "men": -1.5}]
    data["actions"][1]["budget"]["lines"] = {"604": 1000, "641": "cent"}
    with pytest.raises(DataError) as info:
        from_data(Dossier, copy.deepcopy(data))
    assert info.value.path == "actions[1].public.age_bands[1].men"
    data["actions"][1]["public"]["age_bands"].pop()
    with pytest.raises(DataError) as info:
        from_data(Dossier, data)
    assert info.value.path == "actions[1].budget.lines.641"


def test_optional_sub_object_accepts_null_and_a_table():
    assert from_data(Action, {"location": None}).location is None
    action = from_data(Action, {"location": {"longitude": 1, "latitude": 47.5, "label": "local"}})
    assert action.location is not None
    assert action.location.longitude == 1.0
    assert isinstance(action.location.longitude, float)


def test_to_data_is_json_ready():
    data = to_data(
        Sample(name="x", inner=Inner(2), when=dt.date(2024, 1, 2), amount=Decimal("1.50"), table={"a": 1})
    )
    assert data["when"] == "2024-01-02"
    assert data["amount"] == "1.50"
    json.dumps(data)  # no date, Decimal or dataclass left
    assert from_data(Sample, data) == Sample(
        name="x", inner=Inner(2), when=dt.date(2024, 1, 2), amount=Decimal("1.50"), table={"a": 1}
    )


def test_round_trip_of_a_fully_filled_dossier(example_dossier):
    dossier = example_dossier
    # fill what the example may leave empty, so every kind of value goes through
    if dossier.action.location is None:
        dossier.action.location = Point(longitude=1.3359, latitude=47.6062, label="local")
    dossier.action.transversal.setdefault("autre", TransversalAnswer("non_applicable", "sans objet"))
    dossier.association.administration.rup_date = dt.date(2001, 5, 4)
    dossier.action.staff_etpt = Decimal("1.25")
    dossier.actions.append(Action(title="Deuxième action"))
    data = to_data(dossier)
    json_data = json.loads(json.dumps(data))  # through real JSON text
    again = from_data(Dossier, json_data)
    assert again == dossier
    assert to_data(again) == data


def test_round_trip_keeps_every_field_of_the_example(example):
    raw = json.loads(example.read_text(encoding="utf-8"))
    raw.pop("format")
    dossier = from_data(Dossier, raw)
    assert to_data(dossier) == raw  # the examples are written in the canonical form


def test_public_defaults_are_independent():
    a, b = Public(), Public()
    a.age_bands.append(AgeBand())
    assert b.age_bands == []


@pytest.mark.parametrize("raw", ["1e999999", "1e9999999999", "-1e20", "0.0000000000001", "1e-999999"])
def test_a_decimal_out_of_bounds_is_refused(raw):
    """Finite for Decimal, but a million digits once written out (exports), or an overflow on arithmetic."""
    with pytest.raises(DataError, match="hors des limites") as info:
        from_data(People, {"etpt": raw})
    assert info.value.path == "etpt"


@pytest.mark.parametrize("raw", ["0.5", "2.25", "999999999999999", "0.000000000001"])
def test_a_decimal_in_bounds_is_read(raw):
    assert from_data(People, {"etpt": raw}).etpt == Decimal(raw)


def test_an_integer_beyond_any_count_or_amount_is_refused():
    with pytest.raises(DataError, match="trop grand"):
        from_data(People, {"members": 10**15})
    assert from_data(People, {"members": 10**15 - 1}).members == 10**15 - 1
    assert from_data(People, {"members": -(10**15 - 1)}).members == -(10**15 - 1)
