"""argparse in French: help titles, usage prefix and the usual error messages.

argparse's own texts are English; volunteers read the command line too, so the parser used by
`main.py` (and its sub-commands) speaks French without touching argparse's global state.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

_ERRORS: tuple[tuple[str, str], ...] = (
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (r"unrecognized arguments: (.*)", r"arguments non reconnus : \1"),
    (
        r"argument (\S+): invalid choice: (.*) \(choose from (.*)\)",
        r"argument \1 : choix \2 inconnu (possibles : \3)",
    ),
    (r"argument (\S+): expected one argument", r"l'argument \1 attend une valeur"),
    (r"argument (\S+): invalid (\S+) value: (.*)", r"argument \1 : valeur \3 invalide"),
    (r"argument (\S+): not allowed with argument (.*)", r"l'argument \1 ne peut pas être utilisé avec \2"),
    (r"ambiguous option: (.*) could match (.*)", r"option ambiguë : \1 peut désigner \2"),
)


def translate_error(message: str) -> str:
    for pattern, repl in _ERRORS:
        if re.fullmatch(pattern, message):
            return re.sub(pattern, repl, message)
    return message


class FrenchHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[override]
        # argparse passes prefix="" to compute a sub-command's prog: only the default (None) is translated,
        # otherwise sub-commands would be named "Utilisation : main.py check".
        super().add_usage(usage, actions, groups, prefix="Utilisation : " if prefix is None else prefix)


class FrenchArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("formatter_class", FrenchHelpFormatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS,
                          help="affiche cette aide et quitte")

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {translate_error(message)}\n")
