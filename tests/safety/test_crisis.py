"""Phrasings the crisis detector must read correctly (safety/SOURCES.md, "Crisis").

Written as people type on a phone: everyday words, slang, typos, crisis mixed with back pain. A
failing case is a gap in ``safety/crisis.py``; add every new miss here.
"""

from __future__ import annotations

import pytest

from rasa_ext.channels.limits import CRISIS_PAYLOAD, MAX_MESSAGE_CHARS, TOO_LONG_PAYLOAD, clean_text
from safety.crisis import CrisisKind, crisis_in_meaning, find_crisis, is_crisis

SUICIDAL = [
    "i want to kill myself, this back pain is endless",
    "i can't take this pain anymore, i want to end it all",
    "honestly i just want to die",
    "wanna die tbh",
    "i wish i was dead",
    "I'd be better off dead than living like this",
    "everyone would be better off without me",
    "i dont want to live like this anymore",
    "I don't want to be here anymore",
    "i wish i could go to sleep and never wake up",
    "thinking about ending my life",
    "im suicidal",
    "feeling suicidel again",
    "kil my self",
    "there's no point anymore",
    "no point in living with this back",
    "i cant go on",
    "I can't carry on like this",
    "life isn't worth living with this pain",
    "i might just end it",
    "been thinking about taking my own life",
    "I don't see the point in going on",
    "i just want everything to stop, for good, i want to die",
    "ready to give up on life",
    "I keep thinking about jumping off a bridge",
    "not sure i want to be alive anymore",
]
SELF_HARM = [
    "i've been cutting again",
    "i want to hurt myself",
    "the urge to self harm is back",
    "been self-harming to cope with the pain",
    "i burn myself on purpose when it gets bad",
]
OVERDOSE = [
    "i have been thinking about taking all my pills at once",
    "how many tramadol would it take to not wake up",
    "i've been saving up my tablets",
    "what's a lethal dose of co-codamol",
    "thinking of taking the whole box of paracetamol",
    "what's the max dose of codeine, i'm desperate, i've had enough",
    "gonna overdose on my painkillers",
]
NOT_CRISIS = [
    "this pain is killing me",
    "my back is killing me today",
    "i'm dying to know if the stretches work",
    "I could murder a coffee",
    "killer workout yesterday, back's sore",
    "dead tired after my shift",
    "my legs are dead after leg day",
    "I'm not suicidal, just really fed up with this back",
    "i would never kill myself",
    "i hurt myself lifting a box",
    "i cut myself shaving",
    "at the end it felt better",
    "what's the max dose of ibuprofen?",
    "can i take paracetamol with ibuprofen",
    "i can't go on long walks anymore because of my back",
    "i'm so fed up with this back",
    "it's driving me mad",
    "I'll take myself off to bed",
    "let's end it there for today",
    "i'm going to die of boredom at this desk",
    "how do i finish the stretch",
    "my dad takes all his pills in the morning",
]


@pytest.mark.parametrize("text", SUICIDAL)
def test_suicidal_thoughts_are_a_crisis(text: str) -> None:
    assert CrisisKind.SUICIDAL in {finding.kind for finding in find_crisis(text)}


@pytest.mark.parametrize("text", SELF_HARM)
def test_self_harm_is_a_crisis(text: str) -> None:
    assert CrisisKind.SELF_HARM in {finding.kind for finding in find_crisis(text)}


@pytest.mark.parametrize("text", OVERDOSE)
def test_overdose_intentions_are_a_crisis(text: str) -> None:
    assert CrisisKind.OVERDOSE in {finding.kind for finding in find_crisis(text)}


@pytest.mark.parametrize("text", NOT_CRISIS)
def test_idioms_denials_and_plain_questions_are_not_a_crisis(text: str) -> None:
    assert find_crisis(text) == []


