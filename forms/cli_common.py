"""What the dossier sub-commands (`export`, `pack`, `renew`, `compte-rendu`) share on the command line.

- `load_catalogue` / `load_inputs`: the programme data and one dossier, or a French message on stderr
  and None, for the caller to exit with `EXIT_UNREADABLE` (2).
- `run_checks`: the verdicts of `verdicts_for`, passed in by main.py (the checks live in `rules`, above
  `forms`, which never imports them). A check that fails must not lose what the command writes: its
  warning is given and the command goes on without the verdicts.
- `add_command`: the sub-command's parser, its `run(args, verdicts_for)` wired in.
- `FORMAT_CHOICES` / `add_format_option`: `--format docx|pdf|both`.

Only light modules are imported here: main.py registers these commands beside `check`, which must start
fast (bench/bench_cli_startup.py).
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from forms.model import Dossier
from forms.programmes import Catalogue, ProgrammeDataError, default_catalogue
from forms.storage import DossierFileError, load_dossier

EXIT_OK, EXIT_NOT_WRITTEN, EXIT_UNREADABLE = 0, 1, 2  # the meaning of each exit code, kept by every command
VerdictsFor = Callable[[Dossier, Catalogue], Sequence[Any]]
FORMAT_CHOICES: dict[str, tuple[str, ...]] = {"docx": ("docx",), "pdf": ("pdf",), "both": ("docx", "pdf")}


def add_command(subparsers: argparse._SubParsersAction, name: str, run: Callable[..., int],
                verdicts_for: VerdictsFor | None, *, help: str, description: str) -> argparse.ArgumentParser:
    """Add the sub-command `name`, which calls `run(args, verdicts_for=verdicts_for)`; its parser, for the
    caller to add the arguments."""
    parser = subparsers.add_parser(name, help=help, description=description)
    parser.set_defaults(func=functools.partial(run, verdicts_for=verdicts_for))
    return parser


def add_format_option(parser: argparse.ArgumentParser) -> None:
    """`--format docx|pdf|both` (both by default); `FORMAT_CHOICES[args.format]` gives the formats."""
    parser.add_argument("--format", dest="format", choices=tuple(FORMAT_CHOICES), default="both",
                        help="docx, pdf ou both (les deux, par défaut)")


def load_catalogue(bad_data: str) -> Catalogue | None:
    """The programme data; None, after `bad_data` and the reason on stderr, when it cannot be read."""
    try:
        return default_catalogue()
    except ProgrammeDataError as exc:
        print(f"{bad_data}{exc}", file=sys.stderr)
        return None


def load_inputs(path: Path, failure: str) -> tuple[Dossier, Catalogue] | None:
    """The dossier at `path` and the programme data; None when either cannot be read, after
    « {failure} : {the reason} » on stderr (e.g. « Paquet impossible : le fichier … n'existe pas »)."""
    try:
        dossier = load_dossier(path)
    except DossierFileError as exc:
        print(f"{failure} : {exc}", file=sys.stderr)
        return None
    catalogue = load_catalogue(f"{failure} : les données de programme sont invalides.\n")
    return None if catalogue is None else (dossier, catalogue)


def run_checks(verdicts_for: VerdictsFor | None, dossier: Dossier, catalogue: Catalogue, *,
               what: str = "les vérifications", warn: Callable[[str], object] | None = None) -> list[Any] | None:
    """The verdicts of `verdicts_for`; None when no checks were passed in, or when they failed: then
    « Attention : {what} n'ont pas pu être faites (…). » goes to `warn` (stderr by default)."""
    if verdicts_for is None:
        return None
    try:
        return list(verdicts_for(dossier, catalogue))
    except Exception as exc:  # what the command writes must not be lost because a check failed
        message = f"Attention : {what} n'ont pas pu être faites ({exc})."
        if warn is None:
            print(message, file=sys.stderr)
        else:
            warn(message)
        return None
