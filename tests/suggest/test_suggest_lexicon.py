"""The lexicons as data: every file walked, read strictly; a territory or call without lexicon still works."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from forms.programmes import RESOURCES_DIR, Catalogue, ProgrammeDataError, load_catalogue
from rules.suggest import Suggester
from rules.suggest.lexicon import lexicon_paths, load_lexicon
from rules.suggest.text import simplemma_lemmatiser, term_keys

LEMMATISE = simplemma_lemmatiser()


def _programme_texts(catalogue: Catalogue, territory_id: str) -> set[str]:
    territory = catalogue.territories[territory_id]
    texts: set[str] = set()
    for e in territory.enjeux:
        texts |= {e.title, e.summary}
        for block in [e.axes, e.objectives, e.actions, e.transversal, e.indicators, e.pacte_dijon, *e.engagements]:
            if block is not None:
                texts |= set(block.items)
    for call in catalogue.calls_of(territory_id):
        texts |= {p.text for p in call.operational_priorities}
    return texts


@pytest.mark.parametrize("territory_id", ["blois", "amboise"])
def test_every_group_of_the_shipped_lexicons(catalogue: Catalogue, territory_id: str) -> None:
    lexicon = load_lexicon(catalogue, territory_id, LEMMATISE)
    assert [p.name for p in lexicon.files] == ["transversal.yaml", "lexique.yaml"]
    territory = catalogue.territories[territory_id]
    assert sorted(lexicon.enjeux) == sorted(e.id for e in territory.enjeux), "every enjeu has its words"
    texts = _programme_texts(catalogue, territory_id)
    for enjeu_id, groups in lexicon.enjeux.items():
        for group in groups:
            where = f"{territory_id} {enjeu_id} « {group.about[:40]} »"
            assert group.about in texts, f"{where}: `about` is not a text of the programme data"
            assert group.source.doc in catalogue.sources and group.source.section, where
            assert all(term_keys(t, LEMMATISE) for t in group.terms), where
    for call in catalogue.calls_of(territory_id):
        for tp in call.transversal:
            assert lexicon.transversal.get(tp.theme), f"{call.id} {tp.id}: theme « {tp.theme} » has no aspect"


def test_the_national_file_has_only_themes(catalogue: Catalogue) -> None:
    paths = lexicon_paths(catalogue, "blois")
    assert paths[0] == RESOURCES_DIR / "lexique" / "transversal.yaml"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A copy of the programme data (Blois only) whose lexicon a test may break."""
    root = tmp_path / "resources"
    root.mkdir()
    for part in ("sources.yaml", "geographie", "glossaire", "parametres", "budget", "lexique"):
        src = RESOURCES_DIR / part
        (shutil.copytree if src.is_dir() else shutil.copy2)(src, root / part)
    shutil.copytree(RESOURCES_DIR / "programmes" / "blois", root / "programmes" / "blois")
    for glossary in (root / "glossaire").glob("*.yaml"):  # another territory's own acronyms go with it
        if yaml.safe_load(glossary.read_text(encoding="utf-8")).get("territory", "blois") != "blois":
            glossary.unlink()
    return root


def _break(root: Path, old: str, new: str) -> None:
    path = root / "programmes" / "blois" / "lexique.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("  E1:\n", "  E9:\n", "enjeu « E9 » inconnu du territoire blois"),
        ("doc: blois-perr-2020", "doc: inconnu", "source « inconnu » inconnue de sources.yaml"),
        ('terms: ["copropriété", "copropriétaire",', 'terms: ["copropriété", "copropriété",',
         "« copropriété » est en double"),
        ('terms: ["copropriété",', 'terms: ["le", "copropriété",', "le terme « le » ne contient que des mots vides"),
        ("territory: blois", "territory: amboise", "« territory » doit valoir « blois »"),
        ("      default: true\n", "      default: true\n      poids: 3\n", "poids"),
    ],
    ids=["enjeu-inconnu", "source-inconnue", "terme-double", "mot-vide", "territoire", "cle-inconnue"],
)
def test_a_broken_lexicon_is_refused_naming_the_file(copy: Path, old: str, new: str, message: str) -> None:
    _break(copy, old, new)
    with pytest.raises(ProgrammeDataError, match=r"lexique\.yaml") as caught:
        load_lexicon(load_catalogue(copy), "blois", LEMMATISE)
    assert message in str(caught.value)


NEW_TERRITORY = """\
id: nouvelleville
name: "Nouvelleville"
communes: [{name: "Nouvelleville", insee: "99999"}]
contract_title: "Contrat de ville de Nouvelleville"
contract_period: "2024-2030"
summary: "Un territoire ajouté comme données, sans lexique."
enjeu_label: "Axe"
enjeu_label_plural: "Axes"
source: {doc: blois-appel-2023, section: "Contrat de ville"}
enjeux:
  - id: A1
    number: 1
    title: "Emploi, insertion et formation des habitants"
    summary: "Aider les demandeurs d'emploi à trouver un travail ou une formation, avec les entreprises."
    source: {doc: blois-appel-2023, section: "Contrat de ville"}
  - id: A2
    number: 2
    title: "Réussite éducative des enfants et soutien aux parents"
    summary: "Aide aux devoirs, lien entre l'école et les familles, parentalité."
    source: {doc: blois-appel-2023, section: "Contrat de ville"}
  - id: A3
    number: 3
    title: "Cadre de vie, propreté et tranquillité"
    summary: "Propreté des espaces publics, tri des déchets, médiation de voisinage."
    source: {doc: blois-appel-2023, section: "Contrat de ville"}
"""
NEW_CALL = """\
id: nouvelleville-2025
territory: nouvelleville
year: 2025
title: "Appel à projets 2025 de Nouvelleville"
summary: "Un appel ajouté comme données."
source: &src {doc: blois-appel-2023, section: "Contrat de ville"}
geography: qpv-2024
quartiers: []
operational_priorities:
  - {id: n-1, enjeux: [A1], group: "Emploi", text: "Lever les freins à l'emploi des femmes", source: *src}
  - {id: n-2, enjeux: [A2], group: "Éducation", text: "Accompagner la scolarité des collégiens", source: *src}
transversal:
  - {id: egalite, theme: egalite, title: "Égalité", text: "égalité femmes-hommes", source: *src}
  - {id: sport, theme: autre, title: "Sport", text: "pratique sportive", prompt: "Dites quel sport.", source: *src}
cofunders: []
documents: []
"""


def test_a_new_territory_and_call_added_as_data_without_lexicon(copy: Path) -> None:
    folder = copy / "programmes" / "nouvelleville"
    folder.mkdir()
    (folder / "territoire.yaml").write_text(NEW_TERRITORY, encoding="utf-8")
    (folder / "appel-2025.yaml").write_text(NEW_CALL, encoding="utf-8")
    catalogue = load_catalogue(copy)
    suggester = Suggester(catalogue, "nouvelleville-2025")
    assert suggester.lexicon is not None and suggester.lexicon.enjeux == {}  # the national themes only
    result = suggester.suggest("Des ateliers d'aide aux devoirs pour les collégiens, avec leurs parents.")
    assert result.enjeux[0].id == "A2"
    assert result.priorities[0].id == "n-2"
    result = suggester.suggest("Trier les déchets et nettoyer les espaces publics avec les habitants. "
                               "Du sport aussi : pratique sportive le samedi.")
    assert result.enjeux[0].id == "A3"
    sport = next(f for f in result.transversal if f.id == "sport")
    assert sport.found and sport.evidence == ("Du sport aussi : pratique sportive le samedi.",)