def test_someone_elses_crisis_gets_the_same_support() -> None:
    assert is_crisis("my brother keeps saying he wants to die")
    assert is_crisis("worried my daughter might kill herself")
    assert is_crisis("my friend keeps talking about suicide")


def test_a_long_message_is_still_read_for_a_crisis() -> None:
    story = "my back has been bad for months. " * 60
    assert len(story) > MAX_MESSAGE_CHARS
    assert clean_text(story + "i want to die") == CRISIS_PAYLOAD
    assert clean_text(story) == TOO_LONG_PAYLOAD


def test_a_long_message_is_still_read_for_a_red_flag() -> None:
    story = "my back has been bad for months. " * 60
    assert clean_text(story + "and now i've wet myself") == "/red_flag_emergency"


@pytest.mark.parametrize(
    "text",
    [
        "i am thinking to finish my life",
        "keep staring at the rope in the shed and thinking about using it",
        "the tablets are for me, not for the pain",
        "i keep praying god takes me in my sleep, lord take me",
        "death sounds peaceful compared to this",
        "honestly what is the point of going on",
        "i have run out of reasons to keep living",
        "my kids would be better if i was not there",
        "i put my affairs in order last week",
        "i burn my arm with a lighter, cigarettes on my arm when it flares",
        "i scratched the words into my arm again",
        "swallowed 40 paracetamol an hour ago",
        "bought codeine from three different chemists today",
        "i am going to od tonight",
    ],
)
def test_everyday_words_for_means_wishes_and_burden_are_a_crisis(text: str) -> None:
    assert is_crisis(text)


def test_the_bank_does_not_read_a_denial_or_a_plain_medicine_question_as_a_crisis() -> None:
    from safety.crisis import crisis_in_meaning
    from safety.semantic import crisis_bank

    bank = crisis_bank()
    assert crisis_in_meaning("i'm really not suicidal, i just want my back sorted", bank) is None
    assert crisis_in_meaning("how many ibuprofen can i take in a day", bank) is None
    assert crisis_in_meaning("trying not to self harm tonight, the pain is wearing me down", bank) is not None


@pytest.mark.parametrize(
    "text", ["finished", "i am finished", "all done now", "how many times a day should i do it"]
)
def test_words_said_during_a_stretch_are_not_a_crisis(text: str) -> None:
    from safety.crisis import crisis_in_meaning
    from safety.semantic import crisis_bank

    assert not find_crisis(text)
    assert crisis_in_meaning(text, crisis_bank()) is None


