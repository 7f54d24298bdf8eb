"""Point d'entrée : l'application (sans argument) et ses commandes en ligne.

    python main.py                       ouvre l'application
    python main.py programmes            liste les programmes et appels à projets connus
    python main.py check FICHIER         vérifie un dossier (règles d'éligibilité et de complétude)
    python main.py export FICHIER --out DOSSIER   exporte le dossier en DOCX et PDF
    python main.py demo --out DOSSIER    vérifie et exporte un dossier d'exemple (sans écran)

Each sub-command lives beside the code it drives (`forms.cli`, `rules.cli`, `forms.export.cli`) and
registers itself with `register(subparsers)`; this file only assembles them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from forms.cli_french import FrenchArgumentParser

VERSION = "0.1.0"


def build_parser() -> argparse.ArgumentParser:
    from forms import cli as forms_cli

    parser = FrenchArgumentParser(
        prog="main.py",
        description="Préparer hors ligne un dossier de demande de subvention à l'appel à projets "
        "d'un contrat de ville (Blois, Amboise). Sans commande : ouvre l'application.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {VERSION}",
                        help="affiche la version et quitte")
    parser.add_argument("--dossier", metavar="FICHIER",
                        help="ouvre directement ce dossier dans l'application")
    sub = parser.add_subparsers(dest="command", title="commandes", metavar="COMMANDE",
                                parser_class=FrenchArgumentParser)
    forms_cli.register_programmes(sub)
    _register_optional(sub, "rules.cli")
    _register_optional(sub, "forms.export.cli")
    register_demo(sub)
    return parser


def register_demo(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "demo",
        help="vérifie et exporte un dossier d'exemple (utile sans écran)",
        description="Vérifie un dossier d'exemple livré avec l'application puis l'exporte en DOCX et PDF.",
    )
    p.add_argument("--out", metavar="DOSSIER", default="out", help="où écrire les fichiers (défaut : out)")
    p.add_argument("--exemple", default="blois-2023-insertion",
                   help="nom de l'exemple (fichiers de resources/examples, sans extension)")
    p.set_defaults(func=run_demo)


def run_demo(args: argparse.Namespace) -> int:
    from demo import run_demo as _run

    return _run(args)


def _register_optional(sub: argparse._SubParsersAction, module_name: str) -> None:
    """Register a sub-command module if it is present (each issue adds its own)."""
    import importlib

    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and module_name.startswith(exc.name):
            return
        raise
    module.register(sub)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from gui.app import run_gui

        return run_gui(dossier=args.dossier)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
