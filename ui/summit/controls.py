"""What sits at the foot of the big screen: the link and QR code to `/live`, and the presenter's controls.

The controls are small, faded until pointed at, and only there for whoever may use them: the
presenter gets next/previous/pause and the room's questions; a big screen that follows the
presenter gets none; a screen running on its own (no presenter) keeps previous/pause/next.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode, urlsplit

import pandas as pd
import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from model import live, scenarios
from model.db import get_engine
from ui import auth as ui_auth
from ui.downloads import download_buttons
from ui.i18n import language, t
from ui.share import qr_png
from ui.summit import room
from ui.summit.slides import SLIDES
from ui.summit.svg import png_image


def live_link() -> str:
    """`/live` on this server in the screen's language: what the QR code opens (never the presenter's secret)."""
    parts = urlsplit(st.context.url or "")
    base_path = (st.get_option("server.baseUrlPath") or "").strip("/")
    origin = f"{parts.scheme}://{parts.netloc}" if parts.netloc else ""
    path = f"/{base_path}/live" if base_path else "/live"
    return f"{origin}{path}?{urlencode({'lang': language()})}"


def join_box() -> None:
    """QR code (alt text in the reader's language) and the link as plain text, both whole on screen."""
    link = live_link()
    qr_col, text_col = st.columns([1, 2], vertical_alignment="center")
    with qr_col:
        png_image(qr_png(link, scale=10), t("summit.qr_alt"), "summit-qr")
    with text_col:
        st.caption(t("summit.join"))
        with st.container(key="summit-link"):
            st.text(link)


def _bar() -> DeltaGenerator:
    """One row of buttons, each as wide as its label: equal columns cut "Föregående" on every screen size."""
    return st.container(horizontal=True, gap="medium", vertical_alignment="center")


def local_controls(go: Callable[[int], None]) -> None:
    """A screen on its own: previous, pause/play, next (the slide number goes into the URL)."""
    playing = st.session_state["playing"]
    bar = _bar()
    bar.button(t("summit.previous"), on_click=go, args=(-1,), icon=":material/skip_previous:", key="summit-prev")
    bar.button(
        t("summit.pause") if playing else t("summit.play"),
        on_click=lambda: st.session_state.update(playing=not playing),
        icon=":material/pause:" if playing else ":material/play_arrow:",
        key="summit-play",
    )
    bar.button(t("summit.next"), on_click=go, args=(1,), icon=":material/skip_next:", key="summit-next")
    with bar.popover(t("live.present"), icon=":material/co_present:"):
        st.caption(t("live.present_help"))
        ui_auth.sign_in_panel()


def presenter_controls(state: live.State) -> None:
    """Next/previous/pause, and the room's questions (open, close, reset, back to slides, download)."""
    n = len(SLIDES)
    bar = _bar()
    bar.button(
        t("summit.previous"), key="presenter-prev", icon=":material/skip_previous:", on_click=room.act, args=(live.move, state.slide - 1, n)
    )
    bar.button(
        t("summit.pause") if state.playing else t("summit.play"),
        key="presenter-play",
        icon=":material/pause:" if state.playing else ":material/play_arrow:",
        on_click=room.act,
        args=(live.set_playing, not state.playing),
    )
    bar.button(t("summit.next"), key="presenter-next", icon=":material/skip_next:", on_click=room.act, args=(live.move, state.slide + 1, n))
    with bar.popover(t("live.questions"), icon=":material/how_to_vote:"):
        _question_controls(state)
    refusal = st.session_state.pop("live_refusal", None)
    if refusal:
        st.error(refusal)


def _question_controls(state: live.State) -> None:
    st.button(t("live.open_readiness"), key="presenter-open-readiness", on_click=room.act, args=(live.open_question, live.READINESS))
    saved = scenarios.list_scenarios(get_engine())
    names = dict(zip(saved["id"], saved["name"], strict=True))
    if names:
        chosen = st.multiselect(
            t("live.vote_pick"), list(names), format_func=lambda i: names[i], key="presenter-vote-options",
            max_selections=live.MAX_VOTE_OPTIONS, placeholder=t("common.choose"),
        )  # fmt: skip
    else:  # Streamlit's own "No options to select" would be English on every screen
        st.caption(t("live.vote_none"))
        chosen = []
    st.button(
        t("live.open_vote"),
        key="presenter-open-vote",
        on_click=room.act,
        args=(live.open_question, live.SCENARIO_VOTE, chosen),
        disabled=len(chosen) < 2,
    )
    question = state.question
    if question is not None:
        st.button(
            t("live.close"), key="presenter-close", on_click=room.act, args=(live.close_question,), disabled=question["status"] != live.OPEN
        )
        st.button(t("live.reset"), key="presenter-reset", on_click=room.act, args=(live.reset_question,))
        st.button(t("live.back_to_slides"), key="presenter-clear", on_click=room.act, args=(live.clear_question,))
    table = pd.DataFrame(live.answers_table(get_engine()))
    if not table.empty:
        download_buttons(table, "summit_room_answers", "presenter-download")
    st.button(t("live.stop"), key="presenter-stop", on_click=room.act, args=(live.stop,))
