"""Association profiles (forms.profiles): stored once, reused; bank details in the keyring when there is one."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import keyring
import keyring.errors
import pytest
from keyring.backend import KeyringBackend

from forms.model import Association, BankDetails
from forms.profiles import KEYRING_SERVICE, PROFILE_FORMAT, ProfileStore

IBAN = "FR7630006000011234567890189"


class MemoryKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.secrets.get((service, username))

    def set_password(self, service, username, password):
        self.secrets[(service, username)] = password

    def delete_password(self, service, username):
        try:
            del self.secrets[(service, username)]
        except KeyError:
            raise keyring.errors.PasswordDeleteError(username) from None


class NoKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def get_password(self, service, username):
        raise keyring.errors.NoKeyringError("pas de trousseau")

    def set_password(self, service, username, password):
        raise keyring.errors.NoKeyringError("pas de trousseau")

    def delete_password(self, service, username):
        raise keyring.errors.NoKeyringError("pas de trousseau")


class LockedKeyring(NoKeyring):
    def get_password(self, service, username):
        raise keyring.errors.KeyringLocked("verrouillé")

    def set_password(self, service, username, password):
        raise keyring.errors.KeyringError("refusé")


def _use(backend: KeyringBackend) -> Iterator[KeyringBackend]:
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    yield from _use(MemoryKeyring())


@pytest.fixture(params=[NoKeyring, LockedKeyring])
def failing_keyring(request) -> Iterator[KeyringBackend]:
    yield from _use(request.param())


@pytest.fixture
def store(tmp_path) -> ProfileStore:
    return ProfileStore(tmp_path / "profils")


def _association(name: str = "Les Jardins de la Quinière") -> Association:
    a = Association()
    a.identity.name = name
    a.identity.siret = "81473062800025"
    a.identity.address.city = "Blois"
    a.networks = ["Réseau des jardins"]
    a.bank = BankDetails(holder=name, bank_name="Crédit Coopératif", iban=IBAN, bic="CCOPFRPPXXX")
    return a


def test_round_trip_with_a_keyring(store, memory_keyring):
    association = _association()
    profile = store.save(association)
    assert profile.id == "les-jardins-de-la-quinière"
    assert profile.bank_in_keyring is True
    assert profile.association == association

    file = store.folder / f"{profile.id}.json"
    text = file.read_text(encoding="utf-8")
    assert IBAN not in text and "CCOPFRPPXXX" not in text  # a copied profile file carries no IBAN
    data = json.loads(text)
    assert data["format"] == PROFILE_FORMAT
    assert data["bank_in_keyring"] is True
    assert data["association"]["bank"]["holder"] == association.bank.holder  # not secret: kept for display
    assert IBAN in memory_keyring.secrets[(KEYRING_SERVICE, f"banque:{profile.id}")]

    loaded = store.load(profile.id)
    assert loaded.association == association  # bank details come back from the keyring
    assert loaded.bank_in_keyring is True
    assert [p.id for p in store.list()] == [profile.id]


def test_round_trip_without_a_keyring(store, failing_keyring):
    association = _association()
    profile = store.save(association)
    assert profile.bank_in_keyring is False
    data = json.loads((store.folder / f"{profile.id}.json").read_text(encoding="utf-8"))
    assert data["bank_in_keyring"] is False
    assert data["association"]["bank"]["iban"] == IBAN  # stays in the file
    loaded = store.load(profile.id)
    assert loaded.association == association
    assert loaded.bank_in_keyring is False


def test_keyring_gone_after_saving(store, memory_keyring):
    association = _association()
    profile = store.save(association)
    keyring.set_keyring(NoKeyring())  # restored by the memory_keyring fixture
    loaded = store.load(profile.id)
    assert loaded.association.identity == association.identity
    assert loaded.association.bank.iban == ""  # not available, but the profile still opens
    assert loaded.association.bank.holder == association.bank.holder


def test_damaged_keyring_secret_is_ignored(store, memory_keyring):
    profile = store.save(_association())
    memory_keyring.secrets[(KEYRING_SERVICE, f"banque:{profile.id}")] = "pas du json"
    assert store.load(profile.id).association.bank.iban == ""


def test_save_updates_the_same_profile(store, memory_keyring):
    association = _association()
    store.save(association)
    association.identity.address.city = "Vineuil"
    association.bank.iban = "FR1420041010050500013M02606"
    profile = store.save(association)
    assert len(store.list()) == 1
    loaded = store.load(profile.id)
    assert loaded.association.identity.address.city == "Vineuil"
    assert loaded.association.bank.iban == "FR1420041010050500013M02606"


def test_saved_profile_is_independent_of_the_association(store, memory_keyring):
    association = _association()
    profile = store.save(association)
    association.identity.name = "Changé après"
    assert profile.association.identity.name == "Les Jardins de la Quinière"


def test_several_profiles_listed_by_name(store, memory_keyring):
    store.save(_association("Zèbres solidaires"))
    store.save(_association("Atelier vélo"))
    store.save(_association(""))
    assert [p.id for p in store.list()] == ["association", "atelier-vélo", "zèbres-solidaires"]


def test_unreadable_profiles_are_skipped_by_list(store, memory_keyring):
    store.save(_association("Valide"))
    (store.folder / "abime.json").write_text("{pas du json", encoding="utf-8")
    (store.folder / "autre.json").write_text(json.dumps({"format": "autre"}), encoding="utf-8")
    (store.folder / "sans-association.json").write_text(json.dumps({"format": PROFILE_FORMAT}), encoding="utf-8")
    (store.folder / "mauvais-type.json").write_text(
        json.dumps({"format": PROFILE_FORMAT, "association": {"people": {"members": "dix"}}}), encoding="utf-8"
    )
    assert [p.id for p in store.list()] == ["valide"]
    with pytest.raises(ValueError):
        store.load("sans-association")


def test_list_of_a_missing_folder(store):
    assert store.list() == []


def test_delete(store, memory_keyring):
    profile = store.save(_association())
    store.delete(profile.id)
    assert store.list() == []
    assert not (store.folder / f"{profile.id}.json").exists()
    assert memory_keyring.secrets == {}
    store.delete(profile.id)  # deleting twice is harmless (no file, no secret)


def test_delete_without_a_keyring(store, failing_keyring):
    profile = store.save(_association())
    store.delete(profile.id)
    assert store.list() == []


def test_default_folder_follows_the_private_home(private_home):
    assert ProfileStore().folder == private_home / "data" / "profils"


def test_two_associations_whose_names_differ_by_case_keep_their_own_profile(tmp_path):
    store = ProfileStore(tmp_path / "profils")
    first, second = Association(), Association()
    first.identity.name, first.identity.siret = "Les Amis du Quartier", "73282932000074"
    second.identity.name, second.identity.siret = "Les amis du quartier", "20003452800014"
    a = store.save(first)
    b = store.save(second)
    assert a.id != b.id
    assert {p.association.identity.siret for p in store.list()} == {"73282932000074", "20003452800014"}
    # Saving the same association again updates its own profile.
    first.identity.acronym = "LAQ"
    assert store.save(first).id == a.id
    assert store.load(a.id).association.identity.acronym == "LAQ"


# ------------------------------------------------------------------------------------ keyring gone (issue 9)
def test_keyring_unavailable_says_where_the_iban_is(store, memory_keyring):
    profile = store.save(_association())
    keyring.set_keyring(LockedKeyring())  # restored by the memory_keyring fixture
    loaded = store.load(profile.id)
    assert loaded.association.bank.iban == ""
    message = loaded.bank_missing
    assert "coffre-fort de mots de passe" in message
    assert f"service « {KEYRING_SERVICE} », identifiant « banque:{profile.id} »" in message
    assert "ne répond pas" in message and "Ressaisissez l'IBAN" in message


def test_keyring_entry_removed_says_so(store, memory_keyring):
    profile = store.save(_association())
    memory_keyring.secrets.clear()
    assert "n'y sont plus" in store.load(profile.id).bank_missing


def test_damaged_keyring_entry_says_so(store, memory_keyring):
    profile = store.save(_association())
    memory_keyring.secrets[(KEYRING_SERVICE, f"banque:{profile.id}")] = "pas du json"
    assert "illisible" in store.load(profile.id).bank_missing


def test_a_backend_failing_its_own_way_is_unavailable_too(store, memory_keyring):
    class BrokenBus(NoKeyring):
        def get_password(self, service, username):
            raise ConnectionError("D-Bus a disparu")

    profile = store.save(_association())
    keyring.set_keyring(BrokenBus())
    assert "ne répond pas" in store.load(profile.id).bank_missing


def test_nothing_missing_when_the_keyring_answers_or_is_not_used(store, memory_keyring):
    profile = store.save(_association())
    assert store.load(profile.id).bank_missing == ""
    keyring.set_keyring(NoKeyring())
    in_file = store.save(_association("Autre association"))
    assert not in_file.bank_in_keyring
    assert store.load(in_file.id).bank_missing == ""


@pytest.mark.skipif(not (shutil.which("gnome-keyring-daemon") and shutil.which("dbus-run-session")),
                    reason="gnome-keyring et dbus-run-session (installés par ./dev.sh test)")
def test_a_real_secret_service_then_gone(tmp_path):
    """gnome-keyring under dbus-run-session: the IBAN goes to the keyring (not the file), comes back, and
    once the keyring is gone the profile says where the IBAN is instead of loading it empty."""
    home = tmp_path / "home"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "XDG_DATA_HOME": str(home / "share"),
           "XDG_RUNTIME_DIR": str(home / "run"), "DISPLAY": "", "WAYLAND_DISPLAY": ""}
    (home / "run").mkdir(mode=0o700)
    helper = Path(__file__).with_name("secret_service_session.py")
    result = subprocess.run(["dbus-run-session", "--", sys.executable, str(helper), str(tmp_path / "profils")],
                            env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert data["in_keyring"] is True and data["iban_in_file"] is False
    assert data["iban_loaded"] == IBAN and data["missing_loaded"] == ""
    assert data["iban_later"] == "" and data["holder_later"] == "Les Jardins de la Quinière"
    assert "coffre-fort de mots de passe" in data["missing_later"]
    assert "Ressaisissez l'IBAN" in data["missing_later"]
