"""The application as people install it: the PyInstaller bundle and the Debian package built by
packaging/build.py, the package installed on this machine, the installed application started under a
real X server (Xvfb) the way a file manager starts it for a double-clicked dossier, the dossier exported
through the window, then the package removed.

Marked `packaging`: the first build takes about a minute (later runs reuse it while the sources do not
change), and the test installs a package on the system (as root, or with `sudo -n`). `./dev.sh test`
runs it; leave it out explicitly with `-m "not packaging"` or `DOSSIER_CDV_SKIP_PACKAGE=1`.
"""

from __future__ import annotations

import configparser
import importlib.util
import os
import shlex
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from forms.storage import load_dossier

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("packaging_build", ROOT / "packaging" / "build.py")
assert _spec and _spec.loader
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)

pytestmark = [
    pytest.mark.packaging,
    pytest.mark.skipif(bool(os.environ.get("DOSSIER_CDV_SKIP_PACKAGE")), reason="DOSSIER_CDV_SKIP_PACKAGE"),
]

APP_ID = build.APP_ID
PACKAGE = build.PACKAGE
EXAMPLE = ROOT / "resources" / "examples" / "blois-2023-insertion.cdv.json"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
QT_MODULES_USED = {"QtCore", "QtGui", "QtWidgets", "QtDBus"}  # QtDBus: loaded by QtGui on Linux


def as_root(command: list[str]) -> list[str]:
    return command if os.geteuid() == 0 else ["sudo", "-n", *command]


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("timeout", 600)
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{' '.join(command)} : code {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="module")
def deb() -> Path:
    """The package (and the bundle under dist/), built now or reused when nothing it reads has changed."""
    result = run([sys.executable, str(ROOT / "packaging" / "build.py"), "deb"], cwd=ROOT, timeout=1200)
    path = Path(result.stdout.strip().splitlines()[-1])
    assert path.is_file() and path.suffix == ".deb", result.stdout
    return path


@pytest.fixture(scope="module")
def bundle(deb: Path) -> Path:
    assert (build.BUNDLE / "dossier-cdv").is_file()
    return build.BUNDLE


# ------------------------------------------------------------------------------------------- bundle
def test_bundle_holds_the_data_the_fonts_and_only_qt_french(bundle: Path):
    internal = bundle / "_internal"
    for name in ("sources.yaml", "programmes/blois/appel-2023.yaml", "examples/blois-2023-insertion.cdv.json",
                 "fonts/DejaVuSans.ttf", "fonts/LICENSE", "geographie/qpv2024_blois_amboise.geojson",
                 "rules/regles.yaml", "budget/plan-comptable.yaml"):
        assert (internal / "resources" / name).is_file(), name
    assert (internal / "docx" / "templates" / "default-header.xml").is_file()  # python-docx's own templates
    translations = {p.name for p in (internal / "PySide6" / "Qt" / "translations").iterdir()}
    assert translations == {"qtbase_fr.qm"}


def test_bundle_carries_only_the_qt_modules_used(bundle: Path):
    internal = bundle / "_internal"
    modules = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.so")}
    assert modules == QT_MODULES_USED
    names = " ".join(p.name for p in internal.rglob("*"))
    for unused in ("WebEngine", "Qml", "Quick", "Qt63D", "Multimedia", "libQt6Network", "libqgtk3", "Wayland"):
        assert unused not in names, unused
    plugins = {p.name for p in (internal / "PySide6" / "Qt" / "plugins" / "platforms").iterdir()}
    assert plugins == {"libqxcb.so", "libqoffscreen.so", "libqminimal.so"}
    assert not [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()], "liens cassés"


def test_bundle_runs_the_commands_and_exports(bundle: Path, tmp_path: Path):
    env = {**os.environ, "DOSSIER_CDV_HOME": str(tmp_path / "home")}
    result = run([str(bundle / "dossier-cdv"), "--version"], env=env)
    assert result.stdout.strip() == f"dossier-cdv {build.version()}"
    result = run([str(bundle / "dossier-cdv"), "check", str(EXAMPLE)], env=env)
    assert "En résumé : 0 bloquant, 0 à corriger" in result.stdout
    run([str(bundle / "dossier-cdv"), "export", str(EXAMPLE), "--out", str(tmp_path / "out")], env=env)
    assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".docx", ".pdf"]


