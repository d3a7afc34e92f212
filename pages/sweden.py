"""Sweden: the buyer networks (beställarnätverk), how they work and are paid for, and what report 2019:3 proposes."""

import altair as alt
import pandas as pd
import pydeck as pdk
import streamlit as st

from model import assessments, sweden  # pure helpers (no SQL); queries go through ui.data
from model.editing import EditError
from ui import data, palette
from ui.charts import chart_panel
from ui.cite import citation_help, cited_metric, cited_table, escape_markdown
from ui.downloads import download_buttons, to_csv
from ui.i18n import language, t
from ui.maps import geojson, offline_deck, region_layer, with_properties
from ui.params import choice_param

lang = language()
NOT_REPORTED = "not_reported"
GREY = "#999999"
TYPE_COLOURS = {"authority": palette.OKABE_ITO["blue"], "buyer": palette.OKABE_ITO["orange"], NOT_REPORTED: GREY}


def type_label(value: str) -> str:
    return t(f"sweden.type.{value}")


def list_param(name: str, options: list[str]) -> list[str]:
    """Repeated query parameters (`?fin=A&fin=B`), keeping only known values: a hand-edited link never crashes."""
    return [v for v in dict.fromkeys(st.query_params.get_all(name)) if v in options]


def cited_line(text: str, row: dict) -> None:
    st.markdown(escape_markdown(text), help=citation_help(row))


st.title(t("sweden.title"))
st.write(t("sweden.intro"))

networks = data.get("sweden.networks")
options = sweden.filter_options(networks)
networks["type_label"] = [type_label(v) for v in networks["type"]]

# --- 1. The networks ------------------------------------------------------------------------------
st.header(t("sweden.networks.header"), divider="gray")
counts = st.columns(3)
for column, fact_id in zip(counts, ["networks_identified", "networks_authority_initiated", "networks_buyer_initiated"], strict=True):
    with column:
        cited_metric(t(f"sweden.fact.{fact_id}"), data.get("fact", fact_id), lang, caveat=False)
named = int((networks["type"] != NOT_REPORTED).sum())
st.caption(t("sweden.networks.type_gap", named=named, total=len(networks)))

filters = st.columns([2, 2, 2, 1.4])
types = filters[0].multiselect(
    t("sweden.filter.type"), options["type"], default=list_param("type", options["type"]), format_func=type_label, key="f-type"
)
financiers = filters[1].multiselect(
    t("sweden.filter.financier"), options["financier"], default=list_param("fin", options["financier"]), key="f-fin"
)
decades = filters[2].multiselect(
    t("sweden.filter.decade"),
    options["decade"],
    default=list_param("decade", options["decade"]),
    format_func=lambda d: t("sweden.under_start_up") if d == "under start-up" else d,
    key="f-decade",
)
colour_by = filters[3].radio(
    t("sweden.filter.colour"),
    ["type", "financier"],
    index=["type", "financier"].index(choice_param("colour", ["type", "financier"], "type")),
    format_func=lambda c: t(f"sweden.colour.{c}"),
    key="f-colour",
)
st.query_params.update({"type": types, "fin": financiers, "decade": decades, "colour": colour_by})
filtered = sweden.filter_networks(networks, types, financiers, decades)
filtered["type_label"] = [type_label(v) for v in filtered["type"]]

# Timeline: one dot per network at its start; clicking a dot selects that start year and filters the table below.
starts = [s for s in networks["start_label"].drop_duplicates()]
start_names = {s: (t("sweden.under_start_up") if s == "under start-up" else s) for s in starts}
filtered["start_shown"] = filtered["start_label"].map(start_names)
if colour_by == "type":
    colour = alt.Color(
        "type_label:N",
        title=t("sweden.col.initiation"),
        scale=alt.Scale(domain=[type_label(k) for k in TYPE_COLOURS], range=list(TYPE_COLOURS.values())),
    )
else:
    fin_domain = sorted(networks["financier"].unique(), key=str.casefold)
    fin_range = [*palette.OKABE_ITO.values(), GREY, "#000000"][: len(fin_domain)]
    colour = alt.Color("financier:N", title=t("sweden.col.financier"), scale=alt.Scale(domain=fin_domain, range=fin_range))
