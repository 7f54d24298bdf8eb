"""Issue 10: the export an instructing officer accepts as the CERFA 12156*06, and a volunteer can sign
and send. Every check reads the exports back (python-docx, pdftotext page by page)."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import unicodedata
import zipfile

import pytest
from docx.oxml.ns import qn
from export_readback import docx_document, docx_text, norm, pdf_pages

from forms.budget import format_euros
from forms.export import blocks as b
from forms.export import render_docx, render_pdf
from forms.export.api import export_file_stem
from forms.export.content import build_document
from forms.funders import STATUS_LABELS, subsidy_status, total_asked_cents
from forms.model import Dossier, Subsidy
from forms.programmes import Catalogue

ANSWERS = ("obligations_up_to_date", "information_exact", "charter_2014_respected", "cer_subscribed")


def page_bodies(pdf: bytes) -> list[str]:
    """The body of each page (pdftotext, header and footer cropped), one string per page."""
    pdftotext = shutil.which("pdftotext")
    assert pdftotext, "pdftotext (poppler-utils) is needed"
    out = subprocess.run([pdftotext, "-enc", "UTF-8", "-x", "0", "-y", "62", "-W", "595", "-H", "722", "-", "-"],
                         input=pdf, capture_output=True, check=True, timeout=60)
    return out.stdout.decode("utf-8").split("\f")[:-1]


def lines_of(page: str) -> list[str]:
    return [" ".join(line.split()) for line in page.splitlines() if line.strip()]


# --------------------------------------------------------------------------------------------
# 2. One definition of what is asked: page 1 = line 74 marked « demandée par ce dossier » = attestation
# --------------------------------------------------------------------------------------------
def test_page_one_total_is_line_74_asked_here_is_the_attestation_amount(rendered) -> None:
    dossier = rendered.dossier
    asked = total_asked_cents(dossier)
    assert asked == sum(sum(a.requested_cents.values()) for a in dossier.actions)  # the example's own figure
    on_74 = sum(s.amount_cents for a in dossier.actions for s in a.budget.subsidies
                if subsidy_status(s) == "ce_dossier")
    assert on_74 == asked
    page1 = next(t for t in rendered.docx_tables if t[0] == ["Financeur", "Montant"])
    assert page1[-1] == ["Total demandé par ce dossier", format_euros(asked)]
    docx = rendered.docx_text
    assert f"demander une subvention de {format_euros(asked)} au titre de l'année ou exercice " \
           f"{dossier.call.year}" in docx
    summary = next(t for t in rendered.docx_tables if t[0] == ["Financeur", "Montant demandé", "Part du budget"])
    assert next(row for row in summary if row[0] == "Total demandé")[1] == format_euros(asked)
    pages = [norm(p) for p in page_bodies(rendered.pdf)]
    # the one-page summary (issue 12) comes first, the form's unnumbered page 1 « La demande » follows it
    assert pages[0].startswith("Demande de subvention") and norm("Résumé de la demande") in pages[0]
    assert norm(f"Total demandé {format_euros(asked)}") in pages[0]
    assert pages[1].startswith("La demande")
    assert norm(f"Total demandé par ce dossier {format_euros(asked)}") in pages[1]
    attestation = next(p for p in pages if p.startswith("7. Attestation"))
    assert norm(f"demander une subvention de {format_euros(asked)}") in attestation


def test_line_74_marks_each_subsidy_with_its_status(rendered) -> None:
    """A subsidy asked by a separate request is in the budget and said so: the amounts add up."""
    action = rendered.dossier.action
    rows = [row for table in rendered.docx_tables if table[0][1:] == ["Produits", "Montant"] for row in table]
    separate = [s for s in action.budget.subsidies if subsidy_status(s) == "a_part"]
    assert separate  # each example asks a droit commun funder separately (PLIE, Département, DRAC…)
    for subsidy in separate:
        assert ["", f"– {subsidy.label} ({STATUS_LABELS['a_part']})", format_euros(subsidy.amount_cents)] in rows
    docx = rendered.docx_text
    assert "Demandées à part, par une autre demande que ce dossier" in docx
    for subsidy in separate:
        assert f"{subsidy.label} : {format_euros(subsidy.amount_cents)}" in docx


def test_status_decides_what_page_one_adds(dossier: Dossier, catalogue: Catalogue) -> None:
    """Marking a subsidy asked separately takes it off page 1 and the attestation, nothing else."""
    before = total_asked_cents(dossier)
    caf = next(s for s in dossier.action.budget.subsidies if s.funder == "caf")
    caf.status = "a_part"
    after = total_asked_cents(dossier)
    assert after == before - caf.amount_cents
    docx = docx_text(render_docx(dossier, catalogue))
    assert f"Total demandé par ce dossier\n{format_euros(after)}" in docx
    assert f"demander une subvention de {format_euros(after)}" in docx
    assert f"{caf.label} ({STATUS_LABELS['a_part']})" in docx


# --------------------------------------------------------------------------------------------
# 1. 6. The attestation: the form's declarations, on a page of its own, signature block together
# --------------------------------------------------------------------------------------------
def test_attestation_starts_a_page_and_ends_before_the_next_part(rendered) -> None:
    pages = page_bodies(rendered.pdf)
    starts = [i for i, page in enumerate(pages) if lines_of(page)[0] == "7. Attestation"]
    assert len(starts) == 1
    page = lines_of(pages[starts[0]])
    text = " ".join(page)
    signature = [line for line in page if line.startswith("Fait à ")]
    assert signature and "Signature du représentant légal" in text  # the whole block on this page
    assert page.index(signature[0]) < len(page) - 2
    assert lines_of(pages[starts[0] + 1])[0].startswith("A. Politique de la ville")
    assert "Politique de la ville" not in text and "Pièces jointes" not in text


def test_attestation_declarations_in_the_form_order_with_the_answers(rendered) -> None:
    dossier = rendered.dossier
    docx = rendered.docx_text
    order = ["à jour de ses obligations administratives", "exactes et sincères",
             "Charte des engagements réciproques", "souscrit au contrat d'engagement républicain",
             "montant total et cumulé d'aides publiques", "demander une subvention de",
             "versée au compte bancaire de l'association (joindre un RIB)", "Fait à "]
    positions = [docx.index(text) for text in order]
    assert positions == sorted(positions)
    for key, answer in zip(order[:4], ANSWERS, strict=True):
        line = next(x for x in docx.splitlines() if key in x)
        ticked = getattr(dossier.attestation, answer)
        assert line.startswith("\u2612\t" if ticked else "\u2610\t"), (key, ticked)  # the dossier's own answer
    aid = dossier.association.administration.public_aid_3y_cents
    above = aid > 50_000_000
    assert ("\u2612\tsupérieur à 500\u202f000\u00a0€" in docx) is above
    assert ("\u2612\tinférieur ou égal à 500\u202f000\u00a0€" in docx) is not above
    assert f"Montant déclaré en fiche 2 : {format_euros(aid)}." in docx
    assert dossier.association.bank.iban in docx[docx.index("joindre un RIB"):]


def test_blois_2023_declares_more_than_500_000_euros_of_public_aid(rendered_examples) -> None:
    rendered = rendered_examples["blois-2023-insertion"]
    assert rendered.dossier.association.administration.public_aid_3y_cents == 53_640_000
    assert "\u2612\tsupérieur à 500\u202f000\u00a0€" in rendered.docx_text
    attestation = next(p for p in page_bodies(rendered.pdf) if p.lstrip().startswith("7. Attestation"))
    assert "☒ supérieur à 500 000 €" in " ".join(attestation.split())


@pytest.mark.parametrize(("aid", "box"), [(50_000_000, "inférieur ou égal à"), (50_000_001, "supérieur à")])
def test_public_aid_box_at_the_sieg_ceiling(aid: int, box: str, dossier: Dossier, catalogue: Catalogue) -> None:
    """The form's threshold is the SIEG de minimis ceiling (500 000 € before 2024), not the general 200 000 €."""
    dossier.association.administration.public_aid_3y_cents = aid
    docx = docx_text(render_docx(dossier, catalogue))
    assert f"\u2612\t{box} 500\u202f000\u00a0€" in docx
    other = "supérieur à" if box.startswith("inf") else "inférieur ou égal à"
    assert f"\u2610\t{other} 500\u202f000\u00a0€" in docx


