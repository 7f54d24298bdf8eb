"""Linux packaging files: the .desktop entry, AppStream metadata, MIME type, icon, PyInstaller spec."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
APP_ID = "fr.contratdeville.Dossier"
DESKTOP = PACKAGING / f"{APP_ID}.desktop"
METAINFO = PACKAGING / f"{APP_ID}.metainfo.xml"
MIME = PACKAGING / f"{APP_ID}.mime.xml"


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(DESKTOP, encoding="utf-8")
    return parser["Desktop Entry"]


def test_desktop_entry_fields():
    entry = desktop_entry()
    assert entry["Type"] == "Application"
    assert entry["Exec"].split()[0] == "dossier-cdv"  # the [project.scripts] entry point
    assert entry["Icon"] == APP_ID
    assert "application/x-dossier-contrat-de-ville;" in entry["MimeType"]
    assert 'dossier-cdv = "main:main"' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_desktop_entry_matches_the_application():
    from gui import app

    assert app.DESKTOP_FILE == APP_ID
    assert desktop_entry()["StartupWMClass"] == app.APP_NAME


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-validate absent")
def test_desktop_file_validate():
    result = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstreamcli absent")
def test_appstream_metainfo_validates():
    result = subprocess.run(["appstreamcli", "validate", "--no-net", str(METAINFO)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_metainfo_names_the_desktop_file_and_mime_type():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == APP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.find("provides/mediatype").text == "application/x-dossier-contrat-de-ville"
    mime = ET.parse(MIME).getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    assert mime.find("m:mime-type", ns).get("type") == "application/x-dossier-contrat-de-ville"
    assert mime.find("m:mime-type/m:glob", ns).get("pattern") == "*.cdv.json"
    ET.parse(PACKAGING / f"{APP_ID}.svg")  # the icon is well-formed


def test_pyinstaller_spec_lists_every_resource():
    spec = (PACKAGING / "dossier-cdv.spec").read_text(encoding="utf-8")
    block = re.search(r"RESOURCES = \[(.*?)\]", spec, re.S)
    assert block
    listed = set(re.findall(r'"([^"]+)"', block.group(1)))
    present = {p.name for p in (ROOT / "resources").iterdir() if not p.name.startswith((".", "__"))}
    assert present - listed == set(), "à ajouter à RESOURCES dans packaging/dossier-cdv.spec"
    assert listed - present == set(), "listé dans packaging/dossier-cdv.spec mais absent de resources/"


def test_desktop_entry_opens_a_dossier_and_starts_without_one():
    """Exec passes a double-clicked dossier as --dossier=FILE; from the menu (no file) %f expands to nothing."""
    import main

    exec_line = desktop_entry()["Exec"]
    assert exec_line == "dossier-cdv --dossier=%f"
    assert main.gui_only(["--dossier=/home/a/Mon dossier.cdv.json"]) == (True, "/home/a/Mon dossier.cdv.json")
    assert main.gui_only(["--dossier=/home/a/renommé.json"]) == (True, "/home/a/renommé.json")
    assert main.gui_only(["--dossier="]) == (True, None)


def test_application_has_its_icon(qapp):
    from gui import app

    assert app.ICON_FILE.is_file()
    application = app.create_application()
    assert not application.windowIcon().isNull()
    assert application.windowIcon().pixmap(48, 48).width() == 48


def test_every_packaging_file_gives_the_same_version():
    import main

    pyproject = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    spec = re.search(r'^VERSION = "([^"]+)"', (PACKAGING / "dossier-cdv.spec").read_text(encoding="utf-8"), re.M)
    iss = re.search(r'^#define AppVersion "([^"]+)"',
                    (PACKAGING / "windows" / "dossier-cdv.iss").read_text(encoding="utf-8"), re.M)
    releases = [r.get("version") for r in ET.parse(METAINFO).getroot().iter("release")]
    assert pyproject and spec and iss
    assert {pyproject.group(1), spec.group(1), iss.group(1), releases[0]} == {main.VERSION}


def test_inno_setup_script_installs_per_user_in_french_with_the_dossier_association():
    iss = (PACKAGING / "windows" / "dossier-cdv.iss").read_text(encoding="utf-8")
    assert "PrivilegesRequired=lowest" in iss
    assert 'MessagesFile: "compiler:Languages\\French.isl"' in iss
    assert "ChangesAssociations=yes" in iss
    assert '--dossier ""%1""' in iss
    assert 'Source: "..\\..\\dist\\dossier-cdv\\*"' in iss
