"""Step 10: every verdict of the rules, grouped by level and clickable to its field; then the export."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import shiboken6
from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QKeyEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from forms.french import plural
from forms.private_files import make_private_dir
from forms.steps import STEPS
from forms.storage import now_iso
from gui.errors import show_error
from gui.widgets.labels import plain_text
from gui.wizard.export_runner import ExportRunner
from gui.wizard.page import StepPage
from gui.wizard.portal_view import export_dir

log = logging.getLogger(__name__)

LEVELS = (
    ("bloquant", "Bloquant — le dossier ne peut pas être déposé ainsi"),
    ("a_corriger", "À corriger — le financeur vous le demanderait"),
    ("conseil", "Conseils — pour un dossier plus solide"),
)
STEP_TITLES = {s.id: s.title for s in STEPS}
VERDICT_ROLE = Qt.ItemDataRole.UserRole


class _WrappingDelegate(QStyledItemDelegate):
    """Messages as tall as their wrapped text. A tree asks its rows' size without a width, so a long message
    was one line cut with "…" (readable only in its tooltip): measure it at the width of its column."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        tree = self.parent()
        if index.column() != 0 or not isinstance(tree, QTreeWidget):
            return super().sizeHint(option, index)
        depth, parent = (1 if tree.rootIsDecorated() else 0), index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        sized = QStyleOptionViewItem(option)
        # a valid rectangle (the style wraps only then), as wide as the column less the indentation
        sized.rect = QRect(0, 0, max(tree.columnWidth(0) - tree.indentation() * depth, 40), 100_000)
        return super().sizeHint(sized, index)


class VerdictTree(QTreeWidget):
    """The verdicts; Enter or a click on one opens its field."""

    def __init__(self) -> None:
        super().__init__()
        self.setItemDelegate(_WrappingDelegate(self))
        # the rows' heights follow the width of the columns
        self.header().sectionResized.connect(lambda *_: self.doItemsLayout())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.itemActivated.emit(self.currentItem(), 0)
            return
        super().keyPressEvent(event)


class VerdictItem(QTreeWidgetItem):
    """A row of the list: its verdict is a Python attribute, given back as the item's VERDICT_ROLE data.

    (Kept out of Qt's own data: a Python object stored with setData() was released twice when the row was
    deleted — None lost references in tests/gui/test_soak.py — or never, when the tree was cleared.)
    """

    def __init__(self, verdict: Any) -> None:
        super().__init__([verdict.message, STEP_TITLES.get(verdict.step, "")])
        self.verdict = verdict

    def data(self, column: int, role: int) -> Any:
        if role == VERDICT_ROLE:
            return self.verdict
        return super().data(column, role)


