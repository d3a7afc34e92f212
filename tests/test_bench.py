"""The benchmark harness (`make bench`) at tiny sizes: it measures, judges budgets and writes its report."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench import floors, queries, replay, report, server
from bench.__main__ import main, parse
from bench.stats import percentile, ratio, repeat, summary
from model import pages as registry
from model.db import DEFAULT_SQLITE


def test_stats() -> None:
    assert summary([3.0, 1.0, 2.0]) == {"median": 2.0, "min": 1.0, "max": 3.0, "n": 3}
    assert summary([])["median"] is None
    assert percentile([float(i) for i in range(1, 101)], 95) == 95.0
    assert ratio(2.0, 0.5) == 4.0 and ratio(1.0, None) is None
    calls = []
    timing = repeat(lambda: calls.append(1), runs=5)
    assert timing["n"] == 5 and len(calls) == 6 and not timing["capped"]  # one warm-up, five timed runs
    slow = repeat(lambda: calls.append(1), runs=5, slow=-1.0)  # a warm-up over the cap is the only sample
    assert slow["n"] == 1 and slow["capped"]


def test_pages_are_discovered_from_the_page_registry() -> None:
    pages = server.app_pages()
    assert len(pages) == len(registry.PAGES) and ("pages/overview.py", "overview") in pages
    paths = dict(server.browser_paths())
    assert paths["overview"] == ""  # the default page is served at "/"
    assert all(paths[name] == name for name in paths if name != "overview")
    assert "model.overview" in queries.page_modules()


def test_query_times_on_a_tiny_store(seeded_url: str) -> None:
    timings = queries.query_times(seeded_url, runs=2, only=["queries.facts", "overview.normalised_procurement", "queries.fact"])
    assert set(timings) == {"queries.facts", "overview.normalised_procurement", "queries.fact"}
    assert all(t["n"] >= 1 and t["median"] > 0 for t in timings.values()), timings


def test_server_times_of_one_page(app_env: str) -> None:
    timing = server.time_page("pages/glossary.py", runs=1)
    floor = server.time_page(None, runs=1)
    assert timing["errors"] == [] and floor["errors"] == []
    assert timing["cold"]["median"] > 0 and floor["warm"]["median"] > 0


def _tree_kinds(at: object) -> list[str]:
    """Every node of an AppTest's element tree, by kind, in order."""

    def walk(node: object) -> list[str]:
        return [type(node).__name__, *(k for child in getattr(node, "children", {}).values() for k in walk(child))]

    return walk(at._tree)  # type: ignore[attr-defined]


def test_a_pages_floor_draws_the_same_elements_from_its_recording_without_the_app(app_env: str, tmp_path: Path, monkeypatch) -> None:
    """The Norway map section recorded once replays to the same element tree: the same map, controls and downloads."""
    monkeypatch.setenv("BENCH_FLOOR_DIR", str(tmp_path))  # where the floor app looks for the recording
    target = next(t for t in floors.targets() if t.name == "norway-map")
    with server.on_database(app_env), server.through_app():
        recorded = floors.record(target, "seed", tmp_path)
        page = floors._page_app(target)
        page.run()
        floor = floors._floor_app(target, "seed")
        floor.run(), page.run()  # the page's second run, like the recorded one
    assert "pydeck_chart: deck → its JSON" in recorded.stand_ins and recorded.navigation
    assert not floor.exception and _tree_kinds(floor) == _tree_kinds(page)
    alone = AppTest.from_file(str(server.PROJECT_ROOT / "bench" / "empty_app.py"))  # the map alone, in the one dot's place
    alone.query_params.update({"with": "deck", "rec": target.name, "size": "seed", "layout": "wide"})
    alone.run()
    drawn = [json.loads(deck.proto.json) for deck in alone.get("deck_gl_json_chart")]
    assert not alone.exception and drawn == [json.loads(call.args[0].spec) for call in replay.decks(recorded)] != []
    with pytest.raises(Exception, match="must not import the app"):  # a recording needing the app is refused
        replay.loads(pickle.dumps(replay.Call(0, "write", (registry.PAGES[0],), {})))


