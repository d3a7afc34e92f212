"""Each page against its own floor: the same elements and data replayed by `bench/floor_app.py` (issue 19).

A target is a page as a plain link opens it, or one of its sections (the maps). Recorded once per data
size (bench/recorder.py) after a warm-up run; then page and floor are timed alternately, run by run, so
both ratios come from the same seconds: AppTest script runs (warm, and cold with Streamlit's caches
cleared) and, in Chromium, the time until the main content is visible. In Chromium the pages come from
`serve.py`, as `make run` and the cluster serve them: its warm start fills the caches before it reports
healthy, so a page's first load is what the first visitor of a fresh server sees. A map is also timed
against Streamlit's one-map page (one dot), and that page with the map's own recorded deck in the dot's place.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from bench import browser, recorder, replay, server
from bench.stats import ratio, summary
from model import pages

FLOOR_APP = server.PROJECT_ROOT / "bench" / "floor_app.py"
MAP_SECTIONS = {"norway-map": ("norway", "map"), "denmark-builder": ("denmark", "builder")}  # maps inside a page's sections


@dataclass(frozen=True)
class Target:
    name: str
    script: str
    query: dict[str, str] = field(default_factory=dict)
    content: str = ""  # bench.browser.CONTENT key of its main content
    is_map: bool = False


def targets() -> list[Target]:
    """Every page of the registry as a plain link opens it, then the maps inside sections."""
    found = [Target(p.url_path, p.path, content=p.url_path, is_map=p.url_path == "map") for p in pages.PAGES]
    for name, (page, section) in MAP_SECTIONS.items():
        found.append(Target(name, pages.page(page).path, {"section": section}, content="floor-map", is_map=True))
    return found


def page_url(target: Target) -> str:
    page = MAP_SECTIONS.get(target.name, (target.name,))[0]
    path = pages.browser_path(pages.page(page))
    return path + ("?" + "&".join(f"{k}={v}" for k, v in target.query.items()) if target.query else "")


def _page_app(target: Target) -> AppTest:
    at = AppTest.from_file(str(server.APP), default_timeout=server.TIMEOUT)
    at.switch_page(target.script)
    at.query_params.update({"lang": "en", **target.query})
    return at


def _floor_app(target: Target, size: str) -> AppTest:
    at = AppTest.from_file(str(FLOOR_APP), default_timeout=server.TIMEOUT)
    at.query_params.update({"rec": target.name, "size": size})
    return at


def record(target: Target, size: str, directory: Path) -> replay.Recording:
    """Run the page once (routing, caches), record its next run, pickle it for the floor."""
    at = _page_app(target)
    at.run()
    with recorder.recording(target.name) as recorded:
        at.run()
    if at.exception:
        raise RuntimeError(f"{target.name} raised while recorded: {at.exception[0].value}"[:300])
    file = replay.path(target.name, size, directory)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_bytes(recorder.dumps(recorded))
    return recorded


@contextmanager
def recording(database_url: str, directory: Path) -> Iterator[None]:
    """Where pages are recorded and their floors replayed: AppTest on `database_url` through app.py, one bytecode."""
    os.environ["BENCH_FLOOR_DIR"] = str(directory)
    with server.on_database(database_url), server._shared_bytecode(), server.through_app():
        yield


def paired(page: Callable[[], Any], floor: Callable[[], Any], runs: int, slow: float, before: Callable[[], Any] | None = None) -> dict:
    """Page and floor timed alternately (one warm-up each); a page slower than `slow` at warm-up gets one sample."""
    samples: dict[str, list[float]] = {"page": [], "floor": []}
    for i in range(runs + 1):
        for name, action in (("page", page), ("floor", floor)):
            if before:
                before()
            started = time.perf_counter()
            action()
            if i:
                samples[name].append(time.perf_counter() - started)
            elif name == "page" and time.perf_counter() - started > slow:
                runs = 1
        if i >= runs:
            break
    page_s, floor_s = summary(samples["page"]), summary(samples["floor"])
    return {"page": page_s, "floor": floor_s, "ratio": ratio(page_s["median"], floor_s["median"])}


def server_floors(
    database_url: str, size: str, directory: Path, runs: int = 5, slow: float = 5.0, only: list[Target] | None = None
) -> dict[str, Any]:
    """Record every target (or `only` these) at this size, then its AppTest times against its floor's: cold and warm."""
    result: dict[str, Any] = {}
    with recording(database_url, directory):
        for target in targets() if only is None else only:
            try:
                recorded = record(target, size, directory)
                at_page, at_floor = _page_app(target), _floor_app(target, size)
                cold = paired(at_page.run, at_floor.run, runs, slow, before=server.clear_caches)
                warm = paired(at_page.run, at_floor.run, runs, slow)
                errors = [str(e.value)[:200] for e in [*at_page.exception, *at_floor.exception]]
            except Exception as exc:  # one page under construction must not hide the others
                result[target.name] = {"error": f"{type(exc).__name__}: {exc}"[:300]}
                continue
            result[target.name] = {"cold": cold, "warm": warm, "errors": errors, **_counts(recorded)}
    return result


def _counts(recorded: replay.Recording) -> dict[str, Any]:
    kinds: dict[str, int] = {}
    for call in recorded.calls:
        kinds[call.method] = kinds.get(call.method, 0) + 1
    return {"elements": len(recorded.calls), "kinds": kinds, "stand_ins": recorded.stand_ins}


