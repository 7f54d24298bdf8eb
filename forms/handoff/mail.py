"""The short e-mail of the sending pack: one per funder asked outside the portal, ready to paste.

Each says to whom, what is asked (the amount asked from that funder, and the action's total budget) and
lists the attached files by their names in the pack. The State's credits are asked on the portal
Dauphin (../shared/reference/portal-dauphin.md): no e-mail is written for the State, the text says so.
The funders' e-mail addresses are not in the call data: the « À » line says « à vérifier ».
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from forms.export.content_summary import summary_figures
from forms.export.context import Context
from forms.export.text import person_name
from forms.handoff.asked import AskedAmount, amounts_asked
from forms.handoff.plain_text import amount_text

RULE = "=" * 40


def _is_state(ctx: Context, asked: AskedAmount) -> bool:
    cofunder = ctx.call.cofunder(asked.funder) if ctx.call else None
    return (cofunder.kind == "etat") if cofunder else asked.funder == "etat"


def _signature(ctx: Context) -> list[str]:
    ident = ctx.dossier.association.identity
    contact = ident.contact
    name = person_name("", contact.first_name, contact.last_name)
    lines = [", ".join(x for x in (name, contact.role) if x.strip()), ident.name,
             " — ".join(x for x in (contact.phone, contact.email) if x.strip())]
    return [line for line in lines if line.strip()]


def _in_answer_to(call_title: str) -> str:
    if call_title.casefold().startswith("appel"):
        return f"en réponse à l'{call_title[0].lower()}{call_title[1:]}"
    return f"en réponse à l'appel à projets « {call_title} »" if call_title else "en réponse à l'appel à projets"


@dataclass(frozen=True)
class Mail:
    funder: str  # the funder's name
    to: str
    subject: str
    body: str

    def text(self) -> str:
        """The e-mail as the pack's text file shows it."""
        return "\n".join((RULE, f"Courriel pour : {self.funder}", RULE, f"À : {self.to}", f"Objet : {self.subject}",
                          "", self.body))


def mail_for(ctx: Context, asked: AskedAmount, attachments: Sequence[str], dossier_files: Sequence[str]) -> Mail:
    dossier = ctx.dossier
    ident = dossier.association.identity
    call_title = ctx.call.title if ctx.call else dossier.call.call
    titles = " ; ".join(f"« {a.title.strip()} »" for a in dossier.actions if a.title.strip()) or "« (sans titre) »"
    total = summary_figures(ctx).total_budget
    pdf, _docx, summary, signature = dossier_files
    files = [f"- {pdf} : le dossier de demande (formulaire CERFA n° 12156*06)",
             f"- {summary} : le résumé de la demande en une page",
             f"- {signature} : l'attestation, datée et signée"]
    files += [f"- {name}" for name in attachments]
    body = [
        "Madame, Monsieur,",
        "",
        f"L'association {ident.name} vous adresse sa demande de subvention pour l'action {titles}, "
        f"{_in_answer_to(call_title)}.",
        "",
        f"Nous sollicitons de votre part une subvention de {amount_text(asked.cents)}, "
        f"pour un budget total de l'action de {amount_text(total)}.",
        "",
        "Vous trouverez en pièces jointes :",
        *files,
        "",
        "Nous restons à votre disposition pour tout complément d'information.",
        "",
        "Veuillez agréer, Madame, Monsieur, nos salutations distinguées.",
        "",
        *_signature(ctx),
    ]
    return Mail(asked.name, f"{asked.name} — adresse électronique à vérifier auprès du financeur",
                f"Demande de subvention — {call_title} — {ident.acronym.strip() or ident.name}", "\n".join(body))


def mails(ctx: Context, attachments: Sequence[str], dossier_files: Sequence[str]) -> tuple[str, list[Mail]]:
    """How to send (the text file's head), and one e-mail per funder asked outside the portal."""
    asked = amounts_asked(ctx.dossier, ctx.catalogue)
    others = [a for a in asked if not _is_state(ctx, a)]
    head = [
        "Courriels à envoyer aux financeurs — à copier dans votre messagerie",
        "",
        "Avant d'envoyer : imprimez la page de signature, faites-la dater et signer par la personne qui "
        "signe la demande, scannez-la et joignez-la à la place du PDF non signé.",
        "Le fichier DOCX du dossier est la version modifiable : gardez-le, ne l'envoyez pas.",
    ]
    for a in asked:
        if _is_state(ctx, a):
            head.append(f"{a.name} ({amount_text(a.cents)}) : la demande se saisit sur le portail Dauphin "
                        "(utilisez la fiche de saisie de l'application) ; pas de courriel.")
    if not others:
        head += ["", "Aucun autre financeur n'est sollicité par ce dossier : il n'y a pas de courriel à envoyer."]
    return "\n".join(head), [mail_for(ctx, a, attachments, dossier_files) for a in others]


def mail_text(head: str, drafts: Sequence[Mail]) -> str:
    """The pack's text file."""
    return "\n\n".join([head, *(m.text() for m in drafts)]) + "\n"