pick = alt.selection_point(name="pick", fields=["start_label"])
base = alt.Chart(filtered, title=t("sweden.timeline.title")).encode(
    x=alt.X(
        "start_shown:O",
        sort=[start_names[s] for s in starts],
        scale=alt.Scale(domain=[start_names[s] for s in starts]),
        title=t("sweden.timeline.x"),
        axis=alt.Axis(labelAngle=0, grid=True),
    ),
    y=alt.Y("name:N", sort=filtered["name"].tolist(), title=None, axis=alt.Axis(labelLimit=260)),
)
dots = (
    base.mark_circle(size=260, stroke="white", strokeWidth=1)
    .encode(
        color=colour,
        opacity=alt.condition(pick, alt.value(1.0), alt.value(0.25)),
        tooltip=[
            alt.Tooltip("name:N", title=t("sweden.col.network")),
            alt.Tooltip("start_shown:N", title=t("sweden.col.start")),
            alt.Tooltip("organiser:N", title=t("sweden.col.organiser")),
            alt.Tooltip("financier:N", title=t("sweden.col.financier")),
            alt.Tooltip("type_label:N", title=t("sweden.col.initiation")),
        ],
    )
    .add_params(pick)
)
timeline = dots.properties(height=alt.Step(26)).configure_legend(symbolSize=160, labelLimit=260)
event = st.altair_chart(timeline, on_select="rerun", key="timeline", width="stretch")
chosen_starts = sorted({p.get("start_label") for p in (event.selection.get("pick") or []) if p.get("start_label")}) if event else []
st.caption(t("sweden.timeline.hint"))
if chosen_starts:
    st.info(t("sweden.timeline.filtered", starts=", ".join(start_names.get(s, s) for s in chosen_starts)), icon=":material/filter_alt:")
    filtered = filtered[filtered["start_label"].isin(chosen_starts)].reset_index(drop=True)

NETWORK_COLUMNS = {
    "name": t("sweden.col.network"),
    "start_shown": t("sweden.col.start"),
    "organiser": t("sweden.col.organiser"),
    "financier": t("sweden.col.financier"),
    "type_label": t("sweden.col.initiation"),
    "focus_en": t("sweden.col.focus"),
    "results": t("sweden.col.results"),
    "source": t("sweden.col.table1_source"),
    "locator": t("sweden.col.table1_where"),
    "quote": t("sweden.col.table1_quote"),
    "initiation_locator": t("sweden.col.initiation_where"),
    "initiation_quote": t("sweden.col.initiation_quote"),
}
shown = filtered.assign(
    focus_en=filtered["focus_en"].fillna(t("common.not_reported")),
    results=filtered["results"].fillna(t("common.not_reported")),
)[list(NETWORK_COLUMNS)].rename(columns=NETWORK_COLUMNS)
st.dataframe(
    shown,
    hide_index=True,
    width="stretch",
    key="networks-table",
    column_config={
        NETWORK_COLUMNS["results"]: st.column_config.TextColumn(width="large"),
        NETWORK_COLUMNS["quote"]: st.column_config.TextColumn(width="medium"),
        NETWORK_COLUMNS["initiation_quote"]: st.column_config.TextColumn(width="medium"),
    },
)
st.caption(t("sweden.networks.shown", n=len(shown), total=len(networks)))
download_buttons(shown, "swedish_buyer_networks", "networks-download")

# Every cell's source on demand: all the store says about one network, each line with its quote.
ids = networks["network_id"].tolist()
names_by_id = dict(zip(networks["network_id"], networks["name"], strict=True))
detail_id = st.selectbox(
    t("sweden.details.pick"),
    ids,
    index=ids.index(choice_param("network", ids, ids[0])),
    format_func=lambda i: names_by_id[i],
    key="f-network",
)
st.query_params["network"] = detail_id
with st.expander(t("sweden.details.header", name=escape_markdown(names_by_id[detail_id])), expanded=False):
    details = data.get("sweden.network_details", detail_id)
    row = networks.set_index("network_id").loc[detail_id]
    if pd.isna(row["initiation"]):
        st.markdown(f"**{t('sweden.col.initiation')}:** {t('common.not_reported')}")
    for item in details.to_dict("records"):
        label = t(f"sweden.attr.{item['attribute']}")
        st.markdown(f"**{label}:** {escape_markdown(item['text'])}", help=citation_help(item))

