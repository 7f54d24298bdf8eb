"""What a rule sees: the dossier, the call it answers and everything derived from the catalogue.

Everything that depends only on the catalogue and the call (id sets, parameters in force, the
perimeters) is computed once and cached (`call_index`): the wizard re-checks the dossier on every
edit, so a check must cost well under the 2 ms budget.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from forms.budget import BudgetTotals, compute_totals
from forms.model import Action, Budget, Dossier
from forms.programmes import (
    Call,
    Catalogue,
    Cofunder,
    DocumentSpec,
    Geography,
    OperationalPriority,
    Parameter,
    ParameterValue,
    Quartier,
    QuartierScope,
    Source,
    Territory,
    TransversalPriority,
)
from forms.steps import step_for_field
from rules.geo import Perimeters, load_perimeters
from rules.registry import RuleInfo
from rules.verdicts import Level, Verdict

DEFAULT_NOTE = (
    " Ce seuil est une valeur par défaut de l'application (aucun chiffre dans les textes) : "
    "les données du programme peuvent le préciser."
)


@dataclass
class CallIndex:
    """What the rules need from one call of one catalogue, precomputed."""

    catalogue: Catalogue
    call: Call
    territory: Territory
    geography: Geography
    enjeux: frozenset[str]
    priorities: dict[str, OperationalPriority]
    scopes: dict[str, QuartierScope]
    quartiers: dict[str, Quartier]  # the call's geography
    other_geographies: dict[str, list[Geography]]  # quartier id -> other geographies that know it
    cofunders: dict[str, Cofunder]
    documents: list[DocumentSpec]
    transversal: list[TransversalPriority]
    period: tuple[dt.date, dt.date]
    period_from_call: bool  # False: the calendar year of the call, by default
    perimeters_geography: Geography | None
    _params: dict[str, tuple[ParameterValue | None, Parameter | None]] = field(default_factory=dict)
    _perimeters: Perimeters | None = None
    _sources: dict[tuple[str, str], str] = field(default_factory=dict)

    def param(self, name: str) -> ParameterValue | None:
        """The value in force at the call's reference date (call, then territory, then national)."""
        return self.param_with_definition(name)[0]

    def param_with_definition(self, name: str) -> tuple[ParameterValue | None, Parameter | None]:
        if name not in self._params:
            value = self.catalogue.parameter(name, self.call)
            definition = None
            for scope in (self.call.parameters, self.territory.parameters, self.catalogue.parameters):
                if name in scope:
                    definition = scope[name]
                    break
            self._params[name] = (value, definition)
        return self._params[name]

    def perimeters(self) -> Perimeters | None:
        if self._perimeters is None and self.perimeters_geography is not None:
            path = self.catalogue.perimeters_path(self.perimeters_geography)
            if path is not None:
                self._perimeters = load_perimeters(path)
        return self._perimeters

    def describe(self, source: Source) -> str:
        key = (source.doc, source.section)
        text = self._sources.get(key)
        if text is None:
            text = self.catalogue.describe_source(source)
            self._sources[key] = text
        return text


_CACHE_ATTRIBUTE = "_rules_call_indexes"


def call_index(catalogue: Catalogue, call: Call) -> CallIndex:
    """The index of `call`, built once per catalogue object.

    The cache lives on the catalogue object itself (a private attribute), so it goes away with it: a
    reloaded catalogue gets fresh indexes, and no global table keeps old catalogues alive.
    """
    per_call: dict[str, CallIndex] | None = catalogue.__dict__.get(_CACHE_ATTRIBUTE)
    if per_call is None:
        per_call = {}
        object.__setattr__(catalogue, _CACHE_ATTRIBUTE, per_call)
    index = per_call.get(call.id)
    if index is None or index.call is not call:
        index = _build_index(catalogue, call)
        per_call[call.id] = index
    return index


