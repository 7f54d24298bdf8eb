"""Text a dossier file can hold but no program can write back, and the words to say what is wrong with a
file, both for the user.

- A JSON file can hold a lone surrogate ("\\ud83d", half of an emoji cut by a program that counted
  UTF-16 units). Python reads it, but it cannot be encoded as UTF-8: every save, export and print of it
  would fail. It is replaced by U+FFFD (the replacement character) on load and the fields are named.
- A value of the wrong shape is named by its field's label (forms.fieldlabels), in plain French.
"""

from __future__ import annotations

import re
from typing import Any

from forms.codec import DataError

_SURROGATE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def repair_surrogates(data: Any, path: str = "") -> tuple[Any, list[str]]:
    """`data` with every lone surrogate of its texts (values and keys) replaced by U+FFFD, and the paths
    (as the dossier's field paths: `actions[0].title`) of the texts that changed."""
    repaired: list[str] = []
    return _repair(data, path, repaired), repaired


def _repair(value: Any, path: str, repaired: list[str]) -> Any:
    if isinstance(value, str):
        if _SURROGATE.search(value):
            repaired.append(path)
            return _SURROGATE.sub(REPLACEMENT, value)
        return value
    if isinstance(value, list):
        return [_repair(v, f"{path}[{i}]", repaired) for i, v in enumerate(value)]
    if isinstance(value, dict):
        out = {}
        for key, v in value.items():
            if isinstance(key, str) and _SURROGATE.search(key):
                repaired.append(_join(path, key))
                key = _SURROGATE.sub(REPLACEMENT, key)
            out[key] = _repair(v, _join(path, str(key)), repaired)
        return out
    return value


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def plain_place(path: str) -> str:
    """Where `path` is, for a volunteer: « Budget de l'action » (étape « Le budget de l'action »).
    A path without a label of its own is named by its nearest labelled parent."""
    from forms.fieldlabels import field_label
    from forms.steps import step_for_field, step_title

    probe = path
    while probe:
        label = field_label(probe)
        if label and label != probe:
            return f"« {label} » (étape « {step_title(step_for_field(probe))} »)"
        probe = _parent(probe)
    return "la racine du dossier"


def _parent(path: str) -> str:
    cut = max(path.rfind("."), path.rfind("["))
    return path[:cut] if cut > 0 else ""


def repaired_fields_message(paths: list[str]) -> str:
    """The French note shown when texts were repaired on load."""
    places = sorted(dict.fromkeys(plain_place(p) for p in paths))
    return (
        "Des caractères illisibles (la moitié d'un émoji, par exemple) ont été remplacés par « \ufffd » "
        f"dans : {' ; '.join(places)}. Relisez ce texte et corrigez-le si besoin."
    )


_UNKNOWN_KEY = "clé inconnue : "


def data_error_message(name: str, exc: DataError) -> str:
    """The French message of a dossier file whose content does not fit the model."""
    place = plain_place(exc.path)
    if exc.message.startswith(_UNKNOWN_KEY):
        keys = exc.message.removeprefix(_UNKNOWN_KEY)
        return (
            f"« {name} » contient une information que cette version de l'application ne connaît pas "
            f"(« {keys} », dans {place}). Il a peut-être été enregistré par une version plus récente : "
            "mettez l'application à jour pour l'ouvrir. Le fichier n'a pas été modifié."
        )
    return (
        f"« {name} » est endommagé ou incomplet : {place}, {exc.message} "
        f"(emplacement technique : {exc.path or 'racine'}). Le fichier n'a pas été modifié."
    )
