"""The exercise « trouver les erreurs »: N mistakes give exactly N findings, a correct fix leaves none,
the same seed gives the same exercise, and a partial correction is scored right."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from forms.codec import to_data
from forms.fieldpath import get_path, set_path
from forms.model import Dossier
from forms.programmes import default_catalogue
from forms.storage import load_dossier
from rules.engine import check_dossier
from rules.exercise import (
    ExerciseError,
    build_exercise,
    example_ids,
    exercise_mistakes,
    load_example,
    mistake_zone,
    reported,
    score_exercise,
    usable_mistakes,
)

ROOT = Path(__file__).resolve().parents[2]


def _restore(dossier: Dossier, example: Dossier, paths: list[str]) -> None:
    """Correct the fields at `paths` the way a learner who found the mistake does: the right value back."""
    for path in paths:
        set_path(dossier, path, get_path(example, path))


def _findings(dossier: Dossier) -> int:
    """How many of the exercise's mistakes the checks report (what a trainer would count)."""
    example = load_example(dossier.meta.exercise.example)
    verdicts = check_dossier(dossier)
    return sum(bool(reported(m, mistake_zone(m, example), verdicts)) for m in exercise_mistakes(dossier.meta.exercise))


@pytest.mark.parametrize("example_id", example_ids())
@pytest.mark.parametrize("count", [1, 3, 5])
@pytest.mark.parametrize("seed", [0, 11])
def test_n_mistakes_are_n_findings_before_and_none_after_a_correct_fix(example_id: str, count: int, seed: int) -> None:
    dossier = build_exercise(example_id, count, level=2, seed=seed)
    spec = dossier.meta.exercise
    assert spec is not None and len(spec.mistakes) == count == len(set(spec.mistakes))
    assert _findings(dossier) == count
    score = score_exercise(dossier)
    assert (len(score.found), len(score.missed), score.needless_changes) == (0, count, [])

    example = load_example(example_id)
    for mistake in exercise_mistakes(spec):
        _restore(dossier, example, mistake_zone(mistake, example))
    assert _findings(dossier) == 0
    score = score_exercise(dossier)
    assert (len(score.found), len(score.missed), score.needless_changes) == (count, 0, [])
    assert score.summary() == f"Vous avez corrigé {count} erreur{'s' if count > 1 else ''} sur {count}."


def test_the_same_seed_gives_everyone_the_same_exercise() -> None:
    first = build_exercise("blois-2023-insertion", 4, level=2, seed=42)
    second = build_exercise("blois-2023-insertion", 4, level=2, seed=42)
    assert to_data(first) == to_data(second)
    others = {tuple(build_exercise("blois-2023-insertion", 4, level=2, seed=s).meta.exercise.mistakes)
              for s in range(8)}
    assert len(others) > 1, "another seed draws other mistakes"


def test_a_partial_correction_is_scored_right() -> None:
    dossier = build_exercise("blois-2023-insertion", 3, level=1, seed=5)
    example = load_example("blois-2023-insertion")
    first, *rest = exercise_mistakes(dossier.meta.exercise)
    _restore(dossier, example, mistake_zone(first, example))
    dossier.association.identity.website = "https://autre.example.org"  # not a mistake: changed for nothing
    score = score_exercise(dossier)
    assert [r.mistake.id for r in score.found] == [first.id]
    assert [r.mistake.id for r in score.missed] == [m.id for m in rest]
    assert score.needless_changes == ["Site internet"]
    assert score.summary() == "Vous avez corrigé 1 erreur sur 3. 1 champ modifié sans nécessité."
    for result in score.missed:
        assert result.verdicts and result.field


def test_a_fix_by_another_right_value_counts_as_found() -> None:
    """The budget can be balanced by a resource as well as by the expense: both are corrections."""
    dossier = build_exercise("blois-2023-insertion", 1, level=2, seed=0)
    spec = dossier.meta.exercise
    while spec.mistakes != ["budget-desequilibre"]:  # find the seed that draws it alone
        spec.seed += 1
        dossier = build_exercise("blois-2023-insertion", 1, level=2, seed=spec.seed)
        spec = dossier.meta.exercise
    budget = dossier.action.budget
    budget.lines["RP"] = budget.lines.get("RP", 0) + 150000  # 1 500 € of own resources more
    score = score_exercise(dossier)
    assert [r.mistake.id for r in score.found] == ["budget-desequilibre"]
    assert score.needless_changes == []


def test_a_level_draws_its_own_mistakes_first() -> None:
    catalogue = default_catalogue()
    example = load_example("blois-2023-insertion")
    easy = {m.id for m in usable_mistakes(example, catalogue) if m.level == 1}
    for seed in range(5):
        dossier = build_exercise("blois-2023-insertion", 3, level=1, seed=seed)
        assert set(dossier.meta.exercise.mistakes) <= easy
        hard = build_exercise("blois-2023-insertion", 1, level=3, seed=seed)
        assert all(m.level == 3 for m in exercise_mistakes(hard.meta.exercise))


def test_the_exercise_is_marked_and_titled() -> None:
    dossier = build_exercise("amboise-acces-droits", 2, level=1, seed=3)
    assert dossier.meta.origin == "exemple:amboise-acces-droits"
    assert dossier.action.title.startswith("Exercice — ")
    assert dossier.meta.visited_steps == [] and dossier.meta.wizard_step == ""


@pytest.mark.parametrize(("count", "level", "message"), [
    (0, 1, "Choisissez au moins une erreur."),
    (99, 1, "Cet exemple permet au plus 15 erreurs différentes ; vous en demandez 99."),
    (2, 5, r"Le niveau est 1 \(facile\), 2 \(moyen\) ou 3 \(difficile\)."),
])
def test_impossible_exercises_are_refused_in_french(count: int, level: int, message: str) -> None:
    with pytest.raises(ExerciseError, match=message):
        build_exercise("blois-2023-insertion", count, level=level)


def test_scoring_a_dossier_that_is_no_exercise_says_so() -> None:
    with pytest.raises(ExerciseError, match=re.escape("Ce dossier n'est pas un exercice.")):
        score_exercise(load_example("blois-2023-insertion"))


# ------------------------------------------------------------------ the command line
def _main(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


def test_create_then_check_an_exercise_from_the_command_line(tmp_path: Path) -> None:
    out = tmp_path / "exercice.cdv.json"
    result = _main("exercice", "creer", "--exemple", "blois-2021-culture", "--erreurs", "2", "--niveau", "1",
                   "--graine", "3", "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2 erreurs, niveau facile, graine 3" in result.stdout
    dossier = load_dossier(out)
    assert dossier.meta.exercise.count == 2

    result = _main("exercice", "verifier", str(out), cwd=tmp_path)
    assert result.returncode == 1
    assert "Vous avez corrigé 0 erreur sur 2." in result.stdout
    assert result.stdout.count("Manquée : ") == 2 and "Pourquoi ? " in result.stdout

    again = _main("exercice", "creer", "--out", str(out), cwd=tmp_path)
    assert again.returncode == 2 and "existe déjà" in again.stderr


def test_checking_a_file_that_is_no_exercise_exits_2(tmp_path: Path) -> None:
    example = ROOT / "resources" / "examples" / "blois-2023-insertion.cdv.json"
    result = _main("exercice", "verifier", str(example), cwd=tmp_path)
    assert result.returncode == 2
    assert "Impossible de vérifier l'exercice : Ce dossier n'est pas un exercice." in result.stderr