def test_an_unticked_declaration_is_an_empty_box(dossier: Dossier, catalogue: Catalogue) -> None:
    dossier.attestation.cer_subscribed = False
    docx = docx_text(render_docx(dossier, catalogue))
    line = next(x for x in docx.splitlines() if "souscrit au contrat d'engagement républicain" in x)
    assert line.startswith("\u2610\t")


def test_the_cer_box_of_a_call_before_2022_is_said_sans_objet(rendered_examples, dossier: Dossier,
                                                              catalogue: Catalogue) -> None:
    """Blois 2021 (reference date before 1 January 2022) does not tick the CER: the box is empty and the
    reason is printed under it; a call from 2022 that does not tick it shows the empty box alone."""
    note = ("Sans objet pour cet appel : le contrat d'engagement républicain est exigé des demandes de "
            "subvention à partir du 1er janvier 2022.")
    old = rendered_examples["blois-2021-culture"]
    assert not old.dossier.attestation.cer_subscribed
    lines = old.docx_text.splitlines()
    cer = next(i for i, x in enumerate(lines) if "souscrit au contrat d'engagement républicain" in x)
    assert lines[cer].startswith("\u2610\t") and lines[cer + 1] == note
    dossier.attestation.cer_subscribed = False
    assert note not in docx_text(render_docx(dossier, catalogue))
    for name in ("blois-2023-insertion", "amboise-acces-droits"):
        assert note not in rendered_examples[name].docx_text


