"""The "find the mistakes" exercise of the training mode: build it from an example, then score it.

A trainer picks an example dossier, a number of mistakes and a level; `build_exercise` applies that many
realistic mistakes (resources/formation/erreurs.yaml) to a copy of the example, chosen by a seeded random
draw so that the same seed gives everyone the same exercise. The dossier keeps only the recipe
(`meta.exercise`): scoring rebuilds the mistakes from it, so the answers are not written in the file.

`score_exercise` then compares the learner's dossier with the example and with the rules: a mistake is
*found* when none of its rules reports its zone any more, *missed* otherwise; a field changed outside the
zones of the mistakes is *changed without need*. Each mistake comes with the "Pourquoi ?" of its rule.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from forms.codec import DataError, from_data, to_data
from forms.datafile import load_data_file
from forms.fieldlabels import field_label
from forms.fieldpath import parse_path
from forms.model import Dossier, ExerciseSpec
from forms.programmes import RESOURCES_DIR, Catalogue, default_catalogue
from forms.storage import DossierFileError, load_dossier
from rules.engine import check_dossier
from rules.verdicts import Verdict

MISTAKES_FILE = RESOURCES_DIR / "formation" / "erreurs.yaml"
EXAMPLES_DIR = RESOURCES_DIR / "examples"
LEVEL_NAMES = {1: "facile", 2: "moyen", 3: "difficile"}


class ExerciseError(ValueError):
    """The exercise cannot be built or scored; the message is plain French for the user."""


@dataclass
class Change:
    op: str  # set, add, typo, truncate, remove, shift_years
    path: str
    value: Any = None
    by_territory: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    years: int = 0


@dataclass
class Mistake:
    id: str
    title: str
    level: int
    rules: list[str]
    changes: list[Change]
    zone: list[str] = field(default_factory=list)


@dataclass
class MistakesFile:
    mistakes: list[Mistake]


_OPS = {"set", "add", "typo", "truncate", "remove", "shift_years"}


@functools.cache
def load_mistakes(path: Path = MISTAKES_FILE) -> dict[str, Mistake]:
    """The mistakes of the exercise, by id, checked strictly (unknown op, level or duplicate id refused)."""
    data = load_data_file(MistakesFile, path, ExerciseError)
    mistakes: dict[str, Mistake] = {}
    for mistake in data.mistakes:
        if mistake.id in mistakes:
            raise ExerciseError(f"{path}: erreur « {mistake.id} » en double")
        if mistake.level not in LEVEL_NAMES:
            raise ExerciseError(f"{path}: {mistake.id}: niveau {mistake.level} inconnu (1, 2 ou 3)")
        if not mistake.rules or not mistake.changes:
            raise ExerciseError(f"{path}: {mistake.id}: il faut au moins une règle et une modification")
        for change in mistake.changes:
            if change.op not in _OPS:
                raise ExerciseError(f"{path}: {mistake.id}: opération « {change.op} » inconnue")
        mistakes[mistake.id] = mistake
    return mistakes


def example_ids() -> list[str]:
    """The shipped example dossiers an exercise can start from."""
    return sorted(p.name.removesuffix(".cdv.json") for p in EXAMPLES_DIR.glob("*.cdv.json"))


def load_example(example_id: str) -> Dossier:
    path = EXAMPLES_DIR / f"{example_id}.cdv.json"
    if example_id not in example_ids():
        raise ExerciseError(f"L'exemple « {example_id} » n'existe pas. Exemples : {', '.join(example_ids())}.")
    try:
        return load_dossier(path)
    except DossierFileError as exc:
        raise ExerciseError(str(exc)) from None


# ------------------------------------------------------------------ applying a mistake (on plain data)
def _templates(data: dict) -> dict[str, str]:
    """What `{charge}` and `{transversale}` stand for in this example."""
    action = (data.get("actions") or [{}])[0]
    lines = (action.get("budget") or {}).get("lines") or {}
    charge = next((code for code in lines if code.startswith("6") and lines[code] > 0), "")
    answers = action.get("transversal") or {}
    transversale = next((tid for tid, a in answers.items() if str(a.get("text", "")).strip()), "")
    return {"charge": charge, "transversale": transversale}


def _resolve(path: str, data: dict) -> str | None:
    values = _templates(data)
    for name, value in values.items():
        marker = "{" + name + "}"
        if marker in path:
            if not value:
                return None
            path = path.replace(marker, value)
    return path


def _walk(data: Any, path: str) -> tuple[Any, str | int]:
    parts = parse_path(path)
    obj = data
    for part in parts[:-1]:
        obj = obj[part]
    return obj, parts[-1]


def _apply_change(data: dict, change: Change, territory: str) -> bool:
    """Apply one change to the plain data of a dossier; False when it does not apply to this dossier."""
    path = _resolve(change.path, data)
    if path is None:
        return False
    try:
        parent, key = _walk(data, path)
        current = parent[key]
    except (KeyError, IndexError, TypeError):
        return False
    if change.op == "set":
        new = change.by_territory.get(territory) if change.by_territory else copy.deepcopy(change.value)
        if change.by_territory and territory not in change.by_territory:
            return False
    elif change.op == "add":
        if not isinstance(current, int) or isinstance(current, bool):
            return False
        new = current + int(change.value)
    elif change.op == "typo":
        digits = [i for i, ch in enumerate(str(current or "")) if ch.isdigit()]
        if not digits:
            return False
        text, i = str(current), digits[-1]
        new = text[:i] + str((int(text[i]) + 1) % 10) + text[i + 1:]
    elif change.op == "truncate":
        if not isinstance(current, str) or not current:
            return False
        new = current[:-1]
    elif change.op == "remove":
        if not isinstance(current, str) or change.text not in current:
            return False
        new = current.replace(change.text, "")
    else:  # shift_years
        if not isinstance(current, str):
            return False
        day = dt.date.fromisoformat(current)
        try:
            new = day.replace(year=day.year + change.years).isoformat()
        except ValueError:  # 29 February
            new = (day.replace(day=28).replace(year=day.year + change.years)).isoformat()
    if new == current:
        return False
    parent[key] = new
    return True


def apply_mistakes(dossier: Dossier, mistakes: list[Mistake]) -> Dossier | None:
    """A copy of `dossier` with `mistakes` applied, or None when one of them does not apply to it."""
    data = to_data(dossier)
    for mistake in mistakes:
        for change in mistake.changes:
            if not _apply_change(data, change, dossier.call.territory):
                return None
    try:
        return from_data(Dossier, data)
    except DataError:
        return None


def mistake_zone(mistake: Mistake, example: Dossier) -> list[str]:
    """The field paths the learner may change to correct `mistake` (templates resolved on the example)."""
    data = to_data(example)
    raw = mistake.zone or [c.path for c in mistake.changes]
    return [p for p in (_resolve(z, data) for z in raw) if p]


def _in_zone(path: str, zone: list[str]) -> bool:
    return any(path == z or path.startswith((z + ".", z + "[")) for z in zone)


def reported(mistake: Mistake, zone: list[str], verdicts: list[Verdict]) -> list[Verdict]:
    """The verdicts of `verdicts` that report `mistake` (one of its rules, on a field of its zone)."""
    return [v for v in verdicts
            if v.rule in mistake.rules and (not v.fields or any(_in_zone(f, zone) for f in v.fields))]


# ------------------------------------------------------------------ building
def usable_mistakes(example: Dossier, catalogue: Catalogue) -> list[Mistake]:
    """The mistakes that the checks report on this example when applied alone (in the data file's order)."""
    usable = []
    for mistake in load_mistakes().values():
        broken = apply_mistakes(example, [mistake])
        if broken is not None and reported(mistake, mistake_zone(mistake, example), check_dossier(broken, catalogue)):
            usable.append(mistake)
    return usable


def _draw(example: Dossier, spec: ExerciseSpec, catalogue: Catalogue) -> list[Mistake]:
    pool = usable_mistakes(example, catalogue)
    if spec.count < 1:
        raise ExerciseError("Choisissez au moins une erreur.")
    if spec.count > len(pool):
        raise ExerciseError(
            f"Cet exemple permet au plus {len(pool)} erreurs différentes ; vous en demandez {spec.count}.")
    rng = random.Random(f"{spec.example}:{spec.seed}:{spec.level}:{spec.count}")
    # The level's own mistakes first, then easier ones to complete, then harder ones if still short.
    ordered: list[Mistake] = []
    for level in [spec.level, *range(spec.level - 1, 0, -1), *range(spec.level + 1, 4)]:
        group = [m for m in pool if m.level == level]
        rng.shuffle(group)
        ordered.extend(group)
    chosen: list[Mistake] = []
    used_rules: set[str] = set()
    for mistake in ordered:
        if len(chosen) == spec.count:
            break
        if used_rules & set(mistake.rules):  # two mistakes one rule reports alike would be one finding
            continue
        candidate = [*chosen, mistake]
        broken = apply_mistakes(example, candidate)
        if broken is None:
            continue
        verdicts = check_dossier(broken, catalogue)
        if all(reported(m, mistake_zone(m, example), verdicts) for m in candidate):
            chosen.append(mistake)
            used_rules.update(mistake.rules)
    if len(chosen) < spec.count:
        raise ExerciseError(f"Impossible de combiner {spec.count} erreurs sur cet exemple ; choisissez-en moins.")
    return chosen


def build_exercise(
    example_id: str, count: int, level: int = 1, seed: int = 0, catalogue: Catalogue | None = None
) -> Dossier:
    """A new dossier: the example with `count` mistakes, the recipe in `meta.exercise`."""
    catalogue = catalogue or default_catalogue()
    if level not in LEVEL_NAMES:
        raise ExerciseError("Le niveau est 1 (facile), 2 (moyen) ou 3 (difficile).")
    example = load_example(example_id)
    spec = ExerciseSpec(example=example_id, seed=seed, level=level, count=count)
    chosen = _draw(example, spec, catalogue)
    dossier = apply_mistakes(example, chosen)
    assert dossier is not None  # _draw checked it
    spec.mistakes = [m.id for m in chosen]
    dossier.meta = copy.deepcopy(example.meta)
    dossier.meta.exercise = spec
    dossier.meta.origin = f"exemple:{example_id}"
    dossier.meta.wizard_step = ""
    dossier.meta.visited_steps = []
    dossier.meta.exported = ""
    for action in dossier.actions:
        if action.title.strip():
            action.title = f"Exercice — {action.title}"
            break
    return dossier


# ------------------------------------------------------------------ scoring
@dataclass
class MistakeResult:
    mistake: Mistake
    found: bool
    verdicts: list[Verdict]  # what the checks still say about it (empty when found)
    field: str  # the label of the field where it was (for the learner)
    rule: str  # the rule that reports it (for "Pourquoi ?")


@dataclass
class ExerciseScore:
    results: list[MistakeResult]
    needless_changes: list[str]  # labels of fields changed that did not need to be

    @property
    def found(self) -> list[MistakeResult]:
        return [r for r in self.results if r.found]

    @property
    def missed(self) -> list[MistakeResult]:
        return [r for r in self.results if not r.found]

    def summary(self) -> str:
        total = len(self.results)
        text = f"Vous avez corrigé {len(self.found)} erreur{'s' if len(self.found) > 1 else ''} sur {total}."
        if self.needless_changes:
            n = len(self.needless_changes)
            text += f" {n} champ{'s' if n > 1 else ''} modifié{'s' if n > 1 else ''} sans nécessité."
        return text


def _flatten(data: Any, prefix: str = "") -> Iterator[tuple[str, Any]]:
    if isinstance(data, dict):
        if not data and prefix:
            yield prefix, {}
        for key, value in data.items():
            yield from _flatten(value, f"{prefix}.{key}" if prefix else str(key))
    elif isinstance(data, list):
        if not data:
            yield prefix, []
        for i, value in enumerate(data):
            yield from _flatten(value, f"{prefix}[{i}]")
    else:
        yield prefix, data


def changed_paths(before: Dossier, after: Dossier) -> list[str]:
    a = dict(_flatten({k: v for k, v in to_data(before).items() if k != "meta"}))
    b = dict(_flatten({k: v for k, v in to_data(after).items() if k != "meta"}))
    return sorted(p for p in a.keys() | b.keys() if a.get(p) != b.get(p))


def exercise_mistakes(spec: ExerciseSpec) -> list[Mistake]:
    known = load_mistakes()
    missing = [m for m in spec.mistakes if m not in known]
    if missing:
        raise ExerciseError("Cet exercice a été créé par une autre version de l'application "
                            f"(erreurs inconnues : {', '.join(missing)}).")
    return [known[m] for m in spec.mistakes]


def score_exercise(dossier: Dossier, catalogue: Catalogue | None = None) -> ExerciseScore:
    """What the learner found, missed, and changed without need, in an exercise dossier."""
    catalogue = catalogue or default_catalogue()
    spec = dossier.meta.exercise
    if spec is None:
        raise ExerciseError("Ce dossier n'est pas un exercice.")
    example = load_example(spec.example)
    mistakes = exercise_mistakes(spec)
    verdicts = check_dossier(dossier, catalogue)
    results = []
    zones: list[str] = ["actions[0].title"]  # the title says "Exercice — …": not the learner's change
    for mistake in mistakes:
        zone = mistake_zone(mistake, example)
        zones.extend(zone)
        still = reported(mistake, zone, verdicts)
        where = _resolve(mistake.changes[0].path, to_data(example)) or (zone[0] if zone else "")
        label = field_label(where, dossier, catalogue) if where else ""
        results.append(MistakeResult(mistake, not still, still, label, mistake.rules[0]))
    needless = []
    for path in changed_paths(example, dossier):
        if not _in_zone(path, zones):
            label = field_label(path, dossier, catalogue)
            if label not in needless:
                needless.append(label)
    return ExerciseScore(results, needless)
