"""The follow-up of a dossier after the request: its life (déposé, accordé…) and its compte-rendu financier."""
