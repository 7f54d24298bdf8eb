"""The compte-rendu financier (CERFA 15059*02) as DOCX and PDF, in the form's order: identification, 1. bilan
qualitatif de l'action, 2. tableau de données chiffrées, 3. annexe explicative, then the certification.

It builds one `forms.export.blocks.ExportDocument` and hands it to the shared renderers of forms.export
(the same layout as the request, unchanged). Files are written like the request's: atomic writes, never
over an existing file unless `force` (then `name (2)`…).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from forms.budget import format_euros
from forms.choices import AGE_BANDS
from forms.compte_rendu.model import (
    ReportLine,
    ReportTable,
    gap_percent,
    percent_text,
    report_table,
    significant,
    threshold,
)
from forms.export.api import render_formats
from forms.export.blocks import (
    Banner,
    Block,
    Bullets,
    Column,
    ExportDocument,
    Field,
    Fields,
    Heading,
    LongText,
    Para,
    Row,
    Signature,
    Table,
)
from forms.export.files import check_out_dir, name_part, write_files
from forms.export.text import french_int
from forms.export.verdicts import VerdictLike
from forms.filenames import MAX_STEM, safe_stem
from forms.french import french_date
from forms.lifecycle import exercise_end, granted_total, report_due_date
from forms.model import Action, Dossier
from forms.programmes import Catalogue

FORMATS = ("docx", "pdf")
GAP_COLUMNS = (
    Column("N°", 0.07), Column("", 0.31), Column("Prévu", 0.16, "right"), Column("Réalisé", 0.16, "right"),
    Column("Écart", 0.17, "right"), Column("Écart en %", 0.13, "right"),
)


def money(cents: int | None) -> str:
    return "—" if cents is None else format_euros(cents)


def signed_money(cents: int) -> str:
    return ("+" if cents > 0 else "") + format_euros(cents)


def _code(code: str) -> str:
    return code if code.isdigit() else ""


def _row(line: ReportLine) -> Row:
    return Row((_code(line.code), line.label, money(line.planned), money(line.actual), signed_money(line.gap),
                percent_text(line.gap_percent)), "category" if line.kind == "category" else "line")


def _total(label: str, planned: int, actual: int, kind: str = "total") -> Row:
    return Row(("", label, money(planned), money(actual), signed_money(actual - planned),
                percent_text(gap_percent(planned, actual))), kind)  # type: ignore[arg-type]


def _identification(dossier: Dossier, action: Action, catalogue: Catalogue) -> list[Block]:
    call = catalogue.calls.get(dossier.call.call)
    ident = dossier.association.identity
    end = exercise_end(dossier)
    due = report_due_date(dossier, catalogue)
    granted = granted_total(dossier)
    rows = [
        Field("Association", ident.name),
        Field("Numéro SIRET", ident.siret),
        Field("Numéro RNA", ident.rna),
        Field("Action", action.title),
        Field("Appel à projets", call.title if call else dossier.call.call),
        Field("Exercice de l'action", f"{dossier.call.year}" + (f", clos le {french_date(end)}" if end else "")),
        Field("Période de réalisation", " au ".join(x for x in (french_date(action.start_date),
                                                                  french_date(action.end_date)) if x)),
        Field("Subvention accordée", money(granted) if dossier.lifecycle.granted_cents else "Non renseignée"),
        Field("Compte-rendu à remettre au plus tard le", french_date(due)),
    ]
    return [Heading("Identification", 1), Fields(tuple(rows))]


def _bilan(dossier: Dossier, action: Action, catalogue: Catalogue) -> list[Block]:
    report = action.report
    planned, reached = action.public, report.public
    blocks: list[Block] = [
        Heading("1. Bilan qualitatif de l'action", 1, page_break_before=True),
        LongText("Ce qui a été réalisé", report.done),
        LongText("Ce qui a changé par rapport au projet, et pourquoi", report.changes),
        Heading("Public atteint par rapport au public prévu", 2),
    ]
    rows = [
        Row(("Femmes", french_int(planned.women), french_int(reached.women))),
        Row(("Hommes", french_int(planned.men), french_int(reached.men))),
        Row(("Autres ou non précisé", french_int(planned.other), french_int(reached.other))),
        Row(("Total des bénéficiaires", french_int(planned.total), french_int(reached.total)), "total"),
        Row(("Part habitant un quartier prioritaire", _share(planned.qpv_share_percent),
             _share(reached.qpv_share_percent))),
    ]
    labels = dict(AGE_BANDS)
    bands = list(dict.fromkeys([b.band for b in planned.age_bands] + [b.band for b in reached.age_bands]))
    for band in bands:
        p = next((b for b in planned.age_bands if b.band == band), None)
        r = next((b for b in reached.age_bands if b.band == band), None)
        rows.append(Row((f"{labels.get(band, band)}", french_int(p.women + p.men + p.other) if p else "0",
                         french_int(r.women + r.men + r.other) if r else "0")))
    blocks.append(Table((Column("", 0.5), Column("Prévu", 0.25, "right"), Column("Atteint", 0.25, "right")),
                        tuple(rows), keep_rows_whole=True, caption="Par sexe, par âge et part en quartier prioritaire"))
    call = catalogue.calls.get(dossier.call.call)
    geo = catalogue.geographies.get(call.geography) if call else None
    q_ids = list(dict.fromkeys([*action.quartiers, *report.quartier_counts]))
    if q_ids:
        q_rows = []
        for qid in q_ids:
            quartier = geo.quartier(qid) if geo else None
            q_rows.append(Row((quartier.name if quartier else qid, "Oui" if qid in action.quartiers else "Non",
                               french_int(report.quartier_counts.get(qid, 0)))))
        blocks.append(Table((Column("Quartier", 0.5), Column("Prévu", 0.2, "center"),
                             Column("Bénéficiaires atteints", 0.3, "right")), tuple(q_rows),
                            caption="Par quartier"))
    blocks.append(Heading("Indicateurs : valeur visée et résultat", 2))
    indicators = report.indicators or []
    if indicators:
        blocks.append(Table((Column("Indicateur", 0.3), Column("Valeur visée", 0.2), Column("Résultat", 0.2),
                             Column("Commentaire", 0.3)),
                            tuple(Row((i.label, i.target, i.result, i.comment)) for i in indicators)))
    elif action.indicators:
        blocks.append(Table((Column("Indicateur", 0.4), Column("Valeur visée", 0.3), Column("Résultat", 0.3)),
                            tuple(Row((i.label, i.target, "")) for i in action.indicators)))
    else:
        blocks.append(Para("La demande n'indiquait aucun indicateur.", "empty"))
    return blocks


def _figures(table: ReportTable) -> list[Block]:
    p, a = table.planned, table.actual
    assert p is not None and a is not None
    charges = [*map(_row, table.charges), _total("Total des charges", p.charges, a.charges),
               *map(_row, table.emplois_nature),
               _total("Total des charges, contributions volontaires comprises", p.total_charges, a.total_charges,
                      "grand_total")]
    produits = [*map(_row, table.produits), _total("Total des produits", p.produits, a.produits),
                *map(_row, table.ressources_nature),
                _total("Total des produits, contributions volontaires comprises", p.total_produits,
                       a.total_produits, "grand_total")]
    cols_c = (GAP_COLUMNS[0], Column("Charges", GAP_COLUMNS[1].width), *GAP_COLUMNS[2:])
    cols_p = (GAP_COLUMNS[0], Column("Produits", GAP_COLUMNS[1].width), *GAP_COLUMNS[2:])
    blocks: list[Block] = [Heading("2. Tableau de données chiffrées", 1, page_break_before=True)]
    if table.from_forecast:
        blocks.append(Banner("Les chiffres réalisés ne sont pas encore saisis : la colonne « Réalisé » reprend le "
                             "budget prévisionnel. Saisissez les montants tirés des comptes de l'association."))
    balance = ("Budget réalisé équilibré : total des charges = total des produits = "
               f"{money(a.charges)}." if a.balanced else
               f"Budget réalisé non équilibré : charges {money(a.charges)}, produits {money(a.produits)} "
               f"(écart de {money(abs(a.charges - a.produits))}).")
    blocks += [Table(cols_c, tuple(charges), keep_rows_whole=True), Table(cols_p, tuple(produits),
                                                                           keep_rows_whole=True),
               Para(balance, "lead"), Heading("Subventions (ligne 74) par financeur", 2)]
    if table.funding:
        rows = [Row((f.name, money(f.asked), money(f.granted), money(f.received))) for f in table.funding]
        rows.append(Row(("Total", money(sum(f.asked for f in table.funding)),
                         money(sum(f.granted or 0 for f in table.funding)),
                         money(sum(f.received for f in table.funding))), "total"))
        blocks.append(Table((Column("Financeur", 0.4), Column("Demandé", 0.2, "right"),
                             Column("Accordé", 0.2, "right"), Column("Reçu", 0.2, "right")), tuple(rows),
                            keep_rows_whole=True))
    else:
        blocks.append(Para("Aucune subvention n'est indiquée.", "empty"))
    return blocks


def _annexe(action: Action, table: ReportTable, pct: int, minimum: int) -> list[Block]:
    report = action.report
    blocks: list[Block] = [
        Heading("3. Annexe explicative", 1, page_break_before=True),
        Heading("Écarts significatifs entre le prévu et le réalisé", 2),
        Para(f"Un écart est expliqué dès qu'il atteint {pct}\u00a0% du montant prévu et "
             f"{format_euros(minimum)} (seuil par défaut de l'application).", "note"),
    ]
    rows = []
    for line in table.lines():
        text = report.gap_explanations.get(line.key, "").strip()
        if significant(line, pct, minimum) or text:
            rows.append(Row((line.label, signed_money(line.gap), percent_text(line.gap_percent),
                             text or "Explication à donner")))
    if rows:
        blocks.append(Table((Column("Ligne", 0.28), Column("Écart", 0.16, "right"), Column("%", 0.13, "right"),
                             Column("Explication", 0.43)), tuple(rows)))
    else:
        blocks.append(Para("Aucun écart significatif.", "empty"))
    blocks += [
        LongText("Règle de répartition des charges indirectes affectées à l'action", report.indirect_charges_rule),
        LongText("Contributions volontaires en nature (bénévolat, prestations et dons en nature)",
                 report.in_kind_note),
    ]
    if report.other_remarks.strip():
        blocks.append(LongText("Autres observations", report.other_remarks))
    return blocks


def _certification(dossier: Dossier) -> list[Block]:
    att = dossier.attestation
    return [
        Heading("Certification", 1),
        Para("Le représentant légal de l'association certifie exactes les informations du présent compte-rendu, "
             "établi à partir des comptes de l'association."),
        Fields((Field("Fait à", att.place), Field("Le", ""))),
        Signature("Signature du représentant légal (ou de la personne ayant reçu pouvoir)"),
    ]


def _open_points(verdicts: Sequence[VerdictLike]) -> list[Block]:
    mine = [v for v in verdicts if v.rule.startswith("compte_rendu.")]
    if not mine:
        return []
    return [
        Heading("Points à vérifier avant l'envoi", 1, page_break_before=True),
        Banner("Cette page est un aide-mémoire de l'application : retirez-la avant d'envoyer le compte-rendu."),
        Bullets(tuple(v.message for v in mine)),
    ]


def build_report_document(dossier: Dossier, catalogue: Catalogue,
                          verdicts: Sequence[VerdictLike] = ()) -> ExportDocument:
    ident = dossier.association.identity
    call = catalogue.calls.get(dossier.call.call)
    call_title = call.title if call else dossier.call.call
    doc = ExportDocument(
        title="Compte-rendu financier de subvention",
        subtitle=tuple(x for x in ("Formulaire CERFA n° 15059*02", call_title, ident.name, dossier.title) if x.strip()),
        author=ident.name,
        subject=f"Compte-rendu financier — {call_title}",
        header_left=ident.name,
        header_right=dossier.title,
        footer=f"Compte-rendu financier — {call_title}",
    )
    pct, minimum = threshold(dossier, catalogue)
    for index, action in enumerate(dossier.actions):
        if len(dossier.actions) > 1:
            doc.add(Heading(f"Action {index + 1} : {action.title}", 1, page_break_before=index > 0))
        table = report_table(dossier, action, catalogue)
        doc.add(*_identification(dossier, action, catalogue))
        doc.add(*_bilan(dossier, action, catalogue))
        doc.add(*_figures(table))
        doc.add(*_annexe(action, table, pct, minimum))
    doc.add(*_certification(dossier))
    doc.add(*_open_points(verdicts))
    return doc


def report_file_stem(dossier: Dossier) -> str:
    """« PEBN - Compte-rendu blois-2023 - Titre de l'action », at most 80 characters."""
    identity = dossier.association.identity
    head = " - ".join(p for p in (name_part(identity.acronym.strip() or identity.name, 30),
                                  f"Compte-rendu {name_part(dossier.call.call, 14)}".strip()) if p)
    titled = any(a.title.strip() for a in dossier.actions)
    title = name_part(dossier.title, MAX_STEM - len(head) - 3) if titled else ""
    return safe_stem(" - ".join(p for p in (head, title) if p), "compte-rendu")


def export_report(dossier: Dossier, catalogue: Catalogue, out_dir: Path, *, verdicts: Sequence[VerdictLike] = (),
                  formats: Sequence[str] = FORMATS, force: bool = False) -> list[Path]:
    """Write the compte-rendu in `formats` into `out_dir`; the paths written."""
    out_dir = Path(out_dir)
    check_out_dir(out_dir, "le compte-rendu")
    contents = render_formats(build_report_document(dossier, catalogue, verdicts), formats)
    return write_files(contents, out_dir, report_file_stem(dossier), force=force, what="le compte-rendu")


def _share(percent: int | None) -> str:
    """"75 %", or « non renseignée » for a share not given (None is not 0 %)."""
    return "non renseignée" if percent is None else f"{percent}\u00a0%"
