"""The wizard's pages, one module per step, in the order of forms.steps.STEPS."""

from __future__ import annotations

import importlib

from forms.steps import STEP_IDS

# step id -> "module:Class"
PAGE_CLASSES: dict[str, str] = {
    "appel": "gui.wizard.pages.appel:CallPage",
    "association": "gui.wizard.pages.association:AssociationPage",
    "action": "gui.wizard.pages.action:ActionPage",
    "enjeux": "gui.wizard.pages.enjeux:EnjeuxPage",
    "transversales": "gui.wizard.pages.transversales:TransversalPage",
    "public": "gui.wizard.pages.public:PublicPage",
    "budget": "gui.wizard.pages.budget:BudgetPage",
    "documents": "gui.wizard.pages.documents:DocumentsPage",
    "attestation": "gui.wizard.pages.attestation:AttestationPage",
    "verification": "gui.wizard.pages.verification:ReviewPage",
}


def page_classes() -> list[type]:
    classes = []
    for step_id in STEP_IDS:
        module_name, _, class_name = PAGE_CLASSES[step_id].partition(":")
        classes.append(getattr(importlib.import_module(module_name), class_name))
    return classes