# --- 2. Who pays ------------------------------------------------------------------------------------
st.header(t("sweden.pays.header"), divider="gray")
st.write(t("sweden.pays.intro"))
pay_left, pay_right = st.columns(2)
with pay_left:
    count_by = st.segmented_control(
        t("sweden.pays.count_by"),
        ["financier", "organiser"],
        default=choice_param("count", ["financier", "organiser"], "financier"),
        format_func=lambda r: t(f"sweden.pays.by.{r}"),
        key="f-count",
    )
    count_by = count_by or "financier"
    st.query_params["count"] = count_by
    counts = data.get("sweden.party_counts", count_by)
    bars = (
        alt.Chart(counts, title=t(f"sweden.pays.count_title.{count_by}"))
        .mark_bar(color=palette.OKABE_ITO["blue" if count_by == "financier" else "vermillion"])
        .encode(
            x=alt.X("networks:Q", title=t("sweden.pays.networks"), axis=alt.Axis(tickMinStep=1)),
            y=alt.Y("party:N", sort="-x", title=None, axis=alt.Axis(labelLimit=240)),
            tooltip=[alt.Tooltip("party:N", title=t(f"sweden.col.{count_by}")), "networks:Q", alt.Tooltip("names:N", title="")],
        )
        .properties(height=alt.Step(28))
    )
    chart_panel(bars, counts, f"swedish_network_{count_by}s")
with pay_right:
    matrix = data.get("sweden.organiser_financier_matrix")
    links = data.get("sweden.funding_links")
    heat = alt.Chart(matrix, title=t("sweden.pays.matrix_title")).encode(
        x=alt.X("financier:N", title=t("sweden.col.financier"), axis=alt.Axis(labelAngle=-40, labelOverlap=False)),
        y=alt.Y("organiser:N", title=t("sweden.col.organiser"), axis=alt.Axis(labelLimit=220)),
    )
    heat = (
        heat.mark_rect(color=palette.OKABE_ITO["green"]).encode(
            opacity=alt.Opacity("networks:Q", scale=alt.Scale(domain=[0, 2]), legend=None),
            tooltip=["organiser:N", "financier:N", "networks:Q", alt.Tooltip("names:N", title="")],
        )
        + heat.mark_text(fontSize=12).encode(text="networks:Q")
    ).properties(height=alt.Step(26))
    chart_panel(heat, links, "swedish_organiser_financier_links")
st.caption(t("sweden.pays.split_note"))

st.subheader(t("sweden.funding.header"))
points = data.get("sweden.funding_points")
general, per_network = points[points["topic"] != "network_funding"], points[points["topic"] == "network_funding"]
key_points = [
    "funding_long_and_short",
    "authority_networks_longterm",
    "buyer_networks_challenge",
    "funding_em_permanent",
    "funding_nv_short_term",
]
lead = general.set_index("statement_id")
short_col, long_col = st.columns(2)
with short_col:
    st.markdown(f"**{t('sweden.funding.key')}**")
    for key in key_points:
        if key in lead.index:
            cited_line(lead.loc[key, "text_en"], lead.loc[key].to_dict())
with long_col:
    st.markdown(f"**{t('sweden.funding.more')}**")
    for item in general[~general["statement_id"].isin(key_points)].to_dict("records"):
        cited_line(item["text_en"], item)
with st.expander(t("sweden.funding.per_network")):
    for item in per_network.to_dict("records"):
        cited_line(item["text_en"], item)

