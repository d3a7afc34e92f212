"""Charts the Our-World-in-Data way: the chart, its table, its sources and downloads.

Speed: building an Altair chart and converting it to Vega-Lite (schema lookups, validation, data
sanitising) cost more than everything else a warm rerun does. So charts are built by functions
decorated with `@cached_chart`: they run once per distinct input and language, and every rerun after
that draws the cached Vega-Lite dict with `st.vega_lite_chart` (bench/README.md has the numbers).
"""

from __future__ import annotations

import functools
import json
import os
import textwrap
import threading
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st
import vl_convert as vlc
from babel.numbers import format_compact_decimal, format_decimal
from streamlit.dataframe_util import convert_anything_to_arrow_bytes

from model import format as fmt
from model import queries
from model.format import unusual
from reports.charts import BOUNDED
from ui.cite import source_columns
from ui.data import cached, digest, shared
from ui.downloads import download_buttons, on_screen, sources_of
from ui.i18n import language, nt, t

VegaSpec = dict[str, Any]
Chart = alt.TopLevelMixin | VegaSpec
_altair_globals = threading.Lock()  # Altair's theme and data transformer are process-wide settings


def _frames_by_name(data: pd.DataFrame, datasets: dict[str, pd.DataFrame]) -> dict[str, str]:
    """Altair data transformer: keep each chart's frame as it is (Streamlit sends it as Arrow, not JSON rows)."""
    name = f"data-{len(datasets)}"
    datasets[name] = data
    return {"name": name}


alt.data_transformers.register("compass_frames", _frames_by_name)


def vega_spec(chart: alt.TopLevelMixin) -> VegaSpec:
    """The chart as a Vega-Lite dict whose `datasets` are DataFrames.

    Schema validation runs where mistakes are caught (the tests set COMPASS_VALIDATE_CHARTS=1), not on
    every draw. No row limit: the frames go to the browser as Arrow, as `st.altair_chart` would send them.
    """
    datasets: dict[str, pd.DataFrame] = {}
    with _altair_globals, alt.theme.enable("none"), alt.data_transformers.enable("compass_frames", datasets=datasets):
        spec = chart.to_dict(validate=os.environ.get("COMPASS_VALIDATE_CHARTS") == "1")
    spec["datasets"] = {**spec.get("datasets", {}), **datasets}
    return phone_first(spec)


PHONE = 500  # px of chart width below which a chart lays itself out for a phone
PHONE_LABEL_LIMIT = 96  # px: a phone's category labels give the plot at least ~250 px of a 390 px screen
TITLE_LINE = 40  # characters: longer titles wrap onto a second line instead of being cut


def _wrapped(title: str) -> str | list[str]:
    """A long title as lines (Vega-Lite draws a list as lines; it would cut a long string at the chart's edge)."""
    return title if len(title) <= TITLE_LINE else textwrap.wrap(title, TITLE_LINE)


def _phone_labels(part: VegaSpec) -> None:
    """Category labels and text marks that give way on a narrow chart (a Vega expression on the chart's own width)."""
    y = (part.get("encoding") or {}).get("y")
    if isinstance(y, dict) and y.get("type") in ("nominal", "ordinal") and y.get("axis", {}) is not None:
        axis = y.setdefault("axis", {})
        desktop = axis.get("labelLimit", 180)
        if isinstance(desktop, int | float):
            axis["labelLimit"] = {"expr": f"containerSize()[0] < {PHONE} ? {PHONE_LABEL_LIMIT} : {desktop}"}
    mark = part.get("mark")
    if isinstance(mark, dict) and mark.get("type") == "text" and "limit" not in mark:
        mark["limit"] = {"expr": f"containerSize()[0] < {PHONE} ? containerSize()[0] * 0.3 : 0"}


def _wrap_title(part: VegaSpec) -> None:
    title = part.get("title")
    if isinstance(title, str):
        part["title"] = _wrapped(title)
    elif isinstance(title, dict) and isinstance(title.get("text"), str):
        title["text"] = _wrapped(title["text"])


