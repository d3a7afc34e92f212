"""The summit room under load, without browsers (bench/wsclient.py): hundreds of phones join /live and answer.

One presenter tab (summit mode with a presenter link) opens question 1 on the big screen; `participants`
tabs open /live in batches, as people scanning the QR code do, follow the room as a phone's browser does
(ui/watch.py: an HTTP poll of `/_compass/changes` each second, a rerun only when the room moved on),
see the question, score the five factors and press send at a random moment within `spread` seconds.
Measured: errors, lost answers (answers in the database against answers the
phones were told were counted), the seconds from a participant's tap until the big screen's count
includes it (p50/p95), and the app servers' CPU seconds per participant (joining, a minute of polling,
answering), from which the replicas for 1,000 participants follow. Everything goes to 127.0.0.1.

    python -m bench.live_load --participants 300 [--replicas 3]   (needs TEST_POSTGRES_URL)
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import secrets
import sys
import time
import uuid
from typing import Any

from sqlalchemy import create_engine, text

from bench.browser import _tree, cpu_seconds, serve
from bench.load import OPEN_BATCH, cluster
from bench.stats import percentile
from bench.wsclient import Node, Session, StreamlitError
from model import auth, live
from model.db import get_engine

SECRET = f"bench-presenter-{secrets.token_hex(8)}"
COUNT = re.compile(r"answers so far: (\d+)")
REPLICA_CORE_SHARE = 0.7  # of a core one replica may use before its queue grows (one Python process, one GIL)


def presenter_env() -> None:
    """The app servers started after this read a presenter link's hash from the environment, as configured ones do."""
    os.environ["COMPASS_PRESENTERS"] = f"bench={auth.hash_password(SECRET)}"


async def _join(base: str, errors: list[str]) -> Session | None:
    try:
        return await Session.open(base, "live", "lang=en")
    except (StreamlitError, OSError) as exc:
        errors.append(f"join: {exc}"[:200])
        return None


def _scores(tab: Session, question_id: int) -> list[Node]:
    """The score buttons of question `question_id` (keyed `live-<id>-<factor>`) this phone shows, if it shows that question."""
    return [n for n in tab.elements("button_group") if f"-live-{question_id}-" in n.widget_id]


async def _answer(tab: Session, question_id: int, delay: float, errors: list[str]) -> tuple[float, float] | None:
    """Wait `delay`, then score the five factors of the open question and send; (tap, done) when the phone was told it counted.

    A person answers the question their phone shows: until its poll brings the new one, it may still show the
    question before (closed now), whose answer the server refuses, visibly. That is the room working, not a load error.
    """
    await asyncio.sleep(delay)
    try:
        deadline = time.monotonic() + 30
        # Until the poll has brought the question and its run has drawn the whole form, a person has nothing to tap.
        while tab.running or not (_scores(tab, question_id) and tab.has(key="live-submit")):
            if time.monotonic() > deadline:
                raise StreamlitError("the question never reached this phone")
            await asyncio.sleep(0.1)
        for node in _scores(tab, question_id):
            tab.fill(node, str(random.randint(0, 5)))
        tapped = time.perf_counter()
        await tab.click("live-submit")
        if not tab.has(text="your answer is counted"):
            shown = tab.exceptions() or [text for node in tab.elements("alert") for text in node.texts()]
            raise StreamlitError("the phone was not told its answer counted: " + "; ".join(shown)[:150])
        return tapped, time.perf_counter()
    except (StreamlitError, OSError) as exc:
        errors.append(f"answer: {exc}"[:200])
        return None


async def _watch(screen: Session, seen: dict[int, float], stop: asyncio.Event) -> None:
    """When the big screen first showed each count (its results fragment reruns every second)."""
    while not stop.is_set():
        for node in screen.elements():
            for match in COUNT.finditer(" ".join(node.texts())):
                seen.setdefault(int(match.group(1)), time.perf_counter())
        await asyncio.sleep(0.02)