def test_pages_and_maps_each_get_a_floor() -> None:
    names = [t.name for t in floors.targets()]
    assert names[: len(registry.PAGES)] == [p.url_path for p in registry.PAGES]
    assert {t.name for t in floors.targets() if t.is_map} == {"map", "norway-map", "denmark-builder"}


def _floor_pair(value: float) -> dict:
    page, floor = (summary([v]) for v in (value, 1.0))
    return {"page": page, "floor": floor, "ratio": value}


def test_floor_budgets_judge_each_page_against_its_own_floor_and_maps_against_one_map() -> None:
    timing = {"warm": _floor_pair(1.2), "cold": _floor_pair(3.0), "elements": 12, "errors": []}
    chromium = {"ratio": 1.1, "first_ratio": 1.4, "map_ratio": 1.9, "deck_ratio": 1.35, "page": {"warm": summary([1.1])},
                "floor": {"warm": summary([1.0])}}  # fmt: skip
    results = {"floors": {"server": {"seed": {"map": timing}}, "browser": {"seed": {"map": chromium}}}}
    verdicts = {c["budget"]: c["verdict"] for c in report.budgets(results)}
    assert verdicts == {
        report.FLOOR_WARM[0]: "PASS",
        report.FLOOR_COLD[0]: "FAIL",
        report.FLOOR_VISIBLE[0]: "PASS",
        report.FLOOR_FIRST[0]: "FAIL",
        report.ONE_MAP[0]: "FAIL",
    }
    assert "| map | 12 |" in report.markdown({"meta": {}, **results, "budgets": []})
    map_check = next(c for c in report.budgets(results) if c["budget"] == report.ONE_MAP[0])
    assert map_check["value"] == 1.35 and "whole page 1.90×" in map_check["note"]  # the map alone is judged; the page is shown


def _fake(warm_ratio: float, cold: float, p95: float) -> dict:
    page = {"cold": {"median": cold, "min": cold, "max": cold, "n": 5}, "warm": {"median": 0.1, "min": 0.1, "max": 0.1, "n": 5}}
    page["warm"]["ratio"] = warm_ratio
    interaction = {"median": p95, "min": p95, "max": p95, "n": 4, "p95": p95}
    concurrency = {"sessions": 20, "interactions": 240, "wall_s": 10, "p50": 0.5, "p95": 0.9, "max": 1.0}
    load = {"size": "1e6", "rss_idle_mb": 100, "rss_one_session_mb": 700.0, "rss_sessions_mb": 750, "sessions": 10}
    load |= {"per_session_mb": 5.0, "rss_peak_mb": 800, "concurrency": concurrency}
    return {
        "server": {"seed": {"empty": page, "overview": page}, "1e6": {"empty": page, "overview": page}},
        "browser": {"1e6": {"overview": {**page, "first": 1.0, "interaction": interaction}}},
        "load": load,
    }


def test_budgets_pass_and_fail() -> None:
    checks = report.budgets(_fake(warm_ratio=2.0, cold=2.0, p95=0.2))
    verdicts = {(c["budget"], c["size"]): c["verdict"] for c in checks}
    assert verdicts[(report.COLD_LARGE[0], "1e6")] == "FAIL"  # 2 s > 1.5 s
    assert verdicts[(report.FILTER_ONE[0], "1e6")] == "PASS"
    assert verdicts[(report.FILTER_MANY[0], "1e6")] == "PASS"
    assert verdicts[(report.RSS[0], "1e6")] == "FAIL"
    assert verdicts[(report.PER_SESSION[0], "1e6")] == "PASS"
    text = report.markdown({"meta": {}, **_fake(2.0, 2.0, 0.2), "budgets": checks})
    assert "**FAIL**" in text and "**PASS**" in text and "| overview |" in text


