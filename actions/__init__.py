"""Custom actions of BackCoach, run by the rasa-sdk action server (``python -m rasa_sdk``)."""

from actions.knowledge_action import prepare_passage_choice, report_knowledge_base_status  # noqa: E402

report_knowledge_base_status()
prepare_passage_choice()
