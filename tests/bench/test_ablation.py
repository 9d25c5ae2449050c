"""The ablation's variants are the project's changes to Rasa, and its table reads the committed
figures (bench/ablation.json)."""

import json

from bench.ablation import ABLATED, ALL_CHANGES, RESULTS, table, variant_name
from rasa_ext import rasa_changes


def test_every_change_but_the_action_fallback_is_ablated() -> None:
    assert set(ABLATED) | {"action_fallback"} == set(rasa_changes.groups())


def test_the_table_has_a_row_per_variant_against_all_changes() -> None:
    variants = json.loads(RESULTS.read_text())["variants"]
    lines = table(variants).splitlines()

    assert set(variants) == {ALL_CHANGES, *(variant_name(change) for change in ABLATED)}
    assert lines[2].startswith(f"| {ALL_CHANGES} |") and "| 1.00 (1.00–1.00) | 1.00 |" in lines[2]
    assert len(lines) == 2 + 1 + len(ABLATED)
