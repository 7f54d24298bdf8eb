"""The real application under a real X server (Xvfb): a screenshot of the library and of each step.

Skipped when `Xvfb` is not installed (`.ci/run` and `./dev.sh` install it). The screenshots go to the
folder named by `DOSSIER_CDV_SCREENSHOTS` (default: a temporary folder), e.g. to refresh the README's:

    DOSSIER_CDV_SCREENSHOTS=docs/screenshots .venv/bin/python -m pytest tests/gui/test_screenshots_xvfb.py

(the README keeps the library and five main steps, reduced to 256 colours to stay small:
`Image.open(p).convert("RGB").quantize(256, dither=Image.Dither.NONE).save(p, optimize=True)` with Pillow).

The application is driven from outside by its screenshot tour (gui/screenshot_tour.py,
`DOSSIER_CDV_SCREENSHOT_TOUR=<folder> python main.py --dossier FILE`).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from xvfb_helpers import private_xvfb

from forms.model import TransversalAnswer
from forms.steps import STEP_IDS
from forms.storage import load_dossier, save_dossier
from gui.screenshot_tour import DOSSIER_SIZE, LIBRARY_SHOT, LIBRARY_SIZE, TOUR_ENV, step_shot_name

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "resources" / "examples"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    """A private X server: Xvfb picks a free display itself and writes its number once it accepts clients."""
    with private_xvfb(tmp_path) as display:
        yield display


def distinct_colours(image: QImage, step: int = 7) -> int:
    """The number of different colours on a grid of pixels (a blank image has one)."""
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


def check_png(path: Path, size) -> None:
    assert path.read_bytes()[:8] == PNG_SIGNATURE, path
    image = QImage(str(path))
    assert not image.isNull(), path
    assert (image.width(), image.height()) == (size.width(), size.height()), path
    assert distinct_colours(image) > 20, f"{path.name} is (almost) blank"


@pytest.fixture
def home() -> Iterator[Path]:
    """A private home with a short name: the review page shows the export folder under it."""
    with tempfile.TemporaryDirectory(prefix="cdv-") as folder:
        yield Path(folder)


def library_with_examples(home: Path) -> Path:
    """The shipped examples in the default library; returns the Blois 2023 one, given a few problems so
    that the step list and the review show every state (done, in progress, to correct)."""
    library = home / "Dossiers contrat de ville"  # the default library under DOSSIER_CDV_HOME
    library.mkdir(parents=True)
    for example in sorted(EXAMPLES.glob("*.cdv.json")):
        shutil.copy(example, library / example.name)
    path = library / "blois-2023-insertion.cdv.json"
    dossier = load_dossier(path)
    dossier.association.identity.siret = ""
    dossier.action.transversal["numerique"] = TransversalAnswer()
    dossier.attestation.cer_subscribed = False
    save_dossier(dossier, path)
    return path


def run_tour(home: Path, dossier: Path, folder: Path, **platform: str) -> subprocess.CompletedProcess:
    """`python main.py --dossier FILE` with the screenshot tour, as a user would start it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "DOSSIER_CDV_", "DISPLAY"))}
    env.update(DOSSIER_CDV_HOME=str(home), **{TOUR_ENV: str(folder)}, **platform)
    return subprocess.run([sys.executable, "main.py", "--dossier", str(dossier)], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=180)


@pytest.mark.xvfb
@pytest.mark.skipif(shutil.which("Xvfb") is None, reason="Xvfb n'est pas installé")
def test_a_screenshot_of_each_step_under_a_real_x_server(qapp, x_display, home, tmp_path) -> None:
    dossier = library_with_examples(home)
    folder = Path(os.environ.get("DOSSIER_CDV_SCREENSHOTS") or tmp_path / "screenshots")
    result = run_tour(home, dossier, folder, DISPLAY=x_display, QT_QPA_PLATFORM="xcb")
    assert result.returncode == 0, result.stderr
    check_shots(folder)


def test_the_tour_without_an_x_server(qapp, home, tmp_path) -> None:
    """The hook itself, where there is no Xvfb: the same files, drawn by the offscreen platform."""
    folder = tmp_path / "screenshots"
    result = run_tour(home, library_with_examples(home), folder, QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 0, result.stderr
    check_shots(folder)


def test_the_tour_ends_when_the_dossier_cannot_be_opened(qapp, home, tmp_path) -> None:
    folder = tmp_path / "screenshots"
    result = run_tour(home, tmp_path / "absent.cdv.json", folder, QT_QPA_PLATFORM="offscreen")
    assert result.returncode == 1
    assert "Captures d'écran impossibles" in result.stderr and "absent.cdv.json" in result.stderr
    assert [p.name for p in folder.iterdir()] == [LIBRARY_SHOT]


def check_shots(folder: Path) -> None:
    check_png(folder / LIBRARY_SHOT, LIBRARY_SIZE)
    shots = [folder / step_shot_name(n, step) for n, step in enumerate(STEP_IDS, start=1)]
    assert [p.name for p in shots if not p.is_file()] == []
    assert len(shots) == 10
    for path in shots:
        check_png(path, DOSSIER_SIZE)
    # each step looks different (the window did move from step to step)
    assert len({p.read_bytes() for p in shots}) == 10
