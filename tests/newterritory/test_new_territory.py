"""A territory the application does not know, added as data only (ARCHITECTURE.md « Where to add… »):
only the 2024 geography, no perimeters, a call whose priorities are not known yet. `programmes`,
`check` and `export` run on a dossier for it, and nothing in their output speaks of Blois or Amboise or
states an unknown as a fact."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

import forms.programmes as programmes
import forms.user_programmes as user_programmes
from forms.french import fold
from forms.model import Action, Budget, Document, Dossier, Indicator, Point, Subsidy
from forms.storage import save_dossier
from forms.yamlload import load_yaml

HERE = Path(__file__).parent


@pytest.fixture
def valmont(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped national files plus the Valmont territory, as the application's resources."""
    root = tmp_path / "resources"
    root.mkdir()
    sources = load_yaml(programmes.RESOURCES_DIR / "sources.yaml")
    sources["documents"].append({
        "id": "valmont-page-contrat", "kind": "page-web", "href": "https://www.example.org/valmont/contrat-de-ville",
        "title": "Grand Valmont, page « Contrat de ville 2024-2030 »", "date": "2024",
    })
    (root / "sources.yaml").write_text(yaml.safe_dump(sources, allow_unicode=True), encoding="utf-8")
    for name in ("parametres", "budget", "rules", "fonts", "cerfa"):  # the national files, the CERFA's wording too
        shutil.copytree(programmes.RESOURCES_DIR / name, root / name)
    (root / "glossaire").mkdir()
    (root / "geographie").mkdir()
    shutil.copy(HERE / "qpv-2024-valmont.yaml", root / "geographie" / "qpv-2024-valmont.yaml")
    tdir = root / "programmes" / "valmont"
    tdir.mkdir(parents=True)
    shutil.copy(HERE / "valmont-territoire.yaml", tdir / "territoire.yaml")
    shutil.copy(HERE / "valmont-appel-2025.yaml", tdir / "appel-2025.yaml")
    monkeypatch.setattr(programmes, "RESOURCES_DIR", root)
    monkeypatch.setattr(user_programmes, "RESOURCES_DIR", root)  # default_catalogue() loads through it
    monkeypatch.setenv("DOSSIER_CDV_HOME", str(tmp_path / "home"))
    user_programmes.default_catalogue_and_report.cache_clear()
    yield root
    user_programmes.default_catalogue_and_report.cache_clear()


def _dossier(path: Path) -> Path:
    d = Dossier()
    d.call.territory, d.call.call, d.call.year = "valmont", "valmont-2025", 2025
    ident = d.association.identity
    ident.name, ident.object = "Les Amis des Hauts", "Animer la vie du quartier et accompagner les familles."
    ident.siret, ident.rna = "73282932000074", "W991234567"
    ident.address.street, ident.address.postal_code, ident.address.city = "3 rue des Lilas", "99100", "Valmont"
    ident.legal_representative.last_name, ident.legal_representative.first_name = "Martin", "Claire"
    ident.legal_representative.role = "Présidente"
    ident.contact.last_name, ident.contact.first_name, ident.contact.phone = "Martin", "Claire", "02 54 00 00 00"
    d.association.people.members = 40
    d.association.budget = Budget(year=2025, lines={"604": 1000000, "RP": 1000000})
    d.association.bank.iban, d.association.bank.bic = "FR7630006000011234567890189", "AGRIFRPP"
    d.association.bank.holder = "Les Amis des Hauts"
    a = Action(
        title="Ateliers numériques des familles",
        objectives="Rendre les familles autonomes dans leurs démarches en ligne et réduire l'illectronisme.",
        description="Deux ateliers par semaine au local du quartier, animés par un médiateur numérique et "
                    "des bénévoles.",
        start_date=dt.date(2025, 1, 15), end_date=dt.date(2025, 12, 15),
        quartiers=["valmont-hauts"], enjeux=["A1"],
        human_means="Un médiateur numérique à mi-temps et six bénévoles.",
        expected_results="Quarante familles font seules leurs démarches en ligne à la fin de l'année, sans aide.",
        indicators=[Indicator("Familles autonomes", "40", "questionnaire de fin de cycle")],
        location=Point(longitude=0.5, latitude=48.0, label="local du quartier"),
    )
    a.public.description, a.public.total, a.public.women, a.public.men = "Familles du quartier", 60, 35, 25
    a.public.qpv_share_percent = 90
    a.budget = Budget(year=2025, lines={"604": 500000, "641": 700000},
                      subsidies=[Subsidy("etat", "", 600000, True), Subsidy("agglo", "", 400000, True),
                                 Subsidy("autre", "Conseil départemental", 200000, False)])
    a.requested_cents = {"etat": 600000, "agglo": 400000}
    d.actions = [a]
    d.attestation.cer_subscribed = d.attestation.obligations_up_to_date = True
    d.attestation.charter_2014_respected = d.attestation.information_exact = True
    d.attestation.place, d.attestation.date = "Valmont", dt.date(2024, 11, 20)
    d.documents = [Document("statuts", "statuts.pdf", "joint")]
    save_dossier(d, path)
    return path


