"""Sub-command `programmes`: what the application knows (territories, contracts, calls)."""

from __future__ import annotations

import argparse
import sys

from forms.french import plural
from forms.programmes import ProgrammeDataError, default_catalogue
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
                plural(len(call.operational_priorities), "priorité opérationnelle", "priorités opérationnelles"),
                plural(len(call.transversal), "priorité transversale", "priorités transversales"),
                plural(len(call.cofunders), "cofinanceur", "cofinanceurs"),
            )
            print(f"      {', '.join(counts)} ; géographie : {geo.title}")
            for version in report.versions.get(call.id, []):  # the files of a call from the user's folder
                print(f"      fichier {version.describe()}")
            if args.detail:
                for tp in call.transversal:
                    print(f"      - transversale {tp.id} : {tp.title}")
                for cf in call.cofunders:
                    print(f"      - cofinanceur {cf.id} : {cf.name}")
    return 0
