"""Running a command over many dossiers (`main.py check` and `export` of a whole library, issue 9).

- `expand_inputs`: the command line's files and folders (a folder means its `*.cdv.json` files, not its
  sub-folders: the library's bin stays out), in the order given, each file once.
- `run_many`: one task per dossier, on every core the process may use (a programme's year is 66 to 84
  dossiers: on a 2-core machine, twice as fast), results in the order of the inputs. The processes are
  forked, so they share what the parent already loaded (the catalogue, the rules); where fork does not
  exist (Windows), the dossiers are done one after the other.
- `Progress`: « 12/84 Nom du dossier » on the terminal's last line, only when stderr is a terminal.

Exit codes keep their meaning across a batch: the worst one wins (0 ok, 1 blocking, 2 unreadable).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO, TypeVar

from forms.cli_common import load_catalogue
from forms.programmes import Catalogue
from forms.storage import EXTENSION

T = TypeVar("T")
EXIT_OK, EXIT_BLOCKING, EXIT_UNREADABLE = 0, 1, 2

_task: Callable[[Path], object] | None = None  # the task of the running batch (inherited by forked workers)


def expand_inputs(items: Sequence[str | Path]) -> list[Path]:
    """The dossier files named by `items`: files as given, folders as their `*.cdv.json` files (sorted)."""
    out: list[Path] = []
    seen: set[Path] = set()
    for item in items:
        path = Path(item)
        found = sorted(p for p in path.glob(f"*{EXTENSION}") if p.is_file()) if path.is_dir() else [path]
        for p in found:
            key = Path(os.path.abspath(p))
            if key not in seen:
                seen.add(key)
                out.append(p)
    return out


def inputs_and_catalogue(items: Sequence[str], *, none_found: str, bad_data: str
                         ) -> tuple[list[Path], Catalogue] | None:
    """The dossier files of the command line and the programme data; None (and a French message on
    stderr, after `none_found` or `bad_data`) when there is no dossier or the data cannot be read."""
    paths = expand_inputs(items)
    if not paths:
        print(none_found + ", ".join(map(str, items)), file=sys.stderr)
        return None
    catalogue = load_catalogue(bad_data)
    return None if catalogue is None else (paths, catalogue)


def is_single(items: Sequence[str], paths: Sequence[Path]) -> bool:
    """One file named on the command line: the command answers as it always did, without a summary."""
    return len(paths) == 1 and len(items) == 1 and not Path(items[0]).is_dir()


def worker_count(tasks: int) -> int:
    """As many workers as cores this process may use, no more than there are tasks."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        cores = os.cpu_count() or 1
    return max(1, min(cores, tasks))


def _run_task(path: Path) -> object:
    assert _task is not None
    return _task(path)


def run_many(task: Callable[[Path], T], paths: Sequence[Path], *, jobs: int | None = None) -> Iterator[tuple[Path, T]]:
    """`(path, task(path))` for each path, in order; the tasks run on `jobs` processes (default: every core).
    `task` must catch what it expects (a damaged dossier is a result, not an exception)."""
    global _task
    import multiprocessing  # here, not at the top: 60 ms that a single dossier's check does not need
    from concurrent.futures import ProcessPoolExecutor

    jobs = worker_count(len(paths)) if jobs is None else max(1, min(jobs, len(paths)))
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for path in paths:
            yield path, task(path)
        return
    _task = task
    try:
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from zip(paths, pool.map(_run_task, paths), strict=True)  # type: ignore[misc]
    finally:
        _task = None


class Progress:
    """« 12/84 Nom du dossier » on the last line of a terminal; silent when `stream` is not a terminal."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.stream = stream or sys.stderr
        self.active = total > 1 and self.stream.isatty()
        self._shown = False

    def show(self, done: int, name: str) -> None:
        if self.active:
            self.stream.write(f"\r\x1b[K{done}/{self.total} {name[:60]}")
            self.stream.flush()
            self._shown = True

    def clear(self) -> None:
        """Erase the line (before printing a result, and at the end)."""
        if self.active and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


def worst(codes: Sequence[int]) -> int:
    return max(codes, default=EXIT_OK)
