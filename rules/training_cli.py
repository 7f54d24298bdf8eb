"""Sub-commands of the training mode: `memo` (the two-page memo of a call) and `exercice` (find the mistakes).

    main.py memo --appel blois-2023 --out memo.pdf
    main.py exercice creer --exemple blois-2023-insertion --erreurs 4 --niveau 2 --graine 7 --out ex.cdv.json
    main.py exercice verifier ex.cdv.json

Exit codes: 0 done (for `verifier`: every mistake corrected), 1 `verifier` found mistakes left, 2 bad input.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forms.cli_common import load_catalogue
from forms.cli_french import FrenchArgumentParser
from forms.storage import DossierFileError, load_dossier, save_dossier
from rules.exercise import LEVEL_NAMES, ExerciseError, build_exercise, example_ids, score_exercise
from rules.explanations import why_for

EXIT_OK, EXIT_LEFT, EXIT_BAD = 0, 1, 2


def register(sub: argparse._SubParsersAction) -> None:
    memo = sub.add_parser(
        "memo",
        help="écrit le mémo d'un appel à projets (PDF, deux pages au plus)",
        description="Écrit le mémo d'un appel à projets, pour une formation : les enjeux du contrat, les "
        "priorités de l'année, les priorités transversales et ce que les financeurs y cherchent, le "
        "calendrier, les pièces à joindre et dix sigles utiles.",
    )
    memo.add_argument("--appel", required=True, metavar="APPEL", help="l'appel (voir « main.py programmes »)")
    memo.add_argument("--out", required=True, metavar="FICHIER", help="le fichier PDF à écrire")
    memo.set_defaults(func=run_memo)

    ex = sub.add_parser(
        "exercice",
        help="exercice de formation : trouver les erreurs d'un dossier d'exemple",
        description="Crée un exercice à partir d'un dossier d'exemple, avec un nombre choisi d'erreurs "
        "réalistes (la même graine donne le même exercice), puis vérifie les corrections.",
    )
    actions = ex.add_subparsers(dest="action", title="actions", metavar="ACTION", required=True,
                                parser_class=FrenchArgumentParser)
    create = actions.add_parser("creer", help="crée un exercice", description="Crée un exercice.")
    create.add_argument("--exemple", default="blois-2023-insertion", choices=example_ids(),
                        help="le dossier d'exemple de départ")
    create.add_argument("--erreurs", type=int, default=3, metavar="N", help="nombre d'erreurs (défaut : 3)")
    create.add_argument("--niveau", type=int, default=1, choices=sorted(LEVEL_NAMES),
                        help="1 facile, 2 moyen, 3 difficile (défaut : 1)")
    create.add_argument("--graine", type=int, default=0, metavar="G",
                        help="la même graine donne le même exercice à tout le groupe (défaut : 0)")
    create.add_argument("--out", required=True, metavar="FICHIER", help="le dossier d'exercice à écrire")
    create.set_defaults(func=run_create)
    check = actions.add_parser("verifier", help="vérifie les corrections d'un exercice",
                               description="Dit les erreurs trouvées, les erreurs manquées (avec leur "
                               "« Pourquoi ? ») et les champs modifiés sans nécessité.")
    check.add_argument("fichier", metavar="FICHIER", help="le dossier d'exercice corrigé")
    check.set_defaults(func=run_score)


def run_memo(args: argparse.Namespace) -> int:
    from forms.export.memo import write_memo

    catalogue = load_catalogue("Les données de programme de l'application sont invalides : ")
    if catalogue is None:
        return EXIT_BAD
    call = catalogue.calls.get(args.appel)
    if call is None:
        print(f"L'appel « {args.appel} » n'est pas connu. Appels : {', '.join(sorted(catalogue.calls))}.",
              file=sys.stderr)
        return EXIT_BAD
    try:
        path = write_memo(call, catalogue, Path(args.out))
    except OSError as exc:
        print(f"Impossible d'écrire le mémo : {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD
    print(f"Écrit : {path}")
    return EXIT_OK


def run_create(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists():
        print(f"« {out} » existe déjà : choisissez un autre nom.", file=sys.stderr)
        return EXIT_BAD
    try:
        dossier = build_exercise(args.exemple, args.erreurs, args.niveau, args.graine)
        save_dossier(dossier, out)
    except ExerciseError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_BAD
    except OSError as exc:
        print(f"Impossible d'écrire l'exercice : {exc.strerror or exc}", file=sys.stderr)
        return EXIT_BAD
    print(f"Exercice écrit : {out} ({args.erreurs} erreurs, niveau {LEVEL_NAMES[args.niveau]}, "
          f"graine {args.graine}). Ouvrez-le dans l'application et corrigez ce que vous trouvez.")
    return EXIT_OK


def run_score(args: argparse.Namespace) -> int:
    try:
        dossier = load_dossier(args.fichier)
        score = score_exercise(dossier)
    except (DossierFileError, ExerciseError) as exc:
        print(f"Impossible de vérifier l'exercice : {exc}", file=sys.stderr)
        return EXIT_BAD
    print(score.summary())
    for result in score.found:
        print(f"  Trouvée : {result.mistake.title}.")
    for result in score.missed:
        print(f"  Manquée : {result.mistake.title} ({result.field}).")
        why = why_for(result.rule)
        if why is not None:
            print(f"    Pourquoi ? {why.protects} {why.if_ignored}")
    for label in score.needless_changes:
        print(f"  Modifié sans nécessité : {label}")
    return EXIT_OK if not score.missed else EXIT_LEFT
