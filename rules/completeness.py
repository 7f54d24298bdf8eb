"""Completeness: every content the CERFA 12156 requires (identity, legal representative, contact,
people, the association's budget, bank details, the action), the action's dates inside the call's
period, the documents (compte-rendu financier for a renewal, delegation, the call's checklist) and the
attestation."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from forms.french import fold, french_date, listing
from forms.model import Address, Document, Person
from forms.programmes import DocumentSpec
from rules.budget import is_empty
from rules.context import Check
from rules.registry import rule
from rules.texts import is_answer, is_substantive
from rules.verdicts import Verdict

RENEWAL_DOCUMENT = "compte-rendu-financier"
DELEGATION_DOCUMENT = "delegation"


def _missing_address(address: Address) -> list[tuple[str, str]]:
    parts = [("street", "la rue"), ("postal_code", "le code postal"), ("city", "la commune")]
    return [(name, label) for name, label in parts if not getattr(address, name).strip()]


@rule("completude.identite")
def identite(c: Check) -> Iterator[Verdict]:
    identity = c.dossier.association.identity
    base = "association.identity"
    if not identity.name.strip():
        yield c.verdict("bloquant", "Indiquez le nom de l'association, tel qu'il figure dans ses statuts.",
                        f"{base}.name")
    if not identity.siret.strip():
        yield c.verdict(
            "a_corriger",
            "Indiquez le numéro SIRET à 14 chiffres de l'association : sans lui, la subvention ne peut pas "
            "être versée. Si l'association n'en a pas, demandez-le à l'Insee (formulaire en ligne, gratuit).",
            f"{base}.siret",
        )
    if not identity.rna.strip() and not identity.prefecture_receipt.strip():
        yield c.verdict(
            "a_corriger",
            "Indiquez le numéro RNA de l'association (W suivi de 9 chiffres, sur le récépissé de "
            "déclaration), ou à défaut le numéro de récépissé de la préfecture.",
            f"{base}.rna",
        )
    if not is_answer(identity.object):
        yield c.verdict("a_corriger", "Indiquez l'objet de l'association, tel qu'il figure dans ses statuts"
                        + _typed(identity.object) + ".", f"{base}.object")
    missing = _missing_address(identity.address)
    if missing:
        yield c.verdict(
            "a_corriger",
            f"Complétez l'adresse du siège de l'association : {listing([m[1] for m in missing])}.",
            f"{base}.address.{missing[0][0]}",
        )
    if not identity.correspondence_same:
        missing = _missing_address(identity.correspondence_address)
        if missing:
            yield c.verdict(
                "a_corriger",
                "Complétez l'adresse de correspondance (ou indiquez qu'elle est celle du siège) : "
                f"{listing([m[1] for m in missing])}.",
                f"{base}.correspondence_address.{missing[0][0]}",
            )


def _missing_person(person: Person, names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    return [(name, label) for name, label in names if not getattr(person, name).strip()]


@rule("completude.representant")
def representant(c: Check) -> Iterator[Verdict]:
    rep = c.dossier.association.identity.legal_representative
    missing = _missing_person(rep, [("last_name", "le nom"), ("first_name", "le prénom"),
                                    ("role", "la fonction (présidente, président…)")])
    if missing:
        yield c.verdict(
            "a_corriger",
            f"Indiquez le représentant légal de l'association : {listing([m[1] for m in missing])}.",
            f"association.identity.legal_representative.{missing[0][0]}",
        )


@rule("completude.contact")
def contact(c: Check) -> Iterator[Verdict]:
    person = c.dossier.association.identity.contact
    base = "association.identity.contact"
    missing = _missing_person(person, [("last_name", "le nom"), ("first_name", "le prénom")])
    if missing:
        yield c.verdict(
            "a_corriger",
            "Indiquez la personne chargée du dossier, que le financeur pourra appeler : "
            f"{listing([m[1] for m in missing])} (ce peut être le représentant légal).",
            f"{base}.{missing[0][0]}",
        )
    if not person.phone.strip() and not person.email.strip():
        yield c.verdict(
            "a_corriger",
            "Indiquez le téléphone ou l'adresse e-mail de la personne chargée du dossier, pour que le "
            "financeur puisse la joindre.",
            f"{base}.phone",
            f"{base}.email",
        )


_PEOPLE_COUNTS = ("members", "volunteers", "civic_service_volunteers", "employees", "etpt", "subsidised_jobs")


@rule("completude.personnes")
def personnes(c: Check) -> Iterator[Verdict]:
    people = c.dossier.association.people
    negative = [name for name in _PEOPLE_COUNTS if getattr(people, name) < 0]
    if negative:
        yield c.verdict("a_corriger", "Un nombre de personnes de l'association est négatif : corrigez-le.",
                        *(f"association.people.{name}" for name in negative))
    elif people.members == 0 and people.volunteers == 0 and people.employees == 0:
        yield c.verdict(
            "a_corriger",
            "Indiquez combien l'association compte d'adhérents, de bénévoles et de salariés (au 31 "
            "décembre de l'année passée) : le formulaire le demande.",
            "association.people.members",
        )


@rule("completude.budget_association")
def budget_association(c: Check) -> Iterator[Verdict]:
    if is_empty(c.dossier.association.budget):
        yield c.verdict(
            "a_corriger",
            "Remplissez le budget prévisionnel de l'association pour l'année (toutes ses activités, pas "
            "seulement l'action) : le formulaire le demande.",
            "association.budget",
        )


@rule("completude.banque")
def banque(c: Check) -> Iterator[Verdict]:
    bank = c.dossier.association.bank
    parts = [("iban", "l'IBAN"), ("bic", "le BIC"), ("holder", "le titulaire du compte")]
    missing = [(name, label) for name, label in parts if not getattr(bank, name).strip()]
    if missing:
        yield c.verdict(
            "a_corriger",
            f"Indiquez les coordonnées bancaires de l'association, comme sur son RIB : "
            f"{listing([m[1] for m in missing])}.",
            f"association.bank.{missing[0][0]}",
        )


def _typed(text: str) -> str:
    """« (« xxx » n'est pas une réponse) » after a request, when something was typed."""
    clean = " ".join(text.split())
    return f" (« {clean[:40]} » n'est pas une réponse)" if clean else ""


# (field, message, sentences expected): a short answer for a title, a few sentences for the others.
_ACTION_CONTENTS: tuple[tuple[str, str, bool], ...] = (
    ("title", "Donnez un titre à l'action", False),
    ("objectives", "Indiquez les objectifs de l'action : ce qu'elle veut changer pour les habitants", True),
    ("description", "Décrivez l'action : ce qui sera fait, avec qui, à quel rythme", True),
    ("public.description", "Décrivez le public de l'action : qui elle concerne", False),
    ("expected_results", "Indiquez les résultats attendus de l'action", True),
)


@rule("completude.action")
def action_contents(c: Check) -> Iterator[Verdict]:
    if not c.dossier.actions:
        yield c.verdict("bloquant", "Le dossier ne décrit aucune action : ajoutez l'action pour laquelle "
                        "vous demandez la subvention.", "actions")
        return
    for path, prefix, action in c.actions():
        for name, message, sentences in _ACTION_CONTENTS:
            obj: object = action
            for part in name.split("."):
                obj = getattr(obj, part)
            text = str(obj)
            if not is_answer(text):
                yield c.verdict("a_corriger", f"{prefix}{message}{_typed(text)}.", f"{path}.{name}")
            elif sentences and not is_substantive(text):
                yield c.verdict("a_corriger", f"{prefix}{message} : quelques phrases sont attendues (« "
                                f"{' '.join(text.split())[:40]} » est trop court).", f"{path}.{name}")
        if action.public.total <= 0:
            yield c.verdict("a_corriger", f"{prefix}Indiquez le nombre de bénéficiaires attendus.",
                            f"{path}.public.total")
        if not is_answer(action.human_means) and not is_answer(action.material_means):
            yield c.verdict(
                "a_corriger",
                f"{prefix}Indiquez les moyens de l'action : les personnes mobilisées (salariés, bénévoles) "
                "et le matériel ou les locaux.",
                f"{path}.human_means",
                f"{path}.material_means",
            )
        labelled = [i for i in action.indicators if is_answer(i.label)]
        if not labelled:
            yield c.verdict(
                "a_corriger",
                f"{prefix}Indiquez au moins un indicateur d'évaluation (par exemple « nombre de participants "
                "», « part de femmes »), avec la valeur visée.",
                f"{path}.indicators",
            )
        for indicator in labelled:
            if not is_answer(indicator.target, figures=True):
                yield c.verdict(
                    "a_corriger",
                    f"{prefix}Indiquez la valeur visée de l'indicateur « {indicator.label.strip()} » (par "
                    "exemple « 40 personnes », « 60 % ») : sans elle, le résultat ne pourra pas être mesuré.",
                    f"{path}.indicators",
                )


@rule("completude.dates")
def dates(c: Check) -> Iterator[Verdict]:
    """Both dates given, in order, and inside the call's period (a one-day action is valid). Dates outside
    the period are bloquant even when they are also in the wrong order."""
    start, end = c.index.period
    period_source = c.call.grounds.get("periode")  # else the rule's own: calendar year of the call
    period = f"du {french_date(start)} au {french_date(end)}"
    if not c.index.period_from_call:
        period += " (l'année de l'appel)"
    for path, prefix, action in c.actions():
        if action.start_date is None or action.end_date is None:
            missing = [n for n, d in (("start_date", action.start_date), ("end_date", action.end_date)) if d is None]
            yield c.verdict(
                "a_corriger",
                f"{prefix}Indiquez les dates de début et de fin de l'action ; l'appel {c.call.year} finance "
                f"des actions menées {period}.",
                *(f"{path}.{n}" for n in missing),
                source=period_source,
            )
            continue
        reversed_dates = action.start_date > action.end_date
        outside = [
            (n, d) for n, d in (("start_date", action.start_date), ("end_date", action.end_date))
            if not start <= d <= end
        ]
        if outside:
            order = " (et elle finirait avant de commencer)" if reversed_dates else ""
            yield c.verdict(
                "bloquant",
                f"{prefix}L'action doit se dérouler pendant la période de l'appel {c.call.year}, {period} ; "
                f"elle va du {french_date(action.start_date)} au {french_date(action.end_date)}{order}. Corrigez "
                "les dates, ou répondez à l'appel de la bonne année.",
                *(f"{path}.{n}" for n, _ in outside),
                source=period_source,
            )
        elif reversed_dates:
            yield c.verdict(
                "a_corriger",
                f"{prefix}L'action finit ({french_date(action.end_date)}) avant de commencer "
                f"({french_date(action.start_date)}) : corrigez les dates.",
                f"{path}.start_date",
                f"{path}.end_date",
                source=period_source,
            )


def _find(c: Check, doc_id: str) -> tuple[int, Document | None]:
    for i, doc in enumerate(c.dossier.documents):
        if doc.id == doc_id:
            return i, doc
    return -1, None


def _document_field(index: int) -> str:
    return f"documents[{index}].state" if index >= 0 else "documents"


def _spec(c: Check, doc_id: str, requirement: str) -> list[DocumentSpec]:
    specs = [s for s in c.index.documents if s.requirement == requirement]
    return specs or [s for s in c.index.documents if s.id == doc_id]


@rule("completude.renouvellement")
def renouvellement(c: Check) -> Iterator[Verdict]:
    """A renewal needs the compte-rendu financier (CERFA 15059) of the previous year."""
    renewals = [a for a in c.dossier.actions if a.frequency == "renouvellement"]
    if not renewals:
        return
    specs = _spec(c, RENEWAL_DOCUMENT, "renouvellement")
    # The source cited is the law's sentence (the rule's own): it says why the document is required.
    items = [(s.id, s.label) for s in specs] or [
        (RENEWAL_DOCUMENT, "Compte-rendu financier (CERFA n° 15059)")
    ]
    for doc_id, label in items:
        index, doc = _find(c, doc_id)
        if doc is not None and doc.state == "joint":
            continue
        yield c.verdict(
            "a_corriger",
            f"L'action est un renouvellement : joignez la pièce « {label or doc_id} ». Le compte-rendu "
            "financier de la subvention de l'an dernier est exigé avant toute nouvelle demande pour la même "
            "action.",
            _document_field(index),
        )


def _same_person(a: Person, b: Person) -> bool:
    return fold(" ".join(a.last_name.split())) == fold(" ".join(b.last_name.split())) and fold(
        " ".join(a.first_name.split())) == fold(" ".join(b.first_name.split()))


def delegated(c: Check) -> bool:
    """Someone else than the legal representative signs: said so, or a different name typed."""
    att = c.dossier.attestation
    if not att.signatory_is_legal_representative:
        return True
    signer = att.signatory
    named = signer.last_name.strip() or signer.first_name.strip()
    return bool(named) and not _same_person(signer, c.dossier.association.identity.legal_representative)


@rule("completude.documents")
def documents(c: Check) -> Iterator[Verdict]:
    """The call's checklist: every "toujours" document joined; the delegation when someone else signs.
    "Sans objet" is accepted only for a piece that may not apply, with a reason that says something."""
    is_delegated = delegated(c)
    required = [s for s in c.index.documents if s.requirement == "toujours"]
    fallback = None
    if is_delegated:
        delegation = [s for s in c.index.documents if s.requirement == "delegation"]
        required += delegation
        fallback = None if delegation else DELEGATION_DOCUMENT
    att = c.dossier.attestation
    signer = " ".join(f"{att.signatory.first_name} {att.signatory.last_name}".split())
    signer_text = f" : {signer}" if att.signatory_is_legal_representative and signer else ""
    why_delegated = f" (la demande est signée par une autre personne que le représentant légal{signer_text})"
    for spec in required:
        index, doc = _find(c, spec.id)
        help_text = f" {spec.help.strip()}" if spec.help.strip() else ""
        if doc is not None and doc.state == "joint":
            continue
        why = why_delegated if spec.requirement == "delegation" else ""
        if doc is not None and doc.state == "sans_objet":
            if spec.may_not_apply and spec.requirement != "delegation":
                if is_substantive(doc.note):
                    continue
                yield c.verdict(
                    "a_corriger",
                    f"Vous indiquez la pièce « {spec.label} » sans objet : expliquez pourquoi en une phrase "
                    "dans la remarque de la pièce (par exemple « association créée en 2024, pas encore de "
                    "comptes approuvés »), ou joignez-la.",
                    f"documents[{index}].note",
                    source=spec.source,
                )
            else:
                yield c.verdict(
                    "a_corriger",
                    f"La pièce « {spec.label} » ne peut pas être « sans objet »{why} : l'appel la demande à "
                    f"toutes les associations. Joignez-la.{help_text}",
                    f"documents[{index}].state",
                    source=spec.source,
                )
            continue
        yield c.verdict(
            "a_corriger",
            f"Joignez la pièce « {spec.label} »{why}.{help_text}",
            _document_field(index),
            source=spec.source,
        )
    if fallback:
        index, doc = _find(c, fallback)
        if doc is None or doc.state != "joint":
            yield c.verdict(
                "a_corriger",
                f"La demande est signée par une autre personne que le représentant légal{signer_text} : "
                "joignez la délégation de signature (le pouvoir donné par le représentant légal).",
                _document_field(index),
            )


@rule("completude.attestation")
def attestation(c: Check) -> Iterator[Verdict]:
    att = c.dossier.attestation
    rep = c.dossier.association.identity.legal_representative
    if not att.obligations_up_to_date:
        yield c.verdict(
            "bloquant",
            "Le signataire doit attester que l'association est à jour de ses obligations sociales et "
            "fiscales (déclarations et paiements) : cochez la case de l'attestation, ou régularisez la "
            "situation avant de déposer la demande.",
            "attestation.obligations_up_to_date",
        )
    if not att.charter_2014_respected:
        yield c.verdict(
            "a_corriger",
            "Le formulaire demande d'attester que l'association respecte la charte des engagements "
            "réciproques du 14 février 2014 (entre l'État, les collectivités et les associations) : "
            "cochez la case de l'attestation.",
            "attestation.charter_2014_respected",
        )
    if not att.information_exact:
        yield c.verdict(
            "bloquant",
            "Le signataire doit certifier que les informations du dossier sont exactes : cochez la case de "
            "l'attestation.",
            "attestation.information_exact",
        )
    signatory = att.signatory
    if att.signatory_is_legal_representative and not signatory.last_name.strip():
        signatory = rep
    missing = _missing_person(signatory, [("last_name", "le nom"), ("first_name", "le prénom")])
    if missing:
        yield c.verdict(
            "a_corriger",
            f"Indiquez qui signe la demande : {listing([m[1] for m in missing])} du signataire.",
            f"attestation.signatory.{missing[0][0]}",
        )
    if att.date is not None and att.date > dt.date.today():
        yield c.verdict(
            "a_corriger",
            f"La date de signature ({french_date(att.date)}) est dans le futur : indiquez le jour où la "
            "demande est signée.",
            "attestation.date",
        )
    elif att.date is not None and c.call.deadline is not None and att.date > c.call.deadline:
        yield c.verdict(
            "bloquant",
            f"La demande est signée le {french_date(att.date)}, après la date limite de dépôt de l'appel "
            f"{c.call.year} ({french_date(c.call.deadline)}) : elle ne peut plus être déposée à cet appel. "
            "Vérifiez la date, ou demandez au financeur si un dépôt tardif est possible.",
            "attestation.date",
            source=c.call.grounds.get("calendrier"),
        )
    if not att.place.strip() or att.date is None:
        what = listing([w for w, empty in (("le lieu", not att.place.strip()), ("la date", att.date is None))
                         if empty])
        yield c.verdict(
            "a_corriger",
            f"Indiquez {what} de signature de l'attestation.",
            "attestation.place" if not att.place.strip() else "attestation.date",
        )
