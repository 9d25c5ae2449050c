"""Phrasings the deterministic red-flag detector must read correctly.

Levels and everyday wording come from safety/SOURCES.md (NICE NG59, NHS cauda equina
advice, IFOMPT red-flag framework). The phrasings are written the way people in pain type on a
phone: casual, UK and US words, typos, no full stops. They are not shaped to fit the patterns in
``safety/signs.py``; a failing case is a gap in the detector, not in the table.
"""

from __future__ import annotations

import pytest

from safety.detector import red_flag_level
from safety.levels import Level

MIN_EMERGENCY = 60
MIN_URGENT = 40
MIN_PRACTITIONER = 15
MIN_NOT_FLAGGED = 50
MIN_TOTAL = 160

# --------------------------------------------------------------------------------------------
# 1. EMERGENCY: call 999 / 911 / 112 or go to an emergency department now.
# --------------------------------------------------------------------------------------------
EMERGENCY: list[str] = [
    # Bladder and bowel control
    "can't hold my wee",
    "I wet myself",
    "I can't feel when I need to pee",
    "I can't start peeing",
    "leaking urine since yesterday",
    "lost control of my bowels",
    "i keep wetting myself since my back went",
    "my bladdr isnt working properly",
    "im incontinant since my back went",
    "I peed myself on the way to the bathroom, couldn't stop it",
    "I need to pee but nothing comes out",
    "can't empty my bladder properly",
    "cant tell if ive finished peeing or not",
    "I pooed myself and didn't even notice",
    "no control over my bladder since last night",
    "I've lost control of my bladder",
    "I can't hold my pee anymore",
    "peed my pants at work today and didnt feel it coming",
    "havent had a wee since yesterday morning even though i need one",
    "I've been dribbling wee all day",
    "have to really strain to pee now",
    "wee just comes out when I stand up",
    "I keep having accidents, I can't make it to the loo in time",
    "I had an accident in my pants and couldn't feel it happen",
    "struggling to poo and can't feel when I need to go",
    # Saddle numbness
    "numb down there",
    "I can't feel the toilet paper when I wipe",
    "tingling around my bum",
    "my inner thighs are numb",
    "my bum cheeks feel numb",
    "my butt is numb and tingly",
    "numbnes in my groin",
    "tingleing between my legs",
    "pins and needles in my privates",
    "my private parts feel dead",
    "lost feeling in my genitals",
    "it's numb around my back passage",
    "my bottom feels numb like it's gone to sleep",
    "my willy's gone numb",
    "my vag feels numb",
    "can't feel the seat when I sit on the toilet",
    "my crotch is all tingly",
    # Both legs
    "both legs gone tingly",
    "pain down both legs",
    "my legs feel weak",
    "numbness in both feet",
    "both my legs are numb",
    "my legz are tingling",
    "sciatica in both legs",
    "shooting pain down the back of both legs",
    "my legs keep giving way",
    "my legs feel like jelly",
    "pins and needles in both legs",
    "both thighs are numb",
    "I can't feel my feet",
    "weakness in both my legs",
    "legs feel weak and wobbly",
    "both my feet have gone numb",
    "tingling in my left and right leg",
    "no numbness in my back, but both legs are tingly",
    # Sexual dysfunction
    "things not working downstairs",
    "things aren't working down there",
    "can't get an erection since my back went",
    "can't feel anything during sex since this started",
    # High-energy injury
    "I was in a car crash",
    "fell off a ladder",
    "hit by a car",
    "got rear-ended on the motorway yesterday and now my back is killing me",
    "I fell down the stairs",
    "I fell off the roof",
    "came off my motorbike at 40mph",
    "my car got t-boned last night",
    "was in a car accidnet on tuesday",
    "fell from a height at work",
    "I fell out of a tree",
    "knocked off my bike by a van",
    "I fell about 10 feet off scaffolding",
    "got thrown off my horse",
    "I didn't fall but I've been wetting myself",
]

# --------------------------------------------------------------------------------------------
# 2. URGENT: see a doctor today (urgent GP, urgent care, NHS 111).
# --------------------------------------------------------------------------------------------
URGENT: list[str] = [
    # Fever, chills, very unwell
    "I've got a fever and my back is killing me",
    "I have a fevr and back pain",
    "I've got chills and sweats",
    "I feel really unwell with it",
    "running a temperature since yesterday",
    "I've been shivering and feel awful",
    "I feel so poorly, hot and shivery",
    "temp of 38.5 and my lower back is agony",
    "hot and cold sweats all night",
    "I can't stop shivering",
    # Cancer history
    "I had breast cancer two years ago",
    "finished chemo last year",
    "I'm in remission from prostate cancer",
    "I had radiotherapy for lung cancer",
    "I've had cancer before",
    "history of melanoma",
    "my oncologist said I'm all clear but this back pain is new",
    # Unexplained weight loss
    "lost a stone without trying",
    "I've lost weight without trying",
    "I've dropped 6kg and I'm not dieting",
    "losing weight for no reason",
    "lost 10 pounds in a month without dieting",
    "my clothes are hanging off me and I haven't been trying to lose weight",
    # Weakened immunity, IV drug use
    "I'm on long-term steroids",
    "kidney transplant",
    "I had a kidney transplant 5 years ago",
    "I'm HIV positive",
    "I take immunosuppressants for my crohns",
    "on prednisolone for my asthma",
    "I'm on methotrexate for my arthritis",
    "I inject drugs",
    "I used to inject heroin",
    # Night pain, pain at rest that nothing eases
    "the pain wakes me up at night",
    "nothing eases it",
    "it's worse at night",
    "can't sleep for the pain",
    "it hurts even when I'm lying still",
    "painkillers don't touch it",
    "the pain is there all the time even when I'm resting",
    # Injury with osteoporosis or long-term steroids
    "I slipped and I have osteoporosis",
    "I've got osteoporosis and I tripped on the stairs",
    "I have brittle bones and I fell over yesterday",
    "I'm on long term steroids and fell on the ice",
    # Weakness getting worse
    "my leg is getting weaker",
    "the weakness in my foot is getting worse",
    "my leg's weaker every day",
    # A denial does not cover the next clause
    "no fever but I've lost a stone without trying",
]

