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
