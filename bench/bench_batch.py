"""Benchmark: a programme's year on the command line (issue 9). `main.py check` and `main.py export` of a
folder of 100 dossiers (Blois receives 66 to 84 a year) must take at most 20 s together on a 2-core machine,
using both cores.

    python bench/bench_batch.py [--dossiers 100] [--format both]

The dossiers are copies of the shipped examples with their own titles, in a throw-away folder. Each command
is one process, as a user runs it; the wall-clock time is what the user waits for, and the processor time of
the command and its workers divided by the wall-clock time says how many cores were busy (about 2 on a
2-core machine that nobody else uses). On a shared, busy machine the wall clock grows with the others' load:
the processor time is then the fairer figure.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from benchlib import EXAMPLES_DIR, ROOT, run_measured

from forms.batch import worker_count
from forms.storage import load_dossier, save_dossier

TARGET_S = 20.0


def make_library(folder: Path, count: int) -> None:
    examples = sorted(EXAMPLES_DIR.glob("*.cdv.json"))
    for i in range(count):
        dossier = load_dossier(examples[i % len(examples)])
        dossier.action.title = f"{dossier.action.title[:40]} n° {i + 1}"
        save_dossier(dossier, folder / f"dossier-{i + 1:03d}.cdv.json")


def run(command: list[str]) -> tuple[float, float, int]:
    """(wall-clock seconds, processor seconds of the command and its workers, exit code)."""
    wall, cpu, result = run_measured(command, stderr=subprocess.PIPE)
    if result.returncode not in (0, 1):
        raise RuntimeError(f"{' '.join(command)} : code {result.returncode}\n{result.stderr}")
    return wall, cpu, result.returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="check et export d'une année de dossiers.")
    parser.add_argument("--dossiers", type=int, default=100, help="nombre de dossiers (100)")
    parser.add_argument("--format", default="both", choices=("docx", "pdf", "both"))
    args = parser.parse_args(argv)
    main_py = str(ROOT / "main.py")
    with tempfile.TemporaryDirectory(prefix="bench-lot-") as tmp:
        library = Path(tmp) / "Dossiers"
        library.mkdir()
        make_library(library, args.dossiers)
        out = Path(tmp) / "exports"
        check = run([sys.executable, main_py, "check", str(library)])
        export = run([sys.executable, main_py, "export", str(library), "--out", str(out), "--format", args.format])
        written = len(list(out.iterdir()))
        shutil.rmtree(out)
    total_wall = check[0] + export[0]
    print(f"{args.dossiers} dossiers, {worker_count(args.dossiers)} processus de travail (cœurs utilisables)")
    for name, (wall, cpu, _code) in (("check", check), ("export", export)):
        print(f"main.py {name:<7} {wall:6.1f} s   processeur {cpu:6.1f} s   cœurs occupés {cpu / wall:4.2f}")
    print(f"fichiers exportés : {written}")
    cores = worker_count(args.dossiers)
    idle = (check[1] + export[1]) / cores
    print(f"Sur une machine libre à {cores} cœurs : ≈ {idle:.1f} s (temps processeur / cœurs)")
    verdict = "atteint" if total_wall <= TARGET_S else "NON atteint"
    print(f"Total {total_wall:.1f} s — objectif ≤ {TARGET_S:.0f} s : {verdict}")
    return 0 if total_wall <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
