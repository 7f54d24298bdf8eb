"""Sub-command `pack`: prepare the sending pack of a dossier for the funders outside the portal.

    python main.py pack FICHIER --out DOSSIER [--taille-max MO]

Exit codes: 0 the pack is written; 1 the pack is not written because something must be fixed first (the
list is printed) or the disk refused; 2 the dossier or the programme data cannot be read. As for `export`,
the checks live in `rules` (above `forms`): main.py passes them in, to warn about blocking problems.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forms.cli_common import (
    EXIT_NOT_WRITTEN,
    EXIT_OK,
    EXIT_UNREADABLE,
    VerdictsFor,
    add_command,
    load_inputs,
    run_checks,
)
from forms.french import plural
from forms.handoff.limits import DEFAULT_MAX_BYTES, MB


def _megabytes(text: str) -> int:
    try:
        value = float(text.replace(",", ".").strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"« {text} » n'est pas une taille en Mo (exemple : 10 ou 7,5)") from None
    if not 0 < value <= 1000:
        raise argparse.ArgumentTypeError("la taille maximale doit être comprise entre 0 et 1000 Mo")
    return int(value * MB)


def register(subparsers: argparse._SubParsersAction, verdicts_for: VerdictsFor | None = None) -> None:
    p = add_command(
        subparsers, "pack", run_pack, verdicts_for,
        help="prépare le paquet d'envoi d'un dossier (dossier de fichiers et ZIP)",
        description="Prépare, dans un nouveau dossier de DOSSIER, le paquet à envoyer aux financeurs hors du "
        "portail : le dossier en PDF et DOCX, le résumé, la page de signature seule, les pièces jointes "
        "renommées « 01 - … », un courriel prêt à copier, et un ZIP de l'ensemble. Rien n'est écrit hors de "
        "ce nouveau dossier. Rien n'est préparé tant qu'une pièce demandée manque, qu'un fichier est "
        "introuvable ou dépasse la taille maximale : la liste de ce qu'il faut corriger est affichée.",
    )
    p.add_argument("fichier", metavar="FICHIER", help="le dossier (fichier .cdv.json)")
    p.add_argument("--out", metavar="DOSSIER", required=True,
                   help="où créer le paquet (un nouveau dossier y est créé)")
    p.add_argument("--taille-max", dest="max_bytes", metavar="MO", type=_megabytes, default=DEFAULT_MAX_BYTES,
                   help=f"taille maximale d'une pièce, en Mo (défaut : {DEFAULT_MAX_BYTES // MB})")


def run_pack(args: argparse.Namespace, verdicts_for: VerdictsFor | None = None) -> int:
    # the export stack (python-docx, reportlab) is imported only when a pack is built (`main.py` stays light)
    from forms.export.api import ExportError
    from forms.handoff.pack import PackError, build_pack, size_text

    path = Path(args.fichier)
    loaded = load_inputs(path, "Paquet impossible")
    if loaded is None:
        return EXIT_UNREADABLE
    dossier, catalogue = loaded
    try:
        pack = build_pack(dossier, catalogue, path, Path(args.out), args.max_bytes)
    except PackError as exc:
        count = plural(len(exc.problems), "point à corriger", "points à corriger")
        print(f"Le paquet d'envoi n'a pas été préparé ({count}) :", file=sys.stderr)
        for problem in exc.problems:
            print(f"- {problem.message}", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    except ExportError as exc:
        print(f"Paquet impossible : {exc}", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    for file in [*pack.files, pack.zip_path]:
        print(file)
    print(f"Pièces jointes : {size_text(pack.attachments_bytes)} en tout.", file=sys.stderr)
    if pack.attachments_bytes > args.max_bytes:
        print("Attention : ensemble, les pièces dépassent la taille maximale d'un courriel ; envoyez-les en "
              "plusieurs courriels ou par un service de transfert.", file=sys.stderr)
    blocking = [v for v in run_checks(verdicts_for, dossier, catalogue) or () if v.level == "bloquant"]
    if blocking:
        count = plural(len(blocking), "problème bloquant", "problèmes bloquants")
        print(f"Attention : le dossier a encore {count} (voir `main.py check`) : le financeur ne "
              "pourra pas l'accepter ainsi.", file=sys.stderr)
    return EXIT_OK