# --------------------------------------------------------------------------------------------
# 3. PRACTITIONER: see a health practitioner or physical therapist before the stretches.
# --------------------------------------------------------------------------------------------
PRACTITIONER: list[str] = [
    "my right calf is tingly",
    "I felt a zinging into my calves",
    "tingling down my left leg",
    "i fell off my bike last week",
    "my right foot feels weak",
    "sciatica down my right leg",
    "pins and needles in my left foot",
    "pain shoots down the back of my right thigh",
    "I slipped on the ice yesterday",
    "I tripped over the dog",
    "got tackled at rugby on saturday",
    "felt something pop when I lifted a box",
    "my left leg gave way on the stairs",
    "numb patch on the outside of my left thigh",
    "I fell over playing football",
    "I pulled something at the gym",
]

# --------------------------------------------------------------------------------------------
# 4. NOT flagged: denials, other people, everyday mentions,
#    one-leg symptoms and minor injuries (see a practitioner, not emergency/urgent).
# --------------------------------------------------------------------------------------------
NOT_FLAGGED: list[str] = [
    # Denials and negations
    "no numbness",
    "I didn't fall",
    "bladder's fine",
    "no problems with my bladder or bowels",
    "never had cancer",
    "I don't have a fever",
    "no tingling in my legs",
    "no numbness down there",
    "no issues with the toilet",
    "wee and poo all normal",
    "I can pee fine",
    "haven't lost any weight",
    "no fever or chills",
    "no, nothing like that",
    "no weakness in my legs",
    "nope, no tingling anywhere",
    "I don't take steroids",
    "no history of cancer",
    "I wasn't in an accident, it just started on its own",
    "the pain doesn't wake me up at night",
    "no pins and needles",
    "I can feel everything down there",
    "my legs are fine, it's just my back",
    "I'm not incontinent",
    "not been feeling unwell otherwise",
    "my legs aren't numb",
    "my feet aren't tingling",
    "my bum isn't numb or anything",
    # Someone else's history
    "my mum had cancer",
    "my dad had bowel cancer",
    "my sister's on steroids",
    "my husband was in a car crash last year",
    "my nan had breast cancer",
    "my gran had cancer",
    # Everyday mentions that are not signs
    "can I stretch both legs?",
    "I want to lose weight",
    "I sit on my bum all day",
    "fewer aches than last week",
    "what causes back pain?",
    "my hamstrings are tight",
    "should I stretch both legs at the same time?",
    "how long should I hold each stretch?",
    "do I do the stretch on both sides?",
    "my back aches after sitting at my desk",
    "I'm trying to lose weight to help my back",
    "I've lost weight on purpose, been going to the gym",
    "stiff when I get up in the morning",
    "does sitting on the toilet for ages cause back pain?",
    "can I do the stretches in bed at night?",
    "is walking good for back pain",
    "my back hurts when I bend to tie my shoes",
    "i sit on my butt for 10 hours a day driving",
    "my legs are tight after running",
    "the stretches help, I feel less sore",
    "pain is about a 4 out of 10 today",
    "I took ibuprofen and it helped a bit",
    "got over a cold last week, feel fine now",
    "it hurts when I pick up my kids",
    "I'm a dancer and my back is sore",
    "had to cancel my gym session because of my back",
    "I can't climb a ladder at the moment",
    # One-leg symptoms and minor injuries: see a practitioner, not emergency/urgent
]

TABLES: tuple[tuple[str, list[str], int], ...] = (
    ("EMERGENCY", EMERGENCY, MIN_EMERGENCY),
    ("URGENT", URGENT, MIN_URGENT),
    ("PRACTITIONER", PRACTITIONER, MIN_PRACTITIONER),
    ("NOT_FLAGGED", NOT_FLAGGED, MIN_NOT_FLAGGED),
)


@pytest.mark.parametrize("text", EMERGENCY)
def test_emergency_phrasings(text: str) -> None:
    assert red_flag_level(text) == Level.EMERGENCY


@pytest.mark.parametrize("text", URGENT)
def test_urgent_phrasings(text: str) -> None:
    assert red_flag_level(text) == Level.URGENT


@pytest.mark.parametrize("text", PRACTITIONER)
def test_practitioner_phrasings(text: str) -> None:
    assert red_flag_level(text) == Level.PRACTITIONER


@pytest.mark.parametrize("text", NOT_FLAGGED)
def test_phrasings_that_are_not_red_flags(text: str) -> None:
    assert red_flag_level(text) is None


