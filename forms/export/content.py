"""The content of the exported dossier, in the order of the CERFA 12156*06, built once for both formats.

Order (../shared/reference/cerfa-12156.md and issue 4): the request (page 1), identity (fiche 1),
relations with the administration, networks, people, the association's budget, each action with its
budget, the attestation with the contrat d'engagement républicain; then the politique de la ville part
(call, enjeux, operational and transversal priorities), the documents checklist, and, on a page of its
own, the annex summarising the checks still open — which is not part of the request.
"""

from __future__ import annotations

from collections.abc import Sequence

from forms.cer import CER_ENGAGEMENTS
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
    Signature,
    Table,
)
from forms.export.content_action import action_blocks, budget_blocks, requested_by_funder
from forms.export.content_programme import annex_blocks, documents_blocks, programme_blocks
from forms.export.content_summary import add_summary
from forms.export.context import Context, choice_label, money
from forms.export.text import french_decimal, french_int, person_name, yes_no
from forms.export.verdicts import VerdictLike
from forms.french import french_date
from forms.model import Action, Address, Dossier, Person
from forms.programmes import Catalogue


class Numbering:
    """« 1. », « 2. »… for the parts, « 2.1 », « 2.2 »… for their sub-parts."""

    def __init__(self) -> None:
        self.part = 0
        self.sub = 0

    def h1(self, title: str, *, page_break_before: bool = False) -> Heading:
        self.part += 1
        self.sub = 0
        return Heading(f"{self.part}. {title}", 1, page_break_before)

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
    _request(doc, n, ctx, asked)
    _identity(doc, n, ctx)
    _administration(doc, n, ctx)
    _networks(doc, n, ctx)
    _people(doc, n, ctx)
    assoc_budget = dossier.association.budget
    year = f" {assoc_budget.year}" if assoc_budget.year else ""
    doc.add(n.h1(f"Budget prévisionnel de l'association{year} (fiche 5)"))
    doc.add(*budget_blocks(assoc_budget, ctx))
    for index, action in enumerate(dossier.actions):
        title = "Description de l'action (fiche 6)" if len(dossier.actions) == 1 else (
            f"Action {index + 1} (fiche 6)")
        doc.add(n.h1(title))
        doc.add(*action_blocks(action, ctx, n.h2))
    _attestation(doc, n, ctx, sum(cents for _, cents in asked))
    city = f"contrat de ville {ctx.territory.of_name}" if ctx.territory else "contrat de ville"
    doc.add(n.h1(f"Politique de la ville — {city}"))
    doc.add(*programme_blocks(ctx, n.h2))
    doc.add(n.h1("Pièces jointes"))
    doc.add(*documents_blocks(ctx))
    doc.add(*annex_blocks(verdicts, ctx))
    add_summary(doc, ctx)  # the one-page summary first (issue 12)
    return doc


# --------------------------------------------------------------------------------------------
# Page 1 and fiches 1 to 4
# --------------------------------------------------------------------------------------------
def _request(doc: ExportDocument, n: Numbering, ctx: Context, asked: list[tuple[str, int]]) -> None:
    dossier = ctx.dossier
    req = dossier.request
    action = dossier.actions[0] if dossier.actions else Action()  # (Dossier.action would add one)
    doc.add(n.h1("La demande"))
    rows = [
        Field("Appel à projets", ctx.call.title if ctx.call else dossier.call.call),
        Field("Année", str(ctx.year) if ctx.year else ""),
        Field("Forme de l'aide", choice_label(AID_FORMS, req.aid_form)),
        Field("Fréquence", choice_label(FREQUENCIES, action.frequency)),
        Field("Objet de la demande", choice_label(OBJECTS, req.object)),
        Field("Période", choice_label(PERIODS, req.period)),
        Field("Convention pluriannuelle d'objectifs en cours", yes_no(req.multi_year_agreement)),
    ]
    doc.add(Fields(tuple(rows)))
    doc.add(Heading("Financeurs sollicités", 3))
    if not asked:
        doc.add(Para("Aucun montant demandé n'est encore indiqué.", "empty"))
        return
    table_rows = [Row((name, money(cents))) for name, cents in asked]
    table_rows.append(Row(("Total demandé", money(sum(c for _, c in asked))), "total"))
    doc.add(Table((Column("Financeur", 0.7), Column("Montant demandé", 0.3, "right")),
                  tuple(table_rows), keep_rows_whole=True))


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
    doc.add(n.h1("Identification de l'association (fiche 1)"))
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
    doc.add(n.h2("Coordonnées bancaires"))
    doc.add(Fields((
        Field("Titulaire du compte", assoc.bank.holder),
        Field("Banque", assoc.bank.bank_name),
        Field("IBAN", assoc.bank.iban),
        Field("BIC", assoc.bank.bic),
    )))


