"""The engine and its public API: verdicts, sorting, the unknown call, the registry and its metadata,
the caches, the shipped examples and the shipped perimeters."""

from __future__ import annotations

import copy
import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest
from rules_cases import assert_well_formed
from rules_fixtures import BASE_DOSSIERS

from forms.codec import to_data
from forms.model import Dossier, Point
from forms.programmes import RESOURCES_DIR, Catalogue, default_catalogue, load_catalogue
from forms.steps import STEP_IDS
from forms.storage import load_dossier
from rules import LEVEL_LABELS, LEVELS, Verdict, check_dossier, registered_rules, verdicts_by_level
from rules.context import call_index
from rules.geo import load_perimeters
from rules.registry import load_rule_infos
from rules.verdicts import sort_key

EXAMPLES = sorted((RESOURCES_DIR / "examples").glob("*.cdv.json"))
MAIN_DIR = Path(__file__).resolve().parents[2]


def base(name: str = "testville-2023") -> Dossier:
    return load_dossier(BASE_DOSSIERS / f"{name}.cdv.json")


def test_public_api() -> None:
    assert LEVEL_LABELS == {"bloquant": "Bloquant", "a_corriger": "À corriger", "conseil": "Conseil"}
    v = Verdict("format.siret", "a_corriger", "m", "s")
    assert v.quote == "" and v.fields == () and v.step == ""
    with pytest.raises(dataclasses.FrozenInstanceError):
        v.level = "conseil"  # type: ignore[misc]
    import rules

    for name in ("Level", "LEVEL_LABELS", "Verdict", "check_dossier", "verdicts_by_level"):
        assert hasattr(rules, name)


@pytest.mark.parametrize("name", ["testville-2021", "testville-2023", "testville-2024"])
def test_base_dossiers_have_no_verdict(name: str, fixture_catalogue: Catalogue) -> None:
    assert check_dossier(base(name), fixture_catalogue) == []


def test_empty_dossier_is_sorted_by_level_then_step(fixture_catalogue: Catalogue) -> None:
    dossier = Dossier()
    dossier.call.call = "testville-2023"
    verdicts = check_dossier(dossier, fixture_catalogue)
    assert_well_formed(verdicts)
    assert {v.level for v in verdicts} == {"bloquant", "a_corriger"}
    keys = [sort_key(v) for v in verdicts]
    assert keys == sorted(keys)
    assert verdicts[0].level == "bloquant"
    # within a level, the wizard's step order
    steps = [STEP_IDS.index(v.step) for v in verdicts if v.level == "a_corriger"]
    assert steps == sorted(steps)


def test_verdicts_by_level_has_every_level(fixture_catalogue: Catalogue) -> None:
    dossier = base()
    dossier.attestation.cer_subscribed = False
    dossier.actions[0].public.qpv_share_percent = 10
    groups = verdicts_by_level(check_dossier(dossier, fixture_catalogue))
    assert list(groups) == list(LEVELS)
    assert [v.rule for v in groups["bloquant"]] == ["laicite.cer"]
    assert [v.rule for v in groups["a_corriger"]] == ["qpv.part"]
    assert groups["conseil"] == []
    assert verdicts_by_level([]) == {"bloquant": [], "a_corriger": [], "conseil": []}


@pytest.mark.parametrize("call_id", ["", "inconnu-2030", "blois-2023"])
def test_unknown_call_gives_one_bloquant_verdict(call_id: str, fixture_catalogue: Catalogue) -> None:
    # blois-2023 exists in the shipped data, not in the fixture catalogue
    dossier = Dossier()
    dossier.call.call = call_id
    verdicts = check_dossier(dossier, fixture_catalogue)
    assert [(v.rule, v.level, v.step) for v in verdicts] == [("appel.inconnu", "bloquant", "appel")]
    assert verdicts[0].source
    assert "testville-2023" in verdicts[0].message  # the known calls are listed


def test_check_does_not_modify_the_dossier(fixture_catalogue: Catalogue) -> None:
    for dossier in (base(), Dossier(actions=[]), Dossier()):
        dossier.call.call = "testville-2024"
        before = copy.deepcopy(to_data(dossier))
        check_dossier(dossier, fixture_catalogue)
        assert to_data(dossier) == before


def test_default_catalogue_is_used_when_none_given() -> None:
    dossier = load_dossier(EXAMPLES[0])
    assert check_dossier(dossier) == check_dossier(dossier, default_catalogue())


def test_several_actions_are_checked_each(fixture_catalogue: Catalogue) -> None:
    dossier = base()
    second = copy.deepcopy(dossier.actions[0])
    second.title = "Sorties familles"
    second.quartiers = []
    dossier.actions.append(second)
    verdicts = [v for v in check_dossier(dossier, fixture_catalogue) if v.rule == "qpv.quartiers"]
    assert [v.fields for v in verdicts] == [("actions[1].quartiers",)]
    assert verdicts[0].message.startswith("Action 2 « Sorties familles » — ")


