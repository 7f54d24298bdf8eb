"""The content of the exported dossier, in the order of the CERFA 12156*06, built once for both formats.

Order (../shared/reference/cerfa-12156.md and issue 4): the request (page 1), identity (fiche 1),
relations with the administration, networks, people, the association's budget, each action with its
budget, the attestation with the contrat d'engagement républicain; then the politique de la ville part
(call, enjeux, operational and transversal priorities), the documents checklist, and, on a page of its
own, the annex summarising the checks still open — which is not part of the request.
"""

from __future__ import annotations

from collections.abc import Sequence

from forms.choices import AID_FORMS, FREQUENCIES, OBJECTS, PERIODS
from forms.export.blocks import (
    Bullets,
    Column,
    ExportDocument,
    Field,
    Fields,
    Heading,
    Para,
    Row,
    Table,
)
from forms.export.content_action import (
    action_blocks,
    budget_blocks,
    funder_lines,
    funders_table,
    requested_by_funder,
    separately_note,
)
from forms.export.content_attestation import attestation_blocks
from forms.export.content_programme import annex_blocks, documents_blocks, programme_blocks
from forms.export.content_summary import add_summary
from forms.export.context import Context, choice_label, money
from forms.export.text import EMPTY, french_decimal, french_int, person_name, yes_no
from forms.export.verdicts import VerdictLike
from forms.french import french_date
from forms.funders import FunderLine
from forms.model import Action, Address, Dossier, Person
from forms.programmes import Catalogue


class Numbering:
    """The form's own numbers: fiche 1 is « 1. » with « 1.1 », « 1.2 »…, fiche 6 is « 6. » with « 6.1 »…,
    the attestation « 7. ». The request (page 1) has no number, as on the form; what the application adds
    after the form (politique de la ville, pieces) is lettered « A. », « B. » so that no number of the
    form is ever shifted."""

    def __init__(self) -> None:
        self.part = ""
        self.sub = 0

    def h1(self, number: str, title: str, *, page_break_before: bool = False) -> Heading:
        self.part = number
        self.sub = 0
        return Heading(f"{number}. {title}", 1, page_break_before)

    def h2(self, title: str) -> Heading:
        self.sub += 1
        return Heading(f"{self.part}.{self.sub} {title}", 2)


def build_document(
    dossier: Dossier, catalogue: Catalogue, verdicts: Sequence[VerdictLike] | None = ()
) -> ExportDocument:
    """The whole document. `verdicts=None` means the checks were not run (the annex says so)."""
    ctx = Context.of(dossier, catalogue)
    identity = dossier.association.identity
    if ctx.call:
        call_title = ctx.call.title
    else:
        call_title = f"Appel à projets « {dossier.call.call} »" if dossier.call.call else "Appel à projets non choisi"
    doc = ExportDocument(
        title="Demande de subvention",
        subtitle=tuple(line for line in (
            "Associations — formulaire unique CERFA n° 12156*06",
            call_title,
            identity.name,
            dossier.title,
        ) if line.strip()),
        author=identity.name,
        subject=call_title,
        header_left=identity.name,
        header_right=dossier.title,
        footer=f"Demande de subvention — {call_title}",
    )
    n = Numbering()
    asked = requested_by_funder(ctx)  # page 1 lists it, the attestation states its total
    _request(doc, ctx, asked)
    _identity(doc, n, ctx)
    _administration(doc, n, ctx)
    _networks(doc, n, ctx)
    _people(doc, n, ctx)
    assoc_budget = dossier.association.budget
    year = f" {assoc_budget.year}" if assoc_budget.year else ""
    doc.add(n.h1("5", f"Budget prévisionnel de l'association{year}"))
    doc.add(*budget_blocks(assoc_budget, ctx, of_action=False))
    for index, action in enumerate(dossier.actions):
        title = "Description de l'action" if len(dossier.actions) == 1 else f"Action {index + 1}"
        doc.add(n.h1("6", title))
        doc.add(*action_blocks(action, ctx, n.h2))
    doc.add(*attestation_blocks(ctx, sum(line.cents for line in asked)))
    city = f"contrat de ville {ctx.territory.of_name}" if ctx.territory else "contrat de ville"
    doc.add(n.h1("A", f"Politique de la ville — {city}", page_break_before=True))  # the attestation ends
    doc.add(*programme_blocks(ctx, n.h2))
    doc.add(n.h1("B", "Pièces jointes"))
    doc.add(*documents_blocks(ctx))
    doc.add(*annex_blocks(verdicts, ctx))
    add_summary(doc, ctx)  # the one-page summary first (issue 12)
    return doc


def answered(ctx: Context, step: str, text: str) -> str:
    """`text`, or nothing (printed « Non renseigné ») when the step holding the question was never
    started: the model's default (« Première demande », 0, « Non ») is not the user's answer."""
    return text if ctx.started(step) else ""


# --------------------------------------------------------------------------------------------
# Page 1 and fiches 1 to 4
# --------------------------------------------------------------------------------------------
def _request(doc: ExportDocument, ctx: Context, asked: list[FunderLine]) -> None:
    dossier = ctx.dossier
    req = dossier.request
    action = dossier.actions[0] if dossier.actions else Action()  # (Dossier.action would add one)
    doc.add(Heading("La demande", 1))
    rows = [
        Field("Appel à projets", ctx.call.title if ctx.call else dossier.call.call),
        Field("Année", str(ctx.year) if ctx.year else ""),
        Field("Forme de l'aide", answered(ctx, "appel", choice_label(AID_FORMS, req.aid_form))),
        Field("Fréquence", answered(ctx, "action", choice_label(FREQUENCIES, action.frequency))),
        Field("Objet de la demande", answered(ctx, "appel", choice_label(OBJECTS, req.object))),
        Field("Période", answered(ctx, "appel", choice_label(PERIODS, req.period))),
        Field("Convention pluriannuelle d'objectifs en cours",
              answered(ctx, "appel", yes_no(req.multi_year_agreement))),
    ]
    doc.add(Fields(tuple(rows)))
    doc.add(Heading("Financeurs sollicités par ce dossier", 3))
    if not asked:
        doc.add(Para("Aucune subvention n'est encore demandée par ce dossier.", "empty"))
    else:
        doc.add(funders_table(asked, "Total demandé par ce dossier"))
    doc.add(*separately_note(funder_lines(ctx)))