def _administration(doc: ExportDocument, n: Numbering, ctx: Context) -> None:
    adm = ctx.dossier.association.administration
    doc.add(n.h1("Relations avec l'administration (fiche 2)"))
    doc.add(Heading("Agréments administratifs", 3))
    if adm.agrements:
        doc.add(Table(
            (Column("Type d'agrément", 0.34), Column("Attribué par", 0.28), Column("Date", 0.18),
             Column("Numéro", 0.2)),
            tuple(Row((a.type, a.granted_by, french_date(a.date), a.number)) for a in adm.agrements),
        ))
    else:
        doc.add(Para("L'association ne déclare aucun agrément administratif.", "empty"))
    rup = yes_no(adm.rup)
    if adm.rup and adm.rup_date:
        rup = f"Oui, depuis le {french_date(adm.rup_date)}"
    doc.add(Fields((
        Field("Reconnue d'utilité publique", rup),
        Field("Commissaire aux comptes", yes_no(adm.has_auditor)),
        Field("Assujettie aux impôts commerciaux", yes_no(adm.subject_to_commercial_taxes)),
        Field("Aides publiques reçues au cours des trois derniers exercices", money(adm.public_aid_3y_cents)),
        Field("Dont aides « de minimis » (règlement UE n° 360/2012) sur trois exercices",
              money(adm.de_minimis_cents)),
    )))


def _networks(doc: ExportDocument, n: Numbering, ctx: Context) -> None:
    networks = [x for x in ctx.dossier.association.networks if x.strip()]
    doc.add(n.h1("Relations avec d'autres associations (fiche 3)"))
    if networks:
        doc.add(Para("Réseaux, unions ou fédérations auxquels l'association adhère :"))
        doc.add(Bullets(tuple(networks)))
    else:
        doc.add(Para("L'association n'adhère à aucun réseau, union ou fédération.", "empty"))


def _people(doc: ExportDocument, n: Numbering, ctx: Context) -> None:
    p = ctx.dossier.association.people
    doc.add(n.h1("Moyens humains de l'association (fiche 4)"))
    doc.add(Table(
        (Column("Personnes", 0.75), Column("Nombre", 0.25, "right")),
        (
            Row(("Adhérents", french_int(p.members))),
            Row(("Bénévoles (contribuant régulièrement à l'activité, sans rémunération)",
                 french_int(p.volunteers))),
            Row(("Volontaires en service civique", french_int(p.civic_service_volunteers))),
            Row(("Salariés", french_int(p.employees))),
            Row(("Dont en équivalents temps plein travaillé (ETPT)", french_decimal(p.etpt))),
            Row(("Emplois aidés", french_int(p.subsidised_jobs))),
        ),
    ))


# --------------------------------------------------------------------------------------------
# Attestation (after the actions, as on the form)
# --------------------------------------------------------------------------------------------
def _attestation(doc: ExportDocument, n: Numbering, ctx: Context, total: int) -> None:
    dossier = ctx.dossier
    att = dossier.attestation
    name = dossier.association.identity.name
    signatory = person_name(att.signatory.civility, att.signatory.first_name, att.signatory.last_name)
    doc.add(n.h1("Attestation"))
    quality = ("représentant légal de l'association" if att.signatory_is_legal_representative
               else "ayant reçu pouvoir du représentant légal de l'association (pouvoir joint)")
    doc.add(Fields((
        Field("Signataire", signatory),
        Field("Fonction", att.signatory.role),
        *_optional("Téléphone", att.signatory.phone),
        *_optional("Courriel", att.signatory.email),
        Field("Qualité", quality),
        Field("Association", name),
    )))
    year = f" au titre de l'année {ctx.year}" if ctx.year else ""
    declarations = (
        ("L'association souscrit au contrat d'engagement républicain annexé au décret n° 2021-1947 du "
         "31 décembre 2021 (article 10-1 de la loi n° 2000-321 du 12 avril 2000).", att.cer_subscribed),
        ("L'association est à jour de ses obligations sociales et fiscales.", att.obligations_up_to_date),
        ("L'association respecte les principes et valeurs de la charte des engagements réciproques conclue le "
         "14 février 2014 entre l'État, les associations d'élus territoriaux et le Mouvement associatif.",
         att.charter_2014_respected),
        ("Les informations du présent dossier sont exactes et sincères.", att.information_exact),
    )
    doc.add(Heading("Le ou la signataire déclare", 3))
    doc.add(Table(
        (Column("Déclaration", 0.8), Column("Réponse", 0.2, "center")),
        tuple(Row((text, yes_no(value))) for text, value in declarations),
        keep_rows_whole=True,
    ))
    doc.add(Fields((Field(f"Montant de subvention demandé{year}", money(total)),)))
    doc.add(Heading("Le contrat d'engagement républicain", 3))
    doc.add(Para("En souscrivant le contrat, l'association s'engage à respecter ses sept engagements et à "
                 "en informer ses membres :"))
    doc.add(Bullets(tuple(f"Engagement n° {i} : {title}" for i, (title, _) in enumerate(CER_ENGAGEMENTS, 1))))
    doc.add(Fields((
        Field("Fait à", att.place),
        Field("Le", french_date(att.date)),
    )))
    doc.add(Signature("Signature du représentant légal (ou de la personne ayant reçu pouvoir)"))