@pytest.mark.parametrize(("name", "table", "minimum"), TABLES, ids=[t[0] for t in TABLES])
def test_each_table_has_its_minimum_size(name: str, table: list[str], minimum: int) -> None:
    assert len(table) >= minimum, f"{name} has {len(table)} phrasings, needs {minimum}"


def test_total_number_of_phrasings() -> None:
    assert sum(len(table) for _, table, _ in TABLES) >= MIN_TOTAL


def test_no_phrasing_is_repeated_or_in_two_tables() -> None:
    everything = [text.lower() for _, table, _ in TABLES for text in table]
    assert len(everything) == len(set(everything))


# --------------------------------------------------------------------------------------------
# 5. Everyday words, slang and dialects, and the structures that make a mention not a report.
#    Written for the word classes and structures of safety/signs.py and safety/detector.py;
#    none is taken from the tuning or evaluation sets.
# --------------------------------------------------------------------------------------------
EVERYDAY_EMERGENCY: list[str] = [
    "peeing is hard work, I have to push and push",
    "my wee comes out in a weak little trickle now",
    "I had a poo accident at the shops and didn't feel it coming",
    "I've lost the sensation to know when I need the toilet",
    "my perineum is numb",
    "the area between my legs feels frozen",
    "can't feel my own touch around my bum",
    "I have weakness in both legs and it's hard to walk",
    "both my feet are dragging",
    "my legs are buckling, both of them",
    "numb feet, both, since yesterday",
    "erection problems started with the back pain",
    "I've been unable to ejaculate since my back went",
    "I fell from a scaffold at work",
    "I was in a crash on my motorbike",
    "slipped off the roof while cleaning the gutters",
    "fell down the whole stairs at home last night",
    "I think I might have wet myself a bit without noticing 😳",
    "is it normal that I can't feel my bum when I sit on the loo?",
    "kinda numb around my privates idk if thats related to my back",
    "so yeah my back's been crap for a week and now I'm struggling to pee",
    "can't seem to empty my bladder fully since the back pain started",
    "I've had to go commando because I keep leaking",
    "bowels have gone haywire, can't control them, back agony",
    "legs feel weird, both of them, kinda numb and heavy",
    "I can hardly feel my feet",
    "there's pins and needles in both of my feet and it's creeping up",
    "my left leg went numb last week and now my right one has too",
    "sex has been a no go, I can't feel anything down there",
    "the doctor said my ED might be my back, it started with the pain",
    "my lorry jack-knifed and I was thrown about the cab",
    "I fell through a roof at work",
    "fell from a first floor window",
    "I got knocked off my motorbike on the way to work",
    "came off the trampoline and landed on my neck and back from a height",
    "hey so my back's been bad. also my legs. both of them. numb.",
    "Hello sir, from 3 days I am not able to control my motion and back pain is severe",
    "i literally cant tell if i need the loo anymore and my back is in bits",
    "this morning i found i'd wet the sheets",
    "bit of a weird one but my bits feel numb, is that normal with back pain?",
    "there's a numb patch right where I sit on the saddle",
    "my undercarriage has gone numb lol not joking though",
    "both my calves and thighs are tingling",
    "legs are both numb from the knees down",
    "I've got sciatica on both sides now",
    "my legs went from under me, both of them, and my back is agony",
    "pain going down the backs of both legs",
    "my feet feel numb, like I'm walking on cotton wool",
    "downstairs doesn't work anymore, if you know what I mean",
    "since my back went i can't, you know, get it up",
    "grandson typing: since tuesday she's wet herself twice without knowing",
    "me and the wife tried and I felt nothing down there",
    "I got hit by a truck while cycling",
    "I came off a motorbike at 60",
    "fell down the stairs head first last night",
    "my son pushed me and I fell down the full staircase",
    "I was in a pile-up on the M6",
    "got speared into the ground in a rugby tackle",
    "fell 4 metres off a scaffold",
    "I fell out of the loft",
    "the horse bucked me off and I landed on my back",
    "a car went into the back of me at the lights",
    "I am having difficulty in passing urine since yesterday along with severe back pain",
    "madam I am not feeling my private parts since morning",
    "ive got no bladder control rn and my back is stuffed",
    "strewth, can't feel me bum and me back's cactus",
    "my back went on monday and now my legs are both pins and needles from the hips down",
    "Long story short: got my back done in at work, then today I noticed I can't feel when I'm weeing. "
    "Anyway, what stretches?",
    "cant feel my left or right foot",
    "legs are gone, both, can barely stand",
    "I was a passenger in a car that rolled",
    "dirt bike crash yesterday, back is screaming",
    "fell off a 2 storey roof",
    "I was hit by a bus",
    "since the fall off the ladder I can't feel my feet",
    "I soiled myself in my sleep and didn't wake up",
    "I keep wetting myself and don't know it's happening",
    "my man parts have been numb for two days",
    "my penis is numb and so is my bum",
    "I can't feel myself going to the loo anymore",
    "my bladder won't empty properly and my back is agony",
    "i keep pissing myself since the back went",
    "had to wear a pad because i keep leaking wee",
    "my bum and the backs of my thighs are numb",
    "numbness in my nether regions since yesterday",
    "my balls feel numb and my back is killing me",
    "no sensation around my back passage",
    "pins and needles in both feet and my back hurts",
    "both my legs have gone weak since this morning",
    "my legs are like jelly and I can barely walk, back is agony",
    "right leg was bad, now the left one is going numb too",
    "sciatica in both legs now",
    "i cant get hard since my back went",
    "sex feels numb since my back injury",
    "lost all feeling in my penis",
    "I fell off the scaffolding at work this morning",
    "came off my horse at a gallop",
    "got hit by a lorry on my bike",
    "a van ran me over last week",
    "came off a roof, about 4 metres onto the driveway",
    "I was in a head-on collision last night",
    "fell about 3 metres from a ladder",
    "I went over the handlebars on my mountain bike",
    "car accident yesterday and my lower back is bad",
    "my bowels just let go without warning",
    "I can't tell when I need a poo anymore",
    "i've been constipated and now i can't feel when i need to go, plus my back",
    "I've got no feeling in my inner thighs",
    "I'm numb where I sit",
    "I'm leaking urine and I don't feel it",
    "my legs keep buckling under me, both of them",
    "since morning I am unable to pass urine and my back is paining a lot",
    "I have no control on my urine since 2 days, back pain also",
    "e be like say I no fit hold my piss again, my back dey pain me",
    "my pee won't start, I stand there forever",
    "wet the bed twice this week and I'm 40",
    "I'm bursting but can't go, back is wrecked",
    "dribbling after I pee and can't stop it, lower back bad",
    "I can't feel when I'm pooing",
    "my vagina feels numb and my back hurts",
    "around my anus is numb",
    "my cheeks and inner legs are tingly, back's been awful",
    "when I wipe it feels like someone else's bum",
    "it's like I've had a dental injection in my bum",
    "both my legs feel like dead weights",
    "pins and needles in both my legs and feet",
    "both feet are numb and burning",
    "my left and right legs are both tingling",
    "numbness in my legs, the both of them",
    "my legs are numb, both sides",
    "I can't get it up anymore since I hurt my back",
    "no sensation when we have sex now",
    "sex doesn't feel like anything anymore since my back went",
    "lost my erection halfway and couldn't feel anything, back's bad",
    "I was in a motorbike crash",
    "fell off the roof of the shed, about 8 feet",
    "was thrown from a quad bike",
    "my car was hit at a junction at 50mph",
    "the scrum collapsed on top of me in rugby",
    "fell from the loft hatch onto the landing",
    "i was knocked down by a car crossing the road",
    "my okada crashed yesterday and my back dey pain me",
    "I was in an auto accident",
    "tumbled down the whole flight of stairs",
]

