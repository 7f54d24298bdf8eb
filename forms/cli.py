"""Sub-command `programmes`: what the application knows (territories, contracts, calls)."""

from __future__ import annotations

import argparse

from forms.programmes import ProgrammeDataError, default_catalogue


def register_programmes(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "programmes",
        help="liste les programmes et appels à projets connus, avec leurs identifiants",
        description="Liste les territoires, leur contrat de ville et les appels à projets connus de "
        "l'application. L'identifiant d'un appel (par exemple blois-2023) est celui qu'un dossier indique.",
    )
    p.add_argument("--detail", action="store_true",
                   help="affiche aussi les enjeux, priorités et cofinanceurs de chaque appel")
    p.set_defaults(func=run_programmes)


def run_programmes(args: argparse.Namespace) -> int:
    try:
        cat = default_catalogue()
    except ProgrammeDataError as exc:
        print(f"Les données de programme sont invalides : {exc}")
        return 2
    for territory in cat.territories.values():
        print(f"{territory.name} [{territory.id}]")
        print(f"  {territory.contract_title} — période : {territory.contract_period}")
        print(f"  {len(territory.enjeux)} {territory.enjeu_label_plural.lower()}", end="")
        if territory.piliers:
            print(f" regroupé(e)s en {len(territory.piliers)} piliers", end="")
        print()
        if args.detail:
            for enjeu in territory.enjeux:
                print(f"    {enjeu.id}  {enjeu.title}")
        for call in cat.calls_of(territory.id):
            geo = cat.geography_of(call)
            print(f"  Appel {call.year}  [{call.id}]  {call.title}")
            print(f"      {len(call.operational_priorities)} priorités opérationnelles, "
                  f"{len(call.transversal)} priorités transversales, {len(call.cofunders)} cofinanceurs ; "
                  f"géographie : {geo.title}")
            if args.detail:
                for tp in call.transversal:
                    print(f"      - transversale {tp.id} : {tp.title}")
                for cf in call.cofunders:
                    print(f"      - cofinanceur {cf.id} : {cf.name}")
    return 0
