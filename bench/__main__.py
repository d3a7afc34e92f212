"""`python -m bench` (`make bench`): build the datasets, measure, print PASS/FAIL, write bench/results.json and results.md.

Steps per size (seed, 1e3, 1e5, 1e6 synthetic facts): build the SQLite database (and the
PostgreSQL one when TEST_POSTGRES_URL is set), time every model query on both, time every
page with AppTest. Then, at the seed and the largest size, Chromium against `streamlit run`;
at the largest size, memory and 20 concurrent sessions. One failing step is recorded and
the suite goes on, so a page under construction cannot hide every other number.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import platform
import subprocess
import sys
import time
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import datasets, report
from model.db import PROJECT_ROOT, get_engine

OUT_DIR = PROJECT_ROOT / "bench"


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="seed,1e3,1e5,1e6", help="comma-separated, from: " + ", ".join(datasets.SIZES))
    parser.add_argument("--runs", type=int, default=5, help="timed runs after one warm-up (default 5)")
    parser.add_argument("--slow", type=float, default=5.0, help="a page whose warm-up is slower than this (s) gets no more runs")
    parser.add_argument("--query-slow", type=float, default=1.0, help="the same cap for a single query (s)")
    parser.add_argument("--minutes", type=float, default=29.0, help="skip the remaining browser steps when this much time has passed")
    parser.add_argument("--browser-sizes", default=None, help="sizes to open in Chromium (default: seed and the largest)")
    parser.add_argument("--no-browser", action="store_true", help="skip Chromium, memory and concurrency")
    parser.add_argument("--sessions", type=int, default=10, help="extra sessions for the memory growth (default 10)")
    parser.add_argument("--concurrent", type=int, default=20, help="sessions interacting at once (default 20)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds through the four currencies per session")
    parser.add_argument("--load-sessions", type=int, default=100, help="browser-less sessions in the load runs (default 100)")
    parser.add_argument("--load-rounds", type=int, default=1, help="rounds through the four currencies per load session")
    parser.add_argument("--load-replicas", type=int, default=3, help="app servers behind nginx in the cluster load run")
    parser.add_argument("--load-minutes", type=float, default=4.0, help="cap on each load run's opening and clicking")
    parser.add_argument("--no-load", action="store_true", help="skip the browser-less load runs")
    parser.add_argument("--room-participants", type=int, default=300, help="phones joining /live and answering within a minute")
    parser.add_argument("--load-only", action="store_true",
                        help="build the largest size on PostgreSQL, run only the load runs, merge them into results.json")  # fmt: skip
    parser.add_argument("--floors-only", action="store_true",
                        help="only each page against its own floor (SQLite sizes built), merged into results.json")  # fmt: skip
    parser.add_argument("--no-floors", action="store_true", help="skip the pages against their own floors")
    parser.add_argument("--postgres-url", default=os.environ.get("TEST_POSTGRES_URL"), help="admin URL (default TEST_POSTGRES_URL)")
    parser.add_argument("--data-dir", type=Path, default=datasets.DATA_DIR, help="where the benchmark SQLite files go")
    parser.add_argument("--out", type=Path, default=OUT_DIR, help="directory for results.json and results.md")
    args = parser.parse_args(argv)
    args.sizes = [s for s in args.sizes.split(",") if s]
    unknown = [s for s in args.sizes if s not in datasets.SIZES]
    if unknown:
        parser.error(f"unknown size(s) {unknown}; choose from {list(datasets.SIZES)}")
    largest = max(args.sizes, key=datasets.SIZES.__getitem__)
    args.largest = largest
    args.browser_sizes = [s for s in (args.browser_sizes or f"seed,{largest}").split(",") if s in args.sizes]
    args.browser_sizes = list(dict.fromkeys(args.browser_sizes))
    return args


def step(results: dict[str, Any], label: str, action: Callable[[], Any]) -> Any:
    """Run one measurement, print how long it took; an exception is recorded instead of ending the suite."""
    print(f"[bench] {label} …", flush=True)
    started = time.perf_counter()
    try:
        value = action()
    except Exception as exc:  # recorded in the results and printed, never swallowed silently
        traceback.print_exc()
        value = {"error": f"{type(exc).__name__}: {exc}"[:300]}
    print(f"[bench] {label}: {time.perf_counter() - started:.1f} s", flush=True)
    results.setdefault("step_seconds", {})[label] = round(time.perf_counter() - started, 2)
    return value


def run(args: argparse.Namespace) -> dict[str, Any]:
    from bench import queries, server

    logging.getLogger("streamlit").setLevel(logging.ERROR)  # AppTest's "missing ScriptRunContext" lines drown the progress
    started = time.perf_counter()
    results: dict[str, Any] = {"meta": _meta(args), "datasets": {}, "server": {}, "queries": {"sqlite": {}}}
    pg_note = (
        None if args.postgres_url else "PostgreSQL not available (TEST_POSTGRES_URL unset): the PostgreSQL query timings were skipped."
    )
    if pg_note:
        print(f"[bench] {pg_note}", flush=True)
        results["queries"]["postgresql"] = {"skipped": pg_note}
    else:
        results["queries"]["postgresql"] = {}
    urls: dict[str, str] = {}
    pg_urls: dict[str, str] = {}
    args.data_dir.mkdir(parents=True, exist_ok=True)
    for size in args.sizes:
        info: dict[str, Any] = {"facts": datasets.SIZES[size]}
        built = step(results, f"{size}: build SQLite", lambda size=size: datasets.build_sqlite(size, args.data_dir))
        if isinstance(built, dict):
            results["datasets"][size] = {**info, **built}
            continue
        urls[size], info["sqlite_build_s"] = built
        results["queries"]["sqlite"][size] = step(
            results, f"{size}: queries on SQLite", lambda u=urls[size]: queries.query_times(u, args.runs, args.slow)
        )
        if not pg_note:
            pg = step(results, f"{size}: build PostgreSQL", lambda size=size: datasets.build_postgres(args.postgres_url, size))
            if isinstance(pg, dict):
                results["queries"]["postgresql"][size] = pg
            else:
                pg_url, info["postgresql_build_s"] = pg
                pg_urls[size] = pg_url
                results["queries"]["postgresql"][size] = step(
                    results, f"{size}: queries on PostgreSQL", lambda u=pg_url: queries.query_times(u, args.runs, args.query_slow)
                )
                get_engine(pg_url).dispose()
        results["datasets"][size] = info
        results["server"][size] = step(
            results, f"{size}: pages with AppTest", lambda u=urls[size]: server.server_times(u, args.runs, args.slow)
        )
        if not args.no_floors:
            _server_floors(results, args, size, urls[size])
        _save(results, args, started)  # a cut-off run still leaves what it measured
    if not args.no_browser:
        _browser(results, args, urls, started)
    if not args.no_load:
        results["loadgen"] = _load(results, args, pg_urls.get(args.largest))
    results["budgets"] = report.budgets(results)
    _save(results, args, started)
    return results


def _browser(results: dict[str, Any], args: argparse.Namespace, urls: dict[str, str], started: float) -> None:
    """The largest size first (the budgets are about it), then memory and concurrency, then the smaller sizes while time is left."""
    from bench import browser, server

    paths = server.browser_paths()
    if not args.no_floors:  # each page's load is timed against its own floor; the empty-page pass keeps the overview's clicks
        paths = [(name, path) for name, path in paths if name == "overview"]
    results["browser"] = {}
    order = sorted((s for s in args.browser_sizes if s in urls), key=datasets.SIZES.__getitem__, reverse=True)
    steps: list[tuple[str, Callable[[], Any]]] = []
    for size in order[:1]:
        steps.append((size, lambda u=urls[size]: asyncio.run(browser.page_times(u, paths, args.runs, args.rounds))))
    if args.largest in urls:
        steps.append(("load", lambda: asyncio.run(browser.load_test(urls[args.largest], args.sessions, args.concurrent, args.rounds))))
    for size in order[1:]:
        steps.append((size, lambda u=urls[size]: asyncio.run(browser.page_times(u, paths, args.runs, args.rounds))))
    for name, action in steps:
        if name != "load" and not args.no_floors:
            _browser_floors(results, args, name, urls[name], started)
        label = f"{args.largest}: memory and {args.concurrent} concurrent sessions" if name == "load" else f"{name}: pages in Chromium"
        if time.perf_counter() - started > args.minutes * 60:
            value: Any = {"error": f"skipped: the suite had used its {args.minutes:g} minutes"}
            print(f"[bench] {label}: {value['error']}", flush=True)
        else:
            value = step(results, label, action)
        if name == "load":
            results["load"] = {"size": args.largest, **value}
        else:
            results["browser"][name] = value
        _save(results, args, started)


def _floor_dir(args: argparse.Namespace) -> Path:
    return args.data_dir / "floors"


def _server_floors(results: dict[str, Any], args: argparse.Namespace, size: str, url: str) -> None:
    """Three times the runs: a script run is milliseconds, and n=5 medians of them swung 2x on the shared cores."""
    from bench import floors

    label = f"{size}: pages against their own floors (AppTest)"
    value = step(results, label, lambda: floors.server_floors(url, size, _floor_dir(args), 3 * args.runs, args.slow))
    results.setdefault("floors", {}).setdefault("server", {})[size] = value


def _browser_floors(results: dict[str, Any], args: argparse.Namespace, size: str, url: str, started: float) -> None:
    from bench import floors

    label = f"{size}: pages against their own floors (Chromium)"
    if time.perf_counter() - started > args.minutes * 60:
        value: Any = {"error": f"skipped: the suite had used its {args.minutes:g} minutes"}
        print(f"[bench] {label}: {value['error']}", flush=True)
    else:
        value = step(results, label, lambda: floors.run_browser(url, size, _floor_dir(args), args.runs))
    results.setdefault("floors", {}).setdefault("browser", {})[size] = value


def _floors_only(args: argparse.Namespace) -> dict[str, Any]:
    """Build the SQLite sizes, measure every page against its floor, merge into the last full run's results."""
    path = args.out / "results.json"
    results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"meta": _meta(args)}
    results["meta"]["floors"] = {k: v for k, v in _meta(args).items() if k in ("started", "commit", "load_average_at_start")}
    results["floors"] = {}
    started = time.perf_counter()
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    for size in args.sizes:
        built = step(results, f"{size}: build SQLite", lambda size=size: datasets.build_sqlite(size, args.data_dir))
        if isinstance(built, tuple):
            _server_floors(results, args, size, built[0])
            if size in args.browser_sizes and not args.no_browser:
                _browser_floors(results, args, size, built[0], started)
        _save(results, args, time.perf_counter() - results["meta"].get("wall_s", 0))
    results["meta"]["floors"]["wall_s"] = time.perf_counter() - started
    results["meta"]["floors"]["load_average_at_end"] = os.getloadavg()[0]
    results["budgets"] = report.budgets(results)
    _save(results, args, time.perf_counter() - results["meta"].get("wall_s", 0))
    return results


