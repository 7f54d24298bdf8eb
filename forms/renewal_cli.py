"""Sub-command `renew`: a dossier renewed for another call, and what is to review.

    python main.py renew DOSSIER --call CALL_ID --out FICHIER

Exit codes: 0 written; 1 the new file cannot be written (or already exists); 2 the dossier, the call
or the programme data cannot be read. The checks of the new call (rules, above forms) are passed in
by main.py: `register(subparsers, verdicts_for=rules.check_dossier)`.
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
from forms.fieldlabels import field_label
from forms.french import plural
from forms.programmes import ProgrammeDataError
from forms.renewal import MARK_LABELS, RenewalError, mark_counts, marks_by_step, renew
from forms.steps import step_title
from forms.storage import EXTENSION, DossierFileError, save_dossier


def register(subparsers: argparse._SubParsersAction, verdicts_for: VerdictsFor | None = None) -> None:
    p = add_command(
        subparsers, "renew", run_renew, verdicts_for,
        help="renouvelle un dossier pour un autre appel à projets et dit ce qui est à revoir",
        description="Crée un nouveau dossier qui répond à l'appel indiqué, à partir d'un dossier existant "
        "(laissé tel quel). Chaque valeur est marquée : reprise, à revoir (dates, montants, chiffres du "
        "public, priorités reformulées), à choisir (enjeux ou priorités absents du nouvel appel) ou "
        "nouvelle (demandée par le nouvel appel seulement). La commande affiche ce qui a changé dans "
        "l'appel et ce qui est à revoir.",
    )
    p.add_argument("fichier", metavar="DOSSIER", help="le dossier de l'an dernier (fichier .cdv.json)")
    p.add_argument("--call", required=True, metavar="APPEL",
                   help="l'identifiant de l'appel visé (voir « main.py programmes »), par exemple blois-2023")
    p.add_argument("--out", required=True, metavar="FICHIER", help="le nouveau dossier à écrire (.cdv.json)")
    p.add_argument("--force", action="store_true", help="remplace le fichier de sortie s'il existe déjà")


def run_renew(args: argparse.Namespace, verdicts_for: VerdictsFor | None = None) -> int:
    source = Path(args.fichier)
    loaded = load_inputs(source, "Renouvellement impossible")
    if loaded is None:
        return EXIT_UNREADABLE
    previous, catalogue = loaded
    try:
        result = renew(previous, catalogue, args.call, previous_file=source.resolve())
    except ProgrammeDataError as exc:  # the correspondence files of the calls
        print(f"Renouvellement impossible : les données de programme sont invalides.\n{exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except RenewalError as exc:
        print(f"Renouvellement impossible : {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    out = Path(args.out)
    if not out.name.endswith(EXTENSION):
        out = out.with_name(out.name + EXTENSION)
    if out.resolve() == source.resolve() or (out.exists() and not args.force):
        print(f"« {out} » existe déjà : il n'a pas été remplacé (choisissez un autre nom, ou --force).",
              file=sys.stderr)
        return EXIT_NOT_WRITTEN
    try:
        save_dossier(result.dossier, out)
    except DossierFileError as exc:
        print(f"Renouvellement impossible : {exc}", file=sys.stderr)
        return EXIT_NOT_WRITTEN
    dossier, diff = result.dossier, result.diff
    print(f"Dossier renouvelé : {out}")
    print(f"Appel : {diff.old.title} [{diff.old.id}] → {diff.new.title} [{diff.new.id}]")
    counts = mark_counts(dossier)
    print("Valeurs : " + ", ".join(f"{MARK_LABELS[k].lower()} : {n}" for k, n in counts.items()))
    print()
    print("Ce qui a changé dans l'appel :")
    for line in diff.lines() or ["rien (mêmes priorités, même géographie, mêmes cofinanceurs)"]:
        print(f"  {line}")
    by_step = marks_by_step(dossier)
    print()
    total = sum(len(items) for items in by_step.values())
    print(plural(total, "valeur à revoir ou à choisir", "valeurs à revoir ou à choisir",
                 zero="Aucune valeur à revoir.") + (" :" if total else ""))
    for step, items in by_step.items():
        print(f"  Étape « {step_title(step)} »")
        for path, mark in items:
            label = field_label(path, dossier, catalogue)
            print(f"    [{MARK_LABELS[mark.kind]}] {label} : {mark.reason}" if mark.reason
                  else f"    [{MARK_LABELS[mark.kind]}] {label}")
    verdicts = run_checks(verdicts_for, dossier, catalogue, what="les vérifications du nouvel appel")
    if verdicts is not None:
        blocking = sum(getattr(v, "level", "") == "bloquant" for v in verdicts)
        print()
        print(f"Vérifications du nouvel appel : {plural(len(verdicts), 'remarque', 'remarques')}, dont "
              f"{plural(blocking, 'point bloquant', 'points bloquants')} (« main.py check {out} » pour le détail).")
    return EXIT_OK