def test_attestation_wording_is_data(tmp_path) -> None:
    """The wording flagged [to check] can be corrected in resources/cerfa/attestation.yaml."""
    from forms.export.content_attestation import attestation_wording, load_wording
    from forms.programmes import RESOURCES_DIR

    wording = attestation_wording()
    assert [d.kind for d in wording.declarations] == ["answer"] * 4 + ["public_aid", "amount", "bank"]
    assert {d.answer for d in wording.declarations if d.kind == "answer"} == set(ANSWERS)
    assert any(d.to_check for d in wording.declarations)
    text = (RESOURCES_DIR / "cerfa" / "attestation.yaml").read_text(encoding="utf-8")
    broken = tmp_path / "attestation.yaml"
    broken.write_text(text.replace("answer: cer_subscribed", "answer: cer"), encoding="utf-8")
    with pytest.raises(ValueError, match="réponse « cer » inconnue"):
        load_wording(broken)


# --------------------------------------------------------------------------------------------
# 3. Numbering as the form; 7. no heading alone at the foot of a page
# --------------------------------------------------------------------------------------------
def test_numbering_matches_the_fiches(rendered) -> None:
    headings = [block.text for block in build_document(rendered.dossier, _catalogue(), ()).blocks
                if isinstance(block, b.Heading) and block.level == 1]
    assert headings[:10] == [
        "Résumé de la demande", "La demande", "1. Identification de l'association",
        "2. Relations avec l'administration",
        "3. Relations avec d'autres associations", "4. Moyens humains de l'association",
        f"5. Budget prévisionnel de l'association {rendered.dossier.association.budget.year}",
        "6. Description de l'action", "7. Attestation",
        headings[9],
    ]
    assert headings[9].startswith("A. Politique de la ville")
    docx = rendered.docx_text
    assert "6.8 Budget prévisionnel de l'action" in docx and "1.1 Identification" in docx
    assert "(fiche" not in docx


def _catalogue() -> Catalogue:
    from forms.programmes import default_catalogue

    return default_catalogue()


def _kept_texts(dossier: Dossier) -> set[str]:
    """The texts that must never end a page: headings, labels, captions, introductions."""
    out: set[str] = set()
    for block in build_document(dossier, _catalogue(), ()).blocks:
        if isinstance(block, b.Heading):
            out.add(block.text)
        elif isinstance(block, b.LongText) and block.label:
            out.add(block.label)
        elif isinstance(block, b.Table) and block.caption:
            out.add(block.caption)
        elif isinstance(block, b.Para) and block.keep_with_next:
            out.update(block.text.split("\n"))
    return {" ".join(t.split()) for t in out}


