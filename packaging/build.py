"""Build the application for installation, from the repository root (`./dev.sh package` runs it):

    python packaging/build.py bundle   the one-folder bundle (PyInstaller)   -> dist/dossier-cdv/
    python packaging/build.py icons    the icon in the hicolor sizes          -> build/icons/<taille>/
    python packaging/build.py deb      the Debian package (bundle included)   -> dist/<paquet>_<version>_<arch>.deb

Each step is skipped when what it reads has not changed since its last build (a hash of the sources,
resources, packaging files and pinned versions, kept beside the result); `--force` rebuilds.

The Debian package is made with dpkg-deb (no debian/ source tree to maintain: the package holds a
prebuilt bundle). It installs the bundle under /usr/lib/<paquet>/, the launcher /usr/bin/dossier-cdv,
the .desktop entry, the icons (hicolor), the AppStream metainfo and the MIME type of `*.cdv.json`. The
menus, the MIME database and the icon cache are refreshed by the dpkg triggers of desktop-file-utils,
shared-mime-info and hicolor-icon-theme: no maintainer script. Its dependencies are the system
libraries the bundle links to, as dpkg-shlibdeps finds them.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
DIST = ROOT / "dist"
BUILD = ROOT / "build"
SPEC = PACKAGING / "dossier-cdv.spec"
BUNDLE = DIST / "dossier-cdv"
ICONS = BUILD / "icons"

APP_ID = "fr.contratdeville.Dossier"
PACKAGE = "dossier-contrat-de-ville"
COMMAND = "dossier-cdv"
INSTALL_DIR = f"/usr/lib/{PACKAGE}"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
MAINTAINER = "Dossiers contrat de ville <contact@contratdeville.invalid>"
# The bundle's inputs: a change in any of them makes the next build a real one.
INPUTS = ("main.py", "gui", "forms", "rules", "resources", "packaging", "pyproject.toml", "constraints.txt")


class BuildError(RuntimeError):
    """A build step failed; the message says which and why (in French, for the person building)."""


def version() -> str:
    match = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    if not match:
        raise BuildError("pyproject.toml : version introuvable")
    return match.group(1)


def inputs_hash() -> str:
    """A hash of every file the bundle is made from, and of the Python running the build."""
    digest = hashlib.sha256(sys.version.encode())
    for name in INPUTS:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
        for file in files:
            if "__pycache__" in file.parts or file.suffix == ".pyc":
                continue
            digest.update(str(file.relative_to(ROOT)).encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()[:20]


def _up_to_date(stamp: Path, result: Path, key: str) -> bool:
    return result.exists() and stamp.is_file() and stamp.read_text(encoding="ascii").strip() == key


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(command, check=True, **kwargs)
    except FileNotFoundError:
        raise BuildError(f"commande introuvable : {command[0]}") from None
    except subprocess.CalledProcessError as exc:
        detail = "\n".join(str(exc.stderr or "").strip().splitlines()[-15:])  # the end of what it said
        raise BuildError(f"échec de : {command[0]} (code {exc.returncode})\n{detail}".rstrip()) from None


# ------------------------------------------------------------------------------------------- bundle
def build_bundle(force: bool = False) -> Path:
    """dist/dossier-cdv/: the PyInstaller one-folder bundle."""
    key = inputs_hash()
    stamp = DIST / "dossier-cdv.inputs"
    if not force and _up_to_date(stamp, BUNDLE / COMMAND, key):
        print(f"Bundle à jour : {BUNDLE}")
        return BUNDLE
    build_icons()  # the Windows and macOS builds take their icon from there
    stamp.unlink(missing_ok=True)
    run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
         "--distpath", str(DIST), "--workpath", str(BUILD / "pyinstaller"), str(SPEC)], cwd=ROOT)
    stamp.write_text(key + "\n", encoding="ascii")
    print(f"Bundle : {BUNDLE} ({folder_size(BUNDLE) / 1e6:.0f} Mo)")
    return BUNDLE


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


# -------------------------------------------------------------------------------------------- icons
def build_icons() -> Path:
    """build/icons/<n>x<n>/<app-id>.png for the hicolor sizes, rendered from the SVG icon with Qt."""
    svg = PACKAGING / f"{APP_ID}.svg"
    wanted = [ICONS / f"{n}x{n}" / f"{APP_ID}.png" for n in ICON_SIZES]
    if all(p.is_file() and p.stat().st_mtime >= svg.stat().st_mtime for p in wanted):
        return ICONS
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([sys.argv[0]])
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise BuildError(f"icône illisible : {svg}")
    for size, path in zip(ICON_SIZES, wanted, strict=True):
        image = QImage(size, size, QImage.Format.Format_ARGB32)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        renderer.render(painter)
        painter.end()
        path.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(path), "PNG"):
            raise BuildError(f"impossible d'écrire {path}")
    return ICONS


# ---------------------------------------------------------------------------------------------- deb
def deb_path() -> Path:
    arch = run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    return DIST / f"{PACKAGE}_{version()}_{arch}.deb"


def build_deb(force: bool = False) -> Path:
    """dist/<paquet>_<version>_<arch>.deb, from the bundle (built first when needed)."""
    bundle = build_bundle(force)
    target = deb_path()
    key = (DIST / "dossier-cdv.inputs").read_text(encoding="ascii").strip()
    stamp = target.with_suffix(".inputs")
    if not force and _up_to_date(stamp, target, key):
        print(f"Paquet à jour : {target}")
        return target
    build_icons()
    with tempfile.TemporaryDirectory(prefix="deb-", dir=BUILD) as tmp:
        tree = Path(tmp) / "root"
        fill_tree(tree, bundle)
        write_control(tree, depends=shlib_depends(tree))
        stamp.unlink(missing_ok=True)
        # zstd -9: 5 s of CPU where xz -6 takes 2 min, for 86 Mo instead of 69 (dpkg ≥ 1.21.18, Debian 12)
        run(["dpkg-deb", "--root-owner-group", "-Zzstd", "-z9", "--build", str(tree), str(target)],
            stdout=subprocess.DEVNULL)
    stamp.write_text(key + "\n", encoding="ascii")
    print(f"Paquet : {target} ({target.stat().st_size / 1e6:.0f} Mo)")
    return target


def _install(source: Path, dest: Path, mode: int = 0o644) -> None:
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, dest)
    dest.chmod(mode)


def fill_tree(tree: Path, bundle: Path) -> None:
    """The files of the package, as they will be on the user's system."""
    app_dir = tree / INSTALL_DIR.lstrip("/")
    shutil.copytree(bundle, app_dir, symlinks=True)
    for path in [app_dir, *app_dir.rglob("*")]:  # the usual modes, whatever the build machine's umask
        if path.is_symlink():
            continue
        executable = path.is_dir() or path.stat().st_mode & 0o111
        path.chmod(0o755 if executable else 0o644)
    share = tree / "usr" / "share"
    (tree / "usr" / "bin").mkdir(parents=True)
    (tree / "usr" / "bin" / COMMAND).symlink_to(f"../lib/{PACKAGE}/{COMMAND}")
    _install(PACKAGING / f"{APP_ID}.desktop", share / "applications" / f"{APP_ID}.desktop")
    _install(PACKAGING / f"{APP_ID}.metainfo.xml", share / "metainfo" / f"{APP_ID}.metainfo.xml")
    _install(PACKAGING / f"{APP_ID}.mime.xml", share / "mime" / "packages" / f"{APP_ID}.xml")
    hicolor = share / "icons" / "hicolor"
    _install(PACKAGING / f"{APP_ID}.svg", hicolor / "scalable" / "apps" / f"{APP_ID}.svg")
    for size in ICON_SIZES:
        name = f"{size}x{size}"
        _install(ICONS / name / f"{APP_ID}.png", hicolor / name / "apps" / f"{APP_ID}.png")
    _install(PACKAGING / "linux" / "copyright", share / "doc" / PACKAGE / "copyright")


