"""Which values of the portal sheet the user has entered on the portal, kept in the dossier.

A tick is stored as `dossier.meta.portal_ticks[value.key] = fingerprint(value)`: a fingerprint of the
label and text ticked. When the value changes afterwards the fingerprints differ: the value shows as not
entered, « modifié depuis », until it is ticked again.
"""

from __future__ import annotations

import hashlib
from typing import Literal

from forms.handoff.portal_sheet import PortalSheet, PortalValue
from forms.model import Dossier

TickState = Literal["a_saisir", "saisi", "modifie"]


def fingerprint(value: PortalValue) -> str:
    data = f"{value.label}\n{value.text}".encode()
    return hashlib.sha256(data).hexdigest()[:16]


def tick_state(dossier: Dossier, value: PortalValue) -> TickState:
    stored = dossier.meta.portal_ticks.get(value.key)
    if stored is None:
        return "a_saisir"
    return "saisi" if stored == fingerprint(value) else "modifie"


def set_ticked(dossier: Dossier, value: PortalValue, ticked: bool) -> None:
    if ticked:
        dossier.meta.portal_ticks[value.key] = fingerprint(value)
    else:
        dossier.meta.portal_ticks.pop(value.key, None)


def progress(dossier: Dossier, sheet: PortalSheet) -> tuple[int, int]:
    """(values entered, values to enter) over the values the dossier has."""
    present = sheet.present()
    return sum(tick_state(dossier, v) == "saisi" for v in present), len(present)
