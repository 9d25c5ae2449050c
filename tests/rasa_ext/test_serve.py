"""rasa_ext.serve: its arguments, and how it supervises the servers it forks.

The servers here are stand-ins (forked functions that sleep or exit); tests/deployment/ runs the
real Rasa servers through it. Signals are sent only to launchers in processes of their own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bench.processes import process_tree
from rasa_ext import serve
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


def sleep_then(seconds: float, code: int = 0) -> int:
    time.sleep(seconds)
    return code


def kill_itself(port: int) -> int:
    os.kill(os.getpid(), signal.SIGKILL)
    return 0


def gone(pid: int) -> bool:
    """Whether the process has exited (a zombie waiting to be reaped counts as gone)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return True


def test_a_server_that_fails_stops_the_others_and_its_status_is_returned(
    capsys: pytest.CaptureFixture[str],
) -> None:
    started = time.monotonic()
    status = serve.run([5005, 5006], lambda port: sleep_then(0.3, 3) if port == 5006 else sleep_then(60))
    assert status == 3
    assert time.monotonic() - started < 10, "the healthy server was stopped, not waited for"
    assert "port 5006 exited with status 3" in capsys.readouterr().err


def test_a_server_that_exits_quietly_on_its_own_is_still_a_failure() -> None:
    assert serve.run([5005, 5006], lambda port: sleep_then(0.3) if port == 5006 else sleep_then(60)) == 1


def test_a_server_killed_by_a_signal_gives_the_shells_status() -> None:
    assert serve.run([5005, 5006], lambda port: kill_itself(port) if port == 5006 else sleep_then(60)) == 137


def test_the_stop_handlers_are_removed_again() -> None:
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGINT)}
    serve.run([5005], lambda port: 0)
    assert {signum: signal.getsignal(signum) for signum in before} == before


def test_other_children_of_the_process_are_left_alone() -> None:
    other = subprocess.Popen([sys.executable, "-c", "import sys, time; time.sleep(0.2); sys.exit(7)"])
    serve.run([5005], lambda port: sleep_then(1.0))
    assert other.wait(timeout=10) == 7, "the supervisor did not reap a process it did not start"


@pytest.mark.parametrize(("exit_code", "status"), [(None, 0), (0, 0), (2, 2), ("no model found", 1)])
def test_a_servers_exit_becomes_its_status(
    exit_code: int | str | None,
    status: int,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    import rasa.__main__

    from rasa_ext import logging_structlog, metrics_endpoint

    def rasa_main() -> None:
        assert sys.argv == ["rasa", "run", "--port", "5005", "--enable-api"]
        sys.exit(exit_code)

    # The server's process-wide logging and metrics changes are the server's, not this test
    # process's: later tests read the standard loggers.
    installed: list[str] = []
    monkeypatch.setattr(logging_structlog, "install", lambda: installed.append("structlog"))
    monkeypatch.setattr(metrics_endpoint, "install", lambda: installed.append("metrics"))
    monkeypatch.setattr(rasa.__main__, "main", rasa_main)
    monkeypatch.setattr(sys, "argv", sys.argv)
    assert serve.serve(5005, ["--enable-api"]) == status
    assert installed == ["structlog", "metrics"]
    if isinstance(exit_code, str):
        assert exit_code in capsys.readouterr().err


STAND_IN_LAUNCHER = """
import signal, sys, time
from rasa_ext import serve

def stand_in(port):
    if sys.argv[2] == "ignores-sigterm":
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
    time.sleep(60)
    return 0

sys.exit(serve.run([5005, 5006], stand_in, grace_seconds=float(sys.argv[1])))
"""


@contextmanager
def stand_in_launcher(
    grace_seconds: float = 30, servers: str = "sleep"
) -> Iterator[tuple[subprocess.Popen, list[int]]]:
    """The launcher in a process of its own, with two stand-in servers that sleep for a minute."""
    launcher = subprocess.Popen(
        [sys.executable, "-c", STAND_IN_LAUNCHER, str(grace_seconds), servers], cwd=ROOT
    )
    try:
        deadline = time.monotonic() + 10
        while len(pids := process_tree(launcher.pid)[1:]) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(pids) == 2
        time.sleep(0.5)  # both servers have set themselves up
        yield launcher, pids
    finally:
        launcher.kill()
        launcher.wait()
        for pid in pids:
            if not gone(pid):
                os.kill(pid, signal.SIGKILL)


def wait_until_gone(pids: list[int], timeout: float = 10) -> bool:
    deadline = time.monotonic() + timeout
    while not all(gone(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return all(gone(pid) for pid in pids)


def test_sigterm_stops_every_server_and_is_a_clean_exit() -> None:
    with stand_in_launcher() as (launcher, servers):
        launcher.terminate()
        assert launcher.wait(timeout=10) == 0
        assert wait_until_gone(servers)


def test_a_server_that_ignores_sigterm_is_killed_after_the_grace_period() -> None:
    with stand_in_launcher(grace_seconds=0.5, servers="ignores-sigterm") as (launcher, servers):
        launcher.terminate()
        assert launcher.wait(timeout=10) == 137
        assert wait_until_gone(servers)


def test_the_servers_die_with_a_killed_launcher() -> None:
    with stand_in_launcher() as (launcher, servers):
        launcher.kill()
        launcher.wait()
        assert wait_until_gone(servers)


SIGINT_REPORTING_LAUNCHER = """
import signal, sys
from rasa_ext import serve

def stand_in(port):
    return 5 if signal.getsignal(signal.SIGINT) is signal.SIG_IGN else 6

sys.exit(serve.run([5005], stand_in))
"""


@pytest.mark.parametrize(("ignored", "status"), [(True, 5), (False, 6)])
def test_the_servers_handle_sigint_as_the_launcher_was_started_to(ignored: bool, status: int) -> None:
    """A shell's background job starts with SIGINT ignored (make run's launcher): its servers then
    ignore it too until Sanic takes over, so Ctrl-C during start-up stops them through the script's
    SIGTERM instead of raising KeyboardInterrupt while the model loads."""

    def start_as_background_job() -> None:
        # Set either way: the test runner itself may have been started with SIGINT ignored.
        signal.signal(signal.SIGINT, signal.SIG_IGN if ignored else signal.SIG_DFL)

    launcher = subprocess.Popen(
        [sys.executable, "-c", SIGINT_REPORTING_LAUNCHER], cwd=ROOT, preexec_fn=start_as_background_job
    )
    assert launcher.wait(timeout=30) == status
