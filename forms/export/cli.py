"""Sub-command `export`: write a dossier as DOCX and/or PDF.

    python main.py export FICHIER --out DOSSIER [--format docx|pdf|both] [--force]

The checks live in `rules`, above `forms`: this module never imports them. Whoever assembles the command
line (main.py) passes them in: `register(subparsers, verdicts_for=rules.check_dossier)`. Without it the
export is made all the same and its last page says the checks were not run.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from forms.export.api import FORMATS, ExportError, export_dossier, export_file_stem
from forms.export.verdicts import VerdictLike
from forms.french import plural
from forms.model import Dossier
from forms.programmes import Catalogue, ProgrammeDataError, default_catalogue
from forms.storage import DossierFileError, load_dossier

VerdictsFor = Callable[[Dossier, Catalogue], Sequence[VerdictLike]]
_FORMAT_CHOICES = {"docx": ("docx",), "pdf": ("pdf",), "both": FORMATS}


def register(subparsers: argparse._SubParsersAction, verdicts_for: VerdictsFor | None = None) -> None:
    """Add the `export` sub-command. `verdicts_for(dossier, catalogue)` runs the checks (optional)."""
    p = subparsers.add_parser(
        "export",
        help="exporte un dossier en DOCX (modifiable) et en PDF",
        description="Exporte un dossier (.cdv.json) en DOCX modifiable et en PDF, dans l'ordre du "
        "formulaire CERFA n° 12156*06, suivis de la partie politique de la ville et des pièces jointes. "
        "La dernière page résume les vérifications restées ouvertes : elle ne fait pas partie de la "
        "demande. Un fichier existant n'est jamais remplacé sans --force : l'export prend alors un "
        "nouveau nom, « nom (2).pdf », « nom (3).pdf »…",
    )
    p.add_argument("fichier", metavar="FICHIER", help="le dossier à exporter (fichier .cdv.json)")
    p.add_argument("--out", metavar="DOSSIER", required=True,
                   help="le dossier du disque où écrire les fichiers (créé s'il n'existe pas)")
    p.add_argument("--format", dest="format", choices=tuple(_FORMAT_CHOICES), default="both",
                   help="docx, pdf ou both (les deux, par défaut)")
    p.add_argument("--force", action="store_true",
                   help="remplace les fichiers du même nom au lieu d'en écrire de nouveaux")
    p.set_defaults(func=lambda args: run_export(args, verdicts_for))


def run_export(args: argparse.Namespace, verdicts_for: VerdictsFor | None = None) -> int:
    """Run `export`: 0 when written, 2 when the dossier or the programme data cannot be read (nothing is
    written and the dossier file is left untouched), 1 when the files cannot be written."""
    try:
        dossier = load_dossier(Path(args.fichier))
    except DossierFileError as exc:
        print(f"Export impossible : {exc}", file=sys.stderr)
        return 2
    try:
        catalogue = default_catalogue()
    except ProgrammeDataError as exc:
        print(f"Export impossible : les données de programme sont invalides.\n{exc}", file=sys.stderr)
        return 2
    verdicts: Sequence[VerdictLike] | None = None
    if verdicts_for is not None:
        try:
            verdicts = list(verdicts_for(dossier, catalogue))
        except Exception as exc:  # the export must not be lost because a check failed
            print(f"Attention : les vérifications n'ont pas pu être faites ({exc}). "
                  "Le dossier est exporté sans elles.", file=sys.stderr)
    out_dir = Path(args.out)
    formats = _FORMAT_CHOICES[args.format]
    try:
        paths = export_dossier(dossier, catalogue, verdicts, out_dir, formats=formats, force=args.force)
    except ExportError as exc:
        print(f"Export impossible : {exc}", file=sys.stderr)
        return 1
    wanted = export_file_stem(dossier)
    for path in paths:
        print(path)
    if paths and paths[0].stem != wanted:
        print(f"Des fichiers « {wanted} » existaient déjà : ils n'ont pas été remplacés "
              "(utilisez --force pour les remplacer).", file=sys.stderr)
    if verdicts:
        count = plural(len(verdicts), "point de vérification reste ouvert", "points de vérification restent ouverts")
        print(f"{count} : voir la dernière page.", file=sys.stderr)
    return 0
