"""Fixed lists of choices of the CERFA and of the wizard (not programme data: they do not vary by call)."""

from __future__ import annotations

AGE_BANDS: tuple[tuple[str, str], ...] = (
    ("0-5", "0 à 5 ans"),
    ("6-11", "6 à 11 ans"),
    ("12-17", "12 à 17 ans"),
    ("18-25", "18 à 25 ans"),
    ("26-64", "26 à 64 ans"),
    ("65+", "65 ans et plus"),
)
AGE_BAND_IDS = frozenset(b for b, _ in AGE_BANDS)

FREQUENCIES = (("premiere", "Première demande"), ("renouvellement", "Renouvellement"))
AID_FORMS = (("numeraire", "En numéraire (argent)"), ("nature", "En nature"))
OBJECTS = (("projet", "Projet(s) – action(s)"), ("fonctionnement", "Fonctionnement global"))
PERIODS = (("annuelle", "Annuelle ou ponctuelle"), ("pluriannuelle", "Pluriannuelle"))
DOCUMENT_STATES = (("a_fournir", "À fournir"), ("joint", "Joint"), ("sans_objet", "Sans objet"))
TRANSVERSAL_STATUSES = (
    ("", "Pas encore répondu"),
    ("traitee", "L'action y répond"),
    ("non_applicable", "Ne s'applique pas"),
)
CIVILITIES = ("", "Madame", "Monsieur")
