"""Browser timings with Playwright and Debian's Chromium against `streamlit run` on localhost.

Navigation: from `page.goto` until the page's main content (first chart, map canvas or
table) is visible. Interaction: a click on a filter until the chart shows the new choice.
Memory: the server's RSS (with its children) and its growth per extra session.
Concurrency: many sessions interacting at the same moment.
"""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.stats import percentile, ratio, summary
from model.db import PROJECT_ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]  # fmt: skip  (the browser tests launch Chromium with these too: tests/conftest.py)
MAIN = '[data-testid="stMainBlockContainer"]'
CHART = f"{MAIN} .vega-embed svg, {MAIN} .vega-embed canvas"
# What "the page's main content" is: its first chart, map canvas or table (else what the page is for).
# Pages in sections (ui/sections.py) open on their first section: Norway's is its key figures, Denmark's
# the process track; neither has a chart.
CONTENT = {
    "floor-chart": CHART,
    "floor-table": f'{MAIN} [data-testid="stDataFrame"]',
    "floor-map": f'{MAIN} [data-testid="stDeckGlJsonChart"] canvas',
    "overview": CHART,
    "norway": f'{MAIN} [data-testid="stMetric"]',
    "denmark": f'{MAIN} [class*="st-key-stage-"]',
    "map": f'{MAIN} [data-testid="stDeckGlJsonChart"] canvas',
    "sources": f'{MAIN} [data-testid="stExpander"]',
    "brief": f'{MAIN} [data-testid="stDownloadButton"]',
    "admin": f"{MAIN} h1",
    "live": f"{MAIN} h1",
    "empty": f"{MAIN} h1",
}
ANY_CONTENT = ", ".join([CHART, f'{MAIN} [data-testid="stDataFrame"]', f'{MAIN} [data-testid="stTable"]', CONTENT["map"]])
ERRORS = '[data-testid="stException"]'
FLOORS = ("chart", "table", "map")  # the empty page with one of each: what Streamlit needs before any page's first element
CURRENCIES = ["NOK", "SEK", "DKK", "EUR"]
OVERVIEW = ""  # app.py's default page lives at "/": "/overview" would answer "page not found"
TIMEOUT_MS = 60_000  # a page that shows nothing in a minute is recorded as an error, and the suite goes on
# A map's canvas is in the page before deck.gl has drawn into it: "visible" alone timed a map at 3.5 s in one load
# and 7 s in the next (the same page, software WebGL). Three animation frames later the frame that holds deck.gl's
# first drawing has been committed (the compositor waits for the GPU process to finish it), for maps and floors alike.
PAINTED = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => requestAnimationFrame(done))))"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(script: str, database_url: str, start_timeout: float = 60, env: dict[str, str] | None = None) -> Iterator[tuple[str, int]]:
    """`streamlit run script` on a free localhost port; yields (base URL, server pid) once it reports healthy."""
    port = _free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false", **(env or {})}
    cmd = [sys.executable, "-m", "streamlit", "run", script, "--server.port", str(port), "--server.address", "127.0.0.1",
           "--server.headless", "true", "--server.fileWatcherType", "none"]  # fmt: skip
    proc = subprocess.Popen(cmd, cwd=PROJECT_ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout  # serve.py reports healthy only after its warm start
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"streamlit run {script} did not start")
        yield base, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _tree(pid: int) -> list[int]:
    """`pid` and all its descendants."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def rss_mb(pid: int) -> float:
    """Resident memory (VmRSS) of `pid` and all its descendants, in MB."""
    total = 0.0
    for current in _tree(pid):
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) / 1024
        except OSError:
            continue
    return total


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time the processes have used so far, in seconds."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)
    return total / os.sysconf("SC_CLK_TCK")


def chromium_pids() -> list[int]:
    return [int(p.parent.name) for p in Path("/proc").glob("[0-9]*/comm") if _read(p) == "chromium"]


def _read(path: Path) -> str:
    try:
        return path.read_text().strip()
    except OSError:
        return ""


async def _visible(page, selector: str) -> None:
    """Wait for `selector`; an exception box instead ends the wait with that page's error message."""
    await page.locator(f"{selector}, {ERRORS}").first.wait_for(state="visible", timeout=TIMEOUT_MS)
    if await page.locator(ERRORS).count() and not await page.locator(selector).count():
        message = await page.locator(f'{ERRORS} [data-testid="stExceptionMessage"]').first.text_content(timeout=5_000)
        raise RuntimeError(f"the page shows an exception: {message}"[:300])


