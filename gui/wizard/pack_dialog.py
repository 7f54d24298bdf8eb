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
    QComboBox,
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
from gui.widgets.labels import buddy_label, hint_label, plain_text
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
        layout.addWidget(hint_label("Le paquet d'envoi rassemble, dans un nouveau dossier et dans un fichier ZIP, ce "
                                    "que les financeurs hors du portail demandent : le dossier en PDF, le résumé, la "
                                    "page de signature, les pièces jointes renommées « 01 - … », et un courriel prêt "
                                    "à copier."))
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
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Dernière action")
        self.problems = QListWidget()
        self.problems.setWordWrap(True)
        self.problems.setAccessibleName("Ce qu'il faut corriger : cliquez pour aller à la pièce")
        self.problems.itemActivated.connect(self._open_problem)
        self.problems.itemClicked.connect(self._open_problem)
        self.problems.hide()
        layout.addWidget(self.problems, 1)
        self.mail_box = QWidget()
        mail_layout = QGridLayout(self.mail_box)
        mail_layout.setContentsMargins(0, 0, 0, 0)
        self.funder = QComboBox()
        self.mail_to = QLabel()
        self.mail_to.setWordWrap(True)
        self.mail_to.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subject = QLabel()
        self.subject.setWordWrap(True)
        self.subject.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.subject.setAccessibleName("Objet du courriel")
        self.mail = QPlainTextEdit()
        self.mail.setReadOnly(True)
        self.mail.setAccessibleName("Texte du courriel")
        self.copy_subject = QPushButton("Copier l'ob&jet")
        self.copy_mail = QPushButton("Copier le &texte")
        self.open_folder = QPushButton("&Ouvrir le dossier du paquet")
        mail_layout.addWidget(buddy_label("&Courriel pour :", self.funder), 0, 0)
        mail_layout.addWidget(self.funder, 0, 1, 1, 2)
        mail_layout.addWidget(QLabel("À :"), 1, 0)
        mail_layout.addWidget(self.mail_to, 1, 1, 1, 2)
        mail_layout.addWidget(QLabel("Objet :"), 2, 0)
        mail_layout.addWidget(self.subject, 2, 1)
        mail_layout.addWidget(self.copy_subject, 2, 2)
        mail_layout.addWidget(self.mail, 3, 0, 1, 3)
        row = QHBoxLayout()
        row.addWidget(self.copy_mail)
        row.addWidget(self.open_folder)
        row.addStretch(1)
        mail_layout.addLayout(row, 4, 0, 1, 3)
        mail_layout.setColumnStretch(1, 1)
        mail_layout.setRowStretch(3, 1)
        self.mail_box.hide()
        layout.addWidget(self.mail_box, 1)
        layout.addWidget(self.status)

        buttons = QDialogButtonBox()
        self.build_button = buttons.addButton("&Préparer l'envoi", QDialogButtonBox.ButtonRole.AcceptRole)
        self.build_button.setDefault(True)
        close = buttons.addButton("&Fermer", QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.reject)
        self.build_button.clicked.connect(self.build)
        layout.addWidget(buttons)

        for button in (self.build_button, close, self.copy_subject, self.copy_mail, self.open_folder):
            button.setAccessibleName(plain_text(button.text()))
        self.funder.view().setAccessibleName("Financeurs à qui écrire")
        self.folder_button.clicked.connect(self._choose_folder)
        self.copy_mail.clicked.connect(lambda: self._copy(self.mail.toPlainText(), "Le texte du courriel"))
        self.copy_subject.clicked.connect(lambda: self._copy(self.subject.text(), "L'objet du courriel"))
        self.funder.currentIndexChanged.connect(self._show_mail)
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
        self.mail_box.hide()
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
        blocking = sum(1 for v in self.ctx.verdicts if v.level == "bloquant")
        if blocking:
            note += (f" Attention : le dossier a encore {plural(blocking, 'problème bloquant', 'problèmes bloquants')}"
                     " (étape « Vérification et export ») : le financeur ne pourra pas l'accepter ainsi.")
        self.result.setText(f"Paquet préparé : {len(pack.files)} fichiers dans\n{pack.folder}\net leur ZIP "
                            f"« {pack.zip_path.name} ».{note}")
        self.funder.blockSignals(True)
        self.funder.clear()
        self.funder.addItems([m.funder for m in pack.mails])
        self.funder.blockSignals(False)
        if pack.mails:
            self._show_mail(0)
        else:
            self.mail_to.setText("")
            self.subject.setText("")
            self.mail.setPlainText(pack.mail_head)
        for widget in (self.funder, self.copy_subject, self.copy_mail):
            widget.setEnabled(bool(pack.mails))
        self.mail_box.show()
        return pack

    def _show_mail(self, index: int) -> None:
        if self.pack is None or not 0 <= index < len(self.pack.mails):
            return
        mail = self.pack.mails[index]
        self.mail_to.setText(mail.to)
        self.subject.setText(mail.subject)
        self.mail.setPlainText(mail.body)

    def _open_problem(self, item: QListWidgetItem) -> None:
        field = item.data(FIELD_ROLE)
        if field:
            self.accept()
            self.ctx.focus_field(field)

    def _copy(self, text: str, what: str) -> None:
        QGuiApplication.clipboard().setText(text)
        self.status.setText(f"{what} est copié : collez-le dans votre messagerie (Ctrl+V). Le même texte est dans "
                            f"le fichier « {MAIL_FILE} » du paquet.")

    def _open_folder(self) -> None:
        if self.pack is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.pack.folder)))

    def _choose_folder(self) -> None:
        start = self.folder.text() if Path(self.folder.text()).is_dir() else str(Path.home())
        folder = QFileDialog.getExistingDirectory(self, "Choisir où créer le paquet d'envoi", start)
        if folder:
            self.folder.setText(folder)