def phone_first(spec: VegaSpec) -> VegaSpec:
    """Legends below the plot, category labels that give way on a narrow screen, titles that wrap.

    A legend on the right and 260 px of labels left a 390 px phone ~80 px of plot. The labels' limit is a
    Vega expression on the chart's own width, so a desktop keeps its long labels.
    """
    # Fit the width only: fitting the height too would take the legend's rows out of the plot's own height.
    spec.setdefault("autosize", {"type": "fit-x", "contains": "padding"})
    config = spec.setdefault("config", {})
    config.setdefault("legend", {}).update({"orient": "bottom", "direction": "vertical", "labelLimit": 320, "titleLimit": 320})
    config.setdefault("title", {}).update({"anchor": "start", "frame": "bounds"})
    for part in [spec, *spec.get("layer", [])]:
        _phone_labels(part)
        _wrap_title(part)
    return spec


class BuiltSpec(dict[str, Any]):
    """A built chart: its Vega-Lite dict (datasets as DataFrames, which exports and the text alternative read)
    that also carries `sent`, what the browser gets: the datasets already as Arrow bytes and the text
    alternative as the spec's `description` (Streamlit's `alt` ends up there too)."""

    sent: VegaSpec


def _built(spec: VegaSpec) -> BuiltSpec:
    built = BuiltSpec(spec)
    frames = spec.get("datasets", {})
    arrow = {name: convert_anything_to_arrow_bytes(d) if isinstance(d, pd.DataFrame) else d for name, d in frames.items()}
    built.sent = {**spec, "datasets": arrow, "description": text_alternative(spec)}
    return built


def _inputs(*args: Any, **kwargs: Any) -> str:
    return digest((args, sorted(kwargs.items())))


def cached_chart(builder: Callable[..., alt.TopLevelMixin]) -> Callable[..., VegaSpec]:
    """Turn a chart builder into one that returns the Vega-Lite dict, built once per input and language.

    Kept in this process and handed out as the same object (`ui.data.shared`; never mutate it): `st.cache_data`
    unpickled a copy of the spec and its frames on every rerun, and the datasets went to Arrow on every draw.
    """

    @functools.wraps(builder)
    def build(*args: Any, **kwargs: Any) -> VegaSpec:
        return _built(with_locale(vega_spec(builder(*args, **kwargs)), language()))

    return functools.wraps(builder)(shared(build, inputs=_inputs))  # `__wrapped__` is the builder itself


def with_locale(spec: VegaSpec, lang: str) -> VegaSpec:
    """Axes and tooltips with the reader's separators ('2.000' in Danish, not '2,000')."""
    config = spec.get("config", {})
    return {**spec, "config": {**config, "locale": {**config.get("locale", {}), "number": fmt.vega_number_locale(lang)}}}


def _as_spec(chart: Chart) -> VegaSpec:
    return chart if isinstance(chart, dict) else with_locale(vega_spec(chart), language())


def json_spec(spec: VegaSpec) -> str:
    """Self-contained JSON of a spec (datasets as rows), for vl-convert's PNG and SVG."""
    datasets = {name: json.loads(d.to_json(orient="records", date_format="iso")) for name, d in spec.get("datasets", {}).items()}
    return json.dumps({**spec, "datasets": datasets}, default=str)


def _encoded_fields(spec: VegaSpec) -> list[tuple[str, str | None]]:
    """(field, title) of the channels a reader needs, from the spec or its first layer that has them.

    A colour without a legend repeats another channel (the country name beside its code) and is left out;
    a channel without a title of its own is read by its values alone (field names are not words).
    """
    for part in [spec, *spec.get("layer", [])]:
        encoding = part.get("encoding") or {}
        fields: list[tuple[str, str | None]] = []
        for name in ("y", "x", "theta", "color", "size"):
            channel = encoding.get(name)
            if not isinstance(channel, dict) or not isinstance(channel.get("field"), str):
                continue
            if name in ("color", "size") and channel.get("legend", {}) is None:
                continue
            title = channel.get("title")
            fields.append((channel["field"], title if isinstance(title, str) and title else None))
        if fields:
            return fields
    return []