def test_a_lost_click_fails_the_concurrency_budget_however_fast_the_others_were() -> None:
    results = _fake(warm_ratio=2.0, cold=1.0, p95=0.2)
    results["load"]["concurrency"] |= {"lost": 1, "p95": 0.5}
    check = next(c for c in report.budgets(results) if c["budget"] == report.FILTER_MANY[0])
    assert check["verdict"] == "FAIL" and check["note"] == "1 of 240 clicks never redrawn"
    assert "1 clicks never redrawn within 60 s" in report.markdown({"meta": {}, **results, "budgets": [check]})


def test_the_report_gives_streamlits_own_floors_and_where_the_cpu_went_without_judging_them() -> None:
    results = _fake(warm_ratio=2.0, cold=1.0, p95=0.2)
    floor = {"first": 1.0, "warm": {"median": 0.9, "min": 0.9, "max": 0.9, "n": 5, "ratio": 1.3}}
    results["browser"]["1e6"]["floors"] = {"chart": floor, "map": floor}
    results["load"]["cpu_s"] = {"server": 5.0, "chromium": 45.0, "cores": 2}
    checks = report.budgets(results)
    assert not [c for c in checks if "floor" in c["subject"] or c["subject"] in ("chart", "map", "floors")]
    text = report.markdown({"meta": {}, **results, "budgets": checks})
    assert "one chart 900 ms" in text and "one map 900 ms" in text
    assert "app server 5.0 s, Chromium 45.0 s (10% server) on 2 cores: the browsers, not the server" in text


def test_a_page_that_raises_fails_its_server_budgets_however_fast_it_was() -> None:
    results = _fake(warm_ratio=1.0, cold=0.01, p95=0.2)
    for size in results["server"].values():
        size["overview"]["errors"] = ["ImportError: cannot import name 'x'"]
    checks = [c for c in report.budgets(results) if c["budget"] == report.COLD_LARGE[0]]
    assert checks and all(c["verdict"] == "FAIL" and "ImportError" in c["note"] for c in checks)


def test_unknown_size_is_refused() -> None:
    with pytest.raises(SystemExit):
        parse(["--sizes", "seed,1e9"])


def test_end_to_end_at_the_seed_without_a_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The whole pipeline on one page and three queries: files written, budgets judged, the real store untouched."""
    real_before = DEFAULT_SQLITE.stat().st_mtime if DEFAULT_SQLITE.exists() else None
    monkeypatch.setattr(server, "app_pages", lambda: [("pages/glossary.py", "glossary")])
    monkeypatch.setattr(floors, "targets", lambda: [floors.Target("glossary", "pages/glossary.py", content="glossary")])
    functions = queries.query_functions()
    monkeypatch.setattr(queries, "query_functions", lambda: {k: functions[k] for k in ("queries.facts", "queries.sources")})
    argv = ["--sizes", "seed,1e3", "--runs", "1", "--no-browser", "--postgres-url", "", "--out", str(tmp_path), "--data-dir", str(tmp_path)]
    assert main(argv) == 0
    results = json.loads((tmp_path / "results.json").read_text())
    assert set(results["server"]) == {"seed", "1e3"} and "glossary" in results["server"]["1e3"]
    assert results["datasets"]["1e3"]["facts"] == 1_000
    assert "skipped" in results["queries"]["postgresql"]
    assert any(c["budget"] == report.FLOOR_WARM[0] and c["subject"] == "glossary" for c in results["budgets"])
    assert (tmp_path / "floors" / "1e3" / "glossary.pkl").exists()
    assert "## Budgets" in (tmp_path / "results.md").read_text()
    assert (tmp_path / "bench-1e3.db").exists()
    assert (DEFAULT_SQLITE.stat().st_mtime if DEFAULT_SQLITE.exists() else None) == real_before
