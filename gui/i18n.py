"""French for Qt's own texts (standard buttons, file dialogs, QWizard's "Suivant"/"Précédent").

The application's own strings are written in French directly; Qt's built-in strings come from the
translation catalogues shipped inside PySide6 (`qtbase_fr.qm`), loaded from Qt's translations folder so
nothing has to be bundled.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

log = logging.getLogger(__name__)

CATALOGUES = ("qtbase",)  # widgets, dialogs, QWizard; "qt_fr" only pulls in qtbase_fr and friends
LANGUAGE = "fr"


def french_locale() -> QLocale:
    return QLocale(QLocale.Language.French, QLocale.Country.France)


def install_translations(app: QCoreApplication) -> list[QTranslator]:
    """Set the French locale and load Qt's French catalogues into `app`.

    Returns the translators (they are also kept on the application object: a translator that is
    garbage-collected silently stops translating).
    """
    QLocale.setDefault(french_locale())
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    installed: list[QTranslator] = []
    for catalogue in CATALOGUES:
        translator = QTranslator(app)
        if translator.load(f"{catalogue}_{LANGUAGE}", folder):
            app.installTranslator(translator)
            installed.append(translator)
        else:
            log.warning("Traduction de Qt introuvable : %s_%s dans %s", catalogue, LANGUAGE, folder)
    app._dossier_cdv_translators = installed  # type: ignore[attr-defined]
    return installed
