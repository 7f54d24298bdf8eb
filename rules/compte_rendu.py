"""The compte-rendu financier (CERFA 15059*02) of a granted subsidy: a balanced réalisé, the significant gaps
explained in the annexe, the rule for indirect charges and the contributions in kind described, and the
due date (six months after the end of the exercise, dated parameter `compte_rendu_delai_mois`).

These rules judge only a report under way (`Action.report.started`) or a granted dossier (the due
date): a request being written is never concerned by them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from forms.budget import format_euros
from forms.compte_rendu.model import percent_text, report_table, significant, threshold
from forms.french import french_date
from forms.lifecycle import DEFAULT_REMINDER_DAYS, report_due_date
from rules.context import Check, key_path
from rules.registry import rule
from rules.verdicts import Verdict

INDIRECT_CATEGORY = "CI"
IN_KIND_CATEGORIES = ("86", "87")


def today() -> dt.date:
    """The day the check runs (a function, so that tests can fix it)."""
    return dt.date.today()


def _started(c: Check) -> Iterator[tuple[str, str, object]]:
    for path, prefix, action in c.actions():
        if action.report.started:
            yield path, prefix, action


@rule("compte_rendu.equilibre")
def equilibre(c: Check) -> Iterator[Verdict]:
    """Réalisé: total charges = total produits, and 86 = 87."""
    for path, prefix, action in _started(c):
        totals = c.ctx.totals(action.report.budget)
        if not totals.balanced:
            gap = totals.charges - totals.produits
            yield c.verdict(
                "a_corriger",
                f"{prefix}Le budget réalisé n'est pas équilibré : {format_euros(totals.charges)} de charges pour "
                f"{format_euros(totals.produits)} de produits (écart de {format_euros(abs(gap))}). Comme le "
                "prévisionnel, le réalisé présente autant de produits que de charges (un excédent ou un déficit "
                "s'inscrit en ressources propres ou en report).",
                f"{path}.report.budget",
            )
        if not totals.in_kind_balanced:
            yield c.verdict(
                "a_corriger",
                f"{prefix}Dans le réalisé, les contributions volontaires en nature ne sont pas équilibrées : "
                f"{format_euros(totals.emplois_nature)} en emplois (86) pour "
                f"{format_euros(totals.ressources_nature)} en contributions (87).",
                f"{path}.report.budget.lines",
            )


@rule("compte_rendu.ecarts")
def ecarts(c: Check) -> Iterator[Verdict]:
    """Each significant gap between forecast and actual is explained in the annexe."""
    pct, minimum = threshold(c.dossier, c.index.catalogue)
    value = c.index.param("compte_rendu_ecart_pourcent")
    note = c.param_note(value) if value is not None else ""
    source = value.reference if value is not None else None
    for path, prefix, action in _started(c):
        table = report_table(c.dossier, action, c.index.catalogue)
        for line in table.lines():
            if not significant(line, pct, minimum) or action.report.gap_explanations.get(line.key, "").strip():
                continue
            ratio = line.gap_percent
            how = f"{'+' if line.gap > 0 else ''}{format_euros(line.gap)}" + (
                f", soit {percent_text(ratio)}" if ratio is not None else ", sur une ligne qui n'était pas prévue")
            yield c.verdict(
                "a_corriger",
                f"{prefix}Expliquez l'écart sur « {line.label} » ({how}) dans l'annexe explicative : un écart "
                f"d'au moins {pct} % et {format_euros(minimum)} est à justifier.{note}",
                key_path(f"{path}.report.gap_explanations", line.key),
                source=source,
            )


@rule("compte_rendu.charges_indirectes")
def charges_indirectes(c: Check) -> Iterator[Verdict]:
    """Indirect charges in the réalisé: the annexe says how they were allocated to the action."""
    plan = c.index.catalogue.budget_plan
    codes = [line.code for cat in plan.categories if cat.code == INDIRECT_CATEGORY for line in cat.lines]
    for path, prefix, action in _started(c):
        amount = sum(action.report.budget.lines.get(code, 0) for code in codes)
        if amount and not action.report.indirect_charges_rule.strip():
            yield c.verdict(
                "a_corriger",
                f"{prefix}Le réalisé compte {format_euros(amount)} de charges indirectes : dites dans l'annexe "
                "comment elles ont été réparties sur l'action (clé de répartition : temps passé, surface, part "
                "du budget…).",
                f"{path}.report.indirect_charges_rule",
            )


@rule("compte_rendu.contributions_nature")
def contributions_nature(c: Check) -> Iterator[Verdict]:
    """Contributions in kind in the réalisé are described in the annexe."""
    for path, prefix, action in _started(c):
        totals = c.ctx.totals(action.report.budget)
        if (totals.emplois_nature or totals.ressources_nature) and not action.report.in_kind_note.strip():
            yield c.verdict(
                "conseil",
                f"{prefix}Le réalisé valorise {format_euros(max(totals.emplois_nature, totals.ressources_nature))} "
                "de contributions volontaires en nature : décrivez-les dans l'annexe (heures de bénévolat et "
                "taux retenu, locaux ou matériel prêtés, dons en nature).",
                f"{path}.report.in_kind_note",
            )


@rule("compte_rendu.echeance")
def echeance(c: Check) -> Iterator[Verdict]:
    """A granted subsidy: the compte-rendu is due six months after the end of the exercise."""
    if c.dossier.lifecycle.state != "accorde":
        return
    due = report_due_date(c.dossier, c.index.catalogue)
    if due is None:
        return
    delay = c.index.param("compte_rendu_delai_mois")
    source = delay.reference if delay is not None else None
    reminder = c.index.param("compte_rendu_rappel_jours")
    days_before = int(reminder.value) if reminder is not None and reminder.value is not None else DEFAULT_REMINDER_DAYS
    days = (due - today()).days
    if days < 0:
        yield c.verdict(
            "a_corriger",
            f"Le compte-rendu financier devait être remis le {french_date(due)} : envoyez-le au plus vite. Il "
            "est demandé avant toute nouvelle demande pour la même action.",
            "lifecycle.report_due",
            source=source,
        )
    elif days <= days_before:
        yield c.verdict(
            "conseil",
            f"Le compte-rendu financier est à remettre au plus tard le {french_date(due)} (dans "
            f"{days} jour{'s' if days > 1 else ''}).",
            "lifecycle.report_due",
            source=source,
        )
