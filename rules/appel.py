"""The call answered. `appel.inconnu` is decided by the engine before any other rule (without a known
call nothing else can be judged); it is registered here so that it has metadata and cases like the
others."""

from __future__ import annotations

from collections.abc import Iterator

from rules.context import Check
from rules.registry import rule
from rules.verdicts import Verdict


@rule("appel.inconnu")
def inconnu(c: Check) -> Iterator[Verdict]:
    """Nothing to say once the call is known (see rules.engine.check_dossier)."""
    return iter(())


@rule("appel.donnees")
def donnees(c: Check) -> Iterator[Verdict]:
    """The call's data is incomplete (lists « à confirmer » or « non connus », a call rebuilt from the
    contract): the checks are only as good as that data, and the user must know it."""
    notice = c.call.data_notice()
    if not notice:
        return
    yield c.verdict(
        "conseil",
        f"{notice} Les vérifications ne portent que sur ce que l'application connaît : demandez au financeur le "
        "texte de l'appel de l'année avant de déposer le dossier.",
        "call.call",
        source=c.call.source,
        quote="",
    )