# --- 3. The innovation-procurement stair -----------------------------------------------------------
st.header(t("sweden.stair.header"), divider="gray")
st.write(t("sweden.stair.intro"))
levels = data.get("sweden.stair")
items = data.get("sweden.stair_items")
steps = levels.assign(
    x0=levels["position"] - 1,
    x1=levels["position"],
    y1=levels["position"],
    label=levels["name_sv"] + " · " + levels["name_en"].fillna(""),
    examples=[int(((items["level_id"] == lv) & (items["kind"] == "example")).sum()) for lv in levels["level_id"]],
)
stair_base = alt.Chart(steps, title=t("sweden.stair.title"))
stair_chart = (
    stair_base.mark_rect(stroke="white", strokeWidth=3)
    .encode(
        x=alt.X("x0:Q", axis=None, scale=alt.Scale(domain=[0, 3])),
        x2="x1:Q",
        y=alt.Y("y0:Q", axis=None, scale=alt.Scale(domain=[0, 3.6])),
        y2="y1:Q",
        color=alt.Color(
            "level_id:N",
            scale=alt.Scale(
                domain=["initiera", "introducera", "infora"],
                range=[palette.OKABE_ITO["orange"], palette.OKABE_ITO["sky"], palette.OKABE_ITO["green"]],
            ),
            legend=None,
        ),
        tooltip=[alt.Tooltip("label:N", title=""), alt.Tooltip("definition_en:N", title=""), alt.Tooltip("examples:Q", title="#")],
    )
    .transform_calculate(y0="0")
    + stair_base.mark_text(align="left", dx=6, dy=-10, fontSize=14, fontWeight="bold").encode(x="x0:Q", y="y1:Q", text="label:N")
    + stair_base.mark_text(align="left", dx=6, dy=10, fontSize=11)
    .encode(x="x0:Q", y="y1:Q", text=alt.Text("examples_text:N"))
    .transform_calculate(examples_text=f"datum.examples + ' {t('sweden.stair.examples_short')}'")
).properties(height=340)
chart_panel(
    stair_chart,
    levels[["position", "name_sv", "name_en", "definition_sv", "definition_en", "source", "locator", "quote"]],
    "innovation_procurement_stair",
)
st.caption(t("sweden.stair.market"))
level_cols = st.columns(3)
for column, level in zip(level_cols, levels.to_dict("records"), strict=True):
    with column:
        st.subheader(f"{level['position']}. {escape_markdown(level['name_sv'])}")
        st.caption(escape_markdown(level["name_en"] or ""))
        st.markdown(escape_markdown(level["definition_en"] or level["definition_sv"]), help=citation_help(level))
        st.markdown(f"**{t('sweden.stair.examples')}**")
        for item in items[(items["level_id"] == level["level_id"]) & (items["kind"] == "example")].to_dict("records"):
            st.markdown("- " + escape_markdown(item["text"]), help=citation_help(item))
        st.markdown(f"**{t('sweden.stair.dialogue')}**")
        dialogue = items[(items["level_id"] == level["level_id"]) & (items["kind"] == "dialogue")]
        if dialogue.empty:
            st.caption(t("common.not_reported"))
        for item in dialogue.to_dict("records"):
            st.markdown(escape_markdown(item["text"]), help=citation_help(item))

# --- 4. Success-factor self-check -----------------------------------------------------------------
st.header(t("sweden.check.header"), divider="gray")
st.write(t("sweden.check.intro"))
factors = data.get("success_factors")


def score_chart(table: pd.DataFrame, title: str) -> alt.LayerChart:
    """Bars with a dot at the end, so a score of 0 is visibly 0 rather than an empty row."""
    table = table.assign(factor=table["position"].astype(str) + ". " + table["name_sv"])
    base = alt.Chart(table, title=title).encode(
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 5]), title=t("sweden.check.score"), axis=alt.Axis(tickCount=6)),
        y=alt.Y("factor:N", sort=None, title=None, axis=alt.Axis(labelLimit=200)),
        tooltip=["factor:N", "question_en:N", "score:Q"],
    )
    bars = base.mark_bar(color=palette.OKABE_ITO["green"], opacity=0.6)
    dots = base.mark_circle(color=palette.OKABE_ITO["green"], size=140, opacity=1)
    labels = base.mark_text(dx=14, fontSize=12).encode(text="score:Q")
    return (bars + dots + labels).properties(height=alt.Step(30))


def compare_chart(table: pd.DataFrame) -> alt.Chart:
    """Saved self-checks side by side: one coloured bar per self-check within each factor."""
    table = table.assign(factor=table["position"].astype(str) + ". " + table["name_sv"])
    return (
        alt.Chart(table, title=t("sweden.check.compare_title"))
        .mark_bar()
        .encode(
            x=alt.X("score:Q", scale=alt.Scale(domain=[0, 5]), title=t("sweden.check.score"), axis=alt.Axis(tickCount=6)),
            y=alt.Y("factor:N", sort=None, title=None, axis=alt.Axis(labelLimit=200)),
            yOffset=alt.YOffset("self_check:N"),
            color=alt.Color("self_check:N", title=t("sweden.check.col.name"), scale=alt.Scale(range=list(palette.OKABE_ITO.values()))),
            tooltip=[alt.Tooltip("self_check:N", title=t("sweden.check.col.name")), "factor:N", "score:Q"],
        )
        .properties(height=alt.Step(14 * max(1, table["self_check"].nunique()) + 6))
    )


