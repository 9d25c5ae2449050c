"""The NLU safety net: crisis first, then red flags, then medicine questions, whatever DIET said."""

from __future__ import annotations

import numpy as np
import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from rasa_ext.nlu.red_flag_detector import RedFlagDetector


def parsed(
    text: str, classified: str, confidence: float = 0.9, detector: RedFlagDetector | None = None
) -> Message:
    message = Message(data={TEXT: text})
    message.set(INTENT, {"name": classified, "confidence": confidence})
    message.set(INTENT_RANKING_KEY, [{"name": classified, "confidence": confidence}])
    (detector or RedFlagDetector()).process([message])
    return message


def intent(message: Message) -> str:
    return message.get(INTENT)["name"]


class _Fixed:
    """A crisis classifier that gives every part of a message the same probability."""

    threshold = 0.8

    def __init__(self, probability: float) -> None:
        self.probability = probability

    def probabilities(self, embedded):  # noqa: ANN001, ANN201 - the classifier's interface
        return np.full(len(embedded), self.probability)


def test_a_crisis_comes_before_a_red_flag_and_both_are_recorded() -> None:
    message = parsed("i've wet myself and honestly i want to die", "inform_symptoms")
    assert intent(message) == "crisis"
    assert message.get("crisis") == ["suicidal"]
    assert message.get("red_flags") == ["bladder_bowel"]


def test_a_red_flag_overrides_any_classification() -> None:
    message = parsed("can't feel the toilet paper when i wipe", "ask_posture", 0.99)
    assert intent(message) == "red_flag_emergency"
    assert message.get(INTENT_RANKING_KEY)[1]["name"] == "ask_posture"


@pytest.mark.parametrize("classified", ["ask_posture", "ask_hamstrings", "out_of_scope", "nlu_fallback"])
def test_a_medicine_question_never_gets_an_article_answer(classified: str) -> None:
    assert intent(parsed("is it ok to take ibuprofen with my back pain", classified)) == "ask_medication"


@pytest.mark.parametrize("classified", ["request_stretches", "deny", "next_step", "greet"])
def test_a_medicine_in_passing_does_not_hijack_other_requests(classified: str) -> None:
    assert intent(parsed("painkillers help a bit, can i do the stretches", classified)) == classified


def test_a_medicine_question_the_classifier_took_for_a_request_gets_the_medication_reply() -> None:
    text = "how long do i leave between naproxen doses"
    assert intent(parsed(text, "request_stretches")) == "ask_medication"


def test_ordinary_messages_keep_their_intent() -> None:
    assert intent(parsed("why does sitting hurt my back", "ask_posture")) == "ask_posture"


@pytest.mark.parametrize("classified", ["ask_lifting", "nlu_fallback", "out_of_scope"])
def test_own_back_trouble_and_what_to_do_leads_to_the_screen(classified: str) -> None:
    text = "my back has been stiff all week from my desk job, which stretches should i do?"
    assert intent(parsed(text, classified)) == "request_stretches"


def test_a_practitioner_level_sign_overrides_whatever_the_classifier_said() -> None:
    message = parsed(
        "i tweaked my back lifting a box yesterday, which stretches should i do?", "request_stretches"
    )
    assert intent(message) == "red_flag_practitioner"
    assert message.get("red_flags") == ["minor_injury"]


def test_asking_for_help_with_ones_own_back_is_a_request_for_the_screen() -> None:
    assert intent(parsed("can u help my back", "help")) == "request_stretches"
    assert intent(parsed("what can you help with", "help")) == "help"


def test_a_red_flag_is_not_hidden_by_a_crisis_read_only_from_meaning() -> None:
    """The crisis bank hears "numb skin around my genitals" near self-harm; the patterns find no
    crisis, so the emergency advice is what the person gets."""
    message = parsed(
        "back aching since thursday. also the skin around my genitals feels numb.", "inform_symptoms"
    )
    assert intent(message) == "red_flag_emergency"
    assert message.get("crisis") is None


def test_the_classifier_reads_crisis_the_patterns_and_banks_miss() -> None:
    text = "sorted out who gets my records and books this week"
    assert intent(parsed(text, "out_of_scope")) == "out_of_scope"
    assert intent(parsed(text, "out_of_scope", detector=RedFlagDetector(_Fixed(1.0)))) == "crisis"


