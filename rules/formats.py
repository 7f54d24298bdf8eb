"""Formats of the identifiers and contact details: SIRET (with SIREN), RNA, IBAN, BIC, e-mail, phone,
postal code, APE/NAF code. python-stdnum does the checksums (Luhn, La Poste exception, mod 97).

An empty value is not a format error: completeness rules ask for what is missing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from types import SimpleNamespace

from forms.model import Person
from rules.context import Check
from rules.registry import rule
from rules.verdicts import Verdict

RNA_RE = re.compile(r"W\d{9}")
EMAIL_RE = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
FR_PHONE_RE = re.compile(r"(0|\+33|0033)[1-9]\d{8}")
INTL_PHONE_RE = re.compile(r"(\+|00)[1-9]\d{7,14}")
POSTAL_CODE_RE = re.compile(r"\d{5}")
APE_RE = re.compile(r"\d{2}\.?\d{2}[A-Z]")
_SEPARATORS = re.compile(r"[\s.\-/]")
FR_IBAN_LENGTH = 27


@functools.cache
def _stdnum() -> SimpleNamespace:
    """python-stdnum's modules, imported the first time a SIRET, an IBAN or a BIC is checked: importing
    stdnum costs a third of a check's start-up (stdnum.util imports ssl and pydoc), which a dossier without
    these numbers, and `main.py programmes`, need not pay (bench/bench_cli_startup.py)."""
    from stdnum import bic, iban
    from stdnum.exceptions import InvalidChecksum, InvalidComponent, InvalidLength, ValidationError
    from stdnum.fr import siren, siret

    return SimpleNamespace(bic=bic, iban=iban, siren=siren, siret=siret, InvalidChecksum=InvalidChecksum,
                           InvalidComponent=InvalidComponent, InvalidLength=InvalidLength,
                           ValidationError=ValidationError)


def compact(value: str) -> str:
    return _SEPARATORS.sub("", value).upper()


@rule("format.siret")
def siret(c: Check) -> Iterator[Verdict]:
    value = c.dossier.association.identity.siret
    if not value.strip():
        return
    number = compact(value)
    field = "association.identity.siret"
    if not number.isdigit():
        message = (
            f"Le numéro SIRET « {value.strip()} » ne doit contenir que des chiffres : indiquez les 14 chiffres "
            "du SIRET de l'association (avis de situation au répertoire SIRENE)."
        )
    elif len(number) == 9:
        message = (
            "Vous avez indiqué 9 chiffres : c'est le SIREN. Ajoutez les 5 chiffres du numéro "
            "d'établissement pour obtenir le SIRET à 14 chiffres de l'association."
            if _stdnum().siren.is_valid(number)
            else "Indiquez le numéro SIRET à 14 chiffres de l'association (vous avez indiqué 9 chiffres, qui "
            "ne forment pas non plus un SIREN valable)."
        )
    elif len(number) != 14:
        message = (
            f"Indiquez le numéro SIRET à 14 chiffres de l'association (vous en avez indiqué {len(number)})."
        )
    elif _stdnum().siret.is_valid(number):
        return
    else:
        message = (
            f"Le numéro SIRET « {value.strip()} » n'est pas valable (sa clé de contrôle ne correspond pas) : "
            "vérifiez-le chiffre par chiffre sur l'avis de situation SIRENE ou sur "
            "annuaire-entreprises.data.gouv.fr."
        )
    yield c.verdict("a_corriger", message, field)


@rule("format.rna")
def rna(c: Check) -> Iterator[Verdict]:
    value = c.dossier.association.identity.rna
    if not value.strip() or RNA_RE.fullmatch(compact(value)):
        return
    yield c.verdict(
        "a_corriger",
        f"Le numéro RNA « {value.strip()} » n'a pas la bonne forme : c'est la lettre W suivie de 9 chiffres "
        "(par exemple W411234567), indiqué sur le récépissé de déclaration. Si l'association n'a qu'un "
        "numéro de récépissé de la préfecture (associations anciennes, ou d'Alsace-Moselle), laissez le RNA "
        "vide et indiquez ce numéro de récépissé.",
        "association.identity.rna",
    )


@rule("format.iban")
def iban(c: Check) -> Iterator[Verdict]:
    value = c.dossier.association.bank.iban
    if not value.strip():
        return
    number = compact(value)
    message = ""
    if number.startswith("FR") and len(number) != FR_IBAN_LENGTH:
        # stdnum checks the key before the length; a volunteer who forgot a digit needs the length.
        message = (
            f"L'IBAN « {value.strip()} » a {len(number)} caractères au lieu de {FR_IBAN_LENGTH} pour un compte "
            "en France : recopiez-le depuis le RIB de l'association."
        )
    else:
        std = _stdnum()
        try:
            number = std.iban.validate(value)
        except std.InvalidLength:
            message = (
                f"L'IBAN « {value.strip()} » n'a pas le bon nombre de caractères : recopiez-le depuis le RIB "
                "de l'association."
            )
        except std.InvalidChecksum:
            message = (
                f"L'IBAN « {value.strip()} » n'est pas valable (sa clé de contrôle ne correspond pas) : une "
                "erreur de frappe s'est glissée ; recopiez-le depuis le RIB de l'association."
            )
        except std.ValidationError:
            message = (
                f"L'IBAN « {value.strip()} » n'est pas valable : il commence par deux lettres de pays (FR) "
                "et deux chiffres de contrôle. Recopiez-le depuis le RIB de l'association."
            )
    if not message:
        if not number.startswith("FR"):
            yield c.verdict(
                "conseil",
                f"L'IBAN indiqué est celui d'un compte hors de France ({number[:2]}) : les financeurs versent "
                "la subvention sur un compte au nom de l'association ; vérifiez que c'est bien le cas.",
                "association.bank.iban",
            )
        return
    yield c.verdict("a_corriger", message, "association.bank.iban")


@rule("format.bic")
def bic(c: Check) -> Iterator[Verdict]:
    value = c.dossier.association.bank.bic
    if not value.strip():
        return
    std = _stdnum()
    try:
        std.bic.validate(value)
    except std.InvalidLength:
        message = f"Le BIC « {value.strip()} » doit compter 8 ou 11 caractères : recopiez-le depuis le RIB."
    except (std.InvalidComponent, std.ValidationError):
        message = (
            f"Le BIC « {value.strip()} » n'est pas valable (4 lettres de banque, 2 lettres de pays, puis "
            "des lettres ou chiffres) : recopiez-le depuis le RIB."
        )
    else:
        return
    yield c.verdict("a_corriger", message, "association.bank.bic")


def _people(c: Check) -> Iterator[tuple[str, str, Person]]:
    identity = c.dossier.association.identity
    yield "association.identity.legal_representative", "du représentant légal", identity.legal_representative
    yield "association.identity.contact", "de la personne chargée du dossier", identity.contact


@rule("format.email")
def email(c: Check) -> Iterator[Verdict]:
    for path, whose, person in _people(c):
        value = person.email.strip()
        if value and not EMAIL_RE.fullmatch(value):
            yield c.verdict(
                "a_corriger",
                f"L'adresse e-mail {whose} « {value} » n'est pas valable : elle doit ressembler à "
                "nom@exemple.fr, sans espace.",
                f"{path}.email",
            )


@rule("format.telephone")
def telephone(c: Check) -> Iterator[Verdict]:
    for path, whose, person in _people(c):
        value = person.phone.strip()
        if not value:
            continue
        # « +33 (0)2 54 78 12 34 »: the trunk 0 in brackets after the country code is not dialled
        number = re.sub(r"[\s.\-()]", "", re.sub(r"^(\+33|0033)\s*\(0\)", r"\1", value))
        international = not number.startswith(("+33", "0033")) and INTL_PHONE_RE.fullmatch(number)
        if FR_PHONE_RE.fullmatch(number) or international:
            continue
        yield c.verdict(
            "a_corriger",
            f"Le numéro de téléphone {whose} « {value} » n'est pas valable : indiquez 10 chiffres commençant "
            "par 0 (par exemple 02 54 00 00 00), ou +33 suivi de 9 chiffres.",
            f"{path}.phone",
        )


@rule("format.code_postal")
def code_postal(c: Check) -> Iterator[Verdict]:
    identity = c.dossier.association.identity
    places = [("association.identity.address", "du siège", identity.address)]
    if not identity.correspondence_same:
        places.append(("association.identity.correspondence_address", "de correspondance",
                       identity.correspondence_address))
    for path, which, address in places:
        value = address.postal_code.strip()
        if value and not POSTAL_CODE_RE.fullmatch(value.replace(" ", "")):
            yield c.verdict(
                "a_corriger",
                f"Le code postal de l'adresse {which} « {value} » doit compter 5 chiffres (par exemple 41000).",
                f"{path}.postal_code",
            )


@rule("format.ape")
def ape(c: Check) -> Iterator[Verdict]:
    value = c.dossier.association.identity.ape_code.strip()
    if not value or APE_RE.fullmatch(value.replace(" ", "").upper()):
        return
    yield c.verdict(
        "a_corriger",
        f"Le code APE (activité principale exercée) « {value} » n'a pas la bonne forme : 4 chiffres et une "
        "lettre, par exemple 88.99B ou 9499Z (il figure sur l'avis de situation SIRENE). Laissez-le vide si "
        "vous ne le connaissez pas.",
        "association.identity.ape_code",
    )
