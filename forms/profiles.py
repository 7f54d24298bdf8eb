"""Association profiles: what is known about an association, entered once and reused by every dossier.

On a shared computer (a social centre) several associations have a profile. Bank details are kept in
the system keyring (keyring) when one is available, so a profile file copied from the machine does not
carry the IBAN; without a keyring they stay in the profile file, and `bank_in_keyring` says which.

When the bank details live in the keyring and the keyring later cannot give them (it is locked, its
service is not running, another session, the entry was removed), the profile still loads, but never as
if nothing happened: `Profile.bank_missing` says, in French, where the IBAN is and that it must be typed
again; the interface shows it where the profile is used.
"""

from __future__ import annotations

import contextlib
import copy
import json
from dataclasses import dataclass
from pathlib import Path

import keyring
import keyring.errors

from forms import paths
from forms.codec import DataError, from_data, to_data
from forms.filenames import safe_stem
from forms.model import Association, BankDetails, Identity
from forms.private_files import make_private_dir
from forms.storage import atomic_write_text

KEYRING_SERVICE = "dossier-contrat-de-ville"
PROFILE_FORMAT = "profil-association-contrat-de-ville"


@dataclass
class Profile:
    id: str  # file stem
    association: Association
    bank_in_keyring: bool = False
    bank_missing: str = ""  # French: why the bank details kept in the keyring could not be read



class ProfileStore:
    def __init__(self, folder: Path | None = None) -> None:
        self.folder = folder or paths.data_dir() / "profils"

    def list(self) -> list[Profile]:
        if not self.folder.is_dir():
            return []
        profiles = []
        for path in sorted(self.folder.glob("*.json")):
            with contextlib.suppress(OSError, ValueError, DataError):
                profiles.append(self.load(path.stem))
        return profiles

    def load(self, profile_id: str) -> Profile:
        data = json.loads((self.folder / f"{profile_id}.json").read_text(encoding="utf-8"))
        if not isinstance(data, dict) or data.get("format") != PROFILE_FORMAT:
            raise ValueError("profil illisible")
        association = from_data(Association, data.get("association"))
        in_keyring = bool(data.get("bank_in_keyring"))
        missing = ""
        if in_keyring:
            try:
                secret = _keyring_get(profile_id)
            except KeyringUnavailable as exc:
                secret, missing = None, _bank_missing_message(association, profile_id, str(exc))
            else:
                if not secret:
                    missing = _bank_missing_message(association, profile_id, "")
            if secret:
                try:
                    association.bank = from_data(BankDetails, json.loads(secret))
                except (ValueError, DataError):
                    missing = _bank_missing_message(association, profile_id, "illisible")
        return Profile(profile_id, association, in_keyring, missing)

    def save(self, association: Association) -> Profile:
        """Save (or update) the profile of this association; the id comes from its name."""
        profile_id = self._id_for(association)
        stored = copy.deepcopy(association)
        in_keyring = _keyring_set(profile_id, json.dumps(to_data(association.bank), ensure_ascii=False))
        if in_keyring:
            stored.bank = BankDetails(holder=association.bank.holder, bank_name=association.bank.bank_name)
        data = {"format": PROFILE_FORMAT, "bank_in_keyring": in_keyring, "association": to_data(stored)}
        make_private_dir(self.folder)  # 0700 / 0600: a profile holds the association's details
        atomic_write_text(self.folder / f"{profile_id}.json", json.dumps(data, ensure_ascii=False, indent=2),
                          private=True)
        return Profile(profile_id, copy.deepcopy(association), in_keyring)

    def _id_for(self, association: Association) -> str:
        """The id of this association's profile: its name made safe, numbered when another association
        already has that id (two names that differ only by case or punctuation must not overwrite
        each other)."""
        base = safe_stem(association.identity.name, "association").lower().replace(" ", "-")
        candidate, n = base, 2
        while (self.folder / f"{candidate}.json").exists():
            try:
                existing = self.load(candidate).association.identity
            except (OSError, ValueError, KeyError, DataError):
                existing = None  # an unreadable profile is never overwritten either
            if existing is not None and _same_association(existing, association.identity):
                break
            candidate, n = f"{base}-{n}", n + 1
        return candidate

    def delete(self, profile_id: str) -> None:
        (self.folder / f"{profile_id}.json").unlink(missing_ok=True)
        with contextlib.suppress(keyring.errors.KeyringError):
            keyring.delete_password(KEYRING_SERVICE, f"banque:{profile_id}")


def _keyring_set(profile_id: str, secret: str) -> bool:
    try:
        keyring.set_password(KEYRING_SERVICE, f"banque:{profile_id}", secret)
    except Exception:  # KeyringError, or a backend's own failure (D-Bus gone…): the file keeps them
        return False  # no usable keyring on this machine: the file keeps the bank details
    return True


class KeyringUnavailable(Exception):
    """The keyring could not be asked (locked, not running, no backend); `str()` says what it said."""


def _keyring_get(profile_id: str) -> str | None:
    """The secret, or None when the keyring has no such entry; `KeyringUnavailable` when it cannot answer."""
    try:
        return keyring.get_password(KEYRING_SERVICE, f"banque:{profile_id}")
    except (keyring.errors.KeyringError, RuntimeError) as exc:
        raise KeyringUnavailable(str(exc) or type(exc).__name__) from None
    except Exception as exc:  # a backend's own failure (D-Bus gone, a locked collection…)
        raise KeyringUnavailable(f"{type(exc).__name__} : {exc}") from None


def keyring_entry(profile_id: str) -> str:
    """Where a profile's bank details are in the keyring, as a user can look them up (Seahorse…)."""
    return f"service « {KEYRING_SERVICE} », identifiant « banque:{profile_id} »"


def _bank_missing_message(association: Association, profile_id: str, problem: str) -> str:
    name = association.identity.name or profile_id
    where = (f"Les coordonnées bancaires (IBAN, BIC) du profil « {name} » sont rangées dans le coffre-fort de "
             f"mots de passe de cet ordinateur (trousseau : {keyring_entry(profile_id)})")
    if problem == "illisible":
        why = ", mais ce qui y est rangé est illisible."
    elif problem:
        why = (", qui ne répond pas en ce moment (il est peut-être verrouillé, ou vous n'êtes pas dans votre "
               "session habituelle).")
    else:
        why = ", mais elles n'y sont plus (le coffre-fort a peut-être été vidé ou remplacé)."
    return (f"{where}{why} Ressaisissez l'IBAN et le BIC à l'étape « Votre association », partie « Coordonnées "
            "bancaires », puis enregistrez de nouveau le profil.")


def _same_association(a: Identity, b: Identity) -> bool:
    siret_a, siret_b = a.siret.replace(" ", ""), b.siret.replace(" ", "")
    if siret_a and siret_b:
        return siret_a[:9] == siret_b[:9]  # the same SIREN: the same association
    return a.name.strip() == b.name.strip()
