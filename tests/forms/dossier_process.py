"""A second process that edits a dossier the way a dossier window does (tests of issue 9's one-writer rule).

    python tests/forms/dossier_process.py FILE [--take-over]

It opens FILE (its stamp), takes its lock, prints one line (`ouvert <pid>` or `verrouille <holder pid>`),
then obeys commands read on stdin, one per line, answering each with one line:
    set PATH VALUE   write a text field of the model           -> ok
    save             save with the stamp check                 -> enregistre | conflit | perdu
    keep-both        save this version as a copy beside FILE   -> copie <path>
    quit             release the lock and exit                 -> (nothing)
"""

from __future__ import annotations

import sys
from pathlib import Path

from forms.dossier_lock import DossierLock, DossierLocked
from forms.fieldpath import set_path
from forms.library import conflict_copy_path
from forms.storage import DossierChangedOnDisk, open_dossier_file, save_dossier


def main() -> int:
    path = Path(sys.argv[1])
    opened = open_dossier_file(path)
    dossier, stamp = opened.dossier, opened.stamp
    try:
        lock = DossierLock.acquire(path, take_over="--take-over" in sys.argv)
    except DossierLocked as exc:
        print(f"verrouille {exc.owner.pid if exc.owner else 0}", flush=True)
        return 3
    print(f"ouvert {lock.owner.pid}", flush=True)
    for line in sys.stdin:
        command, *rest = line.rstrip("\n").split(" ", 2)
        if command == "set":
            set_path(dossier, rest[0], rest[1])
            answer = "ok"
        elif command == "save":
            if not lock.still_ours():
                answer = "perdu"  # another process took the lock over: saving could overwrite its edits
            else:
                try:
                    stamp = save_dossier(dossier, path, expected=stamp)
                    answer = "enregistre"
                except DossierChangedOnDisk:
                    answer = "conflit"
        elif command == "keep-both":
            target = conflict_copy_path(path)
            save_dossier(dossier, target)
            answer = f"copie {target}"
        else:
            break
        print(answer, flush=True)
    lock.release()
    return 0


if __name__ == "__main__":
    sys.exit(main())
