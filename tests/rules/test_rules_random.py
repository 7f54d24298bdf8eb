"""check_dossier never raises on a dossier the codec can load: random dossiers (hypothesis), built
from the model's own type hints, with ids that exist and ids that do not, empty strings, zeros, None
dates, negative and non-finite numbers, empty lists."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import types
from decimal import Decimal
from typing import Any, Literal, Union, get_args, get_origin, get_type_hints

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rules_cases import assert_well_formed

from forms.model import CallRef, Dossier
from forms.programmes import Catalogue, default_catalogue
from forms.storage import DossierFileError, dossier_from_data, dossier_to_json
from rules import check_dossier

KNOWN_IDS = [
    "", "autre", "nord", "est", "veille-est", "veille-sud", "E1", "E2", "E3", "E9", "op-mixte-2023",
    "op-emploi-2021", "etat", "ville", "bailleur", "statuts", "rib", "compte-rendu-financier", "delegation",
    "egalite", "laicite", "numerique", "transition", "innovation", "604", "641", "864", "870", "RP",
    "blois-quartiers-nord", "blois-quiniere", "blois-nord", "E4", "P4", "ville-blois", "2023-emploi-1",
    "73282932000074", "W411234567", "FR7630006000011234567890189", "AGRIFRPP882", "41000",
]
TEXT = st.one_of(st.sampled_from(KNOWN_IDS), st.text(max_size=40))
# Keys of the model's tables are ids (slugs, line codes) but a file may hold anything, "" or "a.b"
# included: the verdicts must still name a field path the wizard can parse.
KEY = st.one_of(st.sampled_from(KNOWN_IDS), st.text(max_size=12))
FIXTURE_CALLS = ["testville-2021", "testville-2023", "testville-2024", "testville-2024", "", "blois-2023"]
SHIPPED_CALLS = ["blois-2021", "blois-2023", "amboise-2022", "amboise-2022", "", "testville-2023"]


def strategy_for(tp: Any, overrides: dict[tuple[type, str], st.SearchStrategy[Any]]) -> st.SearchStrategy[Any]:
    """A strategy for any type of the model, from its type hints (`overrides` for chosen fields)."""
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return st.one_of(*(st.none() if a is type(None) else strategy_for(a, overrides) for a in get_args(tp)))
    if origin is Literal:
        return st.sampled_from(get_args(tp))
    if origin is list:
        return st.lists(strategy_for(get_args(tp)[0], overrides), max_size=3)
    if origin is dict:
        return st.dictionaries(KEY, strategy_for(get_args(tp)[1], overrides), max_size=3)
    if dataclasses.is_dataclass(tp):
        hints = get_type_hints(tp)
        return st.builds(tp, **{
            f.name: overrides[(tp, f.name)] if (tp, f.name) in overrides else strategy_for(hints[f.name], overrides)
            for f in dataclasses.fields(tp) if f.init
        })
    if tp is str:
        return TEXT
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.one_of(st.integers(-5, 200), st.integers(-(10**12), 10**12))
    if tp is float:
        return st.one_of(st.floats(0.9, 2.2), st.floats(46.9, 47.7), st.floats())
    if tp is Decimal:
        return st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-1000, max_value=1000)
    if tp is dt.date:
        return st.dates(dt.date(2019, 1, 1), dt.date(2026, 12, 31)) | st.dates()
    raise TypeError(tp)


def loadable(dossier: Dossier) -> Dossier:
    """The dossier as the codec reads it back from its file (the only dossiers the rules ever see)."""
    try:
        return dossier_from_data(json.loads(dossier_to_json(dossier)))
    except DossierFileError:
        assume(False)
        raise


SETTINGS = settings(max_examples=100, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@SETTINGS
@given(strategy_for(Dossier, {(CallRef, "call"): st.sampled_from(FIXTURE_CALLS)}))
def test_random_dossiers_on_the_fixture_catalogue(fixture_catalogue: Catalogue, dossier: Dossier) -> None:
    assert_well_formed(check_dossier(loadable(dossier), fixture_catalogue))


@SETTINGS
@given(strategy_for(Dossier, {(CallRef, "call"): st.sampled_from(SHIPPED_CALLS)}))
def test_random_dossiers_on_the_shipped_catalogue(dossier: Dossier) -> None:
    assert_well_formed(check_dossier(loadable(dossier), default_catalogue()))