@st.fragment
def self_check_tool() -> None:
    """The tool reruns on its own, so moving a slider doesn't redraw the whole page."""
    entry, result = st.columns([1, 1])
    with entry:
        name = st.text_input(t("sweden.check.name"), key="sc-name", max_chars=assessments.MAX_NAME, placeholder=t("sweden.check.name_hint"))
        scores = {}
        for factor in factors.to_dict("records"):
            label = f"{factor['position']}. {factor['name_sv']} ({factor['name_en']}): {factor['question_en']}"
            scores[factor["factor_id"]] = st.slider(label, 0, 5, 0, key=f"sc-{factor['factor_id']}", help=citation_help(factor))
        note = st.text_area(t("sweden.check.note"), key="sc-note", max_chars=assessments.MAX_NOTE)
        if st.button(t("sweden.check.save"), type="primary", key="sc-save", icon=":material/save:"):
            try:
                assessments.save_self_check(name, scores, note)
            except EditError as exc:
                st.error(t("sweden.check.refused") + " " + escape_markdown(str(exc)), icon=":material/error:")
            else:
                st.success(t("sweden.check.saved", name=escape_markdown(name.strip())), icon=":material/check:")
    with result:
        current = factors.assign(score=[scores[f] for f in factors["factor_id"]])
        st.altair_chart(score_chart(current, t("sweden.check.current")), width="stretch")
        st.caption(t("sweden.check.total", total=sum(scores.values()), max=5 * len(scores)))
        st.download_button(
            t("sweden.check.download_current"),
            to_csv(
                current.assign(self_check=name.strip(), note=note.strip())[
                    [
                        "self_check",
                        "factor_id",
                        "position",
                        "name_sv",
                        "name_en",
                        "question_en",
                        "score",
                        "note",
                        "source",
                        "locator",
                        "quote",
                    ]
                ]
            ),
            "self_check_draft.csv",
            "text/csv",
            key="sc-download-current",
            icon=":material/download:",
        )
    with st.expander(t("sweden.check.import")):
        st.caption(t("sweden.check.import_help"))
        upload = st.file_uploader(t("sweden.check.import_file"), type=["csv"], key="sc-import")
        if upload is not None and st.button(t("sweden.check.import_save"), key="sc-import-save"):
            try:
                imported_name, imported_scores, imported_note = assessments.read_self_check_csv(upload.getvalue())
                assessments.save_self_check(imported_name, imported_scores, imported_note)
            except EditError as exc:
                st.error(t("sweden.check.refused") + " " + escape_markdown(str(exc)), icon=":material/error:")
            else:
                st.success(t("sweden.check.saved", name=escape_markdown(imported_name)), icon=":material/check:")
    saved = assessments.self_checks()  # user rows: read fresh, never from the data-version cache
    st.subheader(t("sweden.check.saved_header"))
    if saved.empty:
        st.caption(t("sweden.check.none_saved"))
        return
    headers = {f["factor_id"]: f"{f['position']}. {f['name_sv']}" for f in factors.to_dict("records")}
    headers.update({c: t(f"sweden.check.col.{c}") for c in ("name", "total", "note", "created_at", "updated_at")})
    listed = saved.drop(columns=["version"]).rename(columns=headers)
    st.dataframe(listed, hide_index=True, width="stretch", key="sc-saved")
    download_buttons(saved.drop(columns=["version"]), "success_factor_self_checks", "sc-saved-download")
    names = saved["name"].tolist()
    chosen = st.multiselect(t("sweden.check.compare"), names, default=names[:1], key="sc-compare")
    if not chosen:
        return
    notes = saved.set_index("name")["note"]
    compared = pd.concat([assessments.self_check_long(n).assign(self_check=n, note=notes[n]) for n in chosen], ignore_index=True)
    st.altair_chart(compare_chart(compared), width="stretch")
    st.download_button(
        t("sweden.check.download_one"),
        to_csv(
            compared[
                ["self_check", "factor_id", "position", "name_sv", "name_en", "question_en", "score", "note", "source", "locator", "quote"]
            ]
        ),
        "self_checks_compared.csv" if len(chosen) > 1 else "self_check.csv",
        "text/csv",
        key="sc-download-one",
        icon=":material/download:",
    )


self_check_tool()

# --- 5. Proposals and new areas ---------------------------------------------------------------------
st.header(t("sweden.proposals.header"), divider="gray")
p_counts = st.columns(3)
for column, fact_id in zip(p_counts, ["proposals_total", "proposals_own_agency", "proposals_other"], strict=True):
    with column:
        cited_metric(t(f"sweden.fact.{fact_id}"), data.get("fact", fact_id), lang, caveat=False)