def test_a_crisis_the_classifier_reads_comes_before_a_red_flag_and_keeps_it() -> None:
    """The crisis reply comes first; the red flag stays listed, for its care after that reply."""
    emergency = "i wet myself without noticing and my back is agony"
    message = parsed(emergency, "inform_symptoms", detector=RedFlagDetector(_Fixed(1.0)))
    assert intent(message) == "crisis"
    assert message.get("red_flags") == ["bladder_bowel"]
    below = parsed(emergency, "inform_symptoms", detector=RedFlagDetector(_Fixed(0.79)))
    assert intent(below) == "red_flag_emergency"


def test_a_denied_crisis_is_not_read_from_meaning() -> None:
    denied = "i'm not suicidal, just sore after gardening all day"
    assert (
        intent(parsed(denied, "inform_symptoms", detector=RedFlagDetector(_Fixed(1.0)))) == "inform_symptoms"
    )


def test_the_crisis_classifier_is_fitted_with_the_model_and_read_back(tmp_path) -> None:  # noqa: ANN001
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource
    from rasa.shared.nlu.training_data.training_data import TrainingData

    storage, resource = LocalModelStorage(tmp_path), Resource("red_flag_detector")
    context = ExecutionContext(GraphSchema({}), "test", node_name="red_flag_detector")
    examples = [Message(data={TEXT: "what stretches help", INTENT: "request_stretches"})]
    trained = RedFlagDetector.create({}, storage, resource, context)
    trained.train(TrainingData(examples))
    loaded = RedFlagDetector.load({}, storage, resource, context)
    assert loaded.classifier is not None
    np.testing.assert_array_equal(loaded.classifier.weights, trained.classifier.weights)


@pytest.mark.parametrize(
    ("probability", "expected"), [(0.95, "crisis"), (0.7, "crisis_check"), (0.3, "out_of_scope")]
)
def test_a_crisis_that_meaning_only_suggests_gets_the_question(probability: float, expected: str) -> None:
    text = "sorted out who gets my records and books this week"
    assert intent(parsed(text, "out_of_scope", detector=RedFlagDetector(_Fixed(probability)))) == expected


@pytest.mark.parametrize(("confidence", "expected"), [(0.95, "goodbye"), (0.6, "crisis_check")])
def test_small_talk_the_classifier_is_sure_of_gets_no_question(confidence: float, expected: str) -> None:
    detector = RedFlagDetector(_Fixed(0.7))
    assert intent(parsed("that's all from me tonight, bye", "goodbye", confidence, detector)) == expected


def test_a_medicine_question_that_meaning_alone_reads_as_a_crisis_gets_the_question() -> None:
    detector = RedFlagDetector(_Fixed(0.95))
    assert intent(
        parsed("can i just stop my pregabalin, it makes me feel odd", "ask_medication", detector=detector)
    ) == ("crisis_check")
    assert intent(
        parsed("i've been saving up my pregabalin for when i'm ready", "ask_medication", detector=detector)
    ) == ("crisis")


def test_the_question_never_outranks_a_red_flag() -> None:
    text = "i wet myself without noticing and my back is agony"
    assert (
        intent(parsed(text, "inform_symptoms", detector=RedFlagDetector(_Fixed(0.7)))) == "red_flag_emergency"
    )


def test_the_fingerprint_follows_the_crisis_phrasings(tmp_path, monkeypatch) -> None:  # noqa: ANN001
    from rasa_ext.nlu import red_flag_detector

    phrasings = tmp_path / "crisis_training.yml"
    phrasings.write_text("positive: [a]\n")
    monkeypatch.setattr(red_flag_detector, "FITTED_FROM", (phrasings,))
    before = RedFlagDetector.fingerprint_addon({})
    phrasings.write_text("positive: [a, b]\n")
    assert RedFlagDetector.fingerprint_addon({}) != before


def test_a_classifier_of_another_size_is_not_loaded(tmp_path) -> None:  # noqa: ANN001
    from rasa.engine.graph import ExecutionContext, GraphSchema
    from rasa.engine.storage.local_model_storage import LocalModelStorage
    from rasa.engine.storage.resource import Resource

    from safety.crisis_model import CrisisClassifier

    storage, resource = LocalModelStorage(tmp_path), Resource("red_flag_detector")
    with storage.write_to(resource) as directory:
        CrisisClassifier(np.zeros(7), 0.0).save(directory / "crisis_classifier.npz")
    context = ExecutionContext(GraphSchema({}), "test", node_name="red_flag_detector")
    assert RedFlagDetector.load({}, storage, resource, context).classifier is None