def _load(results: dict[str, Any], args: argparse.Namespace, pg_url: str | None) -> dict[str, Any]:
    """Browser-less load (bench/load.py) on the largest PostgreSQL database: a cold server's first and hundredth
    visitor, then `--load-sessions` changing the currency on one warm server and through nginx."""
    from bench import live_load, load

    if pg_url is None:
        return {"skipped": "no PostgreSQL database of the largest size (TEST_POSTGRES_URL unset or its build failed)"}
    n, rounds, minutes = args.load_sessions, args.load_rounds, args.load_minutes
    runs: dict[str, Any] = {"size": args.largest, "sessions": n, "replicas": args.load_replicas}
    cold = f"{args.largest}: {n} visitors on a cold server (app.py, no warm start)"
    runs["cold_server"] = step(results, cold, lambda: load.one_server(pg_url, n, 0, minutes, "app.py"))
    runs["one_server"] = step(results, f"{args.largest}: {n} sessions on one server", lambda: load.one_server(pg_url, n, rounds, minutes))
    floor = f"{n} sessions on Streamlit's one-chart floor ({load.FLOOR}), one server"
    runs["floor_one_server"] = step(results, floor, lambda: load.one_server(pg_url, n, rounds, minutes, load.FLOOR))
    runs["nginx"] = step(
        results,
        f"{args.largest}: {n} sessions through nginx, {args.load_replicas} replicas",
        lambda: load.through_nginx(pg_url, args.load_replicas, n, rounds, minutes),
    )
    room = f"{args.largest}: {args.room_participants} phones answering in the summit room"
    runs["summit_room"] = step(results, f"{room}, one server", lambda: live_load.one_server(pg_url, args.room_participants))
    runs["summit_room_nginx"] = step(
        results,
        f"{room}, {args.load_replicas} replicas",
        lambda: live_load.through_nginx(pg_url, args.load_replicas, args.room_participants),
    )
    get_engine(pg_url).dispose()
    return runs


