"""Nordic overview: the three models side by side, normalised, and on a timeline."""

import altair as alt
import pandas as pd
import streamlit as st

from model import countries, overview
from model import format as fmt
from model.schema import CITATION_COLUMNS
from reports.charts import bar_labels, per_capita_chart
from ui import palette, store
from ui.charts import VegaSpec, cached_chart, chart_panel
from ui.cite import Line, citation_help, draw_lines, escape_markdown
from ui.data import cached, shared
from ui.downloads import download_buttons
from ui.i18n import language, t
from ui.params import choice_param, int_param

COUNTRIES = list(countries.compared_codes())
CURRENCIES = ["EUR", "NOK", "SEK", "DKK"]
lang = language()

st.title(t("app.title"))
st.write(t("overview.intro"))

# --- The comparison grid -------------------------------------------------------------------
st.header(t("overview.compare.header"), divider="gray")
comparison = cached(overview.comparison)()


def cell_lines(items: list[dict]) -> list[Line]:
    """One cell of the grid: organisations grouped by role, then facts, then statements, each with its quote."""
    groups: dict[str, list[dict]] = {}
    for row in (r for r in items if r["kind"] == "organisation"):
        groups.setdefault(row["group"], []).append(row)
    lines: list[Line] = []
    for group_key, group in groups.items():
        names = ", ".join(escape_markdown(r["text"]) for r in group)
        lines.append((f"{names}  \n:gray[{t(group_key)}]", "\n\n".join(dict.fromkeys(citation_help(r) for r in group))))
    lines += [
        (f"**{escape_markdown(fmt.fact_value(r, lang))}** · {escape_markdown(r['text'])}", citation_help(r))
        for r in items
        if r["kind"] == "fact"
    ]
    return lines + [(escape_markdown(r["text"]), citation_help(r)) for r in items if r["kind"] == "statement"]


@shared  # the same lines for every reader of a data version and language: a rerun only draws them
def grid_cells() -> dict[str, dict[str, list[Line] | None]]:
    """Each row of the grid, and in it each country's lines (None: the sources report nothing)."""
    by_row: dict[str, dict[str, list[dict]]] = {}
    for record in cached(overview.comparison)().to_dict("records"):
        by_row.setdefault(record["row"], {}).setdefault(record["country"], []).append(record)
    return {
        key: {code: cell_lines(items) if (items := by_country.get(code)) and items[0]["kind"] != "none" else None for code in COUNTRIES}
        for key, by_country in by_row.items()
    }


GRID = [1, *[2] * len(COUNTRIES)]  # the row labels, then a column per compared country
header = st.columns(GRID)
for column, code in zip(header[1:], COUNTRIES, strict=True):
    column.subheader(countries.name(code, lang))
    if (summary := t(f"overview.model.{code}")) != f"overview.model.{code}":  # a short summary where the catalogs have one
        column.caption(summary)
# On a phone the columns stack, so each cell carries its country's name; wide screens hide it (static CSS).
st.html("<style>@media (min-width: 640px) { [class*='st-key-country-tag'] { display: none; } }</style>")
for key, by_country in grid_cells().items():
    cells = st.columns(GRID)
    cells[0].markdown(f"**{t(f'overview.row.{key}')}**")
    for column, code in zip(cells[1:], COUNTRIES, strict=True):
        with column:
            with st.container(key=f"country-tag-{key}-{code}"):
                st.caption(countries.name(code, lang))
            if (lines := by_country[code]) is None:
                st.caption(t("common.not_reported"))
            else:
                draw_lines(lines)
download_buttons(comparison, "nordic_comparison", "comparison")

# --- Normalised procurement volume ---------------------------------------------------------
st.header(t("overview.normalised.header"), divider="gray")
st.write(t("overview.normalised.intro"))


@store.fragment  # a currency or year change reruns this section only, not the grid above and the timeline below
def normalised_section() -> None:
    """Currency and year choose the scale of the normalised chart; both are kept in the URL.

    The URL sets the controls once, on arrival (a shared link reopens them); after that the widgets own their values.
    """
    years = cached(overview.rate_years)()
    st.session_state.setdefault("currency", choice_param("currency", CURRENCIES, "EUR"))
    wanted_year = int_param("year", 2016, 0, 9999)
    st.session_state.setdefault("overview-year", wanted_year if wanted_year in years else years[0])
    # One horizontal block, not two columns: a click's fragment is a hall's herd, and each block is a message.
    controls = st.container(horizontal=True, gap="medium")
    with controls:
        currency = st.segmented_control(t("overview.normalised.currency"), CURRENCIES, key="currency") or "EUR"
        year = st.selectbox(t("overview.normalised.year"), years, key="overview-year", width=240)
    if (st.query_params.get("currency"), st.query_params.get("year")) != (currency, str(year)):  # each write is a message
        st.query_params.update({"currency": currency, "year": str(year)})
    table, chart = normalised_view(currency, year)
    chart_panel(chart, table, f"procurement_normalised_{currency}_{year}", key="normalised")


