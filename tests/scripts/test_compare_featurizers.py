"""The labels of the evaluation sets map to the intents the classifier should give."""

from __future__ import annotations

import yaml

from eval import SETS_DIR, load_set
from launchers.servers import ROOT
from scripts.compare_featurizers import expected_intent


def test_every_single_message_label_maps_to_a_domain_intent() -> None:
    intents = set(yaml.safe_load((ROOT / "domain.yml").read_text())["intents"])
    for item in load_set("messages", SETS_DIR) + load_set("messages", SETS_DIR / "holdout"):
        assert expected_intent(item) in intents, item
