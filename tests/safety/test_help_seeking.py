"""Own back trouble plus a request for what to do is a request for help (safety/help_seeking.py)."""

from __future__ import annotations

import pytest

from safety.help_seeking import asks_what_to_do


@pytest.mark.parametrize(
    "text",
    [
        "i tweaked my back lifting a box yesterday, which stretches should i do?",
        "my lower back is so stiff after my shift, what can i do about it",
        "sat at a desk all day and my back aches, any tips?",
        "I've got a sore back from driving, what would you recommend",
        "how do i fix my stiff lower back",
        "my back has been playing up for a week, can you help",
        "my hips and lower back feel tight, what helps",
    ],
)
def test_own_back_trouble_and_what_to_do(text: str) -> None:
    assert asks_what_to_do(text)


@pytest.mark.parametrize(
    "text",
    [
        "why does sitting all day hurt my back",
        "how common is back pain",
        "what does the article say about tight hamstrings",
        "what should i do for my neck",
        "my back is fine, what's the weather today",
        "what can i do",
    ],
)
def test_a_question_without_both_is_not_a_request_for_help(text: str) -> None:
    assert not asks_what_to_do(text)


@pytest.mark.parametrize(
    "text",
    [
        "lower back stiffness every morning, kindly suggest what to do",
        "my back's been sore since the move. help!",
        "let's do the hip flexor one",
        "take me through the hamstring stretch",
        "any chance we could do a stretch for my lower back now? stretches please",
        "try the kneeling stretch with me",
    ],
)
def test_asking_to_do_a_stretch_or_what_to_do_is_a_request_for_help(text: str) -> None:
    assert asks_what_to_do(text)


@pytest.mark.parametrize(
    "text",
    [
        "does a massage help my back",
        "will stretching the hamstrings help my back",
        "does cracking your back help",
        "how long do you hold the hamstring stretch",
    ],
)
def test_asking_whether_something_helps_is_a_question(text: str) -> None:
    assert not asks_what_to_do(text)


def test_asking_for_something_to_do_for_a_stiff_back_is_a_request_for_help() -> None:
    assert asks_what_to_do("my lower back is stiff today, is there anything easy you could suggest i try")


@pytest.mark.parametrize(
    "text",
    [
        "back feels tight after football, what should i be doing",
        "pain in my low back from the night shifts, what i should do",
        "me lower back is killing me again, wot should i do",
        "my back keeps moaning at me after gardening, what now",
        "lumbar region stiff since the flight, what can i actually do",
        "ive got 5 minutes, get me stretching",
        "begin the hamstring stretch",
        "hamstring stretch. go",
        "fancy giving the kneeling stretch a go",
        "knackered after a long day of lifting, any easy stretches?",
        "back's stiff from the school run, give me something i can do",
    ],
)
def test_everyday_wordings_of_trouble_and_what_to_do_are_requests_for_help(text: str) -> None:
    assert asks_what_to_do(text)


@pytest.mark.parametrize(
    "text",
    [
        "what is the first thing the article says about posture",
        "how long should i hold the hip flexor stretch",
        "start by telling me how common back pain is",
    ],
)
def test_questions_that_share_those_words_are_not_requests_for_help(text: str) -> None:
    assert not asks_what_to_do(text)


@pytest.mark.parametrize(
    "text",
    [
        "back's wrecked from the commute, got a stretch?",
        "can i do the hamstring stretch now?",
        "hamstrng strech pls",
    ],
)
def test_short_and_misspelt_stretch_requests_are_requests_for_help(text: str) -> None:
    assert asks_what_to_do(text)


@pytest.mark.parametrize(
    "text",
    [
        "desk all day, back like concrete. got any stretch for the hips or not",
        "is there an exercise for tight hamstrings?",
        "back's rough after the shift. stretch for my hip flexors?",
        "hammy one pls",
        "could we do the kneeling stretch together with you",
        "keen to try your hamstring stretch",
        "neck's fine but the back's sore from hauling nets. got something for that",
    ],
)
def test_asking_whether_there_is_a_stretch_is_a_request_for_help(text: str) -> None:
    assert asks_what_to_do(text)


@pytest.mark.parametrize(
    "text",
    [
        "what does the stretch for the hip flexors do?",
        "is there a stretch in the article for the calves?",
        "is there any research behind this?",
    ],
)
def test_asking_about_a_stretch_in_the_article_is_not_a_request(text: str) -> None:
    assert not asks_what_to_do(text)


@pytest.mark.parametrize(
    "text",
    [
        "gimme an easy stretch, my lower back's rough today",
        "please you can teach me one exercise for my waist?",
        "we need some exercises for mum's back",
        "could you help me with stretching, sat in a lorry all week",
        "sir kindly recommend a simple exercise",
        "guide us through the hip stretch",
        "walk-through of the hamstring one step by step please",
        "how would I do the kneeling one",
        "show me something easy, my back's not great",
        "lowkey i need that hamstring stretch rn",
        "you got any exercise for a stiff back?",
        "hamstring stretch",
        "the hip one pls",
        "gie's the hammy wan",
        "i would like to perform the kneeling stretch",
    ],
)
def test_asking_to_be_given_or_guided_through_an_exercise_is_a_request_for_help(text: str) -> None:
    assert asks_what_to_do(text)


@pytest.mark.parametrize(
    "text",
    [
        "how do i do the plank properly",
        "guide me on what the article says about the plank",
        "what does the hamstring stretch stretch",
        "is giving up sitting the answer",
        "step by step, how does a disc wear out",
        "i want to know why the hamstring stretch helps",
        "does the hip flexor stretch need a cushion",
        "do I need to stop exercise if my back hurts?",
        "why do I need hamstring stretches?",
        "can you guide me through what causes back pain",
        "does the article recommend exercise?",
    ],
)
def test_questions_about_exercises_are_not_requests_to_be_guided(text: str) -> None:
    assert not asks_what_to_do(text)


@pytest.mark.parametrize(
    "text",
    ["the hamstring won", "kneeling one then", "ok, the hip one thanks", "sore again. the hammy one pls"],
)
def test_an_exercise_named_as_a_reply_after_other_words_is_a_request(text: str) -> None:
    assert asks_what_to_do(text)


@pytest.mark.parametrize(
    "text", ["which is the hip one?", "is the hamstring one hard", "my hip one side hurts"]
)
def test_a_question_about_the_named_exercise_is_not_a_request(text: str) -> None:
    assert not asks_what_to_do(text)
