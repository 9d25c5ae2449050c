import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

import bench.run
from bench.load import LoadResult, summary
from bench.run import RESULTS, TARGETS, WARM_UP_CONVERSATIONS, Bot, in_turns, table, warm_up
from launchers.servers import Server


@pytest.fixture
def results() -> dict[str, Any]:
    return json.loads(RESULTS.read_text())


def test_the_table_shows_every_target_of_the_latest_results(results: dict[str, Any]) -> None:
    lines = table(results).splitlines()

    for metric, _, _ in TARGETS:
        assert sum(line.startswith(f"| {metric} |") for line in lines) == 1
    for row in ("full training s", "full training CPU s (steal %)", "steal % in the 1-user rounds"):
        assert any(line.startswith(f"| {row} |") for line in lines)


def test_a_run_without_backcoach_training_says_so_instead_of_failing_the_target(
    results: dict[str, Any],
) -> None:
    skipped = copy.deepcopy(results)
    skipped["backcoach"] = {
        key: value for key, value in skipped["backcoach"].items() if not key.startswith("training")
    } | {"training_s": None}

    lines = table(skipped).splitlines()

    training = next(line for line in lines if line.startswith("| full training s |"))
    assert "not measured" in training and "NO" not in training
    assert not any(line.startswith("| full training CPU s") for line in lines)


Call = tuple[str, int, int]  # the URL, the users and the conversations per user of one load


def recording_load(calls: list[Call], answered: bool = True) -> Callable[..., LoadResult]:
    """A stand-in for ``run_load`` that records each call and returns at once, every message
    ``answered`` or none."""

    def load(url: str, scripts: list[list[str]], users: int, conversations_per_user: int) -> LoadResult:
        calls.append((url, users, conversations_per_user))
        return summary(users, [(10.0, answered)] * users * conversations_per_user, seconds=1.0)

    return load


@pytest.fixture
def load_calls(monkeypatch: pytest.MonkeyPatch) -> list[Call]:
    """The loads the bench asks for, recorded instead of run."""
    calls: list[Call] = []
    monkeypatch.setattr(bench.run, "run_load", recording_load(calls))
    return calls


def test_the_bots_take_turns_and_each_round_has_its_share_of_conversations(load_calls: list[Call]) -> None:
    bots = [Bot(name, [], [], f"http://{name}", [["hi"]], ["hi"]) for name in ("a", "b")]

    figures = in_turns(bots, users=10, per_user=24, rounds=4)

    assert [url for url, _, _ in load_calls] == ["http://a", "http://b", "http://b", "http://a"] * 2
    assert all(users == 10 and per_round == 6 for _, users, per_round in load_calls)
    for name in ("a", "b"):
        assert figures[name]["messages"] == 10 * 24
        assert figures[name]["round_throughputs"] == [60.0] * 4
        assert len(figures[name]["round_steal_percent"]) == 4


def test_warm_up_goes_through_the_balancer_and_to_every_rasa_server_directly(
    load_calls: list[Call],
) -> None:
    launcher = Server("servers", [], {}, Path("log"), ["http://127.0.0.1:7001/", "http://127.0.0.1:7002/"])
    single = Server("server", [], {}, Path("log"), ["http://127.0.0.1:7003/"])
    balanced = Bot("b", [launcher, single], [], "http://balancer/webhooks/rest/webhook", [["hi"]], ["hi"])
    alone = Bot("a", [single], [], "http://127.0.0.1:7003/webhooks/rest/webhook", [["hi"]], ["hi"])

    warm_up(balanced)
    warm_up(alone)

    direct = [f"http://127.0.0.1:{port}/webhooks/rest/webhook" for port in (7001, 7002, 7003)]
    assert [url for url, _, _ in load_calls] == ["http://balancer/webhooks/rest/webhook", *direct, direct[2]]
    assert all(users == 1 and per_user == WARM_UP_CONVERSATIONS for _, users, per_user in load_calls)


def test_a_warm_up_without_any_reply_stops_the_bench(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bench.run, "run_load", recording_load([], answered=False))
    server = Server("server", [], {}, Path("log"), ["http://127.0.0.1:7003/"])

    with pytest.raises(RuntimeError, match="no reply to any warm-up message"):
        warm_up(Bot("a", [server], [], "http://127.0.0.1:7003/webhooks/rest/webhook", [["hi"]], ["hi"]))


def test_the_table_shows_the_safety_nets_cost_per_message(results: dict[str, Any]) -> None:
    measured = copy.deepcopy(results)
    measured["backcoach"]["safety_net"] = {"p50_ms": 12.5, "p95_ms": 30.1, "mean_ms": 15.0, "messages": 72}
    line = next(line for line in table(measured).splitlines() if line.startswith("| safety net per message"))
    assert "12.5 / 30.1 / 15.0" in line
