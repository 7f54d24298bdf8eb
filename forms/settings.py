"""User settings, declared as data (key, default, type, label) and kept in platformdirs' config folder.

A damaged settings file never stops the application: it is set aside (renamed `*.endommage`) and the
defaults apply, so a user is never locked out by a file they cannot see.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from forms import paths
from forms.private_files import make_private_dir
from forms.storage import atomic_write_text


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: Any
    type: type
    label: str  # French, for a settings page


SPECS: tuple[SettingSpec, ...] = (
    SettingSpec("library_dir", "", str, "Dossier où sont rangés vos dossiers de demande"),
    SettingSpec("recent_files", [], list, "Dossiers ouverts récemment"),
    SettingSpec("last_folder", "", str, "Dernier dossier du disque utilisé pour importer ou exporter"),
    SettingSpec("window_geometry", "", str, "Taille et position de la fenêtre des dossiers"),
    SettingSpec("wizard_geometry", "", str, "Taille et position de la fenêtre d'un dossier"),
    SettingSpec("last_dossier", "", str, "Dossier ouvert à la fermeture"),
    SettingSpec("export_dir", "", str, "Dossier où enregistrer les exports DOCX et PDF"),
    SettingSpec("show_glossary", True, bool, "Afficher le panneau du glossaire"),
    SettingSpec("tour_seen", False, bool, "La visite guidée a été vue (elle ne revient plus d'elle-même)"),
    SettingSpec("pack_max_mb", 10, int, "Taille maximale d'une pièce du paquet d'envoi, en Mo"),
)
MAX_RECENT = 10


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.config_dir() / "settings.json"
        self._values: dict[str, Any] = {s.key: _copy(s.default) for s in SPECS}
        self._load()

    def _load(self) -> None:
        if not self.path.exists():
            return
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict):
                raise ValueError("not an object")
        except (OSError, ValueError):
            with contextlib.suppress(OSError):
                self.path.replace(self.path.with_name(self.path.name + ".endommage"))
            return
        for spec in SPECS:
            value = data.get(spec.key)
            if isinstance(value, spec.type) and not (spec.type is not bool and isinstance(value, bool)):
                if isinstance(value, list):  # e.g. recent files: paths only
                    value = [v for v in value if isinstance(v, str)]
                self._values[spec.key] = value

    def get(self, key: str) -> Any:
        return self._values[key]

    def set(self, key: str, value: Any) -> None:
        spec = next(s for s in SPECS if s.key == key)
        if not isinstance(value, spec.type):
            raise TypeError(f"{key}: {spec.type.__name__} attendu")
        self._values[key] = value

    def save(self) -> None:
        """Write the settings, keeping no more than needed: a dossier deleted or moved since (its folder is
        there, the file is not) is forgotten, as its name says who applied; one on a USB key that is not
        plugged in (its folder is missing too) is kept, it may come back."""
        self._values["recent_files"] = [p for p in self.get("recent_files") if not _gone(p)]
        if self.get("last_dossier") and _gone(self.get("last_dossier")):
            self._values["last_dossier"] = ""
        make_private_dir(self.path.parent)  # 0700: the settings name the dossiers last opened
        atomic_write_text(self.path, json.dumps(self._values, ensure_ascii=False, indent=2) + "\n", private=True)

    @property
    def library_dir(self) -> Path:
        value = self.get("library_dir")
        return Path(value) if value else paths.default_library_dir()

    def add_recent(self, path: Path | str) -> None:
        text = str(Path(path))
        recent = [p for p in self.get("recent_files") if p != text]
        self.set("recent_files", [text, *recent][:MAX_RECENT])

    def recent_files(self) -> list[Path]:
        return [Path(p) for p in self.get("recent_files") if Path(p).exists()]


def _gone(path: str) -> bool:
    """Whether the file was deleted or moved: its folder is there, it is not."""
    p = Path(path)
    return p.parent.is_dir() and not p.exists()


def _copy(value: Any) -> Any:
    return list(value) if isinstance(value, list) else value
