"""Sub-command `compte-rendu`: the compte-rendu financier (CERFA 15059*02) of a dossier in DOCX and PDF.

    python main.py compte-rendu DOSSIER --out DOSSIER_DE_SORTIE [--format docx|pdf|both] [--force]

The figures are the actual ones recorded in the dossier, or the forecast when none are (the command and
the document say so). Exit codes: 0 written; 1 the files cannot be written; 2 the dossier or the
programme data cannot be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forms.cli_common import (
    EXIT_NOT_WRITTEN,
    EXIT_OK,
    EXIT_UNREADABLE,
    FORMAT_CHOICES,
    VerdictsFor,
    add_command,
    add_format_option,
    load_inputs,
    run_checks,
)
from forms.compte_rendu.model import report_budget
from forms.french import french_date
from forms.lifecycle import life_status, report_due_date


def register(subparsers: argparse._SubParsersAction, verdicts_for: VerdictsFor | None = None) -> None:
    p = add_command(
        subparsers, "compte-rendu", run_compte_rendu, verdicts_for,
        help="exporte le compte-rendu financier (CERFA 15059) d'un dossier en DOCX et PDF",
        description="Écrit le compte-rendu financier de subvention (CERFA n° 15059*02) du dossier : bilan "
        "qualitatif, tableau des données chiffrées (prévu, réalisé, écarts en euros et en %) et annexe "
        "explicative. Il reprend les chiffres réalisés enregistrés dans le dossier, ou le budget prévisionnel "
        "quand aucun n'est saisi. Un fichier existant n'est jamais remplacé sans --force.",
    )
    p.add_argument("fichier", metavar="DOSSIER", help="le dossier (fichier .cdv.json)")
    p.add_argument("--out", required=True, metavar="DOSSIER_DE_SORTIE",
                   help="le dossier du disque où écrire les fichiers (créé s'il n'existe pas)")
    add_format_option(p)
    p.add_argument("--force", action="store_true", help="remplace les fichiers du même nom")


def run_compte_rendu(args: argparse.Namespace, verdicts_for: VerdictsFor | None = None) -> int:
    # the export stack (python-docx, reportlab) is imported only when a report is written
    from forms.compte_rendu.export import export_report
    from forms.export.api import ExportError

    loaded = load_inputs(Path(args.fichier), "Compte-rendu impossible")
    if loaded is None:
        return EXIT_UNREADABLE
    dossier, catalogue = loaded
    checks = run_checks(verdicts_for, dossier, catalogue) or ()
    verdicts = [v for v in checks if v.rule.startswith("compte_rendu.")]
    try:
        paths = export_report(dossier, catalogue, Path(args.out), verdicts=verdicts,
                              formats=FORMAT_CHOICES[args.format], force=args.force)
    except ExportError as exc:
        print(f"Compte-rendu impossible : {exc}", file=sys.stderr)
        return EXIT_NOT_WRITTEN
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
    return EXIT_OK
