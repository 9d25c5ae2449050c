from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine

from safety.flag_holds import FlagHolds
from safety.levels import Level

TOLD = datetime(2026, 12, 1, 9, 0)


@pytest.fixture
def holds(tmp_path: Path) -> FlagHolds:
    return FlagHolds(create_engine(f"sqlite:///{tmp_path / 'holds.db'}"))


def test_a_flag_is_held_for_seven_days_and_then_lets_go(holds: FlagHolds) -> None:
    holds.hold("alice", Level.URGENT, now=TOLD)
    assert holds.held_level("alice", now=TOLD + timedelta(days=6, hours=23)) == Level.URGENT
    assert holds.held_level("alice", now=TOLD + timedelta(days=7, minutes=1)) is None


def test_holds_belong_to_their_sender(holds: FlagHolds) -> None:
    holds.hold("alice", Level.EMERGENCY, now=TOLD)
    assert holds.held_level("bob", now=TOLD) is None


def test_the_more_serious_level_is_kept_and_a_new_flag_extends_the_hold(holds: FlagHolds) -> None:
    holds.hold("alice", Level.EMERGENCY, now=TOLD)
    holds.hold("alice", Level.PRACTITIONER, now=TOLD + timedelta(days=5))
    assert holds.held_level("alice", now=TOLD + timedelta(days=11)) == Level.EMERGENCY


def test_an_expired_hold_is_replaced_by_the_new_level(holds: FlagHolds) -> None:
    holds.hold("alice", Level.EMERGENCY, now=TOLD)
    holds.hold("alice", Level.PRACTITIONER, now=TOLD + timedelta(days=8))
    assert holds.held_level("alice", now=TOLD + timedelta(days=8)) == Level.PRACTITIONER


def test_a_clear_screen_holds_nothing(holds: FlagHolds) -> None:
    holds.hold("alice", Level.CLEAR, now=TOLD)
    assert holds.held_level("alice", now=TOLD) is None


def test_forget_me_erases_the_hold(holds: FlagHolds) -> None:
    holds.hold("alice", Level.URGENT, now=TOLD)
    holds.forget("alice")
    assert holds.held_level("alice", now=TOLD) is None


def test_the_store_keeps_no_sender_id(holds: FlagHolds, tmp_path: Path) -> None:
    holds.hold("alice@example.org", Level.URGENT, now=TOLD)
    assert b"alice@example.org" not in (tmp_path / "holds.db").read_bytes()
