"""One data file of the application (YAML under resources/), read strictly into its dataclass.

The programme data has its own reader (forms.programmes); the rules' descriptions, their « Pourquoi ? »,
the exercise's mistakes and the examples' comments are read here, each raising its own error class.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from forms.codec import DataError, from_data

T = TypeVar("T")


def load_data_file(cls: type[T], path: Path, error: type[Exception], name: str | None = None) -> T:
    """`cls` read from the YAML file `path`; `error("{name}: {reason}")` (name: the path by default) when
    the file is not valid YAML or its content does not fit `cls`. A missing file is the caller's OSError."""
    from forms.yamlload import YamlError, load_yaml  # imported when a file is read: a start from the cache reads none

    try:
        return from_data(cls, load_yaml(path))
    except (DataError, YamlError) as exc:
        raise error(f"{path if name is None else name}: {exc}") from None
