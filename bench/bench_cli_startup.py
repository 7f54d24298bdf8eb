"""Benchmark: start-up of the command line (issue 9). `main.py check` of a dossier and `main.py programmes`
must take at most twice a bare `python -c "import yaml"` (the interpreter and the YAML reader, which any
command needs). Before issue 9, `check` took about 1.2 s, 0.5 s of it importing reportlab and python-docx.

    python bench/bench_cli_startup.py [--runs 7]

Each run is a new process, measured from outside by the processor time it used (user + system, POSIX:
the wall clock of a shared machine counts the other users' work); runs are interleaved so that a busy machine
slows every command alike, and the figures are medians. The dossier checked has no location (a location
needs shapely, which is then imported: that is the rule `qpv.localisation` at work, not start-up).

The commands run as an installed application runs them: with Python's bytecode caches (in a temporary
folder, PYTHONPYCACHEPREFIX, even when PYTHONDONTWRITEBYTECODE is set: compiling every module again on each
start would measure the compiler, not the application) and with the user's cache of the programme data
(forms/data_cache.py) in a private home (DOSSIER_CDV_HOME), built by the first, uncounted run. The first
start after the data changed, which rebuilds that cache, is shown apart ("données modifiées").
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from benchlib import REFERENCE_EXAMPLE, ROOT

from forms.storage import load_dossier, save_dossier

TARGET_RATIO = 2.0


def _time(command: list[str], env: dict[str, str]) -> float:
    """The processor time (user + system) the command used: on a shared, busy machine the wall clock
    mostly measures the others' work; the processor time is what the command costs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


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
        env = dict(os.environ, PYTHONPYCACHEPREFIX=str(Path(tmp) / "pycache"), DOSSIER_CDV_HOME=str(Path(tmp) / "home"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        commands = {
            'python -c "import yaml"': [sys.executable, "-c", "import yaml"],
            "main.py check": [sys.executable, str(ROOT / "main.py"), "check", str(path)],
            "main.py programmes": [sys.executable, str(ROOT / "main.py"), "programmes"],
        }
        for command in commands.values():  # warm the disk and bytecode caches, not counted
            _time(command, env)
        times: dict[str, list[float]] = {name: [] for name in commands}
        rebuilds: list[float] = []
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(_time(command, env))
            for cached in (Path(tmp) / "home" / "cache").glob("*.cache"):
                cached.unlink()
            rebuilds.append(_time(commands["main.py check"], env))
    base = statistics.median(times['python -c "import yaml"'])
    print(f"Démarrage, {args.runs} lancements chacun (médianes, Python {sys.version.split()[0]})")
    worst = 0.0
    for name, values in times.items():
        median = statistics.median(values)
        ratio = median / base
        if name != 'python -c "import yaml"':
            worst = max(worst, ratio)
        print(f"{name:<28} {median * 1000:7.0f} ms   ×{ratio:4.2f}")
    rebuild = statistics.median(rebuilds)
    print(f"{'(check, données modifiées)':<28} {rebuild * 1000:7.0f} ms   ×{rebuild / base:4.2f}  (hors objectif)")
    verdict = "atteint" if worst <= TARGET_RATIO else "NON atteint"
    print(f"Objectif ≤ ×{TARGET_RATIO:.0f} : {verdict} (pire : ×{worst:.2f})")
    return 0 if worst <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