async def navigate(context, base: str, path: str, selector: str) -> tuple[float, int]:
    """Seconds from goto until the main content (`selector`) is visible and painted, and the number of exception boxes shown."""
    page = await context.new_page()
    try:
        started = time.perf_counter()
        await page.goto(f"{base}/{path}{'&' if '?' in path else '?'}lang=en")
        await _visible(page, selector)
        await page.evaluate(PAINTED)
        elapsed = time.perf_counter() - started
        if await page.get_by_text("Page not found").count():
            raise RuntimeError(f"/{path} answered 'Page not found' (the app's main page was timed instead)")
        return elapsed, await page.locator(ERRORS).count()
    finally:
        await page.close()


async def _choose(page, currency: str, empty: bool) -> float:
    """Click a currency; seconds until the chart (or the empty page's text) shows it."""
    started = time.perf_counter()
    # Both pages key their currency control "currency"; other button groups may sit in hidden (inert) tabs.
    await page.locator(f"{MAIN} .st-key-currency button", has_text=currency).first.click()
    if empty:
        await page.get_by_text(f"Chosen: {currency}").wait_for(timeout=TIMEOUT_MS)
    else:
        script = f"() => [...document.querySelectorAll('{CHART}')].some(s => s.textContent.includes('({currency},'))"
        await page.wait_for_function(script, timeout=TIMEOUT_MS, polling=10)
    return time.perf_counter() - started


async def interactions(context, base: str, empty: bool, rounds: int) -> dict[str, Any]:
    """One session changes the currency: one warm-up round through every currency, then `rounds` rounds timed."""
    page = await context.new_page()
    await page.goto(f"{base}/{'' if empty else OVERVIEW}?lang=en")
    await _visible(page, CONTENT["empty" if empty else "overview"])
    first = [await _choose(page, c, empty) for c in CURRENCIES]  # each currency's first query is a cache miss
    samples = [await _choose(page, c, empty) for _ in range(rounds) for c in CURRENCIES]
    await page.close()
    return {**summary(samples), "p95": percentile(samples, 95), "first_round": summary(first)}


async def _lost_as_none(click: Any) -> float | None:
    """A click not redrawn within the timeout is recorded as lost, so one bad click does not void the whole run."""
    from playwright.async_api import TimeoutError as PlaywrightTimeout

    try:
        return await click
    except PlaywrightTimeout:
        return None


async def _browser(playwright):
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


async def page_times(database_url: str, paths: list[tuple[str, str]], runs: int = 5, rounds: int = 3) -> dict[str, Any]:
    """Navigation time of each page (first load, then `runs` warm loads) and the overview's filter latency, with the empty page."""
    from playwright.async_api import async_playwright

    result: dict[str, Any] = {}
    async with async_playwright() as p:
        browser = await _browser(p)
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        with serve("bench/empty_app.py", database_url) as (base, _pid):
            result["empty"] = await _navigation(context, base, "empty", runs, path="")
            result["empty"]["interaction"] = await interactions(context, base, True, rounds)
            floors = {kind: await _navigation(context, base, f"floor-{kind}", runs, path=f"?with={kind}") for kind in FLOORS}
        with serve("app.py", database_url) as (base, _pid):
            for name, path in paths:  # (page name, URL path): from bench.server.app_pages
                result[name] = await _navigation(context, base, name, runs, path=path)
            result["overview"]["interaction"] = await interactions(context, base, False, rounds)
        await browser.close()
    floor = result["empty"]["warm"]["median"]
    for timing in [*result.values(), *floors.values()]:
        timing["warm"]["ratio"] = ratio(timing["warm"]["median"], floor)
    result["floors"] = floors  # not pages: no budget, context for the pages' ratios
    return result


