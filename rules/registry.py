"""The registry of rules: each rule is a function plus its metadata (id, title, levels, source).

Functions register themselves with `@rule("theme.name")`; their metadata lives in
`resources/rules/regles.yaml`, so the sources a rule cites can be read and corrected without
touching code, and a test can check that every rule has its metadata, its source and its cases.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from forms.programmes import RESOURCES_DIR, Source
from rules.verdicts import Level, Verdict

if TYPE_CHECKING:
    from rules.context import Check

RULES_FILE = RESOURCES_DIR / "rules" / "regles.yaml"


class RuleDataError(ValueError):
    """resources/rules/regles.yaml is invalid or does not match the registered functions."""


@dataclass
class RuleInfo:
    """What `resources/rules/regles.yaml` says about one rule."""

    id: str
    title: str  # short, French: what the rule checks
    levels: list[Level]  # the levels its verdicts can have
    source: Source  # the default source (a verdict may cite a more precise one from the programme data)
    explanation: str = ""  # why the rule exists, for a help page
    source_text: str = ""  # a literal reference, for the rare rule whose source is not a document
    # Words of the rule's subject: a verdict's quote must contain one of them (tests), so that a verdict
    # never quotes a sentence about something else (the call's funding paragraph for a quartier).
    subject_words: list[str] = field(default_factory=list)


@dataclass
class RulesFile:
    rules: list[RuleInfo] = field(default_factory=list)


RuleFunc = Callable[["Check"], Iterable[Verdict]]


@dataclass(frozen=True)
class Rule:
    id: str
    func: RuleFunc
    module: str
    info: RuleInfo


_FUNCS: dict[str, tuple[RuleFunc, str]] = {}


def rule(rule_id: str) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule function under its stable id."""

    def register(func: RuleFunc) -> RuleFunc:
        if rule_id in _FUNCS and _FUNCS[rule_id][0] is not func:
            raise RuleDataError(f"règle « {rule_id} » enregistrée deux fois")
        _FUNCS[rule_id] = (func, func.__module__)
        return func

    return register


@functools.cache
def load_rule_infos(path: Path = RULES_FILE) -> dict[str, RuleInfo]:
    """The rules' metadata; the shipped file's from the cache (forms/data_cache.py) while it is unchanged."""
    if path != RULES_FILE:
        return _read_rule_infos(path)
    from forms.data_cache import cached
    from forms.user_programmes import CATALOGUE_CODE

    return cached("regles", [path], lambda: _read_rule_infos(path), code=(__file__, *CATALOGUE_CODE), kind=dict)


def _read_rule_infos(path: Path) -> dict[str, RuleInfo]:
    from forms.datafile import load_data_file  # here: a start from the cache reads no YAML

    data = load_data_file(RulesFile, path, RuleDataError)
    infos: dict[str, RuleInfo] = {}
    for info in data.rules:
        if info.id in infos:
            raise RuleDataError(f"{path}: règle « {info.id} » décrite deux fois")
        if not info.levels:
            raise RuleDataError(f"{path}: règle « {info.id} » sans niveau")
        infos[info.id] = info
    return infos


@functools.cache
def registered_rules() -> tuple[Rule, ...]:
    """Every rule with its metadata, in the order of resources/rules/regles.yaml (the order verdicts of
    equal level and step are shown in)."""
    import rules.themes  # noqa: F401 - importing the theme modules registers their rules

    infos = load_rule_infos()
    missing = [rid for rid in _FUNCS if rid not in infos]
    if missing:
        raise RuleDataError(f"{RULES_FILE}: règles sans description : {', '.join(missing)}")
    orphans = [rid for rid in infos if rid not in _FUNCS]
    if orphans:
        raise RuleDataError(f"{RULES_FILE}: descriptions sans règle : {', '.join(orphans)}")
    return tuple(Rule(rid, _FUNCS[rid][0], _FUNCS[rid][1], info) for rid, info in infos.items())
