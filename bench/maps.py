"""`python -m bench.maps --db sqlite:///copy.db`: the three maps against Streamlit's one-map floor, in Chromium.

Each map page and the floor (`bench/empty_app.py?with=map`, one dot) are loaded in turn, `--runs` times after one
unmeasured round, on `serve.py` as `make run` serves it; the time is `bench.browser.navigate`'s (the map drawn).
Issue 19's budget: each map ≤ 1.3x the floor. A minute or two, for checking one change; `make bench` runs the rest.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics

from bench import browser

MAPS = {"map": "map", "norway-map": "norway?section=map", "denmark-builder": "denmark?section=builder"}


async def compare(database_url: str, runs: int) -> dict[str, list[float]]:
    from playwright.async_api import async_playwright

    samples: dict[str, list[float]] = {"one_map": [], **{name: [] for name in MAPS}}
    async with async_playwright() as p:
        chromium = await p.chromium.launch(executable_path=browser.CHROMIUM, args=browser.CHROMIUM_ARGS)
        context = await chromium.new_context(viewport={"width": 1400, "height": 1000})
        with browser.serve("serve.py", database_url) as (app, _), browser.serve("bench/empty_app.py", database_url) as (empty, _):
            sides = {"one_map": (empty, "?with=map"), **{name: (app, path) for name, path in MAPS.items()}}
            for round_ in range(runs + 1):
                for name, (base, path) in sides.items():
                    elapsed, _errors = await browser.navigate(context, base, path, browser.CONTENT["floor-map"])
                    if round_:
                        samples[name].append(elapsed)
        await chromium.close()
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", required=True, help="database URL (a seeded copy)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    samples = asyncio.run(compare(args.db, args.runs))
    floor = statistics.median(samples["one_map"])
    for name, values in samples.items():
        median = statistics.median(values)
        print(f"{name:16} median {median:5.2f} s  {median / floor:4.2f}x the one-map floor   {[round(v, 2) for v in values]}")


if __name__ == "__main__":
    main()
