"""Budgets (PASS/FAIL) and the Markdown table of `make bench`'s results."""

from __future__ import annotations

import os
from typing import Any

# (name, limit, unit): what the issue asks of the dashboard. Not unit-test assertions: the benchmark reports them.
FLOOR_WARM = ("Warm rerun ≤ 1.25× the page's own floor", 1.25, "×")
FLOOR_COLD = ("Cold-cache run ≤ 1.25× the page's own floor", 1.25, "×")
FLOOR_VISIBLE = ("Browser: main content visible ≤ 1.25× the page's own floor", 1.25, "×")
FLOOR_FIRST = ("Browser: first load on a fresh server after its warm start (1 sample) ≤ 1.25× the page's own floor", 1.25, "×")
ONE_MAP = ("Browser: the map (its deck on the one-map page) drawn ≤ 1.3× Streamlit's one-map floor", 1.3, "×")
COLD_LARGE = ("Cold first render ≤ 1.5 s at 1e6 facts", 1.5, "s")
FILTER_ONE = ("Browser: filter change redrawn, p95, 1 session ≤ 300 ms", 0.3, "s")
FILTER_MANY = ("Browser: filter change redrawn, p95, 20 sessions ≤ 1 s", 1.0, "s")
RSS = ("Memory: server RSS at 1e6 facts ≤ 600 MB", 600.0, "MB")
PER_SESSION = ("Memory: growth per extra session ≤ 15 MB", 15.0, "MB")
LOAD_ONE = ("Load: 100 sessions changing the currency, p95 on one server ≤ 1 s", 1.0, "s")
LOAD_NGINX = ("Load: errors through nginx with 3 replicas = 0", 0.0, "errors")
WARM_FIRST = ("Warm start: the first visitor's page ≤ 1.25× the hundredth's", 1.25, "×")
ROOM_P95 = ("Summit room: 300 phones answering, p95 from a tap to the big screen's count ≤ 3 s", 3.0, "s")
LARGE = "1e6"


def _check(budget: tuple[str, float, str], subject: str, value: float | None, size: str, note: str = "") -> dict[str, Any]:
    name, limit, unit = budget
    verdict = "n/a" if value is None else "PASS" if value <= limit else "FAIL"
    return {
        "budget": name,
        "subject": subject,
        "size": size,
        "value": value,
        "limit": limit,
        "unit": unit,
        "verdict": verdict,
        "note": note,
    }


