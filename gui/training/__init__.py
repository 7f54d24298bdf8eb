"""The training mode: worked examples (read-only, commented), "Pourquoi ?", the exercise, the memo, the tour."""
