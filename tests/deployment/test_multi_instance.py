"""Rasa server processes with the production profile (endpoints.production.yml): PostgreSQL
tracker store, Redis lock store (rasa_ext/lock_store.py), nginx hashing by conversation over two
single-worker processes (launchers/nginx.conf.template), and a third process with two Sanic workers.

Proves that a conversation may move between processes at any message without losing anything:
the screen's result reached on one process gates the stretches on the other, both processes report
the same events, and parallel conversations spread over both processes and nginx keep every message
once, in order. Also proves what nginx does with the conversation key (one upstream per
conversation, the web chat's socket.io requests kept on one upstream), and that messages of one
conversation sent at the same instant are handled one whole turn after another wherever they
arrive: pairs split over two processes, pairs split over the two workers of one process, a burst
over two processes (quickly, too) and a burst through nginx. Rasa's own Redis lock store failed the
first three (docs/DEPLOYMENT.md, "Known limits").
"""

from __future__ import annotations

import random
import threading
import time
import uuid
from collections import Counter, defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
import requests
import socketio

from knowledge.repository import KnowledgeRepository
from safety.levels import Level
from tests.conversation.test_screening_conversations import HIP_FLEXOR, contains_instructions, screen, texts
from tests.deployment.conftest import Cluster
from tests.safety.truth_table import expected_level
from tests.servers import response_text

CLEAR = {"injury": None, "legs": None, "weakness": False, "cauda": False, "systemic": False}
RED_FLAG = {"injury": None, "legs": None, "weakness": False, "cauda": True, "systemic": False}
EIGHT_MESSAGES = [
    "hello",
    "how common is back pain",
    "tell me more",
    "why?",
    "what can you do?",
    "does massage help?",
    "are you a real doctor?",
    "can tight hamstrings cause low back pain",
]


@pytest.fixture(scope="module")
def instructions() -> list[str]:
    repository = KnowledgeRepository()
    return [step for key in repository.exercise_keys() for step in repository.exercise(key).steps]


class Alternating:
    """A REST client that sends each message of a conversation to the other server: A, B, A, B ..."""

    def __init__(self, cluster: Cluster) -> None:
        self.cluster = cluster
        self.sent: list[tuple[str, str, list[dict[str, Any]]]] = []  # (server, message, replies)

    def send(self, sender: str, message: str, timeout: float = 120) -> list[dict[str, Any]]:
        return self.send_to((self.cluster.a, self.cluster.b)[len(self.sent) % 2], sender, message, timeout)

    def send_to(self, server: str, sender: str, message: str, timeout: float = 120) -> list[dict[str, Any]]:
        replies = self.cluster.send(server, sender, message, timeout=timeout)
        self.sent.append((server, message, replies))
        return replies

    def server_that_said(self, response: str) -> str:
        return next(server for server, _, replies in self.sent if response_text(response) in texts(replies))

    def other(self, server: str) -> str:
        return self.cluster.b if server == self.cluster.a else self.cluster.a


def user_texts(events: list[dict[str, Any]]) -> list[str]:
    return [event["text"] for event in events if event["event"] == "user"]


def turns_complete(events: list[dict[str, Any]]) -> bool:
    """Every user message's turn ends before the next user message: a bot message, then the
    assistant listens again (its last action is ``action_listen``)."""
    starts = [index for index, event in enumerate(events) if event["event"] == "user"]
    for start, end in zip(starts, starts[1:] + [len(events)], strict=True):
        turn = events[start + 1 : end]
        actions = [event["name"] for event in turn if event["event"] == "action"]
        if not any(event["event"] == "bot" for event in turn) or actions[-1:] != ["action_listen"]:
            return False
    return True


def assert_each_message_answered_in_turn(events: list[dict[str, Any]]) -> None:
    """Every user message is answered, and its turn is over before the next user message."""
    assert turns_complete(events), turn_outline(events)


def assert_same_shared_conversation(cluster: Cluster, sender: str, messages: list[str]) -> None:
    stored = cluster.stored_events(sender)
    assert user_texts(stored) == messages, "every message stored once, in the order sent"
    assert [event["event"] for event in stored].count("session_started") == 1
    from_a, from_b = cluster.tracker_events(cluster.a, sender), cluster.tracker_events(cluster.b, sender)
    assert from_a == from_b == stored, "both servers see exactly the stored events"


def send_at_once(
    cluster: Cluster, sender: str, plan: list[tuple[str, str]], timeout: float = 60
) -> list[list[dict[str, Any]] | str]:
    """Send every (server, message) of ``plan`` in one conversation at the same instant, a thread
    each; a request that fails gives a string saying why instead of the replies."""
    start = threading.Barrier(len(plan))

    def send(step: tuple[str, str]) -> list[dict[str, Any]] | str:
        server, message = step
        start.wait()
        try:
            return cluster.send(server, sender, message, timeout=timeout)
        except requests.RequestException as error:
            return f"no answer ({type(error).__name__})"

    with ThreadPoolExecutor(max_workers=len(plan)) as pool:
        return list(pool.map(send, plan))


