"""Extensions that run inside the Rasa server (tracker store, later channels and NLU components)."""