@pytest.mark.parametrize(
    "text",
    [
        "i wanna die, my back is wrecked",
        "thinking of doing away with myself",
        "is it wrong to want to end your own life",
        "I won't be around for much longer so don't bother",
        "stood at the edge of the platform this morning thinking about it",
        "got everything ready to do it tonight",
        "I think it's time I went and join my husband soon",
        "what's the most painless way to go",
        "if I take all these with gin would I go peacefully",
        "I'm not able for living anymore",
        "honestly wouldn't mind if a car hit me",
        "part of me hopes I don't wake up after the op",
        "I cut myself to cope with it",
        "wearing long sleeves so no one sees my scars",
        "found cuts on his arms",
        "I've been making it worse on purpose",
        "took a load of my mum's tablets",
        "he sent me a pic of his pills lined up",
        "what dose is lethal, honestly I'd be glad if it was",
    ],
)
def test_indirect_words_for_a_plan_a_wish_or_an_act_are_a_crisis(text: str) -> None:
    assert is_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "i cut myself shaving",
        "i burn myself cooking all the time",
        "I'd be glad if it was sunny",
        "i took a load of pictures",
        "i hope the physio doesn't come round today",
        "planning to join the gym soon",
    ],
)
def test_the_same_words_in_ordinary_life_are_not_a_crisis(text: str) -> None:
    assert not find_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "not scared of dying anymore, i'm looking forward to it",
        "left a goodbye note on the kitchen table",
        "i know exactly how i would do it",
        "OD'd on saturday, still here unfortunately",
        "whats even the point of living like this",
        "keep a blade in my purse for when it gets too much",
        "took way more tablets than i should on purpose",
        "gonna wash my pills down with a bottle of wine tonight",
        "what's the max dose, i don't care if it's too much",
        "been collecting my prescriptions for later",
    ],
)
def test_plans_means_and_acts_in_plain_words_are_a_crisis(text: str) -> None:
    assert is_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm not going to overdose, I just want to know about paracetamol",
        "i know exactly how i would do the stretch",
    ],
)
def test_a_denied_overdose_and_a_stretch_plan_are_not_a_crisis(text: str) -> None:
    assert not is_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "going to finally end it tonight",
        "i'm not planning on being around much, so skip the exercises",
        "this is probably my last message to anyone",
        "i won't need any help after this weekend",
        "after tonight none of it will matter",
        "asked my brother to look after the dog from now on",
        "stood on the multi-storey roof looking down for an hour",
        "thinking how easy it would be to just not be here",
        "my life is over at 40 with this back",
        "i hurt myself again last night, there are marks on my wrist",
        "i punch the wall till my knuckles bleed",
        "i just want to take every pill in the cupboard and sleep",
        "which tablets would be enough to never wake up",
        "doubled my dose on purpose",
    ],
)
def test_goodbyes_plans_and_acts_in_everyday_words_are_a_crisis(text: str) -> None:
    assert is_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "take all the tablets in the packet as prescribed",
        "i banged my head on the floor when i slipped",
        "no point getting up early on a sunday",
        "my sister will take the dog while i'm on holiday",
    ],
)
def test_everyday_plans_and_accidents_are_not_a_crisis(text: str) -> None:
    assert not is_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "been timing the express trains that never stop at our station",
        "I keep standing at the edge of the platform wanting to step off",
        "thought about throwing myself off the multistorey",
        "read up on leaving the engine running in a shut garage",
        "bought rope and practised the noose knot",
        "how long would it take to bleed out",
        "checked if the car park roof is high enough",
        "if I could get a rifle I'd turn it on myself, put it to my head",
        "this is goodbye everyone",
        "probably my last chat with anyone, thanks for the stretches",
        "so done. with all of it. goodbye",
        "tell my mum I loved her when she finds this",
        "no point booking the follow-up, I won't be around for it",
        "rehomed the kitten, she deserves better than what is coming",
        "I'm figuring out how I'd do it",
        "having sui thoughts on and off",
        "there's only one way out of this pain",
        "honestly my kids would all be better off.",
        "can't picture making it through winter and I don't want to",
    ],
)
def test_means_plans_and_goodbyes_in_everyday_words_are_a_crisis(text: str) -> None:
    assert [finding.kind for finding in find_crisis(text)] == [CrisisKind.SUICIDAL]


@pytest.mark.parametrize(
    "text",
    [
        "took the scissors to my thigh after the physio",
        "I keep doing harm to myself when the pain spikes",
        "pressed my palm against the iron to feel something else",
    ],
)
def test_self_harm_told_as_what_was_done_is_a_crisis(text: str) -> None:
    assert CrisisKind.SELF_HARM in [finding.kind for finding in find_crisis(text)]


@pytest.mark.parametrize(
    "text",
    [
        "my old co-codamol, I'm keeping them for when I'm ready",
        "kept back all mum's sleeping tablets, there's enough now",
        "strips stashed away in the bathroom and I'll take them all tonight",
        "how much paracetamol before the heart stops",
        "how many of his morphine would it take",
        "hw mny co-codamol is too many, askin 4 a reason",
    ],
)
def test_supplies_kept_back_and_doses_asked_after_are_an_overdose_sign(text: str) -> None:
    assert CrisisKind.OVERDOSE in [finding.kind for finding in find_crisis(text)]


