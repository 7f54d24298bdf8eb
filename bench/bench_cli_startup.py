"""Benchmark: start-up of the command line (issue 9). `main.py check` of a dossier and `main.py programmes`
must take at most twice a bare `python -c "import yaml"` (the interpreter and the YAML reader, which any
command needs). Before issue 9, `check` took about 1.2 s, 0.5 s of it importing reportlab and python-docx.

    python bench/bench_cli_startup.py [--runs 7]

Each run is a new process, measured from outside by the processor time it used (user + system, POSIX:
the wall clock of a shared machine counts the other users' work); runs are interleaved so that a busy machine
slows every command alike, and the figures are medians. The dossier checked has no location (a location
needs shapely, which is then imported: that is the rule `qpv.localisation` at work, not start-up).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

from benchlib import REFERENCE_EXAMPLE, ROOT, run_measured

from forms.storage import load_dossier, save_dossier

TARGET_RATIO = 2.0


def _time(command: list[str]) -> float:
    """The processor time (user + system) the command used (see benchlib.run_measured)."""
    return run_measured(command)[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Démarrage de main.py check et programmes.")
    parser.add_argument("--runs", type=int, default=7, help="lancements de chaque commande (7)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as tmp:
        dossier = load_dossier(REFERENCE_EXAMPLE)
        for action in dossier.actions:
            action.location = None
        path = Path(tmp) / "dossier.cdv.json"
        save_dossier(dossier, path)
        commands = {
            'python -c "import yaml"': [sys.executable, "-c", "import yaml"],
            "main.py check": [sys.executable, str(ROOT / "main.py"), "check", str(path)],
            "main.py programmes": [sys.executable, str(ROOT / "main.py"), "programmes"],
        }
        for command in commands.values():  # warm the disk cache, not counted
            _time(command)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(_time(command))
    base = statistics.median(times['python -c "import yaml"'])
    print(f"Démarrage, {args.runs} lancements chacun (médianes, Python {sys.version.split()[0]})")
    worst = 0.0
    for name, values in times.items():
        median = statistics.median(values)
        ratio = median / base
        if name != 'python -c "import yaml"':
            worst = max(worst, ratio)
        print(f"{name:<28} {median * 1000:7.0f} ms   ×{ratio:4.2f}")
    verdict = "atteint" if worst <= TARGET_RATIO else "NON atteint"
    print(f"Objectif ≤ ×{TARGET_RATIO:.0f} : {verdict} (pire : ×{worst:.2f})")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
