"""Start several Rasa servers on one machine that share one import of Rasa and TensorFlow.

``python -m backcoach.serve --ports 5005 5006 5007 -- --endpoints endpoints.production.yml ...``
runs ``rasa run --port P <the arguments after -->`` once per port, each in its own process with its
own model, event loop and socket.io sessions, exactly as separate ``rasa run`` commands would.

Profiling start-up (docs/PERFORMANCE.md) showed two thirds of a Rasa server's CPU time to ready in
importing Rasa, TensorFlow and their dependencies. Here one parent process imports them once and
forks a server per port, so N servers cost one import instead of N, and share those pages of memory
until they write to them. Nothing of TensorFlow's runtime is started before the fork: each server
sets up TensorFlow (threads, seeds) and loads the model itself, as Sanic's own worker processes do.
The parent only supervises: it passes SIGTERM and SIGINT on to the servers and, when one server
exits on its own, stops the others and exits with that server's status, so that whatever runs
the parent (systemd, a container, the tests) sees the failure.
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import importlib
import os
import signal
import sys
import time
import traceback
from collections.abc import Sequence

# What every Rasa server of this project imports before it answers: Rasa's command line and server,
# the default graph components (DIET and TensorFlow among them), and the project's stores and patches.
PRELOADED_MODULES = (
    "rasa.__main__",
    "rasa.core.run",
    "rasa.server",
    "rasa.engine.recipes.default_components",
    "backcoach.tracker_store",
    "backcoach.lock_store",
    "backcoach.channels.rest",
    "backcoach.channels.web",
    "backcoach.channels.telegram",
    "backcoach.channels.slack",
)

PR_SET_PDEATHSIG = 1
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


def parse_args(argv: Sequence[str]) -> tuple[list[int], list[str]]:
    """The ports to serve on and the ``rasa run`` arguments that all servers share."""
    parser = argparse.ArgumentParser(
        prog="python -m backcoach.serve",
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
    """Import what every server needs, once, in the parent (no TensorFlow op runs here)."""
    for module in PRELOADED_MODULES:
        importlib.import_module(module)
    # Objects that exist before the fork are never collected in the servers: keeping the collector
    # away from them keeps their pages shared instead of copied into each server.
    gc.freeze()


def _die_with_parent(parent: int) -> None:
    """Ask the kernel to stop this server when the supervising parent dies, even by SIGKILL."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:  # it died before the request was made
        os._exit(1)


def serve(port: int, rasa_args: list[str]) -> int:
    """Run ``rasa run --port port <rasa_args>`` in this process; its exit status."""
    import rasa.__main__

    sys.argv = ["rasa", "run", "--port", str(port), *rasa_args]
    try:
        rasa.__main__.main()
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 1
    except BaseException:  # noqa: B036 - the server's last words go to its log, then it exits
        traceback.print_exc()
        return 1
    return 0


def start_servers(ports: list[int], rasa_args: list[str]) -> dict[int, int]:
    """Fork one server per port; process id -> port."""
    servers: dict[int, int] = {}
    parent = os.getpid()
    for port in ports:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            _die_with_parent(parent)
            code = serve(port, rasa_args)
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        servers[pid] = port
    return servers


def _reap(pids: list[int]) -> list[tuple[int, int]]:
    """(process id, exit code) of those of ``pids`` that have exited; never waits for other children."""
    exited = []
    for pid in pids:
        done, wait_status = os.waitpid(pid, os.WNOHANG)
        if done:
            exited.append((pid, os.waitstatus_to_exitcode(wait_status)))
    return exited


def supervise(servers: dict[int, int], poll_seconds: float = 0.2) -> int:
    """Wait for the servers (process id -> port) to exit; the exit status for the supervisor.

    SIGTERM and SIGINT are passed on to every server. The first server that exits on its own stops
    the others, and its status (1 if it was 0) becomes the supervisor's.
    """
    servers = dict(servers)
    stopping = False
    status = 0

    def stop_all(signum: int = signal.SIGTERM, _frame: object = None) -> None:
        nonlocal stopping
        stopping = True
        for pid in servers:
            try:
                os.kill(pid, signum)
            except ProcessLookupError:
                pass

    previous = {signum: signal.signal(signum, stop_all) for signum in STOP_SIGNALS}
    try:
        while servers:
            exited = _reap(list(servers))
            for pid, code in exited:
                port = servers.pop(pid)
                if not stopping:
                    print(
                        f"backcoach.serve: the Rasa server on port {port} exited with status {code}; "
                        "stopping the others.",
                        file=sys.stderr,
                        flush=True,
                    )
                    status = code or 1
                    stop_all()
            if servers and not exited:
                time.sleep(poll_seconds)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    ports, rasa_args = parse_args(sys.argv[1:] if argv is None else argv)
    preload()
    return supervise(start_servers(ports, rasa_args))


if __name__ == "__main__":
    sys.exit(main())