def _spoken(value: Any, lang: str) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if (odd := unusual(float(value), lang)) is not None:  # nan, inf, 1e308: Babel would raise
        return odd
    if float(value).is_integer() and abs(value) < 10_000:
        return str(int(value))  # years and small counts, without a thousands separator
    if abs(value) >= 10_000:
        return format_compact_decimal(value, locale=lang, fraction_digits=1)
    return format_decimal(value, format="#,##0.##", locale=lang)


def text_alternative(spec: VegaSpec, limit: int = 8) -> str:
    """What a screen reader says for a chart: its values row by row (the first `limit`), in the reader's language.

    WCAG 1.1.1: Vega's own label is "Vega visualization", which says nothing; the Table tab holds all rows.
    """
    lang = language()
    frames = [d for d in spec.get("datasets", {}).values() if isinstance(d, pd.DataFrame)]
    fields = _encoded_fields(spec)
    if not frames or not fields:
        return t("a11y.chart_plain")
    frame = frames[0]
    named = [(field, title) for field, title in fields if field in frame.columns]
    rows = [
        ", ".join(f"{title}: {_spoken(row[field], lang)}" if title else _spoken(row[field], lang) for field, title in named)
        for row in frame.head(limit).to_dict("records")
    ]
    summary = nt("a11y.chart_values", len(frame)) + " " + "; ".join(rows) + "."
    if len(frame) > limit:
        summary += " " + t("a11y.chart_more", more=len(frame) - limit)
    return summary


def draw(chart: Chart, **kwargs: Any) -> Any:
    """Draw a chart (a cached spec or an Altair chart); returns the selection event when `on_select` is given.

    Every chart carries a text alternative (`alt`) in the reader's language, unless the caller gives one.
    """
    spec = _as_spec(chart)
    alt_text = kwargs.pop("alt", None)
    if isinstance(spec, BuiltSpec) and alt_text is None:  # ready to send: Arrow datasets, text alternative inside
        return st.vega_lite_chart(spec.sent, width=kwargs.pop("width", "stretch"), **kwargs)
    return st.vega_lite_chart(spec, width=kwargs.pop("width", "stretch"), alt=alt_text or text_alternative(spec), **kwargs)


@st.cache_data(show_spinner=False, max_entries=64)
def _render(spec: str, fmt: str) -> bytes:
    """PNG or SVG of a Vega-Lite spec, rendered locally by vl-convert (no browser, no internet)."""
    if fmt == "png":
        return vlc.vegalite_to_png(spec, scale=2)
    return vlc.vegalite_to_svg(spec).encode("utf-8")


def _quote_column() -> dict[str, st.column_config.Column]:
    """The quote column wide; its heading is the translated one `for_screen` gives it."""
    return {t("col.quote"): source_columns()["quote"]}


FOOTER_LINE = 15  # pixels a footer line takes in an exported chart


def travelling_spec(spec: VegaSpec, source_line: str, notes: list[str], stamp: str, width: int = 640) -> VegaSpec:
    """The chart as a file that keeps its context (as Our World in Data's do): its title and subtitle above,
    its sources, notes, data version and date below, all inside the PNG/SVG."""
    inner = {k: v for k, v in spec.items() if k not in ("$schema", "datasets", "config", "title")}
    if inner.get("width") in (None, "container"):
        inner["width"] = width
    title = spec.get("title") or ""
    title = title if isinstance(title, dict) else {"text": title}
    # Wrapped to the chart's width (about 6.5 px a character at 11 px): a long sources line stays inside the file.
    lines = [part for line in (source_line, *notes, stamp) for part in textwrap.wrap(line, max(40, int(inner["width"] / 6.5)))]
    footer = {
        "data": {"values": [{}]},
        "mark": {"type": "text", "align": "left", "baseline": "top", "fontSize": 11, "color": "#444", "lineHeight": FOOTER_LINE},
        "encoding": {"text": {"value": lines}, "x": {"value": 0}, "y": {"value": 0}},
        "width": inner["width"],
        "height": FOOTER_LINE * len(lines),
    }
    subtitle = [title["subtitle"]] if isinstance(title.get("subtitle"), str) else list(title.get("subtitle") or [])
    return {
        "$schema": spec.get("$schema", "https://vega.github.io/schema/vega-lite/v5.json"),
        "datasets": spec.get("datasets", {}),
        "config": {**spec.get("config", {}), "view": {"stroke": None}},
        "title": {**title, "subtitle": subtitle, "anchor": "start", "fontSize": 16},
        "vconcat": [inner, footer],
        "spacing": 18,
    }


