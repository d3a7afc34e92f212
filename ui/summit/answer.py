"""A participant's phone: the open question, answered once per question (again to change it).

The phone keeps an anonymous device token, signed by the server (`model.live.issue_token`), in a
cookie, so a reload is still the same phone and answering again replaces its answer. Nothing a
participant enters is free text: scores are buttons 0-5, a vote is a choice among the options.
"""

from __future__ import annotations

import re
from typing import Any

import streamlit as st

from model import format as fmt
from model import live, scenarios
from model.db import get_engine
from model.errors import EditError
from ui import browser, store
from ui.cite import escape_markdown
from ui.i18n import language, t
from ui.summit import room
from ui.summit.questions import factors, question_title

COOKIE = "compass_live"
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{10,40}\.[0-9a-f]{32}")
SCORES = [0, 1, 2, 3, 4, 5]
DRAWN = "live_drawn"  # session state: (question id, times its form was drawn, whether it replaced another question)


def _store_cookie(token: str) -> None:
    """Keep the token across reloads (30 days). Only a token this server issued, of a fixed shape, is written."""
    if TOKEN_SHAPE.fullmatch(token):
        browser.set_cookie(COOKIE, token, 2592000, same_site="Strict")


def device_token() -> str:
    """This phone's token: the session's, else the cookie's (checked on submit), else a new one."""
    token = st.session_state.get("live_token")
    if token is None:
        token = (st.context.cookies or {}).get(COOKIE) or None
        if token is None:
            token = live.issue_token(get_engine())
            _store_cookie(token)
        st.session_state["live_token"] = token
    return token


def _renew_token() -> None:
    token = live.issue_token(get_engine())
    st.session_state["live_token"] = token
    st.session_state["live_token_renewed"] = token


def _submit(question_id: int, fields: dict[str, str]) -> None:
    """`fields` maps each answer item to its widget key: read at the click, so a tap just before it counts too."""
    answer = {item: st.session_state.get(key) for item, key in fields.items()}
    if _just_replaced(question_id) and all(value is None for value in answer.values()):
        # The room moved on while this person scored the question before: say so, not "give every factor a score".
        st.session_state["live_feedback"] = (question_id, "error", "new_question")
        return
    try:
        replaced = live.submit(device_token(), question_id, answer, room.client_ip(), get_engine())
    except live.LiveError as exc:
        if exc.code in {"no_token", "bad_token"}:
            _renew_token()
        st.session_state["live_feedback"] = (question_id, "error", exc.code)
        return
    st.session_state["live_feedback"] = (question_id, "success", "replaced" if replaced else "counted")


def _drawn(question_id: int) -> None:
    """Remember how often this phone drew the form of `question_id`, and whether it replaced another question's."""
    before = st.session_state.get(DRAWN)
    if before is not None and before[0] == question_id:
        st.session_state[DRAWN] = (question_id, before[1] + 1, before[2])
    else:
        st.session_state[DRAWN] = (question_id, 1, before is not None)


def _just_replaced(question_id: int) -> bool:
    """The form of `question_id` was drawn once, over another question's: a send now was meant for that one.

    Every tap on a score reruns the form, so a person who scored this question has seen it drawn more than once.
    """
    return st.session_state.get(DRAWN) == (question_id, 1, True)


def _feedback(question_id: int) -> None:
    """What became of the last submit, shown until the next one (a rerun from the room must not wipe it)."""
    renewed = st.session_state.pop("live_token_renewed", None)
    if renewed:
        _store_cookie(renewed)
    feedback = st.session_state.get("live_feedback")
    if feedback is None or feedback[0] != question_id:
        return
    _, kind, code = feedback
    if kind == "success":
        st.success(t(f"live.done.{code}"), icon=":material/check_circle:")
    else:
        st.error(t(f"live.refused.{code}"), icon=":material/block:")


def _readiness(question: dict[str, Any], earlier: dict[str, Any] | None) -> dict[str, str]:
    st.caption(t("live.readiness_help"))
    fields: dict[str, str] = {}
    for number, factor in enumerate(factors(language()), start=1):
        key = f"live-{question['id']}-{factor['factor_id']}"
        if key not in st.session_state and earlier:
            st.session_state[key] = earlier.get(factor["factor_id"])
        label = f"**{number}. {escape_markdown(factor['name_sv'])}**" + (
            f" ({escape_markdown(factor['name'])})" if factor["name"] != factor["name_sv"] else ""
        )
        st.markdown(label)
        st.caption(escape_markdown(factor["question"]))
        st.segmented_control(label, SCORES, key=key, label_visibility="collapsed", width="stretch")
        fields[factor["factor_id"]] = key
    return fields


def _figures(scenario_id: int) -> str:
    """A scenario's key inputs beside its name (inputs someone chose, not cited figures)."""
    try:
        inputs = scenarios.get(scenario_id, get_engine())["inputs"]
    except EditError:
        return t("live.scenario_gone")
    lang = language()
    return t(
        "live.scenario_figures",
        budget=fmt.amount(inputs.annual_budget_dkk, "DKK", lang),
        hubs=inputs.hubs,
        fte=fmt.number(inputs.national_fte + inputs.regional_fte, lang),
        years=inputs.years,
    )


def _vote(question: dict[str, Any], earlier: dict[str, Any] | None) -> dict[str, str]:
    options = question["options"]
    ids = [o["id"] for o in options]
    names = {o["id"]: o["name"] for o in options}
    key = f"live-{question['id']}-vote"
    if key not in st.session_state and earlier and earlier.get("scenario") in ids:
        st.session_state[key] = earlier["scenario"]
    st.radio(
        t("live.vote_label"),
        ids,
        index=None,
        key=key,
        format_func=lambda i: escape_markdown(names[i]),  # names are people's text: shown, never formatted
        captions=[escape_markdown(_figures(i)) for i in ids],
    )
    return {"scenario": key}


@store.fragment
def question_form(question: dict[str, Any]) -> None:
    """The open (or just closed) question with its submit button `live-submit`, inside `live-question`.

    A fragment: a tap or a send reruns the form alone, not the slide below it (a hall of phones costs the server less).
    """
    token = device_token()
    _drawn(question["id"])
    earlier = live.my_answer(token, question["id"], get_engine())
    with st.container(key="live-question"):
        st.subheader(question_title(question["kind"]), anchor=False)
        if question["status"] != live.OPEN:
            st.warning(t("live.closed_notice"), icon=":material/lock:")
        elif earlier:
            st.info(t("live.already_answered"), icon=":material/how_to_vote:")
        fields = _readiness(question, earlier) if question["kind"] == live.READINESS else _vote(question, earlier)
        st.button(
            t("live.submit"), key="live-submit", type="primary", icon=":material/send:", on_click=_submit, args=(question["id"], fields)
        )
        _feedback(question["id"])
