"""The training mode's data: worked examples with their comments (no Qt, no rules)."""
