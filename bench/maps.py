"""`python -m bench.maps --db sqlite:///copy.db`: the three maps against Streamlit's one-map floor, in Chromium.

Each map (the floors' map targets, `bench.floors.targets`) and the floor (`bench/empty_app.py?with=map`, one dot)
are loaded in turn (`bench.floors.alternate`), on `serve.py` as `make run` serves it; the time is
`bench.browser.navigate`'s (the map drawn). Issue 19's budget: each map ≤ 1.3x the floor. A few minutes, for
checking one change; `make bench` runs the rest.
"""

from __future__ import annotations

import argparse
import asyncio
from typing import Any

from bench import browser, floors


async def compare(database_url: str, runs: int) -> dict[str, dict[str, Any]]:
    """Each map's timings beside the one-map floor's, alternated (`ratio`: map / floor, warm medians)."""
    from playwright.async_api import async_playwright

    result: dict[str, dict[str, Any]] = {}
    async with async_playwright() as p:
        chromium = await p.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS)
        context = await chromium.new_context(viewport={"width": 1400, "height": 1000})
        with browser.serve("serve.py", database_url) as (app, _), browser.serve("bench/empty_app.py", database_url) as (empty, _):
            for target in (t for t in floors.targets() if t.is_map):
                sides = {"page": (app, floors.page_url(target)), "floor": (empty, "?with=map")}
                result[target.name] = await floors.alternate(context, sides, browser.CONTENT["floor-map"], runs)
        await chromium.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="database URL (a seeded copy)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    for name, timing in asyncio.run(compare(args.db, args.runs)).items():
        if "error" in timing:
            print(f"{name:16} {timing['error']}")
            continue
        page, floor = timing["page"]["warm"]["median"], timing["floor"]["warm"]["median"]
        print(f"{name:16} median {page:5.2f} s, one-map floor {floor:5.2f} s: {timing['ratio']:4.2f}x")


if __name__ == "__main__":
    main()