# ------------------------------------------------------------------------------------ registry
def test_every_rule_has_metadata_and_a_resolvable_source() -> None:
    catalogue = default_catalogue()
    infos = load_rule_infos()
    assert [r.id for r in registered_rules()] == list(infos)
    for rule in registered_rules():
        info = rule.info
        assert info.title.strip() and info.levels, rule.id
        assert set(info.levels) <= set(LEVELS), rule.id
        assert info.source.doc in catalogue.sources, f"{rule.id}: source « {info.source.doc} » inconnue"
        assert info.source.section.strip(), rule.id
        assert rule.module.startswith("rules."), rule.id
        assert rule.id.split(".")[0] in {"appel", "qpv", "egalite", "laicite", "transversal", "programme",
                                         "budget", "format", "completude", "compte_rendu"}


def test_rules_do_not_import_qt() -> None:
    code = "import sys, rules, rules.cli; rules.registered_rules(); " \
           "sys.exit(any(m.startswith(('PySide6', 'shiboken6', 'gui')) for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], cwd=MAIN_DIR).returncode == 0


# ------------------------------------------------------------------------------------ caches
def test_call_index_is_cached_per_catalogue_and_call(fixture_catalogue: Catalogue) -> None:
    call = fixture_catalogue.call("testville-2024")
    assert call_index(fixture_catalogue, call) is call_index(fixture_catalogue, call)
    other = load_catalogue(fixture_catalogue.root)
    assert call_index(other, other.call("testville-2024")) is not call_index(fixture_catalogue, call)


def test_perimeters_are_loaded_once(fixture_catalogue: Catalogue) -> None:
    dossier = base("testville-2024")
    dossier.actions[0].location = Point(longitude=1.05, latitude=47.05)
    check_dossier(dossier, fixture_catalogue)
    misses = load_perimeters.cache_info().misses
    for _ in range(5):
        check_dossier(dossier, fixture_catalogue)
    assert load_perimeters.cache_info().misses == misses


# ------------------------------------------------------------------------------------ shipped data
@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_shipped_examples_have_nothing_bloquant_or_to_correct(path: Path) -> None:
    verdicts = check_dossier(load_dossier(path))
    assert_well_formed(verdicts)
    serious = [f"{v.level} {v.rule} {v.fields}: {v.message}" for v in verdicts if v.level != "conseil"]
    assert serious == []


def test_three_examples_are_shipped() -> None:
    assert {p.name for p in EXAMPLES} >= {
        "blois-2023-insertion.cdv.json", "blois-2021-culture.cdv.json", "amboise-acces-droits.cdv.json"}


def test_shipped_perimeters() -> None:
    catalogue = default_catalogue()
    geo = catalogue.geographies["qpv-2024"]
    path = catalogue.perimeters_path(geo)
    assert path is not None
    perimeters = load_perimeters(path)
    codes = {p.code for p in perimeters.items}
    assert {q.perimeter for q in geo.quartiers} <= codes
    assert perimeters.containing(1.3310, 47.5857) == []  # château de Blois
    assert perimeters.containing(0.9862, 47.4133) == []  # château d'Amboise
    for example in EXAMPLES:  # the examples' points are inside a QPV perimeter
        action = load_dossier(example).actions[0]
        if action.location is None:
            continue
        inside = {p.code for p in perimeters.containing(action.location.longitude, action.location.latitude)}
        assert inside, example.name


def test_national_parameters_in_force_at_the_calls_dates() -> None:
    catalogue = default_catalogue()
    cer_2021 = catalogue.parameter("cer_obligatoire", catalogue.call("blois-2021"))
    cer_2023 = catalogue.parameter("cer_obligatoire", catalogue.call("blois-2023"))
    assert cer_2021 is None
    assert cer_2023 is not None and cer_2023.value is True
    seuil = catalogue.parameter("seuil_convention_cents", catalogue.call("blois-2023"))
    assert seuil is not None and seuil.value == 2_300_000 and not seuil.default
    part = catalogue.parameter("part_qpv_minimum_pourcent", catalogue.call("amboise-2022"))
    assert part is not None and part.default


def test_call_index_cache_does_not_keep_catalogues_alive(fixture_catalogue: Catalogue) -> None:
    import gc
    import weakref

    other = load_catalogue(fixture_catalogue.root)
    check_dossier(base(), other)
    ref = weakref.ref(other)
    del other
    gc.collect()
    assert ref() is None


def test_non_finite_coordinates_in_memory(fixture_catalogue: Catalogue) -> None:
    """A file cannot hold NaN / Infinity any more (issue 9), but the rule stays safe with values set in
    memory: a conseil, no exception."""
    dossier = base("testville-2024")
    dossier.actions[0].location = Point(longitude=float("nan"), latitude=float("inf"))
    verdicts = [v for v in check_dossier(dossier, fixture_catalogue) if v.rule == "qpv.localisation"]
    assert [v.level for v in verdicts] == ["conseil"]
