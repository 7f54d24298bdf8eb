"""Run inside `dbus-run-session`: a real SecretService (gnome-keyring), a profile saved with its IBAN in it,
then the keyring gone (the daemon stopped), and the profile loaded again. Prints one JSON line of results.

    dbus-run-session -- python tests/forms/secret_service_session.py PROFILE_FOLDER

HOME and XDG_DATA_HOME must point at a throw-away folder (the keyring files are written there).
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import keyring
import secretstorage
from jeepney.bus_messages import message_bus
from jeepney.io.blocking import open_dbus_connection
from keyring.backends.SecretService import Keyring as SecretServiceKeyring

from forms.model import Association
from forms.profiles import ProfileStore

IBAN = "FR7630006000011234567890189"


def start_daemon() -> subprocess.Popen:
    daemon = subprocess.Popen(["gnome-keyring-daemon", "--foreground", "--unlock", "--components=secrets"],
                              stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    daemon.stdin.write(b"mot de passe de test\n")  # --unlock: creates and unlocks the login keyring
    daemon.stdin.close()
    # Wait until this daemon owns the service's name. Asking the service itself before that would make
    # D-Bus start another daemon, without the password, whose keyring stays locked.
    with open_dbus_connection(bus="SESSION") as bus:
        deadline = time.monotonic() + 30
        while not bus.send_and_get_reply(message_bus.NameHasOwner("org.freedesktop.secrets")).body[0]:
            if time.monotonic() > deadline or daemon.poll() is not None:
                raise SystemExit("le service SecretService n'a pas démarré")
            time.sleep(0.05)
    with secretstorage.dbus_init() as connection:
        if secretstorage.get_default_collection(connection).is_locked():
            raise SystemExit("le trousseau de test est verrouillé")
    return daemon


def main() -> int:
    folder = Path(sys.argv[1])
    daemon = start_daemon()
    keyring.set_keyring(SecretServiceKeyring())
    association = Association()
    association.identity.name = "Les Jardins de la Quinière"
    association.bank.holder = "Les Jardins de la Quinière"
    association.bank.iban = IBAN
    store = ProfileStore(folder)
    saved = store.save(association)
    file_text = (folder / f"{saved.id}.json").read_text(encoding="utf-8")
    loaded = store.load(saved.id)
    daemon.terminate()  # the keyring becomes unavailable (another session, a locked or broken keyring)
    daemon.wait(timeout=30)
    later = store.load(saved.id)
    print(json.dumps({
        "in_keyring": saved.bank_in_keyring,
        "iban_in_file": IBAN in file_text,
        "iban_loaded": loaded.association.bank.iban,
        "missing_loaded": loaded.bank_missing,
        "iban_later": later.association.bank.iban,
        "missing_later": later.bank_missing,
        "holder_later": later.association.bank.holder,
    }, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
