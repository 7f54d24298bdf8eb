"""Imports every theme module so that its rules register themselves (their display order is the
order of resources/rules/regles.yaml)."""

from rules import (  # noqa: F401
    appel,
    budget,
    completeness,
    compte_rendu,
    egalite,
    formats,
    laicite,
    programme,
    qpv,
    transversal,
)