async def _navigation(context, base: str, name: str, runs: int, path: str | None = None) -> dict[str, Any]:
    """First load (the server's caches are cold for this page) and `runs` warm loads; a page that never shows content is an error."""
    path = name if path is None else path
    selector = CONTENT.get(name, ANY_CONTENT)
    try:
        first, errors = await navigate(context, base, path, selector)
        samples = []
        for _ in range(runs):
            elapsed, errs = await navigate(context, base, path, selector)
            samples.append(elapsed)
            errors = max(errors, errs)
    except Exception as exc:  # a page under construction must not stop the other pages' timings
        return {"first": None, "warm": summary([]), "errors": 0, "error": f"{type(exc).__name__}: {exc}"[:300]}
    return {"first": first, "warm": summary(samples), "errors": errors}


async def load_test(database_url: str, sessions_for_memory: int = 10, concurrent: int = 20, rounds: int = 3) -> dict[str, Any]:
    """Server RSS with the data loaded, its growth per extra session, and p50/p95 latency with many sessions at once."""
    from playwright.async_api import async_playwright

    result: dict[str, Any] = {}
    async with async_playwright() as p:
        browser = await _browser(p)
        context = await browser.new_context(viewport={"width": 1400, "height": 1000})
        with serve("app.py", database_url) as (base, pid):
            result["rss_idle_mb"] = rss_mb(pid)
            warm = await interactions(context, base, False, 1)  # fills the caches every session shares
            first = await context.new_page()
            await first.goto(f"{base}/{OVERVIEW}?lang=en")
            await _visible(first, CHART)
            result["rss_one_session_mb"] = rss_mb(pid)
            pages = [first]
            for _ in range(sessions_for_memory):
                page = await context.new_page()
                await page.goto(f"{base}/{OVERVIEW}?lang=en")
                await _visible(page, CHART)
                pages.append(page)
            await asyncio.sleep(1.0)
            result["rss_sessions_mb"] = rss_mb(pid)
            result["sessions"] = sessions_for_memory
            result["per_session_mb"] = (result["rss_sessions_mb"] - result["rss_one_session_mb"]) / sessions_for_memory
            result["warmup"] = warm
            for _ in range(concurrent - len(pages)):
                page = await context.new_page()
                await page.goto(f"{base}/{OVERVIEW}?lang=en")
                await _visible(page, CHART)
                pages.append(page)
            pages = pages[:concurrent]

            async def user(page, offset: int) -> list[float | None]:
                """One session's clicks: seconds until redrawn, or None for a click whose chart never showed it (lost)."""
                order = CURRENCIES[offset % 4 :] + CURRENCIES[: offset % 4]
                return [await _lost_as_none(_choose(page, c, False)) for _ in range(rounds) for c in order]

            server_pids, browser_pids = _tree(pid), chromium_pids()
            cpu_before = cpu_seconds(server_pids), cpu_seconds(browser_pids)
            started = time.perf_counter()
            outcomes = [x for xs in await asyncio.gather(*(user(pg, i) for i, pg in enumerate(pages))) for x in xs]
            result["cpu_s"] = {"server": cpu_seconds(server_pids) - cpu_before[0], "chromium": cpu_seconds(browser_pids) - cpu_before[1],
                               "cores": os.cpu_count()}  # fmt: skip
            latencies = [x for x in outcomes if x is not None]
            result["concurrency"] = {"sessions": len(pages), "interactions": len(outcomes), "lost": len(outcomes) - len(latencies),
                                     "wall_s": time.perf_counter() - started, "p50": percentile(latencies, 50),
                                     "p95": percentile(latencies, 95), "max": max(latencies, default=None)}  # fmt: skip
            result["rss_peak_mb"] = rss_mb(pid)
        await browser.close()
    return result
