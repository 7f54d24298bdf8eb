"""The cache of the programme data (forms/data_cache.py): a start reads the catalogue from it while no file
changed, and never trusts it otherwise — an edited resource or user call file, a damaged, foreign or
unwritable cache all lead to the strict loading, never to an error."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import pytest

from forms import data_cache, paths, user_programmes
from forms.programmes import ProgrammeDataError
from forms.user_programmes import default_catalogue_and_report, user_programmes_dir

TITLE_2023 = 'title: "Appel à projets 2023 du contrat de ville de Blois"'
CATALOGUE_CACHE = "catalogue" + data_cache.SUFFIX


@pytest.fixture
def resources(resources_copy, monkeypatch: pytest.MonkeyPatch):
    """The default catalogue read from a copy of resources/ (Blois only), counting the strict loads."""
    copy = resources_copy(only_blois=True)
    monkeypatch.setattr(user_programmes, "RESOURCES_DIR", copy.root)
    loads: list[Path] = []
    real = user_programmes.load_catalogue

    def counting(root: Path):
        loads.append(root)
        return real(root)

    monkeypatch.setattr(user_programmes, "load_catalogue", counting)
    copy.loads = loads
    default_catalogue_and_report.cache_clear()
    yield copy
    default_catalogue_and_report.cache_clear()


def start() -> tuple:
    """What a new process does: the per-process memo is empty, the cache folder is kept."""
    default_catalogue_and_report.cache_clear()
    return default_catalogue_and_report()


def cache_file() -> Path:
    return paths.cache_dir() / CATALOGUE_CACHE


def test_the_second_start_reads_the_cache(resources):
    first, _ = start()
    second, _ = start()
    assert len(resources.loads) == 1
    assert second is not first  # read back from the file, not the same objects
    assert second.calls.keys() == first.calls.keys() == {"blois-2021", "blois-2023"}
    assert second.calls["blois-2023"] == first.calls["blois-2023"]
    assert second.territories["blois"] == first.territories["blois"]
    assert second.root == resources.root


def test_editing_a_resource_file_invalidates_the_cache(resources):
    start()
    corrected = TITLE_2023.replace("2023 du", "2023 (corrigé) du")
    resources.replace("programmes/blois/appel-2023.yaml", TITLE_2023, corrected)
    catalogue, _ = start()
    assert len(resources.loads) == 2
    assert catalogue.calls["blois-2023"].title == "Appel à projets 2023 (corrigé) du contrat de ville de Blois"


def test_an_edit_that_keeps_size_and_time_is_seen(resources):
    """Copies that keep the times (cp -p, rsync -t, a package) must not fool the cache: the content counts."""
    start()
    path = resources.path("programmes/blois/appel-2023.yaml")
    before = path.stat()
    resources.replace("programmes/blois/appel-2023.yaml", "Appel à projets 2023", "Appel à projets 2O23")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    catalogue, _ = start()
    assert len(resources.loads) == 2
    assert catalogue.calls["blois-2023"].title.startswith("Appel à projets 2O23")


def test_an_invalid_edit_is_still_refused(resources):
    """The strict checks run again whenever the data changed: the cache never hides a broken file."""
    start()
    resources.replace("programmes/blois/appel-2023.yaml", "geography: qpv-2015", "geography: qpv-2099")
    with pytest.raises(ProgrammeDataError, match="qpv-2099"):
        start()


def test_a_removed_file_invalidates_the_cache(resources):
    start()
    resources.path("programmes/blois/appel-2021.yaml").unlink()
    catalogue, _ = start()
    assert "blois-2021" not in catalogue.calls


def test_a_user_call_file_invalidates_the_cache(resources):
    start()
    folder = user_programmes_dir() / "blois"
    folder.mkdir(parents=True)
    text = resources.read("programmes/blois/appel-2023.yaml")
    (folder / "appel-2025.yaml").write_text(
        text.replace("id: blois-2023", "id: blois-2025", 1).replace("year: 2023", "year: 2025", 1), encoding="utf-8")
    catalogue, report = start()
    assert "blois-2025" in catalogue.calls
    assert [v.user for v in report.versions["blois-2025"]] == [True]
    (folder / "appel-2025.yaml").write_text("id: [", encoding="utf-8")  # now broken: left aside, reported
    catalogue, report = start()
    assert "blois-2025" not in catalogue.calls
    assert [p.name for p, _ in report.ignored] == ["appel-2025.yaml"]
    _, report = start()  # the report comes from the cache too
    assert [p.name for p, _ in report.ignored] == ["appel-2025.yaml"]
    assert len(resources.loads) == 3


@pytest.mark.parametrize("damage", [b"", b"garbage", b"dossier-cdv cache 1\n\xff\xff", "truncated"])
def test_a_damaged_cache_is_ignored_and_rebuilt(resources, damage):
    expected, _ = start()
    if damage == "truncated":
        cache_file().write_bytes(cache_file().read_bytes()[:-100])
    else:
        cache_file().write_bytes(damage)
    catalogue, _ = start()
    assert len(resources.loads) == 2
    assert catalogue.calls["blois-2023"] == expected.calls["blois-2023"]
    start()  # rebuilt: the next start reads it again
    assert len(resources.loads) == 2


def test_a_cache_holding_something_else_is_ignored(resources):
    start()
    key = cache_file().read_bytes()
    size_at = len(data_cache.FORMAT)
    header = size_at + 4 + int.from_bytes(key[size_at:size_at + 4], "big")

    cache_file().write_bytes(key[:header] + pickle.dumps({"not": "a catalogue"}))
    catalogue, _ = start()
    assert len(resources.loads) == 2 and "blois-2023" in catalogue.calls


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_the_cache_is_private(resources):
    start()
    assert stat.S_IMODE(cache_file().stat().st_mode) == 0o600
    assert stat.S_IMODE(cache_file().parent.stat().st_mode) == 0o700
    assert [p.name for p in cache_file().parent.iterdir()] == [CATALOGUE_CACHE]  # no temporary file left


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_a_cache_others_can_write_is_not_trusted(resources):
    start()
    os.chmod(cache_file(), 0o666)
    start()
    assert len(resources.loads) == 2
    assert stat.S_IMODE(cache_file().stat().st_mode) == 0o600  # replaced by a private one


def test_an_unwritable_cache_folder_is_not_an_error(resources):
    paths.cache_dir().parent.mkdir(parents=True, exist_ok=True)
    paths.cache_dir().write_text("un fichier à la place du dossier", encoding="utf-8")
    catalogue, _ = start()
    catalogue, _ = start()
    assert "blois-2023" in catalogue.calls
    assert len(resources.loads) == 2  # loaded each time, without a cache


def test_a_failed_build_keeps_nothing(tmp_path: Path):
    def build():
        raise ProgrammeDataError("cassé")

    with pytest.raises(ProgrammeDataError):
        data_cache.cached("essai", [tmp_path / "absent.yaml"], build)
    assert not data_cache.cache_path("essai").exists()
    assert data_cache.cached("essai", [], lambda: {"a": 1}, kind=dict) == {"a": 1}
    assert data_cache.cached("essai", [], lambda: {"a": 2}, kind=dict) == {"a": 1}
    assert data_cache.cached("essai", [], lambda: {"a": 3}, extra="ailleurs", kind=dict) == {"a": 3}


def test_the_code_that_reads_the_data_is_part_of_the_key(tmp_path: Path):
    code = tmp_path / "lecteur.py"
    code.write_text("x = 1\n", encoding="utf-8")
    assert data_cache.cached("code", [], lambda: [1], code=[str(code)], kind=list) == [1]
    assert data_cache.cached("code", [], lambda: [2], code=[str(code)], kind=list) == [1]
    code.write_text("x = 22\n", encoding="utf-8")
    assert data_cache.cached("code", [], lambda: [3], code=[str(code)], kind=list) == [3]
