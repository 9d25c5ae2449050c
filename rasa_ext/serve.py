"""Start several Rasa servers on one machine that share one import of Rasa and TensorFlow.

``python -m rasa_ext.serve --ports 5005 5006 5007 -- --endpoints endpoints.production.yml ...``
runs ``rasa run --port P <the arguments after -->`` once per port, each in its own process with its
own model, event loop and socket.io sessions, exactly as separate ``rasa run`` commands would.

Profiling start-up (docs/PERFORMANCE.md) showed about half of a Rasa server's CPU time to ready
in importing Rasa, TensorFlow and their dependencies. Here one parent process imports them once and
forks a server per port, so N servers cost one import instead of N, and share those pages of memory
until they write to them. Nothing of TensorFlow's runtime is started before the fork: each server
sets up TensorFlow (threads, seeds) and loads the model itself, as Sanic's own worker processes do.
The parent only supervises: it passes SIGTERM and SIGINT on to the servers (a server that has not
stopped 30 s later is killed) and, when one server exits on its own, stops the others and exits
with that server's status (128 + the signal for a server killed by one), so that whatever runs the
parent (systemd, a container, the tests) sees the failure. The servers (and their Sanic workers)
write their metrics into one folder (``PROMETHEUS_MULTIPROC_DIR``: the operator's, emptied at start,
or a temporary one), so that ``GET /metrics`` on any of them counts all of them.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import gc
import importlib
import os
import shutil
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, NoReturn

import settings

# What every Rasa server of this project imports before it answers: Rasa's command line and server,
# the default graph components (DIET and TensorFlow among them), and the project's changes to Rasa,
# components, stores and channels.
PRELOADED_MODULES = (
    "rasa.__main__",
    "rasa.core.run",
    "rasa.server",
    "rasa.engine.recipes.default_components",
    "rasa_ext.nlu.diet",
    "rasa_ext.policies",
    "rasa_ext.tracker_store",
    "rasa_ext.lock_store",
    "rasa_ext.nlu.red_flag_detector",
    "rasa_ext.channels.rest",
    "rasa_ext.channels.web",
    "rasa_ext.channels.telegram",
    "rasa_ext.channels.slack",
)

PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.2  # how often the launcher looks for servers that have exited
GRACE_SECONDS = 30.0  # how long a server asked to stop may take before it is killed
# The stop signals, and Python's own handling of them. Until Sanic installs its handlers, a server
# handles them as the launcher would have without its supervisor's: a launcher started as a shell's
# background job ignores SIGINT, and so then do its servers, as separate `rasa run` jobs would.
DEFAULT_HANDLERS = {signal.SIGTERM: signal.SIG_DFL, signal.SIGINT: signal.default_int_handler}
Handlers = Mapping[int, Any]
# Exit statuses of a server that stopped when asked to: cleanly, or ended by the signal passed on.
STOPPED_AS_ASKED = {0, 128 + signal.SIGTERM, 128 + signal.SIGINT}
# prometheus-client's multiprocess mode reads it when it is imported, in the servers.


def parse_args(argv: Sequence[str]) -> tuple[list[int], list[str]]:
    """The ports to serve on and the ``rasa run`` arguments that all servers share."""
    parser = argparse.ArgumentParser(
        prog="python -m rasa_ext.serve",
        description="Run one `rasa run` server per port, sharing one import of Rasa and TensorFlow.",
        epilog="Arguments after -- go to every `rasa run` (except --port, which comes from --ports).",
    )
    parser.add_argument("--ports", type=int, nargs="+", required=True, metavar="PORT")
    argv = list(argv)
    cut = argv.index("--") if "--" in argv else len(argv)
    own, rasa_args = argv[:cut], argv[cut + 1 :]
    args = parser.parse_args(own)
    if any(not 0 < port < 65536 for port in args.ports) or len(set(args.ports)) != len(args.ports):
        parser.error(f"--ports needs distinct port numbers between 1 and 65535, got {args.ports}")
    if any(arg == "--port" or arg.startswith("--port=") or arg == "-p" for arg in rasa_args):
        parser.error("give the servers' ports with --ports, not --port after --")
    return args.ports, rasa_args


def preload() -> None:
    """Import what every server needs and install the project's changes to Rasa, once, in the
    parent; no TensorFlow op may run here."""
    # As the gc module's documentation advises for fork without exec: no collection in the parent
    # while importing, and the imported objects frozen, so that the servers' collectors never write
    # to (and so copy) the pages they share with the parent.
    gc.disable()
    for module in PRELOADED_MODULES:
        importlib.import_module(module)
    from rasa_ext import rasa_changes

    # Here, so that every server inherits the changes made (and frozen with the rest).
    rasa_changes.install()
    from tensorflow.python.eager import context

    if context.context()._context_handle is not None:
        raise RuntimeError(
            "TensorFlow's runtime started while importing; forked servers could not use it. "
            "Run each server with `rasa run` instead."
        )
    gc.freeze()


def exit_status(wait_status: int) -> int:
    """A process's exit status as a shell reports it: 128 + the signal for one killed by a signal."""
    code = os.waitstatus_to_exitcode(wait_status)
    return 128 - code if code < 0 else code


