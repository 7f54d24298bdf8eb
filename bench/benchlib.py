"""What the benchmarks share: the project on the import path, the example dossier, and how a time is taken.

Imported first by each `bench/bench_*.py` (run as `python bench/<file>`: its folder is on the path), so
that the project's packages can be imported after it.
"""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

EXAMPLES_DIR = ROOT / "resources" / "examples"
REFERENCE_EXAMPLE = EXAMPLES_DIR / "blois-2023-insertion.cdv.json"  # the example the README's figures use


def median_time(action: Callable[[], object], runs: int) -> float:
    """The median wall-clock seconds of `runs` calls of `action`."""
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)


def median_and_p95(samples: list[float]) -> tuple[float, float]:
    """The median and the 95th percentile of `samples`."""
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.95) - 1]


def run_measured(command: list[str], *, stderr: int = subprocess.DEVNULL
                 ) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """Run `command` in the project's folder, its output dropped; (wall-clock seconds, processor seconds
    (user + system) of the command and the processes it waited for, the finished process). On a shared,
    busy machine the wall clock mostly measures the others' work; the processor time is what it costs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result