proposals = data.get("proposals")
cited_table(
    proposals.assign(authorities=proposals["authorities"].fillna(t("common.not_reported"))),
    {
        "section": t("sweden.col.section"),
        "title_sv": t("sweden.col.title_sv"),
        "title_en": t("sweden.col.title_en"),
        "summary_en": t("sweden.col.summary"),
        "authorities": t("sweden.col.authorities"),
    },
    key="proposals",
    file_name="swedish_proposals.csv",
)
st.subheader(t("sweden.areas.header"))
areas = data.get("new_network_areas")
cited_table(
    areas,
    {
        "name_sv": t("sweden.col.area_sv"),
        "name_en": t("sweden.col.area_en"),
        "authorities": t("sweden.col.authorities"),
        "text_en": t("sweden.col.summary"),
    },
    key="areas",
    file_name="swedish_new_network_areas.csv",
)

# --- 6. Map: organisers at their seats on Sweden's 21 län ---------------------------------------------
st.header(t("sweden.map.header"), divider="gray")
st.write(t("sweden.map.intro"))
lan = data.get("sweden.lan_counts")
seats = data.get("sweden.organiser_seats")
dots_data = data.get("sweden.seat_points")
most = max(1, int(lan["networks"].max()))
lan_props = {
    r["code"]: {
        "label": r["name"],
        "detail": t("sweden.map.lan_detail", n=r["networks"]),
        "fill": palette.rgba(palette.OKABE_ITO["sky"], 130 + int(120 * r["networks"] / most))
        if r["networks"]
        else palette.rgba(palette.NEUTRAL_HEX["SE"], 110),
    }
    for r in lan.to_dict("records")
}
dots_data = dots_data.assign(
    label=dots_data["seat"] + " (" + dots_data["lan"] + ")",
    radius=15_000 + 7_000 * dots_data["networks"],  # metres; clamped to 6-26 px below
)
seat_layer = pdk.Layer(
    "ScatterplotLayer",
    dots_data[["label", "detail", "lat", "lon", "radius"]],
    id="organiser-seats",
    get_position="[lon, lat]",
    get_radius="radius",
    radius_min_pixels=6,
    radius_max_pixels=26,
    get_fill_color=palette.rgba(palette.OKABE_ITO["vermillion"], 230),
    get_line_color=[255, 255, 255],
    stroked=True,
    line_width_min_pixels=1,
    pickable=True,
)
deck = offline_deck(
    [region_layer(with_properties(geojson("se_lan"), lan_props), "se-lan"), seat_layer],
    view=pdk.ViewState(latitude=62.3, longitude=16.5, zoom=3.5),
    tooltip="{label}\n{detail}",
)
map_col, legend_col = st.columns([3, 2])
with map_col:
    st.pydeck_chart(deck, height=560, key="sweden-map")
with legend_col:
    st.caption(t("sweden.map.legend"))
    unplaced = seats[seats["seat"].isna()]
    if not unplaced.empty:
        st.markdown(f"**{t('sweden.map.unplaced')}**")
        for r in unplaced.to_dict("records"):
            st.markdown(f"- {escape_markdown(r['organiser'])} ({escape_markdown(r['networks'])}): {t('sweden.map.no_seat')}")
seat_table = seats.rename(
    columns={
        "organiser": t("sweden.col.organiser"),
        "networks": t("sweden.col.networks"),
        "seat": t("sweden.col.seat"),
        "lan": t("sweden.col.lan"),
        "lan_code": t("sweden.col.lan_code"),
        "source": t("sweden.col.reference"),
        "year": t("sweden.col.year"),
    }
).drop(columns=["note"])
seat_table = seat_table.assign(
    lat=[f"{v:.2f}" if pd.notna(v) else None for v in seat_table["lat"]],
    lon=[f"{v:.2f}" if pd.notna(v) else None for v in seat_table["lon"]],
    **{t("sweden.col.year"): [str(int(v)) if pd.notna(v) else None for v in seat_table[t("sweden.col.year")]]},
)
shown_seats = seat_table.astype(object).where(seat_table.notna(), "—")
shown_seats[t("sweden.col.seat")] = seat_table[t("sweden.col.seat")].fillna(t("sweden.map.no_seat"))
st.dataframe(
    shown_seats,
    hide_index=True,
    width="stretch",
    key="seats-table",
)
download_buttons(seat_table, "swedish_organiser_seats", "seats-download")
st.caption(t("sweden.map.caption"))