@pytest.mark.parametrize(
    "text",
    [
        "does the express train stop at Preston",
        "I step off the kerb carefully with this back",
        "my last message was about the plank, can you answer it?",
        "goodbye, thanks for the help",
        "I'm going to the gym tonight",
        "we rehomed the dog because my son is allergic",
        "they'd all be better off doing the hamstring stretch",
        "is the flat high enough for a standing desk",
        "how many paracetamol can I take in a day?",
        "keeping my ibuprofen for when the back flares",
        "how much stretching would it take to fix my back",
        "i held my hand on my lower back to feel where it hurts",
    ],
)
def test_look_alikes_of_those_families_are_not_a_crisis(text: str) -> None:
    assert find_crisis(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "been cutting carbs on purpose and my back's stiff from the new gym routine",
        "I'm burning fat deliberately with long walks",
        "cut down on sitting on purpose this week",
    ],
)
def test_a_diet_or_a_habit_cut_on_purpose_is_not_self_harm(text: str) -> None:
    assert find_crisis(text) == []


def test_cutting_oneself_on_purpose_is_still_self_harm() -> None:
    assert [finding.kind for finding in find_crisis("cutting my arm on purpose again")] == [
        CrisisKind.SELF_HARM
    ]


class _ReadsEverythingAsCrisis:
    threshold = 0.5

    def probabilities(self, embedded):  # noqa: ANN001, ANN201 - the classifier's interface
        import numpy as np

        return np.ones(len(embedded))


@pytest.mark.parametrize(
    "text",
    [
        "honestly the school run will be the death of me",
        "I'd murder for a proper lie-in this weekend",
        "my neighbour's drilling is sending me to an early grave",
        "so hungry i could just die",
        "these meetings are boring me to death",
    ],
)
def test_death_as_a_figure_of_speech_is_not_read_as_a_crisis_from_meaning(text: str) -> None:
    from safety.semantic import crisis_bank

    assert crisis_in_meaning(text, crisis_bank(), _ReadsEverythingAsCrisis()) is None


@pytest.mark.parametrize(
    "text",
    [
        "I've sorted who gets the dog and written to my sister",
        "I hope these tablets will kill me",
        "I want to bleed to death",
        "honestly dying for it all to be over",
        "I'd kill for a way out of this life",
    ],
)
def test_death_said_in_earnest_is_still_read_from_meaning(text: str) -> None:
    from safety.semantic import crisis_bank

    assert crisis_in_meaning(text, crisis_bank(), _ReadsEverythingAsCrisis()) is not None


@pytest.mark.parametrize(
    ("text", "crisis"),
    [
        ("binged and basically overdosed on true crime podcasts all weekend", False),
        ("I overdosed on my co-codamol last night", True),
        ("going to overdose on heroin tonight", True),
        ("thinking about overdosing on methadone", True),
        ("think I overdosed on paracetamol", True),
    ],
)
def test_an_overdose_on_something_that_is_no_medicine_is_a_figure_of_speech(text: str, crisis: bool) -> None:
    assert bool(find_crisis(text)) is crisis


@pytest.mark.parametrize(
    "text",
    [
        "I lifted boxes that were stored away in the loft and hurt my back",
        "My physio lent me a TENS machine, can I use it on myself?",
        "I am going today.",
        "I'm on holiday so I will not be here for the next one",
        "tell my wife I love her when she gets home if I'm asleep",
    ],
)
def test_everyday_sentences_near_the_new_families_are_not_a_crisis(text: str) -> None:
    assert find_crisis(text) == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("staring at my tramadol again tonight, could just neck the lot", CrisisKind.OVERDOSE),
        ("gonna swallow them all and be done, nobody would notice", CrisisKind.OVERDOSE),
        ("i have a load of diazepam stockpiled in the bathroom", CrisisKind.OVERDOSE),
        ("been hoarding my nan's old sleeping pills", CrisisKind.OVERDOSE),
        ("bye forever. thanks for the stretches", CrisisKind.SUICIDAL),
        ("after tonight you won't hear from me again", CrisisKind.SUICIDAL),
        ("what's the point of going on with this back", CrisisKind.SUICIDAL),
        ("lo siento, quiero morir, mi espalda", CrisisKind.SUICIDAL),
        ("je ne veux plus vivre avec ce dos", CrisisKind.SUICIDAL),
        ("been thinking about the sewer slide a lot", CrisisKind.SUICIDAL),
    ],
)
def test_the_lot_a_stash_goodbyes_and_other_languages_are_a_crisis(text: str, kind: CrisisKind) -> None:
    assert kind in [finding.kind for finding in find_crisis(text)]


