"""The training mode's data: example comments, « Pourquoi ? » explanations, the exercise's mistakes.

Each data file is walked entry by entry; a test fails on a step without its comment, a quote not found
in its source, a rule without its explanation, or a mistake no example reports.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from forms.programmes import RESOURCES_DIR, default_catalogue
from forms.steps import STEP_IDS
from forms.training.comments import CommentsDataError, commented_examples, load_comments
from rules.engine import check_dossier
from rules.exercise import (
    ExerciseError,
    apply_mistakes,
    example_ids,
    load_example,
    load_mistakes,
    mistake_zone,
    reported,
)
from rules.explanations import ExplanationDataError, load_explanations, why_for
from rules.registry import registered_rules

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEARCH_PLACES = (SHARED / "seeds", SHARED / "reference")


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _source_text(doc_id: str) -> str | None:
    """The text of a source document when the project has its file at hand (seeds, reference notes)."""
    doc = default_catalogue().sources[doc_id]
    for folder in SEARCH_PLACES:
        if doc.file and (folder / doc.file).is_file():
            return _normal((folder / doc.file).read_text(encoding="utf-8"))
    return None


# ------------------------------------------------------------------ worked examples
def test_every_shipped_example_is_commented() -> None:
    assert commented_examples() == example_ids()
    calls = {load_example(e).call.call for e in example_ids()}
    assert calls == set(default_catalogue().calls), "chaque appel livré a au moins un exemple commenté"


@pytest.mark.parametrize("example_id", example_ids())
def test_each_example_has_a_sourced_comment_for_each_step(example_id: str) -> None:
    comments = load_comments(example_id)
    assert set(comments.comments) == set(STEP_IDS)
    assert len(comments.presentation) > 40
    sources = default_catalogue().sources
    for step_id, item in comments.comments.items():
        assert len(item.text.split()) >= 12, (step_id, "un commentaire explique, il ne se contente pas d'un mot")
        assert item.source.doc in sources, (step_id, item.source.doc)
        assert item.source.section.strip(), step_id


@pytest.mark.parametrize("example_id", example_ids())
def test_each_quoted_passage_is_in_its_source(example_id: str) -> None:
    checked = 0
    for step_id, item in load_comments(example_id).comments.items():
        if not item.source.quote:
            continue
        text = _source_text(item.source.doc)
        if text is None:
            continue
        assert _normal(item.source.quote) in text, (example_id, step_id, item.source.quote)
        checked += 1
    if SHARED.is_dir():
        assert checked >= 3, "les commentaires citent leurs textes"


def test_a_comments_file_for_another_example_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from forms.training import comments as module

    (tmp_path / "x.commentaires.yaml").write_text(
        "example: y\npresentation: p\ncomments: {}\n", encoding="utf-8")
    monkeypatch.setattr(module, "EXAMPLES_DIR", tmp_path)
    with pytest.raises(CommentsDataError, match="attendu 'x'"):
        module.load_comments.__wrapped__("x")


# ------------------------------------------------------------------ « Pourquoi ? »
def test_every_rule_has_its_explanation() -> None:
    explanations = load_explanations()
    missing = sorted(r.id for r in registered_rules() if r.id not in explanations)
    assert missing == [], f"règles sans « Pourquoi ? » dans resources/rules/pourquoi.yaml : {missing}"


@pytest.mark.parametrize("rule_id", sorted(r.id for r in registered_rules()))
def test_each_explanation_says_what_who_and_what_if(rule_id: str) -> None:
    why = why_for(rule_id)
    assert why is not None
    for part in (why.protects, why.asked_by, why.if_ignored):
        assert len(part.split()) >= 4, (rule_id, part)
    assert why.source.strip()
    text = why.as_text()
    assert "Ce que la règle protège : " in text and "Qui le demande : " in text and "Si on l'ignore : " in text


def test_an_explanation_for_an_unknown_rule_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pourquoi.yaml"
    path.write_text("explications:\n  regle.inconnue: {protege: a, demande_par: b, sinon: c}\n", encoding="utf-8")
    with pytest.raises(ExplanationDataError, match=re.escape("règles inconnues : regle.inconnue")):
        load_explanations.__wrapped__(path)


def test_an_empty_explanation_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pourquoi.yaml"
    path.write_text("explications:\n  format.siret: {protege: '', demande_par: b, sinon: c}\n", encoding="utf-8")
    with pytest.raises(ExplanationDataError, match=re.escape("format.siret.protege est vide")):
        load_explanations.__wrapped__(path)


def test_the_verdicts_own_quote_is_the_passage_shown() -> None:
    dossier = load_example("blois-2023-insertion")
    dossier.attestation.cer_subscribed = False
    verdict = next(v for v in check_dossier(dossier) if v.rule == "laicite.cer")
    why = why_for("laicite.cer", verdict)
    assert why is not None and why.source == verdict.source
    assert why.passage == (verdict.quote or why.passage)


# ------------------------------------------------------------------ the exercise's mistakes
@pytest.mark.parametrize("mistake_id", sorted(load_mistakes()))
def test_each_mistake_is_reported_on_a_shipped_example(mistake_id: str) -> None:
    mistake = load_mistakes()[mistake_id]
    catalogue = default_catalogue()
    reported_on = []
    for example_id in example_ids():
        example = load_example(example_id)
        broken = apply_mistakes(example, [mistake])
        if broken is not None and reported(mistake, mistake_zone(mistake, example), check_dossier(broken, catalogue)):
            reported_on.append(example_id)
    assert reported_on, f"l'erreur « {mistake_id} » n'est signalée sur aucun exemple livré"


@pytest.mark.parametrize(("text", "message"), [
    ("mistakes:\n  - {id: a, title: t, level: 4, rules: [format.siret], changes: [{op: set, path: x}]}\n",
     "niveau 4 inconnu"),
    ("mistakes:\n  - {id: a, title: t, level: 1, rules: [format.siret], changes: [{op: efface, path: x}]}\n",
     "opération « efface » inconnue"),
    ("mistakes:\n  - {id: a, title: t, level: 1, rules: [], changes: [{op: set, path: x}]}\n",
     "au moins une règle"),
    ("mistakes:\n  - {id: a, title: t, level: 1, rules: [r], changes: [{op: set, path: x}]}\n"
     "  - {id: a, title: t, level: 1, rules: [r], changes: [{op: set, path: x}]}\n", "« a » en double"),
])
def test_a_bad_mistakes_file_is_refused_in_french(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "erreurs.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ExerciseError, match=message):
        load_mistakes.__wrapped__(path)


def test_the_memo_and_mistakes_files_are_packaged() -> None:
    assert (RESOURCES_DIR / "formation" / "erreurs.yaml").is_file()
    assert (RESOURCES_DIR / "formation" / "memo.yaml").is_file()
