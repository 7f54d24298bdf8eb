"""The dossier model, its storage, the programme data and the exports. No Qt here."""
