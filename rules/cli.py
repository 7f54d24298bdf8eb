"""Sub-command `check`: the verdicts on a dossier file, grouped by level, in French (or as JSON).

Exit code: 0 when nothing is bloquant, 1 otherwise, 2 when the file (or the programme data) cannot be
read. The file is only read, never written.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from collections.abc import Sequence

from forms.fieldlabels import where_to_fix
from forms.french import plural
from forms.model import Dossier
from forms.programmes import Catalogue, ProgrammeDataError, default_catalogue
from forms.storage import DossierFileError, load_dossier
from rules.engine import check_dossier
from rules.verdicts import LEVEL_HELP, LEVEL_LABELS, LEVELS, Verdict, verdicts_by_level

EXIT_OK = 0
EXIT_BLOQUANT = 1
EXIT_UNREADABLE = 2
WIDTH = 100


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="vérifie un dossier : ce qui bloque, ce qui est à corriger, les conseils",
        description="Vérifie un dossier (.cdv.json) selon les règles de l'appel à projets auquel il répond, "
        "du formulaire CERFA n° 12156*06 et de la loi. Chaque point dit pourquoi (sa source) et où le "
        "corriger. Code de sortie : 0 si rien n'est bloquant, 1 sinon, 2 si le fichier est illisible.",
    )
    p.add_argument("fichier", metavar="FICHIER", help="le dossier à vérifier (fichier .cdv.json)")
    p.add_argument("--json", action="store_true",
                   help="écrit les points relevés en JSON (liste d'objets rule, level, message, source, "
                   "quote, fields, step)")
    p.set_defaults(func=run_check)


def run_check(args: argparse.Namespace) -> int:
    try:
        dossier = load_dossier(args.fichier)
    except DossierFileError as exc:
        print(f"Impossible de vérifier ce dossier : {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    try:
        catalogue = default_catalogue()
    except ProgrammeDataError as exc:
        print(f"Les données de programme de l'application sont invalides : {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    verdicts = check_dossier(dossier, catalogue)
    if args.json:
        json.dump([v.to_dict() for v in verdicts], sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        call = catalogue.calls.get(dossier.call.call)
        subject = call.title if call else f"appel « {dossier.call.call or 'non choisi'} »"
        print(f"Vérification du dossier « {dossier.title} »")
        print(f"Appel à projets : {subject}")
        if call is not None and (call.incomplete_parts() or call.reconstructed_from.strip()):
            print(_wrap("Attention : les données de cet appel sont incomplètes (voir les conseils) ; la "
                        "vérification ne porte que sur ce que l'application connaît.", ""))
        print(f"Fichier : {args.fichier}")
        print()
        print(format_verdicts(verdicts, dossier, catalogue))
    return EXIT_BLOQUANT if any(v.level == "bloquant" for v in verdicts) else EXIT_OK


def _wrap(text: str, indent: str) -> str:
    """Wrap for a terminal, never separating French quotes or ":" from their word (no-break spaces)."""
    glued = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»").replace(" :", "\u00a0:")
    return textwrap.fill(glued, WIDTH, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def format_verdicts(
    verdicts: Sequence[Verdict], dossier: Dossier | None = None, catalogue: Catalogue | None = None
) -> str:
    """The verdicts as French text, grouped by level, each with where to fix it and its source. With the
    dossier and the catalogue, the fields are named with the programme's words (budget line, funder…)."""
    lines: list[str] = []
    groups = verdicts_by_level(verdicts)
    for level in LEVELS:
        items = groups[level]
        lines.append(f"{LEVEL_LABELS[level]} ({len(items)}) — {LEVEL_HELP[level]}")
        if not items:
            lines.append("  Aucun point.")
        for number, v in enumerate(items, 1):
            head = f"  {number}. "
            lines.append(_wrap(v.message, " " * len(head)).replace(" " * len(head), head, 1))
            # the step and the fields' labels, as the wizard shows them (the JSON output keeps the paths)
            where = where_to_fix(v.fields, v.step, dossier, catalogue)
            lines.append(_wrap(f"Où corriger : {where}", "     "))
            lines.append(_wrap(f"Source : {v.source}", "     "))
            if v.quote:
                lines.append(_wrap(f"« {v.quote} »", "     "))
        lines.append("")
    counts = {level: len(groups[level]) for level in LEVELS}
    summary = (
        f"En résumé : {plural(counts['bloquant'], 'bloquant', 'bloquants')}, "
        f"{counts['a_corriger']} à corriger, {plural(counts['conseil'], 'conseil', 'conseils')}."
    )
    if counts["bloquant"]:
        summary += " Le dossier ne peut pas être déposé en l'état."
    elif counts["a_corriger"]:
        summary += " Rien de bloquant : corrigez les autres points avant de déposer."
    elif any(v.rule == "appel.donnees" for v in verdicts):
        summary += (" Rien à corriger selon les données connues, mais les données de l'appel sont incomplètes : "
                    "vérifiez-les auprès du financeur avant de déposer.")
    else:
        summary += " Le dossier peut être déposé."
    lines.append(summary)
    return "\n".join(lines)