def shlib_depends(tree: Path) -> str:
    """The Depends field: the Debian packages of the system libraries the bundle's programs link to.

    dpkg-shlibdeps reads every ELF file of the bundle; the libraries PyInstaller copied into the bundle
    are found there (-l) and need no package.
    """
    app_dir = tree / INSTALL_DIR.lstrip("/")
    elves = [p for p in app_dir.rglob("*") if p.is_file() and not p.is_symlink() and _is_elf(p)]
    lib_dirs = sorted({str(p.parent) for p in elves})
    with tempfile.TemporaryDirectory(prefix="shlibdeps-") as tmp:
        (Path(tmp) / "debian").mkdir()
        (Path(tmp) / "debian" / "control").write_text(
            f"Source: {PACKAGE}\n\nPackage: {PACKAGE}\nArchitecture: any\n", encoding="utf-8")
        result = run(["dpkg-shlibdeps", "-O", "--ignore-missing-info", "--warnings=0",
                      *(f"-l{d}" for d in lib_dirs), *map(str, elves)],
                     cwd=tmp, capture_output=True, text=True)
    match = re.search(r"^shlibs:Depends=(.*)$", result.stdout, re.M)
    return match.group(1).strip() if match else ""


def _is_elf(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"\x7fELF"


def write_control(tree: Path, depends: str) -> None:
    installed_kib = (folder_size(tree) + 1023) // 1024
    arch = run(["dpkg", "--print-architecture"], capture_output=True, text=True).stdout.strip()
    fields = {
        "Package": PACKAGE,
        "Version": version(),
        "Architecture": arch,
        "Maintainer": MAINTAINER,
        "Installed-Size": str(installed_kib),
        "Depends": depends,
        "Recommends": "shared-mime-info, desktop-file-utils, hicolor-icon-theme",
        "Section": "misc",
        "Priority": "optional",
        "Description": "préparer hors ligne une demande de subvention « contrat de ville »\n"
        " Une application de bureau pour préparer, sans connexion, le dossier de demande de\n"
        " subvention d'une association à l'appel à projets d'un contrat de ville (Blois,\n"
        " Amboise) : un assistant pas à pas, les vérifications au fil de la saisie et\n"
        " l'export du dossier complet en DOCX et en PDF.",
    }
    control = tree / "DEBIAN" / "control"
    control.parent.mkdir(parents=True)
    control.write_text("".join(f"{k}: {v}\n" for k, v in fields.items() if v), encoding="utf-8")
    sums = []
    for path in sorted(p for p in tree.rglob("*") if p.is_file() and not p.is_symlink()):
        relative = path.relative_to(tree)
        if relative.parts[0] != "DEBIAN":
            sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {relative}\n")
    (tree / "DEBIAN" / "md5sums").write_text("".join(sums), encoding="utf-8")


# ---------------------------------------------------------------------------------------------- cli
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Construit le bundle PyInstaller et le paquet Debian.")
    parser.add_argument("what", choices=("bundle", "icons", "deb"), help="ce qu'il faut construire")
    parser.add_argument("--force", action="store_true", help="reconstruire même si rien n'a changé")
    args = parser.parse_args(argv)
    BUILD.mkdir(exist_ok=True)
    DIST.mkdir(exist_ok=True)
    try:
        if args.what == "bundle":
            build_bundle(args.force)
        elif args.what == "icons":
            print(build_icons())
        else:
            print(build_deb(args.force))
    except BuildError as exc:
        print(f"Construction impossible : {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