def budgets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Every budget, per page where it is per page, against the measured medians (p95 where the budget says so)."""
    checks: list[dict[str, Any]] = []
    server = results.get("server", {})
    checks += _floor_budgets(results.get("floors", {}))
    for page, timing in _pages(server.get(LARGE, {})):
        checks.append(_failed_page(_check(COLD_LARGE, page, timing["cold"].get("median"), LARGE, _capped(timing["cold"])), timing))
    for size, pages in results.get("browser", {}).items():
        if "error" in pages:
            continue
        interaction = pages.get("overview", {}).get("interaction")
        if interaction:
            checks.append(_check(FILTER_ONE, "overview currency", interaction.get("p95"), size))
    load = results.get("load", {})
    if load and "error" not in load:
        size = load.get("size", LARGE)
        concurrency = load.get("concurrency", {})
        lost = concurrency.get("lost", 0)
        p95 = concurrency.get("p95")
        note = f"{lost} of {concurrency.get('interactions')} clicks never redrawn" if lost else ""
        check = _check(FILTER_MANY, "overview currency", p95, size, note)
        if lost and check["verdict"] == "PASS":
            check["verdict"] = "FAIL"  # a lost click is worse than a slow one
        checks.append(check)
        checks.append(
            _check(RSS, "app server", load.get("rss_one_session_mb"), size, f"peak with 20 sessions {load.get('rss_peak_mb', 0):.0f} MB")
        )
        checks.append(_check(PER_SESSION, "app server", load.get("per_session_mb"), size))
    return checks + _load_budgets(results.get("loadgen", {}))


def _floor_budgets(floors: dict[str, Any]) -> list[dict[str, Any]]:
    """Each page against its own floor (bench/floors.py): server warm and cold, Chromium warm and first; maps against one map."""
    checks: list[dict[str, Any]] = []
    for size, pages in floors.get("server", {}).items():
        for page, timing in pages.items():
            if "error" in timing:
                checks.append({**_check(FLOOR_WARM, page, None, size, timing["error"][:160]), "verdict": "FAIL"})
                continue
            for budget, key in ((FLOOR_WARM, "warm"), (FLOOR_COLD, "cold")):
                checks.append(_failed_page(_check(budget, page, timing[key]["ratio"], size, _elements(timing)), timing))
    for size, pages in floors.get("browser", {}).items():
        for page, timing in pages.items():
            if "error" in timing:
                checks.append({**_check(FLOOR_VISIBLE, page, None, size, timing["error"][:160]), "verdict": "FAIL"})
                continue
            checks.append(_check(FLOOR_VISIBLE, page, timing["ratio"], size))
            checks.append(_check(FLOOR_FIRST, page, timing["first_ratio"], size))
            if "deck_ratio" in timing:  # the whole page against one map is in the table: it is the page's other elements
                checks.append(_check(ONE_MAP, page, timing["deck_ratio"], size, f"whole page {_times(timing.get('map_ratio'))} one map"))
    return checks


def _elements(timing: dict[str, Any]) -> str:
    return f"{timing.get('elements', 0)} element calls"


def _load_budgets(runs: dict[str, Any]) -> list[dict[str, Any]]:
    """The browser-less load runs (bench/load.py): latency on one server, errors through nginx, the warm start."""
    checks: list[dict[str, Any]] = []
    size, one, nginx = runs.get("size", LARGE), runs.get("one_server", {}), runs.get("nginx", {})
    floor = runs.get("floor_one_server", {})
    if one and "error" not in one:
        notes = [f"{one['errors']} errors of {one['interactions']} interactions"] if one.get("errors") else []
        if floor.get("p95") and one.get("p95"):  # the same clicks on Streamlit's one-control, one-chart page
            notes.append(f"Streamlit's one-chart floor p95 {floor['p95']:.2f} s: {one['p95'] / floor['p95']:.2f}× it")
        check = _check(LOAD_ONE, "overview currency, one server", one.get("p95"), size, "; ".join(notes))
        checks.append({**check, "verdict": "FAIL"} if one.get("errors") else check)
    if nginx and "error" not in nginx:
        checks.append(_check(LOAD_NGINX, f"overview currency, nginx + {nginx.get('servers')} replicas", nginx.get("errors"), size,
                             f"p95 {(nginx.get('p95') or 0) * 1000:.0f} ms"))  # fmt: skip
    if one and "error" not in one:
        first, hundredth = one["first_visitor_s"]["finished"], one["hundredth_visitor_s"]["finished"]
        checks.append(_check(WARM_FIRST, "overview, serve.py", first / hundredth if first and hundredth else None, size,
                             f"first {first:.2f} s, hundredth {hundredth:.2f} s" if first and hundredth else ""))  # fmt: skip
    for key in ("summit_room", "summit_room_nginx"):
        room = runs.get(key, {})
        if room and "error" not in room:
            note = f"{room['errors']} errors, {room['lost']} lost of {room['answers_sent']}, {room['servers']} server(s)"
            check = _check(ROOM_P95, f"/live, {room['servers']} server(s)", room.get("submit_to_screen_p95_s"), size, note)
            checks.append({**check, "verdict": "FAIL"} if room["errors"] or room["lost"] else check)
    return checks


def _failed_page(check: dict[str, Any], timing: dict[str, Any]) -> dict[str, Any]:
    """A page that showed an exception was fast at failing, not fast: it fails its budget, with the message."""
    if timing.get("errors"):
        check.update(verdict="FAIL", note=f"the page raised: {timing['errors'][0]}"[:160])
    return check


def _pages(timings: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(page, timing) for page, timing in timings.items() if page != "empty" and isinstance(timing, dict) and "warm" in timing]


def _capped(timing: dict[str, Any]) -> str:
    return "1 sample: the warm-up exceeded the cap, not repeated" if timing.get("capped") and timing.get("n") == 1 else ""


# --- Markdown ---------------------------------------------------------------------------------


def ms(summary: dict[str, Any] | None) -> str:
    """`median (min–max)` in ms, or s above 10 s."""
    if not summary or summary.get("median") is None:
        return "—"
    med, low, high = summary["median"], summary["min"], summary["max"]
    if high >= 10:
        return f"{med:.1f} s ({low:.1f}–{high:.1f}) n={summary['n']}"
    return f"{med * 1000:.0f} ms ({low * 1000:.0f}–{high * 1000:.0f}) n={summary['n']}"


def _ratio(summary: dict[str, Any]) -> str:
    return "—" if summary.get("ratio") is None else f"{summary['ratio']:.1f}×"


def _value(check: dict[str, Any]) -> str:
    value = check["value"]
    if value is None:
        return "—"
    if check["unit"] == "s":
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    if check["unit"] == "errors":
        return f"{value:.0f}"
    return f"{value:.1f} {check['unit']}" if check["unit"] == "MB" else f"{value:.1f}×"


def markdown(results: dict[str, Any]) -> str:
    meta = results.get("meta", {})
    lines = [
        "# Benchmark results",
        "",
        f"Run {meta.get('started', '?')} on {meta.get('cpus', '?')} cores ({meta.get('platform', '')}), commit {meta.get('commit', '?')}, "
        f"{meta.get('runs', '?')} timed runs after one warm-up; medians with min–max. Wall time {meta.get('wall_s', 0) / 60:.1f} min.",
        "Other processes shared the machine, so absolute numbers are noisy; ratios to a floor are measured in the same minutes."
        + (f" Load average at the start {meta['load_average_at_start']:.1f}." if meta.get("load_average_at_start") is not None else ""),
        "",
        "## Budgets",
        "",
        "| budget | page / subject | size | measured | limit | verdict | note |",
        "|---|---|---|---|---|---|---|",
    ]
    for c in results.get("budgets", []):
        limit = f"{c['limit']:g} {c['unit']}"
        lines.append(f"| {c['budget']} | {c['subject']} | {c['size']} | {_value(c)} | {limit} | **{c['verdict']}** | {c['note']} |")
    verdicts = [c["verdict"] for c in results.get("budgets", [])]
    lines += ["", f"{verdicts.count('PASS')} PASS, {verdicts.count('FAIL')} FAIL, {verdicts.count('n/a')} not measured.", ""]
    lines += (
        _datasets(results)
        + _floors(results.get("floors", {}), meta.get("floors"))
        + _server(results)
        + _browser(results)
        + _load(results)
        + _loadgen(results)
        + _room(results.get("loadgen") or {})
        + _queries(results)
    )
    return "\n".join(lines) + "\n"


def _datasets(results: dict[str, Any]) -> list[str]:
    lines = ["## Datasets", "", "| size | synthetic facts | SQLite build | PostgreSQL build |", "|---|---|---|---|"]
    for size, info in results.get("datasets", {}).items():
        pg = info.get("postgresql_build_s")
        lines.append(
            f"| {size} | {info.get('facts', 0):,} | {info.get('sqlite_build_s', 0):.1f} s | {'—' if pg is None else f'{pg:.1f} s'} |"
        )
    return [*lines, ""]


def _floors(floors: dict[str, Any], run: dict[str, Any] | None = None) -> list[str]:
    """Per size: each page's script run and Chromium time against its own floor, measured alternately."""
    if not floors:
        return []
    lines = ["## Each page against its own floor (the same elements and data replayed: bench/floor_app.py)", ""]
    if run:  # a `--floors-only` run merged into an older full run: say when and at which commit
        lines += [_floors_run(run), ""]
    sizes = list(dict.fromkeys([*floors.get("server", {}), *floors.get("browser", {})]))
    for size in sizes:
        server, chromium = floors.get("server", {}).get(size, {}), floors.get("browser", {}).get(size, {})
        columns = [
            "page",
            "element calls",
            "warm page / floor",
            "×",
            "cold page / floor",
            "×",
            "Chromium page / floor",
            "×",
            "first ×",
            "page × one map",
            "its map alone × one map",
        ]
        lines += _size_table(size, columns)
        for page in dict.fromkeys([*server, *chromium]):
            s, b = server.get(page, {}), chromium.get(page, {})
            cells = [page, str(s.get("elements", "—"))]
            for key in ("warm", "cold"):
                cells += _pair(s.get(key)) if key in s else ["—", _cell(s.get("error", "—"))]
            if "page" in b:
                cells += [f"{ms(b['page']['warm'])} / {ms(b['floor']['warm'])}", _times(b["ratio"]), _times(b["first_ratio"]),
                          _times(b.get("map_ratio")), _times(b.get("deck_ratio"))]  # fmt: skip
            else:
                cells += ["—", _cell(b.get("error", "—")), "—", "—", "—"]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return lines


