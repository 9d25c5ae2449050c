"""Benchmark BackCoach against Rasa's starter bot in one run and print the ratios (``make bench``).

Trains the `rasa init` starter bot into a temporary folder with the same Rasa install and trains
BackCoach from scratch, timing both (with the CPU time and the hypervisor's steal share: bench/cpu.py).
Starts the starter bot, then BackCoach (the other bot idle each time), and measures for each time
to ready, memory after the 1-user load and latency by conversation length. The loads with one user and
with 10 concurrent users run in rounds, the bots taking turns: the machine's speed drifts, and
taking turns puts a drift on both bots.

The starter bot runs as `rasa init` made it (one process, in-memory stores). BackCoach runs in its
production profile (endpoints.production.yml, docs/DEPLOYMENT.md): ``--processes`` Rasa servers,
forked by one ``rasa_ext.serve`` after one shared import of Rasa and TensorFlow, behind nginx,
which routes each conversation to one of them, sharing a PostgreSQL tracker store
and a Redis lock store. nginx, PostgreSQL and Redis are started on loopback for the run and are
already running when the clock starts, as they would be in production.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bench import conversations
from bench.cpu import cpu_share
from bench.load import LoadResult, combined, latency_by_length, run_load
from bench.processes import tree_memory_mb
from bench.safety_net import safety_net_ms
from launchers.local_services import (
    LOAD_FROM_ONE_ADDRESS,
    free_port,
    start_nginx,
    start_postgres,
    start_redis,
)
from launchers.servers import Server, action_server, rasa_server, rasa_servers

ROOT = Path(__file__).resolve().parents[1]
RASA = str(Path(sys.executable).with_name("rasa"))
RESULTS = ROOT / "bench" / "results.json"
LENGTHS = [12, 50, 200]
REST_WEBHOOK = "/webhooks/rest/webhook"
# Conversations of one user that every Rasa server of a bot answers before anything is measured.
WARM_UP_CONVERSATIONS = 2
# Rounds of each load per bot, the bots taking turns. Eight rounds of 3 conversations per user (the
# default 24) last under a minute each: shorter rounds put a drift on both bots more evenly.
ROUNDS = 8
# The 1-user load: four rounds of 5 conversations (the default 20), a few seconds each.
ONE_USER_ROUNDS = 4

# (metric, target ratio ours/starter, whether lower is better)
TARGETS = [
    ("p95 ms, 1 user", 1.0, True),
    ("p95 ms, 10 users", 0.75, True),
    ("messages/s, 10 users", 2.0, False),
    ("time to ready s", 0.5, True),
    ("memory per process MB", 1.0, True),
]
TRAINING_LIMIT_SECONDS = 300


def base_env() -> dict[str, str]:
    return {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "2"}


def timed_training(command: list[str], cwd: Path, log: Path, env: dict[str, str]) -> dict[str, float | None]:
    """Run the training ``command`` to completion: its wall and CPU seconds and the steal share meanwhile."""
    started = time.perf_counter()
    with cpu_share() as share, log.open("w") as out:
        finished = subprocess.run(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    if finished.returncode:
        raise SystemExit(f"{' '.join(command)} failed:\n{log.read_text()[-3000:]}")
    return {
        "training_s": round(time.perf_counter() - started, 1),
        "training_cpu_s": share.children_cpu_s,
        "training_steal_percent": share.steal_percent,
    }


@contextmanager
def running(servers: list[Server]) -> Iterator[float]:
    """Start ``servers`` together and yield the seconds until all of them answered."""
    started = time.perf_counter()
    try:
        for server in servers:
            server.start()
        for server in servers:
            server.wait_until_ready()
        yield round(time.perf_counter() - started, 1)
    finally:
        for server in servers:
            server.stop()


@dataclass
class Bot:
    """One bot under test: its Rasa server(s), the servers it needs, and what its users say."""

    name: str
    servers: list[Server]
    helpers: list[Server]
    url: str
    scripts: list[list[str]]
    long: list[str]


def start(bot: Bot, stack: ExitStack) -> float:
    """Start ``bot`` for the rest of ``stack`` and return the seconds until all its servers answered."""
    print(f"[{bot.name}] starting", flush=True)
    return stack.enter_context(running(bot.helpers + bot.servers))


def warm_up(bot: Bot) -> None:
    """``WARM_UP_CONVERSATIONS`` conversations through ``bot``'s entry point (nginx's connections
    to the servers included) and as many sent to each of its Rasa servers directly: nginx routes by
    conversation, so some servers would get none, and their first conversations would be measured
    cold. A server's ready URL is its root (launchers/servers.py)."""
    roots = [root.rstrip("/") for server in bot.servers for root in server.ready_urls]
    for url in dict.fromkeys([bot.url, *(root + REST_WEBHOOK for root in roots)]):
        result = run_load(url, bot.scripts, users=1, conversations_per_user=WARM_UP_CONVERSATIONS)
        if result.unanswered == result.messages:
            raise RuntimeError(f"[{bot.name}] no reply to any warm-up message sent to {url}")


