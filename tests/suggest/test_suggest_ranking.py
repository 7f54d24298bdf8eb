"""The ranking of enjeux and priorities: clear cases, every enjeu ranked, scores, reasons, determinism."""

from __future__ import annotations

import json

import pytest

from forms.programmes import Catalogue
from rules.suggest import EmptyDescriptionError, Suggester, description_of_action

EMPLOI = (
    "Nous accompagnons des demandeurs d'emploi du quartier vers un travail ou une formation qualifiante : "
    "entretiens individuels, ateliers CV et lettre de motivation, simulations d'entretien d'embauche et "
    "rencontres avec des employeurs qui recrutent."
)
DEVOIRS = (
    "Aide aux devoirs pour les élèves de l'école primaire et du collège, quatre soirs par semaine, avec des "
    "bénévoles ; nous rencontrons les parents et les enseignants chaque trimestre."
)
FETE = (
    "Une fête de quartier en juin, préparée avec les habitants : repas partagé, concerts, jeux pour les "
    "enfants et stands des associations, pour que les voisins se rencontrent."
)


@pytest.mark.parametrize(("text", "expected"), [(EMPLOI, {"E2", "E3"}), (DEVOIRS, {"E4"}), (FETE, {"E5"})],
                         ids=["emploi", "devoirs", "fete"])
def test_clear_cases_rank_their_enjeu_first(blois: Suggester, text: str, expected: set[str]) -> None:
    assert blois.suggest(text).enjeux[0].id in expected


def test_every_enjeu_is_ranked_once_with_its_data_id_and_a_score_in_0_1(blois: Suggester, catalogue: Catalogue) -> None:
    result = blois.suggest(EMPLOI)
    ids = [r.id for r in result.enjeux]
    assert sorted(ids) == sorted(e.id for e in catalogue.territories["blois"].enjeux)
    scores = [r.score for r in result.enjeux]
    assert all(0 <= s <= 1 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert scores[0] > scores[-1]


def test_every_priority_of_the_call_is_ranked_under_one_of_its_enjeux(blois: Suggester, catalogue: Catalogue) -> None:
    result = blois.suggest(DEVOIRS)
    call = catalogue.call("blois-2023")
    assert [r.id for r in result.priorities] != []
    assert sorted(r.id for r in result.priorities) == sorted(p.id for p in call.operational_priorities)
    enjeux_of = {p.id: p.enjeux for p in call.operational_priorities}
    assert all(r.enjeu in enjeux_of[r.id] and 0 <= r.score <= 1 for r in result.priorities)
    assert result.priorities[0].id.startswith("2023-education-")


def test_reasons_quote_the_descriptions_words_and_the_programme_text(blois: Suggester, catalogue: Catalogue) -> None:
    top = blois.suggest(DEVOIRS).enjeux[0]
    assert top.why, "the top enjeu says why"
    assert "aide aux devoirs" in [w.lower() for reason in top.why for w in reason.words]
    for reason in top.why:
        assert all(w in DEVOIRS for w in reason.words)  # as written in the description
        assert reason.source_text and reason.where  # a text of the programme or the lexicon, and its source


def test_a_phrase_counts_once_not_again_through_its_words(blois: Suggester) -> None:
    words = [w.lower() for r in blois.suggest(DEVOIRS).enjeux for reason in r.why for w in reason.words]
    assert "aide aux devoirs" in words
    assert "aide" not in words and "devoirs" not in words


def test_same_input_same_output(catalogue: Catalogue, blois: Suggester) -> None:
    first = json.dumps(blois.suggest(FETE).to_dict(), ensure_ascii=False)
    again = json.dumps(blois.suggest(FETE).to_dict(), ensure_ascii=False)
    other = json.dumps(Suggester(catalogue, "blois-2023").suggest(FETE).to_dict(), ensure_ascii=False)
    assert first == again == other


def test_json_shape_is_the_issues(blois: Suggester) -> None:
    data = blois.suggest(EMPLOI + " Les groupes sont mixtes : autant de femmes que d'hommes.").to_dict()
    assert list(data) == ["enjeux", "priorities", "transversal"]
    assert all(list(e) == ["id", "score", "why"] for e in data["enjeux"])
    assert all(list(p) == ["id", "enjeu", "score", "why"] for p in data["priorities"])
    assert all(list(w) == ["words", "source_text"] for e in data["enjeux"] for w in e["why"])
    assert all(list(t) == ["id", "found", "evidence", "missing"] for t in data["transversal"])
    assert isinstance(data["enjeux"][0]["score"], float)
    assert data["enjeux"][0]["score"] == round(data["enjeux"][0]["score"], 2)


def test_amboise_priorites(amboise: Suggester, catalogue: Catalogue) -> None:
    result = amboise.suggest(
        "Une permanence d'accès aux droits : une médiatrice aide les habitants à remplir leurs dossiers CAF et "
        "CPAM, et à faire leurs démarches en ligne sur un ordinateur."
    )
    assert result.enjeux[0].id == "P4"
    assert sorted(r.id for r in result.enjeux) == [f"P{i}" for i in range(1, 9)]
    assert result.priorities[0].enjeu == "P4"
    assert {t.id for t in result.transversal} == {t.id for t in catalogue.call("amboise-2022").transversal}


def test_amboise_clean_neighbourhood(amboise: Suggester) -> None:
    text = ("Des ambassadeurs du tri expliquent aux locataires comment trier leurs déchets et où déposer les "
            "encombrants.")
    assert amboise.suggest(text).enjeux[0].id == "P5"


@pytest.mark.parametrize("text", ["", "   \n\t ", "le la les et de", "…  --  !!"])
def test_an_empty_description_is_refused_in_french(blois: Suggester, text: str) -> None:
    with pytest.raises(EmptyDescriptionError, match="La description est vide"):
        blois.suggest(text)


def test_without_lexicon_the_programme_texts_alone_still_rank(catalogue: Catalogue) -> None:
    bare = Suggester(catalogue, "blois-2023", use_lexicon=False)
    assert bare.lexicon is None
    assert bare.suggest(EMPLOI).enjeux[0].id in {"E2", "E3"}
    assert all(not p.lexicon for target in bare.knowledge.enjeux for p in target.passages)


def test_description_of_action_joins_the_filled_parts() -> None:
    assert description_of_action("Titre", "", "  Description.  ", "Résultats") == "Titre\n\nDescription.\n\nRésultats"
    assert description_of_action("", "", "") == ""


def test_text_pasted_from_a_word_processor(blois: Suggester) -> None:
    """Bullets and tabs, curly apostrophes, non-breaking spaces before « : », Windows line ends."""
    text = (
        "•\tAccompagnement vers l’emploi des habitant·e·s\u00a0: ateliers CV, simulations d’entretien d’embauche.\r\n"
        "•\tL’action n’a pas pour objet le numérique.\r\n"
        "–\tGroupes mixtes\u202f: 12 femmes et 10 hommes."
    )
    result = blois.suggest(text)
    assert result.enjeux[0].id == "E3"
    assert "entretien d’embauche" in result.enjeux[0].why[0].words  # as written, curly apostrophe kept
    findings = {f.id: f for f in result.transversal}
    assert findings["egalite"].evidence == ("Groupes mixtes\u202f: 12 femmes et 10 hommes.",)
    assert not findings["numerique"].found  # "n’a pas pour objet": a denial, not evidence
