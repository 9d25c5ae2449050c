"""Families of red-flag wording missed by the 16:00 holdout (issue 21), in other words than the
holdout's, with the look-alikes each new pattern must leave alone."""

from __future__ import annotations

import pytest

from safety.detector import find_signs, red_flags


def _signs(text: str) -> set[str]:
    return {finding.sign.key for finding in find_signs(text) if not finding.negated}


def _level(text: str) -> str:
    flagged = red_flags(text)
    return flagged[0].level.name.lower() if flagged else "none"


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        # Bladder control in older and dialect words ("water"), and retention: full but nothing comes.
        ("since the weekend I cannot hold my water at all", "bladder_bowel"),
        ("struggling to control my water since my back went", "bladder_bowel"),
        ("feel like I'm bursting but nothing comes when I try", "bladder_bowel"),
        ("bladder feels like it needs emptying but nothing came out this morning", "bladder_bowel"),
        ("when I go to pee it only comes drop by drop", "bladder_bowel"),
        # Saddle numbness: asleep and not waking, someone else's seat, numb beside the toilet seat.
        ("my bum went to sleep on Friday and it just won't wake up", "saddle_numbness"),
        ("wiping feels like I'm sitting on somebody else's bottom", "saddle_numbness"),
        ("on the loo seat it's all numb", "saddle_numbness"),
        # Both legs in Scots and Pidgin.
        ("baith ma legs are numb since Monday", "both_legs"),
        ("I no fit feel both my feet since yesterday", "both_legs"),
        ("ma legs baith gone weak an wobbly", "both_legs"),
        # High-energy injury: a vehicle on top of the writer, Pidgin "jam", a jump off a roof.
        ("the tractor tipped over onto me in the field", "major_injury"),
        ("danfo jam me for junction last week and my waist dey pain me", "major_injury"),
        ("motor knock me for road yesterday", "major_injury"),
        ("leapt off the shed roof playing tag and landed badly", "major_injury"),
        ("fell off the garage roof clearing the gutters", "major_injury"),
        # Weight loss: clothes sizes, and loss that was not meant.
        ("gone down a jeans size and I haven't changed anything", "weight_loss"),
        ("lost 6kg not on purpose over the summer", "weight_loss"),
        ("my trousers are baggy and I have not been on any diet", "weight_loss"),
        # Night and rest pain.
        ("most nights the ache wakes me up", "night_pain"),
        ("the pain wakes me around 4am", "night_pain"),
        ("woke at 4 am, awake with the pain again", "night_pain"),
        ("lying still makes no difference to the pain", "night_pain"),
        ("my back never ever eases, day or night", "night_pain"),
        ("it doesn't ease with rest", "night_pain"),
        # Worsening weakness: the time contrast either way round, getting weaker day by day.
        ("my left leg is weak, two days ago I could still climb stairs", "worsening_weakness"),
        ("foot drags a bit more day by day", "worsening_weakness"),
        ("on Monday I could walk on my heels, now I can't", "worsening_weakness"),
        # One leg: the span from hip or buttock to the lower leg.
        ("burning from my buttock all the way down to my ankle", "one_leg"),
        ("a dull ache from the hip right down to the knee", "one_leg"),
        ("hip to ankle on the right side, burning and tingling", "one_leg"),
        # Foot drop in plain words.
        ("my toes won't clear the ground when I walk", "leg_weakness"),
        ("my right foot kind of flops when I step", "leg_weakness"),
        ("I keep scuffing my left shoe", "leg_weakness"),
        # A minor injury: a blow by a player or a piece of kit, something giving in the back.
        ("took an elbow to the back at basketball", "minor_injury"),
        ("got kneed in the lower back at rugby", "minor_injury"),
        ("a cricket bat across my back in the nets", "minor_injury"),
        ("something pinged in my lower back lifting the boxes", "minor_injury"),
        ("felt a clunk in my back carrying the shopping", "minor_injury"),
        # The calf zing written as a sound.
        ("bending forward gives a bzzzt into my calves", "calf_zing"),
    ],
)
def test_family_wordings_are_read(text: str, sign: str) -> None:
    assert sign in _signs(text)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # An injury with fragile bones, a fall however small, and the drugs that treat them.
        ("I've got osteoporosis and tripped on the rug, back aches", "urgent"),
        ("osteoporosis & slipped getting out of the bath", "urgent"),
        ("on alendronic acid for my bones and had a little fall on the stairs", "urgent"),
        ("I am a man of 78, fell over in the street on Tuesday", "urgent"),
        # Typed for the person it is about, who asked for it.
        ("my dad wants me to type this for him, he has osteoporosis and slipped on the ice", "urgent"),
        ("typing this for my nan, she can't use the phone. She had a fall in the hallway", "practitioner"),
    ],
)
def test_family_levels(text: str, level: str) -> None:
    assert _level(text) == level