def _no_other_territory(text: str) -> None:
    for word in ("blois", "amboise", "perr", "tout particulierement"):
        assert word not in fold(text), f"« {word} » dans :\n{text}"


def test_programmes_check_export_on_a_data_only_territory(valmont: Path, tmp_path: Path, capsys) -> None:
    import main

    assert main.main(["programmes"]) == 0
    out = capsys.readouterr().out
    _no_other_territory(out)
    assert "Grand Valmont [valmont]" in out
    assert "priorités opérationnelles non connues, priorités transversales non connues, 2 cofinanceurs" in out
    assert "Données de l'appel incomplètes" in out

    dossier = _dossier(tmp_path / "valmont.cdv.json")
    assert main.main(["check", str(dossier)]) == 0
    out = capsys.readouterr().out
    flat = " ".join(out.replace("\u00a0", " ").split())
    _no_other_territory(flat)
    assert "ne fixe pas de priorité transversale" not in flat
    assert "Le dossier peut être déposé" not in flat
    assert "les données de l'appel sont incomplètes" in flat
    assert ("Ce que l'application ne connaît pas : les priorités opérationnelles de l'année et les priorités "
            "transversales. À confirmer : le calendrier (dates de dépôt et des actions).") in flat
    assert "les périmètres des quartiers prioritaires du Grand Valmont ne sont pas fournis" in flat
    assert "en dehors de tous les périmètres" not in flat

    assert main.main(["export", str(dossier), "--out", str(tmp_path / "sortie"), "--format", "docx"]) == 0
    (docx,) = (tmp_path / "sortie").glob("*.docx")
    with zipfile.ZipFile(docx) as z:
        text = re.sub(r"<[^>]+>", " ", z.read("word/document.xml").decode("utf-8"))
    text = " ".join(text.split())
    _no_other_territory(text)
    assert "contrat de ville du Grand Valmont" in text
    assert "ne fixe pas de priorité transversale" not in text
    assert "Priorités transversales non renseignées" in text


def test_grammar_comes_from_the_data(valmont: Path) -> None:
    from forms.storage import load_dossier
    from rules import check_dossier

    cat = programmes.default_catalogue()
    dossier = load_dossier(_dossier(valmont.parent / "g.cdv.json"))
    dossier.actions[0].enjeux = ["E9"]
    messages = [v.message for v in check_dossier(dossier, cat) if v.rule == "programme.enjeux"]
    assert messages and "n'est un axe du contrat de ville du Grand Valmont" in messages[0]
    assert "un axe du contrat de ville auquel l'action répond" in messages[0]
    assert "une axe" not in messages[0] and "de Grand Valmont" not in messages[0]


def test_a_2024_call_on_the_2015_geography_is_refused(valmont: Path) -> None:
    path = valmont / "geographie" / "qpv-2024-valmont.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("valid_from: 2024-01-01",
                                                             "valid_from: 2015-01-01\nvalid_to: 2023-12-31"),
                    encoding="utf-8")
    with pytest.raises(programmes.ProgrammeDataError, match="n'est pas en vigueur à la date de l'appel"):
        programmes.load_catalogue(valmont)
