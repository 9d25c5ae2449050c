"""Custom actions of BackCoach, run by the rasa-sdk action server (``rasa run actions``)."""
