"""backcoach.serve: its arguments, and how it supervises the servers it forks.

The servers here are stand-ins (processes that sleep or exit); tests/deployment/ runs the real
Rasa servers through it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from backcoach import serve
from bench.processes import process_tree
from tests.servers import ROOT


def test_ports_and_the_rasa_arguments_are_split_at_the_double_dash() -> None:
    ports, rasa_args = serve.parse_args(
        ["--ports", "5005", "5006", "--", "--endpoints", "e.yml", "--enable-api"]
    )
    assert ports == [5005, 5006]
    assert rasa_args == ["--endpoints", "e.yml", "--enable-api"]


def test_no_rasa_arguments_is_fine() -> None:
    assert serve.parse_args(["--ports", "5005"]) == ([5005], [])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "--ports"),
        (["--ports"], "--ports"),
        (["--ports", "five"], "invalid int value"),
        (["--ports", "0"], "between 1 and 65535"),
        (["--ports", "70000"], "between 1 and 65535"),
        (["--ports", "5005", "5005"], "distinct"),
        (["--ports", "5005", "--", "--port", "5006"], "not --port"),
        (["--ports", "5005", "--", "--port=5006"], "not --port"),
        (["--ports", "5005", "--", "-p", "5006"], "not --port"),
    ],
)
def test_bad_arguments_stop_with_a_clear_message(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        serve.parse_args(argv)
    assert stopped.value.code == 2
    assert message in capsys.readouterr().err


def fork(child: Callable[[], int]) -> int:
    pid = os.fork()
    if pid == 0:
        os._exit(child())
    return pid


def sleeper(seconds: float = 60) -> Callable[[], int]:
    return lambda: time.sleep(seconds) or 0


def exits_with(code: int, after: float) -> Callable[[], int]:
    return lambda: time.sleep(after) or code


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.fixture
def children() -> Iterator[list[int]]:
    pids: list[int] = []
    yield pids
    for pid in pids:  # a failed test must not leave sleepers behind
        if not gone(pid):
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)


def test_a_server_that_fails_stops_the_others_and_its_status_is_returned(
    children: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    children += [fork(sleeper()), fork(exits_with(3, after=0.3))]
    started = time.monotonic()
    assert serve.supervise({children[0]: 5005, children[1]: 5006}) == 3
    assert time.monotonic() - started < 10
    assert gone(children[0]), "the healthy server was stopped and reaped"
    assert "port 5006 exited with status 3" in capsys.readouterr().err


def test_a_server_that_exits_quietly_on_its_own_is_still_a_failure(children: list[int]) -> None:
    children += [fork(sleeper()), fork(exits_with(0, after=0.3))]
    assert serve.supervise({children[0]: 5005, children[1]: 5006}) == 1
    assert gone(children[0])


def test_sigterm_stops_every_server_and_is_a_clean_exit(children: list[int]) -> None:
    children += [fork(sleeper()), fork(sleeper())]
    before = signal.getsignal(signal.SIGTERM)
    threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM)).start()
    assert serve.supervise({children[0]: 5005, children[1]: 5006}) == 0
    assert all(gone(pid) for pid in children)
    assert signal.getsignal(signal.SIGTERM) is before, "the supervisor's handlers are removed again"


def test_other_children_of_the_process_are_left_alone(children: list[int]) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(0.2)"])
    children.append(fork(exits_with(0, after=1.0)))
    serve.supervise({children[0]: 5005})
    assert other.wait(timeout=10) == 0, "the supervisor did not reap a process it did not start"


def test_the_servers_die_with_a_killed_launcher() -> None:
    # The launcher, with stand-in servers that would sleep for a minute.
    launcher = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                """
                import sys, time
                from backcoach import serve
                serve.serve = lambda port, rasa_args: time.sleep(60) or 0
                sys.exit(serve.supervise(serve.start_servers([5005, 5006], [])))
                """
            ),
        ],
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 10
        while len(servers := process_tree(launcher.pid)[1:]) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(servers) == 2
        time.sleep(0.3)  # both have asked to die with their parent
        launcher.kill()
        launcher.wait()
        deadline = time.monotonic() + 10
        while not all(gone(pid) for pid in servers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert all(gone(pid) for pid in servers)
    finally:
        launcher.kill()
        launcher.wait()