def turn_outline(events: list[dict[str, Any]]) -> list[str]:
    """The events in short, for failure messages: user texts, action names, other events' kinds."""
    names = {"user": "text", "action": "name"}
    return [str(event.get(names.get(event["event"], "event"))) for event in events]


def conversation_problems(
    cluster: Cluster, sender: str, plan: list[tuple[str, str]], replies: list[list[dict[str, Any]] | str]
) -> list[str]:
    """What went wrong in a new conversation whose messages were all sent at once (nothing: []).

    One session start: a message handled at the same time as the first would have found no
    conversation yet and started one of its own, without the other message's turn.
    """
    problems = [reply for reply in replies if isinstance(reply, str)]
    answers = [reply for reply in replies if not isinstance(reply, str)]
    if not all(answers):
        problems.append("a message got no reply")
    if response_text("utter_actions_unavailable") in texts([r for reply in answers for r in reply]):
        problems.append("the 'actions unavailable' apology")
    stored = cluster.stored_events(sender)
    if sorted(user_texts(stored)) != sorted(message for _, message in plan):
        problems.append(f"stored user messages {user_texts(stored)}")
    if [event["event"] for event in stored].count("session_started") != 1:
        problems.append(f"not one session start {turn_outline(stored)}")
    if not turns_complete(stored):
        problems.append(f"interleaved turns {turn_outline(stored)}")
    for server in sorted({server for server, _ in plan}):
        if cluster.tracker_events(server, sender) != stored:
            problems.append(f"{server} reports other events than PostgreSQL holds")
    return problems


def test_a_clear_screen_finished_on_one_server_opens_the_stretches_on_the_other(
    cluster: Cluster, instructions: list[str]
) -> None:
    sender = "deployment-clear-screen"
    client = Alternating(cluster)
    conversation = screen(client, sender, CLEAR)
    assert response_text("utter_screening_clear") in texts(conversation)
    assert not contains_instructions(conversation, instructions)
    other = client.other(client.server_that_said("utter_screening_clear"))

    after = [
        reply for message in (HIP_FLEXOR, "/next_step") for reply in client.send_to(other, sender, message)
    ]
    assert contains_instructions(after, instructions), texts(after)

    servers = Counter(server for server, _, _ in client.sent)
    assert servers[cluster.a] >= 3 and servers[cluster.b] >= 3, servers
    assert_same_shared_conversation(cluster, sender, [message for _, message, _ in client.sent])


def test_a_red_flag_found_on_one_server_keeps_the_stretches_closed_on_the_other(
    cluster: Cluster, instructions: list[str]
) -> None:
    sender = "deployment-red-flag-screen"
    level = expected_level(RED_FLAG)
    assert level != Level.CLEAR
    client = Alternating(cluster)
    conversation = screen(client, sender, RED_FLAG)
    other = client.other(client.server_that_said(level.referral_response))

    after = [
        reply for message in (HIP_FLEXOR, "/next_step") for reply in client.send_to(other, sender, message)
    ]
    assert response_text(level.referral_response) in texts(after), texts(after)
    assert not contains_instructions(conversation + after, instructions)
    assert_same_shared_conversation(cluster, sender, [message for _, message, _ in client.sent])


