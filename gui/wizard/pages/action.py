"""Step 3: the action (CERFA 12156 fiche 6): what, why, when, where, with whom, and how it is evaluated.

The public, the quartiers, the priorities and the budget of the action have their own steps; this page
keeps to what a porteur de projet tells first about the project.
"""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from forms.choices import FREQUENCIES
from forms.french import french_date
from forms.model import Indicator
from forms.steps import STEPS
from gui.wizard.fields import FormBuilder, help_label
from gui.wizard.list_editor import Column, ListEditor, subheading
from gui.wizard.page import StepPage

ACTION = "actions[0]"


class ActionPage(StepPage):
    step = STEPS[2]

    def build(self) -> None:
        self.ctx.dossier.action  # noqa: B018 - makes sure there is a first action to edit
        f = self.form
        f.section("L'action en bref")
        f.line(f"{ACTION}.title", "Titre de l'action",
               help="Un titre court qui dit ce que fait l'action. Il sert aussi de nom au dossier.")
        self.frequency = f.choice(f"{ACTION}.frequency", "Première demande ou renouvellement ?", FREQUENCIES,
                                  help="Renouvellement : la même action a déjà reçu une subvention du contrat de "
                                  "ville l'année dernière.")
        self.renewal_box = QWidget()
        box = QVBoxLayout(self.renewal_box)
        box.setContentsMargins(16, 0, 0, 0)
        FormBuilder(self.ctx, box, self._register).line(
            f"{ACTION}.previous_year_reference", "L'action financée l'année dernière",
            help="Son titre et l'année où elle a été financée, pour que le financeur la retrouve.")
        self.renewal_hint = help_label(
            "Pour un renouvellement, le financeur demande le compte-rendu financier de l'action de l'année "
            "dernière (formulaire CERFA n° 15059) avant toute nouvelle subvention. Vous le joindrez à l'étape "
            "« Pièces à joindre ».", self.ctx)
        box.addWidget(self.renewal_hint)
        self.body.addWidget(self.renewal_box)
        self.frequency.widget.currentIndexChanged.connect(self._update_visibility)

        f.section("Ce que vous voulez faire")
        f.text(f"{ACTION}.objectives", "Objectifs de l'action",
               help="Pourquoi vous menez cette action : le besoin constaté dans le quartier et ce que vous voulez "
               "changer. Deux ou trois phrases suffisent.", lines=4)
        f.text(f"{ACTION}.description", "Description de l'action",
               help="Comment elle se déroule concrètement : les activités, leur rythme, qui les anime. Écrivez "
               "comme si vous l'expliquiez à quelqu'un qui ne connaît pas l'association.", lines=10)

        f.section("Quand et où")
        self.period_label = help_label("", self.ctx)
        self.period_label.setAccessibleName("Période de l'appel")
        self.body.addWidget(self.period_label)
        self.start = f.date(f"{ACTION}.start_date", "Date de début de l'action")
        self.end = f.date(f"{ACTION}.end_date", "Date de fin de l'action")
        f.line(f"{ACTION}.duration_text", "Durée de l'action",
               help="Dans vos mots : par exemple « 12 mois » ou « 10 séances de 2 heures ».")
        f.text(f"{ACTION}.places", "Lieux de l'action",
               help="Où l'action se déroule : le local, la salle prêtée, le pied d'immeuble… Les quartiers "
               "concernés se choisissent à l'étape « Public et quartiers ».", lines=3)

        f.section("Avec qui et avec quels moyens")
        f.text(f"{ACTION}.partners", "Partenaires",
               help="Les structures avec qui vous menez l'action (centre social, école, bailleur, autre "
               "association…) et ce que chacune apporte.", lines=3)
        f.text(f"{ACTION}.human_means", "Moyens humains",
               help="Qui fait l'action : les salariés et leur temps de travail, les bénévoles, les intervenants.",
               lines=3)
        f.text(f"{ACTION}.material_means", "Moyens matériels",
               help="Les locaux, le matériel, les véhicules utilisés pour l'action.", lines=3)
        f.integer(f"{ACTION}.volunteers_involved", "Nombre de bénévoles qui participent à l'action")
        f.decimal(f"{ACTION}.staff_etpt", "Temps des salariés consacré à l'action, en ETPT",
                  help="ETPT : équivalent temps plein travaillé. Une personne à temps plein sur l'action toute "
                  "l'année compte 1 ; à mi-temps, 0,5. Additionnez le temps de chaque salarié.")

        f.section("Résultats et évaluation")
        f.text(f"{ACTION}.expected_results", "Résultats attendus",
               help="Ce qui aura changé à la fin de l'action, avec des chiffres si possible (par exemple "
               "« 30 personnes accompagnées, dont la moitié de femmes »).", lines=4)
        self.body.addWidget(subheading("Indicateurs d'évaluation"))
        self.body.addWidget(help_label(
            "Comment vous saurez si l'action a réussi : ce que vous compterez ou observerez, le chiffre visé "
            "et la façon de le mesurer. Ajoutez un indicateur par ligne.", self.ctx))
        self.indicators = ListEditor(
            self.ctx, f"{ACTION}.indicators",
            (
                Column("label", "Ce que vous mesurez", wide=True,
                       placeholder="Nombre de personnes accompagnées, par sexe"),
                Column("target", "Valeur visée", placeholder="40 personnes, 60 %…"),
                Column("method", "Comment vous le mesurez", placeholder="Fiches d'inscription, questionnaire…"),
            ),
            Indicator, noun="indicateur", add_text="Ajouter un &indicateur", page=self, stretches=(1, 3),
            empty_text="Aucun indicateur pour l'instant : ajoutez-en au moins un.",
        )
        self.body.addWidget(self.indicators)
        self.register_widget(f"{ACTION}.indicators", self.indicators.add_button)

        self._show_period()
        self._update_visibility()

    # ------------------------------------------------------------------ showing
    def _show_period(self) -> None:
        call = self.ctx.call
        if call is not None and call.action_start and call.action_end:
            text = (f"L'appel {call.year} finance des actions menées entre le {french_date(call.action_start)} et le "
                    f"{french_date(call.action_end)} : vos dates doivent être dans cette période.")
        elif call is not None:
            text = f"L'appel {call.year} finance des actions menées pendant l'année {call.year}."
        else:
            text = "Choisissez d'abord l'appel à projets (première étape) pour connaître la période de l'action."
        self.period_label.setText(text)
        for field in (self.start, self.end):
            field.widget.setAccessibleDescription(text)

    def _update_visibility(self) -> None:
        self.renewal_box.setVisible(self.ctx.dossier.action.frequency == "renouvellement")

    def rebuild_for_call(self) -> None:
        self._show_period()

    def load(self) -> None:
        self.indicators.reload()
        super().load()
        self._show_period()
        self._update_visibility()