class ReviewPage(StepPage):
    step = STEPS[-1]

    def build(self) -> None:
        self.counts = QLabel()
        self.counts.setWordWrap(True)
        self.counts.setAccessibleName("Résumé des vérifications")
        self.body.addWidget(self.counts)

        self.tree = VerdictTree()
        self.tree.setColumnCount(2)
        self.tree.setHeaderLabels(["Ce qu'il reste à faire", "Étape"])
        self.tree.setAccessibleName("Liste des vérifications : cliquez pour aller au champ")
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setMinimumHeight(self.fontMetrics().lineSpacing() * 22)
        self.tree.header().setStretchLastSection(False)
        self.tree.header().setSectionResizeMode(0, self.tree.header().ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, self.tree.header().ResizeMode.ResizeToContents)
        self.tree.itemClicked.connect(self._open_item)
        self.tree.itemActivated.connect(self._open_item)
        self.body.addWidget(self.tree, 1)
        # For a learner: what the selected remark protects and the text it comes from.
        self.why_button = QPushButton("Po&urquoi cette remarque ?")
        self.why_button.setAccessibleName("Pourquoi cette remarque ?")
        self.why_button.setToolTip("Expliquer la remarque choisie : ce qu'elle protège, qui la demande, "
                                   "et le texte d'où elle vient.")
        self.why_button.setEnabled(False)
        self.why_button.clicked.connect(self.explain_current)
        self.tree.currentItemChanged.connect(lambda *_: self.why_button.setEnabled(self._current_verdict() is not None))
        why_row = QHBoxLayout()
        why_row.addWidget(self.why_button)
        why_row.addStretch(1)
        self.body.addLayout(why_row)
        # the list takes the height the page does not use, rather than the empty space under the buttons
        self.column.setStretchFactor(self.body, 1)
        self.column.setStretch(self.column.count() - 1, 0)
        self.register_widget("verification", self.tree)

        self.form.section("Exporter le dossier",
                          "Le dossier est créé sur votre ordinateur, en DOCX (modifiable dans Word ou "
                          "LibreOffice) et en PDF (à envoyer).")
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.folder_label.setAccessibleName("Emplacement des fichiers créés")
        self.body.addWidget(self.folder_label)
        row = QGridLayout()
        # mnemonics: not D, A, P, S nor C, taken by the menus "Dossier" and "Affichage", Précédent / Suivant
        # and the glossary's search
        self.docx_button = QPushButton("Exporter en D&OCX")
        self.pdf_button = QPushButton("Exporter en PD&F")
        self.both_button = QPushButton("E&xporter les deux")
        self.folder_button = QPushButton("C&hanger d'emplacement…")
        self.folder_button.setToolTip("Choisir où les fichiers exportés sont créés sur votre ordinateur.")
        self.open_button = QPushButton("&Voir les fichiers créés")
        self.open_button.setToolTip("Ouvrir, dans le gestionnaire de fichiers, l'endroit où les fichiers sont créés.")
        buttons = (self.docx_button, self.pdf_button, self.both_button, self.folder_button, self.open_button)
        for i, button in enumerate(buttons):
            button.setAccessibleName(plain_text(button.text()))
            row.addWidget(button, i // 3, i % 3)
        row.setColumnStretch(3, 1)
        self.body.addLayout(row)
        progress_row = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setAccessibleName("Avancement de l'export")
        self.progress.setFormat("Export en cours : %p %")
        self.cancel_button = QPushButton("Annu&ler l'export")
        self.cancel_button.setAccessibleName("Annuler l'export")
        self.cancel_button.setToolTip("Arrêter l'export : aucun fichier n'est créé.")
        progress_row.addWidget(self.progress, 1)
        progress_row.addWidget(self.cancel_button)
        self.body.addLayout(progress_row)
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self.runner = ExportRunner(self)
        self.runner.progressed.connect(self.progress.setValue)
        self.runner.succeeded.connect(self._exported)
        self.runner.failed.connect(self._export_failed)
        self.runner.cancelled.connect(self._export_cancelled)
        self.runner.running_changed.connect(self._show_running)
        self.cancel_button.clicked.connect(self.runner.cancel)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAccessibleName("Résultat de l'export")
        self.body.addWidget(self.result)

        self._build_handoff()
        self.docx_button.clicked.connect(lambda: self.export(("docx",)))
        self.pdf_button.clicked.connect(lambda: self.export(("pdf",)))
        self.both_button.clicked.connect(lambda: self.export(("docx", "pdf")))
        self.folder_button.clicked.connect(self._choose_folder)
        self.open_button.clicked.connect(self._open_folder)
        self.last_exports: list[Path] = []
        self._show_folder()

    def _build_handoff(self) -> None:
        """Hand the dossier over: the portal's entry view and the sending pack (issue 12)."""
        self.form.section("Déposer le dossier",
                          "L'État se saisit sur le portail Dauphin : copiez chaque valeur depuis l'application. "
                          "Les autres financeurs reçoivent le dossier, l'attestation signée et les pièces par "
                          "courriel : préparez le paquet d'envoi.")
        row = QGridLayout()
        self.portal_button = QPushButton("Saisie sur le porta&il Dauphin")
        self.portal_button.setToolTip("Toutes les valeurs que le portail demande, dans son ordre, à copier et à "
                                      "cocher.")
        self.pack_button = QPushButton("Préparer l'e&nvoi aux financeurs…")
        self.pack_button.setToolTip("Un dossier et un ZIP avec le PDF, la page de signature, les pièces renommées et "
                                    "un courriel prêt à copier.")
        for i, button in enumerate((self.portal_button, self.pack_button)):
            button.setAccessibleName(plain_text(button.text()))
            row.addWidget(button, 0, i)
        row.setColumnStretch(2, 1)
        self.body.addLayout(row)
        self.portal_button.clicked.connect(lambda: self._window_call("show_portal"))
        self.pack_button.clicked.connect(lambda: self._window_call("prepare_pack"))

    def _window_call(self, name: str) -> None:
        action = getattr(self.window(), name, None)
        if action is not None:
            action()

    # ------------------------------------------------------------------ verdicts
    def show_verdicts(self, verdicts: Sequence[Any]) -> None:
        # This page lists every verdict instead of only its own.
        # The three group rows are made once (see _groups) and only their children change; nothing is
        # rebuilt when the verdicts are the same. Rebuilding bold group rows at every check made PySide
        # keep one reference to None per row for ever (measured in tests/gui/test_soak.py).
        verdicts = list(verdicts)
        if verdicts == getattr(self, "_listed", None):
            return
        self._listed = verdicts
        by_level = {level: [v for v in verdicts if v.level == level] for level, _ in LEVELS}
        for (level, title), group in zip(LEVELS, self._groups(), strict=True):
            items = by_level[level]
            for old in group.takeChildren():
                shiboken6.delete(old)  # taken rows belong to nobody: PySide would keep them (and their wrappers)
            group.setText(0, f"{title} ({len(items)})")
            for v in items:
                child = VerdictItem(v)
                source = v.source + (f"\n« {v.quote} »" if getattr(v, "quote", "") else "")
                child.setToolTip(0, f"{v.message}\n\nSource : {source}")
                group.addChild(child)
            group.setExpanded(True)
        counts = {level: len(items) for level, items in by_level.items()}
        if not verdicts:
            text = "Tout est en ordre : aucune remarque. Vous pouvez exporter le dossier."
        elif counts["bloquant"]:
            text = (f"{_n(counts['bloquant'], 'problème bloquant')} à régler avant de déposer le dossier, "
                    f"{_n(counts['a_corriger'], 'point')} à corriger et {_n(counts['conseil'], 'conseil')}. "
                    "Cliquez sur une ligne pour aller au champ concerné.")
        else:
            text = (f"Aucun problème bloquant. {_n(counts['a_corriger'], 'point').capitalize()} à corriger et "
                    f"{_n(counts['conseil'], 'conseil')}. "
                    "Cliquez sur une ligne pour aller au champ concerné.")
        self.counts.setText(text)

    def _groups(self) -> list[QTreeWidgetItem]:
        """The rows "Problèmes bloquants (n)", "À corriger (n)", "Conseils (n)", in bold, made once."""
        if self.tree.topLevelItemCount() != len(LEVELS):
            self.tree.clear()
            for _level, title in LEVELS:
                group = QTreeWidgetItem([title, ""])
                font = group.font(0)
                font.setBold(True)
                group.setFont(0, font)
                group.setFirstColumnSpanned(False)
                self.tree.addTopLevelItem(group)
        return [self.tree.topLevelItem(i) for i in range(len(LEVELS))]

    def _open_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        verdict = item.data(0, VERDICT_ROLE)
        if verdict is None:
            return
        if verdict.fields:
            self.ctx.focus_field(verdict.fields[0])
        elif verdict.step and verdict.step != self.step.id:
            self.ctx.focus_field(verdict.step)

    def _current_verdict(self) -> Any:
        item = self.tree.currentItem()
        return item.data(0, VERDICT_ROLE) if item is not None else None

    def explain_current(self) -> None:
        """« Pourquoi ? » for the selected verdict."""
        verdict = self._current_verdict()
        if verdict is not None:
            from gui.training.why_dialog import show_why

            show_why(self, verdict.rule, verdict, self.ctx.catalogue)

    def verdict_items(self) -> list[QTreeWidgetItem]:
        return [
            self.tree.topLevelItem(i).child(j)
            for i in range(self.tree.topLevelItemCount())
            for j in range(self.tree.topLevelItem(i).childCount())
        ]

    # ------------------------------------------------------------------ export
    def export_dir(self) -> Path:
        return export_dir(self.ctx.settings)

    def _show_folder(self) -> None:
        self.folder_label.setText(f"Les fichiers seront créés dans : {self.export_dir()}")

    def _choose_folder(self) -> None:
        start = str(self.export_dir() if self.export_dir().exists() else Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Choisir où créer les fichiers exportés", start)
        if folder:
            self.ctx.settings.set("export_dir", folder)
            with contextlib.suppress(OSError):  # the choice still holds until the application closes
                self.ctx.settings.save()
            self._show_folder()

    def _open_folder(self) -> None:
        folder = self.export_dir()
        try:
            make_private_dir(folder)
        except OSError:
            log.exception("dossier des exports impossible à créer")
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
            show_error(self, "Fichiers créés", "Le gestionnaire de fichiers n'a pas pu être ouvert. Les fichiers "
                       f"exportés sont ici :\n{folder}")

    def export(self, formats: tuple[str, ...]) -> bool:
        """Start the export (after the pending save and checks), in a worker thread: the window stays
        usable, the progress bar shows how far it is, « Annuler l'export » stops it. `last_exports`
        holds the files written once it is done. Returns whether an export was started."""
        if self.runner.running():
            return False
        self.ctx.recheck()  # the verdicts of the model as it is now, for the question and the annex
        self.ctx.save_now()
        blocking = [v for v in self.ctx.verdicts if v.level == "bloquant"]
        if blocking and not self._confirm_blocking(len(blocking)):
            return False
        self.last_exports = []
        self.result.setText("Export en cours…")
        self.runner.start(self.ctx.dossier, self.ctx.catalogue, self.ctx.verdicts, self.export_dir(), formats)
        return True

    def _show_running(self, running: bool) -> None:
        self.progress.setValue(0)
        self.progress.setVisible(running)
        self.cancel_button.setVisible(running)
        for button in (self.docx_button, self.pdf_button, self.both_button, self.folder_button):
            button.setEnabled(not running)
        if running:
            self.cancel_button.setFocus()
        else:
            self.both_button.setFocus()

    def _exported(self, paths: list[Path]) -> None:
        self.ctx.dossier.meta.exported = now_iso()
        self.ctx.touch("meta.exported")
        self.ctx.flush()
        self.last_exports = list(paths)
        names = "\n".join(f"• {p}" for p in paths)
        self.result.setText(f"Fichiers créés :\n{names}")

    def _export_failed(self, reason: str) -> None:
        self.result.setText("")
        QMessageBox.warning(self, "Export impossible",
                            f"Le dossier n'a pas pu être exporté dans {self.export_dir()} : "
                            f"{reason} Choisissez un autre emplacement avec le bouton « Changer "
                            "d'emplacement… ».")

    def _export_cancelled(self) -> None:
        self.result.setText("Export annulé : aucun fichier n'a été créé.")

    def _confirm_blocking(self, blocking: int) -> bool:
        answer = QMessageBox.question(
            self,
            "Exporter malgré les problèmes ?",
            f"Le dossier a encore {_n(blocking, 'problème bloquant')} : "
            "le financeur ne pourra pas l'accepter ainsi. Ils sont rappelés à la dernière page du document. "
            "Exporter quand même ?",
        )
        return answer == QMessageBox.StandardButton.Yes


def _n(n: int, singular: str) -> str:
    """« aucun point », « 1 point », « 2 points »; « problème bloquant » -> « problèmes bloquants »."""
    plural_form = " ".join(word + "s" for word in singular.split())
    return plural(n, singular, plural_form, zero=f"aucun {singular}")