def test_no_heading_is_the_last_line_of_a_page(rendered) -> None:
    kept = _kept_texts(rendered.dossier)
    for number, page in enumerate(page_bodies(rendered.pdf), 1):
        lines = lines_of(page)
        assert lines, f"page {number} is empty"
        last = lines[-1]
        assert not any(last == text or (len(last) > 12 and text.endswith(last)) for text in kept), (
            f"page {number} ends with « {last} »")


def test_a_transversal_note_stays_with_its_answer_in_the_docx(rendered) -> None:
    document = docx_document(rendered.docx)
    # « L'appel (…) » for a call's own text, « Le contrat de ville (…) » for a point to confirm (Amboise)
    notes = [p for p in document.paragraphs if p.text.startswith(("L'appel (", "Le contrat de ville ("))]
    assert notes
    assert all(p.paragraph_format.keep_with_next for p in notes)


# --------------------------------------------------------------------------------------------
# 4. Line 74 under the form's funder groups; 5. the association's budget
# --------------------------------------------------------------------------------------------
def test_line_74_grouped_each_funder_once(rendered) -> None:
    rows = [row for table in rendered.docx_tables if table[0][1:] == ["Produits", "Montant"] for row in table]
    groups = []
    in_74 = False
    for code, label, _amount in rows:
        if code:
            in_74 = code == "74"
        elif in_74 and not label.startswith("–"):
            if label == "Ressources propres affectées à l'action":  # a category without an account number
                in_74 = False
                continue
            groups.append(label)
    order = ["État", "Région(s)", "Département(s)", "Intercommunalité(s) : EPCI", "Commune(s)",
             "Organismes sociaux (Caf, etc.)", "Fonds européens (FSE, FEDER, etc.)",
             "Agence de services et de paiement (emplois aidés)", "Autres établissements publics",
             "Aides privées (fondation)", "Autres financeurs"]
    assert groups and set(groups) <= set(order)
    docx = rendered.docx_text
    assert "Caisse d'allocations familiales (Caf) — Caf" not in docx
    assert "État — État" not in docx


def test_funders_named_by_the_applicant_find_their_group() -> None:
    from forms.funders import group_of

    assert group_of("", "Conseil départemental d'Indre-et-Loire – action sociale") == "departement"
    assert group_of("", "Région Centre-Val de Loire (formation)") == "region"
    assert group_of("", "DRAC Centre-Val de Loire") == "etat"
    assert group_of("", "Agence de services et de paiement (aide au poste IAE)") == "asp"
    assert group_of("", "PLIE du Blaisois (Fonds social européen)") == "europe"
    assert group_of("", "Caf de Touraine – animation de la vie sociale") == "social"
    assert group_of("", "Communauté de communes du Val d'Amboise") == "intercommunalite"
    assert group_of("", "Ville de Blois") == "commune"
    assert group_of("", "Fondation de France") == "prive"
    assert group_of("", "Agence régionale de santé") == "etablissements"
    assert group_of("", "Quelqu'un d'autre") == "autre"
    assert group_of("caf", "n'importe quoi") == "social"  # a call's co-funder: by its kind
    assert group_of("bailleur", "") == "etablissements"


def test_association_budget_has_no_line_of_an_action(rendered) -> None:
    tables = [t for t in rendered.docx_tables if t[0][0] == "Compte"]
    association = tables[:2]  # charges and produits of fiche 5 come first
    labels = [row[1] for table in association for row in table]
    assert "Charges indirectes affectées à l'action" not in labels
    assert "Ressources propres affectées à l'action" not in labels
    action = [row[1] for table in tables[2:4] for row in table]
    assert "Charges indirectes affectées à l'action" in action
    assert "Ressources propres affectées à l'action" in action


def test_an_old_association_budget_with_own_resources_still_adds_up(dossier: Dossier,
                                                                    catalogue: Catalogue) -> None:
    dossier.association.budget.lines["RP"] = 10_000  # a file written before: shown, so totals add up
    rows = [row for table in (t for t in _tables(render_docx(dossier, catalogue)) if t[0][0] == "Compte")
            for row in table]
    assert ["", "Ressources propres affectées à l'action", format_euros(10_000)] in rows


