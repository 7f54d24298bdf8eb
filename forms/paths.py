"""Where the application keeps things on the user's machine (platformdirs, never hand-built paths).

`DOSSIER_CDV_HOME` puts everything (settings, profiles, logs, default library) under one private folder:
tests use it, and so can a trainer who wants a throw-away environment.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "dossier-contrat-de-ville"
APP_AUTHOR = False  # no vendor folder level on Windows
HOME_ENV = "DOSSIER_CDV_HOME"


def _private_home() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value) if value else None


def config_dir() -> Path:
    home = _private_home()
    return home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR))


def data_dir() -> Path:
    home = _private_home()
    return home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR))


def cache_dir() -> Path:
    """What the application can rebuild at any time (forms/data_cache.py: the programme data as loaded)."""
    home = _private_home()
    return home / "cache" if home else Path(platformdirs.user_cache_dir(APP_NAME, APP_AUTHOR))


def log_dir() -> Path:
    home = _private_home()
    return home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR))


def default_library_dir() -> Path:
    """The dossiers folder: under the user's documents, where people look for their files."""
    home = _private_home()
    if home:
        return home / "Dossiers contrat de ville"
    return Path(platformdirs.user_documents_dir()) / "Dossiers contrat de ville"
