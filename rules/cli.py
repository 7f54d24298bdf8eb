"""Sub-command `check`: the verdicts on a dossier file, grouped by level, in French (or as JSON); on several
files or folders, one line each (or the detail) and a summary, computed on every core (forms.batch).

Exit code: 0 when nothing is bloquant, 1 otherwise, 2 when the file (or the programme data) cannot be
read; for several files, the worst of them. The files are only read, never written.
"""

from __future__ import annotations

import argparse
import functools
import json
import sys
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from forms.batch import Progress, inputs_and_catalogue, is_single, run_many, worst
from forms.fieldlabels import where_to_fix
from forms.french import plural
from forms.model import Dossier
from forms.programmes import Catalogue
from forms.storage import DossierFileError, open_dossier_file
from forms.text_repair import repaired_fields_message
from rules.engine import check_dossier
from rules.verdicts import LEVEL_HELP, LEVEL_LABELS, LEVELS, Verdict, verdicts_by_level

EXIT_OK = 0
EXIT_BLOQUANT = 1
EXIT_UNREADABLE = 2
WIDTH = 100


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="vérifie un ou plusieurs dossiers : ce qui bloque, ce qui est à corriger, les conseils",
        description="Vérifie un dossier (.cdv.json) selon les règles de l'appel à projets auquel il répond, "
        "du formulaire CERFA n° 12156*06 et de la loi. Chaque point dit pourquoi (sa source) et où le "
        "corriger. Avec plusieurs dossiers (ou un dossier du disque, pour tous ses dossiers) : une ligne "
        "par dossier et un résumé ; un dossier illisible est signalé et les autres sont vérifiés. "
        "Code de sortie : 0 si rien n'est bloquant, 1 sinon, 2 si un fichier est illisible (le pire "
        "de tous les dossiers).",
    )
    p.add_argument("fichiers", metavar="FICHIER", nargs="+",
                   help="les dossiers à vérifier (fichiers .cdv.json, ou dossiers du disque qui en contiennent)")
    p.add_argument("--json", action="store_true",
                   help="écrit les points relevés en JSON (liste d'objets rule, level, message, source, "
                   "quote, fields, step ; avec plusieurs dossiers, une liste d'objets fichier, code, points)")
    p.add_argument("--detail", action="store_true",
                   help="avec plusieurs dossiers : le détail de chacun, pas seulement une ligne")
    p.set_defaults(func=run_check)


@dataclass
class CheckResult:
    """The check of one dossier file, ready to print (computed in a worker process for a batch)."""

    code: int
    report: str = ""  # the full French report, or the French reason it could not be checked
    notes: str = ""  # for stderr: texts repaired on load
    counts: dict[str, int] = field(default_factory=dict)
    points: list[dict] = field(default_factory=list)


def check_file(path: Path, catalogue: Catalogue, *, shown_as: str = "") -> CheckResult:
    """Check one file; never raises for what a file holds (unreadable: code 2 and a French reason)."""
    try:
        opened = open_dossier_file(path)
    except DossierFileError as exc:
        return CheckResult(EXIT_UNREADABLE, exc.message)
    dossier = opened.dossier
    notes = repaired_fields_message(opened.repaired) if opened.repaired else ""
    try:
        verdicts = check_dossier(dossier, catalogue)
    except Exception as exc:  # a rule's bug must not show a traceback for a dossier's content
        return CheckResult(EXIT_UNREADABLE, f"« {path.name} » n'a pas pu être vérifié : erreur de "
                           f"l'application ({type(exc).__name__}). Signalez-la avec ce fichier.", notes)
    call = catalogue.calls.get(dossier.call.call)
    subject = call.title if call else f"appel « {dossier.call.call or 'non choisi'} »"
    incomplete = call is not None and (call.incomplete_parts() or call.reconstructed_from.strip())
    report = "\n".join([
        f"Vérification du dossier « {dossier.title} »",
        f"Appel à projets : {subject}",
        *([_wrap("Attention : les données de cet appel sont incomplètes (voir les conseils) ; la "
                 "vérification ne porte que sur ce que l'application connaît.", "")] if incomplete else []),
        f"Fichier : {shown_as or path}",
        "",
        format_verdicts(verdicts, dossier, catalogue),
    ])
    counts = {level: sum(v.level == level for v in verdicts) for level in LEVELS}
    code = EXIT_BLOQUANT if counts["bloquant"] else EXIT_OK
    return CheckResult(code, report, notes, counts, [v.to_dict() for v in verdicts])


def run_check(args: argparse.Namespace) -> int:
    found = inputs_and_catalogue(args.fichiers, none_found="Aucun dossier (.cdv.json) à vérifier dans : ",
                                 bad_data="Les données de programme de l'application sont invalides : ")
    if found is None:
        return EXIT_UNREADABLE
    paths, catalogue = found
    if is_single(args.fichiers, paths):
        return _print_one(check_file(paths[0], catalogue, shown_as=args.fichiers[0]), args.json)
    return _print_many(paths, catalogue, args)


def _print_one(result: CheckResult, as_json: bool) -> int:
    if result.notes:
        print(f"Attention : {result.notes}", file=sys.stderr)
    if result.code == EXIT_UNREADABLE:
        print(f"Impossible de vérifier ce dossier : {result.report}", file=sys.stderr)
    elif as_json:
        json.dump(result.points, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(result.report)
    return result.code


def _print_many(paths: list[Path], catalogue: Catalogue, args: argparse.Namespace) -> int:
    check_dossier(Dossier(), catalogue)  # load the rules once, before the workers are forked
    progress = Progress(len(paths))
    codes: list[int] = []
    items: list[dict] = []
    task = functools.partial(check_file, catalogue=catalogue)
    for done, (path, result) in enumerate(run_many(task, paths), 1):
        codes.append(result.code)
        progress.clear()
        if result.notes:
            print(f"Attention ({path.name}) : {result.notes}", file=sys.stderr)
        if args.json:
            items.append({"fichier": str(path), "code": result.code, "points": result.points,
                          **({"erreur": result.report} if result.code == EXIT_UNREADABLE else {})})
        elif args.detail and result.code != EXIT_UNREADABLE:
            print(result.report + "\n" + "-" * 40)
        else:
            print(_one_line(path, result))
        progress.show(done, path.name)
    progress.clear()
    if args.json:
        json.dump(items, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    print(_summary(codes), file=sys.stderr if args.json else sys.stdout)
    return worst(codes)


def _one_line(path: Path, result: CheckResult) -> str:
    if result.code == EXIT_UNREADABLE:
        return f"[illisible] {path.name} : {result.report}"
    c = result.counts
    tag = "[bloquant]" if result.code == EXIT_BLOQUANT else "[ok]"
    return (f"{tag} {path.name} : {plural(c['bloquant'], 'bloquant', 'bloquants')}, {c['a_corriger']} à corriger, "
            f"{plural(c['conseil'], 'conseil', 'conseils')}")


def _summary(codes: list[int]) -> str:
    ok, blocking, unreadable = (codes.count(code) for code in (EXIT_OK, EXIT_BLOQUANT, EXIT_UNREADABLE))
    return (f"En résumé : {plural(len(codes), 'dossier vérifié', 'dossiers vérifiés')} — {ok} sans point "
            f"bloquant, {blocking} avec des points bloquants, {plural(unreadable, 'illisible', 'illisibles')}.")


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
