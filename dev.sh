#!/usr/bin/env bash
# One entry point for people and CI:
#   ./dev.sh run    set everything up, then open the application
#                   (without a screen: check and export an example dossier into ./out)
#   ./dev.sh test   set everything up, then run the linters and the whole test suite
#   ./dev.sh setup  only set everything up
#   ./dev.sh package  build the one-folder bundle and the Debian package into ./dist (packaging/build.py)
# It works on a fresh Debian machine with Python 3.11: it installs what it needs itself
# (a virtual environment with the Python packages, and the Debian packages the tests use),
# and does nothing again on a machine where everything is already there.
set -euo pipefail
cd "$(dirname "$0")"

VENV=.venv
PY="$VENV/bin/python"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null 2>&1; then sudo "$@"; else
        log "Il faut les droits administrateur pour installer : $*"; return 1; fi
}

APT_UPDATED=0
apt_install() {
    command -v apt-get >/dev/null 2>&1 || { log "apt-get absent : installez à la main $*"; return 1; }
    if [ "$APT_UPDATED" = 0 ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        APT_UPDATED=1
    fi
    log "Installation des paquets Debian : $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

have_lib() { ldconfig -p 2>/dev/null | grep -q "$1"; }

python_ok() {
    command -v python3 >/dev/null 2>&1 &&
        python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)'
}

setup_python() {
    python_ok || { log "Python 3.11 ou plus récent est nécessaire (python3)."; exit 1; }
    if [ ! -x "$PY" ]; then
        log "Création de l'environnement Python ($VENV)"
        if ! python3 -m venv "$VENV" 2>/dev/null; then
            rm -rf "$VENV"
            apt_install python3-venv
            python3 -m venv "$VENV"
        fi
    fi
    # Reinstall only when the declared dependencies or their pinned versions changed. Every package comes
    # at the exact version of constraints.txt: a new release arrives only when that file is changed on purpose.
    local stamp="$VENV/.installed-$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)"
    if [ ! -f "$stamp" ]; then
        log "Installation des paquets Python"
        "$PY" -m pip install -q --disable-pip-version-check -c constraints.txt --upgrade pip
        "$PY" -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[test]"
        rm -f "$VENV"/.installed-*
        touch "$stamp"
    fi
}

# Qt's own runtime libraries for a real window (X11/xcb): the packages of those that are missing.
QT_LIBS="libxcb-cursor.so.0:libxcb-cursor0 libxcb-icccm.so.4:libxcb-icccm4 libxcb-keysyms.so.1:libxcb-keysyms1
libxcb-image.so.0:libxcb-image0 libxcb-render-util.so.0:libxcb-render-util0 libxcb-shape.so.0:libxcb-shape0
libxkbcommon-x11.so.0:libxkbcommon-x11-0 libEGL.so.1:libegl1 libGL.so.1:libgl1
libfontconfig.so.1:libfontconfig1 libdbus-1.so.3:libdbus-1-3"

missing_qt_packages() {
    local lib
    for lib in $QT_LIBS; do
        have_lib "${lib%%:*}" || echo "${lib##*:}"
    done
}

# For the tests: Qt's libraries, Xvfb (a real X server without a screen) and xdotool (real key and pointer
# events through it), LibreOffice (the DOCX must open in it), poppler-utils (pdftotext, pdftoppm), the
# packaging validators, and gnome-keyring with dbus-run-session (the profiles' bank details in a real
# SecretService keyring).
setup_system_for_tests() {
    local pkgs
    mapfile -t pkgs < <(missing_qt_packages)
    command -v Xvfb >/dev/null 2>&1 || pkgs+=(xvfb xauth)
    command -v xdotool >/dev/null 2>&1 || pkgs+=(xdotool)  # real keys and wheel turns (tests/gui/test_real_input_xvfb.py)
    command -v soffice >/dev/null 2>&1 || pkgs+=(libreoffice-writer-nogui)
    command -v pdftotext >/dev/null 2>&1 || pkgs+=(poppler-utils)
    command -v desktop-file-validate >/dev/null 2>&1 || pkgs+=(desktop-file-utils)
    command -v appstreamcli >/dev/null 2>&1 || pkgs+=(appstream)
    # a real SecretService for the keyring tests (gnome-keyring under dbus-run-session)
    command -v gnome-keyring-daemon >/dev/null 2>&1 || pkgs+=(gnome-keyring)
    command -v dbus-run-session >/dev/null 2>&1 || pkgs+=(dbus-daemon)
    command -v dpkg-shlibdeps >/dev/null 2>&1 || pkgs+=(dpkg-dev)
    command -v update-mime-database >/dev/null 2>&1 || pkgs+=(shared-mime-info)
    if [ ${#pkgs[@]} -gt 0 ]; then apt_install "${pkgs[@]}"; fi
}

setup_system_for_window() {
    local pkgs
    mapfile -t pkgs < <(missing_qt_packages)
    if [ ${#pkgs[@]} -gt 0 ]; then apt_install "${pkgs[@]}" || true; fi
}

# PyInstaller (the [packaging] extra): only for building the package, and for the tests that build it.
setup_packaging() {
    local stamp="$VENV/.packaging-$(cat pyproject.toml constraints.txt | sha256sum | cut -c1-16)"
    if [ ! -f "$stamp" ]; then
        log "Installation de PyInstaller (construction du paquet)"
        "$PY" -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[test,packaging]"
        rm -f "$VENV"/.packaging-*
        touch "$stamp"
    fi
}

cmd_package() {
    setup_python
    setup_packaging
    command -v dpkg-shlibdeps >/dev/null 2>&1 || apt_install dpkg-dev
    "$PY" packaging/build.py deb "$@"
}

cmd_run() {
    setup_python
    if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
        setup_system_for_window
        exec "$PY" main.py "$@"
    fi
    log "Pas d'écran : vérification et export d'un dossier d'exemple dans ./out"
    exec "$PY" main.py demo --out out "$@"
}

cmd_test() {
    setup_python
    setup_system_for_tests
    setup_packaging  # tests/packaging builds the bundle and the package, installs and removes it
    log "ruff"
    "$VENV/bin/ruff" check .
    log "Contrats d'architecture (import-linter)"
    "$VENV/bin/lint-imports" --no-cache
    log "Tests"
    QT_QPA_PLATFORM=offscreen "$PY" -m pytest "$@"
}

case "${1:-run}" in
    run) shift || true; cmd_run "$@" ;;
    test) shift; cmd_test "$@" ;;
    setup) setup_python; setup_system_for_tests ;;
    package) shift; cmd_package "$@" ;;
    *) echo "usage : ./dev.sh [run|test|setup|package]" >&2; exit 2 ;;
esac
