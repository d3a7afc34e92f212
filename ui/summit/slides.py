"""The show: one message a slide (one big cited figure, one chart, or a few cited lines).

Every figure keeps its source line on the slide (no hover on a big screen), a lower bound is
drawn as a bound (`> 300 bn`, an open-ended bar), and figures of different years or sources
carry their caveat. The big screen and the phones draw the same slides, sized by `ui.summit.style`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

import altair as alt
import pandas as pd
import streamlit as st

from model import countries, overview, queries, views
from model import format as fmt
from model.translations import translate_frame
from ui import palette
from ui.cite import escape_markdown
from ui.data import cached, shared
from ui.i18n import language, t
from ui.summit.svg import svg_chart

BOUND_QUALIFIERS = {"more_than", "at_least"}
WIDE_WIDTH = 1500  # px of bars on a slide held sideways (1080p, 4K), scaled to the screen
NARROW_WIDTH = 520  # px of bars beside the names: on a 390 px phone the type is ~16 px, not 8
LABEL_ROOM = 380  # px the longest end label ("≈ 8.257 €", 36 px bold) and the open end's arrow need beyond the bar


def source_name(source: str) -> str:
    """A document as a reader cites it ('Upphandlingsmyndigheten, Rapport 2019:3'). Rows from `ui.data.cached`
    already name it so (`model.citation`); a bare file name is looked up the same way."""
    return _source_names().get(source, source)


@shared  # one dict per data version for every screen and phone, not the sources table unpickled per source line
def _source_names() -> dict[str, str]:
    sources = cached(queries.sources)()
    return {
        str(row["file"]): str(row["cite_as"]) if not fmt.is_missing(row["cite_as"]) else str(row["title"]).split(". ")[0]
        for row in sources.to_dict("records")
    }


def source_line(row: dict) -> str:
    """'Source: document, place · as of' in plain text (escaped: a stored text never becomes markup)."""
    where = f"{source_name(row['source'])}, {row['locator']}"
    as_of = "" if fmt.is_missing(row.get("as_of")) else f" · {t('common.as_of')}: {row['as_of']}"
    return escape_markdown(f"{t('common.source')}: {where}{as_of}")


@shared  # every phone's rerun reads the slide's facts: one translated dict per data version and language
def fact(fact_id: str) -> dict | None:
    """A fact with its prose (as of, caveat) in the reader's language (shared: read it, never change it)."""
    row = cached(queries.fact)(fact_id)
    if row is None:
        return None
    return translate_frame(pd.DataFrame([row]), language(), "*/facts.csv").iloc[0].to_dict()


def big_figure(text: str) -> None:
    st.markdown(f'<p class="summit-figure">{html.escape(text)}</p>', unsafe_allow_html=True)


@dataclass(frozen=True)
class Figure:
    """A slide with one cited figure: title, what it counts, the number, its source and caveats."""

    title_key: str
    fact_id: str
    label_key: str
    caveat_key: str | None = None

    def __call__(self) -> None:
        st.title(t(self.title_key), anchor=False)
        st.subheader(t(self.label_key), anchor=False)
        row = fact(self.fact_id)
        if row is None:
            big_figure("—")
            st.caption(t("common.not_reported"))
            return
        big_figure(fmt.fact_value(row, language()))
        st.caption(source_line(row))
        caveats = [t(self.caveat_key)] if self.caveat_key else []
        if not fmt.is_missing(row.get("caveat")) and not self.caveat_key:
            caveats.append(str(row["caveat"]))
        for caveat in caveats:
            st.caption(escape_markdown(caveat))


def intro() -> None:
    st.title(t("app.title"), anchor=False)
    st.subheader(t("summit.intro"), anchor=False)
    models = cached(overview.comparison)().query("row == 'model'").drop_duplicates("country").set_index("country")["text"]
    for country in countries.compared():
        summary = t(f"overview.model.{country.code}")  # a short summary where the catalogs have one, else the cited statement
        model = models.get(country.code, "") if summary.startswith("overview.") else summary
        st.markdown(f"- **{escape_markdown(country.name(language()))}**: {escape_markdown(model)}")


