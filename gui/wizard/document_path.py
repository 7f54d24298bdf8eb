"""A document's file given by a typed or pasted path (the "Fichier" box of the documents step).

What people paste: a path between quotes (copied from a file manager), a `file://` address, `~/…`. An
existing file is attached (its full path kept, the document marked "Joint"); anything else is said in
French under the box and the document is not (or no longer) marked as attached. Only a box the user has
changed is checked: going through it with Tab changes nothing.
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
    box = field.widget
    if not box.isModified():  # only what the user typed or pasted: Tab through a box checks nothing
        return
    box.setModified(False)
    text = box.text()
    found = typed_file(text)
    state_path = f"documents[{index}].state"
    if found is not None:
        ctx.set_value(f"documents[{index}].path", str(found))
        ctx.set_value(state_path, "joint")
        field.load()
    elif text.strip() and ctx.value(state_path) == "joint":
        ctx.set_value(state_path, "a_fournir")  # the message says it is not attached: the state says so too
    field.show_typing_error(path_message(text))
