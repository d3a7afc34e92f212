"""Summit mode (`?mode=summit`): the show for a room's big screen, and the presenter's console.

Three ways to run: a presenter (signed-in editor, or `&presenter=SECRET` from a presenter link)
steers the room from here, the slide stored in the database; any other big screen then follows
the presenter; with no presenter, a screen runs its own show on a timer (`&interval=SECONDS`).
"""

from __future__ import annotations

import time

import streamlit as st

from model import format as fmt
from model import live, queries
from model.db import get_engine
from ui import store, watch
from ui.data import cached
from ui.i18n import language, t
from ui.params import int_param
from ui.summit import room, slides, style
from ui.summit.controls import join_box, local_controls, presenter_controls
from ui.summit.results import room_results

lang = language()
interval = int_param("interval", 20, 5, 600)
count = len(slides.SLIDES)
st.session_state.setdefault("slide", int_param("slide", 0, 0, 99) % count)
st.session_state.setdefault("playing", True)
st.session_state.setdefault("shown_at", time.monotonic())
style.room()

presenter = room.presenter()
state = room.state()
if presenter is not None and not state.active:
    live.start(presenter, get_engine())
    room.forget()
    state = room.state()
live_mode = presenter is not None or state.active


def go(step: int) -> None:
    st.session_state["slide"] = (st.session_state["slide"] + step) % count
    st.session_state["shown_at"] = time.monotonic()
    st.query_params["slide"] = str(st.session_state["slide"])


@store.fragment(run_every=interval if st.session_state["playing"] else None)
def own_show() -> None:
    """No presenter: this screen's own timer moves the slides."""
    if st.session_state["playing"] and time.monotonic() - st.session_state["shown_at"] >= interval:
        go(1)
    slides.show(st.session_state["slide"])


@store.fragment(run_every=room.POLL_SECONDS)
def results(question_id: int) -> None:
    """The room's answers, redrawn every second (a cheap read of one question's answers)."""
    question = room.state().question
    if question is not None and question["id"] == question_id:
        room_results(question)


@store.fragment(run_every=interval)
def presenter_timer(seen: int) -> None:
    """The presenter's show plays on: advance once `interval` has passed since the slide appeared (a second tab's tick is dropped)."""
    shown = st.session_state.setdefault("presenter_shown", {}).setdefault(seen, time.monotonic())
    if time.monotonic() - shown >= interval - 0.5 and live.move(presenter, state.slide + 1, count, seen_seq=seen, engine=get_engine()):
        room.forget()
        st.rerun()


with st.container(key="summit-slide"):
    if not live_mode:
        own_show()
    elif state.question is not None:
        results(state.question["id"])
    else:
        slides.show(state.slide)

with st.container(key="summit-footer"):
    left, right = st.columns([3, 2], vertical_alignment="center")
    with left:
        position = (state.slide if live_mode else st.session_state["slide"]) % count + 1
        version = cached(queries.data_version)()
        changed = fmt.datetime_text(version["loaded_at"], lang) if version else t("common.not_reported")
        st.caption(t("summit.position", n=position, total=count) + " · " + t("summit.footer", changed=changed))
        with st.container(key="summit-controls"):
            if presenter is not None:
                presenter_controls(state)
            elif not live_mode:
                local_controls(go)
    with right:
        join_box()

if live_mode:
    watch.follow(room_seq=state.seq)
if presenter is not None and state.playing and state.question is None:
    presenter_timer(state.seq)
