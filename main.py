"""Point d'entrée : l'application (sans argument) et ses commandes en ligne.

    python main.py                       ouvre l'application
    python main.py programmes            liste les programmes et appels à projets connus
    python main.py check FICHIER         vérifie un dossier (règles d'éligibilité et de complétude)
    python main.py export FICHIER --out DOSSIER   exporte le dossier en DOCX et PDF
    python main.py demo --out DOSSIER    vérifie et exporte un dossier d'exemple (sans écran)
    python main.py pack FICHIER --out DOSSIER     prépare le paquet d'envoi aux financeurs (fichiers et ZIP)
    python main.py renew FICHIER --call APPEL --out NOUVEAU   renouvelle un dossier pour un autre appel
    python main.py compte-rendu FICHIER --out DOSSIER        compte-rendu financier (CERFA 15059) en DOCX et PDF
    python main.py suggest --call APPEL --text-file FICHIER   propose enjeux et priorités d'une description

Each sub-command lives beside the code it drives (`forms.cli`, `rules.cli`, `forms.export.cli`) and
registers itself with `register(subparsers)`; this file only assembles them.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from forms.cli_french import FrenchArgumentParser

VERSION = "0.1.0"


def _main_parser() -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    """The parser without its commands, and the place to register them."""
    parser = FrenchArgumentParser(
        prog="dossier-cdv" if getattr(sys, "frozen", False) else "main.py",  # the installed command
        description="Préparer hors ligne un dossier de demande de subvention à l'appel à projets "
        "d'un contrat de ville (Blois, Amboise). Sans commande : ouvre l'application.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {VERSION}",
                        help="affiche la version et quitte")
    parser.add_argument("--dossier", metavar="FICHIER",
                        help="ouvre directement ce dossier dans l'application")
    sub = parser.add_subparsers(dest="command", title="commandes", metavar="COMMANDE",
                                parser_class=FrenchArgumentParser)
    return parser, sub


def build_parser() -> argparse.ArgumentParser:
    from forms import cli as forms_cli

    parser, sub = _main_parser()
    from forms.compte_rendu.cli import register as register_compte_rendu
    from forms.export.cli import register as register_export
    from forms.handoff.cli import register as register_pack
    from forms.renewal_cli import register as register_renew
    from rules import check_dossier
    from rules.cli import register as register_check
    from rules.suggest.cli import register as register_suggest
    from rules.training_cli import register as register_training

    forms_cli.register_programmes(sub)
    register_check(sub)
    # The export's last page summarises the checks: main.py, above the layers, wires the rules in.
    register_export(sub, verdicts_for=check_dossier)
    register_pack(sub, verdicts_for=check_dossier)
    register_demo(sub)
    register_training(sub)
    register_renew(sub, verdicts_for=check_dossier)
    register_compte_rendu(sub, verdicts_for=check_dossier)
    register_suggest(sub)
    return parser


def _register_check(sub: argparse._SubParsersAction) -> None:
    from rules.cli import register

    register(sub)


def _register_programmes(sub: argparse._SubParsersAction) -> None:
    from forms.cli import register_programmes

    register_programmes(sub)


# The commands scripts run over and over (issue 9: they start in at most twice a bare `import yaml`,
# bench/bench_cli_startup.py): called by name, they get a parser with only their own sub-command, and the
# modules of the other commands (suggestions, exercises, renewal, compte-rendu…) are not imported. The same
# register functions as build_parser's: tests/test_cli_quick_parser.py checks that both parsers agree.
QUICK_COMMANDS = {"check": _register_check, "programmes": _register_programmes}


def quick_parser(argv: Sequence[str]) -> argparse.ArgumentParser | None:
    """The parser of a command line that names one of QUICK_COMMANDS first, else None (build_parser)."""
    if not argv or argv[0] not in QUICK_COMMANDS:
        return None
    parser, sub = _main_parser()
    QUICK_COMMANDS[argv[0]](sub)
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
    """Check an example dossier, then export it: what `./dev.sh run` does on a machine without a screen."""
    from pathlib import Path

    from forms.export import ExportError, export_dossier
    from forms.programmes import RESOURCES_DIR, ProgrammeDataError, default_catalogue
    from forms.storage import DossierFileError, load_dossier
    from rules import LEVEL_LABELS, check_dossier

    examples = RESOURCES_DIR / "examples"
    path = examples / f"{args.exemple}.cdv.json"
    if not path.is_file():
        names = ", ".join(sorted(p.name.removesuffix(".cdv.json") for p in examples.glob("*.cdv.json")))
        print(f"Exemple inconnu : {args.exemple}. Exemples livrés : {names}.", file=sys.stderr)
        return 2
    try:
        catalogue = default_catalogue()
        dossier = load_dossier(path)
    except (ProgrammeDataError, DossierFileError) as exc:
        print(f"Démonstration impossible : {exc}", file=sys.stderr)
        return 2
    verdicts = check_dossier(dossier, catalogue)
    call = catalogue.calls.get(dossier.call.call)
    print(f"Dossier d'exemple : {dossier.title}")
    print(f"Association : {dossier.association.identity.name} — {call.title if call else dossier.call.call}")
    counts = {level: sum(v.level == level for v in verdicts) for level in LEVEL_LABELS}
    print("Vérification : " + ", ".join(f"{LEVEL_LABELS[lvl]} : {n}" for lvl, n in counts.items()))
    try:  # the example's own files are replaced: `out` is the demo's folder
        written = export_dossier(dossier, catalogue, verdicts, Path(args.out), force=True)
    except ExportError as exc:
        print(f"Export impossible : {exc}", file=sys.stderr)
        return 2
    for out in written:
        print(f"Écrit : {out}")
    return 1 if counts["bloquant"] else 0


def gui_only(argv: Sequence[str]) -> tuple[bool, str | None]:
    """(True, dossier) when the command line only opens the application: nothing, `--dossier F`, or a
    lone `F.cdv.json` (what a desktop launcher passes for a double-clicked dossier file).

    Then the full parser is not built: it imports every sub-command's module (rules, exports), which
    the window does not need to show (see bench/bench_startup.py).
    """
    dossier = None
    args = list(argv)
    while args:
        arg = args.pop(0)
        if arg == "--dossier" and args and not args[0].startswith("-"):
            dossier = args.pop(0)
        elif arg.startswith("--dossier="):
            dossier = arg.split("=", 1)[1]
        elif arg.endswith(".cdv.json") and not arg.startswith("-") and dossier is None:
            dossier = arg
        else:
            return False, None
    return True, dossier or None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    only_gui, dossier = gui_only(argv)
    if only_gui:
        from gui.app import run_gui

        return run_gui(dossier=dossier)
    parser = quick_parser(argv) or build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from gui.app import run_gui

        return run_gui(dossier=args.dossier)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # `main.py programmes | head`: the reader left, nothing is wrong
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(0)