EVERYDAY_URGENT: list[str] = [
    "I feel feverish and my back is sore",
    "I've been having night sweats for weeks",
    "my cancer has come back",
    "I've had lymphoma",
    "I lost my appetite and a stone",
    "my weight has plummeted",
    "I take immunosuppressive drugs",
    "I'm on steroid tablets long term",
    "even when resting the pain doesn't let up",
    "the pain at night is unbearable",
    "I'm in my eighties and tripped on a rug",
    "my leg gets weaker each day",
    "I think I've got a fever, I'm sweating buckets and my back is killing me",
    "I've been feeling terrible, temperature and shakes",
    "I have a history of prostate cancer",
    "undergoing chemo for breast cancer",
    "my jeans are loose and I haven't tried to lose weight",
    "I'm on azathioprine",
    "I've had a heart transplant",
    "it doesn't matter how I lie, the pain never stops",
    "the back pain keeps me awake all night",
    "I'm 76, slipped on the kitchen floor",
    "I have osteopenia and fell off my bike",
    "my left foot is getting floppier by the day",
    "I've had a high temp and my back is killing me",
    "chills and a sore back",
    "i'm having radiotherapy for my prostate",
    "i beat breast cancer in 2019 but now my back hurts",
    "I've dropped two dress sizes without trying",
    "my appetite's gone and I've lost weight, back hurts",
    "I'm on methotrexate and biologics",
    "I'm HIV positive and my back hurts",
    "I can't get comfortable at night, the pain is relentless",
    "pain is there day and night, rest doesn't help",
    "the pain is worse lying down and wakes me every night",
    "I'm 72 and fell off a stool",
    "I'm on long-term steroids and I slipped on the stairs",
    "my foot drop is getting worse",
    "I'm struggling more each day to lift my foot",
    "I've been really poorly with a temperature and my back hurts",
    "I'm currently having chemotherapy",
    "had a melanoma removed and now my back hurts",
    "lost 5 kilos in 3 weeks and not trying",
    "I've been shedding weight for no reason",
    "been taking prednisone for a year",
    "I'm an IV drug user",
    "the pain gets worse at night and paracetamol does nothing",
    "can't sleep for the pain, it's the worst at 2am",
    "my leg keeps getting weaker",
    "I'm 90 and had a fall",
    "I'm 67 with osteoporosis and I tripped",
    "I've been burning up and shaking with a bad back",
    "got a temperature of 39 with this back pain",
    "I had bowel cancer three years ago and now my back aches",
    "I'm on chemo for lymphoma",
    "I've lost 8kg in two months without trying",
    "the weight's just dropping off me and I don't know why",
    "I had a liver transplant",
    "I've been on prednisolone for two years",
    "I use heroin, I inject it",
    "the pain is worse when I'm in bed and keeps me up all night",
    "it aches all night no matter how I lie",
    "I have osteoporosis and slipped in the shower",
    "I'm 81 and I tripped over the rug",
    "my right foot is getting weaker by the day",
    "my leg weakness is spreading up to my thigh",
    "resting makes no difference to the pain at all",
    "I've got night sweats and back pain",
    "I'm running a fever and my back is throbbing",
    "I feel shivery and hot and my back is bad",
    "had leukaemia as a child and now back pain",
    "I'm a cancer survivor with new back pain",
    "my trousers are falling down, I've lost so much weight without trying",
    "I'm on steroids long term for my lungs",
    "I'm immunosuppressed after my kidney transplant",
    "I've been injecting drugs",
    "the pain is worst at night and nothing I do helps",
    "I can't lie down because of the pain, I sleep sitting up",
    "pain is constant, even lying still it doesn't ease",
    "it wakes me at 4am every night",
    "I'm 78 and had a fall in the garden",
    "I have thin bones and fell off a chair",
    "my foot is dragging more every day",
    "my leg is weaker today than it was yesterday",
]

