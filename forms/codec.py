"""Strict conversion between plain data (JSON / YAML) and the dataclasses of the project.

One small converter serves the dossier files and the programme data, so both are read the same
strict way: an unknown key, a missing required key or a value of the wrong type is an error that
names its place ("actions[0].budget.lignes.604: entier attendu"), never a silent default.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
import types
import typing
from decimal import Decimal, InvalidOperation
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


class DataError(ValueError):
    """A value does not fit the expected shape. `path` says where, in the file's own terms."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path or '(racine)'} : {message}")


MAX_DIGITS = 15
MAX_INTEGER = 10**MAX_DIGITS
"""No count, year or amount in cents comes near it (10 000 milliards d'euros); beyond, the value is damage or
hostile (a 4 000-digit number would not fit in a float for a percentage, nor on an exported page)."""
MAX_DECIMAL_PLACES = 12  # a decimal (ETPT) written with more places is not one a person typed

_HINTS_CACHE: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    hints = _HINTS_CACHE.get(cls)
    if hints is None:
        hints = get_type_hints(cls)
        _HINTS_CACHE[cls] = hints
    return hints


def _join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else str(key)


def from_data(cls: type[T], data: Any, path: str = "") -> T:
    """Build `cls` (a dataclass or a supported type) from plain data, strictly."""
    return _convert(cls, data, path)


NOT_A_NUMBER = "« NaN » ou « Infinity » n'est pas un nombre : un nombre ordinaire est attendu"


def _convert(tp: Any, value: Any, path: str) -> Any:
    origin = get_origin(tp)
    if isinstance(value, float) and not math.isfinite(value):
        # JSON files may hold NaN / Infinity (Python reads them): no amount or coordinate is one
        raise DataError(path, NOT_A_NUMBER)
    if tp is Any:
        return value
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        if value is None and type(None) in args:
            return None
        non_none = [a for a in args if a is not type(None)]
        if len(non_none) == 1:
            return _convert(non_none[0], value, path)
        errors = []
        for arg in non_none:
            try:
                return _convert(arg, value, path)
            except DataError as exc:
                errors.append(exc.message)
        raise DataError(path, " ou ".join(errors))
    if origin is Literal:
        allowed = get_args(tp)
        if value not in allowed:
            raise DataError(path, f"valeur {value!r} inconnue (attendu : {', '.join(map(repr, allowed))})")
        return value
    if origin in (list, tuple):
        if not isinstance(value, list | tuple):
            raise DataError(path, "liste attendue")
        (item_tp, *_) = get_args(tp) or (Any,)
        items = [_convert(item_tp, v, _join(path, i)) for i, v in enumerate(value)]
        return items if origin is list else tuple(items)
    if origin is dict:
        if not isinstance(value, dict):
            raise DataError(path, "table (clé : valeur) attendue")
        key_tp, val_tp = get_args(tp) or (Any, Any)
        out = {}
        for k, v in value.items():
            out[_convert(key_tp, k, path)] = _convert(val_tp, v, _join(path, str(k)))
        return out
    if dataclasses.is_dataclass(tp):
        return _dataclass(tp, value, path)
    if tp is bool:
        if not isinstance(value, bool):
            raise DataError(path, "oui/non (true/false) attendu")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise DataError(path, "nombre entier attendu")
        if abs(value) >= MAX_INTEGER:
            raise DataError(path, "nombre beaucoup trop grand")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise DataError(path, "nombre attendu")
        return float(value)
    if tp is str:
        if not isinstance(value, str):
            raise DataError(path, "texte attendu")
        return value
    if tp is Decimal:
        if isinstance(value, bool) or not isinstance(value, str | int):
            raise DataError(path, "nombre décimal écrit comme un texte attendu (ex. \"1.5\")")
        try:
            result = Decimal(str(value))
        except InvalidOperation:
            raise DataError(path, f"nombre décimal invalide : {value!r}") from None
        if not result.is_finite():
            raise DataError(path, f"nombre décimal invalide : {value!r}")
        # "1e999999" is a finite Decimal, but written out in full (exports) it has a million digits
        # (no arithmetic here: `abs()` itself overflows on "1e9999999999")
        if result.adjusted() >= MAX_DIGITS or int(result.as_tuple().exponent) < -MAX_DECIMAL_PLACES:
            raise DataError(path, f"nombre décimal hors des limites : {str(value)[:20]!r}")
        return result
    if tp is dt.date:
        if isinstance(value, dt.datetime):
            raise DataError(path, "date sans heure attendue")
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                raise DataError(path, f"date AAAA-MM-JJ attendue, lu {value!r}") from None
        raise DataError(path, "date AAAA-MM-JJ attendue")
    raise TypeError(f"type non pris en charge : {tp!r}")  # a programming error, not bad data


def _dataclass(cls: type, value: Any, path: str) -> Any:
    if not isinstance(value, dict):
        raise DataError(path, "table (clé : valeur) attendue")
    hints = _hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = [k for k in value if k not in fields]
    if unknown:
        raise DataError(path, f"clé inconnue : {', '.join(map(str, unknown))}")
    kwargs = {}
    for name, field in fields.items():
        if name in value:
            kwargs[name] = _convert(hints[name], value[name], _join(path, name))
        elif field.default is dataclasses.MISSING and field.default_factory is dataclasses.MISSING:
            raise DataError(path, f"clé obligatoire absente : {name}")
    try:
        obj = cls(**kwargs)
    except (ValueError, TypeError) as exc:  # __post_init__ validation
        raise DataError(path, str(exc)) from None
    return obj


def to_data(obj: Any) -> Any:
    """The plain-data (JSON-ready) form of a dataclass tree. Dates become ISO text, decimals text."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_data(getattr(obj, f.name)) for f in dataclasses.fields(obj) if f.init}
    if isinstance(obj, list | tuple):
        return [to_data(v) for v in obj]
    if isinstance(obj, dict):
        return {str(k): to_data(v) for k, v in obj.items()}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    if isinstance(obj, Decimal):
        return str(obj)
    return obj


def literal_values(tp: Any) -> tuple[Any, ...]:
    """The allowed values of a `Literal[...]` alias (used to build choice lists)."""
    return typing.get_args(tp)
