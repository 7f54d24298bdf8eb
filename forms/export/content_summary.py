"""The one-page summary that opens the export (and the sending pack): who asks, for what, how much from
whom, for whom and where, who to contact, and by when and where the dossier is sent.

It is built from the model and the call data only. What the call data does not say (no deadline, no
address) is printed « À vérifier » rather than guessed. The amount asked from each funder comes from
`forms.handoff.asked.amounts_asked`, the one definition the portal sheet and the pack read too; its share
is that of the total charges of the action(s) (contributions in kind excluded, as funders compute it).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from forms.budget import compute_totals
from forms.choices import FREQUENCIES
from forms.export.blocks import Block, Column, ExportDocument, Field, Fields, Heading, Para, Row, Table
from forms.export.context import Context, choice_label, money
from forms.export.text import french_int, one_line, person_name
from forms.french import french_date
from forms.handoff.asked import AskedAmount, amounts_asked

SUMMARY_TITLE = "Résumé de la demande"
TO_CHECK = "À vérifier"
_PUBLIC_CHARS = 300  # the public's description on the summary (the whole text is in fiche 6)


@dataclass(frozen=True)
class FunderShare:
    funder: str
    name: str
    cents: int
    share: float | None  # percent of the total budget, None when the budget is empty


@dataclass(frozen=True)
class SummaryFigures:
    """The figures of the summary, computed once (the tests compare them with the budget's)."""

    total_budget: int  # total charges of the actions, in cents
    asked: tuple[FunderShare, ...]
    total_asked: int

    @property
    def total_share(self) -> float | None:
        return self.total_asked * 100 / self.total_budget if self.total_budget else None


def summary_figures(ctx: Context) -> SummaryFigures:
    plan = ctx.catalogue.budget_plan
    total = sum(compute_totals(a.budget, plan).charges for a in ctx.dossier.actions)
    asked: list[AskedAmount] = amounts_asked(ctx.dossier, ctx.catalogue)
    shares = tuple(FunderShare(a.funder, a.name, a.cents, a.cents * 100 / total if total else None) for a in asked)
    return SummaryFigures(total, shares, sum(a.cents for a in asked))


def share_text(share: float | None) -> str:
    """« 43,2 % »; « — » when there is no budget to compare with."""
    if share is None:
        return "—"
    return f"{share:.1f}".replace(".", ",") + "\u00a0%"


def _deadline(ctx: Context) -> str:
    call = ctx.call
    if call is not None and call.deadline is not None:
        return french_date(call.deadline)
    if call is not None and call.period_text.strip():
        return f"{TO_CHECK} ({call.period_text.strip()})"
    return TO_CHECK


def _where_to_send(ctx: Context) -> str:
    submission = ctx.call.submission if ctx.call else None
    if submission is None or not submission.items:
        return f"{TO_CHECK} auprès des financeurs de l'appel à projets"
    return "\n".join(submission.items)


def _public(ctx: Context) -> str:
    lines = []
    for action in ctx.dossier.actions:
        pub = action.public
        numbers = f"{french_int(pub.total)} bénéficiaires attendus"
        if pub.women or pub.men or pub.other:
            numbers += f" (dont {french_int(pub.women)} femmes et {french_int(pub.men)} hommes)"
        if pub.qpv_share_percent is not None:
            numbers += f", {pub.qpv_share_percent}\u00a0% habitant un quartier prioritaire"
        lines.append(numbers + ".")
        if pub.description.strip():
            lines.append(one_line(pub.description, _PUBLIC_CHARS))
    return "\n".join(lines)


def _period(ctx: Context) -> str:
    out = []
    for action in ctx.dossier.actions:
        if action.start_date and action.end_date:
            out.append(f"du {french_date(action.start_date)} au {french_date(action.end_date)}")
        elif action.duration_text.strip():
            out.append(action.duration_text.strip())
    return "\n".join(out)


def summary_blocks(ctx: Context) -> list[Block]:
    """The summary's blocks: a heading, the key facts, the funders' table, the deadline and the address."""
    dossier = ctx.dossier
    ident = dossier.association.identity
    contact = ident.contact
    association = ident.name + (f" ({ident.acronym})" if ident.acronym.strip() else "")
    figures = summary_figures(ctx)
    call_title = ctx.call.title if ctx.call else dossier.call.call
    quartiers = [ctx.quartier_name(q) for a in dossier.actions for q in a.quartiers]
    actions = "\n".join(f"{a.title} ({choice_label(FREQUENCIES, a.frequency).lower()})"
                        for a in dossier.actions if a.title.strip())
    contact_text = "\n".join(x for x in (
        ", ".join(x for x in (person_name(contact.civility, contact.first_name, contact.last_name),
                              contact.role) if x.strip()),
        " — ".join(x for x in (contact.phone, contact.email) if x.strip()),
    ) if x.strip())
    blocks: list[Block] = [
        Heading(SUMMARY_TITLE, 1),
        Fields((
            Field("Association", association),
            Field("Action", actions),
            Field("Appel à projets", call_title),
            Field("Période de l'action", _period(ctx)),
            Field("Quartiers", "\n".join(quartiers)),
            Field("Public", _public(ctx)),
            Field("Contact", contact_text),
        )),
    ]
    rows = [Row((a.name, money(a.cents), share_text(a.share))) for a in figures.asked]
    rows.append(Row(("Total demandé", money(figures.total_asked), share_text(figures.total_share)), "total"))
    rows.append(Row(("Budget total de l'action", money(figures.total_budget), share_text(
        100.0 if figures.total_budget else None)), "grand_total"))
    blocks.append(Table(
        (Column("Financeur", 0.56), Column("Montant demandé", 0.24, "right"), Column("Part du budget", 0.2, "right")),
        tuple(rows), keep_rows_whole=True, caption="Montant demandé à chaque financeur",
    ))
    if not figures.asked:
        blocks.append(Para("Aucun montant demandé n'est encore indiqué.", "empty"))
    blocks.append(Fields((
        Field("Date limite de dépôt", _deadline(ctx)),
        Field("Où envoyer le dossier", _where_to_send(ctx)),
    )))
    return blocks


def add_summary(doc: ExportDocument, ctx: Context) -> None:
    """Put the summary first, on a page of its own: the part that followed it starts a new page."""
    blocks = summary_blocks(ctx)
    rest = list(doc.blocks)
    first = next((i for i, b in enumerate(rest) if isinstance(b, Heading) and b.level == 1), None)
    if first is not None:
        rest[first] = dataclasses.replace(rest[first], page_break_before=True)
    doc.blocks[:] = [*blocks, *rest]


def summary_document(ctx: Context, title: str = SUMMARY_TITLE) -> ExportDocument:
    """The summary alone (the sending pack's « Résumé » file)."""
    identity = ctx.dossier.association.identity
    call_title = ctx.call.title if ctx.call else ctx.dossier.call.call
    doc = ExportDocument(title=title, subtitle=tuple(x for x in (call_title, ctx.dossier.title) if x.strip()),
                         author=identity.name, subject=call_title, header_left=identity.name,
                         header_right=ctx.dossier.title, footer=f"Demande de subvention — {call_title}")
    doc.add(*summary_blocks(ctx)[1:])  # the document's title says what it is
    return doc

