"""The words a volunteer sees beside a field, from its field path: `actions[0].quartiers` is « Quartiers
où vivent les bénéficiaires ». The `check` command and the export's last page use them to say where to
fix something, with the step's title, instead of a technical path.

The labels are those of the wizard's pages (gui/wizard/pages/). Names that come from the programme data
(a budget line, a co-funder, a document, a transversal priority, the contract's word for its enjeux)
are looked up when the dossier and the catalogue are given; without them the label stays generic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from forms.french import listing
from forms.model import Budget, Dossier
from forms.programmes import Call, Catalogue
from forms.steps import step_for_field, step_title

_PERSONS = {
    "association.identity.legal_representative": ("Représentant légal", "du représentant légal"),
    "association.identity.contact": ("Personne chargée du dossier", "de la personne chargée du dossier"),
    "attestation.signatory": ("Signataire", "du signataire"),
}
_PERSON_FIELDS = {
    "civility": "Civilité", "last_name": "Nom", "first_name": "Prénom", "role": "Fonction",
    "phone": "Téléphone", "email": "Adresse e-mail",
}
_ADDRESSES = {
    "association.identity.address": ("Adresse du siège", "du siège"),
    "association.identity.correspondence_address": ("Adresse de correspondance", "de correspondance"),
}
_ADDRESS_FIELDS = {
    "street": "Numéro et rue (adresse {})", "complement": "Complément d'adresse {}",
    "postal_code": "Code postal (adresse {})", "city": "Commune (adresse {})",
}
_BUDGETS = {"association.budget": "du budget de l'association", "actions[*].budget": "du budget de l'action"}

# Paths with `[*]` for any list index; the longest known prefix of a path names it.
_LABELS: dict[str, str] = {
    "call": "Appel à projets",
    "call.call": "Appel à projets",
    "call.territory": "Territoire",
    "call.year": "Appel à projets",
    "request": "Votre demande",
    "request.aid_form": "Forme de l'aide demandée",
    "request.object": "Objet de la demande",
    "request.period": "Durée de la demande",
    "request.multi_year_agreement": "L'association a une convention pluriannuelle d'objectifs avec un financeur",
    "association": "Votre association",
    "association.identity": "Identification de l'association",
    "association.identity.name": "Nom de l'association",
    "association.identity.acronym": "Sigle",
    "association.identity.website": "Site internet",
    "association.identity.siret": "Numéro SIRET",
    "association.identity.rna": "Numéro RNA (Répertoire national des associations)",
    "association.identity.prefecture_receipt": "Récépissé de la préfecture",
    "association.identity.object": "Objet de l'association",
    "association.identity.ape_code": "Code APE",
    "association.identity.correspondence_same": "L'adresse de correspondance est la même que celle du siège",
    "association.administration": "Relations avec l'administration",
    "association.administration.agrements": "Agréments administratifs",
    "association.administration.rup": "L'association est reconnue d'utilité publique",
    "association.administration.rup_date": "Date du décret de reconnaissance d'utilité publique",
    "association.administration.has_auditor": "L'association a un commissaire aux comptes",
    "association.administration.subject_to_commercial_taxes": "L'association paie les impôts commerciaux",
    "association.administration.public_aid_3y_cents":
        "Total des aides publiques reçues sur les trois derniers exercices",
    "association.administration.de_minimis_cents": "Aides « de minimis » reçues sur trois ans",
    "association.networks": "Réseaux, unions et fédérations",
    "association.people": "Les personnes de l'association",
    "association.people.members": "Nombre d'adhérents",
    "association.people.volunteers": "Nombre de bénévoles",
    "association.people.civic_service_volunteers": "Nombre de volontaires en service civique",
    "association.people.employees": "Nombre de salariés",
    "association.people.etpt": "Nombre de salariés en équivalent temps plein (ETPT)",
    "association.people.subsidised_jobs": "Dont emplois aidés",
    "association.budget": "Budget prévisionnel de l'association",
    "association.bank": "Coordonnées bancaires",
    "association.bank.holder": "Titulaire du compte",
    "association.bank.bank_name": "Banque (nom et agence)",
    "association.bank.iban": "IBAN",
    "association.bank.bic": "BIC",
    "actions": "L'action",
    "actions[*]": "L'action",
    "actions[*].title": "Titre de l'action",
    "actions[*].frequency": "Première demande ou renouvellement ?",
    "actions[*].previous_year_reference": "L'action financée l'année dernière",
    "actions[*].objectives": "Objectifs de l'action",
    "actions[*].description": "Description de l'action",
    "actions[*].start_date": "Date de début de l'action",
    "actions[*].end_date": "Date de fin de l'action",
    "actions[*].duration_text": "Durée de l'action",
    "actions[*].places": "Lieux de l'action",
    "actions[*].partners": "Partenaires",
    "actions[*].human_means": "Moyens humains",
    "actions[*].material_means": "Moyens matériels",
    "actions[*].volunteers_involved": "Nombre de bénévoles qui participent à l'action",
    "actions[*].staff_etpt": "Temps des salariés consacré à l'action, en équivalent temps plein (ETPT)",
    "actions[*].expected_results": "Résultats attendus",
    "actions[*].indicators": "Indicateurs d'évaluation",
    "actions[*].quartiers": "Quartiers où vivent les bénéficiaires",
    "actions[*].location": "Localisation du lieu de l'action",
    "actions[*].location.label": "Ce qu'est ce lieu",
    "actions[*].location.longitude": "Longitude",
    "actions[*].location.latitude": "Latitude",
    "actions[*].public": "Le public de l'action",
    "actions[*].public.description": "Qui sont les bénéficiaires ?",
    "actions[*].public.total": "Nombre de bénéficiaires prévus",
    "actions[*].public.women": "Dont femmes",
    "actions[*].public.men": "Dont hommes",
    "actions[*].public.other": "Dont autre ou non précisé",
    "actions[*].public.age_bands": "Répartition par tranche d'âge",
    "actions[*].public.qpv_share_percent": "Part des bénéficiaires qui habitent un quartier prioritaire",
    "actions[*].public.gender_balance_explanation": "Pourquoi le public est-il surtout féminin ou masculin ?",
    "actions[*].operational_priorities": "Priorités de l'appel",
    "actions[*].transversal": "Priorités transversales",
    "actions[*].budget": "Budget de l'action",
    "actions[*].requested_cents": "Montants demandés aux cofinanceurs de l'appel",
    "documents": "La liste des pièces",
    "attestation": "Attestation",
    "attestation.cer_subscribed": "L'association souscrit au contrat d'engagement républicain",
    "attestation.obligations_up_to_date": "L'association est à jour de ses obligations sociales et fiscales",
    "attestation.charter_2014_respected": "L'association respecte la charte des engagements réciproques de 2014",
    "attestation.information_exact": "Les informations de ce dossier sont exactes",
    "attestation.signatory_is_legal_representative":
        "La personne qui signe est le représentant légal de l'association",
    "attestation.place": "Fait à",
    "attestation.date": "Date de signature",
    # The compte-rendu financier (CERFA 15059*02) of an action, and the dossier's life (issue 13)
    "actions[*].report": "Compte-rendu financier de l'action",
    "actions[*].report.started": "Compte-rendu commencé",
    "actions[*].report.done": "Ce qui a été réalisé",
    "actions[*].report.changes": "Ce qui a changé par rapport au projet, et pourquoi",
    "actions[*].report.public": "Le public atteint",
    "actions[*].report.public.description": "Qui ont été les bénéficiaires ?",
    "actions[*].report.public.total": "Nombre de bénéficiaires atteints",
    "actions[*].report.public.women": "Dont femmes (réalisé)",
    "actions[*].report.public.men": "Dont hommes (réalisé)",
    "actions[*].report.public.other": "Dont autre ou non précisé (réalisé)",
    "actions[*].report.public.age_bands": "Répartition par tranche d'âge (réalisé)",
    "actions[*].report.public.qpv_share_percent": "Part des bénéficiaires habitant un quartier prioritaire (réalisé)",
    "actions[*].report.public.gender_balance_explanation": "Explication de la répartition femmes-hommes (réalisé)",
    "actions[*].report.quartier_counts": "Bénéficiaires atteints par quartier",
    "actions[*].report.indicators": "Résultats des indicateurs",
    "actions[*].report.budget": "Budget réalisé de l'action",
    "actions[*].report.gap_explanations": "Explication des écarts entre prévu et réalisé",
    "actions[*].report.indirect_charges_rule": "Règle de répartition des charges indirectes",
    "actions[*].report.in_kind_note": "Contributions volontaires en nature",
    "actions[*].report.other_remarks": "Autres observations",
    "lifecycle": "Suivi du dossier",
    "lifecycle.state": "Où en est le dossier",
    "lifecycle.submitted_on": "Date de dépôt",
    "lifecycle.decided_on": "Date de la décision",
    "lifecycle.granted_cents": "Montants accordés par financeur",
    "lifecycle.exercise_end": "Fin de l'exercice comptable de l'action",
    "lifecycle.report_due": "Date limite du compte-rendu financier",
    "lifecycle.report_done_on": "Date d'envoi du compte-rendu financier",
    "renewal": "Renouvellement",
    "renewal.previous_file": "Dossier de l'année précédente",
    "renewal.previous_call": "Appel à projets de l'année précédente",
    "renewal.previous_title": "Titre du dossier de l'année précédente",
    "renewal.renewed_on": "Date du renouvellement",
    "renewal.marks": "Valeurs à revoir après le renouvellement",
}

_INDEX = re.compile(r"\[\d+\]")
_BUDGET = re.compile(r"(association\.budget|actions\[\*\]\.budget)(?:\.(.+))?")
_SUBSIDY = re.compile(r"subsidies\[(\d+)\](?:\.(\w+))?")
_REQUESTED = re.compile(r"actions\[\*\]\.requested_cents\.([^.]+)")
_TRANSVERSAL = re.compile(r"actions\[\*\]\.transversal\.([^.]+)(?:\.(status|text))?")
_DOCUMENT = re.compile(r"documents\[(\d+)\](?:\.(state|path|note|id))?")
_DOCUMENT_FIELDS = {None: "Pièce", "id": "Pièce", "state": "État de la pièce", "path": "Fichier de la pièce",
                    "note": "Remarque sur la pièce"}


class _Names:
    """Names from the dossier and the programme data; every lookup falls back to None."""

    def __init__(self, dossier: Dossier | None, catalogue: Catalogue | None) -> None:
        self.dossier = dossier
        self.catalogue = catalogue
        self.call: Call | None = catalogue.calls.get(dossier.call.call) if dossier and catalogue else None

    def budget_line(self, code: str) -> str | None:
        if self.catalogue is None:
            return None
        return next((line.label for cat in self.catalogue.budget_plan.categories for line in cat.lines
                     if line.code == code), None)

    def cofunder(self, funder_id: str) -> str | None:
        cofunder = self.call.cofunder(funder_id) if self.call else None
        return cofunder.name if cofunder else None

    def transversal(self, priority_id: str) -> str | None:
        return next((tp.title for tp in self.call.transversal if tp.id == priority_id), None) if self.call else None

    def document(self, index: int) -> str | None:
        if self.dossier is None or not 0 <= index < len(self.dossier.documents):
            return None
        doc_id = self.dossier.documents[index].id
        spec = next((s for s in self.call.documents if s.id == doc_id), None) if self.call else None
        return spec.label if spec else doc_id or None

    def enjeux(self) -> str:
        territory = self.catalogue.territories.get(self.call.territory) if self.catalogue and self.call else None
        plural = territory.enjeu_label_plural if territory and territory.enjeu_label_plural else "Enjeux"
        return f"{plural} du contrat de ville"


def field_label(path: str, dossier: Dossier | None = None, catalogue: Catalogue | None = None) -> str:
    """The label of the field at `path` as the wizard shows it; the path itself when it is unknown."""
    return _label(path, _Names(dossier, catalogue))


def _label(path: str, names: _Names) -> str:
    norm = _INDEX.sub("[*]", path)
    for prefix, (label, whose) in _PERSONS.items():
        if norm == prefix:
            return label
        if norm.startswith(prefix + ".") and norm[len(prefix) + 1:] in _PERSON_FIELDS:
            return f"{_PERSON_FIELDS[norm[len(prefix) + 1:]]} {whose}"
    for prefix, (label, which) in _ADDRESSES.items():
        if norm == prefix:
            return label
        if norm.startswith(prefix + ".") and norm[len(prefix) + 1:] in _ADDRESS_FIELDS:
            return _ADDRESS_FIELDS[norm[len(prefix) + 1:]].format(which)
    if m := _BUDGET.fullmatch(norm):
        return _budget_label(path, m.group(1), m.group(2), names)
    if m := _REQUESTED.fullmatch(norm):
        return f"Montant demandé à {names.cofunder(m.group(1)) or m.group(1)}"  # as the budget table says
    if m := _TRANSVERSAL.fullmatch(norm):
        title = names.transversal(m.group(1)) or m.group(1)
        # “ ”: the inner quotes of French typography (the whole label is quoted « » where it is shown)
        return f"{'Explication sur' if m.group(2) == 'text' else 'Votre réponse sur'} “{title}”"
    if m := _DOCUMENT.fullmatch(path):
        name = names.document(int(m.group(1)))
        return f"{_DOCUMENT_FIELDS[m.group(2)]} : {name}" if name else _DOCUMENT_FIELDS[m.group(2)]
    if norm == "actions[*].enjeux":
        return names.enjeux()
    while norm:
        if norm in _LABELS:
            return _LABELS[norm]
        norm = re.sub(r"(\[\*\]|\.[^.\[\]]*)$", "", norm) if ("." in norm or norm.endswith("]")) else ""
    return path


def _budget_label(path: str, base: str, rest: str | None, names: _Names) -> str:
    whose = _BUDGETS[base]
    if not rest:
        return _LABELS[base]
    if rest == "year":
        return f"Année {whose}"
    if rest == "lines":
        return f"Lignes {whose}"
    if rest.startswith("lines."):
        code = rest.removeprefix("lines.")
        label = names.budget_line(code)
        return f"Ligne {code}{f' ({label})' if label else ''} {whose}"
    if not rest.startswith("subsidies"):
        return _LABELS[base]
    sub = _SUBSIDY.search(path)  # the index is in the path (`rest` has `[*]`)
    if sub is None:
        return f"Subventions (ligne 74) {whose}"
    funder = None
    if names.dossier is not None:
        budget = _budget_of(path, names.dossier)
        index = int(sub.group(1))
        if budget is not None and 0 <= index < len(budget.subsidies):
            subsidy = budget.subsidies[index]
            funder = names.cofunder(subsidy.funder) or subsidy.label.strip() or None
    leaf = {"funder": "Financeur", "label": "Nom du financeur", "requested": "Déjà accordée ?",
            "status": "Demandée par ce dossier, à part ou acquise"}.get(
        sub.group(2) or "", "Montant")
    return f"{leaf} d'une subvention (ligne 74) {whose}" if funder is None else (
        f"{leaf} (ligne 74, financeur : {funder}) {whose}")


def _budget_of(path: str, dossier: Dossier) -> Budget | None:
    if path.startswith("association."):
        return dossier.association.budget
    m = re.match(r"actions\[(\d+)\]", path)
    index = int(m.group(1)) if m else -1
    return dossier.actions[index].budget if 0 <= index < len(dossier.actions) else None


def where_to_fix(
    fields: Sequence[str], step: str = "", dossier: Dossier | None = None, catalogue: Catalogue | None = None
) -> str:
    """« étape « Public et quartiers », champ « Quartiers où vivent les bénéficiaires » »: each step of
    the fields with their labels, in the order of `fields`. Without fields, only `step` is named."""
    names = _Names(dossier, catalogue)
    by_step: dict[str, list[str]] = {}
    for path in fields:
        labels = by_step.setdefault(step_for_field(path), [])
        label = _label(path, names)
        if label not in labels:
            labels.append(label)
    if not by_step:
        return f"étape « {step_title(step)} »" if step else ""
    parts = []
    for step_id, labels in by_step.items():
        field_word = "champ" if len(labels) == 1 else "champs"
        parts.append(f"étape « {step_title(step_id)} », {field_word} {listing([f'« {x} »' for x in labels])}")
    return " ; ".join(parts)
