"""The wizard of one dossier: step list, pages bound to the model, live checks, autosave."""