def _load_only(args: argparse.Namespace) -> dict[str, Any]:
    """Build the largest size on PostgreSQL, run the load runs, and merge them into the last full run's results."""
    path = args.out / "results.json"
    results = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"meta": _meta(args)}
    results["meta"]["loadgen_commit"] = _meta(args)["commit"]
    if not args.postgres_url:
        results["loadgen"] = {"skipped": "TEST_POSTGRES_URL unset"}
    else:
        built = step(results, f"{args.largest}: build PostgreSQL", lambda: datasets.build_postgres(args.postgres_url, args.largest))
        results["loadgen"] = _load(results, args, None if isinstance(built, dict) else built[0])
    results["budgets"] = report.budgets(results)
    _save(results, args, time.perf_counter() - results["meta"].get("wall_s", 0))  # keeps the full run's wall time
    return results


def _meta(args: argparse.Namespace) -> dict[str, Any]:
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_ROOT, capture_output=True, text=True).stdout.strip()
        dirty = bool(subprocess.run(["git", "status", "--porcelain"], cwd=PROJECT_ROOT, capture_output=True, text=True).stdout.strip())
    except OSError:
        commit, dirty = "?", False
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    return {
        "started": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit + ("+uncommitted changes" if dirty else ""),
        "cpus": os.cpu_count(),
        "platform": f"{platform.system()} {platform.machine()}, Python {platform.python_version()}",
        "load_average_at_start": load,
        "runs": args.runs,
        "sizes": args.sizes,
        "slow_cap_s": args.slow,
    }


def _save(results: dict[str, Any], args: argparse.Namespace, started: float) -> None:
    results["meta"]["wall_s"] = time.perf_counter() - started
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    (args.out / "results.md").write_text(report.markdown(results), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    results = _load_only(args) if args.load_only else _floors_only(args) if args.floors_only else run(args)
    print()
    for check in results["budgets"]:
        print(f"{check['verdict']:4}  {check['budget']} · {check['subject']} ({check['size']}): {report._value(check)}")
    verdicts = [c["verdict"] for c in results["budgets"]]
    print(f"\n{verdicts.count('PASS')} PASS, {verdicts.count('FAIL')} FAIL; wrote {args.out / 'results.json'} and results.md "
          f"in {results['meta']['wall_s'] / 60:.1f} min")  # fmt: skip
    return 0  # budgets are reported, not enforced: a FAIL is a finding, not a broken build


if __name__ == "__main__":
    sys.exit(main())
