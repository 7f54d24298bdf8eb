"""« Préparer l'envoi »: the sending pack for the funders outside the portal (forms.handoff.pack).

The dialog says where the pack goes and the largest file allowed (10 Mo by default, kept in the
settings), then either lists what to fix (a click opens the piece in the documents step) or shows the
folder written, with the e-mail to copy.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication, QWheelEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from forms.export import ExportError
from forms.french import plural
from forms.handoff.pack import MAIL_FILE, MB, Pack, PackError, build_pack, size_text
from gui.widgets.labels import buddy_label
from gui.wizard.context import WizardContext
from gui.wizard.portal_view import export_dir

log = logging.getLogger(__name__)
FIELD_ROLE = Qt.ItemDataRole.UserRole


class _SizeBox(QSpinBox):
    """A size in Mo that a wheel turn over the dialog does not change unless the box has the focus."""

    def __init__(self) -> None:
        super().__init__()
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    def wheelEvent(self, event: QWheelEvent) -> None:
        if self.hasFocus():
            super().wheelEvent(event)
        else:
            event.ignore()


class PackDialog(QDialog):
    def __init__(self, ctx: WizardContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pack: Pack | None = None
        self.setWindowTitle("Préparer l'envoi aux financeurs")
        layout = QVBoxLayout(self)
        intro = QLabel("Le paquet d'envoi rassemble, dans un nouveau dossier et dans un fichier ZIP, ce que les "
                       "financeurs hors du portail demandent : le dossier en PDF, le résumé, la page de signature, "
                       "les pièces jointes renommées « 01 - … », et un courriel prêt à copier.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QGridLayout()
        self.folder = QLabel(str(export_dir(ctx.settings)))
        self.folder.setWordWrap(True)
        self.folder.setAccessibleName("Où créer le paquet")
        self.folder_button = QPushButton("C&hanger…")
        self.folder_button.setAccessibleName("Changer l'emplacement du paquet")
        grid.addWidget(QLabel("Créé dans :"), 0, 0)
        grid.addWidget(self.folder, 0, 1)
        grid.addWidget(self.folder_button, 0, 2)
        self.size = _SizeBox()
        self.size.setRange(1, 200)
        self.size.setSuffix("\u00a0Mo")
        self.size.setValue(ctx.settings.get("pack_max_mb"))
        grid.addWidget(buddy_label("&Taille maximale d'une pièce :", self.size,
                                   description="Beaucoup de messageries refusent les courriels de plus de 10 Mo."),
                       1, 0)
        grid.addWidget(self.size, 1, 1, Qt.AlignmentFlag.AlignLeft)
        grid.setColumnStretch(1, 1)
        layout.addLayout(grid)

        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.setAccessibleName("Résultat")
        layout.addWidget(self.result)
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Ce qu'il faut corriger : cliquez pour aller à la pièce")
        self.problems.itemActivated.connect(self._open_problem)
        self.problems.itemClicked.connect(self._open_problem)
        self.problems.hide()
        layout.addWidget(self.problems, 1)
        self.mail = QPlainTextEdit()
        self.mail.setReadOnly(True)
        self.mail.setAccessibleName("Courriel à envoyer")
        self.mail.hide()
        layout.addWidget(self.mail, 1)
        after = QHBoxLayout()
        self.copy_mail = QPushButton("Copier le &courriel")
        self.open_folder = QPushButton("&Ouvrir le dossier du paquet")
        for button in (self.copy_mail, self.open_folder):
            button.hide()
            after.addWidget(button)
        after.addStretch(1)
        layout.addLayout(after)

        buttons = QDialogButtonBox()
        self.build_button = buttons.addButton("&Préparer l'envoi", QDialogButtonBox.ButtonRole.AcceptRole)
        self.build_button.setDefault(True)
        close = buttons.addButton("&Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        self.build_button.clicked.connect(self.build)
        layout.addWidget(buttons)

        self.folder_button.clicked.connect(self._choose_folder)
        self.copy_mail.clicked.connect(self._copy_mail)
        self.open_folder.clicked.connect(self._open_folder)
        self.resize(720, 560)

    # ------------------------------------------------------------------ actions
    def build(self) -> Pack | None:
        self.ctx.flush()  # the file as it is now: relative paths are read from its folder
        self.ctx.settings.set("pack_max_mb", self.size.value())
        with contextlib.suppress(OSError):
            self.ctx.settings.save()
        self.problems.clear()
        self.problems.hide()
        self.mail.hide()
        self.copy_mail.hide()
        self.open_folder.hide()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.pack = build_pack(self.ctx.dossier, self.ctx.catalogue, self.ctx.path, Path(self.folder.text()),
                                   self.size.value() * MB)
        except PackError as exc:
            self.pack = None
            count = plural(len(exc.problems), "point à corriger", "points à corriger")
            self.result.setText(f"Le paquet n'a pas été préparé : {count}. Cliquez sur une ligne pour aller à la "
                                "pièce, puis revenez ici.")
            for problem in exc.problems:
                item = QListWidgetItem(problem.message)
                item.setData(FIELD_ROLE, problem.field)
                self.problems.addItem(item)
            self.problems.show()
            return None
        except ExportError as exc:
            self.pack = None
            log.warning("paquet d'envoi impossible : %s", exc)
            self.result.setText(f"{exc} Choisissez un autre emplacement avec « Changer… ».")
            return None
        finally:
            QGuiApplication.restoreOverrideCursor()
        pack = self.pack
        note = ""
        if pack.attachments_bytes > self.size.value() * MB:
            note = (f" Ensemble, les pièces pèsent {size_text(pack.attachments_bytes)} : envoyez-les en plusieurs "
                    "courriels.")
        self.result.setText(f"Paquet préparé : {len(pack.files)} fichiers dans\n{pack.folder}\net leur ZIP "
                            f"« {pack.zip_path.name} ».{note}")
        self.mail.setPlainText((pack.folder / MAIL_FILE).read_text(encoding="utf-8"))
        for widget in (self.mail, self.copy_mail, self.open_folder):
            widget.show()
        return pack

    def _open_problem(self, item: QListWidgetItem) -> None:
        field = item.data(FIELD_ROLE)
        if field:
            self.accept()
            self.ctx.focus_field(field)

    def _copy_mail(self) -> None:
        QGuiApplication.clipboard().setText(self.mail.toPlainText())
        self.result.setText(self.result.text().split("\n\n")[0] + "\n\nLe courriel est copié : collez-le dans "
                            "votre messagerie (Ctrl+V).")

    def _open_folder(self) -> None:
        if self.pack is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pack.folder)))

    def _choose_folder(self) -> None:
        start = self.folder.text() if Path(self.folder.text()).is_dir() else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Choisir où créer le paquet d'envoi", start)
        if folder:
            self.folder.setText(folder)