def test_parallel_conversations_over_both_servers_and_nginx_lose_and_reorder_nothing(
    cluster: Cluster,
) -> None:
    conversations, rng = 20, random.Random(7)
    plans = {
        f"deployment-parallel-{number}": [
            (rng.choice((cluster.a, cluster.b, cluster.proxy)), message)
            for message in rng.sample(EIGHT_MESSAGES, len(EIGHT_MESSAGES))
        ]
        for number in range(conversations)
    }
    replies: dict[str, list[list[dict[str, Any]]]] = defaultdict(list)
    start = threading.Barrier(conversations)

    def talk(sender: str) -> None:
        start.wait()
        for server, message in plans[sender]:
            replies[sender].append(cluster.send(server, sender, message))

    lock_writes_before = cluster.redis_calls("set")
    with ThreadPoolExecutor(max_workers=conversations) as pool:
        list(pool.map(talk, plans))
    messages = sum(len(plan) for plan in plans.values())
    # The lock store writes to Redis at least twice for each message: taking its turn, passing it on.
    assert cluster.redis_calls("set") - lock_writes_before >= 2 * messages

    used = Counter(server for plan in plans.values() for server, _ in plan)
    assert min(used[cluster.a], used[cluster.b], used[cluster.proxy]) >= 30, used
    apology = response_text("utter_actions_unavailable")
    through_nginx = Counter(
        sender for sender, plan in plans.items() for server, _ in plan if server == cluster.proxy
    )
    routes = cluster.nginx_routes(until=lambda routes: Counter(key for _, key, _ in routes) >= through_nginx)
    for sender, plan in plans.items():
        assert all(reply for reply in replies[sender]), f"{sender}: a message got no answer"
        assert apology not in texts([r for reply in replies[sender] for r in reply]), sender
        stored = cluster.stored_events(sender)
        assert user_texts(stored) == [message for _, message in plan], sender
        assert_each_message_answered_in_turn(stored)
        assert [event["event"] for event in stored].count("session_started") == 1, sender
        via_nginx = [upstream for _, key, upstream in routes if key == sender]
        assert len(via_nginx) == through_nginx[sender], "nginx keyed each request on its REST sender"
        assert len(set(via_nginx)) <= 1, f"{sender} went to several upstreams through nginx: {via_nginx}"
    assert not cluster.nginx_upstream_failures(), "\n".join(cluster.nginx_upstream_failures()[-10:])


def test_nginx_sends_each_conversation_to_one_server_chosen_by_its_id(cluster: Cluster) -> None:
    """What is asserted: nginx's log shows the key it hashed and the upstream it chose."""
    ways = [
        lambda sender: {},  # the REST body's "sender"
        lambda sender: {"X-Conversation-Id": sender},
    ]
    senders = [f"deployment-routing-{number}" for number in range(12)]
    for round_ in range(3):
        for number, sender in enumerate(senders):
            message = EIGHT_MESSAGES[round_]
            assert cluster.send(cluster.proxy, sender, message, headers=ways[number % 2](sender))

    expected = Counter(dict.fromkeys(senders, 3))
    logged = cluster.nginx_routes(until=lambda routes: Counter(key for _, key, _ in routes) >= expected)
    routes = [(key, upstream) for _, key, upstream in logged if key in senders]
    assert Counter(key for key, _ in routes) == expected, "one logged key per message"
    upstreams = defaultdict(set)
    for key, upstream in routes:
        upstreams[key].add(upstream)
    assert all(len(chosen) == 1 for chosen in upstreams.values()), upstreams
    assert not cluster.nginx_upstream_failures(), "\n".join(cluster.nginx_upstream_failures()[-10:])
    assert set().union(*upstreams.values()) == {cluster.upstream(cluster.a), cluster.upstream(cluster.b)}
    for sender in senders:
        assert user_texts(cluster.stored_events(sender)) == EIGHT_MESSAGES[:3]

    # A Telegram update is keyed by its chat id (the channel is off here: only routing is asserted).
    update = {"update_id": 1, "message": {"message_id": 1, "chat": {"id": 4242}, "text": "hello"}}
    requests.post(f"{cluster.proxy}/webhooks/telegram/webhook", json=update, timeout=30)
    telegram = cluster.nginx_routes(until=lambda routes: "/webhooks/telegram/" in routes[-1][0])[-1]
    assert "/webhooks/telegram/" in telegram[0] and telegram[1] == "4242", telegram


def test_a_burst_in_one_conversation_through_nginx_is_answered_one_message_at_a_time(
    cluster: Cluster,
) -> None:
    sender = "deployment-burst"
    messages = [f"how common is back pain {number}" for number in range(5)]
    start = threading.Barrier(len(messages))

    def send(message: str) -> list[dict[str, Any]]:
        start.wait()
        return cluster.send(cluster.proxy, sender, message)

    with ThreadPoolExecutor(max_workers=len(messages)) as pool:
        replies = list(pool.map(send, messages))
    assert all(replies)
    assert response_text("utter_actions_unavailable") not in texts([r for reply in replies for r in reply])
    stored = cluster.stored_events(sender)
    assert sorted(user_texts(stored)) == sorted(messages)
    assert_each_message_answered_in_turn(stored)
    routes = cluster.nginx_routes(until=lambda routes: [key for _, key, _ in routes].count(sender) >= 5)
    assert len([upstream for _, key, upstream in routes if key == sender]) == len(messages)
    assert len({upstream for _, key, upstream in routes if key == sender}) == 1


