"""Calls for projects dropped into the user's data folder: a new year's call, or a corrected one, without
reinstalling the application.

The folder is `programmes/` in the application's data folder (forms.paths.data_dir(): on Linux
`~/.local/share/dossier-contrat-de-ville/programmes/`, on Windows `%LOCALAPPDATA%\\dossier-contrat-de-ville\\
programmes\\`, on macOS `~/Library/Application Support/dossier-contrat-de-ville/programmes/`). It holds:
- call files (`appel-<année>.yaml`, any `*.yaml` but `sources.yaml`, in any sub-folder), in the format of
  `resources/programmes/<territoire>/appel-<année>.yaml`, for a territory the application knows;
- optionally `sources.yaml`, the documents these calls cite that the application does not ship.

A call whose id is new is added. For a call the application ships too, the newer file (modification
time) is used and the other is still listed (`main.py programmes`). A file that cannot be read or is
invalid (unknown key, unknown territory or source…) is reported in French and left aside: the shipped
data always loads.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

from forms import paths
from forms.codec import DataError, from_data
from forms.programmes import (
    RESOURCES_DIR,
    Call,
    Catalogue,
    ProgrammeDataError,
    SourcesFile,
    _cross_check,
    load_catalogue,
)

SOURCES_FILE = "sources.yaml"


def user_programmes_dir() -> Path:
    return paths.data_dir() / "programmes"


@dataclass
class CallVersion:
    """One file of a call: shipped with the application or from the user's folder."""

    path: Path
    modified: dt.datetime
    user: bool  # from the user's data folder
    used: bool  # the version the application uses

    def describe(self) -> str:
        where = "de votre dossier de données" if self.user else "livré avec l'application"
        state = "utilisé" if self.used else "non utilisé (l'autre fichier est plus récent)"
        return f"{where}, modifié le {self.modified:%d/%m/%Y à %H:%M} : {state} — {self.path}"


@dataclass
class UserCallsReport:
    """What the user's folder brought: the versions of each call it touches, the files left aside."""

    folder: Path
    versions: dict[str, list[CallVersion]] = field(default_factory=dict)  # call id -> its files
    ignored: list[tuple[Path, str]] = field(default_factory=list)  # (file, why, in French)

    def message(self) -> str:
        """A French notice for the files left aside ("" when there are none)."""
        if not self.ignored:
            return ""
        lines = [f"« {path.name} » : {why}" for path, why in self.ignored]
        return ("Des fichiers d'appel à projets de votre dossier de données ont été ignorés ; les données "
                "livrées avec l'application restent utilisées.\n" + "\n".join(lines))


def _modified(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime)


def _read(cls: type, path: Path):
    import yaml  # here: a start from the cache reads no YAML

    from forms.yamlload import YamlError, load_yaml

    try:
        return from_data(cls, load_yaml(path))
    except DataError as exc:
        raise ProgrammeDataError(f"contenu invalide : {exc}") from None
    except YamlError as exc:
        syntax = exc.__context__ if isinstance(exc.__context__, yaml.YAMLError) else None
        if syntax is None:  # our own French message (a duplicate key, with its line)
            raise ProgrammeDataError(str(exc)) from None
        mark = getattr(syntax, "problem_mark", None)
        where = f" à la ligne {mark.line + 1}" if mark is not None else ""
        raise ProgrammeDataError(f"le texte n'est pas du YAML valable{where} (erreur d'écriture)") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ProgrammeDataError(f"fichier illisible ({exc})") from None


def _shipped_call_files(root: Path) -> dict[str, Path]:
    """The call id of each shipped call file (read again only when a user file needs it)."""
    from forms.yamlload import YamlError, load_yaml

    found: dict[str, Path] = {}
    for path in sorted((root / "programmes").glob("*/appel-*.yaml")):
        try:
            data = load_yaml(path)
        except (YamlError, OSError, UnicodeDecodeError):
            continue
        if isinstance(data, dict) and isinstance(data.get("id"), str):
            found[data["id"]] = path
    return found


