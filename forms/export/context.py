"""What the content builders look up in the catalogue, tolerant of a dossier that is not finished.

An export must work on any dossier the application can open: a call id the catalogue does not know, a
quartier or enjeu id that is not in the call's data… Lookups here never raise; they fall back to the raw
id so the applicant still sees what the dossier says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from forms.budget import format_euros
from forms.funders import FunderLine, fold, group_of, subsidy_status
from forms.model import Dossier, Subsidy
from forms.programmes import Call, Catalogue, Cofunder, Geography, Territory
from forms.progress import step_started


@dataclass
class Context:
    dossier: Dossier
    catalogue: Catalogue
    call: Call | None
    territory: Territory | None
    geography: Geography | None

    @classmethod
    def of(cls, dossier: Dossier, catalogue: Catalogue) -> Context:
        call = catalogue.calls.get(dossier.call.call)
        territory = catalogue.territories.get(call.territory if call else dossier.call.territory)
        geography = catalogue.geographies.get(call.geography) if call else None
        return cls(dossier, catalogue, call, territory, geography)

    @property
    def enjeu_label(self) -> str:
        return self.territory.enjeu_label if self.territory else "Enjeu"

    @property
    def enjeu_label_plural(self) -> str:
        return self.territory.enjeu_label_plural if self.territory else "Enjeux"

    @property
    def year(self) -> int:
        return self.dossier.call.year or (self.call.year if self.call else 0)

    def funder_name(self, funder_id: str, label: str = "") -> str:
        """The co-funder's name from the call; `label` (the applicant's words) is added when it says more."""
        cofunder = self.call.cofunder(funder_id) if self.call and funder_id else None
        if cofunder is None and self.territory and funder_id:
            cofunder = next((c for c in self.territory.cofunders if c.id == funder_id), None)
        if cofunder is not None:
            name = cofunder.name
        elif funder_id and funder_id != "autre":
            name = funder_id
        else:
            name = ""
        if label.strip() and label != name:
            if not name or label.casefold().startswith(name.casefold()):
                return label  # the applicant's words already name the funder
            return f"{name} — {label}"
        return name or "Autre financeur"

    def cofunder(self, funder_id: str) -> Cofunder | None:
        cofunder = self.call.cofunder(funder_id) if self.call and funder_id else None
        if cofunder is None and self.territory and funder_id:
            cofunder = next((c for c in self.territory.cofunders if c.id == funder_id), None)
        return cofunder

    def funder_line(self, subsidy: Subsidy) -> FunderLine:
        """A subsidy of line 74 as the form lists it: its group, the funder named once, its status.

        The applicant's words name the funder alone when they already say who it is (« Caf de
        Loir-et-Cher – contrat de ville », not « Caisse d'allocations familiales (Caf) — Caf de
        Loir-et-Cher… »); otherwise the co-funder's name comes first.
        """
        cofunder = self.cofunder(subsidy.funder)
        label = subsidy.label if subsidy.label.strip() else ""  # as typed: the export keeps every character
        if cofunder is None:
            name = label or (subsidy.funder if subsidy.funder not in ("", "autre") else "Autre financeur")
            group = group_of("", name)
        else:
            group = group_of(cofunder.kind, cofunder.name)
            words = [w for w in re.findall(r"\w+", fold(cofunder.name)) if len(w) > 3]
            acronyms = re.findall(r"\(([^)]+)\)", cofunder.name)
            keys = [*words, *(fold(a) for a in acronyms)]
            folded = fold(label)
            if label and any(re.search(rf"(?<!\w){re.escape(k)}(?!\w)", folded) for k in keys):
                name = label
            elif label:
                name = f"{cofunder.name} — {label}"
            else:
                name = f"{cofunder.name} — {cofunder.note}" if cofunder.kind == "etat" and cofunder.note else (
                    cofunder.name)
        return FunderLine(group, name, subsidy_status(subsidy), subsidy.amount_cents)

    def started(self, step_id: str) -> bool:
        """Whether the user opened or filled the step: a question of a step never started is unanswered
        (its model default is not an answer)."""
        return step_started(self.dossier, step_id)

    def enjeu_title(self, enjeu_id: str) -> str:
        """« Enjeu 2 — Dynamiser les quartiers… » (Blois) or « Priorité 3 — … » (Amboise)."""
        enjeu = self.territory.enjeu(enjeu_id) if self.territory else None
        if enjeu is None:
            return f"{self.enjeu_label} {enjeu_id} (inconnu de l'appel à projets)"
        return f"{self.enjeu_label} {enjeu.number} — {enjeu.title}"

    def quartier_name(self, quartier_id: str) -> str:
        quartier = self.geography.quartier(quartier_id) if self.geography else None
        if quartier is None:
            return f"{quartier_id} (quartier inconnu de l'appel à projets)"
        status = "quartier prioritaire" if quartier.status == "qpv" else "quartier de veille active"
        return f"{quartier.name} ({quartier.commune}) — {status}"


def choice_label(choices: tuple[tuple[str, str], ...], value: str) -> str:
    """The label of a fixed choice (forms.choices), or the raw value when it is not one of them."""
    return dict(choices).get(value, value)


def money(cents: int) -> str:
    """1 234,50 € — narrow no-break space between thousands, no-break space before €."""
    return format_euros(cents)


def percent(value: int) -> str:
    return f"{value}\u00a0%"