NORMALISED_TABLE = [
    "country_name",
    "stated",
    "stated_unit",
    "qualifier",
    "as_of",
    "converted",
    "currency",
    "per_capita",
    "formula",
    "rate_source",
    "population_source",
    "source",
    "locator",
    "quote",
]


@shared  # once per currency, year, language and data version: a hall of readers switching currency asks the same few
def normalised_view(currency: str, year: int) -> tuple[pd.DataFrame, VegaSpec]:
    """The chart's table (labelled in the reader's language) and its chart."""
    normalised = cached(overview.normalised_procurement)(currency, year)
    normalised["country_name"] = [countries.name(c, lang) for c in normalised["country"]]
    normalised["per_capita_label"] = [fmt.amount(v, currency, lang) for v in normalised["per_capita"]]
    # "> 52 t kr. (lower bound, undated)": a lower bound is drawn open-ended and a figure of another year says its year.
    normalised["bar_label"] = bar_labels(normalised, list(normalised["per_capita_label"]), year, t("brief.lower_bound"), t("brief.undated"))
    return normalised[NORMALISED_TABLE], normalised_chart(normalised, currency, year)


@cached_chart
def normalised_chart(normalised: pd.DataFrame, currency: str, year: int) -> alt.LayerChart:
    title = f"{t('overview.row.procurement')}, {t('overview.normalised.per_capita').lower()} ({currency}, {year})"
    colour = alt.Color("country:N", scale=palette.country_scale(COUNTRIES), legend=None)
    chart = per_capita_chart(normalised, title, f"{t('overview.normalised.per_capita')} ({currency})", colour, room=1.5)
    return chart.encode(
        tooltip=[
            alt.Tooltip("country_name:N", title=t("overview.country")),
            alt.Tooltip("bar_label:N", title=t("overview.normalised.per_capita")),
            "formula:N",
        ]
    )


normalised_section()
st.caption(t("overview.normalised.caveat"))  # outside the fragment: it reads the same whatever the currency

# --- Milestones ------------------------------------------------------------------------------
st.header(t("overview.timeline.header"), divider="gray")


def milestones_section() -> None:
    """The timeline, filtered by country (kept in the URL)."""
    chosen = st.multiselect(
        t("overview.timeline.filter"),
        COUNTRIES,
        default=[c for c in st.query_params.get_all("country") if c in COUNTRIES] or COUNTRIES,
        format_func=lambda c: countries.name(c, lang),
        placeholder=t("common.choose"),
    )
    st.query_params["country"] = chosen
    table, chart = milestones_view(tuple(c for c in COUNTRIES if c in chosen))
    chart_panel(chart, table, "nordic_milestones")


@shared  # once per choice of countries, language and data version, not filtered again on every rerun
def milestones_view(chosen: tuple[str, ...]) -> tuple[pd.DataFrame, VegaSpec]:
    """The chosen countries' milestones (the chart's table) and the chart: one mark per year and country."""
    names = {code: countries.name(code, lang) for code in COUNTRIES}  # a translation per country, not one per row
    milestones = cached(overview.milestones)()
    milestones = milestones[milestones["country"].isin(chosen)].assign(country_name=lambda f: f["country"].map(names))
    # Several networks start in the same year: one mark per year and country, sized by the count.
    points = cached(overview.milestone_points)(chosen)
    points["country_name"] = points["country"].map(names)
    return milestones[["year", "country_name", "label_en", *CITATION_COLUMNS]], milestones_chart(points)


@cached_chart
def milestones_chart(points: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(points, title=t("overview.timeline.header"))
        .mark_circle(opacity=0.85)
        .encode(
            x=alt.X("year:O", title=t("overview.year"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y("country_name:N", title=None),
            color=alt.Color("country:N", scale=palette.country_scale(COUNTRIES), legend=None),
            size=alt.Size("events:Q", scale=alt.Scale(range=[150, 600]), legend=None),
            tooltip=[alt.Tooltip("year:O", title=t("overview.year")), alt.Tooltip("label_en:N", title=t("overview.milestone"))],
        )
        .properties(height=alt.Step(44))  # a fixed band per country: a fixed total height squeezed the rows together
    )


milestones_section()
st.caption(t("overview.timeline.undated"))
