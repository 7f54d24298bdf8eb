"""How much this dossier asks from each funder, for the summary, the portal sheet and the sending pack.

It reads the one definition of forms.funders (line 74's subsidies whose status is « asked by this
dossier »), the same as page 1 of the export and the attestation, so the figures agree everywhere. The
amount is shown where the user typed it: `Action.requested_cents` when the funder is one of the call's
co-funders (the wizard keeps it equal to line 74), else the subsidy's line.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forms.funders import asked_here
from forms.model import Dossier
from forms.programmes import Catalogue


@dataclass(frozen=True)
class AskedAmount:
    funder: str  # co-funder id of the call ("etat", "ville-blois"…), or what the dossier uses
    name: str  # the funder's name, from the call (the id itself when the call does not know it)
    cents: int
    paths: tuple[str, ...]  # the model fields the amount comes from


def funder_name(catalogue: Catalogue, dossier: Dossier, funder_id: str) -> str:
    call = catalogue.calls.get(dossier.call.call)
    cofunder = call.cofunder(funder_id) if call else None
    if cofunder is None:
        territory = catalogue.territories.get(call.territory if call else dossier.call.territory)
        cofunder = next((c for c in territory.cofunders if c.id == funder_id), None) if territory else None
    return cofunder.name if cofunder else funder_id


def amounts_asked(dossier: Dossier, catalogue: Catalogue, actions: Sequence[int] | None = None) -> list[AskedAmount]:
    """The amount asked from each funder by this dossier, over the actions at the given indexes (default:
    all), in the call's order of co-funders; funders asked nothing are left out."""
    indexes = range(len(dossier.actions)) if actions is None else actions
    totals: dict[str, int] = {}
    paths: dict[str, list[str]] = {}
    for index in indexes:
        action = dossier.actions[index]
        for position, subsidy in enumerate(action.budget.subsidies):
            if not asked_here(subsidy) or not subsidy.amount_cents:
                continue
            funder = subsidy.funder
            totals[funder] = totals.get(funder, 0) + subsidy.amount_cents
            path = (f"actions[{index}].requested_cents.{funder}" if funder in action.requested_cents
                    else f"actions[{index}].budget.subsidies[{position}].amount_cents")
            paths.setdefault(funder, []).append(path)
    call = catalogue.calls.get(dossier.call.call)
    order = [c.id for c in call.cofunders] if call else []
    ids = sorted(totals, key=lambda f: order.index(f) if f in order else len(order))
    return [AskedAmount(f, funder_name(catalogue, dossier, f), totals[f], tuple(paths[f])) for f in ids if totals[f]]


def total_asked(dossier: Dossier, catalogue: Catalogue) -> int:
    return sum(a.cents for a in amounts_asked(dossier, catalogue))
