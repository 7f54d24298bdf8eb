"""Read and write a dossier value by its field path (`actions[0].public.women`, `….budget.lines.604`).

The same paths are used by the rules (to say where a problem is), by the wizard (to bind a widget to
the model and to jump to a field) and by the rule test cases (to set the fields that matter).
"""

from __future__ import annotations

import dataclasses
import re
import types
import typing
from typing import Any, get_args, get_origin, get_type_hints

_SEGMENT = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")


class FieldPathError(KeyError):
    pass


def parse_path(path: str) -> list[str | int]:
    """`actions[0].public.women` -> ["actions", 0, "public", "women"]."""
    parts: list[str | int] = []
    for segment in path.split("."):
        m = _SEGMENT.fullmatch(segment)
        if not m:
            raise FieldPathError(f"chemin de champ invalide : {path!r}")
        parts.append(m.group(1))
        parts.extend(int(i) for i in re.findall(r"\[(\d+)\]", m.group(2)))
    return parts


def get_path(root: Any, path: str, default: Any = None) -> Any:
    """The value at `path`, or `default` when a list index or dict key is missing."""
    obj = root
    for part in parse_path(path):
        try:
            obj = obj[part] if isinstance(part, int) or isinstance(obj, dict) else getattr(obj, part)
        except (IndexError, KeyError, AttributeError, TypeError):
            return default
        if obj is None:
            return default
    return obj


def set_path(root: Any, path: str, value: Any) -> None:
    """Set the value at `path`, creating missing dict entries and None sub-objects with their defaults.

    The walk follows the type annotations, so `actions[0].transversal.egalite.text` creates the
    `TransversalAnswer` for "egalite" when it is not there yet.
    """
    parts = parse_path(path)
    obj: Any = root
    tp: Any = type(root)
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if isinstance(part, int):
            item_tp = _args(tp, 0)
            if last:
                obj[part] = value
                return
            obj, tp = obj[part], item_tp
        elif isinstance(obj, dict):
            val_tp = _args(tp, 1)
            if last:
                obj[part] = value
                return
            if part not in obj:
                obj[part] = _default_of(val_tp, path)
            obj, tp = obj[part], val_tp
        else:
            if not dataclasses.is_dataclass(obj) or part not in {f.name for f in dataclasses.fields(obj)}:
                raise FieldPathError(f"champ inconnu : {path!r}")
            field_tp = get_type_hints(type(obj))[part]
            if last:
                setattr(obj, part, value)
                return
            child = getattr(obj, part)
            if child is None:
                child = _default_of(field_tp, path)
                setattr(obj, part, child)
            obj, tp = child, field_tp


def _args(tp: Any, index: int) -> Any:
    args = get_args(_strip_optional(tp))
    return args[index] if len(args) > index else Any


def _strip_optional(tp: Any) -> Any:
    if get_origin(tp) in (typing.Union, types.UnionType):
        non_none = [a for a in get_args(tp) if a is not type(None)]
        if len(non_none) == 1:
            return non_none[0]
    return tp


def _default_of(tp: Any, path: str) -> Any:
    tp = _strip_optional(tp)
    if dataclasses.is_dataclass(tp):
        return tp()
    origin = get_origin(tp)
    if origin in (list, dict):
        return origin()
    if tp in (int, str, bool, float):
        return tp()
    raise FieldPathError(f"impossible de créer une valeur pour {path!r}")
