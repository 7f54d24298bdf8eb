"""Sub-command `programmes`: what the application knows (territories, contracts, calls)."""

from __future__ import annotations

import argparse
import sys

from forms.french import plural
from forms.programmes import Call, CallPart, ProgrammeDataError, default_catalogue
from forms.user_programmes import default_catalogue_and_report


def register_programmes(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "programmes",
        help="liste les programmes et appels à projets connus, avec leurs identifiants",
        description="Liste les territoires, leur contrat de ville et les appels à projets connus de "
        "l'application. L'identifiant d'un appel (par exemple blois-2023) est celui qu'un dossier indique. "
        "Les appels déposés dans le dossier de données (voir le README) sont listés avec leur fichier.",
    )
    p.add_argument("--detail", action="store_true",
                   help="affiche aussi les enjeux, priorités et cofinanceurs de chaque appel")
    p.set_defaults(func=run_programmes)


def _count(call: Call, part: CallPart, singular: str, plural_form: str) -> str:
    """« 3 priorités transversales », « priorités transversales non connues », « 2 cofinanceurs (à confirmer) »."""
    status = call.status_of(part)
    if status == "non_connu":
        return f"{plural_form} non connues" if plural_form.startswith("priorités") else f"{plural_form} non connus"
    text = plural(len(getattr(call, part)), singular, plural_form)
    return f"{text} (à confirmer)" if status == "a_confirmer" else text


def run_programmes(args: argparse.Namespace) -> int:
    try:
        cat = default_catalogue()
        report = default_catalogue_and_report()[1]
    except ProgrammeDataError as exc:
        print(f"Les données de programme sont invalides : {exc}", file=sys.stderr)
        return 2
    if report.message():
        print(report.message(), file=sys.stderr)
    for territory in cat.territories.values():
        print(f"{territory.name} [{territory.id}]")
        print(f"  {territory.contract_title} — période : {territory.contract_period}")
        line = f"  {len(territory.enjeux)} {territory.enjeu_label_plural.lower()}"
        if territory.piliers:
            line += f", dans {plural(len(territory.piliers), 'pilier', 'piliers')}"
        print(line)
        if args.detail:
            for enjeu in territory.enjeux:
                print(f"    {enjeu.id}  {enjeu.title}")
        for call in cat.calls_of(territory.id):
            geo = cat.geography_of(call)
            print(f"  Appel {call.year}  [{call.id}]  {call.title}")
            counts = (
                _count(call, "operational_priorities", "priorité opérationnelle", "priorités opérationnelles"),
                _count(call, "transversal", "priorité transversale", "priorités transversales"),
                _count(call, "cofunders", "cofinanceur", "cofinanceurs"),
            )
            print(f"      {', '.join(counts)} ; géographie : {geo.title}")
            if call.reconstructed_from.strip() or call.incomplete_parts():
                print("      Données de l'appel incomplètes : à confirmer auprès du financeur.")
            for version in report.versions.get(call.id, []):  # the files of a call from the user's folder
                print(f"      fichier {version.describe()}")
            if args.detail:
                for tp in call.transversal:
                    print(f"      - transversale {tp.id} : {tp.title}")
                for cf in call.cofunders:
                    print(f"      - cofinanceur {cf.id} : {cf.name}")
    return 0
