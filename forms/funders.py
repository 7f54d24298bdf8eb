"""Who funds what: the status of each subsidy of line 74, and the CERFA's funder groups.

One definition read by every part of the application (issue 10): page 1 « Financeurs sollicités », the
marks of line 74, the attestation's amount, the rules and the wizard.

A subsidy on line 74 is, for its funder, either
- asked by this dossier (« ce_dossier »): the form is addressed to that funder — the call's co-funders;
- asked separately (« a_part »): the association asks it with its own request (droit commun, a fund with
  its own form…): it is in the budget, but this form does not ask it;
- already granted (« acquise »).
`Subsidy.status` says it; an empty status (every file written before it existed) keeps what those files
meant: `requested=False` is granted, a requested subsidy of one of the call's co-funders is asked by this
dossier (the wizard kept it equal to `requested_cents`), any other requested subsidy is asked separately.

The groups (État, Région, Département…) are data: resources/cerfa/financeurs.yaml.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from forms.codec import from_data
from forms.model import Action, Dossier, Subsidy
from forms.programmes import RESOURCES_DIR, Source

Status = Literal["ce_dossier", "a_part", "acquise"]
STATUSES: tuple[Status, ...] = ("ce_dossier", "a_part", "acquise")
STATUS_LABELS: dict[str, str] = {
    "ce_dossier": "demandée par ce dossier",
    "a_part": "demandée à part",
    "acquise": "acquise",
}
# the wizard's choice list (a capital letter: it starts a cell)
STATUS_CHOICES: tuple[tuple[str, str], ...] = (
    ("ce_dossier", "Demandée par ce dossier"),
    ("a_part", "Demandée à part (autre demande)"),
    ("acquise", "Déjà accordée"),
)
OTHER_FUNDER = "autre"


def subsidy_status(subsidy: Subsidy) -> Status:
    """The status of a subsidy of line 74 (see the module docstring for an empty `status`)."""
    if subsidy.status in STATUSES:
        return subsidy.status  # type: ignore[return-value]
    if not subsidy.requested:
        return "acquise"
    if subsidy.funder and subsidy.funder != OTHER_FUNDER:
        return "ce_dossier"
    return "a_part"


def asked_here(subsidy: Subsidy) -> bool:
    return subsidy_status(subsidy) == "ce_dossier"


def asked_by_dossier_cents(action: Action, funder: str | None = None) -> int:
    """What this dossier asks (of `funder`, or of every funder) on the action's line 74."""
    return sum(s.amount_cents for s in action.budget.subsidies
               if asked_here(s) and (funder is None or s.funder == funder))


def total_asked_cents(dossier: Dossier) -> int:
    """The subsidy this dossier asks: page 1's total and the attestation's amount."""
    return sum(asked_by_dossier_cents(a) for a in dossier.actions)


# --------------------------------------------------------------------------------------------
# Funder groups (data)
# --------------------------------------------------------------------------------------------
@dataclass
class FunderGroup:
    id: str
    label: str
    kinds: list[str] = field(default_factory=list)
    words: list[str] = field(default_factory=list)
    detail: str = ""


@dataclass
class FunderGroups:
    source: Source
    match_order: list[str]
    groups: list[FunderGroup]

    def group(self, group_id: str) -> FunderGroup:
        return next(g for g in self.groups if g.id == group_id)


def load_funder_groups(path: Path | None = None) -> FunderGroups:
    from forms.yamlload import load_yaml  # here: `check` started from the data cache reads no YAML

    data = from_data(FunderGroups, load_yaml(path or RESOURCES_DIR / "cerfa" / "financeurs.yaml"))
    ids = [g.id for g in data.groups]
    unknown = [g for g in data.match_order if g not in ids]
    if unknown or len(set(ids)) != len(ids) or "autre" not in ids:
        problem = ", ".join(unknown) or "doublon ou « autre » absent"
        raise ValueError(f"financeurs.yaml : groupes incohérents ({problem})")
    return data


@functools.cache
def funder_groups() -> FunderGroups:
    return load_funder_groups()


def fold(text: str) -> str:
    """Lower case, without accents, typographic apostrophes made plain: for matching words."""
    text = unicodedata.normalize("NFKD", text.casefold().replace("’", "'"))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


@functools.cache
def _word_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w]){re.escape(fold(word))}(?![\w])")


def group_of(kind: str, label: str) -> str:
    """The group id of a funder: by the call's co-funder kind, else by the words of its name."""
    data = funder_groups()
    if kind and kind != OTHER_FUNDER:
        for group in data.groups:
            if kind in group.kinds:
                return group.id
    folded = fold(label)
    for group_id in data.match_order:
        if any(_word_pattern(w).search(folded) for w in data.group(group_id).words):
            return group_id
    return "autre"


@dataclass(frozen=True)
class FunderLine:
    """One funder of line 74 (or of page 1), once, with its status and amount."""

    group: str  # a group id of financeurs.yaml
    name: str
    status: Status
    cents: int


def group_lines(lines: Iterable[FunderLine]) -> list[tuple[FunderGroup, list[FunderLine]]]:
    """The lines under their groups, in the form's order of groups; a funder named twice with the same
    status (two lines of the same funder) is one line with the sum."""
    merged: dict[tuple[str, str, str], FunderLine] = {}
    for line in lines:
        key = (line.group, " ".join(line.name.split()), line.status)
        seen = merged.get(key)
        merged[key] = line if seen is None else FunderLine(seen.group, seen.name, seen.status, seen.cents + line.cents)
    out: list[tuple[FunderGroup, list[FunderLine]]] = []
    for group in funder_groups().groups:
        items = [line for (g, _name, _status), line in merged.items() if g == group.id]
        if items:
            out.append((group, items))
    return out
