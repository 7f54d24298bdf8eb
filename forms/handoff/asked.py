"""How much this dossier asks from each funder: the one definition the summary, the portal sheet and the
sending pack read.

Today the model says it with `Action.requested_cents` (co-funder id of the call -> cents). A per-funder
request status (asked by this dossier / asked separately / already granted) is being added elsewhere; when
it lands, only `amounts_asked` changes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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
        for funder, cents in dossier.actions[index].requested_cents.items():
            totals[funder] = totals.get(funder, 0) + cents
            paths.setdefault(funder, []).append(f"actions[{index}].requested_cents.{funder}")
    call = catalogue.calls.get(dossier.call.call)
    order = [c.id for c in call.cofunders] if call else []
    ids = sorted(totals, key=lambda f: order.index(f) if f in order else len(order))
    return [AskedAmount(f, funder_name(catalogue, dossier, f), totals[f], tuple(paths[f])) for f in ids if totals[f]]


def total_asked(dossier: Dossier, catalogue: Catalogue) -> int:
    return sum(a.cents for a in amounts_asked(dossier, catalogue))
