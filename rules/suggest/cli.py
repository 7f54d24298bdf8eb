"""Sub-command `suggest`: from a free-text description of an action, the enjeux and priorities of a call
it seems to serve (best first, with the words that led there), and what the text already says of the
call's transversal priorities.

Exit code: 0 when suggestions were printed, 2 when the text (or the programme data) cannot be read or is
empty, or the call is unknown. Nothing is written.
"""

from __future__ import annotations

import argparse
import json
import sys
import textwrap
from pathlib import Path

from forms.cli_common import load_catalogue
from forms.programmes import Catalogue, ProgrammeDataError
from rules.suggest import EmptyDescriptionError, Ranked, Suggestion, suggester_for

EXIT_OK = 0
EXIT_UNREADABLE = 2
WIDTH = 100
MAX_TEXT_BYTES = 5_000_000  # a description, even pasted from a long Word document, is far below


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "suggest",
        help="propose les enjeux et priorités d'un appel à partir de la description d'une action",
        description="Lit la description d'une action (texte libre, UTF-8) et propose, du plus au moins "
        "probable, les enjeux et les priorités de l'appel auxquels elle semble répondre, avec les mots qui "
        "y mènent ; dit aussi si le texte répond déjà aux priorités transversales. Ce ne sont que des "
        "propositions : c'est à vous de choisir. Code de sortie : 0 si tout va bien, 2 si le texte est "
        "vide ou illisible, ou l'appel inconnu.",
    )
    p.add_argument("--call", required=True, metavar="APPEL",
                   help="identifiant de l'appel à projets (voir « main.py programmes »), ex. blois-2023")
    p.add_argument("--text-file", required=True, metavar="FICHIER",
                   help="le fichier texte (UTF-8) qui décrit l'action")
    p.add_argument("--json", action="store_true",
                   help="écrit le résultat en JSON (enjeux, priorities, transversal)")
    p.set_defaults(func=run_suggest)


def _fail(message: str) -> int:
    print(message, file=sys.stderr)
    return EXIT_UNREADABLE


def read_description(path: str) -> str:
    """The text of the file; OSError / UnicodeDecodeError / ValueError (too big) for the caller."""
    file = Path(path)
    if file.is_dir():
        raise IsADirectoryError(path)
    with file.open("rb") as handle:
        data = handle.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise ValueError("trop long")
    return data.decode("utf-8-sig")


def run_suggest(args: argparse.Namespace) -> int:
    try:
        text = read_description(args.text_file)
    except FileNotFoundError:
        return _fail(f"Impossible de lire la description : le fichier « {args.text_file} » n'existe pas.")
    except IsADirectoryError:
        return _fail(f"Impossible de lire la description : « {args.text_file} » est un dossier, pas un fichier.")
    except UnicodeDecodeError:
        return _fail(f"Impossible de lire la description : « {args.text_file} » n'est pas un texte en UTF-8. "
                     "Enregistrez-le en « texte brut UTF-8 » depuis votre traitement de texte.")
    except ValueError:
        return _fail(f"Impossible de lire la description : « {args.text_file} » est beaucoup trop long "
                     "pour une description (plus de 5 Mo).")
    except OSError as exc:
        return _fail(f"Impossible de lire la description « {args.text_file} » : {exc.strerror or exc}.")
    catalogue = load_catalogue("Les données de programme de l'application sont invalides : ")
    if catalogue is None:
        return EXIT_UNREADABLE
    if args.call not in catalogue.calls:
        known = ", ".join(sorted(catalogue.calls))
        return _fail(f"Appel à projets inconnu : « {args.call} ». Appels connus : {known}.")
    try:
        result = suggester_for(catalogue, args.call).suggest(text)
    except EmptyDescriptionError:
        return _fail(f"La description « {args.text_file} » est vide : écrivez quelques phrases sur l'action "
                     "(ce qu'elle fait, pour qui, où).")
    except ProgrammeDataError as exc:
        return _fail(f"Le lexique de l'application est invalide : {exc}")
    if args.json:
        json.dump(result.to_dict(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(format_suggestion(result, catalogue, args.call))
    return EXIT_OK


def _wrap(text: str, indent: str = "  ", first: str | None = None) -> str:
    glued = text.replace("« ", "«\u00a0").replace(" »", "\u00a0»").replace(" :", "\u00a0:")
    return textwrap.fill(glued, WIDTH, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)


def _percent(score: float) -> str:
    return f"{round(score * 100)} %"


def _why_lines(r: Ranked) -> list[str]:
    lines = []
    for reason in r.why:
        words = ", ".join(f"« {w} »" for w in reason.words)
        lines.append(_wrap(f"vos mots {words} ↔ « {reason.source_text} »", "        ", "      - "))
    return lines


def format_suggestion(result: Suggestion, catalogue: Catalogue, call_id: str) -> str:
    call = catalogue.call(call_id)
    territory = catalogue.territory_of(call)
    label = territory.enjeu_label_plural
    out = [
        f"Propositions pour {call.title}",
        _wrap("Ce ne sont que des propositions, calculées à partir des mots de votre description : c'est à vous "
              "de choisir ce que l'action sert vraiment.", "", ""),
        "",
        f"{label} du contrat, du plus au moins probable :",
    ]
    for i, r in enumerate(result.enjeux, 1):
        enjeu = territory.enjeu(r.id)
        title = enjeu.title if enjeu else r.id
        out.append(_wrap(f"{i}. {r.id} — {title} ({_percent(r.score)})", "     ", "  "))
        out.extend(_why_lines(r))
    priorities = [p for p in result.priorities if p.proposed][:5]
    out += ["", f"Priorités de l'appel {call.year} les plus proches :"]
    if not priorities:
        out.append("  Aucune priorité de l'appel ne reprend les mots de votre description.")
    texts = {p.id: p.text for p in call.operational_priorities}
    for r in priorities:
        out.append(_wrap(f"- {texts.get(r.id, r.id)} ({r.enjeu}, {_percent(r.score)})", "    ", "  "))
        out.extend(_why_lines(r))
    out += ["", "Priorités transversales :"]
    for f in result.transversal:
        state = "votre texte en parle" if f.found else "votre texte n'en parle pas encore"
        out.append(f"  {f.title} : {state}.")
        out.extend(_wrap(f"« {s} »", "      ", "    ") for s in f.evidence)
        if f.missing:
            out.append(_wrap(f.missing, "    "))
    return "\n".join(out)
