"""A document's file given by a typed or pasted path (the "Fichier" box of the documents step).

What people paste: a path between quotes (copied from a file manager), a `file://` address, `~/…`. An
existing file is attached (its full path kept, the document marked "Joint"); anything else is said in
French under the box and the document is not marked as attached.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from gui.wizard.context import WizardContext
from gui.wizard.fields import BoundField

QUOTES = "\"'«»“”‘’ "


def typed_file(text: str) -> Path | None:
    """The file meant by `text`, None when it names no existing file."""
    cleaned = text.strip().strip(QUOTES)
    if cleaned.startswith("file://"):
        cleaned = unquote(urlparse(cleaned).path)
    if not cleaned:
        return None
    path = Path(cleaned).expanduser()
    return path.resolve() if path.is_file() else None


def path_message(text: str) -> str:
    """The French sentence for a typed path that names no file ("" when it does, or when empty)."""
    cleaned = text.strip()
    if not cleaned or typed_file(cleaned) is not None:
        return ""
    if Path(cleaned.strip(QUOTES)).expanduser().is_dir():
        return (f"« {cleaned} » est un dossier, pas un fichier : la pièce n'est pas jointe. "
                "Utilisez « Choisir le fichier… » pour choisir le fichier dans ce dossier.")
    return (f"Aucun fichier « {cleaned} » sur cet ordinateur : la pièce n'est pas jointe. Vérifiez le chemin, "
            "ou utilisez « Choisir le fichier… ».")


def check_typed_path(ctx: WizardContext, index: int, field: BoundField) -> None:
    """After the user left the box: attach the file it names, or say why not."""
    text = field.widget.text()
    found = typed_file(text)
    if found is not None:
        ctx.set_value(f"documents[{index}].path", str(found))
        ctx.set_value(f"documents[{index}].state", "joint")
        field.load()
    field.show_typing_error(path_message(text))