EVERYDAY_PRACTITIONER: list[str] = [
    "I felt something go in my back when I picked up my toddler",
    "I got tackled in footy on the weekend",
    "my right leg has been tingling since Tuesday",
    "my left calf is numb",
    "I keep tripping over my right foot",
    "i slipped getting out of the bath",
    "fell off a chair",
    "a pain shoots down my left buttock to my foot",
    "pins and needles down one leg",
    "my right leg is weak",
    "I put my back out lifting the kids",
    "felt a twinge in my back picking up a bag",
    "got a buzzing into my calves when I bent over",
    "I went flying over the dog and landed on my back",
    "I slipped down the last step",
    "burning down my right leg into my foot",
    "my left leg feels weak on the stairs",
    "sciatica on my left side",
    "got clattered playing football",
    "I slipped on the stairs at home and landed on my bum",
    "my right leg has a burning pain down to the ankle",
    "I did my back in lifting a sofa",
    "I felt something twang in my back at the gym",
    "my left foot keeps catching on the kerb",
    "I got a zap down into my calves when I touched my toes",
    "I fell over on the ice this morning",
    "my knee gave way on the stairs",
    "tingling down the outside of my left leg",
    "I tripped on the kerb and landed on my back",
    "got tackled playing footy",
    "i twisted awkwardly lifting the shopping",
    "sciatica in my right leg",
    "tingling in my left foot",
    "my foot slaps when I walk",
    "I have pins and needles in my right calf",
    "I got a zingy feeling in my calves during the test",
    "my right leg is numb down to the knee",
]

