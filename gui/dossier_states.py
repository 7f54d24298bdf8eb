"""The state of each dossier of the library (brouillon / complet / exporté), computed off the UI thread.

"Complet" needs the programme catalogue and the rules (`rules.check_dossier`): loading the catalogue
takes a moment at start-up, so the library shows its list first and the states arrive a moment later.
Without the rules package (it is optional for this window) a dossier is "brouillon" until exported.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QRunnable, Signal

from forms.storage import DossierFileError, load_dossier
from gui.library_model import COMPLETE, DAMAGED, DRAFT, EXPORTED

if TYPE_CHECKING:
    from forms.programmes import Catalogue

log = logging.getLogger(__name__)

Checker = Callable[[Any, "Catalogue"], Sequence[Any]]
CatalogueProvider = Callable[[], "Catalogue"]


class OnceProvider:
    """A catalogue provider that loads the catalogue once, whichever thread asks first.

    The state task asks for it in its thread, "Ouvrir" or "Nouveau dossier" in the UI thread: a second
    caller waits for the load under way instead of reading every YAML file again. A failed load is
    not kept (the next call tries again).
    """

    def __init__(self, provider: CatalogueProvider) -> None:
        self._provider = provider
        self._lock = threading.Lock()
        self._catalogue: Catalogue | None = None

    def __call__(self) -> Catalogue:
        with self._lock:
            if self._catalogue is None:
                self._catalogue = self._provider()
            return self._catalogue


def rules_checker() -> Checker | None:
    """`rules.check_dossier` when the rules package is there, else None."""
    try:
        from rules import check_dossier
    except ImportError:
        return None
    except Exception:  # a rules package that fails to import must not stop the library
        log.exception("Le module des règles n'a pas pu être chargé")
        return None
    return check_dossier


def dossier_state(path: Path, catalogue: Catalogue | None, check: Checker | None) -> tuple[str, str]:
    """(state id, ISO date of the last export) of the dossier file at `path`."""
    try:
        dossier = load_dossier(path)
    except DossierFileError:
        return DAMAGED, ""
    if dossier.meta.exported:
        return EXPORTED, dossier.meta.exported
    if check is None or catalogue is None:
        return DRAFT, ""
    try:
        verdicts = check(dossier, catalogue)
    except Exception:
        log.exception("Vérification impossible pour %s", path)
        return DRAFT, ""
    blocking = any(getattr(v, "level", "") == "bloquant" for v in verdicts)
    return (DRAFT if blocking else COMPLETE), ""


class StateSignals(QObject):
    """Results of a `StateTask`, delivered in the UI thread (queued connection)."""

    catalogue_loaded = Signal(int, object, str)  # generation, Catalogue or None, French error
    states_computed = Signal(int, object)  # generation, {path: (state, exported_at)}


class StateTask(QRunnable):
    """Load the catalogue (once) and compute the state of each file, in a thread of a QThreadPool."""

    def __init__(self, generation: int, paths: list[Path], provider: CatalogueProvider,
                 signals: StateSignals) -> None:
        super().__init__()
        self.generation = generation
        self.paths = paths
        self.provider = provider
        self.signals = signals

    def run(self) -> None:
        try:
            catalogue, error = load_catalogue(self.provider)
            self.signals.catalogue_loaded.emit(self.generation, catalogue, error)
            check = rules_checker()
            states = {str(p): dossier_state(p, catalogue, check) for p in self.paths}
            self.signals.states_computed.emit(self.generation, states)
        except Exception:
            log.exception("Calcul de l'état des dossiers impossible")


def load_catalogue(provider: CatalogueProvider) -> tuple[Catalogue | None, str]:
    """The catalogue, or None and a French explanation when the programme data cannot be read."""
    try:
        return provider(), ""
    except Exception as exc:  # ProgrammeDataError, a missing file…: the library still works
        log.exception("Données des appels à projets illisibles")
        return None, (
            "Les informations sur les appels à projets n'ont pas pu être chargées : "
            f"{exc}. Vous pouvez consulter vos dossiers, mais pas en créer ni les modifier."
        )