def denmark() -> None:
    st.title(t("summit.denmark"), anchor=False)
    statements = translate_frame(cached(queries.statements)("DK"), language(), "*/statements.csv").set_index("statement_id")
    for key in views.refs("summit", "denmark")["points"]:
        if key in statements.index:
            row = statements.loc[key].to_dict()
            st.markdown("- " + escape_markdown(row["text_en"]))
            st.caption(source_line(row))


def per_capita() -> None:
    """Per inhabitant, the three stated volumes: Denmark's is a lower bound, so its bar stays open."""
    st.title(t("summit.per_capita"), anchor=False)
    frame = cached(overview.normalised_procurement)("EUR", 2016)
    labels = [
        fmt.QUALIFIER_PREFIX.get(q or "", "") + fmt.number(round(v), language()) + " €"
        for v, q in zip(frame["per_capita"], frame["qualifier"], strict=True)
    ]
    chart_frame = frame.assign(
        country_name=[countries.name(c, language()) for c in frame["country"]],
        label=labels,
        bound=frame["qualifier"].isin(BOUND_QUALIFIERS),
    )[["country", "country_name", "per_capita", "label", "bound"]]
    svg_chart(
        per_capita_chart(chart_frame),
        t("summit.per_capita_alt", values="; ".join(f"{n}: {lab}" for n, lab in zip(chart_frame["country_name"], labels, strict=True))),
        narrow=per_capita_chart(chart_frame, width=NARROW_WIDTH),
    )
    st.caption(escape_markdown(t("summit.per_capita_formula")))
    st.caption(escape_markdown(t("overview.normalised.caveat")))
    st.caption(
        escape_markdown(
            t("common.source")
            + ": "
            + "; ".join(dict.fromkeys(f"{source_name(s)}, {loc}" for s, loc in zip(frame["source"], frame["locator"], strict=True)))
        )
    )


def per_capita_chart(frame: pd.DataFrame, width: int = WIDE_WIDTH) -> alt.LayerChart:
    """Bars labelled at their ends (no axis to count ticks on); a lower bound continues, faded, to the edge with '>'."""
    top = float(frame["per_capita"].max()) * (1 + max(0.35, LABEL_ROOM / width))  # room for the end labels, narrow too
    frame = frame.assign(edge=top)
    colour = alt.Color("country:N", scale=palette.country_scale(list(frame["country"])), legend=None)
    x = alt.X("per_capita:Q", axis=None, scale=alt.Scale(domain=[0, top]))
    y = alt.Y(
        "country_name:N", sort=None, title=None, axis=alt.Axis(labelFontSize=34, labelPadding=14, ticks=False, domain=False, labelLimit=400)
    )
    base = alt.Chart(frame).encode(y=y)
    bars = base.mark_bar(height=70).encode(x=x, color=colour)
    open_end = base.transform_filter("datum.bound").mark_bar(height=70, opacity=0.22).encode(x=x, x2="edge:Q", color=colour)
    arrow = (
        base.transform_filter("datum.bound")
        # Inside the open end on a wide slide; past it on a narrow one, where the open end is only as long as its label.
        .mark_text(text="▶", fontSize=40, **({"align": "right", "dx": -4} if width >= WIDE_WIDTH else {"align": "left", "dx": 6}))
        .encode(x=alt.X("edge:Q", axis=None), color=colour)
    )
    labels = base.mark_text(align="left", dx=14, fontSize=36, fontWeight="bold", color="#111").encode(x=x, text="label:N")
    return (bars + open_end + arrow + labels).properties(width=width, height=420).configure_view(stroke=None)


def _figure(slide: str, slot: str, *caveat_key: str) -> Figure:
    """A slide of one big figure: the fact the view manifest names for `summit`, `slide`, `slot`."""
    return Figure(f"summit.{slide}", views.ref("summit", slide, slot), f"summit.{slot}", *caveat_key)


SLIDES: list[Callable[[], None]] = [
    intro,
    _figure("norway", "workplaces", "summit.article_caveat"),
    _figure("norway", "savings", "summit.article_caveat"),
    _figure("sweden", "networks"),
    _figure("sweden", "procurement"),
    denmark,
    _figure("denmark", "procurement", "summit.bound_caveat"),
    per_capita,
]


def show(index: int) -> None:
    SLIDES[index % len(SLIDES)]()