def _document_names() -> dict[str, str]:
    """Each source file's document name (its title's first sentence), for the line under an exported chart."""
    return {str(f): str(title).split(". ")[0] for f, title in cached(queries.sources)()[["file", "title"]].itertuples(index=False)}


document_names = shared(_document_names)


def _export_context(table: pd.DataFrame, sources: pd.DataFrame | None) -> tuple[str, list[str], str]:
    """The sources line (documents by name), notes (lower bounds, other years) and the data version stamp of a chart."""
    cited = sources if sources is not None else table
    names_of = document_names()
    files = [f for f in dict.fromkeys(cited["source"].dropna()) if isinstance(f, str)] if "source" in cited.columns else []
    names = [names_of.get(f, f) for f in files]
    source_line = f"{t('common.sources')}: {'; '.join(names) if names else t('common.not_reported')}"
    notes = []
    if {"qualifier", "country_name"} <= set(table.columns):
        notes = [
            f"{name}: {t('brief.lower_bound')}" for name, q in zip(table["country_name"], table["qualifier"], strict=True) if q in BOUNDED
        ]
    version = cached(queries.data_version)()
    stamp = f"Nordic Procurement Compass · {t('common.data_version')} #{version['id']} · {version['loaded_at']:%Y-%m-%d}" if version else ""
    return source_line, notes, stamp


export_context = shared(_export_context, inputs=lambda table, sources: digest((table, sources)))


def chart_panel(chart: Chart, table: pd.DataFrame, file_stem: str, sources: pd.DataFrame | None = None, key: str | None = None) -> None:
    """Tabs for the chart, its data, its sources and its downloads (CSV, XLSX, PNG, SVG, made when clicked),
    as Our World in Data's grapher has them.

    The tabs are lazy: only the open one is built and sent, so a page's hidden tables and buttons cost its
    reruns and the browser nothing (four download buttons were a third of a currency click); opening one
    reruns the page (or the fragment it sits in). `key` names the tabs' state when `file_stem` changes with
    the data (a currency in a file name must not reset the open tab).
    """
    labels = [t("common.chart"), t("common.table"), t("common.sources"), t("common.download")]
    chart_tab, table_tab, sources_tab, download_tab = st.tabs(labels, key=f"{key or file_stem}-view", on_change="rerun")
    spec = _as_spec(chart)
    if chart_tab.open:
        with chart_tab:
            draw(spec)
    if table_tab.open:
        with table_tab:
            st.dataframe(on_screen(table, language()), hide_index=True, width="stretch", column_config=_quote_column())
    if sources_tab.open:
        with sources_tab:
            cited = sources_of(table, sources)
            if cited is not None:
                st.dataframe(on_screen(cited, language()), hide_index=True, width="stretch", column_config=_quote_column())
    if download_tab.open:
        with download_tab:
            _downloads(spec, table, file_stem, sources)


def _downloads(spec: VegaSpec, table: pd.DataFrame, file_stem: str, sources: pd.DataFrame | None) -> None:
    """The table as CSV and XLSX, the chart as PNG and SVG that carry their title, sources and data version."""
    st.caption(t("charts.download_note"))
    download_buttons(table, file_stem, file_stem, sources)
    png_col, svg_col = st.columns(2)
    context = export_context(table, sources)  # now: the file is made later, outside this run (no page language there)

    def exported(fmt: str) -> bytes:
        return _render(json_spec(travelling_spec(spec, *context)), fmt)

    for column, kind, mime in ((png_col, "png", "image/png"), (svg_col, "svg", "image/svg+xml")):
        column.download_button(
            t(f"overview.download_{kind}"),
            functools.partial(exported, kind),
            f"{file_stem}.{kind}",
            mime,
            key=f"{file_stem}-{kind}",
            icon=":material/image:",
            on_click="ignore",
        )