def measure_alone(bot: Bot) -> dict[str, Any]:
    """Memory of ``bot`` after its 1-user load, and its latency by conversation length, the other bot idle."""
    memory = tree_memory_mb([server.process.pid for server in bot.servers])
    helpers_mb = (
        tree_memory_mb([server.process.pid for server in bot.helpers])["total_pss_mb"] if bot.helpers else 0
    )
    by_length = latency_by_length(bot.url, conversations.long_conversation(bot.long, max(LENGTHS)), LENGTHS)
    print(f"[{bot.name}] latency by length: {by_length}", flush=True)
    return {
        "memory": memory,
        "helper_processes_mb": helpers_mb,
        "p50_ms_by_conversation_length": {str(length): ms for length, ms in by_length.items()},
    }


def in_turns(bots: list[Bot], users: int, per_user: int, rounds: int) -> dict[str, dict[str, Any]]:
    """``per_user`` conversations for each of ``users`` in ``rounds``, the bots taking turns (A B, B A, ...).

    The machine's speed can change by a factor of two within minutes; measured one bot after the
    other, such a change went straight into the ratio of their figures. Taking turns puts it on
    both bots alike.
    """
    runs: dict[str, list[LoadResult]] = {bot.name: [] for bot in bots}
    steals: dict[str, list[float | None]] = {bot.name: [] for bot in bots}
    per_round = per_user // rounds
    for round_number in range(rounds):
        for bot in bots if round_number % 2 == 0 else bots[::-1]:
            with cpu_share() as share:
                result = run_load(bot.url, bot.scripts, users=users, conversations_per_user=per_round)
            print(
                f"[{bot.name}] {users} user(s), round {round_number + 1}: {result}, "
                f"steal {share.steal_percent}%",
                flush=True,
            )
            runs[bot.name].append(result)
            steals[bot.name].append(share.steal_percent)
    return {
        name: {
            **combined(results).as_dict(),
            "round_throughputs": [result.throughput for result in results],
            "round_steal_percent": steals[name],
        }
        for name, results in runs.items()
    }


def train_starter(workdir: Path) -> tuple[Path, dict[str, float | None]]:
    """``rasa init`` into a fresh folder (it trains the starter bot); the folder and its timing."""
    folder = workdir / "starter"
    folder.mkdir()
    print("[starter] rasa init (trains the starter bot)", flush=True)
    command = [RASA, "init", "--no-prompt", "--init-dir", str(folder)]
    return folder, timed_training(command, workdir, workdir / "starter-train.log", base_env())


def train_backcoach(workdir: Path, args: argparse.Namespace) -> tuple[Path, dict[str, float | None]]:
    """A full training into a fresh folder (or the latest model with ``--skip-training``)."""
    if args.skip_training:
        return ROOT / "models", {"training_s": None}
    models = workdir / "models"
    print("[backcoach] rasa train --force (full training)", flush=True)
    command = [RASA, "train", "--force", "--num-threads", "2", "--out", str(models)]
    return models, timed_training(command, ROOT, workdir / "backcoach-train.log", base_env())


def starter_bot(workdir: Path, folder: Path) -> Bot:
    port = free_port()
    server = rasa_server(
        port,
        base_env(),
        workdir / "starter.log",
        model=folder / "models",
        endpoints=folder / "endpoints.yml",
        credentials=folder / "credentials.yml",
    )
    url = f"http://127.0.0.1:{port}{REST_WEBHOOK}"
    return Bot("starter", [server], [], url, conversations.STARTER, conversations.LONG_STARTER)


def services_env(actions_port: int, database: Any, redis: Any) -> dict[str, str]:
    """BackCoach's environment for the action server on ``actions_port``, the PostgreSQL tracker
    store ``database`` and the Redis lock store ``redis``; one TensorFlow thread per process."""
    return base_env() | {
        "ACTIONS_URL": f"http://127.0.0.1:{actions_port}/webhook",
        "TRACKER_STORE_URL": database.url,
        "REDIS_HOST": redis.host,
        "REDIS_PORT": str(redis.port),
        "REDIS_PASSWORD": "",
        "TF_INTRA_OP_PARALLELISM_THREADS": "1",
        "TF_INTER_OP_PARALLELISM_THREADS": "1",
    }


