"""Red-flag detection on the development phrasings (safety/tuning/red_flags_dev.yml), offline.

The phrasings are for tuning the patterns and the bank; the independent sets under eval/ measure
the result (``make eval``). Prints recall by level and sign, and false alarms by kind of look-alike.

``--half seen`` or ``--half unseen`` reads one half of each sign and kind, drawn at random with
``--seed``: tune on the seen half and read the unseen one only to measure, so that its figures say
how the changes carry over to wording nobody tuned on. Each phrasing's half depends only on its own
text, its sign or kind and the seed, so phrasings appended later leave the others where they were.
"""

from __future__ import annotations

import argparse
from collections import Counter

import yaml

from safety.crisis import find_crisis
from safety.detector import SIGNS_BY_KEY, red_flags
from safety.tuning import RED_FLAGS_DEV as DEV_SET
from safety.tuning import SEED, in_tuning_half


def detected(text: str) -> str:
    """What the safety net makes of ``text``: crisis, a level of care, or none."""
    if find_crisis(text):
        return "crisis"
    findings = red_flags(text, semantic=True)
    return findings[0].level.name.lower() if findings else "none"


def half(texts: list[str], key: str, which: str, seed: int) -> list[str]:
    """The ``seen`` or ``unseen`` half of one sign's or kind's ``texts`` (``all``: every one)."""
    if which == "all":
        return texts
    # Drawn per phrasing from a hash of the seed, the key and the text: a phrasing keeps its half
    # when others are added to its sign, and a new sign leaves the others' halves as they were.
    return [text for text in texts if in_tuning_half(text, key, seed) == (which == "seen")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="print each miss and false alarm")
    parser.add_argument("--half", choices=("all", "seen", "unseen"), default="all")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    dev = yaml.safe_load(DEV_SET.read_text())
    by_level: Counter[str] = Counter()
    hits_by_level: Counter[str] = Counter()
    for key, all_texts in dev["positive"].items():
        texts = half(all_texts, key, args.half, args.seed)
        level = SIGNS_BY_KEY[key].level.name.lower()
        got = [detected(text) for text in texts]
        hits = sum(g == level for g in got)
        by_level[level] += len(texts)
        hits_by_level[level] += hits
        print(f"{level:>12} {key:<22} {hits / len(texts):.3f} ({hits}/{len(texts)})")
        if args.misses:
            for text, g in zip(texts, got, strict=True):
                if g != level:
                    print(f"      got {g:<12} {text}")
    for level, n in by_level.items():
        print(f"recall {level}: {hits_by_level[level] / n:.3f} ({hits_by_level[level]}/{n})")
    alarms = total = 0
    for kind, all_texts in dev["negative"].items():
        texts = half(all_texts, kind, args.half, args.seed)
        got = [detected(text) for text in texts]
        flagged = [(t, g) for t, g in zip(texts, got, strict=True) if g != "none"]
        alarms += len(flagged)
        total += len(texts)
        print(f"false alarms {kind:<26} {len(flagged) / len(texts):.3f} ({len(flagged)}/{len(texts)})")
        if args.misses:
            for text, g in flagged:
                print(f"      got {g:<12} {text}")
    print(f"false alarms overall: {alarms / total:.3f} ({alarms}/{total})")


if __name__ == "__main__":
    main()
