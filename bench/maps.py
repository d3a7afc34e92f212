"""`python -m bench.maps --db sqlite:///copy.db`: the three maps against Streamlit's one-map floor, in Chromium.

Each map target (`bench.floors.targets`) is recorded once (its floor's recording, bench/replay.py), then four
sides are loaded in turn (`bench.floors.alternate`): the page on `serve.py` as `make run` serves it, its own
floor, Streamlit's one-map floor (`bench/empty_app.py?with=map`, one dot) and that same page with the target's
own map in place of the dot (`?with=deck`). The time is `bench.browser.navigate`'s (the map drawn). Issue 19's
budget: the map ≤ 1.3x the one-map floor. A few minutes, for checking one change; `make bench` runs the rest.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import tempfile
from pathlib import Path
from typing import Any

from bench import browser, floors


def record(database_url: str, directory: Path) -> list[floors.Target]:
    """The map targets' recordings at the seed size label, for their floors and their decks alone."""
    maps = [target for target in floors.targets() if target.is_map]
    with floors.recording(database_url, directory):
        for target in maps:
            floors.record(target, "seed", directory)
    return maps


async def compare(database_url: str, runs: int, directory: Path) -> dict[str, dict[str, Any]]:
    """Each map's timings: page / its floor (`ratio`), page / one map (`map_ratio`), its deck / one map (`deck_ratio`)."""
    from playwright.async_api import async_playwright

    maps = record(database_url, directory)
    env = {"BENCH_FLOOR_DIR": str(directory)}
    result: dict[str, dict[str, Any]] = {}
    async with async_playwright() as p:
        chromium = await p.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS)
        context = await chromium.new_context(viewport={"width": 1400, "height": 1000})
        with (
            browser.serve("serve.py", database_url) as (app, _),
            browser.serve("bench/floor_app.py", database_url, env=env) as (floor, _),
            browser.serve("bench/empty_app.py", database_url, env=env) as (empty, _),
        ):
            for target in maps:
                sides = {"page": (app, floors.page_url(target)), "floor": (floor, f"?rec={target.name}&size=seed")}
                sides |= floors.map_sides(empty, target, "seed")
                result[target.name] = await floors.alternate(context, sides, browser.CONTENT["floor-map"], runs)
        await chromium.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="database URL (a seeded copy)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    with tempfile.TemporaryDirectory() as directory:
        results = asyncio.run(compare(args.db, args.runs, Path(directory)))
    for name, timing in results.items():
        if "error" in timing:
            print(f"{name:16} {timing['error']}")
            continue
        medians = {side: timing[side]["warm"]["median"] for side in ("page", "floor", "one_map", "deck")}
        print(f"{name:16} page {medians['page']:5.2f} s, its floor {medians['floor']:5.2f} s ({timing['ratio']:4.2f}x); "
              f"one-map floor {medians['one_map']:5.2f} s, its map alone {medians['deck']:5.2f} s ({timing['deck_ratio']:4.2f}x); "
              f"page / one map {timing['map_ratio']:4.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
