"""Handing the dossier over: the State's portal (Dauphin) and the other funders.

- `asked.py`: the amount asked from each funder (one definition for the summary, the sheet and the pack);
- `portal_sheet.py`: every value the portal asks for, in the portal's order, as plain text to copy
  (`plain_text.py`: amounts, dates and numbers the way a web form takes them);
- `ticks.py`: which values were entered on the portal (kept in the dossier, undone by an edit);
- `sheet_document.py`: the printable « fiche de saisie » (PDF and DOCX) of that sheet;
- `pack.py`, `mail.py`: the sending pack for the funders outside the portal (folder, ZIP, e-mail text);
- `cli.py`: `main.py pack DOSSIER --out DIR`.

Everything here reads the model only; nothing imports Qt.
"""
