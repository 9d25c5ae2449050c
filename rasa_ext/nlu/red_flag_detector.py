"""A Rasa NLU component that reads every message for crisis, red flags and medicine questions,
whatever the classifier said."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from language.encoder import DIMENSION
from language.english import is_other_language
from safety import crisis_model
from safety.crisis import CRISIS_CHECK_INTENT, CRISIS_INTENT, find_crisis, read_meaning
from safety.crisis_model import CHECK_IN_PROBABILITY, FITTED_FROM, CrisisClassifier, training_phrasings
from safety.detector import RED_FLAGS_KEY, red_flags
from safety.help_seeking import HELP_INTENT, asks_what_to_do
from safety.medication import MEDICATION_INTENT, mentions_exercise, mentions_medicine
from safety.semantic import crisis_bank, red_flag_bank

logger = logging.getLogger(__name__)

OTHER_LANGUAGE_INTENT = "other_language"
CLASSIFIER_FILE = "crisis_classifier.npz"
CRISIS_KEY = "crisis"
# Intents whose reply would quote the article or decline: a medicine question in them gets the
# medication reply instead. A request for stretches that names an exercise beside painkillers stays
# a request.
MEDICATION_OVERRIDABLE = frozenset({"out_of_scope", "nlu_fallback"})
# Small talk the classifier is sure of ("that's all for today, goodbye", "erase everything you have
# on me") gets no check-in: on the development sets every ordinary message it was asked of at this
# confidence was small talk, and no crisis message (those read at 0.41-0.87; patterns and the full
# crisis reading still come first).
SMALL_TALK_INTENTS = frozenset(
    {"greet", "goodbye", "thank", "request_data_deletion", "next_step", "affirm", "deny", "bot_challenge"}
)
SURE_OF_SMALL_TALK = 0.9


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class RedFlagDetector(GraphComponent):
    """Overrides the intent with ``crisis``, ``red_flag_emergency``, ``red_flag_urgent``,
    ``red_flag_practitioner``, ``other_language`` or ``ask_medication``.

    It runs after the classifiers and the fallback classifier, so no confidence threshold or form
    can hide a crisis or a red flag; the dialogue answers those intents with plain domain
    responses. A crisis comes before every red flag: its reply is the one to send first. A
    message that would otherwise get an article quote or a refusal gets the medication reply
    when it asks about medicines (the article has nothing on them), and the safety screen when it
    describes the user's own back trouble and asks what to do. A message in another language is
    told, in English, that only English can be read, with the emergency number.
    """

    def __init__(
        self,
        classifier: CrisisClassifier | None = None,
        model_storage: ModelStorage | None = None,
        resource: Resource | None = None,
    ) -> None:
        self.classifier = classifier
        self._model_storage = model_storage
        self._resource = resource

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> RedFlagDetector:
        _embed_banks()
        return cls(None, model_storage, resource)

    @classmethod
    def fingerprint_addon(cls, config: dict[str, Any]) -> str | None:
        """The crisis phrasings and the fit: Rasa's training cache must refit when either changes."""
        digest = hashlib.sha256()
        for path in (*FITTED_FROM, Path(crisis_model.__file__)):
            digest.update(path.read_bytes() if path.exists() else b"(missing)")
        return digest.hexdigest()

    def train(self, training_data: TrainingData) -> Resource:
        """Fits the crisis classifier, with the NLU's examples as the ordinary messages it must leave."""
        from language.encoder import default_encoder

        ordinary = [example.get(TEXT) for example in training_data.intent_examples if example.get(TEXT)]
        self.classifier = CrisisClassifier.fitted(training_phrasings(), default_encoder(), ordinary)
        if self._model_storage is not None and self._resource is not None:
            with self._model_storage.write_to(self._resource) as directory:
                self.classifier.save(directory / CLASSIFIER_FILE)
        return self._resource

    @classmethod
    def load(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> RedFlagDetector:
        _embed_banks()
        try:
            with model_storage.read_from(resource) as directory:
                classifier = CrisisClassifier.read(directory / CLASSIFIER_FILE)
            if classifier.weights.shape != (DIMENSION,):
                raise ValueError(f"weights of shape {classifier.weights.shape}, not ({DIMENSION},)")
        except (ValueError, OSError):
            # A model trained before the classifier existed: the patterns and banks still read crisis.
            logger.warning("The model has no crisis classifier; crisis is read by patterns and banks only.")
            classifier = None
        return cls(classifier, model_storage, resource)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            self._flag(message)
        return messages

    def _flag(self, message: Message) -> None:
        text: str | None = message.get(TEXT)
        if not text:
            return
        crisis = [finding.kind.value for finding in find_crisis(text)]
        findings = red_flags(text, semantic=True)
        check_in = False
        if not crisis and not findings:
            reading = read_meaning(text, crisis_bank(), self.classifier)
            # A medicine question sits near a crisis in meaning ("can I just stop my gabapentin, I
            # hate how it makes me feel"); read from meaning alone, it gets the question, not the
            # crisis reply. The patterns read stockpiles, doses to die and the lot taken.
            medicine_question = bool(reading.kind) and mentions_medicine(text)
            crisis = [reading.kind] if reading.kind and not medicine_question else []
            unsure = reading.probability >= CHECK_IN_PROBABILITY and not _sure_of_small_talk(message)
            check_in = medicine_question or (not crisis and unsure)
        elif not crisis and self.classifier is not None:
            # With a red flag, closeness to a crisis description is not enough ("the skin around my
            # genitals feels numb" sits near self-harm), but the classifier is: "I wish a bus would
            # hit me" gets the crisis reply first, and the red flag's care after it.
            reading = read_meaning(text, crisis_bank(), self.classifier, near_descriptions=False)
            crisis = [reading.kind] if reading.kind else []
        if findings:
            message.set(RED_FLAGS_KEY, [finding.sign.key for finding in findings], add_to_output=True)
        if crisis:
            message.set(CRISIS_KEY, crisis, add_to_output=True)
            _override_intent(message, CRISIS_INTENT)
        elif check_in:
            _override_intent(message, CRISIS_CHECK_INTENT)
        elif findings:
            _override_intent(message, findings[0].level.red_flag_intent)
        elif is_other_language(text):
            _override_intent(message, OTHER_LANGUAGE_INTENT)
        elif mentions_medicine(text) and (
            _answers_from_the_article(message)
            or (_intent(message) == HELP_INTENT and not mentions_exercise(text))
        ):
            _override_intent(message, MEDICATION_INTENT)
        elif (_answers_from_the_article(message) or _intent(message) == "help") and asks_what_to_do(text):
            _override_intent(message, HELP_INTENT)


def _embed_banks() -> None:
    """The descriptions are embedded when the model loads, not on the first message."""
    crisis_bank()
    red_flag_bank()


def _sure_of_small_talk(message: Message) -> bool:
    classified = message.get(INTENT) or {}
    sure = classified.get("confidence", 0.0) >= SURE_OF_SMALL_TALK
    return classified.get("name") in SMALL_TALK_INTENTS and sure


def _intent(message: Message) -> str:
    return (message.get(INTENT) or {}).get("name") or ""


def _answers_from_the_article(message: Message) -> bool:
    intent = _intent(message)
    return intent.startswith("ask_") or intent in MEDICATION_OVERRIDABLE


def _override_intent(message: Message, intent_name: str) -> None:
    """Sets ``intent_name`` with full confidence, keeping what the classifier said second."""
    classified = message.get(INTENT) or {}
    message.set(INTENT, {"name": intent_name, "confidence": 1.0}, add_to_output=True)
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent_name]
    if classified.get("name"):
        ranking = [{**classified, "confidence": classified.get("confidence", 0.0)}] + [
            r for r in ranking if r.get("name") != classified.get("name")
        ]
    message.set(
        INTENT_RANKING_KEY,
        [{"name": intent_name, "confidence": 1.0}] + ranking,
        add_to_output=True,
    )