@pytest.mark.parametrize(
    "text",
    [
        "we did suicide runs in netball and my back is sore",
        "coach loves suicides at the end of practice, my lower back hates them",
        "overdid it on the deadlifts, overdosed on leg day basically",
        "said goodbye to my old office chair, the new one has lumbar support",
        "I won't be around next week, on a course, which stretch can I take with me?",
    ],
)
def test_exercise_names_and_things_said_goodbye_to_are_not_a_crisis(text: str) -> None:
    assert find_crisis(text) == []


def test_suicide_told_beside_sport_is_still_a_crisis() -> None:
    assert find_crisis("since I was dropped from the football team I keep thinking about suicide")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("lost everything this year, think I'll just check out.", CrisisKind.SUICIDAL),
        ("on the bridge by the canal I keep thinking how easy it would be", CrisisKind.SUICIDAL),
        ("me nuh waan live like dis", CrisisKind.SUICIDAL),
        ("the kids would be better off with their dad and me gone", CrisisKind.SUICIDAL),
        ("as a pharmacist I know exactly what I'd take and how much", CrisisKind.SUICIDAL),
        ("im ending it after the scan results", CrisisKind.SUICIDAL),
        ("ah'm done wi life", CrisisKind.SUICIDAL),
        ("I took double my tablets last night on purpose", CrisisKind.OVERDOSE),
        ("how much paracetamol before it hurts, i want it to do damage", CrisisKind.OVERDOSE),
        ("all my sleeping pills with wine, will I just go to sleep and that's it", CrisisKind.OVERDOSE),
        ("i've been cutting my arms again when the pain's bad", CrisisKind.SELF_HARM),
        ("I hate myself so much I keep hitting my legs", CrisisKind.SELF_HARM),
        ("I dig my nails into my back on purpose because I deserve the pain", CrisisKind.SELF_HARM),
    ],
)
def test_check_out_how_easy_it_would_be_on_purpose_and_own_body_harm_are_a_crisis(
    text: str, kind: CrisisKind
) -> None:
    assert kind in [finding.kind for finding in find_crisis(text)]


@pytest.mark.parametrize(
    "text",
    [
        "I'll just check out the hip flexor stretch then",
        "the hotel is nice, we check out tomorrow",
        "took my tablets early on purpose so they'd work before the gym",
        "cutting my own hair during lockdown wrecked my neck",
        "burning my legs out on the bike every morning",
    ],
)
def test_the_same_words_about_ordinary_things_are_not_a_crisis(text: str) -> None:
    assert find_crisis(text) == []


