"""The contrat d'engagement républicain (CER): its seven engagements, shown in the wizard and printed in
the exported dossier from this one list.

Source: loi n° 2000-321 du 12 avril 2000, article 10-1 (created by loi n° 2021-1109 du 24 août 2021);
décret n° 2021-1947 du 31 décembre 2021 and its annex. The titles are the annex's; each sentence is a
plain-French summary for volunteers (shown after "title :", hence no capital letter).
"""

from __future__ import annotations

CER_ENGAGEMENTS: tuple[tuple[str, str], ...] = (
    ("Respect des lois de la République",
     "l'association ne se sert pas de convictions politiques, philosophiques ou religieuses pour échapper aux "
     "règles communes."),
    ("Liberté de conscience",
     "elle respecte la liberté de conscience de ses membres et des personnes qu'elle accueille, sans "
     "pression pour les faire changer de conviction."),
    ("Liberté des membres de l'association",
     "chaque membre peut quitter l'association librement et ne peut pas en être exclu arbitrairement."),
    ("Égalité et non-discrimination",
     "elle traite toutes les personnes de la même façon, sans discrimination (sexe, origine, religion, "
     "orientation sexuelle…)."),
    ("Fraternité et prévention de la violence",
     "elle agit dans un esprit de fraternité et n'appelle ni à la haine ni à la violence."),
    ("Respect de la dignité de la personne humaine",
     "elle ne porte pas atteinte à la dignité des personnes et protège la santé et l'intégrité de ses "
     "membres et de son public."),
    ("Respect des symboles de la République",
     "elle respecte le drapeau tricolore, l'hymne national et la devise de la République."),
)