def _tables(data: bytes) -> list[list[list[str]]]:
    from export_readback import docx_tables

    return docx_tables(data)


# --------------------------------------------------------------------------------------------
# 8. Page numbers; 9. pieces not required; 10. unanswered questions
# --------------------------------------------------------------------------------------------
def test_request_ends_on_its_last_page_number_the_annex_has_its_own(rendered) -> None:
    pages = [norm(p) for p in pdf_pages(rendered.pdf)]
    total = len(pages) - 1
    assert f"Page {total} sur {total}" in pages[-2]
    assert "Annexe, page 1 sur 1" in pages[-1]
    assert all(f"sur {len(pages)}" not in p for p in pages)


def test_pieces_not_required_are_not_missing(catalogue: Catalogue) -> None:
    dossier = Dossier()
    dossier.call.territory, dossier.call.call, dossier.call.year = "blois", "blois-2023", 2023
    rows = {row[0]: row for table in _tables(render_docx(dossier, catalogue)) if len(table[0]) == 4
            for row in table}
    assert rows["Pouvoir (délégation de signature)"][1] == "Sans objet"
    assert "représentant légal signe lui-même" in rows["Pouvoir (délégation de signature)"][3]
    assert rows["Compte-rendu financier de la subvention de l'année précédente"][1] == "Sans objet"
    assert rows["Statuts de l'association"][1] == "Manquante (à fournir)"
    dossier.attestation.signatory_is_legal_representative = False
    dossier.action.frequency = "renouvellement"
    rows = {row[0]: row for table in _tables(render_docx(dossier, catalogue)) if len(table[0]) == 4
            for row in table}
    assert rows["Pouvoir (délégation de signature)"][1] == "Manquante (à fournir)"
    assert rows["Compte-rendu financier de la subvention de l'année précédente"][1] == "Manquante (à fournir)"


def test_a_blank_dossier_prints_no_default_as_an_answer(catalogue: Catalogue) -> None:
    dossier = Dossier()
    dossier.call.territory, dossier.call.call, dossier.call.year = "blois", "blois-2023", 2023
    docx = docx_text(render_docx(dossier, catalogue))
    assert "Première demande" not in docx
    assert "Budget équilibré" not in docx and "Budget non renseigné" in docx
    assert "Fréquence\nNon renseigné" in docx
    assert "Adhérents\nNon renseigné" in docx
    assert "aucun agrément" not in docx and "aucun réseau" not in docx
    assert "Bénévoles mobilisés\nNon renseigné" in docx
    assert "Aucune subvention n'est encore demandée par ce dossier." in docx
    assert "\u2610\tdemander une subvention de ………… € au titre de l'année ou exercice 2023" in docx
    assert "0,00\u00a0€ au titre" not in docx
    pdf = " ".join(norm(p) for p in pdf_pages(render_pdf(dossier, catalogue)))
    assert "Première demande" not in pdf and "Budget équilibré" not in pdf


# --------------------------------------------------------------------------------------------
# 11. 12. Right-to-left text and emoji in the PDF
# --------------------------------------------------------------------------------------------
ARABIC = "مرحبا بكم في الحي"
HEBREW = "שלום עולם"
LONG_ARABIC = " ".join(["هذا نص عربي طويل يمتد على عدة أسطر في الوثيقة"] * 6)
_BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def test_right_to_left_round_trip(dossier: Dossier, catalogue: Catalogue) -> None:
    """Arabic (joined) and Hebrew are drawn right to left, line by line: copied out of the PDF (pdftotext
    puts them back in logical order) they read as typed; the DOCX keeps them as typed."""
    dossier.action.description = f"Citation : « {ARABIC} » dit Samira. {HEBREW} fin.\n{LONG_ARABIC}"
    pdf = render_pdf(dossier, catalogue)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode("utf-8")
    text = unicodedata.normalize("NFKC", _BIDI_MARKS.sub("", out))
    assert ARABIC in text and HEBREW in text
    assert " ".join(LONG_ARABIC.split()[:9]) in " ".join(text.split())  # the first line comes first
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
                         check=True).stdout.decode("utf-8")
    drawn = unicodedata.normalize("NFKC", _BIDI_MARKS.sub("", raw))
    assert " ".join(reversed(ARABIC.split())) in drawn  # drawn right to left: last word leftmost
    assert "\ufe8d" in raw or "\ufee3" in raw or re.search("[\ufe70-\ufefc]", raw)  # joined letter forms
    assert ARABIC in docx_text(render_docx(dossier, catalogue))