def backcoach_bot(workdir: Path, models: Path, args: argparse.Namespace, stack: ExitStack) -> Bot:
    """BackCoach's servers, with PostgreSQL, Redis and nginx started for the rest of ``stack``."""
    services = workdir / "services"
    actions_port = free_port()
    rasa_ports = [free_port() for _ in range(args.processes)]
    database = stack.enter_context(start_postgres(services))
    redis = stack.enter_context(start_redis(services))
    balancer = stack.enter_context(
        start_nginx(services, upstreams=rasa_ports, rate_limits=LOAD_FROM_ONE_ADDRESS)
    )
    env = services_env(actions_port, database, redis) | {"SANIC_WORKERS": str(args.workers)}
    actions = action_server(actions_port, env, workdir / "actions.log")
    servers = rasa_servers(
        rasa_ports,
        env,
        workdir / "backcoach.log",
        model=models,
        endpoints="endpoints.production.yml",
    )
    url = balancer.url + REST_WEBHOOK
    return Bot("backcoach", [servers], [actions], url, conversations.BACKCOACH, conversations.LONG_BACKCOACH)


def run_both(workdir: Path, args: argparse.Namespace) -> dict[str, dict[str, Any]]:
    """Train both bots, start them one after the other, then load them in turns."""
    starter_folder, starter_training = train_starter(workdir)
    models, backcoach_training = train_backcoach(workdir, args)
    figures: dict[str, dict[str, Any]] = {"starter": starter_training, "backcoach": backcoach_training}
    with ExitStack() as stack:
        starter = starter_bot(workdir, starter_folder)
        figures["starter"]["time_to_ready_s"] = start(starter, stack)
        # Started while the starter bot idles: an idle Rasa server takes memory, not CPU.
        backcoach = backcoach_bot(workdir, models, args, stack)
        figures["backcoach"]["time_to_ready_s"] = start(backcoach, stack)
        bots = [starter, backcoach]
        for bot in bots:
            warm_up(bot)
        for name, one_user in in_turns(bots, 1, args.conversations_one_user, ONE_USER_ROUNDS).items():
            figures[name]["one_user"] = one_user
        for bot in bots:
            figures[bot.name] |= measure_alone(bot)
        for name, ten_users in in_turns(bots, 10, args.conversations_ten_users, ROUNDS).items():
            figures[name]["ten_users"] = ten_users
    return figures


def ratios(starter: dict[str, Any], ours: dict[str, Any]) -> list[dict[str, Any]]:
    def values(figures: dict[str, Any]) -> dict[str, float]:
        return {
            "p95 ms, 1 user": figures["one_user"]["p95_ms"],
            "p95 ms, 10 users": figures["ten_users"]["p95_ms"],
            "messages/s, 10 users": figures["ten_users"]["throughput"],
            "time to ready s": figures["time_to_ready_s"],
            "memory per process MB": figures["memory"]["max_process_mb"],
        }

    theirs, mine = values(starter), values(ours)
    rows = []
    for metric, target, lower_is_better in TARGETS:
        ratio = mine[metric] / theirs[metric]
        met = ratio <= target if lower_is_better else ratio >= target
        rows.append(
            {
                "metric": metric,
                "starter": theirs[metric],
                "backcoach": mine[metric],
                "ratio": round(ratio, 2),
                "target": f"{'≤' if lower_is_better else '≥'} {target}",
                "met": met,
            }
        )
    return rows