def _address(address: Address) -> str:
    city = " ".join(p for p in (address.postal_code, address.city) if p.strip())
    return "\n".join(p for p in (address.street, address.complement, city) if p.strip())


def _person(person: Person) -> tuple[Field, ...]:
    return (
        Field("Nom", person_name(person.civility, person.first_name, person.last_name)),
        Field("Fonction", person.role),
        Field("Téléphone", person.phone),
        Field("Courriel", person.email),
    )


def _optional(label: str, value: str) -> tuple[Field, ...]:
    return (Field(label, value),) if value.strip() else ()


def _identity(doc: ExportDocument, n: Numbering, ctx: Context) -> None:
    assoc = ctx.dossier.association
    ident = assoc.identity
    doc.add(n.h1("1", "Identification de l'association"))
    doc.add(n.h2("Identification"))
    doc.add(Fields((
        Field("Nom de l'association", ident.name),
        *_optional("Sigle", ident.acronym),
        *_optional("Site internet", ident.website),
        Field("Numéro SIRET", ident.siret),
        Field("Numéro RNA", ident.rna),
        *_optional("Numéro de récépissé en préfecture", ident.prefecture_receipt),
        *_optional("Code APE", ident.ape_code),
        Field("Objet de l'association", ident.object),
    )))
    doc.add(n.h2("Adresses"))
    correspondence = "Identique à celle du siège" if ident.correspondence_same else _address(
        ident.correspondence_address)
    if ident.correspondence_same and _address(ident.correspondence_address).strip():
        correspondence = f"{correspondence}\n{_address(ident.correspondence_address)}"
    doc.add(Fields((
        Field("Adresse du siège social", _address(ident.address)),
        Field("Adresse de correspondance", correspondence),
    )))
    doc.add(n.h2("Représentant légal"))
    doc.add(Fields(_person(ident.legal_representative)))
    doc.add(n.h2("Personne chargée du dossier"))
    doc.add(Fields(_person(ident.contact)))


def _administration(doc: ExportDocument, n: Numbering, ctx: Context) -> None:
    adm = ctx.dossier.association.administration
    doc.add(n.h1("2", "Relations avec l'administration"))
    doc.add(Heading("Agréments administratifs", 3))
    if adm.agrements:
        doc.add(Table(
            (Column("Type d'agrément", 0.34), Column("Attribué par", 0.28), Column("Date", 0.18),
             Column("Numéro", 0.2)),
            tuple(Row((a.type, a.granted_by, french_date(a.date), a.number)) for a in adm.agrements),
        ))
    elif ctx.started("association"):
        doc.add(Para("L'association ne déclare aucun agrément administratif.", "empty"))
    else:
        doc.add(Para("Agréments : non renseigné.", "empty"))
    rup = yes_no(adm.rup)
    if adm.rup and adm.rup_date:
        rup = f"Oui, depuis le {french_date(adm.rup_date)}"
    doc.add(Fields((
        Field("Reconnue d'utilité publique", answered(ctx, "association", rup)),
        Field("Commissaire aux comptes", answered(ctx, "association", yes_no(adm.has_auditor))),
        Field("Assujettie aux impôts commerciaux",
              answered(ctx, "association", yes_no(adm.subject_to_commercial_taxes))),
        Field("Aides publiques reçues au cours des trois derniers exercices",
              answered(ctx, "association", money(adm.public_aid_3y_cents))),
        Field("Dont aides « de minimis » (règlement UE n° 360/2012) sur trois exercices",
              answered(ctx, "association", money(adm.de_minimis_cents))),
    )))


def _networks(doc: ExportDocument, n: Numbering, ctx: Context) -> None:
    networks = [x for x in ctx.dossier.association.networks if x.strip()]
    doc.add(n.h1("3", "Relations avec d'autres associations"))
    if networks:
        doc.add(Para("Réseaux, unions ou fédérations auxquels l'association adhère :"))
        doc.add(Bullets(tuple(networks)))
    elif ctx.started("association"):
        doc.add(Para("L'association n'adhère à aucun réseau, union ou fédération.", "empty"))
    else:
        doc.add(Para("Réseaux, unions ou fédérations : non renseigné.", "empty"))


def _people(doc: ExportDocument, n: Numbering, ctx: Context) -> None:
    p = ctx.dossier.association.people
    doc.add(n.h1("4", "Moyens humains de l'association"))

    def count(text: str) -> str:
        return answered(ctx, "association", text) or EMPTY

    doc.add(Table(
        (Column("Personnes", 0.75), Column("Nombre", 0.25, "right")),
        (
            Row(("Adhérents", count(french_int(p.members)))),
            Row(("Bénévoles (contribuant régulièrement à l'activité, sans rémunération)",
                 count(french_int(p.volunteers)))),
            Row(("Volontaires en service civique", count(french_int(p.civic_service_volunteers)))),
            Row(("Salariés", count(french_int(p.employees)))),
            Row(("Dont en équivalents temps plein travaillé (ETPT)", count(french_decimal(p.etpt)))),
            Row(("Emplois aidés", count(french_int(p.subsidised_jobs)))),
        ),
    ))
