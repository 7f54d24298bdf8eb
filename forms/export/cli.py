"""Sub-command `export`: write a dossier as DOCX and/or PDF.

    python main.py export FICHIER [FICHIER | DOSSIER …] --out DOSSIER [--format docx|pdf|both] [--force]

The checks live in `rules`, above `forms`: this module never imports them. Whoever assembles the command
line (main.py) passes them in: `register(subparsers, verdicts_for=rules.check_dossier)`. Without it the
export is made all the same and its last page says the checks were not run.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from forms.batch import Progress, inputs_and_catalogue, is_single, run_many, worst
from forms.cli_common import (
    EXIT_NOT_WRITTEN,
    EXIT_OK,
    EXIT_UNREADABLE,
    FORMAT_CHOICES,
    VerdictsFor,
    add_command,
    add_format_option,
    run_checks,
)
from forms.french import plural
from forms.programmes import Catalogue
from forms.storage import DossierFileError, open_dossier_file
from forms.text_repair import repaired_fields_message

# python-docx and reportlab (half a second) are imported by `run_export`, not here: main.py registers this
# command beside `check`, which must start fast (bench/bench_cli_startup.py).


def register(subparsers: argparse._SubParsersAction, verdicts_for: VerdictsFor | None = None) -> None:
    """Add the `export` sub-command. `verdicts_for(dossier, catalogue)` runs the checks (optional)."""
    p = add_command(
        subparsers, "export", run_export, verdicts_for,
        help="exporte un ou plusieurs dossiers en DOCX (modifiable) et en PDF",
        description="Exporte un dossier (.cdv.json) en DOCX modifiable et en PDF, dans l'ordre du "
        "formulaire CERFA n° 12156*06, suivis de la partie politique de la ville et des pièces jointes. "
        "La dernière page résume les vérifications restées ouvertes : elle ne fait pas partie de la "
        "demande. Un fichier existant n'est jamais remplacé sans --force : l'export prend alors un "
        "nouveau nom, « nom (2).pdf », « nom (3).pdf »… Avec plusieurs dossiers (ou un dossier du disque, "
        "pour tous ses dossiers), tout est écrit dans le même dossier --out ; un dossier illisible est "
        "signalé et les autres sont exportés. Code de sortie : 0 si tout est écrit, 1 si des fichiers "
        "n'ont pas pu être écrits, 2 si un dossier est illisible (le pire de tous).",
    )
    p.add_argument("fichiers", metavar="FICHIER", nargs="+",
                   help="les dossiers à exporter (fichiers .cdv.json, ou dossiers du disque qui en contiennent)")
    p.add_argument("--out", metavar="DOSSIER", required=True,
                   help="le dossier du disque où écrire les fichiers (créé s'il n'existe pas)")
    add_format_option(p)
    p.add_argument("--force", action="store_true",
                   help="remplace les fichiers du même nom au lieu d'en écrire de nouveaux")


@dataclass
class Rendered:
    """One dossier rendered (in a worker process for a batch), not yet written."""

    code: int
    message: str = ""  # why it could not be exported (French)
    stem: str = ""
    contents: dict[str, bytes] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # for stderr
    open_points: int = 0


def render_file(path: Path, catalogue: Catalogue, formats: Sequence[str],
                verdicts_for: VerdictsFor | None) -> Rendered:
    """Read and render one dossier file; never raises for what the file holds."""
    from forms.export.api import export_file_stem, render_export

    try:
        opened = open_dossier_file(path)
    except DossierFileError as exc:
        return Rendered(EXIT_UNREADABLE, exc.message)
    dossier = opened.dossier
    notes = [f"Attention : {repaired_fields_message(opened.repaired)}"] if opened.repaired else []
    verdicts = run_checks(verdicts_for, dossier, catalogue,  # notes: printed by the parent process
                          warn=lambda warning: notes.append(f"{warning} Le dossier est exporté sans elles."))
    try:
        contents = render_export(dossier, catalogue, verdicts, formats)
    except Exception as exc:  # a rendering bug: no traceback for a dossier's content
        return Rendered(EXIT_NOT_WRITTEN, f"« {path.name} » n'a pas pu être mis en page : erreur de "
                        f"l'application ({type(exc).__name__}). Signalez-la avec ce fichier.", notes=notes)
    return Rendered(EXIT_OK, "", export_file_stem(dossier), contents, notes, len(verdicts or ()))


def run_export(args: argparse.Namespace, verdicts_for: VerdictsFor | None = None) -> int:
    """Run `export`: 0 when written, 2 when a dossier or the programme data cannot be read (nothing is
    written for it and its file is left untouched), 1 when files cannot be written; the worst of all."""
    found = inputs_and_catalogue(args.fichiers, none_found="Export impossible : aucun dossier (.cdv.json) dans ",
                                 bad_data="Export impossible : les données de programme sont invalides.\n")
    if found is None:
        return EXIT_UNREADABLE
    paths, catalogue = found
    formats = FORMAT_CHOICES[args.format]
    task = functools.partial(render_file, catalogue=catalogue, formats=formats, verdicts_for=verdicts_for)
    if is_single(args.fichiers, paths):
        return _write_one(paths[0], task(paths[0]), Path(args.out), args.force, single=True)
    return _export_many(paths, task, args)


def _write_one(path: Path, rendered: Rendered, out_dir: Path, force: bool, *, single: bool) -> int:
    """Write one rendered dossier and tell what was written (a single export prints the paths alone)."""
    from forms.export.files import ExportError, write_files

    for note in rendered.notes:
        print(note if single else f"{note} ({path.name})", file=sys.stderr)
    if rendered.code != EXIT_OK:
        print(f"Export impossible : {rendered.message}", file=sys.stderr)
        return rendered.code
    try:
        written = write_files(rendered.contents, out_dir, rendered.stem, force=force)
    except ExportError as exc:
        print(f"Export impossible : {exc}", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    if single:
        for out in written:
            print(out)
    else:
        print(f"[exporté] {path.name} : " + ", ".join(p.name for p in written))
    if written and written[0].stem != rendered.stem:
        print(f"Des fichiers « {rendered.stem} » existaient déjà : ils n'ont pas été remplacés "
              "(utilisez --force pour les remplacer).", file=sys.stderr)
    if rendered.open_points and single:
        count = plural(rendered.open_points, "point de vérification reste ouvert",
                       "points de vérification restent ouverts")
        print(f"{count} : voir la dernière page.", file=sys.stderr)
    return EXIT_OK


def _export_many(paths: list[Path], task: Callable[[Path], Rendered], args: argparse.Namespace) -> int:
    """Render on every core, write here one dossier at a time (two dossiers of one name never race)."""
    out_dir = Path(args.out)
    progress = Progress(len(paths))
    codes: list[int] = []
    for done, (path, rendered) in enumerate(run_many(task, paths), 1):
        progress.clear()
        if rendered.code == EXIT_UNREADABLE:
            print(f"[illisible] {path.name} : {rendered.message}")
            codes.append(rendered.code)
        else:
            codes.append(_write_one(path, rendered, out_dir, args.force, single=False))
        progress.show(done, path.name)
    progress.clear()
    exported = codes.count(EXIT_OK)
    unreadable = codes.count(EXIT_UNREADABLE)
    failed = len(codes) - exported - unreadable
    print(f"En résumé : {plural(exported, 'dossier exporté', 'dossiers exportés')} dans {out_dir}, "
          f"{plural(unreadable, 'illisible', 'illisibles')}, {failed} non écrit{'s' if failed > 1 else ''}.")
    return worst(codes)
