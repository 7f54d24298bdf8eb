"""A dossier that names a call this version does not ship (issue 9): it is not « missing », it is unknown."""

from __future__ import annotations

from wizard_helpers import empty_ctx, show

from gui.wizard.pages.appel import CallPage


def test_the_call_page_says_the_call_is_unknown_not_missing(qtbot, tmp_path, monkeypatch):
    ctx = empty_ctx(tmp_path, monkeypatch)
    ctx.dossier.call.call = "paris-2030"
    ctx.dossier.call.territory = "paris"
    page = show(qtbot, CallPage(ctx))
    text = page.about.text()
    assert "L'appel paris-2030 n'est pas connu de cette version de l'application" in text
    assert "Choisissez l'appel à projets auquel vous répondez" not in text


def test_the_call_page_asks_for_a_call_when_none_is_named(qtbot, tmp_path, monkeypatch):
    ctx = empty_ctx(tmp_path, monkeypatch)
    ctx.dossier.call.call = ""
    page = show(qtbot, CallPage(ctx))
    assert "Choisissez l'appel à projets auquel vous répondez" in page.about.text()


def test_the_summary_says_the_call_is_unknown(qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QLabel

    from gui.summary_dialog import DossierSummary

    ctx = empty_ctx(tmp_path, monkeypatch)
    ctx.dossier.call.call = "paris-2030"
    summary = DossierSummary(ctx.path, ctx.dossier, ctx.catalogue, None)
    qtbot.addWidget(summary)
    texts = [label.text() for label in summary.findChildren(QLabel)]
    assert "l'appel paris-2030 n'est pas connu de cette version de l'application" in texts