def test_emoji_the_font_lacks_are_copied_out(dossier: Dossier, catalogue: Catalogue) -> None:
    dossier.action.description = "Fête 🎉 réussie ✅ et 👍"
    text = " ".join(pdf_pages(render_pdf(dossier, catalogue)))
    assert "Fête 🎉 réussie ✅ et 👍" in text


# --------------------------------------------------------------------------------------------
# 13. File names; 14. DOCX properties
# --------------------------------------------------------------------------------------------
def test_attachment_names_break_after_a_separator(dossier: Dossier, catalogue: Catalogue) -> None:
    from forms.export.fonts import REGULAR, register_fonts
    from forms.export.pdf_render import break_file_name

    register_fonts()
    name = "compte-rendu-financier-2021-cerfa-15059-signe_par_la_presidente.pdf"
    lines = break_file_name(name, REGULAR, 9, 120).split("\n")
    assert "".join(lines) == name and len(lines) >= 3
    assert all(line.endswith(("-", "_", ".")) for line in lines[:-1])
    doc = next(d for d in dossier.documents if d.id == "compte-rendu-financier")
    doc.path = f"pieces/{name}"
    raw = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", "-", "-"], input=render_pdf(dossier, catalogue),
                         capture_output=True, check=True).stdout.decode("utf-8").splitlines()
    start = next(i for i, line in enumerate(raw) if "compte-rendu-financier-" in line)
    raw[start] = raw[start][raw[start].index("compte-rendu-financier-"):]  # after the state cell
    parts: list[str] = []
    for line in raw[start:]:
        parts.append(line.strip())
        if "".join(parts) == name:
            break
    assert "".join(parts) == name  # drawn whole, line after line
    assert all(part.endswith(("-", "_", ".")) for part in parts[:-1]), parts


def test_export_file_name_is_cut_at_a_word(dossier: Dossier) -> None:
    stem = export_file_stem(dossier)
    assert stem == "PEBN - Passerelle vers l'emploi - accompagnement renforcé… - blois-2023"
    assert len(stem) <= 80
    dossier.actions[0].title = "Accompagnement des familles et des jeunes des quartiers nord de la ville de Blois"
    stem = export_file_stem(dossier)
    assert not re.search(r"\b(de|des|du|la|le|et)…", stem), stem


def test_docx_properties_are_the_application_s(rendered) -> None:
    document = docx_document(rendered.docx)
    props = document.core_properties
    assert props.author == rendered.dossier.association.identity.name
    assert props.language == "fr-FR"
    assert props.title.startswith("Demande de subvention — ")
    with zipfile.ZipFile(io.BytesIO(rendered.docx)) as package:
        app = package.read("docProps/app.xml").decode("utf-8")
    assert "<Application>Dossier contrat de ville</Application>" in app
    assert "Microsoft" not in app and "Macintosh" not in app
    for name in ("Title", "Subtitle"):  # no letter-spacing left by the default template
        r_pr = document.styles[name].element.rPr
        assert r_pr is None or r_pr.find(qn("w:spacing")) is None


def test_subsidy_status_keeps_what_old_files_meant() -> None:
    assert subsidy_status(Subsidy(funder="etat", requested=True)) == "ce_dossier"
    assert subsidy_status(Subsidy(funder="autre", label="PLIE", requested=True)) == "a_part"
    assert subsidy_status(Subsidy(funder="", label="DRAC", requested=True)) == "a_part"
    assert subsidy_status(Subsidy(funder="etat", requested=False)) == "acquise"
    assert subsidy_status(Subsidy(funder="autre", requested=True, status="ce_dossier")) == "ce_dossier"
    assert subsidy_status(Subsidy(funder="etat", requested=True, status="a_part")) == "a_part"