@contextlib.contextmanager
def shared_metrics_dir() -> Iterator[Path]:
    """The folder where all servers write their metrics, set in the environment for them: the
    operator's ``PROMETHEUS_MULTIPROC_DIR`` with the values of earlier runs deleted, or a temporary
    folder deleted afterwards."""
    given = settings.metrics_dir()
    if given:
        folder = Path(given)
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.db"):
            stale.unlink()
        yield folder
        return
    folder = Path(tempfile.mkdtemp(prefix="backcoach-metrics-"))
    os.environ[settings.METRICS_DIR_VARIABLE] = str(folder)
    try:
        yield folder
    finally:
        del os.environ[settings.METRICS_DIR_VARIABLE]
        shutil.rmtree(folder, ignore_errors=True)


def serve(port: int, rasa_args: list[str]) -> int:
    """Run ``rasa run --port port <rasa_args>`` in this process, with ``GET /metrics`` and the
    project's log lines written through Rasa's structlog; its exit status."""
    # Imported here, not at the top, so that the launcher's arguments are checked before the long
    # import (in the servers it is already loaded by preload).
    import rasa.__main__

    from rasa_ext import logging_structlog, metrics_endpoint

    logging_structlog.install()
    metrics_endpoint.install()
    sys.argv = ["rasa", "run", "--port", str(port), *rasa_args]
    try:
        rasa.__main__.main()
    except SystemExit as exit_:
        if exit_.code is None or isinstance(exit_.code, int):
            return exit_.code or 0
        print(exit_.code, file=sys.stderr)
        return 1
    except BaseException:  # noqa: B036 - the server's last words go to its log, then it exits
        traceback.print_exc()
        return 1
    return 0


class Supervisor:
    """Forks the servers and waits for them; stops all of them when asked or when one fails."""

    def __init__(self, grace_seconds: float = GRACE_SECONDS) -> None:
        self.grace_seconds = grace_seconds
        self.servers: dict[int, int] = {}  # process id -> port, while it runs
        self.stop_requested_at: float | None = None
        self.status = 0
        self._prctl = ctypes.CDLL(None, use_errno=True).prctl  # loaded before forking

    def start(self, ports: list[int], serve_port: Callable[[int], int], handlers: Handlers) -> None:
        """Fork one server per port, each running ``serve_port(port)`` with the stop signals handled
        by ``handlers`` and exiting with its result."""
        parent = os.getpid()
        for port in ports:
            if self.stop_requested_at is not None:
                return
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                self._run_server(parent, port, serve_port, handlers)
            self.servers[pid] = port

    def _run_server(
        self, parent: int, port: int, serve_port: Callable[[int], int], handlers: Handlers
    ) -> NoReturn:
        code = 1
        try:
            for signum, handler in handlers.items():
                signal.signal(signum, handler)
            gc.enable()
            # Stop this server when the supervising parent dies, even by SIGKILL.
            self._prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
            if os.getppid() == parent:  # else it died before the request was made
                code = serve_port(port)
        except BaseException:  # noqa: B036 - whatever happens, this copy of the parent must not go on
            traceback.print_exc()
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)

    def request_stop(self, signum: int = signal.SIGTERM, _frame: object = None) -> None:
        """Pass ``signum`` on to every server that still runs."""
        if self.stop_requested_at is None:
            self.stop_requested_at = time.monotonic()
        self._signal_all(signum)

    def _signal_all(self, signum: int) -> None:
        for pid in list(self.servers):
            try:
                os.kill(pid, signum)
            except ProcessLookupError:
                pass

    def _reap(self) -> bool:
        """Collect the servers that have exited; whether any had."""
        reaped = False
        for pid in list(self.servers):
            done, wait_status = os.waitpid(pid, os.WNOHANG)
            if not done:
                continue
            port, code, reaped = self.servers.pop(pid), exit_status(wait_status), True
            if self.stop_requested_at is None:
                print(
                    f"rasa_ext.serve: the Rasa server on port {port} exited with status {code}; "
                    "stopping the others.",
                    file=sys.stderr,
                    flush=True,
                )
                self.status = code or 1
                self.request_stop()
            elif code not in STOPPED_AS_ASKED and not self.status:
                self.status = code
        return reaped

    def wait(self) -> int:
        """Wait until every server has exited; the launcher's exit status."""
        while self.servers:
            if not self._reap():
                stopping_since = self.stop_requested_at
                if stopping_since is not None and time.monotonic() - stopping_since > self.grace_seconds:
                    self._signal_all(signal.SIGKILL)
                time.sleep(POLL_SECONDS)
        return self.status


def run(ports: list[int], serve_port: Callable[[int], int], grace_seconds: float = GRACE_SECONDS) -> int:
    """Fork a server per port and supervise them, with SIGTERM and SIGINT passed on to them."""
    supervisor = Supervisor(grace_seconds=grace_seconds)
    previous = {signum: signal.signal(signum, supervisor.request_stop) for signum in DEFAULT_HANDLERS}
    try:
        supervisor.start(ports, serve_port, handlers=previous)
        if supervisor.stop_requested_at is not None:
            supervisor.request_stop()  # a signal that came while forking reaches every server
        return supervisor.wait()
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def main(argv: Sequence[str] | None = None) -> int:
    """The launcher's command line (``python -m rasa_ext.serve``); its exit status."""
    ports, rasa_args = parse_args(sys.argv[1:] if argv is None else argv)
    with shared_metrics_dir():
        preload()
        return run(ports, lambda port: serve(port, rasa_args))


if __name__ == "__main__":
    sys.exit(main())
