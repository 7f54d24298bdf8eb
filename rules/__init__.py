"""Eligibility and completeness rules of a contrat de ville subsidy request.

Pure Python (no Qt): reads a `forms.model.Dossier` and the programme catalogue, returns verdicts.

    from rules import check_dossier, verdicts_by_level
    verdicts = check_dossier(dossier)            # sorted: level, then wizard step
    for level, items in verdicts_by_level(verdicts).items(): ...

Each rule has a stable id, a function in a theme module (rules/qpv.py, rules/budget.py…) and its
metadata in resources/rules/regles.yaml; its cases are YAML files under tests/rules/cases/.
"""

from rules.engine import check_dossier
from rules.registry import Rule, RuleInfo, registered_rules
from rules.verdicts import LEVEL_LABELS, LEVELS, Level, Verdict, verdicts_by_level

__all__ = [
    "LEVELS",
    "LEVEL_LABELS",
    "Level",
    "Rule",
    "RuleInfo",
    "Verdict",
    "check_dossier",
    "registered_rules",
    "verdicts_by_level",
]
