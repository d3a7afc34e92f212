"""Open tabs follow the store and the summit room by asking the server, not by rerunning on a timer (ui/watch.py).

Served as `make run` serves it (serve.py), driven by the browser-less client, which polls and triggers
as the browser's component does.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
import urllib.request
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from sqlmodel import Session as DbSession

from bench.browser import serve
from bench.wsclient import Session
from model import auth
from model import tables as t
from model.db import get_engine
from tests.browser import run_async
from tests.conftest import store_copy

LINK = "a-presenter-link-for-the-watch-test"


@pytest.fixture(scope="module")
def store(seeded_url: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return store_copy(seeded_url, tmp_path_factory.mktemp("watch") / "watch.db")


@pytest.fixture(scope="module")
def server(store: str) -> Iterator[str]:
    os.environ["COMPASS_PRESENTERS"] = f"hall={auth.hash_password(LINK)}"
    try:
        with serve("serve.py", store, start_timeout=180) as (base, _pid):
            yield base
    finally:
        del os.environ["COMPASS_PRESENTERS"]


def headings(tab: Session) -> list[str]:
    return [text for node in tab.elements("heading") for text in node.texts()]


def test_the_endpoint_says_the_data_version_and_the_rooms_counter_and_is_never_cached(server: str):
    with urllib.request.urlopen(f"{server}/_compass/changes", timeout=10) as response:
        body, cache = json.loads(response.read()), response.headers["Cache-Control"]
    assert set(body) == {"data", "room"} and all(isinstance(value, int) for value in body.values())
    assert cache == "no-store"


def test_a_waiting_phone_costs_no_script_runs_and_follows_the_presenter_within_two_seconds(server: str):
    async def scenario() -> tuple[int, int, float, list[str], list[str]]:
        presenting = f"mode=summit&interval=600&lang=en&presenter={LINK}"
        async with (
            await Session.open(server, "", presenting, auto_rerun=False) as screen,
            await Session.open(server, "live", "lang=en") as phone,
        ):
            await asyncio.sleep(3)  # the room waits: the phone asks the server each second
            runs_while_waiting, before = phone.script_runs, headings(phone)
            polls = phone.polls
            await screen.click(screen.find("button", text="Next"))
            clicked = time.monotonic()
            while headings(phone) == before and time.monotonic() - clicked < 10:
                await asyncio.sleep(0.05)
            return runs_while_waiting, polls, time.monotonic() - clicked, before, headings(phone)

    runs, polls, seconds, before, after = run_async(scenario())
    assert runs == 1  # only the page's first run: no timer reran it
    assert polls >= 2
    assert after != before
    print(f"\nphone followed the presenter after {seconds:.2f} s")
    assert seconds < 2 * max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))  # 2 s; stretched only on an overloaded machine


def test_an_edit_reruns_an_open_overview_through_the_poll(server: str, store: str):
    async def scenario() -> tuple[int, int, int]:
        async with await Session.open(server, "", "lang=en") as tab:
            await asyncio.sleep(2.5)
            waiting = tab.script_runs
            with DbSession(get_engine(store)) as session, session.begin():  # what an editor's save does
                session.add(t.DataVersion(loaded_at=datetime.now(UTC), content_hash="edit:watch-test", row_count=0))
            deadline = time.monotonic() + 10
            while tab.script_runs == waiting and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            await asyncio.sleep(3)  # and then it waits quietly again
            return waiting, tab.script_runs, tab.polls

    waiting, after, polls = run_async(scenario())
    assert waiting == 1  # opened, then only asked the server
    assert after == 2  # one rerun for the new data version, no more
    assert polls >= 1  # the rerun came from a poll (an overview asks every 4 s, a room every second)


def test_the_phones_hear_of_a_room_change_after_the_presenter_s_screen_has_had_a_head_start():
    from ui.watch import HEAD_START_S, _HeadStart

    heard = _HeadStart()
    assert heard(5, 0.0) == 5  # what the room is when the server first asks
    assert heard(6, 10.0) == 5  # the presenter just moved on: their own screen reruns first
    assert heard(6, 10.0 + HEAD_START_S / 2) == 5
    assert heard(6, 10.0 + HEAD_START_S) == 6  # then every phone
    assert heard(7, 20.0) == 6 and heard(8, 20.0 + HEAD_START_S) == 6  # a second click restarts the wait
    assert heard(8, 20.0 + 2 * HEAD_START_S) == 8


def test_a_send_meant_for_the_question_before_is_told_a_new_one_opened_and_a_scored_send_counts(server: str, store: str):
    """The presenter opens a new question while a person is scoring the one before: their send is not counted, and the
    phone says why in words (not "give every factor a score", which they had just done)."""
    from model import live

    engine = get_engine(store)

    async def question_shown(phone: Session, question_id: int) -> list:
        """The question's score buttons once the run drawing them has finished (not the first of them to arrive)."""
        deadline = time.monotonic() + 10
        while phone.running or not (nodes := [n for n in phone.elements("button_group") if f"-live-{question_id}-" in n.widget_id]):
            assert time.monotonic() < deadline, f"question {question_id} never reached the phone"
            await asyncio.sleep(0.05)
        return nodes

    async def scenario() -> tuple[list[str], int, list[str], int]:
        presenting = f"mode=summit&interval=600&lang=en&presenter={LINK}"
        async with (
            await Session.open(server, "", presenting, auto_rerun=False) as screen,
            await Session.open(server, "live", "lang=en") as phone,
        ):
            await screen.click("presenter-open-readiness")
            await question_shown(phone, live.state(engine).question["id"])
            await screen.click("presenter-open-readiness")  # the room moves on to a new question
            newer = live.state(engine).question["id"]
            scores = await question_shown(phone, newer)
            assert len(scores) == len(live.state(engine).question["options"])  # one score per success factor
            await phone.click("live-submit")  # the send the person meant for the question before
            first = [text for node in phone.elements("alert") for text in node.texts()]
            stored_first = live.answer_count(newer, engine)
            for node in scores:
                phone.fill(node, "3")
            await phone.click("live-submit")
            second = [text for node in phone.elements("alert") for text in node.texts()]
            return first, stored_first, second, live.answer_count(newer, engine)

    first, stored_first, second, stored_second = run_async(scenario())
    assert any("a new question has just opened" in text for text in first) and stored_first == 0, (first, stored_first)
    assert any("your answer is counted" in text for text in second) and stored_second == 1, (second, stored_second)


def test_the_head_start_runs_from_the_presenters_click_on_this_server_not_from_the_first_ask_after_it():
    from ui.watch import HEAD_START_S, _HeadStart

    heard = _HeadStart()
    assert heard(5, 0.0) == 5
    clicked = 10.0
    first_ask = clicked + 0.9  # a phone asking once a second asks 0.9 s after the click
    assert heard(6, first_ask, changed_here=clicked) == 6  # the head start has already passed: no second poll to wait for
    assert heard(7, 20.0, changed_here=20.0 - HEAD_START_S / 2) == 6  # a click just now: the presenter's screen goes first
    assert heard(7, 20.0 + HEAD_START_S, changed_here=20.0 - HEAD_START_S / 2) == 7
    assert heard(8, 40.0, changed_here=clicked) == 7  # a click long ago (another server changed the room): from this ask
