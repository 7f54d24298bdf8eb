"""forms.funders: the status of a subsidy (one definition) and the CERFA's funder groups (data)."""

from __future__ import annotations

import typing

import pytest

from forms.codec import DataError
from forms.funders import (
    STATUS_CHOICES,
    STATUSES,
    FunderLine,
    asked_by_dossier_cents,
    funder_groups,
    group_lines,
    load_funder_groups,
    total_asked_cents,
)
from forms.model import Action, Budget, Dossier, Subsidy
from forms.programmes import RESOURCES_DIR, CofunderKind, default_catalogue


def test_every_cofunder_kind_of_the_calls_has_a_group() -> None:
    kinds = {k for g in funder_groups().groups for k in g.kinds}
    assert set(typing.get_args(CofunderKind)) <= kinds
    for call in default_catalogue().calls.values():
        for cofunder in call.cofunders:
            assert cofunder.kind in kinds, cofunder.id


def test_groups_in_the_form_order() -> None:
    assert [g.id for g in funder_groups().groups] == [
        "etat", "region", "departement", "intercommunalite", "commune", "social", "europe", "asp",
        "etablissements", "prive", "autre"]
    assert funder_groups().source.doc == "cerfa-12156"


def test_the_groups_file_is_loaded_strictly(tmp_path) -> None:
    text = (RESOURCES_DIR / "cerfa" / "financeurs.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "financeurs.yaml"
    bad.write_text(text.replace("match_order: [asp,", "match_order: [inconnu, asp,"), encoding="utf-8")
    with pytest.raises(ValueError, match="inconnu"):
        load_funder_groups(bad)
    bad.write_text(text.replace("    label: \"État\"", "    label: \"État\"\n    couleur: bleu"), encoding="utf-8")
    with pytest.raises(DataError):
        load_funder_groups(bad)


def test_status_choices_cover_every_status() -> None:
    assert tuple(value for value, _ in STATUS_CHOICES) == STATUSES


def test_what_this_dossier_asks() -> None:
    action = Action(budget=Budget(subsidies=[
        Subsidy("etat", "", 1_000_00), Subsidy("autre", "Région", 500_00),
        Subsidy("caf", "", 300_00, requested=False), Subsidy("autre", "Fondation", 200_00, status="ce_dossier"),
    ]))
    assert asked_by_dossier_cents(action) == 1_200_00
    assert asked_by_dossier_cents(action, "etat") == 1_000_00
    assert total_asked_cents(Dossier(actions=[action, action])) == 2_400_00


def test_a_funder_named_twice_is_one_line() -> None:
    lines = [FunderLine("social", "Caf de Loir-et-Cher", "ce_dossier", 100),
             FunderLine("social", "Caf de Loir-et-Cher ", "ce_dossier", 50),
             FunderLine("social", "Caf de Loir-et-Cher", "acquise", 10),
             FunderLine("etat", "DDETS", "ce_dossier", 1)]
    grouped = group_lines(lines)
    assert [g.id for g, _ in grouped] == ["etat", "social"]
    assert grouped[1][1] == [FunderLine("social", "Caf de Loir-et-Cher", "ce_dossier", 150),  # as first typed
                             FunderLine("social", "Caf de Loir-et-Cher", "acquise", 10)]