# ---------------------------------------------------------------------------------------------- deb
def test_package_fields_and_files(deb: Path, tmp_path: Path):
    fields = run(["dpkg-deb", "-f", str(deb), "Package", "Version", "Depends"]).stdout
    assert f"Package: {PACKAGE}\n" in fields
    assert f"Version: {build.version()}\n" in fields
    for library in ("libc6", "libxcb-cursor0", "libxkbcommon-x11-0", "libfontconfig1", "libgl1"):
        assert f" {library}" in fields, library
    tree = tmp_path / "tree"
    run(["dpkg-deb", "-x", str(deb), str(tree)])
    assert os.readlink(tree / "usr/bin/dossier-cdv") == f"../lib/{PACKAGE}/dossier-cdv"
    assert os.access(tree / "usr/lib" / PACKAGE / "dossier-cdv", os.X_OK)
    share = tree / "usr/share"
    desktop = share / "applications" / f"{APP_ID}.desktop"
    metainfo = share / "metainfo" / f"{APP_ID}.metainfo.xml"
    assert (share / "mime/packages" / f"{APP_ID}.xml").is_file()
    assert (share / "icons/hicolor/scalable/apps" / f"{APP_ID}.svg").is_file()
    for size in build.ICON_SIZES:
        image = QImage(str(share / f"icons/hicolor/{size}x{size}/apps/{APP_ID}.png"))
        assert (image.width(), image.height()) == (size, size)
    assert (share / "doc" / PACKAGE / "copyright").is_file()
    result = subprocess.run(["desktop-file-validate", str(desktop)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr
    run(["appstreamcli", "validate", "--no-net", str(metainfo)])


# ------------------------------------------------------------------------------- installed package
def installed_version() -> str:
    result = subprocess.run(["dpkg-query", "-W", "-f", "${Status} ${Version}", PACKAGE],
                            capture_output=True, text=True)
    return result.stdout.split()[-1] if result.stdout.startswith("install ok installed") else ""


APT = ["env", "DEBIAN_FRONTEND=noninteractive", "apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=300"]


def install(deb: Path) -> None:
    if os.geteuid() != 0 and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode != 0:
        pytest.fail("Installer le paquet demande root ou sudo sans mot de passe ; sinon lancez les tests avec "
                    '-m "not packaging" ou DOSSIER_CDV_SKIP_PACKAGE=1.')
    command = as_root([*APT, "install", "--reinstall", str(deb)])
    result = subprocess.run(command, capture_output=True, text=True, timeout=900)
    if result.returncode != 0:  # a dependency to download, with package lists never fetched on this machine
        run(as_root([*APT, "update", "-qq"]), timeout=900)
        run(command, timeout=900)


def uninstall() -> None:
    run(as_root([*APT, "purge", PACKAGE]), timeout=900)


def desktop_exec(path: Path) -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]["Exec"]


def launch_like_a_file_manager(exec_line: str, dossier: Path) -> list[str]:
    """The command a file manager runs for a double-clicked file (the desktop entry spec's %f)."""
    return [arg.replace("%f", str(dossier)) for arg in shlex.split(exec_line)]


def test_install_open_export_uninstall(deb: Path, x_display: str, tmp_path: Path):
    install(deb)
    try:
        assert installed_version() == build.version()
        assert shutil.which("dossier-cdv") == "/usr/bin/dossier-cdv"
        # the MIME type and the application that opens it, as the dpkg triggers registered them
        globs = Path("/usr/share/mime/globs2").read_text(encoding="utf-8")
        assert "application/x-dossier-contrat-de-ville:*.cdv.json" in globs
        cache = Path("/usr/share/applications/mimeinfo.cache").read_text(encoding="utf-8")
        assert f"application/x-dossier-contrat-de-ville={APP_ID}.desktop;" in cache
        assert Path(f"/usr/share/icons/hicolor/48x48/apps/{APP_ID}.png").is_file()
        run(["desktop-file-validate", f"/usr/share/applications/{APP_ID}.desktop"])
        run(["appstreamcli", "validate", "--no-net", f"/usr/share/metainfo/{APP_ID}.metainfo.xml"])

        home = tmp_path / "home"
        dossier = tmp_path / "Mon dossier.cdv.json"  # a space in the name, as people name their files
        shutil.copy(EXAMPLE, dossier)
        shots = tmp_path / "shots"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "DOSSIER_CDV_"))}
        env.update(DISPLAY=x_display, HOME=str(home), DOSSIER_CDV_HOME=str(home / "app"),
                   DOSSIER_CDV_SCREENSHOT_TOUR=str(shots), DOSSIER_CDV_TOUR_EXPORT="1",
                   XDG_RUNTIME_DIR=str(tmp_path / "run"))
        (tmp_path / "run").mkdir(mode=0o700)
        exec_line = desktop_exec(Path(f"/usr/share/applications/{APP_ID}.desktop"))
        command = launch_like_a_file_manager(exec_line, dossier)
        assert command[0] == "dossier-cdv"
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr

        for shot in ("00-bibliotheque.png", "01-appel.png", "10-verification.png"):
            image = QImage(str(shots / shot))
            assert (shots / shot).read_bytes()[:8] == PNG_SIGNATURE and not image.isNull(), shot
            colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
            assert len(colours) > 20, f"{shot} est (presque) vide"
        exported = [Path(line) for line in (shots / "exports.txt").read_text(encoding="utf-8").splitlines()]
        assert sorted(p.suffix for p in exported) == [".docx", ".pdf"]
        title = load_dossier(EXAMPLE).title
        docx, pdf = sorted(exported)
        with zipfile.ZipFile(docx) as archive:
            assert title.split()[0] in archive.read("word/document.xml").decode("utf-8")
        text = run(["pdftotext", str(pdf), "-"]).stdout
        assert title.split(":")[0].strip() in text
        assert load_dossier(dossier).meta.exported  # the window saved the dossier it exported
        # from the menu: no file, %f expands to nothing, the home window opens
        env.update(DOSSIER_CDV_SCREENSHOT_TOUR=str(tmp_path / "menu"))
        result = subprocess.run([arg.replace("%f", "") for arg in shlex.split(exec_line)], env=env,
                                capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        assert sorted(p.name for p in (tmp_path / "menu").iterdir()) == ["00-bibliotheque.png"]
        logs = "".join(p.read_text(encoding="utf-8", errors="replace") for p in (home / "app").rglob("*.log*"))
        assert "Traduction de Qt introuvable" not in logs  # Qt's own dialogs are in French
    finally:
        uninstall()
    assert installed_version() == ""
    assert not Path("/usr/bin/dossier-cdv").exists()
    assert not Path(f"/usr/lib/{PACKAGE}").exists()
    assert "cdv.json" not in Path("/usr/share/mime/globs2").read_text(encoding="utf-8")
