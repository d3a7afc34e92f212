"""The browser-less client (bench/wsclient.py) drives a real server as a user would: open, choose, read the figures."""

from __future__ import annotations

import pytest

from bench.wsclient import Session, StreamlitError
from tests.browser import run_async


def normalised_chart(tab: Session, currency: str):
    """The overview's normalised-procurement chart, found by the currency in its title."""
    return tab.find("vega_lite_chart", text=f"({currency}, 2016)")


def per_capita(tab: Session, currency: str) -> dict[str, float]:
    frame = next(f for f in normalised_chart(tab, currency).frames() if "per_capita" in f.columns)
    return dict(zip(frame["country"], frame["per_capita"], strict=True))


def test_opening_the_overview_runs_the_page_and_shows_its_chart_in_euros(server: str):
    async def scenario():
        async with await Session.open(server, "", "lang=en", auto_rerun=False) as tab:
            assert tab.runs[-1].status == "FINISHED_SUCCESSFULLY"
            assert tab.exceptions() == []
            assert tab.has("heading", text="Nordic Procurement Compass")
            assert {"norway", "sweden", "denmark", "map", "sources", "admin"} <= set(tab.pages)
            return per_capita(tab, "EUR")

    figures = run_async(scenario())
    assert figures and set(figures) <= {"NO", "SE", "DK"}
    assert all(value > 0 for value in figures.values())


def test_changing_the_currency_reruns_only_its_section_and_shows_new_figures(server: str):
    async def scenario():
        async with await Session.open(server, "", "lang=en", auto_rerun=False) as tab:
            euros = per_capita(tab, "EUR")
            changed = await tab.set_widget("currency", "SEK")
            return euros, per_capita(tab, "SEK"), changed, tab.query, tab.has("vega_lite_chart", text="(EUR, 2016)")

    euros, kronor, changed, query, euro_chart_left = run_async(scenario())
    assert changed.status == "FINISHED_FRAGMENT_RUN_SUCCESSFULLY"  # the currency control lives in an st.fragment
    assert "currency=SEK" in query  # the address keeps the choice, as the browser's would
    assert not euro_chart_left  # the euro chart was replaced, not kept beside the new one
    assert set(kronor) == set(euros)
    rates = {country: kronor[country] / euros[country] for country in euros}
    assert all(rate > 5 for rate in rates.values())  # one euro is about 11 kronor in 2016
    assert max(rates.values()) == pytest.approx(min(rates.values()), rel=1e-6)  # one exchange rate for all three countries


def test_another_page_opens_by_its_url_path_and_a_download_returns_the_file(server: str):
    async def scenario():
        async with await Session.open(server, "norway", "lang=en", auto_rerun=False) as norway:
            metrics = norway.elements("metric")
        async with await Session.open(server, "", "lang=en", auto_rerun=False) as overview:
            csv = await overview.download("comparison-csv")
        return metrics, csv

    metrics, csv = run_async(scenario())
    assert metrics, "Norway's key figures are metrics"
    lines = csv.decode("utf-8-sig").splitlines()  # Excel's BOM first, then the English headings (?lang=en)
    assert "Exact quote" in lines[0] and len(lines) > 5


def test_a_page_that_does_not_exist_is_an_error_not_a_silent_success(server: str):
    async def scenario():
        await Session.open(server, "no-such-page", "lang=en", auto_rerun=False, timeout=30)

    with pytest.raises(StreamlitError):
        run_async(scenario())


def test_the_watchers_ask_reads_an_answer_a_proxy_sent_in_chunks():
    from bench.wsclient import _unchunked

    assert _unchunked(b'7\r\n{"data"\r\nb;ext=1\r\n: 3, "room"\r\n4\r\n: 1}\r\n0\r\n\r\n') == b'{"data": 3, "room": 1}'
