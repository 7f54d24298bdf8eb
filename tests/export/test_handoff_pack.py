"""The sending pack (forms.handoff.pack) and `main.py pack`: its files and names read back, the ZIP, the
e-mail, nothing written outside the pack folder, and the checks that stop it with the right message."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path

import pypdf
import pytest
from export_readback import EXAMPLES_DIR, FakeVerdict, docx_text, norm, pdf_text

from forms.cli_french import FrenchArgumentParser
from forms.handoff.cli import register
from forms.handoff.pack import (
    DEFAULT_MAX_BYTES,
    MAIL_FILE,
    MB,
    SIGNATURE_FILE,
    SUMMARY_FILE,
    PackError,
    build_pack,
    check_pack,
)
from forms.model import Dossier
from forms.programmes import Catalogue
from forms.storage import load_dossier
from main import main

ATTACHMENTS = [
    "01 - Statuts de l'association.pdf",
    "02 - Liste des membres du conseil d'administration et du bureau.pdf",
    "03 - Avis de situation au répertoire SIRENE (numéro SIREN - SIRET).pdf",
    "04 - Récépissé de déclaration de l'association en préfecture.pdf",
    "05 - Relevé d'identité bancaire (RIB) au nom de l'association.pdf",
    "06 - Derniers comptes annuels approuvés.pdf",
    "07 - Dernier rapport d'activité approuvé.pdf",
    "08 - Budget prévisionnel global de l'association.pdf",
    "09 - Attestation sur l'honneur signée.pdf",
    "10 - Compte-rendu financier de la subvention de l'année précédente.pdf",
]
STEM = "PEBN - Passerelle vers l'emploi - accompagnement renforcé… - blois-2023"  # the export's stem


def tree(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.fixture
def ready(tmp_path: Path) -> Path:
    """A copy of the reference dossier whose attachments exist beside it (`pieces/…`, relative paths)."""
    folder = tmp_path / "association"
    (folder / "pieces").mkdir(parents=True)
    path = folder / "blois-2023-insertion.cdv.json"
    shutil.copy(EXAMPLES_DIR / path.name, path)
    for doc in load_dossier(path).documents:
        if doc.path:
            (folder / doc.path).write_bytes(b"%PDF-1.4 " + doc.id.encode() * 100)
    return path


def test_the_pack_holds_named_files_and_their_zip(ready: Path, tmp_path: Path, catalogue: Catalogue) -> None:
    dossier = load_dossier(ready)
    before = tree(tmp_path)
    pack = build_pack(dossier, catalogue, ready, tmp_path / "envois")
    assert pack.folder == tmp_path / "envois" / f"Envoi - {STEM}"
    names = [p.name for p in pack.files]
    assert names == [f"{STEM}.pdf", f"{STEM}.docx", SUMMARY_FILE, SIGNATURE_FILE, *ATTACHMENTS, MAIL_FILE]
    # nothing outside the pack folder: the new tree is the old one plus the folder and its files
    assert tree(tmp_path) - before == {"envois", f"envois/{pack.folder.name}",
                                       *(f"envois/{pack.folder.name}/{n}" for n in [*names, pack.zip_path.name])}
    # the attachments are copied byte for byte, under their new names
    assert (pack.folder / ATTACHMENTS[0]).read_bytes() == (ready.parent / "pieces/statuts-PEBN-2019.pdf").read_bytes()
    assert pack.attachments_bytes == sum((pack.folder / n).stat().st_size for n in ATTACHMENTS)
    with zipfile.ZipFile(pack.zip_path) as archive:
        assert archive.testzip() is None
        assert archive.namelist() == [f"{pack.folder.name}/{n}" for n in names]
        assert archive.read(f"{pack.folder.name}/{ATTACHMENTS[4]}") == (pack.folder / ATTACHMENTS[4]).read_bytes()


def test_the_documents_of_the_pack_read_back(ready: Path, tmp_path: Path, catalogue: Catalogue) -> None:
    pack = build_pack(load_dossier(ready), catalogue, ready, tmp_path / "envois")
    pdf = norm(pdf_text((pack.folder / f"{STEM}.pdf").read_bytes()))
    assert "Résumé de la demande" in pdf and "Passerelle vers l'emploi" in pdf
    assert "Annexe" not in pdf  # the application's checks are not sent
    assert "Annexe" not in docx_text((pack.folder / f"{STEM}.docx").read_bytes())
    signature = pypdf.PdfReader(io.BytesIO((pack.folder / SIGNATURE_FILE).read_bytes()))
    assert len(signature.pages) == 1
    page = norm(signature.pages[0].extract_text())
    assert page.startswith("Attestation à signer") and "Passerelles Emploi Blois Nord" in page
    assert "Signature du représentant légal" in page and "Madame Nadia Benali" in page
    summary = pypdf.PdfReader(io.BytesIO((pack.folder / SUMMARY_FILE).read_bytes()))
    assert len(summary.pages) == 1 and "Montant demandé à chaque financeur" in summary.pages[0].extract_text()


def test_the_mail_says_to_whom_what_and_how_much(ready: Path, tmp_path: Path, catalogue: Catalogue) -> None:
    pack = build_pack(load_dossier(ready), catalogue, ready, tmp_path / "envois")
    text = (pack.folder / MAIL_FILE).read_text(encoding="utf-8")
    assert "État (14 000,00 €) : la demande se saisit sur le portail Dauphin" in text
    assert "Courriel pour : État" not in text
    mails = text.split("Courriel pour : ")[1:]
    assert [m.splitlines()[0] for m in mails] == [
        "Ville de Blois", "Terres de Loire Habitat", "Caisse d’allocations familiales (Caf)",
        "Conseil départemental de Loir-et-Cher"]
    ville = mails[0].rsplit("\n\n" + "=" * 40, 1)[0]  # up to the next e-mail's rule
    assert "Nous sollicitons de votre part une subvention de 9 000,00 €, pour un budget total de l'action de " \
           "44 800,00 €." in ville
    assert "Objet : Demande de subvention — Appel à projets 2023 du contrat de ville de Blois — PEBN" in ville
    assert all(f"- {name}" in ville for name in ATTACHMENTS)
    assert f"- {STEM}.pdf : le dossier de demande" in ville and f"{STEM}.docx" not in ville
    assert ville.rstrip().endswith("02 61 91 40 12 — julien.moreau@passerelles-emploi-blois.fr")


def test_a_second_pack_never_touches_the_first(ready: Path, tmp_path: Path, catalogue: Catalogue) -> None:
    dossier = load_dossier(ready)
    first = build_pack(dossier, catalogue, ready, tmp_path / "envois")
    stamp = {p.name: p.stat().st_mtime_ns for p in first.folder.iterdir()}
    second = build_pack(dossier, catalogue, ready, tmp_path / "envois")
    assert second.folder.name == f"{first.folder.name} (2)"
    assert {p.name: p.stat().st_mtime_ns for p in first.folder.iterdir()} == stamp


# ----------------------------------------------------------------------------------------- checks
def messages(dossier: Dossier, catalogue: Catalogue, path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> list[str]:
    return [p.message for p in check_pack(dossier, catalogue, path, max_bytes)]


def test_a_missing_file_stops_the_pack_and_nothing_is_written(ready: Path, tmp_path: Path,
                                                              catalogue: Catalogue) -> None:
    (ready.parent / "pieces/rib-credit-cooperatif.pdf").unlink()
    dossier = load_dossier(ready)
    with pytest.raises(PackError) as caught:
        build_pack(dossier, catalogue, ready, tmp_path / "envois")
    missing = ready.parent / "pieces/rib-credit-cooperatif.pdf"
    assert [p.message for p in caught.value.problems] == [
        f"Le fichier de la pièce « Relevé d'identité bancaire (RIB) au nom de l'association » est introuvable : "
        f"{missing}. Choisissez-le à nouveau."]
    assert caught.value.problems[0].field == "documents[4].path"
    assert not (tmp_path / "envois").exists()


def test_the_size_limit_is_pinned_at_the_byte(ready: Path, catalogue: Catalogue) -> None:
    statuts = ready.parent / "pieces/statuts-PEBN-2019.pdf"
    statuts.write_bytes(b"x" * 2_000_000)
    dossier = load_dossier(ready)
    assert messages(dossier, catalogue, ready, 2_000_000) == []
    assert messages(dossier, catalogue, ready, 1_999_999) == [
        "Le fichier de la pièce « Statuts de l'association » pèse 2,0\u00a0Mo, plus que la limite de 2,0\u00a0Mo : "
        "réduisez-le (PDF compressé, scan en noir et blanc) ou relevez la limite."]
    statuts.write_bytes(b"x" * (10 * MB + 1))
    assert len(messages(dossier, catalogue, ready)) == 1  # the default: 10 Mo


def test_required_pieces_attached_or_justified(ready: Path, catalogue: Catalogue) -> None:
    dossier = load_dossier(ready)
    by_id = {d.id: d for d in dossier.documents}
    by_id["rib"].state, by_id["rib"].path = "a_fournir", ""
    by_id["statuts"].state, by_id["statuts"].note = "sans_objet", ""
    by_id["comptes-approuves"].path = ""  # said attached, no file
    by_id["delegation-signature"].state = "a_fournir"  # not required: the legal representative signs
    assert messages(dossier, catalogue, ready) == [
        "La pièce « Statuts de l'association » est indiquée sans objet : expliquez pourquoi dans sa remarque, ou "
        "joignez-la.",
        "La pièce « Relevé d'identité bancaire (RIB) au nom de l'association » n'est pas jointe : choisissez son "
        "fichier, ou indiquez « Sans objet » avec la raison.",
        "La pièce « Derniers comptes annuels approuvés » est indiquée jointe mais aucun fichier n'est choisi.",
    ]
    by_id["statuts"].note = "Statuts déposés l'an dernier, inchangés."
    dossier.attestation.signatory_is_legal_representative = False  # now the power of signature is required
    assert messages(dossier, catalogue, ready)[-1].startswith("La pièce « Pouvoir (délégation de signature) » "
                                                              "n'est pas jointe")


def test_an_unreadable_file_is_said(ready: Path, catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch) -> None:
    rib = ready.parent / "pieces/rib-credit-cooperatif.pdf"
    real_open = Path.open

    def refuse(self: Path, *args, **kwargs):  # as chmod 000 does (the tests may run as root, who reads all)
        if self == rib:
            raise PermissionError(13, "Permission non accordée")
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    assert messages(load_dossier(ready), catalogue, ready) == [
        "Le fichier de la pièce « Relevé d'identité bancaire (RIB) au nom de l'association » ne peut pas être lu "
        f"(Permission non accordée) : {rib}."]


# ----------------------------------------------------------------------------------------- main.py pack
def test_pack_on_the_command_line(ready: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["pack", str(ready), "--out", str(tmp_path / "envois")]) == 0
    out = capsys.readouterr().out.splitlines()
    assert [Path(line).name for line in out][-2:] == [MAIL_FILE, f"Envoi - {STEM}.zip"]
    assert all(Path(line).is_file() for line in out)


def test_pack_on_the_command_line_lists_what_to_fix(ready: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    (ready.parent / "pieces/statuts-PEBN-2019.pdf").write_bytes(b"x" * 600_000)
    assert main(["pack", str(ready), "--out", str(tmp_path / "envois"), "--taille-max", "0,5"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Le paquet d'envoi n'a pas été préparé (1 point à corriger) :\n- Le fichier de la pièce "
                          "« Statuts de l'association » pèse 600\u00a0ko, plus que la limite de 500\u00a0ko")
    assert not (tmp_path / "envois").exists()


def test_pack_of_an_unreadable_dossier(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damaged = tmp_path / "abîmé.cdv.json"
    damaged.write_text("{ pas du JSON", encoding="utf-8")
    assert main(["pack", str(damaged), "--out", str(tmp_path / "envois")]) == 2
    assert capsys.readouterr().err.startswith("Paquet impossible : ")
    assert damaged.read_text(encoding="utf-8") == "{ pas du JSON"
    assert not (tmp_path / "envois").exists()


def test_pack_refuses_a_size_that_is_not_one(ready: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["pack", str(ready), "--out", str(tmp_path), "--taille-max", "dix"])
    assert caught.value.code == 2
    assert "« dix » n'est pas une taille en Mo" in capsys.readouterr().err
    assert json.loads(ready.read_text(encoding="utf-8"))["call"]["call"] == "blois-2023"


def test_pack_warns_of_blocking_problems(ready: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = FrenchArgumentParser(prog="main.py")
    register(p.add_subparsers(dest="command", parser_class=FrenchArgumentParser), verdicts_for=lambda d, c: [
        FakeVerdict("budget.equilibre", "bloquant", "Le budget n'est pas équilibré."),
        FakeVerdict("conseil.x", "conseil", "Un conseil.")])
    args = p.parse_args(["pack", str(ready), "--out", str(tmp_path / "envois")])
    assert args.func(args) == 0  # the pack is written all the same
    assert ("Attention : le dossier a encore 1 problème bloquant (voir `main.py check`) : le financeur ne pourra "
            "pas l'accepter ainsi.") in capsys.readouterr().err