NOT_A_REPORT: list[str] = [
    "my legs went to jelly when she said yes",
    "I pissed myself laughing at the group chat",
    "that comedian had me wetting myself",
    "I'm bricking it about the MRI",
    "scared shitless of surgery",
    "I was on the floor laughing",
    "work is a pain in the backside",
    "my bum's numb from this train journey",
    "I've got no feeling left for my ex lol",
    "my love life is dead since the kids",
    "my car broke down on the motorway",
    "I fell out with my sister",
    "my team got smashed at rugby on saturday",
    "the fever pitch of the match was amazing",
    "I'm sick and tired of this",
    "I could sleep for a week",
    "I'm losing my mind with this back",
    "weight off my shoulders",
    "my heart dropped",
    "I'm feeling down",
    "I've hit a wall with the exercises",
    "I've hit the gym hard this week",
    "crashed my diet this weekend",
    "I'd kill for a massage",
    "the kids are driving me up the wall",
    "i'm run down",
    "the heat is killing me",
    "I've been slipping on my stretches, not doing them",
    "I'm falling off the wagon with my exercises",
    "my cousin was in a motorbike crash",
    "my dad is on immunosuppressants",
    "my son is off school with a fever",
    "I'm looking after my grandma who wets herself",
    "what causes bladder problems with back pain?",
    "how can I tell if it's sciatica?",
    "can a fall cause a slipped disc?",
    "is weight loss a red flag?",
    "do you need to worry about night pain?",
    "I had a motorbike accident 15 years ago, back's been okay since",
    "I had a bad fall in 2012",
    "had a fever a couple of weeks back, all better",
    "I lost weight when I had covid but put it back on",
    "I've been trying to lose weight and lost a stone",
    "I'm dying to try the new stretch",
    "that workout killed me",
    "my legs are like lead after the long run",
    "my bum is numb after the drive",
    "I nearly fell asleep at my desk",
    "I'm falling to pieces",
    "I no get fever",
    "I'm not peeing myself or anything",
    "no fall, no injury",
    "I haven't had a temperature",
    "my back feels stiff when I wake up",
    "my lower back aches after long walks",
    "I've got a sore back from sleeping on a bad mattress",
    "I can't sit for long without my back aching",
    "hi there, I need help with my back",
    "I get lower back pain during my period",
    "my back hurts when I cough",
    "what is the best sleeping position for back pain?",
    "I'm worried my legs might go numb",
    "what does saddle anaesthesia mean?",
    "could I have cauda equina?",
    "is back pain with a fever an emergency?",
    "when is back pain a red flag?",
    "my nan has osteoporosis and fell",
    "asking for my husband, he can't pee properly",
    "my wife's been incontinent since she had the baby",
    "the kids were sick with a fever last week",
    "my flatmate fell off his bike",
    "had a car accident when I was 17, no problems since",
    "I used to have numb feet when I wore tight boots",
    "my leg was numb this morning after I slept on it, it's fine now",
    "had a tingle in my foot for a minute, gone now",
    "I'm totally dead after the gym",
    "my legs turned to jelly when I saw my crush",
    "I'm absolutely dying, this heat",
    "i nearly fell over when I heard the price",
    "this back pain is a real pain in the bum",
    "it's a killer",
    "I'm not numb anywhere, just sore",
    "I've had no accidents or falls",
    "I can wee fine",
    "no pins and needles in my feet",
    "my back feels tight after sitting at the computer",
    "my lower back aches after cycling",
    "can I do the stretches on holiday?",
    "my back is sore after moving furniture",
    "bending forward is uncomfortable",
    "my back clicks a lot",
    "my brother in law broke his back in a car crash",
    "my grandad has prostate cancer",
    "a friend of mine has lost a lot of weight",
    "my colleague has numbness in both legs",
    "my daughter's legs are numb after netball",
    "the lady next door fell off her ladder",
    "my gf has sciatica down both legs",
    "my client injects heroin",
    "is it normal for sciatica to go into both legs?",
    "what are the signs of cauda equina syndrome?",
    "how would I know if I had a spinal infection?",
    "could cancer cause back pain?",
    "when should I worry about night pain?",
    "if I wet myself, should I go to A&E?",
    "does weight loss with back pain mean cancer?",
    "I broke my back in a car crash 20 years ago, fine now",
    "had shingles down my leg last year, all gone",
    "had a temperature at the weekend, fine now",
    "I've been on a diet and lost 10 pounds",
    "I had pins and needles in my foot earlier but it went away when I moved",
    "I fell off my bike as a kid",
    "I'm dying for a coffee",
    "my legs are dead after that hike",
    "I nearly fell off my chair laughing",
    "I'm falling apart lol",
    "I'm shattered",
    "feeling a bit under the weather today",
    "my back's done in from carrying the shopping",
    "I pulled an all-nighter",
    "I'm sick of this back pain",
    "no numbness, no tingling, no weakness",
    "nothing wrong with my bladder",
    "I've not had any falls",
    "I don't have cancer",
    "my legs are fine, no pins and needles",
    "I sleep fine at night",
    "my back aches when I'm on my feet all day",
    "my lower back is sore when I lift things",
    "I'm a bit achy after sitting at my desk",
    "my posture is bad",
    "my back hurts and I want stretches",
    "what exercises can I do?",
    "I sit on my bum all day at work",
    "I've been sitting on the toilet for ages on my phone",
    "my calves are tight",
    "my hips are stiff",
    "my knees crack when I squat",
    "I stand all day at work and my feet hurt",
    "my mum's 85 and fell over",
    "my dad's had a stroke and can't feel his legs",
    "one of my patients has bladder problems",
    "a lad on my team got tackled hard and was stretchered off",
    "my brother lost a load of weight on purpose",
    "could back pain ever cause incontinence?",
    "is it possible to lose feeling in both legs from a slipped disc?",
    "what would make someone's legs go numb?",
    "can you get fever with a back problem?",
    "just curious, what happens if you can't pee?",
    "I had numbness down there after giving birth but it's fine now",
    "had a bout of sciatica in 2019, none since",
    "I fell off a horse as a teenager",
    "I was really unwell with covid last year",
    "I had cancer scare but it was nothing",
    "I'm dead tired",
    "my legs are killing me after hiking",
    "I wet myself laughing at that video",
    "that film was so scary I nearly pooed myself",
    "my back is in bits but it's just a strain",
    "I crashed on the couch",
    "my phone fell off the table",
    "I dropped my keys",
    "no bladder or bowel problems, no numbness",
    "I haven't wet myself",
    "I'm not losing weight",
    "I don't feel unwell",
    "my legs feel normal",
    "I've never injected drugs",
    "I don't have night pain, it's just when I bend",
    "my back gets sore towards the end of the day",
    "I get a dull ache after standing",
    "I want to improve my flexibility",
    "how long should I hold the stretch",
    "I'm pregnant and my back hurts, can I stretch?",
    "I'm 72 and want to stay flexible",
    "my hamstrings feel tight when I touch my toes",
    "my legs are knackered after the half marathon",
    "i'm dead on my feet after work",
    "my mum fell down the stairs last week",
    "my husband has sciatica in both legs",
    "what should I do if I can't feel my legs?",
    "is bladder trouble a sign of something serious?",
    "I had a fall ten years ago but I'm fine now",
    "I had a fever last week but it's gone now",
    "no problems with my waterworks",
    "I can feel everything normally down there",
    "I haven't lost any weight",
    "this back pain is a pain in the arse",
    "I'm just tired of this back pain",
    "my back aches when I sit at my desk",
    "I want to do the hamstring stretch",
    "can you show me the hip flexor stretch",
    "my back is stiff in the morning",
    "I lifted weights at the gym and my back feels tight",
    "my back is sore from gardening",
    "my partner's legs go numb at night",
    "our dog fell off the sofa",
    "I'm worried about falling when I'm older",
    "my friend was in a car crash",
    "my bum is numb from sitting on this hard chair all day",
    "I've been sleeping badly because of the heat",
    "my legs are sore after squats",
    "I'm 70 and my back is stiff",
    "I fell asleep on the sofa and woke up with a sore back",
    "my weight is stable",
    "what are the symptoms of cauda equina?",
    "does sciatica go down both legs?",
    "I broke my leg skiing when I was 20, all healed",
    "I've been dieting and lost a stone, feel great",
    "my back's been playing up",
    "I tripped over my words in the meeting",
    "I'm cold, can I do the stretch with a jumper on",
    "my sister has cancer",
    "my uncle is on steroids",
    "my son fell off his bike",
    "my patient has saddle numbness",
    "my wife has lost a lot of weight",
    "my husband can't get an erection",
    "is incontinence a sign of cauda equina?",
    "can sciatica cause numbness in both legs?",
    "what if I lose control of my bladder?",
    "sometimes i wish a lorry would hit me",
    "just finished a run of night shifts and my lower back is sore, is there a stretch",
    "the tile came off the roof in the storm",
    "wouldn't mind if a car ran me over",
    "how do I know if it's serious?",
    "should I go to A&E if my legs go numb?",
    "if i ever can't pee, what do i do?",
    "had sciatica 5 years ago, none since",
    "I was in a car crash in 2005 but my back's been fine",
    "had a fever over christmas, fine now",
    "I lost weight after having my baby",
    "I used to smoke",
    "my legs are dead after leg day",
    "I nearly pissed myself laughing",
    "I'm knackered, I could sleep for a week",
    "this stretch is killing my hamstrings",
    "my bum's gone numb sitting in this meeting",
    "my feet are numb from the cold",
    "I was dying of laughter",
    "not numb anywhere",
    "bladder and bowels are normal",
    "I haven't fallen",
    "I can walk fine, no weakness",
    "my legs feel fine",
    "I don't have any night pain",
    "my back hurts a bit when I bend",
    "I sit at a desk all day and my back aches",
    "I'm a bit stiff today",
    "what stretch helps sciatica?",
    "do you have exercises for lower back pain?",
    "I'm training for a marathon and my back is tight",
    "my back aches when I carry my toddler",
    "I pee a lot when I drink coffee",
    "my toddler fell down the stairs",
    "I fell for his joke",
    "I crashed out on the sofa",
    "my computer crashed",
    "I'm falling behind at work because of my back",
    "the market took a hit",
]