def test_the_web_chat_through_nginx_stays_on_the_server_that_holds_its_socket(cluster: Cluster) -> None:
    """What is asserted: a socket.io session (Engine.IO long-polling, several HTTP requests) through
    nginx is answered, and nginx hashed all its requests on the client address to one upstream."""
    session_id = uuid.uuid4().hex
    received: list[dict[str, Any]] = []
    logged_before = len(cluster.nginx_routes())
    client = socketio.Client(reconnection=False)
    client.on("bot_uttered", received.append)
    client.connect(cluster.proxy, transports=["polling"], headers={"Origin": cluster.proxy}, wait_timeout=10)
    try:
        client.emit("session_request", {"session_id": session_id})
        client.emit("user_uttered", {"session_id": session_id, "message": "hello"})
        deadline = time.monotonic() + 30
        while not received and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        client.eio.disconnect(abort=True)  # a polite disconnect waits ~30 s for the open long-poll
    assert response_text("utter_greet") in texts(received)
    routes = [route for route in cluster.nginx_routes()[logged_before:] if "/socket.io/" in route[0]]
    assert len(routes) >= 3, routes
    assert {key for _, key, _ in routes} == {"127.0.0.1"}
    assert len({upstream for _, _, upstream in routes}) == 1
    stored = cluster.stored_events(session_id, until=lambda events: bool(user_texts(events)))
    assert user_texts(stored) == ["hello"]


PAIR = ("how common is back pain", "does massage help?")


def fresh_senders(count: int) -> list[str]:
    return [f"deployment-pair-{uuid.uuid4().hex[:12]}" for _ in range(count)]


def send_pair(cluster: Cluster, sender: str, first: str, second: str) -> list[str]:
    """PAIR's two messages in a new conversation at the same instant, the first to server ``first``
    and the second to ``second``; what went wrong (nothing: [])."""
    plan = [(first, PAIR[0]), (second, PAIR[1])]
    return conversation_problems(cluster, sender, plan, send_at_once(cluster, sender, plan))


def met_in_the_lock(traffic: dict[str, list[float]]) -> bool:
    """Two connections (worker processes) used the lock at overlapping times: one message asked for
    the conversation while the other held it (``traffic``: one conversation's part of lock_traffic)."""
    spans = sorted((min(times), max(times)) for times in list(traffic.values()))
    return any(later[0] < earlier[1] for earlier, later in zip(spans, spans[1:], strict=False))


def test_two_messages_sent_at_once_to_two_servers_are_handled_one_after_the_other(cluster: Cluster) -> None:
    """Rasa's own Redis lock store let both messages in at once in about half such pairs."""
    pairs = 20
    senders = fresh_senders(pairs)
    problems: dict[str, list[str]] = {}
    with cluster.lock_traffic(senders) as traffic:
        for number, sender in enumerate(senders):
            first, second = (cluster.a, cluster.b) if number % 2 == 0 else (cluster.b, cluster.a)
            if found := send_pair(cluster, sender, first, second):
                problems[sender] = found
    assert not problems, f"{len(problems)} of {pairs} pairs went wrong: {problems}"
    met = [sender for sender in senders if met_in_the_lock(traffic.get(sender, {}))]
    assert len(met) >= pairs / 2, f"only {len(met)} of {pairs} pairs met in the lock store"


def test_two_messages_sent_at_once_to_two_workers_of_one_server_are_handled_one_after_the_other(
    cluster: Cluster,
) -> None:
    """Both messages go to c's port; the kernel hands each connection to either of its two Sanic
    workers, so pairs are sent until enough of them met in the lock from both workers."""
    wanted, most = 5, 60
    senders = fresh_senders(most)
    problems: dict[str, list[str]] = {}
    with cluster.lock_traffic(senders) as traffic:
        for sent, sender in enumerate(senders, start=1):
            if found := send_pair(cluster, sender, cluster.c, cluster.c):
                problems[sender] = found
            if sum(met_in_the_lock(traffic.get(each, {})) for each in senders[:sent]) >= wanted:
                break
    assert not problems, f"{len(problems)} of {sent} pairs went wrong: {problems}"
    met = [sender for sender in senders[:sent] if met_in_the_lock(traffic.get(sender, {}))]
    assert len(met) >= wanted, f"only {len(met)} of {sent} pairs met in the lock from both workers"


def test_a_burst_over_both_servers_is_answered_one_message_at_a_time_without_delay(cluster: Cluster) -> None:
    sender, count = "deployment-burst-both-servers", 20
    plan = [
        ((cluster.a, cluster.b)[number % 2], f"{PAIR[number % 2].rstrip('?')} {number}")
        for number in range(count)
    ]
    started = time.monotonic()
    replies = send_at_once(cluster, sender, plan)
    elapsed = time.monotonic() - started
    assert conversation_problems(cluster, sender, plan, replies) == []
    # A loose bound, not a benchmark (about 1 s here): Rasa's lock store re-checked a waiting
    # message once a second, so its bursts took about a second a message.
    assert elapsed < count / 2, f"{count} messages took {elapsed:.1f} s"
