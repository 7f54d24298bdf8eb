"""Step 9: the attestation signed for the association: the contrat d'engagement républicain (its seven
engagements shown in full), the declarations on honour, who signs, where and when.
"""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QLabel

from forms.cer import CER_ENGAGEMENTS
from forms.steps import STEPS
from gui.wizard.fields import help_label
from gui.wizard.list_editor import button_row, say, section_button, status_label
from gui.wizard.page import StepPage
from gui.wizard.pages.association import CIVILITY_CHOICES

SIGNATORY = "attestation.signatory"
SIGNATORY_FIELDS = ("civility", "last_name", "first_name", "role")

CER_SOURCE = (
    "Source : loi n° 2000-321 du 12 avril 2000, article 10-1 (créé par la loi n° 2021-1109 du 24 août 2021) ; "
    "décret n° 2021-1947 du 31 décembre 2021, en vigueur depuis le 1er janvier 2022."
)


class AttestationPage(StepPage):
    step = STEPS[8]

    def build(self) -> None:
        self._build_cer()
        self._build_declarations()
        self._build_signatory()
        self._build_place()
        self._update_visibility()

    def _build_cer(self) -> None:
        f = self.form
        f.section("Le contrat d'engagement républicain (CER)",
                  "Toute association qui demande une subvention publique s'engage à respecter ces sept "
                  "engagements.")
        items = "".join(f"<li><b>{html.escape(title)}</b> : {html.escape(text)}</li>"
                        for title, text in CER_ENGAGEMENTS)
        self.engagements = QLabel(f"<ol>{items}</ol>")
        self.engagements.setTextFormat(Qt.TextFormat.RichText)
        self.engagements.setWordWrap(True)
        self.engagements.setAccessibleName("Les sept engagements du contrat d'engagement républicain")
        self.engagements.setAccessibleDescription(
            " ".join(f"{i}. {title} : {text}" for i, (title, text) in enumerate(CER_ENGAGEMENTS, 1)))
        self.body.addWidget(self.engagements)
        explanation = QLabel(
            "Souscrire, c'est promettre que l'association respecte ces engagements et les fait connaître à ses "
            "membres (par exemple par une affiche dans son local ou sur son site). Si l'activité de "
            "l'association ne les respecte pas, la subvention peut être refusée, ou retirée : l'association "
            "rembourse alors la part qui correspond à la période restante.")
        explanation.setWordWrap(True)
        explanation.setAccessibleName("Ce que veut dire souscrire au contrat")
        self.body.addWidget(explanation)
        self.body.addWidget(help_label(CER_SOURCE, self.ctx))
        f.check("attestation.cer_subscribed", "L'association souscrit au contrat d'engagement républicain",
                help="Obligatoire : sans cette case cochée, la demande ne peut pas être acceptée.")

    def _build_declarations(self) -> None:
        f = self.form
        f.section("Les déclarations sur l'honneur",
                  "La personne qui signe certifie ces points au nom de l'association.")
        f.check("attestation.obligations_up_to_date",
                "L'association est à jour de ses obligations sociales et fiscales",
                help="Ses déclarations et ses paiements de cotisations sociales et d'impôts sont faits.")
        f.check("attestation.charter_2014_respected",
                "L'association respecte la charte des engagements réciproques de 2014",
                help="Une charte signée le 14 février 2014 par l'État, les élus locaux et les associations : "
                "respect mutuel, transparence et bon usage de l'argent public.")
        f.check("attestation.information_exact", "Les informations de ce dossier sont exactes",
                help="Y compris le budget et les chiffres donnés sur l'association.")

    def _build_signatory(self) -> None:
        f = self.form
        f.section("La personne qui signe")
        self.is_rep = f.check("attestation.signatory_is_legal_representative",
                              "La personne qui signe est le représentant légal de l'association",
                              help="Le représentant légal est indiqué à l'étape « Votre association » (le plus "
                              "souvent la présidente ou le président).")
        self.delegation_hint = QLabel(
            "Une autre personne signe : joignez le pouvoir (délégation de signature) que le représentant légal "
            "lui a donné. Cette pièce est ajoutée aux pièces demandées, à l'étape « Pièces à joindre ».")
        self.delegation_hint.setWordWrap(True)
        self.delegation_hint.setAccessibleName("Délégation de signature à joindre")
        self.delegation_hint.setFrameShape(QFrame.Shape.StyledPanel)
        self.delegation_hint.setMargin(6)
        self.body.addWidget(self.delegation_hint)
        self.is_rep.widget.toggled.connect(self._update_visibility)

        self.copy_button = section_button("Reprendre le représentant &légal")
        self.copy_button.setToolTip("Recopie la civilité, le nom, le prénom et la fonction du représentant légal "
                                    "indiqués à l'étape « Votre association ».")
        self.body.addLayout(button_row(self.copy_button))
        self.copy_status = status_label("Résultat de la reprise du représentant légal")
        self.body.addWidget(self.copy_status)
        self.copy_button.clicked.connect(self.copy_legal_representative)

        f.choice(f"{SIGNATORY}.civility", "Civilité du signataire", CIVILITY_CHOICES)
        f.line(f"{SIGNATORY}.last_name", "Nom du signataire")
        f.line(f"{SIGNATORY}.first_name", "Prénom du signataire")
        f.line(f"{SIGNATORY}.role", "Fonction du signataire", help="Par exemple : présidente, trésorier.")

    def _build_place(self) -> None:
        f = self.form
        f.section("Lieu et date de signature")
        f.line("attestation.place", "Fait à", help="La commune où la personne signe l'attestation.")
        f.date("attestation.date", "Date de signature", help="Le jour où l'attestation est signée.")

    # ------------------------------------------------------------------ actions
    def copy_legal_representative(self) -> None:
        """Copy the legal representative of the association (step 2) as the signatory."""
        rep = self.ctx.dossier.association.identity.legal_representative
        if not rep.last_name.strip() and not rep.first_name.strip():
            say(self.copy_status, "Le représentant légal n'est pas encore indiqué : remplissez-le à l'étape "
                "« Votre association ».")
            return
        for field in dataclasses.fields(rep):
            self.ctx.set_value(f"{SIGNATORY}.{field.name}", getattr(rep, field.name))
        for name in SIGNATORY_FIELDS:
            self.fields[f"{SIGNATORY}.{name}"].load()
        who = " ".join(p for p in (rep.civility, rep.first_name, rep.last_name) if p.strip())
        role = f", {rep.role}" if rep.role.strip() else ""
        say(self.copy_status, f"Recopié depuis l'étape « Votre association » : {who}{role}.")

    # ------------------------------------------------------------------ showing
    def _update_visibility(self) -> None:
        is_rep = self.ctx.dossier.attestation.signatory_is_legal_representative
        self.delegation_hint.setVisible(not is_rep)
        self.copy_button.setVisible(is_rep)  # copying the representative only makes sense when they sign
        if not is_rep:
            say(self.copy_status, "")

    def load(self) -> None:
        super().load()
        self._update_visibility()