async def room_load(base: str, server_pids: list[int], database_url: str, participants: int, spread: float) -> dict[str, Any]:
    errors: list[str] = []
    pids = [p for pid in server_pids for p in _tree(pid)]
    screen = await Session.open(base, "", f"mode=summit&interval=600&lang=en&presenter={SECRET}")
    cpu_start, joined_at = cpu_seconds(pids), time.perf_counter()
    phones: list[Session] = []
    while len(phones) < participants:
        batch = min(OPEN_BATCH, participants - len(phones))
        phones += [t for t in await asyncio.gather(*(_join(base, errors) for _ in range(batch))) if t]
        if len(errors) > participants // 10:
            break
    join_s, cpu_join = time.perf_counter() - joined_at, cpu_seconds(pids) - cpu_start
    idle_started, cpu_idle_start = time.perf_counter(), cpu_seconds(pids)
    await asyncio.sleep(10)  # the room waiting for the question: every phone's poll, nothing else
    idle_cpu_per_phone_s = (cpu_seconds(pids) - cpu_idle_start) / (time.perf_counter() - idle_started) / max(1, len(phones))
    click_started = time.perf_counter()
    try:
        await screen.click("presenter-open-readiness", timeout=20)
        click_s: float | None = time.perf_counter() - click_started
    except (StreamlitError, OSError) as exc:  # an overloaded server: open it as the presenter's click would, and say so
        errors.append(f"presenter: {exc}"[:200])
        click_s = None
        live.open_question(
            live.presenter_from_link({"bench": auth.hash_password(SECRET)}, SECRET), live.READINESS, engine=get_engine(database_url)
        )
    question = live.state(get_engine(database_url)).question
    if question is None:
        raise RuntimeError("the presenter's click opened no question")
    seen: dict[int, float] = {}
    stop = asyncio.Event()
    watcher = asyncio.create_task(_watch(screen, seen, stop))
    started, cpu_before = time.perf_counter(), cpu_seconds(pids)
    answers = await asyncio.gather(*(_answer(tab, question["id"], random.uniform(0, spread), errors) for tab in phones))
    done = sorted((a for a in answers if a), key=lambda a: a[1])
    deadline = time.perf_counter() + 15
    while len(done) and max(seen, default=0) < len(done) and time.perf_counter() < deadline:
        await asyncio.sleep(0.1)
    stop.set()
    await watcher
    wall, cpu_answer = time.perf_counter() - started, cpu_seconds(pids) - cpu_before
    stored = live.answer_count(question["id"], get_engine(database_url))
    latencies = [
        min(t for n, t in seen.items() if n >= rank) - tap for rank, (tap, _) in enumerate(done, start=1) if max(seen, default=0) >= rank
    ]
    poll_errors = [e for tab in phones for e in tab.poll_errors]
    await asyncio.gather(screen.close(), *(tab.close() for tab in phones), return_exceptions=True)
    per_participant = (cpu_join + cpu_answer) / max(1, len(phones))
    load_per_second = per_participant / max(1.0, spread)  # CPU s per participant per second of a question
    return {
        "participants": len(phones),
        "servers": len(server_pids),
        "errors": len(errors),
        "error_samples": errors[:5],
        "poll_errors": len(poll_errors),  # a phone's ask of /_compass/changes that failed (it asks again a second later)
        "poll_error_samples": poll_errors[:3],
        "answers_sent": len(done),
        "answers_stored": stored,
        "lost": len(done) - stored,
        "join_s": join_s,
        "presenter_click_s": click_s,
        "idle_cpu_per_phone_per_s": idle_cpu_per_phone_s,
        "phones_per_core_idle": 1 / idle_cpu_per_phone_s if idle_cpu_per_phone_s else None,
        "answer_wall_s": wall,
        "submit_to_screen_p50_s": percentile(latencies, 50),
        "submit_to_screen_p95_s": percentile(latencies, 95),
        "screen_missed": len(done) - len(latencies),
        "server_cpu_join_s": cpu_join,
        "server_cpu_answer_minute_s": cpu_answer,
        "cpu_s_per_participant": per_participant,
        "replicas_for_1000": math.ceil(1000 * load_per_second / REPLICA_CORE_SHARE),
        "load_average": os.getloadavg()[0],
    }


def one_server(database_url: str, participants: int = 300, spread: float = 60) -> dict[str, Any]:
    """`streamlit run serve.py` on a free port and this database, the room loaded, stopped."""
    presenter_env()
    with serve("serve.py", database_url, start_timeout=600) as (base, pid):
        return asyncio.run(room_load(base, [pid], database_url, participants, spread))


def through_nginx(database_url: str, replicas: int, participants: int = 300, spread: float = 60) -> dict[str, Any]:
    """The same room through nginx in front of `replicas` app servers on one PostgreSQL (scripts/cluster.sh)."""
    presenter_env()
    with cluster(database_url, replicas) as (base, replica_pids, _nginx):
        return asyncio.run(room_load(base, replica_pids, database_url, participants, spread))


def _scratch_database(admin_url: str) -> str:
    """A fresh PostgreSQL database loaded from seed/ (the standalone run; `make bench` passes its own)."""
    from seed.load import load_bundle
    from seed.validate import read_seed

    name = f"compass_room_{uuid.uuid4().hex[:8]}"
    with create_engine(admin_url, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = admin_url.rsplit("/", 1)[0] + f"/{name}"
    load_bundle(read_seed(), get_engine(url))
    return url


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--participants", type=int, default=300)
    parser.add_argument("--spread", type=float, default=60, help="seconds over which the participants answer")
    parser.add_argument("--replicas", type=int, default=0, help="also through nginx with this many app servers (0: not)")
    args = parser.parse_args(argv)
    admin = os.environ.get("TEST_POSTGRES_URL")
    if not admin:
        print("TEST_POSTGRES_URL is not set: source scripts/test-postgres.sh first", file=sys.stderr)
        return 2
    url = _scratch_database(admin)
    results = {"one_server": one_server(url, args.participants, args.spread)}
    if args.replicas:
        results["nginx"] = through_nginx(url, args.replicas, args.participants, args.spread)
    print(json.dumps(results, indent=1, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
