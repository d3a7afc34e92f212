"""Load runs without browsers (bench/wsclient.py): many sessions changing the overview currency at once.

Each session is what one visitor's tab sends: it opens the overview, follows the data version as the
browser does (ui/watch.py: an HTTP poll of `/_compass/changes`, a rerun only on a change; a timer
fragment under plain `streamlit run app.py`), and clicks through the four currencies. One run
against a single server (`streamlit run serve.py`), one through nginx in front of `make cluster`'s
replicas (scripts/cluster.sh), both on the same PostgreSQL database. Reported: p50/p95 of the
interactions (send until the fragment's run finished and the chart shows the new currency), errors,
and the CPU seconds the app servers used per interaction. Sessions open in batches, like people
arriving; everything goes to 127.0.0.1 and stops after `minutes`.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.browser import _tree, cpu_seconds, serve
from bench.stats import percentile, summary
from bench.wsclient import Session, StreamlitError
from model.db import PROJECT_ROOT

CURRENCIES = ["NOK", "SEK", "DKK", "EUR"]
OPEN_BATCH = 10  # sessions opening at the same moment
FLOOR = "bench/empty_app.py"  # Streamlit's own floor: one currency control and one chart, under the same clicks


async def _open(base: str, errors: list[str], query: str) -> Session | None:
    try:
        return await Session.open(base, "", query)
    except (StreamlitError, OSError) as exc:
        errors.append(f"open: {exc}"[:200])
        return None


async def _visitor(tab: Session, offset: int, rounds: int, deadline: float, errors: list[str], floor: bool) -> list[float]:
    """One session's clicks: seconds until the chart shows the new currency; a failed click is an error, not a sample."""
    order = CURRENCIES[offset % 4 :] + CURRENCIES[: offset % 4]
    latencies = []
    for currency in order * rounds:
        if time.monotonic() > deadline:
            break
        try:
            run = await tab.set_widget("currency", currency)
            tab.find(text=f"Chosen: {currency}") if floor else tab.find("vega_lite_chart", text=f"({currency},")
            latencies.append(run.seconds)
        except (StreamlitError, OSError) as exc:
            errors.append(f"{currency}: {exc}"[:200])
    return latencies


async def currency_load(
    base: str,
    server_pids: list[int],
    sessions: int = 100,
    rounds: int = 1,
    minutes: float = 4.0,
    proxy_pids: tuple[int, ...] = (),
    floor: bool = False,
) -> dict[str, Any]:
    """`sessions` tabs on the overview (`floor`: on Streamlit's one-chart page), then all of them changing the currency
    `rounds` × 4 times at once (0: only open)."""
    deadline = time.monotonic() + minutes * 60
    errors: list[str] = []
    query = "with=chart" if floor else "lang=en"
    first = await _open(base, errors, query)
    tabs = [first] if first else []
    while len(tabs) < sessions - 1 and time.monotonic() < deadline:
        batch = min(OPEN_BATCH, sessions - 1 - len(tabs))
        tabs += [t for t in await asyncio.gather(*(_open(base, errors, query) for _ in range(batch))) if t]
    last = await _open(base, errors, query)  # the hundredth visitor, alone like the first
    tabs += [last] if last else []
    pids, proxy = [p for pid in server_pids for p in _tree(pid)], [p for pid in proxy_pids for p in _tree(pid)]
    cpu_before, proxy_before, client_before, started = cpu_seconds(pids), cpu_seconds(proxy), time.process_time(), time.perf_counter()
    clicks = await asyncio.gather(*(_visitor(tab, i, rounds, deadline, errors, floor) for i, tab in enumerate(tabs)))
    wall, cpu = time.perf_counter() - started, cpu_seconds(pids) - cpu_before
    await asyncio.gather(*(tab.close() for tab in tabs), return_exceptions=True)
    latencies = [x for xs in clicks for x in xs]
    interactions = len(latencies) + sum(1 for e in errors if not e.startswith("open"))
    return {
        "sessions": len(tabs),
        "interactions": interactions,
        "errors": len(errors),
        "error_samples": errors[:5],
        "wall_s": wall,
        **summary(latencies),
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "server_cpu_s": cpu,
        "cpu_s_per_interaction": cpu / interactions if interactions else None,
        "servers": len(server_pids),
        "proxy_cpu_s": cpu_seconds(proxy) - proxy_before if proxy_pids else None,
        "client_cpu_s": time.process_time() - client_before,  # this process: all the sessions' protocol work
        "load_average": os.getloadavg()[0],
        "first_visitor_s": _open_time(first),
        "hundredth_visitor_s": _open_time(last),
    }


def _open_time(tab: Session | None) -> dict[str, float | None]:
    """Seconds from the health check until the first chart arrived and until the page's run finished."""
    if tab is None:
        return {"chart": None, "finished": None}
    return {"chart": tab.seen.get("vega_lite_chart"), "finished": tab.runs[0].seconds if tab.runs else None}


def one_server(database_url: str, sessions: int, rounds: int, minutes: float, script: str = "serve.py") -> dict[str, Any]:
    """`streamlit run serve.py` (warm start; `app.py` for a cold one; `FLOOR`) on a free port, loaded, stopped."""
    with serve(script, database_url, start_timeout=600) as (base, pid):
        return asyncio.run(currency_load(base, [pid], sessions, rounds, minutes, floor=script == FLOOR))


def through_nginx(database_url: str, replicas: int, sessions: int, rounds: int, minutes: float) -> dict[str, Any]:
    """`make cluster`'s script on this database (no PostgreSQL of its own), the load through its nginx, then stopped."""
    with cluster(database_url, replicas) as (base, replica_pids, nginx):
        return asyncio.run(currency_load(base, replica_pids, sessions, rounds, minutes, proxy_pids=nginx))


@contextmanager
def cluster(database_url: str, replicas: int) -> Iterator[tuple[str, list[int], tuple[int, ...]]]:
    """scripts/cluster.sh on a free port and this database; yields (nginx's URL, replica pids, nginx pid); stopped after."""
    directory = Path(tempfile.mkdtemp(prefix="compass-bench-cluster-"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "CLUSTER_DIR": str(directory), "REPLICAS": str(replicas), "PORT": str(port), "CLUSTER_DATABASE_URL": database_url}
    script = [str(PROJECT_ROOT / "scripts" / "cluster.sh")]
    try:
        started = subprocess.run([*script, "start"], cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=900)
        if started.returncode:
            raise RuntimeError(f"scripts/cluster.sh start failed: {(started.stderr or started.stdout)[-300:]}")
        replica_pids = [int(p.read_text().split()[0]) for p in sorted((directory / "pids").glob("replica-*.pid"))]
        nginx = (int((directory / "pids" / "nginx.pid").read_text().split()[0]),)
        yield f"http://127.0.0.1:{port}", replica_pids, nginx
    finally:
        subprocess.run([*script, "stop"], cwd=PROJECT_ROOT, env=env, capture_output=True, timeout=120)
        shutil.rmtree(directory, ignore_errors=True)
