"""Sub-command `compte-rendu`: the compte-rendu financier (CERFA 15059*02) of a dossier in DOCX and PDF.

    python main.py compte-rendu DOSSIER --out DOSSIER_DE_SORTIE [--format docx|pdf|both] [--force]

The figures are the actual ones recorded in the dossier, or the forecast when none are (the command and
the document say so). Exit codes: 0 written; 1 the files cannot be written; 2 the dossier or the
programme data cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from forms.compte_rendu.model import report_budget
from forms.french import french_date
from forms.lifecycle import life_status, report_due_date
from forms.model import Dossier
from forms.programmes import Catalogue, ProgrammeDataError, default_catalogue
from forms.storage import DossierFileError, load_dossier

VerdictsFor = Callable[[Dossier, Catalogue], Sequence[Any]]
_FORMAT_CHOICES = {"docx": ("docx",), "pdf": ("pdf",), "both": ("docx", "pdf")}


def register(subparsers: argparse._SubParsersAction, verdicts_for: VerdictsFor | None = None) -> None:
    p = subparsers.add_parser(
        "compte-rendu",
        help="exporte le compte-rendu financier (CERFA 15059) d'un dossier en DOCX et PDF",
        description="Écrit le compte-rendu financier de subvention (CERFA n° 15059*02) du dossier : bilan "
        "qualitatif, tableau des données chiffrées (prévu, réalisé, écarts en euros et en %) et annexe "
        "explicative. Il reprend les chiffres réalisés enregistrés dans le dossier, ou le budget prévisionnel "
        "quand aucun n'est saisi. Un fichier existant n'est jamais remplacé sans --force.",
    )
    p.add_argument("fichier", metavar="DOSSIER", help="le dossier (fichier .cdv.json)")
    p.add_argument("--out", required=True, metavar="DOSSIER_DE_SORTIE",
                   help="le dossier du disque où écrire les fichiers (créé s'il n'existe pas)")
    p.add_argument("--format", choices=tuple(_FORMAT_CHOICES), default="both",
                   help="docx, pdf ou both (les deux, par défaut)")
    p.add_argument("--force", action="store_true", help="remplace les fichiers du même nom")
    p.set_defaults(func=lambda args: run_compte_rendu(args, verdicts_for))


def run_compte_rendu(args: argparse.Namespace, verdicts_for: VerdictsFor | None = None) -> int:
    # the export stack (python-docx, reportlab) is imported only when a report is written
    from forms.compte_rendu.export import export_report
    from forms.export.api import ExportError

    try:
        dossier = load_dossier(Path(args.fichier))
    except DossierFileError as exc:
        print(f"Compte-rendu impossible : {exc}", file=sys.stderr)
        return 2
    try:
        catalogue = default_catalogue()
    except ProgrammeDataError as exc:
        print(f"Compte-rendu impossible : les données de programme sont invalides.\n{exc}", file=sys.stderr)
        return 2
    verdicts: list[Any] = []
    if verdicts_for is not None:
        try:
            verdicts = [v for v in verdicts_for(dossier, catalogue) if v.rule.startswith("compte_rendu.")]
        except Exception as exc:
            print(f"Attention : les vérifications n'ont pas pu être faites ({exc}).", file=sys.stderr)
    try:
        paths = export_report(dossier, catalogue, Path(args.out), verdicts=verdicts,
                              formats=_FORMAT_CHOICES[args.format], force=args.force)
    except ExportError as exc:
        print(f"Compte-rendu impossible : {exc}", file=sys.stderr)
        return 1
    for path in paths:
        print(path)
    if any(report_budget(a)[1] for a in dossier.actions):
        print("Aucun chiffre réalisé n'est saisi : la colonne « Réalisé » reprend le budget prévisionnel.",
              file=sys.stderr)
    due = report_due_date(dossier, catalogue)
    status = life_status(dossier, catalogue)
    if due is not None:
        print(f"À remettre au plus tard le {french_date(due)} ({status.text}).", file=sys.stderr)
    for v in verdicts:
        print(f"À vérifier : {v.message}", file=sys.stderr)
    return 0