def _build_index(cat: Catalogue, call: Call) -> CallIndex:
    territory = cat.territory_of(call)
    geography = cat.geography_of(call)
    others: dict[str, list[Geography]] = {}
    for geo in cat.geographies.values():
        if geo.id == geography.id:
            continue
        for q in geo.quartiers:
            others.setdefault(q.id, []).append(geo)
    if call.action_start and call.action_end:
        period, from_call = (call.action_start, call.action_end), True
    else:
        period = (call.action_start or dt.date(call.year, 1, 1), call.action_end or dt.date(call.year, 12, 31))
        from_call = bool(call.action_start or call.action_end)
    if geography.perimeters_file:
        perimeters_geo: Geography | None = geography
    else:
        # Only the newest geography ships perimeters: test the point against it and say so.
        with_files = [g for g in cat.geographies.values() if g.perimeters_file]
        perimeters_geo = max(with_files, key=lambda g: g.valid_from) if with_files else None
    return CallIndex(
        catalogue=cat,
        call=call,
        territory=territory,
        geography=geography,
        enjeux=frozenset(e.id for e in territory.enjeux),
        priorities={p.id: p for p in call.operational_priorities},
        scopes={s.quartier: s for s in call.quartiers},
        quartiers={q.id: q for q in geography.quartiers},
        other_geographies=others,
        cofunders={c.id: c for c in call.cofunders},
        documents=list(call.documents),
        transversal=list(call.transversal),
        period=period,
        period_from_call=from_call,
        perimeters_geography=perimeters_geo,
    )


@dataclass
class Context:
    """One check of one dossier."""

    dossier: Dossier
    index: CallIndex
    _totals: dict[int, BudgetTotals] = field(default_factory=dict)

    @property
    def catalogue(self) -> Catalogue:
        return self.index.catalogue

    def totals(self, budget: Budget) -> BudgetTotals:
        """The computed totals of a budget of this dossier (computed once per check)."""
        totals = self._totals.get(id(budget))
        if totals is None:
            totals = compute_totals(budget, self.index.catalogue.budget_plan)
            self._totals[id(budget)] = totals
        return totals

    @property
    def call(self) -> Call:
        return self.index.call


class Check:
    """What one rule function receives: the context, and a way to phrase its verdicts."""

    __slots__ = ("ctx", "info")

    def __init__(self, ctx: Context, info: RuleInfo) -> None:
        self.ctx = ctx
        self.info = info

    # Shortcuts the rules use all the time
    @property
    def dossier(self) -> Dossier:
        return self.ctx.dossier

    @property
    def index(self) -> CallIndex:
        return self.ctx.index

    @property
    def call(self) -> Call:
        return self.ctx.index.call

    def actions(self) -> Iterator[tuple[str, str, Action]]:
        """(path prefix, message prefix, action) for each action of the dossier."""
        actions = self.ctx.dossier.actions
        several = len(actions) > 1
        for i, action in enumerate(actions):
            prefix = ""
            if several:
                title = action.title.strip()
                prefix = f"Action {i + 1}" + (f" « {title} »" if title else "") + " — "
            yield f"actions[{i}]", prefix, action

    def verdict(
        self,
        level: Level,
        message: str,
        *fields: str,
        source: Source | None = None,
        quote: str | None = None,
    ) -> Verdict:
        """A verdict of this rule. Without `source`, the rule's own (resources/rules/regles.yaml)."""
        if source is None:
            src = self.info.source
            text = self.info.source_text or self.ctx.index.describe(src)
        else:
            src = source
            text = self.ctx.index.describe(src)
        return Verdict(
            rule=self.info.id,
            level=level,
            message=message,
            source=text,
            quote=src.quote if quote is None else quote,
            fields=fields,
            step=step_for(fields[0]) if fields else "verification",
        )

    def param_note(self, value: ParameterValue) -> str:
        """The sentence to add to a message whose threshold is a default."""
        return DEFAULT_NOTE if value.default else ""


_KEY_SEGMENT = re.compile(r"[^.\[\]]+")


def key_path(base: str, key: str) -> str:
    """`base.key` for a key of a table (a budget line, a funder id), or `base` when the key cannot be a
    segment of a field path (empty, or with ".", "[" or "]"): the wizard can still jump to the table."""
    return f"{base}.{key}" if _KEY_SEGMENT.fullmatch(key) else base


def answer_path(action_path: str, priority_id: str, leaf: str) -> str:
    """`actions[0].transversal.<id>.<leaf>` (status or text of the answer to a transversal priority)."""
    base = f"{action_path}.transversal"
    return f"{base}.{priority_id}.{leaf}" if _KEY_SEGMENT.fullmatch(priority_id) else base


_STEP_CACHE: dict[str, str] = {}


def step_for(path: str) -> str:
    step = _STEP_CACHE.get(path)
    if step is None:
        step = step_for_field(path)
        if len(_STEP_CACHE) < 10_000:
            _STEP_CACHE[path] = step
    return step
