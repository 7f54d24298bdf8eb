"""Fiche 7, the attestation: the form's declarations in the form's order, with the dossier's answers.

The wording is data (resources/cerfa/attestation.yaml): the reference reconstructs it from memory, so
each sentence marked `to_check` can be corrected there without code. The page is signed on its own: it
starts a page (page_break_before) and the part after it starts the next one (content.py); the signature
block — « Fait à … le … », the signatory, the room for the signature and the stamp — is one block the
renderers keep on one page.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from forms.cer import CER_ENGAGEMENTS
from forms.codec import from_data
from forms.export.blocks import Block, Checkbox, Heading, Para, Signature
from forms.export.context import Context, money
from forms.export.text import EMPTY, person_name
from forms.french import french_date
from forms.programmes import RESOURCES_DIR, Source
from forms.yamlload import load_yaml

DeclarationKind = Literal["answer", "public_aid", "amount", "bank"]
ANSWERS = ("obligations_up_to_date", "information_exact", "charter_2014_respected", "cer_subscribed")
# The form's 500 000 € is the SIEG de minimis ceiling (règlement UE 360/2012), not the general one
# (`plafond_de_minimis_cents`, 200 000 € under règlement 1407/2013): resources/parametres/national.yaml.
THRESHOLD_PARAMETER = "plafond_de_minimis_sieg_cents"
DEFAULT_THRESHOLD_CENTS = 50_000_000  # règlement UE 360/2012: used only when the call is unknown
CER_PARAMETER = "cer_obligatoire"  # dated: the CER is asked of every request from 1 January 2022


@dataclass
class Declaration:
    id: str
    kind: DeclarationKind
    text: str
    to_check: bool
    answer: str = ""  # kind "answer": the field of forms.model.Attestation
    choices: list[str] = field(default_factory=list)  # kind "public_aid": two boxes, {seuil}


@dataclass
class AttestationWording:
    source: Source
    title: str
    intro: str
    to_check_intro: bool
    declarations: list[Declaration]
    signature: str
    signature_box: str


def load_wording(path: Path | None = None) -> AttestationWording:
    """The wording file, checked: every answer names a field of the attestation, two aid boxes."""
    wording = from_data(AttestationWording, load_yaml(path or RESOURCES_DIR / "cerfa" / "attestation.yaml"))
    for d in wording.declarations:
        if d.kind == "answer" and d.answer not in ANSWERS:
            raise ValueError(f"attestation.yaml, {d.id} : réponse « {d.answer} » inconnue")
        if d.kind == "public_aid" and len(d.choices) != 2:
            raise ValueError(f"attestation.yaml, {d.id} : il faut deux cases (au plus / au-delà du seuil)")
    return wording


@functools.cache
def attestation_wording() -> AttestationWording:
    return load_wording()


def _threshold(ctx: Context) -> int:
    value = ctx.catalogue.parameter(THRESHOLD_PARAMETER, ctx.call) if ctx.call else None
    if value is not None and isinstance(value.value, int) and not isinstance(value.value, bool):
        return value.value
    return DEFAULT_THRESHOLD_CENTS


def _cer_required_later(ctx: Context) -> dt.date | None:
    """The date the CER became compulsory, when the call is older (a 2021 call): an empty box is then not
    a refusal, and the export says so."""
    if ctx.call is None or ctx.catalogue.parameter(CER_PARAMETER, ctx.call) is not None:
        return None
    definition = ctx.catalogue.parameters.get(CER_PARAMETER)
    later = sorted(start for start, v in definition.values.items()
                   if v.value is True and start > ctx.call.reference_date) if definition else []
    return later[0] if later else None


def _declaration_blocks(d: Declaration, ctx: Context, total_cents: int) -> list[Block]:
    dossier = ctx.dossier
    att = dossier.attestation
    if d.kind == "answer":
        ticked = bool(getattr(att, d.answer))
        since = _cer_required_later(ctx) if d.answer == "cer_subscribed" and not ticked else None
        if since is None:
            return [Checkbox(d.text, ticked)]
        return [Checkbox(d.text, False),
                Para(f"Sans objet pour cet appel : le contrat d'engagement républicain est exigé des demandes "
                     f"de subvention à partir du {french_date(since)}.", "detail")]
    if d.kind == "public_aid":
        aid = dossier.association.administration.public_aid_3y_cents
        known = ctx.started("association")
        seuil = money(_threshold(ctx)).replace(",00", "")  # « 500 000 € »
        low, high = (c.format(seuil=seuil) for c in d.choices)
        declared = (f"Montant déclaré en fiche 2 : {money(aid)}." if known
                    else "Montant des aides publiques non renseigné (fiche 2).")
        return [
            Checkbox(d.text, known),
            Checkbox(low, known and aid <= _threshold(ctx), indent=True),
            Checkbox(high, known and aid > _threshold(ctx), indent=True),
            Para(declared, "detail"),
        ]
    if d.kind == "amount":
        year = str(ctx.year) if ctx.year else "….."
        amount = money(total_cents) if total_cents > 0 else "………… €"  # nothing asked yet: left to fill
        return [Checkbox(d.text.format(montant=amount, annee=year), total_cents > 0)]
    bank = dossier.association.bank
    rib = next((doc for doc in dossier.documents if doc.id == "rib"), None)
    account = " — ".join(p for p in (bank.holder, bank.bank_name, bank.iban, bank.bic) if p.strip()) or EMPTY
    joined = "joint" if rib is not None and rib.state == "joint" else "à joindre"
    return [Checkbox(d.text, bool(bank.iban.strip())), Para(f"Compte : {account} (RIB {joined}).", "detail")]


def attestation_blocks(ctx: Context, total_cents: int) -> list[Block]:
    """The attestation page: it starts a page; the caller starts the next part on a new page."""
    wording = attestation_wording()
    dossier = ctx.dossier
    att = dossier.attestation
    signatory = person_name(att.signatory.civility, att.signatory.first_name, att.signatory.last_name)
    woman = att.signatory.civility == "Madame"
    if att.signatory_is_legal_representative:
        quality = "représentante légale" if woman else "représentant légal"
    else:
        quality = "ayant reçu pouvoir du représentant légal"
    undersigned = "Je soussignée" if woman else "Je soussigné"
    name = dossier.association.identity.name
    blocks: list[Block] = [
        Heading(f"7. {wording.title}", 1, page_break_before=True),
        Para(wording.intro.format(soussigne=undersigned, signataire=signatory or "…", qualite=quality,
                                  association=name or "…")),
    ]
    for declaration in wording.declarations:
        blocks += _declaration_blocks(declaration, ctx, total_cents)
    titles = " ; ".join(f"{i}. {title[0].lower() + title[1:] if i > 1 else title}" for i, (title, _) in
                        enumerate(CER_ENGAGEMENTS, 1))
    blocks.append(Para(f"Le contrat d'engagement républicain comprend sept engagements : {titles}.", "note"))
    # the user's texts as typed (the export keeps every character); dots where nothing is given
    place = att.place if att.place.strip() else "…………………"
    date = french_date(att.date) if att.date else "…………………"
    role = att.signatory.role if att.signatory.role.strip() else ""
    contact = " — ".join(p for p in (att.signatory.phone, att.signatory.email) if p.strip())
    blocks.append(Signature(wording.signature_box, (
        wording.signature.format(lieu=place, date=date),
        f"{signatory or 'Nom : …………………'}{', ' + role if role else ''}",
        *((contact,) if contact else ()),
    )))
    return blocks

