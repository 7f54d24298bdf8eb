"""Worked examples (« exemples commentés »): an example dossier with a comment beside each step.

The comments are data, one file per example (`resources/examples/<id>.commentaires.yaml`), each with the
source it rests on; the training mode shows them beside the read-only wizard. A test checks that every
shipped example has a comment for every step and that each quote is found in its source.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from forms.datafile import load_data_file
from forms.programmes import RESOURCES_DIR, Source
from forms.steps import STEP_IDS

EXAMPLES_DIR = RESOURCES_DIR / "examples"
ORIGIN_PREFIX = "exemple:"


class CommentsDataError(ValueError):
    """A comments file is invalid; the message names the file and the place."""


@dataclass
class StepComment:
    text: str
    source: Source


@dataclass
class ExampleComments:
    example: str
    presentation: str
    comments: dict[str, StepComment]


def comments_path(example_id: str) -> Path:
    return EXAMPLES_DIR / f"{example_id}.commentaires.yaml"


def example_path(example_id: str) -> Path:
    return EXAMPLES_DIR / f"{example_id}.cdv.json"


def commented_examples() -> list[str]:
    """The ids of the shipped examples that have comments, sorted."""
    return sorted(p.name.removesuffix(".commentaires.yaml") for p in EXAMPLES_DIR.glob("*.commentaires.yaml"))


@functools.cache
def load_comments(example_id: str) -> ExampleComments:
    path = comments_path(example_id)
    try:
        data = load_data_file(ExampleComments, path, CommentsDataError, path.name)
    except OSError:
        raise CommentsDataError(f"L'exemple « {example_id} » n'a pas de commentaires.") from None
    if data.example != example_id:
        raise CommentsDataError(f"{path.name}: « example » vaut {data.example!r}, attendu {example_id!r}")
    unknown = sorted(set(data.comments) - set(STEP_IDS))
    if unknown:
        raise CommentsDataError(f"{path.name}: étapes inconnues : {', '.join(unknown)}")
    return data


def origin_for(example_id: str) -> str:
    """What `meta.origin` holds for a dossier made from this example."""
    return ORIGIN_PREFIX + example_id


def example_of(origin: str) -> str:
    """The example id a dossier comes from, or "" (from `meta.origin`)."""
    return origin.removeprefix(ORIGIN_PREFIX) if origin.startswith(ORIGIN_PREFIX) else ""
