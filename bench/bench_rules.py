"""Benchmark: every rule on one dossier, as the wizard does on each edit.

    python bench/bench_rules.py [--runs N]

Target: median ≤ 2 ms per full check of an example dossier (issue 3), so the wizard can re-check on
every keystroke. The catalogue is loaded and the per-call caches warmed first, as in the running
application; the figure is the median over many runs, not a timed unit test.
"""

from __future__ import annotations

import argparse
import sys
import time

from benchlib import REFERENCE_EXAMPLE, median_and_p95

from forms.model import Dossier
from forms.programmes import default_catalogue
from forms.storage import load_dossier
from rules import check_dossier

TARGET_MS = 2.0


def measure(dossier: Dossier, runs: int) -> tuple[float, float, int]:
    """(median ms, 95th percentile ms, number of verdicts) of check_dossier on `dossier`."""
    catalogue = default_catalogue()
    verdicts = check_dossier(dossier, catalogue)  # warm the caches (call index, perimeters)
    timings = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        check_dossier(dossier, catalogue)
        timings.append((time.perf_counter_ns() - start) / 1e6)
    return (*median_and_p95(timings), len(verdicts))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Mesure le temps de vérification d'un dossier (toutes les règles).")
    parser.add_argument("--runs", type=int, default=2000, help="nombre de vérifications mesurées (défaut : 2000)")
    args = parser.parse_args(argv)

    example = REFERENCE_EXAMPLE
    full = load_dossier(example)
    empty = Dossier()
    empty.call.call = full.call.call
    print(f"Objectif : médiane ≤ {TARGET_MS:g} ms pour toutes les règles sur un dossier d'exemple.")
    ok = True
    for label, dossier in ((f"exemple {example.name}", full), ("dossier vide (beaucoup de verdicts)", empty)):
        median, p95, count = measure(dossier, args.runs)
        verdict = "OK" if median <= TARGET_MS else "AU-DESSUS DE L'OBJECTIF"
        print(f"{label} : médiane {median:.3f} ms, 95e centile {p95:.3f} ms, {count} verdicts, "
              f"{args.runs} mesures — {verdict}")
        ok = ok and (dossier is not full or median <= TARGET_MS)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
