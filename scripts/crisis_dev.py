"""Crisis detection on the development phrasings (safety/tuning/crisis_dev.yml), offline.

The phrasings tune the patterns and the bank; the independent sets under eval/ measure the result
(``make eval``). Prints the signposted share by kind and false alarms by kind of look-alike.

``--half seen`` or ``--half unseen`` reads one half of each kind (split as in
``scripts/red_flag_dev.py``): tune on the seen half, and read the unseen one only to measure.
"""

from __future__ import annotations

import argparse
from functools import lru_cache

import yaml
from rasa.shared.nlu.training_data.loading import load_data

from language.encoder import default_encoder
from safety.crisis import crisis_in_meaning, find_crisis
from safety.crisis_model import CrisisClassifier, training_phrasings
from safety.semantic import crisis_bank
from safety.tuning import CRISIS_DEV as DEV_SET
from safety.tuning import SEED
from scripts.red_flag_dev import half

NLU_DATA = "data/nlu"


@lru_cache(maxsize=1)
def classifier() -> CrisisClassifier:
    """Fitted as the NLU's RedFlagDetector fits it when the model is trained."""
    ordinary = [example.get("text") for example in load_data(NLU_DATA).intent_examples]
    return CrisisClassifier.fitted(training_phrasings(), default_encoder(), ordinary)


def is_crisis(text: str) -> bool:
    """What the NLU safety net decides: a crisis by the patterns, the bank or the classifier."""
    return bool(find_crisis(text)) or crisis_in_meaning(text, crisis_bank(), classifier()) is not None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--misses", action="store_true", help="print each miss and false alarm")
    parser.add_argument("--half", choices=("all", "seen", "unseen"), default="all")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    dev = yaml.safe_load(DEV_SET.read_text())
    hits = total = 0
    for kind, all_texts in dev["positive"].items():
        texts = half(all_texts, kind, args.half, args.seed)
        missed = [text for text in texts if not is_crisis(text)]
        hits += len(texts) - len(missed)
        total += len(texts)
        found = len(texts) - len(missed)
        print(f"signposted {kind:<22} {found / len(texts):.3f} ({found}/{len(texts)})")
        if args.misses:
            print("".join(f"      missed {text}\n" for text in missed), end="")
    print(f"signposted overall: {hits / total:.3f}")
    alarms = total = 0
    for kind, all_texts in dev["negative"].items():
        texts = half(all_texts, kind, args.half, args.seed)
        flagged = [text for text in texts if is_crisis(text)]
        alarms += len(flagged)
        total += len(texts)
        print(f"false alarms {kind:<22} {len(flagged) / len(texts):.3f} ({len(flagged)}/{len(texts)})")
        if args.misses:
            print("".join(f"      flagged {text}\n" for text in flagged), end="")
    print(f"false alarms overall: {alarms / total:.3f}")


if __name__ == "__main__":
    main()
