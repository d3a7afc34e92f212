"""`/live`: the summit companion on a phone. The slide the presenter shows, and the question the room is asked.

No sign-in and nothing personal: a phone is an anonymous signed token (`ui.summit.answer`). This page
only reads the room and submits answers; it has no way to move slides or open questions.
"""

from __future__ import annotations

import streamlit as st

from ui import store, watch
from ui.i18n import t
from ui.summit import answer, room, slides, style

style.phone()


@store.fragment
def view() -> None:
    """The phone's whole view: when the presenter moves on, this reruns alone (a hall of phones at once, cheaply)."""
    shown_data, state = watch.data_version(), room.state()
    with st.container(key="live-header"):
        st.title(t("live.header"), anchor=False)
    if state.question is not None:
        answer.question_form(state.question)
    with st.container(key="live-slide"):
        if state.active:
            slides.show(state.slide)
        else:
            st.info(t("live.waiting"), icon=":material/hourglass_top:")
    answer.device_token()  # a first visit gets its token (and cookie) now, not at the first tap
    watch.follow(room_seq=state.seq, data_seq=shown_data)


view()
