"""Rule cases as data: reading tests/rules/cases/*.yaml and building each case's dossier.

A case file holds a list `cases`; each case:

    - name: "Une action sans quartier n'est pas recevable"
      call: testville-2023            # the call answered (sets call.call, call.territory, call.year)
      base: testville-2023            # optional: a base dossier of tests/rules/fixtures/dossiers
                                      #   (default: the call's own), "vide" (an empty dossier) or
                                      #   "exemple:<name>" (resources/examples, with catalogue: livre)
      catalogue: fixture              # optional: "fixture" (default) or "livre" (the shipped data)
      input:                          # the dossier fields that matter, forms.steps path syntax;
        actions[0].quartiers: []      #   documents[id=statuts] selects a document by its id
      expect:
        present: {qpv.quartiers: bloquant}     # rule id -> level of at least one verdict
        absent: [qpv.veille, "laicite.cer:bloquant"]   # no verdict of that rule (at that level)
        fields: {qpv.quartiers: "actions[0].quartiers"}  # optional: first field of such a verdict
        message: {qpv.quartiers: "quartier"}   # optional: a verdict's message contains this text
        exact: {qpv.quartiers: "Indiquez…"}     # optional: a verdict's whole message (pinned wording)
        only: ["qpv.quartiers:bloquant"]        # optional: these verdicts and no other ([] = none at all)
"""

from __future__ import annotations

import dataclasses
import re
import types
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union, get_args, get_origin, get_type_hints

from forms.codec import from_data
from forms.fieldpath import parse_path
from forms.model import Document, Dossier
from forms.programmes import Catalogue
from forms.steps import STEP_IDS
from forms.storage import load_dossier
from forms.yamlload import load_yaml
from rules import Verdict, registered_rules

_SEGMENT = re.compile(r"([^.\[\]]+)|\[([^\]]*)\]")


@dataclass
class Expect:
    present: dict[str, str] = field(default_factory=dict)
    absent: list[str] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    message: dict[str, str] = field(default_factory=dict)
    exact: dict[str, str] = field(default_factory=dict)
    only: list[str] | None = None  # "rule:level" items: the set of verdicts, exactly


@dataclass
class Case:
    name: str
    call: str
    expect: Expect
    base: str = ""
    catalogue: str = "fixture"
    input: dict[str, Any] = field(default_factory=dict)
    file: str = ""  # filled by the loader


@dataclass
class CaseFile:
    cases: list[Case]


def load_cases(folder: Path) -> list[Case]:
    cases: list[Case] = []
    for path in sorted(folder.glob("*.yaml")):
        for case in from_data(CaseFile, load_yaml(path)).cases:
            case.file = path.name
            cases.append(case)
    return cases


def _unwrap(tp: Any) -> Any:
    if get_origin(tp) in (Union, types.UnionType):
        args = [a for a in get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return args[0]
    return tp


def _tokens(path: str) -> list[tuple[str, str]]:
    """`actions[0].budget.lines.604` -> [(name, actions), (index, 0), (name, budget), ...]."""
    tokens = []
    for match in _SEGMENT.finditer(path):
        name, bracket = match.groups()
        tokens.append(("name", name) if name is not None else ("index", bracket))
    return tokens


def set_field(dossier: Dossier, path: str, value: Any) -> None:
    """Set the field at `path` (forms.steps syntax) to `value`, converted strictly by forms.codec.

    Missing intermediate items are created: list items up to the index, dict entries, optional
    dataclasses; `documents[id=X]` is the document of id X (appended when absent).
    """
    tokens = _tokens(path)
    obj: Any = dossier
    tp: Any = Dossier
    for position, (kind, key) in enumerate(tokens):
        last = position == len(tokens) - 1
        tp = _unwrap(tp)
        if dataclasses.is_dataclass(tp):
            if kind != "name":
                raise ValueError(f"{path}: champ attendu avant [{key}]")
            hints = get_type_hints(tp)
            if key not in hints:
                raise ValueError(f"{path}: {tp.__name__} n'a pas de champ « {key} »")
            child_tp = hints[key]
            if last:
                setattr(obj, key, from_data(child_tp, value, path))
                return
            child = getattr(obj, key)
            if child is None:
                child = _unwrap(child_tp)()
                setattr(obj, key, child)
            obj, tp = child, child_tp
        elif get_origin(tp) is list:
            (item_tp,) = get_args(tp)
            if key.startswith("id="):
                wanted = key[3:]
                index = next((i for i, item in enumerate(obj) if getattr(item, "id", None) == wanted), None)
                if index is None:
                    obj.append(Document(id=wanted))
                    index = len(obj) - 1
            else:
                index = int(key)
                while len(obj) <= index:
                    obj.append(_unwrap(item_tp)())
            if last:
                obj[index] = from_data(item_tp, value, path)
                return
            obj, tp = obj[index], item_tp
        elif get_origin(tp) is dict:
            _key_tp, value_tp = get_args(tp)
            if last:
                obj[key] = from_data(value_tp, value, path)
                return
            if key not in obj:
                obj[key] = _unwrap(value_tp)()
            obj, tp = obj[key], value_tp
        else:
            raise ValueError(f"{path}: « {key} » ne désigne rien dans {tp!r}")


def check_path(path: str) -> None:
    """Raise ValueError if `path` does not name a place of the model (values are not needed)."""
    tp: Any = Dossier
    for kind, key in _tokens(path):
        tp = _unwrap(tp)
        if dataclasses.is_dataclass(tp):
            hints = get_type_hints(tp)
            if kind != "name" or key not in hints:
                raise ValueError(f"{path}: « {key} » n'est pas un champ de {tp.__name__}")
            tp = hints[key]
        elif get_origin(tp) is list:
            if kind != "index" or not key.isdigit():
                raise ValueError(f"{path}: indice attendu après une liste")
            tp = get_args(tp)[0]
        elif get_origin(tp) is dict:
            if kind != "name":
                raise ValueError(f"{path}: clé attendue après une table")
            tp = get_args(tp)[1]
        else:
            raise ValueError(f"{path}: « {key} » après une valeur simple")


def build_dossier(case: Case, base_dir: Path, examples_dir: Path, catalogue: Catalogue) -> Dossier:
    base = case.base or case.call
    if base == "vide":
        dossier = Dossier()
    elif base.startswith("exemple:"):
        dossier = load_dossier(examples_dir / f"{base.removeprefix('exemple:')}.cdv.json")
    else:
        dossier = load_dossier(base_dir / f"{base}.cdv.json")
    dossier.call.call = case.call
    call = catalogue.calls.get(case.call)
    if call is not None:
        dossier.call.territory = call.territory
        dossier.call.year = call.year
    for path, value in case.input.items():
        set_field(dossier, path, value)
    return dossier


def split_absent(item: str) -> tuple[str, str | None]:
    rule, _, level = item.partition(":")
    return rule, level or None


def assert_well_formed(verdicts: Iterable[Verdict]) -> None:
    """Every verdict: a registered rule, a declared level, a source, valid fields and step."""
    infos = {r.id: r.info for r in registered_rules()}
    for v in verdicts:
        assert v.rule in infos, v
        assert v.level in infos[v.rule].levels, f"{v.rule}: niveau {v.level} non déclaré"
        assert v.source.strip(), f"{v.rule}: verdict sans source"
        assert v.message.strip(), v
        assert v.fields, f"{v.rule}: verdict sans champ"
        for path in v.fields:
            check_path(path)
            parse_path(path)  # the wizard jumps with forms.fieldpath
        assert v.step in STEP_IDS, v
