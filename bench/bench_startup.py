"""Cold start: from process start to the main window shown (offscreen), for `python main.py` and, for
comparison, a bare PySide6 QWizard window. Each run is a new process.

    python bench/bench_startup.py [--runs 7]

The application's own bench mode (`DOSSIER_CDV_BENCH_QUIT=1`, see gui/app.py) prints `shown <seconds>`
once its window has painted itself the first time, then quits. The caller passes `DOSSIER_CDV_BENCH_T0`, the time
just before starting the process, so both measures include the interpreter's own start-up. The library
holds the shipped example dossiers, in a throw-away `DOSSIER_CDV_HOME`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BARE_QWIZARD = r"""
import os, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWizard, QWizardPage

start = float(os.environ["DOSSIER_CDV_BENCH_T0"])
app = QApplication(sys.argv[:1])
wizard = QWizard()
page = QWizardPage()
page.setTitle("Page")
QVBoxLayout(page).addWidget(QLabel("Bonjour"))
wizard.addPage(page)

class Watcher(QObject):
    done = False
    def eventFilter(self, watched, event):
        if not self.done and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.report)
        return False
    def report(self):
        print(f"shown {time.time() - start:.4f}", flush=True)
        app.quit()

watcher = Watcher()
wizard.installEventFilter(watcher)
wizard.show()
sys.exit(app.exec())
"""


def measure(command: list[str], env: dict[str, str]) -> float:
    env = {**env, "DOSSIER_CDV_BENCH_T0": repr(time.time())}
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    for line in result.stdout.splitlines():
        if line.startswith("shown "):
            return float(line.split()[1])
    raise RuntimeError(f"pas de mesure ({' '.join(command)}) :\n{result.stdout}\n{result.stderr}")


def prepare_home(home: Path) -> dict[str, str]:
    library = home / "Dossiers contrat de ville"
    library.mkdir(parents=True)
    for example in sorted((ROOT / "resources" / "examples").glob("*.cdv.json")):
        shutil.copy(example, library / example.name)
    env = dict(os.environ)
    env.update(QT_QPA_PLATFORM="offscreen", DOSSIER_CDV_HOME=str(home), DOSSIER_CDV_BENCH_QUIT="1")
    return env


def describe(name: str, values: list[float]) -> str:
    return (f"{name:<28} médiane {statistics.median(values) * 1000:7.0f} ms   "
            f"min {min(values) * 1000:7.0f} ms   max {max(values) * 1000:7.0f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Temps de démarrage à froid (fenêtre affichée, hors écran).")
    parser.add_argument("--runs", type=int, default=7, help="nombre de lancements de chaque programme (7)")
    parser.add_argument("--bundle", type=Path, metavar="PROGRAMME",
                        help="mesure aussi ce programme construit par PyInstaller (dist/dossier-cdv/dossier-cdv)")
    args = parser.parse_args(argv)
    if args.bundle:
        return compare_bundle(args.bundle, args.runs)
    with tempfile.TemporaryDirectory(prefix="bench-cdv-") as tmp:
        env = prepare_home(Path(tmp))
        app_cmd = [sys.executable, str(ROOT / "main.py")]
        bare_cmd = [sys.executable, "-c", BARE_QWIZARD]
        measure(app_cmd, env)  # one run to warm the disk cache, not counted: both get the same treatment
        measure(bare_cmd, env)
        app_times, bare_times = [], []
        for _ in range(args.runs):  # interleaved, so a busy machine slows both alike
            app_times.append(measure(app_cmd, env))
            bare_times.append(measure(bare_cmd, env))
    ratio = statistics.median(app_times) / statistics.median(bare_times)
    python = sys.version.split()[0]
    print(f"Démarrage à froid, {args.runs} lancements chacun (QT_QPA_PLATFORM=offscreen, Python {python})")
    print(describe("python main.py", app_times))
    print(describe("QWizard PySide6 nu", bare_times))
    print(f"{'rapport (médianes)':<28} {ratio:.2f}")
    return 0


def compare_bundle(program: Path, runs: int) -> int:
    """The installed form (PyInstaller one-folder) against `python main.py`, same home, interleaved."""
    with tempfile.TemporaryDirectory(prefix="bench-cdv-") as tmp:
        env = prepare_home(Path(tmp))
        app_cmd = [sys.executable, str(ROOT / "main.py")]
        bundle_cmd = [str(program.resolve())]
        measure(app_cmd, env)
        measure(bundle_cmd, env)
        app_times, bundle_times = [], []
        for _ in range(runs):
            app_times.append(measure(app_cmd, env))
            bundle_times.append(measure(bundle_cmd, env))
    print(f"Démarrage à froid, {runs} lancements chacun (QT_QPA_PLATFORM=offscreen)")
    print(describe("python main.py", app_times))
    print(describe("bundle PyInstaller", bundle_times))
    print(f"{'rapport (médianes)':<28} {statistics.median(bundle_times) / statistics.median(app_times):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
