"""Language models the whole project may use: the sentence encoder (no Rasa imports)."""