async def browser_floors(database_url: str, size: str, directory: Path, runs: int = 5) -> dict[str, Any]:
    """In Chromium: each target's page and its floor loaded alternately; the maps also against the one-map page."""
    from playwright.async_api import async_playwright

    result: dict[str, Any] = {}
    env = {"BENCH_FLOOR_DIR": str(directory)}
    async with async_playwright() as p:
        chromium = await p.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS)
        context = await chromium.new_context(viewport={"width": 1400, "height": 1000})
        with (
            browser.serve("serve.py", database_url, start_timeout=600) as (app, _),  # as `make run` serves it: warm start
            browser.serve("bench/floor_app.py", database_url, env=env) as (floor, _),
            browser.serve("bench/empty_app.py", database_url, env=env) as (empty, _),
        ):
            for target in targets():
                if not replay.path(target.name, size, directory).exists():
                    continue  # its recording failed: the server step says why
                sides = {"page": (app, page_url(target)), "floor": (floor, f"?rec={target.name}&size={size}")}
                if target.is_map:
                    sides |= map_sides(empty, target, size)
                started = time.perf_counter()
                timing = await alternate(context, sides, browser.CONTENT.get(target.content, browser.ANY_CONTENT), runs)
                result[target.name] = timing
                print(f"[bench]   {target.name}: {time.perf_counter() - started:.0f} s, page/floor {timing.get('ratio') or 0:.2f}×, "
                      f"{timing.get('error', '')}", flush=True)  # fmt: skip
        await chromium.close()
    return result


MAP_SIDES = ("one_map", "deck")  # `map_sides`' keys: sides on the one-map page, timed until their map is drawn


def map_sides(empty: str, target: Target, size: str) -> dict[str, tuple[str, str]]:
    """Streamlit's one-map floor (one dot), and the same page with the target's own recorded map in its place,
    as wide as the app draws it (the wide layout: 1.13-1.19x the floor, centred 1.13-1.16x, in the same minutes)."""
    deck = f"?with=deck&rec={target.name}&size={size}&layout=wide"
    return {"one_map": (empty, "?with=map"), "deck": (empty, deck)}


async def alternate(context: Any, sides: dict[str, tuple[str, str]], selector: str, runs: int) -> dict[str, Any]:
    """First load (cold caches for that page) and `runs` warm loads of each side, in turn."""
    first: dict[str, float] = {}
    samples: dict[str, list[float]] = {name: [] for name in sides}
    try:
        for i in range(runs + 1):
            for name, (base, path) in sides.items():
                selected = browser.CONTENT["floor-map"] if name in MAP_SIDES else selector
                elapsed, _errors = await browser.navigate(context, base, path, selected)
                if i:
                    samples[name].append(elapsed)
                else:
                    first[name] = elapsed
    except Exception as exc:  # a page under construction must not stop the other pages' timings
        return {"error": f"{type(exc).__name__}: {exc}"[:300]}
    out: dict[str, Any] = {name: {"first": first.get(name), "warm": summary(s)} for name, s in samples.items()}
    out["ratio"] = ratio(out["page"]["warm"]["median"], out["floor"]["warm"]["median"])
    out["first_ratio"] = ratio(first.get("page"), first.get("floor"))
    if "one_map" in out:
        out["map_ratio"] = ratio(out["page"]["warm"]["median"], out["one_map"]["warm"]["median"])
    if "deck" in out:  # the map alone: what its geometry costs over one dot
        out["deck_ratio"] = ratio(out["deck"]["warm"]["median"], out["one_map"]["warm"]["median"])
    return out


def run_browser(database_url: str, size: str, directory: Path, runs: int = 5) -> dict[str, Any]:
    return asyncio.run(browser_floors(database_url, size, directory, runs))


def main() -> None:
    """`python -m bench.floors --db sqlite:///copy.db --pages norway,map`: the server step for a few pages, printed.

    For checking one change in a minute on an existing database (the full step is `python -m bench --floors-only`).
    """
    import argparse
    import logging
    import tempfile

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("--db", required=True, help="database URL (a copy: nothing is written, but be safe)")
    parser.add_argument("--size", default="seed", help="the recordings' size label")
    parser.add_argument("--pages", default="", help="comma-separated target names (default: all)")
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    wanted = {name for name in args.pages.split(",") if name}
    chosen = [target for target in targets() if not wanted or target.name in wanted]
    with tempfile.TemporaryDirectory() as directory:
        result = server_floors(args.db, args.size, Path(directory), args.runs, only=chosen)
    for name, value in result.items():
        if "error" in value:
            print(f"{name:16} {value['error']}")
            continue
        warm, cold = value["warm"], value["cold"]
        print(f"{name:16} warm {warm['page']['median'] * 1e3:6.1f} / {warm['floor']['median'] * 1e3:5.1f} ms = {warm['ratio']:.2f}×"
              f"   cold {cold['page']['median'] * 1e3:6.1f} / {cold['floor']['median'] * 1e3:5.1f} ms = {cold['ratio']:.2f}×"
              f"   {value['elements']} calls")  # fmt: skip


if __name__ == "__main__":
    main()