@pytest.mark.parametrize(
    ("texts", "level"),
    [
        (EVERYDAY_EMERGENCY, Level.EMERGENCY),
        (EVERYDAY_URGENT, Level.URGENT),
        (EVERYDAY_PRACTITIONER, Level.PRACTITIONER),
        (NOT_A_REPORT, None),
    ],
    ids=["emergency", "urgent", "practitioner", "not_a_report"],
)
def test_everyday_words_and_structures(texts: list[str], level: Level | None) -> None:
    wrong = [(text, red_flag_level(text)) for text in texts if red_flag_level(text) != level]
    assert not wrong, wrong


@pytest.mark.parametrize(
    "text",
    [
        # A question about a sign does not escalate, at any level ...
        "is numbness in both legs an emergency?",
        "what if I get a fever with back pain?",
        "do I need an x-ray after a minor fall?",
        # ... but a report with a question does.
        "I can't feel my feet, is that serious?",
    ],
)
def test_questions_are_read_alike_at_every_level(text: str) -> None:
    expected = Level.EMERGENCY if text.startswith("I can't") else None
    assert red_flag_level(text) == expected


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my dad can't feel his legs and he wet himself", None),
        ("asking for my mum, she has a fever and back pain", None),
        ("my husband found a wet patch on my side of the bed, I never felt it", Level.EMERGENCY),
        ("mate, I've pissed myself and my back is wrecked", Level.EMERGENCY),
        ("my dog pulled me over on the walk", Level.PRACTITIONER),
    ],
)
def test_the_nearest_person_named_owns_the_sign(text: str, level: Level | None) -> None:
    assert red_flag_level(text) == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("had a fever last month but that's long over", None),
        ("I was in a car crash in 1998, fully healed", None),
        ("used to get sciatica down my right leg, now it's in both legs", Level.EMERGENCY),
        ("I had breast cancer years ago", Level.URGENT),  # a history of cancer lasts
        ("cancer scare last year, it was benign", None),
        ("I was on steroids for a week in 2015", None),
        ("wet the bed last night, first time since I was a kid", Level.EMERGENCY),
    ],
)
def test_the_past_and_the_resolved_do_not_escalate_unless_they_last(text: str, level: Level | None) -> None:
    assert red_flag_level(text) == level


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("my legs are like jelly after spin class", None),
        ("my bum went numb on a long bike ride", None),
        ("my bum has been numb since the long drive yesterday and still is", Level.EMERGENCY),
        ("I'm 80 and slipped on the path", Level.URGENT),
        ("my bone density scan was poor and I tripped on a step", Level.URGENT),
        ("I fell on the stairs, just two steps", Level.PRACTITIONER),
        ("my leg was weak yesterday, today it gives way", Level.URGENT),
        ("I'm dieting and down 4kg", None),
        ("I'm not dieting but I've lost 4kg", Level.URGENT),
        ("I get up in the night for a wee", None),
        ("ED since my back went", Level.EMERGENCY),
    ],
)
def test_causes_ages_and_progression(text: str, level: Level | None) -> None:
    assert red_flag_level(text) == level


