"""A whole dossier typed by hand into the real application, under a real X server (issue 8).

`python main.py` is started as a user starts it, on a private Xvfb at 1366×768; `xdotool` sends real key
and pointer events through the X server: it creates a dossier in the library (Ctrl+N, the territory typed
in its list), fills the steps with the keyboard (Suivant with Alt+S, Tab and Shift+Tab, dates typed
`1/3/2023`, `31.12.2023`, `05032023`, counts and amounts with spaces and a no-break space, a check box
ticked with Space, the cursor put in the first field of each step), turns the wheel over a page of
fields, exports (Alt+X, « Oui »), closes (Ctrl+W, Ctrl+Q), starts the application again and opens the
dossier with Entrée in the library. At the first start the guided tour shows: Échap skips it, as a user
who does not want it would. Then it reads the saved dossier and the PDF and compares them with what was typed.

Nothing waits a fixed time: each step waits for its effect (a window of that name, the autosaved file
holding the value, the PDF on disk, the process ending). With `DOSSIER_CDV_SCREENSHOTS=<folder>`, one
screenshot per step is kept there.

Skipped when Xvfb or xdotool is missing (`./dev.sh test` installs both). Marked `xvfb` (about a minute).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from xvfb_helpers import private_xvfb

from forms.programmes import default_catalogue
from forms.storage import load_dossier

pytestmark = [
    pytest.mark.gui, pytest.mark.xvfb,
    pytest.mark.skipif(not (shutil.which("Xvfb") and shutil.which("xdotool")), reason="Xvfb et xdotool requis"),
]

ROOT = Path(__file__).resolve().parents[2]
SCREEN = "1366x768x24"
TITLE = "Atelier couture du quartier"
ASSOCIATION = "Les Amis du Quartier Nord"
SIRET = "12345678200010"
START, END, SIGNED = "1/3/2023", "31.12.2023", "05032023"
AMOUNT = "1 234,50"
WAIT = 30.0  # seconds at most for any effect


class Session:
    """The application and xdotool on one X display."""

    def __init__(self, display: str, home: Path, shots: Path | None) -> None:
        self.display = display
        self.home = home
        self.shots = shots
        self.shot_number = 0
        self.env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb", DOSSIER_CDV_HOME=str(home),
                        LANG="fr_FR.UTF-8", LC_ALL="")
        self.env.pop("WAYLAND_DISPLAY", None)
        self.app: subprocess.Popen[bytes] | None = None

    # ----------------------------------------------------------------- the application
    def start(self) -> None:
        with (self.home / "app-stderr.log").open("ab") as err:
            self.app = subprocess.Popen([sys.executable, "main.py"], cwd=ROOT, env=self.env,
                                        stdout=subprocess.DEVNULL, stderr=err)

    def wait_exit(self) -> int:
        assert self.app is not None
        return self.app.wait(timeout=WAIT)

    def stop(self) -> None:
        if self.app is not None and self.app.poll() is None:
            self.app.terminate()
            try:
                self.app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.app.kill()
                self.app.wait(timeout=10)

    # ----------------------------------------------------------------- xdotool
    def xdo(self, *args: str) -> str:
        result = subprocess.run(["xdotool", *args], env=self.env, capture_output=True, text=True, timeout=WAIT)
        return result.stdout.strip()

    def window(self, name: str) -> str:
        """Wait for a visible window whose title contains `name`; focus it; its id."""
        found = wait_for(lambda: self.xdo("search", "--onlyvisible", "--name", name).split(), f"fenêtre {name}",
                         self)
        window = found[-1]
        self.xdo("windowfocus", "--sync", window)
        return window

    def visible(self, name: str) -> list[str]:
        return self.xdo("search", "--onlyvisible", "--name", name).split()

    def skip_first_start_tour(self, library: str) -> None:
        """At the first start, the guided tour (« Visite guidée ») shows over the library: Échap ends it, as
        a user who does not want it does; it must then be gone, remembered (`tour_seen`) and the library
        must have the keyboard again."""
        self.window("Visite guidée")
        self.shot("visite-guidee")
        self.key("Escape")
        wait_for(lambda: not self.visible("Visite guidée"), "la visite guidée fermée par Échap", self)
        settings = self.home / "config" / "settings.json"
        wait_for(lambda: settings.is_file() and json.loads(settings.read_text(encoding="utf-8")).get("tour_seen"),
                 "la visite marquée comme vue", self)
        self.xdo("windowfocus", "--sync", library)

    def type(self, text: str) -> None:
        self.xdo("type", "--delay", "20", "--", text)

    def key(self, *keys: str) -> None:
        self.xdo("key", "--delay", "40", *keys)

    def wheel(self, window: str, notches: int) -> None:
        """Turn the wheel over the middle of the window (the page of fields)."""
        self.xdo("mousemove", "--window", window, "600", "400")
        self.xdo("click", "--repeat", str(notches), "--delay", "30", "5")

    def shot(self, name: str) -> None:
        if self.shots is None:
            return
        self.shot_number += 1
        path = self.shots / f"{self.shot_number:02d}-{name}.png"
        code = ("import sys; from PySide6.QtGui import QGuiApplication; app = QGuiApplication(sys.argv[:1]); "
                f"QGuiApplication.primaryScreen().grabWindow(0).save({str(path)!r})")
        subprocess.run([sys.executable, "-c", code], env=self.env, timeout=WAIT, check=False)

    # ----------------------------------------------------------------- the files
    def dossier_files(self) -> list[Path]:
        return sorted((self.home / "Dossiers contrat de ville").glob("*.cdv.json"))

    def saved(self) -> dict:
        files = self.dossier_files()
        return json.loads(files[0].read_text(encoding="utf-8")) if len(files) == 1 else {}


def wait_for(condition: Callable[[], object], what: str, session: Session | None = None) -> object:
    """Poll `condition` until it is true (at most WAIT seconds); its value. A screenshot when it never is."""
    deadline = time.monotonic() + WAIT
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            if session is not None:
                session.shot("echec")
            pytest.fail(f"attendu en vain : {what}")
        time.sleep(0.1)


def saved_value(session: Session, *keys: str | int) -> object:
    value: object = session.saved()
    for key in keys:
        if isinstance(value, dict):
            value = value.get(key)  # type: ignore[arg-type]
        elif isinstance(value, list) and isinstance(key, int) and key < len(value):
            value = value[key]
        else:
            return None
    return value


@pytest.fixture
def x_display(tmp_path: Path) -> Iterator[str]:
    """A private Xvfb at 1366×768, the common laptop screen."""
    with private_xvfb(tmp_path, SCREEN) as display:
        yield display


@pytest.fixture
def session(x_display: str, tmp_path: Path) -> Iterator[Session]:
    folder = os.environ.get("DOSSIER_CDV_SCREENSHOTS")
    shots = Path(folder) if folder else None
    if shots is not None:
        shots.mkdir(parents=True, exist_ok=True)
    running = Session(x_display, tmp_path / "home", shots)
    running.home.mkdir()
    yield running
    running.stop()


def first_budget_line() -> str:
    """The first line of the charges table, where Tab then typing lands."""
    plan = default_catalogue().budget_plan
    return next(line.code for category in plan.categories if category.side == "charges" for line in category.lines)


def test_a_dossier_typed_by_hand_with_real_keys(session: Session) -> None:
    s = session
    s.start()
    library = s.window("Dossiers contrat de ville")
    s.skip_first_start_tour(library)
    s.shot("bibliotheque")

    # ---- a new dossier from the library: Ctrl+N, the territory typed in its list, the title, Entrée
    s.key("ctrl+n")
    s.window("Nouveau dossier")
    s.type("Blois")
    s.key("Tab", "Tab")
    s.type(TITLE)
    s.shot("nouveau-dossier")
    s.key("Return")
    wizard = s.window(TITLE)
    wait_for(s.dossier_files, "le fichier du dossier", s)
    s.shot("appel")

    # ---- Association: Suivant puts the cursor in the first field
    s.key("alt+s")
    s.type(ASSOCIATION)
    s.key("Tab", "Tab", "Tab")  # Sigle, Site internet: left empty
    s.type(SIRET)
    wait_for(lambda: saved_value(s, "association", "identity", "siret") == SIRET, "le SIRET enregistré", s)
    s.shot("association")

    # ---- L'action: dates with slashes and dots, a count typed twice (Shift+Tab), the wheel over the page
    s.key("alt+s")
    s.key("Tab", "Tab", "Tab", "Tab")  # title already given; frequency, objectives, description
    s.type(START)
    s.key("Tab")
    s.type(END)
    s.key("Tab", "Tab", "Tab", "Tab", "Tab", "Tab")  # duration, places, partners, people, equipment
    s.type("12")
    s.key("Tab")
    s.type("0,5")
    s.key("shift+Tab")  # back to the volunteers: the 12 is selected and typed over
    s.type("15")
    s.wheel(wizard, 3)
    s.key("Tab")
    wait_for(lambda: saved_value(s, "actions", 0, "volunteers_involved") == 15, "les bénévoles enregistrés",
             s)
    s.shot("action")

    # ---- Les enjeux: Space ticks the first one
    s.key("alt+s")
    s.key("space")
    wait_for(lambda: saved_value(s, "actions", 0, "enjeux"), "l'enjeu coché enregistré", s)
    s.shot("enjeux")

    # ---- Le public: counts with a thousands space
    s.key("alt+s", "alt+s")  # les priorités transversales, then le public
    s.type("Des femmes du quartier.")
    s.key("Tab")
    s.type("1 240")  # (a no-break space is tested with pytest-qt: xdotool loses the keys after one)
    s.key("Tab")
    s.type("1 200")
    s.key("Tab")
    s.type("40")
    s.key("Tab")
    wait_for(lambda: saved_value(s, "actions", 0, "public", "men") == 40, "le public enregistré", s)
    s.shot("public")

    # ---- Le budget: the year typed over the call's, an amount in the first cell of the charges
    s.key("alt+s")
    s.type("2023")
    s.key("Tab")
    s.type(AMOUNT)
    s.key("Return")
    line = first_budget_line()
    wait_for(lambda: saved_value(s, "actions", 0, "budget", "lines", line) == 123450, "le montant enregistré", s)
    s.shot("budget")

    # ---- L'attestation: the date of signature typed without separators
    s.key("alt+s", "alt+s")  # les documents, then l'attestation
    s.key("space")  # the association subscribes to the CER
    s.key(*["Tab"] * 11)
    s.type(SIGNED)
    s.key("Tab")
    wait_for(lambda: saved_value(s, "attestation", "date") == "2023-03-05",
             "la date de signature enregistrée", s)
    s.shot("attestation")

    # ---- Vérifier et exporter: Alt+X, « Oui » to export despite what is still missing
    s.key("alt+s")
    s.key("alt+x")
    s.window("Exporter malgré")
    s.key("Return")
    exports = s.home / "Dossiers contrat de ville" / "Exports"
    pdf = wait_for(lambda: sorted(exports.glob("*.pdf")), "le PDF exporté", s)[0]  # type: ignore[index]
    s.shot("verification")

    # ---- close the dossier and the application, start again: the dossier comes back
    s.xdo("windowfocus", "--sync", wizard)
    s.key("ctrl+w")
    s.window("Dossiers contrat de ville")
    s.key("ctrl+q")
    assert s.wait_exit() == 0
    s.start()
    s.window("Dossiers contrat de ville")
    s.key("Return")  # Entrée opens the dossier chosen in the library (the tour, seen, does not come back)
    s.window(TITLE)
    assert not s.visible("Visite guidée")
    s.shot("reouverture")
    s.key("ctrl+w")
    s.window("Dossiers contrat de ville")
    s.key("ctrl+q")
    assert s.wait_exit() == 0
    del library

    # ---- what was typed is in the file...
    [path] = s.dossier_files()
    dossier = load_dossier(path)
    action = dossier.action
    assert dossier.association.identity.name == ASSOCIATION
    assert dossier.association.identity.siret == SIRET
    assert action.title == TITLE
    assert (action.start_date.isoformat(), action.end_date.isoformat()) == ("2023-03-01", "2023-12-31")
    assert (action.volunteers_involved, str(action.staff_etpt)) == (15, "0.5")
    assert (action.public.total, action.public.women, action.public.men) == (1240, 1200, 40)
    assert action.budget.year == 2023 and action.budget.lines[line] == 123450
    assert dossier.attestation.cer_subscribed and dossier.attestation.date.isoformat() == "2023-03-05"
    assert action.enjeux
    # ...and in the PDF
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    for expected in (TITLE, ASSOCIATION, "1 234,50", "1er mars 2023", "31 décembre 2023"):
        assert " ".join(expected.split()) in text.replace("\u202f", " ").replace("\u00a0", " "), expected