def table(results: dict[str, Any]) -> str:
    starter, ours = results["starter"], results["backcoach"]
    lines = ["| metric | starter | BackCoach | ratio | target | met |", "|---|---:|---:|---:|---|---|"]
    for row in results["ratios"]:
        lines.append(
            f"| {row['metric']} | {row['starter']} | {row['backcoach']} | {row['ratio']} | "
            f"{row['target']} | {'yes' if row['met'] else 'NO'} |"
        )
    extra = [
        ("p50 ms, 1 user", "one_user", "p50_ms"),
        ("p99 ms, 1 user", "one_user", "p99_ms"),
        ("p50 ms, 10 users", "ten_users", "p50_ms"),
        ("p99 ms, 10 users", "ten_users", "p99_ms"),
    ]
    for label, load, key in extra:
        lines.append(
            f"| {label} | {starter[load][key]} | {ours[load][key]} | "
            f"{round(ours[load][key] / starter[load][key], 2)} | | |"
        )
    round_ratios = [
        mine / theirs
        for theirs, mine in zip(
            starter["ten_users"]["round_throughputs"], ours["ten_users"]["round_throughputs"], strict=True
        )
    ]
    spread = f"{min(round_ratios):.2f}–{max(round_ratios):.2f}"
    lines.append(f"| messages/s, 10 users, ratio in each round | | | {spread} | | |")
    for label, load in [("1-user", "one_user"), ("10-user", "ten_users")]:
        steal = [percent_range(bot[load]["round_steal_percent"]) for bot in (starter, ours)]
        lines.append(f"| steal % in the {label} rounds | {steal[0]} | {steal[1]} | | | |")
    for length in LENGTHS:
        a, b = (bot["p50_ms_by_conversation_length"][str(length)] for bot in (starter, ours))
        lines.append(f"| p50 ms at message {length} | {a} | {b} | {round(b / a, 2)} | | |")
    unanswered = [bot["one_user"]["unanswered"] + bot["ten_users"]["unanswered"] for bot in (starter, ours)]
    sent = [bot["one_user"]["messages"] + bot["ten_users"]["messages"] for bot in (starter, ours)]
    lines.append(
        f"| messages without a reply | {unanswered[0]} of {sent[0]} | {unanswered[1]} of {sent[1]} | | | |"
    )
    theirs_mb, ours_mb = starter["memory"], ours["memory"]
    lines.append(
        f"| Rasa processes (PSS total MB) | {theirs_mb['processes']} ({theirs_mb['total_pss_mb']}) | "
        f"{ours_mb['processes']} ({ours_mb['total_pss_mb']}) + action server "
        f"{ours['helper_processes_mb']} | | | |"
    )
    net = ours.get("safety_net")
    if net:
        lines.append(
            f"| safety net per message, in-process ms (p50 / p95 / mean) | | "
            f"{net['p50_ms']} / {net['p95_ms']} / {net['mean_ms']} | | | |"
        )
    if ours["training_s"] is None:
        met = "not measured (--skip-training)"
    else:
        met = "yes" if ours["training_s"] <= TRAINING_LIMIT_SECONDS else "NO"
    lines.append(
        f"| full training s | {starter['training_s']} | {ours['training_s']} | | "
        f"≤ {TRAINING_LIMIT_SECONDS} s | {met} |"
    )
    if ours["training_s"] is not None:
        cpu = [f"{bot['training_cpu_s']} ({bot['training_steal_percent']})" for bot in (starter, ours)]
        lines.append(f"| full training CPU s (steal %) | {cpu[0]} | {cpu[1]} | | | |")
    return "\n".join(lines)


def percent_range(percents: list[float | None]) -> str:
    known = [percent for percent in percents if percent is not None]
    return f"{min(known)}–{max(known)}" if known else "unknown"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--conversations-one-user", type=int, default=20)
    # 24 each: runs of 8 moved the starter bot's throughput by up to ±13% from one run to the next.
    parser.add_argument("--conversations-ten-users", type=int, default=24)
    # 3 on 2 cores: with 2, hashing often gives one process 7 of the 10 users while the other idles.
    parser.add_argument("--processes", type=int, default=3, help="BackCoach's Rasa processes behind nginx")
    parser.add_argument("--workers", type=int, default=1, help="Sanic workers per process (SANIC_WORKERS)")
    parser.add_argument(
        "--skip-training", action="store_true", help="use the latest model in models/ (training not timed)"
    )
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args()
    for option, count, rounds in [
        ("--conversations-one-user", args.conversations_one_user, ONE_USER_ROUNDS),
        ("--conversations-ten-users", args.conversations_ten_users, ROUNDS),
    ]:
        if count <= 0 or count % rounds:
            parser.error(f"{option} must be a positive multiple of {rounds} (the rounds)")
    with tempfile.TemporaryDirectory(prefix="backcoach-bench-") as tmp:
        workdir = Path(tmp)
        results = {
            "date": datetime.now(timezone.utc).isoformat(timespec="seconds"),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
            "backcoach_profile": {
                "endpoints": "endpoints.production.yml",
                "rasa_processes": args.processes,
                "sanic_workers": args.workers,
            },
            **run_both(workdir, args),
        }
    results["backcoach"]["safety_net"] = safety_net_ms()
    results["ratios"] = ratios(results["starter"], results["backcoach"])
    args.out.write_text(json.dumps(results, indent=2) + "\n")
    print(table(results))
    print(f"\nFigures written to {args.out}")


if __name__ == "__main__":
    main()