@pytest.mark.parametrize(
    "text",
    [
        # "water" that is not urine, "nothing happens" that is not the bladder.
        "I cannot hold my water bottle with this grip",
        "my waters broke at 38 weeks, years ago",
        "feel full after dinner and nothing happens when I stretch",
        # Asleep or numb without the saddle area.
        "my laptop won't wake up and my back is stiff",
        "my foot went to sleep on the train",
        "it feels like someone else's car, the seat is so low",
        # Pidgin and Scots that name no sign.
        "I no fit come today, my back dey pain me small",
        "the pain comes small small, I go toilet normal",
        "ma back is sore",
        # Vehicles and roofs without an injury to the writer.
        "the car rolled over the speed bump",
        "I rolled over in bed and my back twinged",
        "the okada man waited for me",
        "jumped off the sofa to answer the door",
        "we fixed the shed roof on Saturday",
        # Sizes and weight that are not loss of weight.
        "I dropped a shoe size after my pregnancy",
        "lost my size 8 trainers at the gym",
        "my bank account has lost a lot of weight this month",
        "went down two dress sizes on a diet, feel great",
        # Night and rest: ordinary words.
        "my back is stiff after sleeping in the armchair",
        "I wake at 4am for work every day",
        "rest makes a big difference",
        # Weakness and its time: no weakness, or no change.
        "two days ago I could do ten squats and now I can do twelve",
        "I can stand on tiptoe fine",
        # One leg and foot drop: walking words that are not a sign.
        "from my hip to my knee is fine, it's only my back",
        "my foot hangs off the end of the bed",
        "my shoes scuff on gravel",
        # Blows and clicks that are not an injury to the back.
        "the dog's ball landed in the back garden",
        "heard a click when I turned the key",
        "put my knee in the back seat to reach the bag",
        # Questions, suppositions and figures of speech.
        "is saddle numbness something to watch out for after a fall?",
        "what should I look out for with sciatica?",
        "say I felt numb down there, would that be an emergency?",
        "my knees went weak when I heard the news",
        "I fell on my face in the interview, figuratively speaking",
        "my wallet's down 2 stone after Christmas",
        # Someone else's sign.
        "my aunty lost weight after her operation",
        "the kids had a fever, I slept in a chair by their bed all week and my back is stiff",
        "asking for my dad, he has osteoporosis and slipped last week",
        # The past, a denial in dialect, a question about the screen, a balance that is not a symptom.
        "came off a horse when I was 12, no lasting damage, just stiff these days",
        "wrenched my back shifting a wardrobe ages ago, been fine for years since",
        "nae numbness, nae fever, just a sore back",
        "your questions ask about fever, why is that",
        "if it started spreading to both legs what would that mean",
        "I wobble a bit standing on one leg, can I do the stretch kneeling instead",
        "I fall back asleep fine once I turn over",
        "aching on both sides of my lower back after gardening",
        "hauled the dinghy up the slip, back's stiff, no falls",
        "I'm a Cancer, typical star sign, always complaining about my back",
        "cabin fever from being stuck in with a sore back",
        "pins and needles in my fingers from the hedge trimmer, back's stiff",
        "had a 5-day course of prednisolone for a chest infection last year",
        "say I fell off a ladder at work, would I still be allowed to stretch?",
        "I'm 71 and my back is stiff in the mornings",
        "sweating buckets in the heatwave and my back aches from the chair",
        "shivering at the bus stop in the cold, back's stiff",
        "say my foot started tingling in the stretch, should I stop?",
        "had a fever with a chest infection back in March, sorted with antibiotics",
        "pins and needles in my left hand when I type, back's just stiff",
        "I want to do the stretch for the back of the leg",
        "hiv been sat in a lorry all day, back's stiff",
        "legs went to jelly on the roller coaster, back's stiff from the queue",
        "I work on a cancer ward lifting patients, my back is tired",
        "tripped on the rug but caught myself, didn't fall, back's the usual ache",
        "my fingers get pins and needles from the mouse, back's stiff",
        "aches at night if I lie on my front but I turn over and it settles down",
    ],
)
def test_look_alikes_are_left_alone(text: str) -> None:
    assert _level(text) == "none", [f.sign.key for f in red_flags(text)]


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("since my back went I can't really feel when I need the loo", "emergency"),
        ("I can't properly feel my balls since the back pain started", "emergency"),
        ("my dad's sat next to me, he says he's been leaking wee since Monday", "emergency"),
        ("my knee gives out from under me on the stairs, only the left", "practitioner"),
        ("my foot flops down when I walk since the back went", "practitioner"),
        ("during the forward bend test I got a zing right down into my calves", "practitioner"),
        ("typing for my grandad: he can't get his flow started, stood at the toilet forever", "emergency"),
        ("I wet myself a bit on the stairs and never even felt it", "emergency"),
        ("keep skidding my boxers and can't control my wind either", "emergency"),
        ("my backside feels like it's been injected, both cheeks", "emergency"),
        ("my son is hot and shivery and throwing up with his back pain, find him a stretch", "urgent"),
        ("it's sore when I'm lying in bed as well, nothing makes the pain ease even resting", "urgent"),
        ("my left leg hasn't got the power it had yesterday", "urgent"),
        ("my right foot can't press the clutch properly since the back went", "practitioner"),
        ("bounced down the steps on my bum last night", "practitioner"),
        ("during the toe touch my calves felt tight, then a zing", "practitioner"),
        ("sciatica runs down one leg, the left, when I drive for long", "practitioner"),
        ("sat on the toilet ages this morning and nothing would come out", "emergency"),
        ("I can't feel it when I'm weeing anymore, back's bad since Friday", "emergency"),
        ("things downstairs have not been working since my back went", "emergency"),
        ("got thrown off my pony at a gallop and landed on my back", "emergency"),
        ("decked from 5 metres at the bouldering wall, back is sore", "emergency"),
        ("rolled my tractor on a slope yesterday, back hurts", "emergency"),
        ("an insensibility around my bottom since two days", "emergency"),
        ("my two feet are sleeping since the morning and the back hurts", "emergency"),
        ("weakness in my right leg crept up over the last few weeks", "urgent"),
        ("pain's the same day or night, lying or sitting", "urgent"),
        ("me right knee's gone from under us on the stairs", "practitioner"),
        ("my foot feels heavy and numb, the left one only", "practitioner"),
        ("lifted the dog and something clicked in my back", "practitioner"),
        ("woke up desperate to go and couldn't get a single drop out", "emergency"),
        ("a van ploughed into the back of me at about 60 on the motorway", "emergency"),
        ("went over the bars on my mountain bike and landed on my back", "emergency"),
        ("peed myself at night, didn't wake up full stop what does that mean question mark", "emergency"),
        ("cold and hot and shaky with this back pain", "urgent"),
        ("on dexamethasone for months and now my back hurts", "urgent"),
        ("tengo fiebre and my back hurts", "urgent"),
        ("backed into the corner of the table hard and my back is bruised", "practitioner"),
        ("the quad went over on the hill and I was thrown clear, back's stiff", "emergency"),
        ("slipped off the loft ladder, 3 metres onto the patio, back is bad", "emergency"),
        ("the wee just comes out on its own since my back went", "emergency"),
        ("each week my left leg gets a little weaker", "urgent"),
        ("getting thinner every month and no idea why, back aches too", "urgent"),
        ("got flattened playing rugby and my back's twinged since", "practitioner"),
    ],
)
def test_signs_in_plain_words_and_told_by_someone_beside_them(text: str, level: str) -> None:
    assert _level(text) == level, [f.sign.key for f in red_flags(text)]


def test_someone_else_with_no_one_beside_the_writer_is_still_someone_else() -> None:
    assert _level("my dad says he's been leaking wee since Monday, he's at home, I'm at work") == "none"