def merge_user_calls(catalogue: Catalogue, folder: Path) -> tuple[Catalogue, UserCallsReport]:
    """The catalogue with the valid calls of `folder` added or replacing older shipped ones."""
    report = UserCallsReport(folder)
    if not folder.is_dir():
        return catalogue, report
    files = sorted(p for p in folder.rglob("*.yaml") if p.is_file())
    sources = dict(catalogue.sources)
    for path in (p for p in files if p.name == SOURCES_FILE):
        try:
            documents = _read(SourcesFile, path).documents
        except ProgrammeDataError as exc:
            report.ignored.append((path, str(exc)))
            continue
        for doc in documents:
            sources.setdefault(doc.id, doc)
    calls = dict(catalogue.calls)
    shipped: dict[str, Path] | None = None
    for path in (p for p in files if p.name != SOURCES_FILE):
        try:
            call = _read(Call, path)
            _cross_check(dataclasses.replace(catalogue, sources=sources, calls={call.id: call}))
        except ProgrammeDataError as exc:
            problems = [line.removeprefix("- ") for line in str(exc).splitlines()
                        if line.strip() and not line.startswith("Données de programme invalides")]
            report.ignored.append((path, " ; ".join(problems)))
            continue
        mine = CallVersion(path, _modified(path), user=True, used=True)
        versions = report.versions.setdefault(call.id, [])
        if call.id in catalogue.calls and not versions:
            shipped = shipped if shipped is not None else _shipped_call_files(catalogue.root)
            if call.id in shipped:
                versions.append(CallVersion(shipped[call.id], _modified(shipped[call.id]), user=False, used=True))
        current = next((v for v in versions if v.used), None)
        if current is not None and current.modified >= mine.modified:
            mine.used = False  # the other file is as recent or more: it stays
        else:
            if current is not None:
                current.used = False
            calls[call.id] = call
        versions.append(mine)
    _log_ignored(report)
    return dataclasses.replace(catalogue, sources=sources, calls=calls), report


def _log_ignored(report: UserCallsReport) -> None:
    if not report.ignored:
        return
    import logging  # here: a start without anything to say does not load logging (3 ms)

    log = logging.getLogger(__name__)
    for path, why in report.ignored:
        log.info("Fichier d'appel à projets ignoré : %s : %s", path, why)


# What load_catalogue reads (and the perimeters files it checks): a change in any of them is a new catalogue.
CATALOGUE_INPUTS = ("sources.yaml", "programmes", "geographie", "glossaire", "parametres", "budget")


# The code that makes the catalogue: its classes, its reading and checking.
CATALOGUE_CODE = tuple(str(Path(__file__).with_name(name)) for name in
                       ("programmes.py", "user_programmes.py", "codec.py", "yamlload.py"))


def catalogue_input_files(root: Path, folder: Path) -> list[Path]:
    """Every file the default catalogue is made from: the shipped data under `root`, the user's `folder`."""
    found: list[Path] = []
    for name in CATALOGUE_INPUTS:
        path = root / name
        found.extend([path] if name.endswith(".yaml") else (p for p in path.rglob("*") if p.is_file()))
    if folder.is_dir():
        found.extend(p for p in folder.rglob("*.yaml") if p.is_file())
    return found


@functools.cache
def default_catalogue_and_report() -> tuple[Catalogue, UserCallsReport]:
    """The shipped programme data with the user's call files, loaded once per process; read from the
    cache (forms/data_cache.py) while none of their files changed, else loaded strictly and kept there."""
    from forms import data_cache

    folder = user_programmes_dir()
    built = False

    def build() -> tuple[Catalogue, UserCallsReport]:
        nonlocal built
        built = True
        return merge_user_calls(load_catalogue(RESOURCES_DIR), folder)

    catalogue, report = data_cache.cached(
        "catalogue", catalogue_input_files(RESOURCES_DIR, folder), build, extra=str(folder),
        code=CATALOGUE_CODE, kind=tuple)
    if not built:  # merge_user_calls said it when it ran
        _log_ignored(report)
    return catalogue, report


def default_report_if_loaded() -> UserCallsReport | None:
    """The report of the default catalogue, without loading it when nothing has yet."""
    if default_catalogue_and_report.cache_info().currsize == 0:
        return None
    return default_catalogue_and_report()[1]
