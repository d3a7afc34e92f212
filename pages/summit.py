"""Summit mode (`?mode=summit`): full-screen slides of the key comparisons for a big screen.

Slides advance on a timer (`&interval=SECONDS`, default 20) inside a fragment, so
only the slide reruns; Previous, Pause/Play and Next steer it by hand.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from model import countries, overview, queries
from model import format as fmt
from ui import palette
from ui.charts import cached_chart, draw
from ui.data import cached
from ui.i18n import language, t
from ui.params import int_param
from ui.share import link_box

lang = language()
interval = int_param("interval", 20, 5, 600)
st.session_state.setdefault("slide", int_param("slide", 0, 0, 99))
st.session_state.setdefault("playing", True)
st.session_state.setdefault("shown_at", time.monotonic())

# Static styling only (no data in it): large type readable from the back of a room, high contrast.
st.html(
    """<style>
    [data-testid="stMainBlockContainer"] { max-width: 100%; padding-top: 1.5rem; }
    [data-testid="stMainBlockContainer"] h1 { font-size: 3.4rem; }
    [data-testid="stMainBlockContainer"] p, [data-testid="stMainBlockContainer"] li { font-size: 1.6rem; }
    [data-testid="stMainBlockContainer"] h2 { font-size: 3.8rem; font-weight: 700; color: #0b2545; }
    [data-testid="stMainBlockContainer"] h3 { font-size: 1.7rem; font-weight: 500; }
    [data-testid="stCaptionContainer"] p { font-size: 1.05rem; color: #333; }
    </style>"""
)


def metric(fact_id: str, label_key: str) -> None:
    """A big number with its label and, in small type, where it comes from (no hover on a big screen)."""
    row = cached(queries.fact)(fact_id)
    st.subheader(t(label_key), anchor=False)
    if row is None:
        st.header("—", anchor=False)
        st.caption(t("common.not_reported"))
        return
    st.header(fmt.fact_value(row, lang), anchor=False)
    st.caption(f"{row['source']}, {row['locator']} · {t('common.as_of')}: {row['as_of']}")


def slide_intro() -> None:
    st.title(t("app.title"))
    models = cached(overview.comparison)().query("row == 'model'").drop_duplicates("country").set_index("country")["text"]
    for country in countries.compared():
        summary = t(f"overview.model.{country.code}")  # a short summary where the catalogs have one, else the cited statement
        st.markdown(f"**{country.name(lang)}**: {models.get(country.code, '') if summary.startswith('overview.') else summary}")


def metrics_row(title_key: str, figures: list[tuple[str, str]]) -> None:
    """A slide title and a row of big cited numbers: (fact id, label key) each."""
    st.title(t(title_key))
    for column, (fact_id, label_key) in zip(st.columns(len(figures)), figures, strict=True):
        with column:
            metric(fact_id, label_key)


def slide_norway() -> None:
    figures = [
        ("no-lup-public-workplaces", "summit.workplaces"),
        ("no-lup-savings", "summit.savings"),
        ("no-lup-cofinancing-partners", "summit.partners"),
        ("no-lup-established", "summit.since"),
    ]
    metrics_row("summit.norway", figures)
    st.caption(t("summit.article_caveat"))


def slide_sweden() -> None:
    figures = [
        ("networks_identified", "summit.networks"),
        ("networks_authority_initiated", "summit.authority"),
        ("networks_buyer_initiated", "summit.buyer"),
        ("public_procurement_2016", "summit.procurement"),
    ]
    metrics_row("summit.sweden", figures)


def slide_denmark() -> None:
    st.title(t("summit.denmark"))
    statements = cached(queries.statements)("DK").set_index("statement_id")
    for key in ("dk-summit-date", "dk-coi-mandate", "dk-summit-no-decision"):
        if key in statements.index:
            row = statements.loc[key]
            st.markdown(f"- {row['text_en']}")
            st.caption(f"{row['source']}, {row['locator']}")
    metric("dk-public-purchases-article", "summit.procurement")


def slide_per_capita() -> None:
    st.title(t("overview.normalised.header"))
    draw(per_capita_chart(cached(overview.normalised_procurement)("EUR", 2016)))
    st.caption(t("overview.normalised.caveat"))


@cached_chart
def per_capita_chart(frame: pd.DataFrame) -> alt.Chart:
    frame = frame.assign(country_name=[countries.name(c, lang) for c in frame["country"]])
    return (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("per_capita:Q", title=f"{t('overview.normalised.per_capita')} (EUR, 2016)"),
            y=alt.Y("country_name:N", title=None, sort=None),
            color=alt.Color("country:N", scale=palette.country_scale(list(frame["country"])), legend=None),
        )
        .properties(height=320)
        .configure_axis(labelFontSize=22, titleFontSize=22)
    )


SLIDES: list[Callable[[], None]] = [slide_intro, slide_norway, slide_sweden, slide_denmark, slide_per_capita]


def go(step: int) -> None:
    st.session_state["slide"] = (st.session_state["slide"] + step) % len(SLIDES)
    st.session_state["shown_at"] = time.monotonic()
    st.query_params["slide"] = str(st.session_state["slide"])


@st.fragment(run_every=interval if st.session_state["playing"] else None)
def show_slide() -> None:
    if st.session_state["playing"] and time.monotonic() - st.session_state["shown_at"] >= interval:
        go(1)
    SLIDES[st.session_state["slide"] % len(SLIDES)]()
    st.caption(t("summit.position", n=st.session_state["slide"] % len(SLIDES) + 1, total=len(SLIDES)))


show_slide()

prev_col, play_col, next_col, _ = st.columns([1, 1, 1, 5])
prev_col.button(t("summit.previous"), on_click=go, args=(-1,), icon=":material/skip_previous:", width="stretch")
playing = st.session_state["playing"]
play_col.button(
    t("summit.pause") if playing else t("summit.play"),
    on_click=lambda: st.session_state.update(playing=not playing, shown_at=time.monotonic()),
    icon=":material/pause:" if playing else ":material/play_arrow:",
    width="stretch",
)
next_col.button(t("summit.next"), on_click=go, args=(1,), icon=":material/skip_next:", width="stretch")

version = cached(queries.data_version)()
changed = fmt.datetime_text(version["loaded_at"], lang) if version else t("common.not_reported")
footer_left, footer_right = st.columns([3, 1])
footer_left.caption(t("summit.footer", changed=changed))
with footer_right:
    link_box(with_qr=True)
