"""Step 8: the documents to attach, from the call's checklist.

The dossier keeps one `Document` per item of the call's list (created here when missing; items of an
earlier call are kept and shown apart, never deleted). For each item the user sees whether it is
required for *this* dossier (a renewal, a delegation of signature), says where the file is and whether
it is attached. The association's own documents (statutes, RIB, accounts…) are the same for every
dossier: one button takes them from the association's most recent other dossier of the library, each
marked so that the user checks it is still up to date.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms.choices import DOCUMENT_STATES
from forms.french import plural, word_for
from forms.library import Library
from forms.model import Document, Dossier
from forms.programmes import DocumentSpec
from forms.steps import STEPS
from forms.storage import DossierFileError, load_dossier
from gui.widgets.file_chooser import open_file
from gui.wizard.document_path import check_typed_path
from gui.wizard.fields import BoundField, ChoiceField, LineField, bold_label, help_label
from gui.wizard.list_editor import button_row, chain_after, focusable_widgets, say, section_button, status_label
from gui.wizard.page import StepPage

FILE_FILTER = "Documents (*.pdf *.jpg *.jpeg *.png *.odt *.doc *.docx *.ods *.xls *.xlsx);;Tous les fichiers (*)"
REUSED_NOTE = "Repris du dossier « {title} » : vérifiez qu'il est à jour."
NOTE_LABEL = "Remarque (facultative)"


def requirement_text(spec: DocumentSpec, dossier: Dossier) -> tuple[bool, str]:
    """Whether the document is required for this dossier, and why, in plain words."""
    if spec.requirement == "toujours":
        return True, "Obligatoire : l'appel demande cette pièce à toutes les associations."
    if spec.requirement == "renouvellement":
        if any(a.frequency == "renouvellement" for a in dossier.actions):
            return True, "Obligatoire pour vous : votre action est un renouvellement."
        return False, ("Pas demandée pour vous : seulement pour un renouvellement, et votre action est une "
                       "première demande.")
    if spec.requirement == "delegation":
        if not dossier.attestation.signatory_is_legal_representative:
            return True, ("Obligatoire pour vous : la personne qui signe n'est pas le représentant légal de "
                          "l'association (voir l'étape « Attestation »).")
        return False, "Pas demandée pour vous : le représentant légal signe lui-même la demande."
    return False, "Facultative : utile au financeur, mais pas obligatoire."


def count_text(joined: int, required: int) -> str:
    """The line at the top of the page: how many of the documents required for this dossier are attached."""
    if required == 0:
        return "Aucune pièce n'est obligatoire pour votre dossier."
    if joined >= required:
        return f"Toutes les pièces demandées sont jointes ({joined} sur {required})."
    attached = plural(joined, "pièce jointe", "pièces jointes", zero="Aucune pièce jointe")
    missing = required - joined
    return (f"{attached} sur {required} {word_for(required, 'demandée')} pour votre dossier. Il reste "
            f"{plural(missing, 'pièce')} à joindre : voyez la liste ci-dessous.")


def _norm_siret(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


@dataclass
class _DocRow:
    doc_id: str
    index: int  # in dossier.documents
    spec: DocumentSpec | None
    frame: QFrame
    requirement: QLabel
    state: ChoiceField
    path: LineField
    note: LineField
    button: QPushButton


class DocumentsPage(StepPage):
    step = STEPS[7]

    def build(self) -> None:
        self.rows: dict[str, _DocRow] = {}
        self._frames: list[QWidget] = []

        self.count_label = bold_label()
        self.count_label.setAccessibleName("Pièces jointes")
        self.body.addWidget(self.count_label)

        self.form.section("Les pièces de l'association",
                          "Les statuts, le RIB, les comptes… sont les mêmes pour tous vos dossiers. Si vous avez "
                          "déjà fait un dossier pour cette association, reprenez-les de ce dossier.")
        self.reuse_button = section_button("&Reprendre les pièces de l'association")
        self.reuse_button.setToolTip("Reprend les pièces de l'association du dernier autre dossier de la même "
                                     "association, dans votre bibliothèque de dossiers.")
        self.body.addLayout(button_row(self.reuse_button))
        self.reuse_status = status_label("Résultat de la reprise des pièces")
        self.body.addWidget(self.reuse_status)
        self.reuse_button.clicked.connect(self.reuse_association_documents)

        self.form.section("La liste des pièces",
                          "Pour chaque pièce : choisissez le fichier sur votre ordinateur, ou indiquez qu'elle est "
                          "jointe autrement (sur papier) ou sans objet pour vous.")
        self.docs_box = QVBoxLayout()
        self.docs_box.setContentsMargins(0, 0, 0, 0)
        self.body.addLayout(self.docs_box)

        self._build_documents()
        self.ctx.changed.connect(self._model_changed)

    # ------------------------------------------------------------------ model
    def specs(self) -> list[DocumentSpec]:
        call = self.ctx.call
        return list(call.documents) if call is not None else []

    def ensure_documents(self) -> list[str]:
        """One Document per item of the call's list; returns the ids created (existing ones are kept)."""
        documents = self.ctx.dossier.documents
        present = {d.id for d in documents}
        created = []
        for spec in self.specs():
            if spec.id not in present:
                documents.append(Document(id=spec.id))
                present.add(spec.id)
                created.append(spec.id)
        if created:
            self.ctx.touch("documents")
        return created

    def _index_of(self, doc_id: str) -> int:
        return next((i for i, d in enumerate(self.ctx.dossier.documents) if d.id == doc_id), -1)

    # ------------------------------------------------------------------ building
    def _build_documents(self) -> None:
        self.ensure_documents()
        specs = self.specs()
        known = {s.id for s in specs}
        for spec in specs:
            self._add_row(spec.id, spec)
        others = [d.id for d in self.ctx.dossier.documents if d.id not in known]
        if others:
            heading = bold_label("Pièces qui ne sont pas dans la liste de cet appel")
            hint = help_label("Elles viennent d'un autre appel à projets. Elles restent dans le dossier ; mettez "
                              "« Sans objet » si elles ne servent plus.", self.ctx)
            self.docs_box.addWidget(heading)
            self.docs_box.addWidget(hint)
            self._frames += [heading, hint]
            for doc_id in others:
                self._add_row(doc_id, None)
        first = next(iter(self.rows.values()), None)
        self.register_widget("documents", first.state.widget if first else self.reuse_button)
        self._refresh()

    def _add_row(self, doc_id: str, spec: DocumentSpec | None) -> None:
        index = self._index_of(doc_id)
        base = f"documents[{index}]"
        label = spec.label if spec else f"Pièce « {doc_id} » (pas dans la liste de cet appel)"
        frame = QFrame()
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        frame.setAccessibleName(label)
        box = QVBoxLayout(frame)
        box.setContentsMargins(10, 8, 10, 8)
        box.setSpacing(3)

        box.addWidget(bold_label(label))
        requirement = QLabel()
        requirement.setWordWrap(True)
        box.addWidget(requirement)
        if spec is not None and spec.help.strip():
            box.addWidget(help_label(spec.help, self.ctx))
        if spec is not None and spec.association_level:
            box.addWidget(help_label("Pièce de l'association : la même pour tous vos dossiers.", self.ctx))

        state = ChoiceField(self.ctx, f"{base}.state", "État de la pièce", DOCUMENT_STATES)
        path = LineField(self.ctx, f"{base}.path", "Fichier", placeholder="Aucun fichier choisi")
        note = LineField(self.ctx, f"{base}.note", NOTE_LABEL)
        state.widget.setAccessibleName(f"État de la pièce : {label}")
        path.widget.setAccessibleName(f"Fichier de la pièce : {label}")
        path.widget.setAccessibleDescription("Le chemin du fichier sur votre ordinateur. Utilisez le bouton "
                                             "« Choisir le fichier… » pour le trouver.")
        note.widget.setAccessibleName(f"Remarque sur la pièce : {label}")
        button = QPushButton("Choisir le fichier…")
        button.setAutoDefault(True)
        button.setAccessibleName(f"Choisir le fichier de la pièce : {label}")

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        for col, (field, text) in enumerate(((state, "État de la pièce"), (path, "Fichier"))):
            lab = QLabel(text)
            lab.setBuddy(field.widget)
            grid.addWidget(lab, 0, col)
        grid.addWidget(state.widget, 1, 0)
        file_line = QHBoxLayout()
        file_line.addWidget(path.widget, 1)
        file_line.addWidget(button)
        grid.addLayout(file_line, 1, 1)
        grid.addWidget(state.verdict_label, 2, 0, 1, 2)  # full width: a message is a sentence or two
        path._typing_errors_shown()  # a typed path that names no file is said here (gui.wizard.document_path)
        grid.addWidget(path.error_label, 3, 0, 1, 2)
        grid.addWidget(path.verdict_label, 4, 0, 1, 2)
        grid.setColumnStretch(1, 1)
        box.addLayout(grid)
        note_label = QLabel(NOTE_LABEL)
        note_label.setBuddy(note.widget)
        box.addWidget(note_label)
        box.addWidget(note.widget)
        box.addWidget(note.verdict_label)

        for field in (state, path, note):
            self._register(field)
            field.load()
        button.clicked.connect(lambda _=False, d=doc_id: self.choose_file(d))
        path.widget.editingFinished.connect(lambda d=doc_id: self.check_typed_path(d))
        row = _DocRow(doc_id, index, spec, frame, requirement, state, path, note, button)
        self.rows[doc_id] = row
        self._frames.append(frame)
        self.docs_box.addWidget(frame)
        frame.show()  # now, not at the next event loop turn (Tab order and focus see it at once)

    def _clear_documents(self) -> None:
        self.forget_fields("documents")
        for widget in self._frames:
            widget.hide()
            widget.setParent(None)  # out of the focus chain now
            widget.deleteLater()
        self._frames.clear()
        self.rows.clear()

    def rebuild_for_call(self) -> None:
        self._clear_documents()
        self._build_documents()
        chain_after(self.reuse_button, focusable_widgets(self.docs_box))

    # ------------------------------------------------------------------ showing
    def _refresh(self) -> None:
        dossier = self.ctx.dossier
        required_total = joined = 0
        for row in self.rows.values():
            if row.spec is None:
                row.requirement.setText("Cette pièce n'est pas demandée par l'appel choisi.")
                continue
            required, text = requirement_text(row.spec, dossier)
            row.requirement.setText(text)
            if required:
                required_total += 1
                doc = dossier.documents[row.index] if 0 <= row.index < len(dossier.documents) else None
                if doc is not None and doc.state == "joint":
                    joined += 1
        if not self.rows:
            self.count_label.setText("Choisissez d'abord l'appel à projets (première étape) : la liste des "
                                     "pièces en dépend.")
            return
        self.count_label.setText(count_text(joined, required_total))

    def _model_changed(self, path: str) -> None:
        watched = ("documents", "actions[0].frequency", "attestation.signatory_is_legal_representative")
        if path.startswith(watched) or path in ("", "meta"):
            self._refresh()

    def load(self) -> None:
        if len(self.ctx.dossier.documents) != len(self.rows) or any(
            self._index_of(doc_id) != row.index for doc_id, row in self.rows.items()
        ):
            self.rebuild_for_call()
            return
        super().load()
        self._refresh()

    # ------------------------------------------------------------------ files
    def choose_file(self, doc_id: str) -> None:
        """Ask for the file of one document; a chosen file marks the document as attached."""
        row = self.rows.get(doc_id)
        if row is None:
            return
        current = self.ctx.value(f"documents[{row.index}].path") or ""
        start = ""
        if current and Path(current).expanduser().parent.is_dir():
            start = str(Path(current).expanduser().parent)
        elif self.ctx.settings.get("last_folder"):
            start = self.ctx.settings.get("last_folder")
        label = row.spec.label if row.spec else doc_id
        chosen = open_file(self, f"Choisir le fichier : {label}", start, FILE_FILTER)
        if not chosen:
            return
        self.ctx.set_value(f"documents[{row.index}].path", chosen)
        self.ctx.set_value(f"documents[{row.index}].state", "joint")
        row.path.load()
        row.state.load()
        self._refresh()
        with contextlib.suppress(OSError, TypeError):
            self.ctx.settings.set("last_folder", str(Path(chosen).parent))
            self.ctx.settings.save()

    def check_typed_path(self, doc_id: str) -> None:
        """A path typed or pasted in the "Fichier" box: an existing file is attached, anything else is said."""
        row = self.rows.get(doc_id)
        if row is not None:
            check_typed_path(self.ctx, row.index, row.path)
            row.state.load()
            self._refresh()

    # ------------------------------------------------------------------ reuse
    def find_previous_dossier(self) -> tuple[Path, Dossier] | None:
        """The most recent other dossier of the library for the same association (same SIRET, or the same
        name when there is no SIRET) that has at least one of the association's documents."""
        identity = self.ctx.dossier.association.identity
        siret = _norm_siret(identity.siret)
        name = identity.name.strip().casefold()
        if not siret and not name:
            return None
        here = self.ctx.path.resolve()
        association_ids = {s.id for s in self.specs() if s.association_level}
        for entry in Library(self.ctx.settings.library_dir).entries():
            if entry.error or entry.path.resolve() == here:
                continue
            try:
                other = load_dossier(entry.path)
            except DossierFileError:
                continue
            other_identity = other.association.identity
            if siret:
                if _norm_siret(other_identity.siret) != siret:
                    continue
            elif other_identity.name.strip().casefold() != name:
                continue
            if any(d.id in association_ids and _usable(d) for d in other.documents):
                return entry.path, other
        return None

    def reuse_association_documents(self) -> list[str]:
        """Copy the association's documents from its most recent other dossier. Returns the ids copied."""
        identity = self.ctx.dossier.association.identity
        if not identity.siret.strip() and not identity.name.strip():
            say(self.reuse_status, "Indiquez d'abord le nom ou le numéro SIRET de l'association, à l'étape "
                "« Votre association » : c'est ainsi que ses autres dossiers sont retrouvés.")
            return []
        found = self.find_previous_dossier()
        if found is None:
            say(self.reuse_status, "Aucun autre dossier de cette association avec des pièces jointes n'a été "
                f"trouvé dans votre bibliothèque ({self.ctx.settings.library_dir}).")
            return []
        other_path, other = found
        title = other.title
        specs = {s.id: s for s in self.specs()}
        theirs = {d.id: d for d in other.documents}
        copied: list[str] = []
        kept: list[str] = []
        for index, doc in enumerate(self.ctx.dossier.documents):
            spec = specs.get(doc.id)
            source = theirs.get(doc.id)
            if spec is None or not spec.association_level or source is None or not _usable(source):
                continue
            if doc.state == "joint" and doc.path.strip():
                kept.append(spec.label)  # already attached here: the user's choice wins
                continue
            self.ctx.set_value(f"documents[{index}].path", _carried_path(source.path, other_path, self.ctx.path))
            self.ctx.set_value(f"documents[{index}].state", source.state)
            self.ctx.set_value(f"documents[{index}].note", REUSED_NOTE.format(title=title))
            copied.append(doc.id)
        for row in self.rows.values():
            for field in (row.state, row.path, row.note):
                field.load()
        self._refresh()
        if copied:
            text = (f"{plural(len(copied), 'pièce reprise', 'pièces reprises')} du dossier "
                    f"« {title} ». Vérifiez que chacune est encore à jour (statuts, liste des dirigeants, "
                    "derniers comptes…).")
        else:
            text = f"Le dossier « {title} » n'a pas d'autre pièce à reprendre."
        if kept:
            text += f" Déjà jointes ici, donc gardées : {' ; '.join(kept)}."
        say(self.reuse_status, text)
        return copied

    # ------------------------------------------------------------------ verdicts
    def show_verdicts(self, verdicts: Sequence[Any]) -> None:
        super().show_verdicts(verdicts)
        # a verdict about a whole document ("documents[3]") is shown beside its state
        for row in self.rows.values():
            base = f"documents[{row.index}]"
            whole = [v for v in verdicts if v.step == self.step.id and v.fields and v.fields[0] == base]
            if whole:
                own = [v for v in verdicts if v.step == self.step.id and v.fields
                       and v.fields[0] in (base, f"{base}.state")]
                row.state.show_verdicts(own)

    def field_rows(self) -> dict[str, list[BoundField]]:
        """The bound fields of each document (for tests and the review)."""
        return {doc_id: [row.state, row.path, row.note] for doc_id, row in self.rows.items()}


def _usable(doc: Document) -> bool:
    return bool(doc.path.strip()) or doc.state != "a_fournir"


def _carried_path(path: str, from_dossier: Path, to_dossier: Path) -> str:
    """A path relative to the other dossier's folder stays relative only when both are in the same folder."""
    if not path.strip() or Path(path).expanduser().is_absolute():
        return path
    if from_dossier.resolve().parent == to_dossier.resolve().parent:
        return path
    return str(from_dossier.resolve().parent / path)