def _floors_run(run: dict[str, Any]) -> str:
    load = [run.get(f"load_average_at_{end}") for end in ("start", "end")]
    return (
        f"Measured {run.get('started', '?')} at commit {run.get('commit', '?')} (`python -m bench --floors-only`), "
        f"wall time {run.get('wall_s', 0) / 60:.1f} min"
        + (f", load average {load[0]:.1f} at the start and {load[1]:.1f} at the end." if None not in load else ".")
    )


def _pair(pair: dict[str, Any] | None) -> list[str]:
    if not pair:
        return ["—", "—"]
    return [f"{ms(pair['page'])} / {ms(pair['floor'])}", _times(pair.get("ratio"))]


def _times(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def _server(results: dict[str, Any]) -> list[str]:
    lines = ["## Server time per page (AppTest script run)", ""]
    for size, pages in results.get("server", {}).items():
        if "error" in pages:
            lines += _size_error(size, "error", pages["error"])
            continue
        lines += _size_table(size, ["page", "cold", "× floor", "warm", "× floor", "errors"])
        for page, timing in pages.items():
            errors = _cell("; ".join(timing.get("errors", [])))
            lines.append(
                f"| {page} | {ms(timing['cold'])} | {_ratio(timing['cold'])} | {ms(timing['warm'])} | {_ratio(timing['warm'])} | {errors} |"
            )
        lines.append("")
    return lines


def _size_error(size: str, heading: str, error: str) -> list[str]:
    return [f"### {size}: {heading}", "", f"`{error}`", ""]


def _size_table(size: str, columns: list[str]) -> list[str]:
    """A data size's heading and the header of its table."""
    return [f"### {size}", "", "| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]


def _cell(value: object, limit: int = 160) -> str:
    """Text safe inside a Markdown table cell: one line, no pipes, short."""
    return " ".join(str(value).replace("|", "/").split())[:limit]


def _browser(results: dict[str, Any]) -> list[str]:
    lines = ["## Browser time per page (Chromium, navigation until the main content is visible)", ""]
    for size, pages in results.get("browser", {}).items():
        if "error" in pages:
            lines += _size_error(size, "not measured", pages["error"])
            continue
        lines += _size_table(size, ["page", "first load", "warm loads", "× empty page", "exception boxes"])
        for page, timing in [*_pages(pages), ("empty", pages.get("empty", {}))]:
            if not timing:
                continue
            first = f"{timing['first'] * 1000:.0f} ms" if timing.get("first") is not None else "—"
            problem = _cell(timing.get("error") or timing.get("errors", 0))
            lines.append(f"| {page} | {first} | {ms(timing['warm'])} | {_ratio(timing['warm'])} | {problem} |")
        lines.append("")
        if floors := pages.get("floors"):
            shown = [f"one {kind} {ms(timing['warm'])} ({_ratio(timing['warm'])})" for kind, timing in floors.items() if timing.get("warm")]
            lines.append(f"- Streamlit's floor for a first element (the empty page plus one tiny element): {'; '.join(shown)}")
        for page in ("empty", "overview"):
            inter = pages.get(page, {}).get("interaction")
            if inter:
                p95 = "—" if inter.get("p95") is None else f"{inter['p95'] * 1000:.0f} ms"
                lines.append(
                    f"- Filter change on {page}: {ms(inter)}, p95 {p95}; first round (cache misses) {ms(inter.get('first_round'))}"
                )
        lines.append("")
    return lines


def _load(results: dict[str, Any]) -> list[str]:
    load = results.get("load")
    if not load:
        return []
    if "error" in load:
        return ["## Memory and concurrency: not measured", "", f"`{load['error']}`", ""]
    c = load.get("concurrency", {})
    return [
        f"## Memory and concurrency ({load.get('size')})",
        "",
        f"- Server RSS after start {load['rss_idle_mb']:.0f} MB; with the data loaded and one session {load['rss_one_session_mb']:.0f} MB; "
        f"with {load['sessions']} more sessions {load['rss_sessions_mb']:.0f} MB ({load['per_session_mb']:.1f} MB a session); "
        f"peak after the concurrency run {load['rss_peak_mb']:.0f} MB.",
        f"- {c.get('sessions')} sessions changing the currency at once: {c.get('interactions')} interactions "
        f"in {c.get('wall_s', 0):.1f} s, "
        f"p50 {(c.get('p50') or 0) * 1000:.0f} ms, p95 {(c.get('p95') or 0) * 1000:.0f} ms, max {(c.get('max') or 0) * 1000:.0f} ms; "
        f"{c.get('lost', 0)} clicks never redrawn within 60 s (counted as lost, left out of the percentiles).",
        *_cpu_split(load.get("cpu_s")),
        "",
    ]


def _room(runs: dict[str, Any]) -> list[str]:
    """The summit room's run (bench/live_load.py): phones joining /live and answering within a minute."""
    rows = [(k, runs[k]) for k in ("summit_room", "summit_room_nginx") if runs.get(k) and "error" not in runs[k]]
    if not rows:
        return []
    lines = [
        "### The summit room: phones joining /live and answering question 1 within a minute (bench/live_load.py)",
        "",
        "| servers | phones | errors | answers sent | stored | lost | tap → screen p50 | p95 | CPU per phone | replicas for 1,000 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for _, r in rows:
        lines.append(
            f"| {r['servers']} | {r['participants']} | {r['errors']} | {r['answers_sent']} | {r['answers_stored']} | {r['lost']} | "
            f"{_s(r['submit_to_screen_p50_s'])} | {_s(r['submit_to_screen_p95_s'])} | {r['cpu_s_per_participant']:.2f} s | "
            f"{r['replicas_for_1000']} |"
        )
    lines += ["", "CPU per phone: the app servers' seconds while the phones joined and during the answering minute (polling "
              "included), divided by the phones; replicas for 1,000 assume 0.7 of a core per replica.", ""]  # fmt: skip
    return lines


def _loadgen(results: dict[str, Any]) -> list[str]:
    """The browser-less load runs: one row per run."""
    runs = results.get("loadgen")
    if not runs:
        return []
    if "skipped" in runs:
        return ["## Load without browsers: not measured", "", runs["skipped"], ""]
    lines = [
        f"## Load without browsers ({runs.get('size')}, PostgreSQL, bench/wsclient.py)",
        "",
        "| run | servers | sessions | interactions | errors | p50 | p95 | server CPU per interaction | first visitor | 100th visitor |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    names = {
        "cold_server": "cold server (app.py), visitors only",
        "one_server": "one server (serve.py)",
        "floor_one_server": "Streamlit's floor (bench/empty_app.py?with=chart), one server",
        "nginx": "nginx + replicas",
    }
    for key, label in names.items():
        run = runs.get(key, {})
        if "error" in run or not run:
            lines.append(f"| {label} | — | — | — | — | — | — | — | — | {_cell(run.get('error', 'not run'))} |")
            continue
        per = run.get("cpu_s_per_interaction")
        lines.append(
            f"| {label} | {run['servers']} | {run['sessions']} | {run['interactions']} | {run['errors']} | {_s(run.get('p50'))} | "
            f"{_s(run.get('p95'))} | {'—' if per is None else f'{per * 1000:.0f} ms'} | "
            f"{_visit(run['first_visitor_s'])} | {_visit(run['hundredth_visitor_s'])} |"
        )
    lines += ["", "Visitor: seconds until the overview's first chart arrived / until its script run finished (first: alone on a "
              "fresh server; 100th: alone, after 98 others opened in batches of 10). CPU: the app servers' user+system seconds during "
              "the clicks (auto-reruns of the data-version follower included) divided by the clicks."]  # fmt: skip
    for key in ("one_server", "floor_one_server", "nginx"):
        run = runs.get(key, {})
        if "client_cpu_s" in run:
            lines.append(f"- {names[key]}: clicks took {run['wall_s']:.1f} s; the client used {run['client_cpu_s']:.1f} CPU s for all "
                         f"{run['sessions']} sessions, the servers {run['server_cpu_s']:.1f} s" +
                         (f", nginx {run['proxy_cpu_s']:.2f} s" if run.get("proxy_cpu_s") is not None else "") +
                         f"; load average {run.get('load_average', 0):.1f} on {os.cpu_count()} cores.")  # fmt: skip
    lines.append("")
    return lines


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value * 1000:.0f} ms"


def _visit(times: dict[str, float | None]) -> str:
    chart, finished = times.get("chart"), times.get("finished")
    return "—" if finished is None else f"{chart or 0:.2f} / {finished:.2f} s"


def _cpu_split(cpu: dict[str, float] | None) -> list[str]:
    """Where the machine's CPU went during the concurrency run: the app server or the 20 Chromium tabs beside it."""
    if not cpu:
        return []
    total = cpu["server"] + cpu["chromium"]
    share = 100 * cpu["server"] / total if total else 0
    return [
        f"- CPU during that run: app server {cpu['server']:.1f} s, Chromium {cpu['chromium']:.1f} s ({share:.0f}% server) "
        f"on {cpu['cores']} cores" + (": the browsers, not the server, fill the machine." if share < 50 else ".")
    ]


def _queries(results: dict[str, Any]) -> list[str]:
    lines = ["## Model queries", ""]
    for engine, sizes in results.get("queries", {}).items():
        if "skipped" in sizes:
            lines += [f"### {engine}: skipped", "", sizes["skipped"], ""]
            continue
        names = sorted({name for timings in sizes.values() for name in timings})
        lines += [f"### {engine}", "", "| query | " + " | ".join(sizes) + " |", "|---|" + "---|" * len(sizes)]
        for name in names:
            cells = []
            for timings in sizes.values():
                timing = timings.get(name, {})
                cells.append(ms(timing) if "median" in timing else timing.get("error") or timing.get("skipped") or "—")
            lines.append(f"| {name} | " + " | ".join(cells) + " |")
        lines.append("")
    return lines
