"""The dossier's life after the request: brouillon → déposé (date) → accordé / refusé (amount granted per
funder) → compte-rendu dû (a date, shown ahead of time) → compte-rendu fait.

« Compte-rendu dû » is not stored: it is computed from the end of the action's exercise plus the delay
of the dated parameter `compte_rendu_delai_mois` (six months, CERFA 15059 / arrêté du 11 octobre 2006),
unless the funder gave another date (`Lifecycle.report_due`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from forms.french import french_date
from forms.model import Dossier, LifecycleState

if TYPE_CHECKING:  # the library lists the follow-up before the catalogue (YAML) is loaded
    from forms.programmes import Catalogue

STATE_LABELS: dict[str, str] = {
    "brouillon": "Brouillon",
    "depose": "Déposé",
    "accorde": "Accordé",
    "refuse": "Refusé",
    "compte_rendu_du": "Compte-rendu dû",
    "compte_rendu_fait": "Compte-rendu fait",
}
STATES: tuple[LifecycleState, ...] = ("brouillon", "depose", "accorde", "refuse", "compte_rendu_fait")
DEFAULT_DELAY_MONTHS = 6  # when the catalogue is not at hand (same value as the dated parameter)
DEFAULT_REMINDER_DAYS = 90


def _param(catalogue: Catalogue | None, dossier: Dossier, name: str, default: int) -> int:
    if catalogue is None:
        return default
    call = catalogue.calls.get(dossier.call.call)
    value = catalogue.parameter(name, call) if call else None
    if value is None and call is None:
        param = catalogue.parameters.get(name)
        value = param.at(dt.date(dossier.call.year or dt.date.today().year, 1, 1)) if param else None
    return int(value.value) if value is not None and value.value is not None else default


def add_months(date: dt.date, months: int) -> dt.date:
    """The same day `months` later (or the last day of that month: 31 August + 6 → 28 or 29 February)."""
    month0 = date.month - 1 + months
    year, month = date.year + month0 // 12, month0 % 12 + 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(date)


def exercise_end(dossier: Dossier) -> dt.date | None:
    """The end of the financial year of the action: as entered, else 31 December of the action's year."""
    if dossier.lifecycle.exercise_end:
        return dossier.lifecycle.exercise_end
    action = dossier.actions[0] if dossier.actions else None
    year = (action.budget.year if action and action.budget.year else 0) or (
        action.end_date.year if action and action.end_date else 0) or dossier.call.year
    # a year no calendar can hold (a typing slip: 20233, -1) gives no date rather than an error
    return dt.date(year, 12, 31) if dt.MINYEAR <= year < dt.MAXYEAR else None


def report_due_date(dossier: Dossier, catalogue: Catalogue | None = None) -> dt.date | None:
    """When the compte-rendu financier is due (None when the end of the exercise is not known)."""
    if dossier.lifecycle.report_due:
        return dossier.lifecycle.report_due
    end = exercise_end(dossier)
    if end is None:
        return None
    try:
        return add_months(end, _param(catalogue, dossier, "compte_rendu_delai_mois", DEFAULT_DELAY_MONTHS))
    except (OverflowError, ValueError):  # an end of exercise typed in year 9999
        return None


def report_owed(dossier: Dossier) -> bool:
    """A compte-rendu is owed for a granted subsidy until it is done."""
    return dossier.lifecycle.state == "accorde"


@dataclass(frozen=True)
class LifeStatus:
    state: str  # a key of STATE_LABELS ("compte_rendu_du" is computed)
    text: str  # « Accordé le 3 mars 2023 », « Compte-rendu dû le 30 juin 2024 (dans 12 jours) »
    due: dt.date | None = None
    overdue: bool = False
    soon: bool = False  # due within the reminder period (shown ahead of time)


def life_status(dossier: Dossier, catalogue: Catalogue | None = None, today: dt.date | None = None) -> LifeStatus:
    today = today or dt.date.today()
    life = dossier.lifecycle
    if life.state == "depose":
        return LifeStatus("depose", "Déposé" + (f" le {french_date(life.submitted_on)}" if life.submitted_on else ""))
    if life.state == "refuse":
        return LifeStatus("refuse", "Refusé" + (f" le {french_date(life.decided_on)}" if life.decided_on else ""))
    if life.state == "compte_rendu_fait":
        when = f" le {french_date(life.report_done_on)}" if life.report_done_on else ""
        return LifeStatus("compte_rendu_fait", f"Compte-rendu fait{when}")
    if life.state == "accorde":
        due = report_due_date(dossier, catalogue)
        if due is None:
            return LifeStatus("accorde", "Accordé : compte-rendu à prévoir")
        days = (due - today).days
        reminder = _param(catalogue, dossier, "compte_rendu_rappel_jours", DEFAULT_REMINDER_DAYS)
        if days < 0:
            return LifeStatus("compte_rendu_du", f"Compte-rendu en retard : dû le {french_date(due)}", due, True, True)
        when = "aujourd'hui" if days == 0 else ("demain" if days == 1 else f"dans {days} jours")
        soon = days <= reminder
        state = "compte_rendu_du" if soon else "accorde"
        prefix = "Compte-rendu dû" if soon else "Accordé — compte-rendu dû"
        return LifeStatus(state, f"{prefix} le {french_date(due)} ({when})", due, False, soon)
    return LifeStatus("brouillon", "Brouillon")


def set_state(dossier: Dossier, state: LifecycleState, when: dt.date | None = None) -> None:
    """Move the dossier to `state`, recording the date of the step (today by default)."""
    if state not in STATES:
        raise ValueError(f"état inconnu : {state}")
    when = when or dt.date.today()
    life = dossier.lifecycle
    life.state = state
    if state == "depose":
        life.submitted_on = life.submitted_on or when
    elif state in ("accorde", "refuse"):
        life.decided_on = life.decided_on or when
    elif state == "compte_rendu_fait":
        life.report_done_on = life.report_done_on or when


def granted_total(dossier: Dossier) -> int:
    return sum(dossier.lifecycle.granted_cents.values())
