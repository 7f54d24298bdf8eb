"""User settings (forms.settings) and the application's folders (forms.paths)."""

from __future__ import annotations

import json
from pathlib import Path

import platformdirs
import pytest

from forms import paths
from forms.settings import MAX_RECENT, SPECS, Settings


@pytest.fixture
def settings_path(tmp_path) -> Path:
    return tmp_path / "config" / "settings.json"


def test_defaults(settings_path):
    s = Settings(settings_path)
    for spec in SPECS:
        assert s.get(spec.key) == spec.default
        assert spec.label.strip()
        assert isinstance(spec.default, spec.type)
    assert not settings_path.exists()  # reading never writes


def test_defaults_are_not_shared_between_instances(settings_path):
    a, b = Settings(settings_path), Settings(settings_path)
    a.add_recent("/tmp/x.cdv.json")
    assert b.get("recent_files") == []
    assert next(s for s in SPECS if s.key == "recent_files").default == []


def test_save_and_load_round_trip(settings_path, tmp_path):
    s = Settings(settings_path)
    s.set("library_dir", str(tmp_path / "Mes dossiers"))
    s.set("show_glossary", False)
    s.set("export_dir", "/tmp/exports")
    (tmp_path / "a.cdv.json").write_text("{}", encoding="utf-8")  # a file that is gone is forgotten (issue 9)
    s.add_recent(tmp_path / "a.cdv.json")
    s.save()
    again = Settings(settings_path)
    assert again.get("library_dir") == str(tmp_path / "Mes dossiers")
    assert again.library_dir == tmp_path / "Mes dossiers"
    assert again.get("show_glossary") is False
    assert again.get("export_dir") == "/tmp/exports"
    assert again.get("recent_files") == [str(tmp_path / "a.cdv.json")]
    assert sorted(p.name for p in settings_path.parent.iterdir()) == ["settings.json"]


def test_set_checks_the_type(settings_path):
    s = Settings(settings_path)
    with pytest.raises(TypeError):
        s.set("library_dir", 3)
    with pytest.raises(TypeError):
        s.set("show_glossary", "oui")
    with pytest.raises(StopIteration):
        s.set("inconnu", "x")


@pytest.mark.parametrize("content", [b"{pas du json", b"\xff\xfe\x00", b"[1, 2]", b"null", b'"texte"'])
def test_a_damaged_file_is_set_aside_and_defaults_apply(settings_path, content):
    settings_path.parent.mkdir(parents=True)
    settings_path.write_bytes(content)
    s = Settings(settings_path)
    assert s.get("library_dir") == ""
    assert s.get("show_glossary") is True
    aside = settings_path.with_name("settings.json.endommage")
    assert aside.read_bytes() == content
    assert not settings_path.exists()
    s.save()  # the user's next change writes a fresh file
    assert json.loads(settings_path.read_text(encoding="utf-8"))["show_glossary"] is True
    assert aside.read_bytes() == content


def test_wrong_types_are_ignored(settings_path):
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text(
        json.dumps(
            {
                "library_dir": 42,
                "show_glossary": "non",
                "recent_files": "un seul",
                "window_geometry": True,
                "last_folder": "/home/x",
                "inconnu": 1,
            }
        ),
        encoding="utf-8",
    )
    s = Settings(settings_path)
    assert s.get("library_dir") == ""
    assert s.get("show_glossary") is True
    assert s.get("recent_files") == []
    assert s.get("window_geometry") == ""
    assert s.get("last_folder") == "/home/x"  # the right values are kept
    assert settings_path.exists()  # not damaged: not set aside


def test_recent_files_of_the_wrong_type_are_ignored(settings_path, tmp_path):
    real = tmp_path / "vrai.cdv.json"
    real.write_text("{}", encoding="utf-8")
    settings_path.parent.mkdir(parents=True)
    settings_path.write_text(json.dumps({"recent_files": [1, None, str(real), ["x"]]}), encoding="utf-8")
    s = Settings(settings_path)
    assert s.get("recent_files") == [str(real)]
    assert s.recent_files() == [real]


def test_recent_files_capped_and_deduplicated(settings_path, tmp_path):
    s = Settings(settings_path)
    files = [tmp_path / f"d{i}.cdv.json" for i in range(MAX_RECENT + 5)]
    for f in files:
        f.write_text("{}", encoding="utf-8")
        s.add_recent(f)
    recent = s.get("recent_files")
    assert len(recent) == MAX_RECENT
    assert recent[0] == str(files[-1])  # most recent first
    s.add_recent(files[-3])
    recent = s.get("recent_files")
    assert recent[0] == str(files[-3])
    assert len(recent) == len(set(recent)) == MAX_RECENT
    s.add_recent(str(files[-3]))
    assert s.get("recent_files") == recent


def test_recent_files_skip_missing_files(settings_path, tmp_path):
    s = Settings(settings_path)
    present = tmp_path / "present.cdv.json"
    present.write_text("{}", encoding="utf-8")
    s.add_recent(tmp_path / "disparu.cdv.json")
    s.add_recent(present)
    assert s.recent_files() == [present]
    assert len(s.get("recent_files")) == 2  # kept: the file may come back (USB key)


def test_default_settings_path_and_library_follow_the_private_home(private_home):
    s = Settings()
    assert s.path == private_home / "config" / "settings.json"
    assert s.library_dir == private_home / "Dossiers contrat de ville"
    s.save()
    assert (private_home / "config" / "settings.json").is_file()


# ------------------------------------------------------------------------------------ paths
def test_private_home_puts_everything_under_it(monkeypatch, tmp_path):
    monkeypatch.setenv(paths.HOME_ENV, str(tmp_path))
    assert paths.config_dir() == tmp_path / "config"
    assert paths.data_dir() == tmp_path / "data"
    assert paths.log_dir() == tmp_path / "logs"
    assert paths.default_library_dir() == tmp_path / "Dossiers contrat de ville"


@pytest.mark.parametrize("value", [None, "", "   "])
def test_without_private_home_platformdirs_decides(monkeypatch, value):
    if value is None:
        monkeypatch.delenv(paths.HOME_ENV, raising=False)
    else:
        monkeypatch.setenv(paths.HOME_ENV, value)
    assert paths.config_dir() == Path(platformdirs.user_config_dir(paths.APP_NAME, paths.APP_AUTHOR))
    assert paths.data_dir() == Path(platformdirs.user_data_dir(paths.APP_NAME, paths.APP_AUTHOR))
    assert paths.log_dir() == Path(platformdirs.user_log_dir(paths.APP_NAME, paths.APP_AUTHOR))
    assert paths.default_library_dir() == Path(platformdirs.user_documents_dir()) / "Dossiers contrat de ville"
    assert paths.APP_NAME in str(paths.config_dir())
