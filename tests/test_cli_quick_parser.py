"""`main.py check` and `main.py programmes` start light (issue 9, bench/bench_cli_startup.py): named first,
they get a parser with only their own sub-command, and a start with the programme data in the cache reads
no YAML and imports no other command's module. The quick parser must say and accept exactly what the full
one does, and `--help` still lists every command."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import main
from forms.programmes import RESOURCES_DIR
from forms.storage import load_dossier, save_dossier

ROOT = Path(__file__).resolve().parent.parent
# Modules of the other commands, and what a start from the cache no longer needs.
NOT_NEEDED = ("yaml", "rules.suggest", "rules.exercise", "forms.renewal", "forms.call_diff", "forms.export.api")


def _subparser(parser, name: str):
    action = next(a for a in parser._actions if a.dest == "command")
    return action.choices[name]


@pytest.mark.parametrize("command", sorted(main.QUICK_COMMANDS))
def test_the_quick_parser_is_the_full_parsers_command(command):
    quick, full = main.quick_parser([command]), main.build_parser()
    assert quick is not None
    assert _subparser(quick, command).format_help() == _subparser(full, command).format_help()
    assert _subparser(quick, command).get_default("func") is not None


@pytest.mark.parametrize("argv", [[], ["--help"], ["export", "x.cdv.json"], ["--dossier", "a.cdv.json", "check"],
                                  ["chek"]])
def test_other_command_lines_use_the_full_parser(argv):
    assert main.quick_parser(argv) is None


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_:
        main.main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    for name in ("programmes", "check", "export", "pack", "demo", "renew", "compte-rendu", "suggest",
                 *main.QUICK_COMMANDS):
        assert f"    {name} " in out or f"    {name}\n" in out, name


def test_a_quick_command_reports_its_errors_as_before(capsys):
    with pytest.raises(SystemExit) as exit_:
        main.main(["check"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "main.py check" in err
    assert "arguments obligatoires manquants" in err


def _modules_after(argv: list[str], home: Path) -> tuple[int, set[str], str]:
    code = (
        "import sys, main\n"
        f"code = main.main({argv!r})\n"
        f"print('MODULES', sorted(m for m in sys.modules if m.startswith({NOT_NEEDED!r})))\n"
        "sys.stdout.flush()\n"
        "import os; os._exit(code)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                            encoding="utf-8", timeout=120, env=dict(os.environ, DOSSIER_CDV_HOME=str(home)))
    *output, line = result.stdout.splitlines()
    assert line.startswith("MODULES ")
    return result.returncode, set(eval(line.removeprefix("MODULES "))), "\n".join(output)  # a printed list


@pytest.mark.parametrize("command", ["check", "programmes"])
def test_a_start_from_the_cache_reads_no_yaml_and_no_other_command(tmp_path, command):
    dossier = load_dossier(RESOURCES_DIR / "examples" / "blois-2023-insertion.cdv.json")
    for action in dossier.actions:
        action.location = None
    save_dossier(dossier, tmp_path / "d.cdv.json")
    argv = ["check", str(tmp_path / "d.cdv.json")] if command == "check" else ["programmes"]
    code, first_modules, first = _modules_after(argv, tmp_path / "home")
    assert "yaml" in first_modules  # the first start reads the data and fills the cache
    code_again, modules, again = _modules_after(argv, tmp_path / "home")
    assert (code_again, again) == (code, first)  # same output and exit code
    assert modules == set()