@pytest.mark.parametrize(
    "text",
    [
        "the article talks about zinging into the calves in the bend test, what does that mean?",
        "which muscles on the back of the leg matter for back pain",
        "according to the piece, what does numbness down one leg point to",
    ],
)
def test_a_question_about_the_article_is_not_a_report(text: str) -> None:
    assert red_flag_level(text) is None


def test_a_report_that_mentions_the_article_is_still_a_report() -> None:
    assert red_flag_level("since trying the article's bend test my calves zing every time") is not None


@pytest.mark.parametrize(
    "text",
    [
        "have to stand at the toilet for ages before anything comes out since my back went",
        "couldn't tell if i'd finished weeing, lower back agony",
        "no feeling of it flowing when i pee since the back went",
        "had no urge to go all day since my back flared",
        "cant stop mid stream anymore since the back pain",
        "my jocks are damp and i dont know when its happening",
        "going for a wee feels weird and i cant really tell when i need to",
        "had a small accident at the shop and didnt even know till i got home and felt it wet",
        "my bits feel like they belong tae someone else",
        "like a dental injection in my bum since my back went",
        "the part you sit on has gone fuzzy since the back flared",
        "could barely feel the towel on my inner thighs",
        "since my back went i cant get aroused at all",
        "cannae get it working since the back went",
    ],
)
def test_everyday_words_for_cauda_equina_signs_are_an_emergency(text: str) -> None:
    assert red_flag_level(text) == Level.EMERGENCY


@pytest.mark.parametrize(
    "text",
    [
        "my bum is numb from sitting on the bus for three hours but fine once i stand",
        "i went for ages before i needed the loo on the coach",
        "sorry the wife and me are off to the shops",
        "no urge to go to the gym all day",
    ],
)
def test_the_same_words_without_the_sign_are_not_a_red_flag(text: str) -> None:
    assert red_flag_level(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "rough as anything, burning up, sick as a dog and my back is agony",
        "keep going hot and cold and my back aches",
        "flu-ish for three days and my lower back is killing me",
        "my trousers are falling off me and i'm not on a diet",
        "needed a new notch in my belt, not trying to lose weight",
        "dropping weight without doing any dieting, and my back hurts",
        "I'm on long-term prednisolone and went over on the kerb, back sore since",
    ],
)
def test_everyday_words_for_urgent_signs_are_urgent(text: str) -> None:
    assert red_flag_level(text) == Level.URGENT


@pytest.mark.parametrize("text", ["hot and cold running water in the hotel", "my dog is sick as a dog"])
def test_likenesses_and_household_words_are_not_urgent(text: str) -> None:
    assert red_flag_level(text) is None


def test_a_knock_to_the_lower_back_is_an_injury() -> None:
    assert red_flag_level("took a knock to the lower back at hockey") == Level.PRACTITIONER


@pytest.mark.parametrize(
    "text",
    [
        "my presentation was a total car crash and my back is tight from the stress",
        "fell head over heels for yoga and my back feels great",
        "feel like i've been hit by a truck this morning, stiff all over",
        "sprained my back three summers ago, sore for a fortnight then fine",
        "had a fever last christmas, antibiotics cleared it, this is just ordinary back ache",
        "calves ache after my first half marathon and my back is a bit stiff",
        "i didnt hear any pop, it just crept up on me",
        "me da had bowel cancer years back, i just have a sore back from lifting",
        "is my back pain more likely to be cancer if my aunt had it?",
        "let's say i started losing weight, would that matter for back pain?",
    ],
)
def test_idioms_past_episodes_and_questions_are_not_red_flags(text: str) -> None:
    assert red_flag_level(text) is None


def test_a_real_vehicle_accident_is_still_an_emergency() -> None:
    assert red_flag_level("got hit by a car on my bike yesterday and my back hurts") == Level.EMERGENCY


@pytest.mark.parametrize(
    ("text", "level"),
    [
        ("back is sore and i didn't make it to the loo this morning, no warning", Level.EMERGENCY),
        ("my bum has gone numb and it won't go away when i stand", Level.EMERGENCY),
        ("my bottom feels numb all day, not just from sitting", Level.EMERGENCY),
        ("no sensation when me and my partner are intimate since my back went", Level.EMERGENCY),
        ("the van jackknifed on the motorway and my back's stiff", Level.EMERGENCY),
        ("my leg weakness started small but it's much worse now", Level.URGENT),
        ("please i am having body hotness and waist pain", Level.URGENT),
        ("getting thinner and thinner and i do not know why", Level.URGENT),
        ("on high dose steroids for my lupus and now my back hurts", Level.URGENT),
        ("osteoporosis patient, small fall in the garden, back pain now", Level.URGENT),
        ("my little boy head-butted me in the back yesterday", Level.PRACTITIONER),
    ],
)
def test_plain_reports_of_signs_get_their_level(text: str, level: Level) -> None:
    assert red_flag_level(text) == level


@pytest.mark.parametrize(
    "text",
    ["if the pain ever went down my leg, what should i do?", "my patient had a fall and has osteoporosis"],
)
def test_a_supposition_or_a_patients_history_is_not_the_writers_red_flag(text: str) -> None:
    assert red_flag_level(text) is None
