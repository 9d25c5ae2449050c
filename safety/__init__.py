"""Red-flag signs, their levels of care, and how free text is read for them (no Rasa imports)."""