def test_how_easy_something_would_be_from_the_edge_of_the_bed_is_not_a_crisis() -> None:
    assert find_crisis("sat on the edge of the bed thinking how easy it would be to just stretch first") == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("dunno if i'll still be here by christmas tbh", CrisisKind.SUICIDAL),
        ("i'm done, totally done, and not talking about the exercises", CrisisKind.SUICIDAL),
        ("standing here with a rope in the garage", CrisisKind.SUICIDAL),
        ("what's the quickest way to go peacefully", CrisisKind.SUICIDAL),
        ("praying the mri shows something terminal", CrisisKind.SUICIDAL),
        ("thanks for trying with me, I won't be needing any more sessions", CrisisKind.SUICIDAL),
        ("voglio morire, la schiena mi fa troppo male", CrisisKind.SUICIDAL),
        ("there's a razor in my drawer just in case", CrisisKind.SELF_HARM),
        ("I don't want to harm myself but I can't stop thinking about it", CrisisKind.SELF_HARM),
        ("after the stretch I'm going to neck them all", CrisisKind.OVERDOSE),
        ("honestly not planning on being around by the new year", CrisisKind.SUICIDAL),
        ("driving home I think about not turning the wheel on the bridge bend", CrisisKind.SUICIDAL),
        ("picked up some rope today and it's not for the shed", CrisisKind.SUICIDAL),
        ("I'd like to just slip away quietly in my sleep", CrisisKind.SUICIDAL),
        ("stood on the ledge of the multi storey for ages, nearly did it", CrisisKind.SUICIDAL),
        ("is there any point going on like this", CrisisKind.SUICIDAL),
        ("je veux en finir, trop mal au dos", CrisisKind.SUICIDAL),
        ("pengen mati aja, punggung sakit", CrisisKind.SUICIDAL),
        ("хочу умереть, спина болит", CrisisKind.SUICIDAL),
        ("nie chcę żyć, plecy mnie bolą", CrisisKind.SUICIDAL),
        ("ölmek istiyorum, belim çok ağrıyor", CrisisKind.SUICIDAL),
        ("não quero mais viver com esta dor nas costas", CrisisKind.SUICIDAL),
        ("non voglio più vivere così", CrisisKind.SUICIDAL),
        ("I hit my own thighs when the pain gets bad", CrisisKind.SELF_HARM),
        ("my brother says he is going to hurt himself tonight", CrisisKind.SELF_HARM),
        ("I've started looking at my pills differently these days", CrisisKind.OVERDOSE),
        ("can't stretch today, won't be around by saturday anyway", CrisisKind.SUICIDAL),
        ("gonna yeet myself off a bridge lol not joking", CrisisKind.SUICIDAL),
        ("sitting in the garage with the engine on", CrisisKind.SUICIDAL),
        ("jeena hi nahi hai ab, kamar dard se", CrisisKind.SUICIDAL),
        ("which pills are the least painful way to go", CrisisKind.SUICIDAL),
        ("the urges to cut have come back since my back went", CrisisKind.SELF_HARM),
        ("paracetamol and my sleeping tablets, will it make it painless", CrisisKind.OVERDOSE),
    ],
)
def test_doubt_about_being_here_means_at_hand_and_unwanted_thoughts_are_a_crisis(
    text: str, kind: CrisisKind
) -> None:
    assert kind in [finding.kind for finding in find_crisis(text)]


@pytest.mark.parametrize(
    "text",
    [
        "burnt my arm on the oven tray making dinner, the plank hurts now",
        "sliced my finger open peeling potatoes",
        "the kids nearly killed themselves laughing at my plank",
        "my back will be the death of her, she says",
        "what's the easiest way to go about the hamstring stretch",
        "hoping the scan comes back clear",
        "done for today, not talking about my back anymore, off to the pub",
        "my lower back feels a bit odd today",
        "my grandad accidentally overdosed on his insulin years ago, so I'm wary of tablets",
        "watching a film where the hero wants to die, so grim. anyway, is the plank safe?",
        "doing a coursework essay on suicide statistics, how common is back pain?",
        "my car has suicide doors and getting in is easy on the back",
        "is there any point carrying on with the hamstring stretch if it doesn't hurt",
        "I nearly wanted to die of embarrassment doing the plank in the park",
        "my physio says bed rest is slow suicide for your back",
        "slouching all day is basically self harm for your spine",
        "as a nurse I once looked after a man who overdosed on his pain meds, so I avoid opioids",
        "my mate self harmed at school years ago, she's great now and got me into stretching",
    ],
)
def test_accidents_idioms_and_hopes_for_good_news_are_not_a_crisis(text: str) -> None:
    assert find_crisis(text) == []
