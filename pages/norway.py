"""Norway: LUP (Leverandørutviklingsprogrammet), its regional hubs on a map, its targets and its findings.

One section at a time (`ui.sections`): at a glance, the hubs on a map, the targets, small municipalities.
"""

import altair as alt
import pandas as pd
import pydeck as pdk
import streamlit as st

from model import format as fmt
from model import norway, queries
from model.schema import CITATION_COLUMNS, FindingKind
from ui import palette
from ui.charts import cached_chart, chart_panel
from ui.cite import citation_help, cited_metric, escape_markdown, source_columns
from ui.data import cached
from ui.downloads import download_buttons
from ui.i18n import language, nt, t
from ui.maps import geojson, legend, offline_deck, region_layer, with_properties
from ui.params import choice_param
from ui.sections import sections

lang = language()
ALL = "all"
st.title(t("norway.title"))
st.write(t("norway.intro"))

# --- At a glance ---------------------------------------------------------------------------
GLANCE = [
    ("norway.glance.period", "no-lup-period"),
    ("norway.glance.since", "no-lup-established"),
    ("norway.glance.pilots", "no-lup-pilots-2014"),
    ("norway.glance.budget", "no-lup-annual-budget"),
    ("norway.glance.staff", "no-lup-national-fte"),
    ("norway.glance.hubs", "no-lup-hubs"),
]
ROLES = [("lup_owner", "norway.role.owners"), ("lup_steering_lead", "norway.role.steering"), ("lup_ministry", "norway.role.ministries")]
ROLES += [("lup_key_actor", "norway.role.key_actors")]


def named_facts() -> pd.DataFrame:
    """The page's named facts (the key figures and the public workplaces), indexed by id."""
    return cached(norway.named_facts)((*[f for _, f in GLANCE], "no-lup-public-workplaces")).set_index("fact_id", drop=False)


def fact(facts: pd.DataFrame, fact_id: str) -> dict | None:
    return facts.loc[fact_id].to_dict() if fact_id in facts.index else None


def glance_section() -> None:
    """The programme's key figures, who owns and steers it, and its vision and main goal."""
    facts = named_facts()
    for column, (label, fact_id) in zip(st.columns(3) * 2, GLANCE, strict=True):
        with column:
            cited_metric(t(label), fact(facts, fact_id), lang)
    for column, (role, label) in zip(st.columns(4), ROLES, strict=True):
        orgs = cached(queries.organisations_with_role)(role, "LUP 2015-2019")
        names = ", ".join(escape_markdown(name) for name in orgs["name"])
        column.markdown(
            f"**{t(label)}**  \n{names or t('common.not_reported')}", help=citation_help(orgs.iloc[0].to_dict()) if len(orgs) else None
        )
    goals = cached(queries.lup_goals)().set_index("goal_id", drop=False)
    with st.expander(t("norway.goals.header"), expanded=True):
        for goal_id in ("vision", "main"):
            row = goals.loc[goal_id].to_dict()
            st.markdown(f"**{t(f'norway.goals.{goal_id}')}:** {escape_markdown(row['text_en'])}", help=citation_help(row))
            st.caption(f"“{row['text_nb']}”")


# --- The hubs on a map ---------------------------------------------------------------------
def _remember(name: str, value: str) -> None:
    if value == ALL:
        st.query_params.pop(name, None)
    else:
        st.query_params[name] = value


def _on_hub() -> None:
    st.session_state["norway-county"] = ALL


def _on_county() -> None:
    code = st.session_state["norway-county"]
    hub = cached(norway.counties)().set_index("code").at[code, "hub_id"] if code != ALL else None
    if isinstance(hub, str):
        st.session_state["norway-hub"] = hub


def _picked_county(event: dict) -> str | None:
    picked = [obj for layer in event.get("selection", {}).get("objects", {}).values() for obj in layer]
    return picked[0].get("properties", picked[0]).get("code") if picked else None


def choose_hub_and_county(hubs: pd.DataFrame, counties: pd.DataFrame) -> tuple[str, str]:
    """Two selectboxes, set by the link on arrival and by a click on the map; both written back to the URL."""
    hub_ids, county_codes = [ALL, *hubs.index], [ALL, *counties["code"]]
    county_names = dict(zip(counties["code"], counties["name"], strict=True))
    # A county clicked on the map becomes the selectboxes' value on the next run (widgets above the map can't change after drawing).
    if (clicked := st.session_state.pop("norway-clicked", None)) is not None:
        st.session_state["norway-county"] = clicked
        _on_county()
    # The URL is the source of truth on arrival, so a copied link reopens the same selection.
    if "norway-county" not in st.session_state:
        linked_county = choice_param("county", county_codes, ALL)
        county_hub = counties.set_index("code")["hub_id"].get(linked_county)
        st.session_state["norway-county"] = linked_county
        st.session_state["norway-hub"] = county_hub if isinstance(county_hub, str) else choice_param("hub", hub_ids, ALL)
    hub_col, county_col = st.columns(2)
    hub_col.selectbox(
        t("norway.map.choose_hub"),
        hub_ids,
        key="norway-hub",
        on_change=_on_hub,
        format_func=lambda h: t("norway.all_hubs") if h == ALL else hubs.at[h, "name"],
    )
    county_col.selectbox(
        t("norway.map.choose_county"),
        county_codes,
        key="norway-county",
        on_change=_on_county,
        format_func=lambda c: t("norway.all_counties") if c == ALL else f"{county_names[c]} ({c})",
    )
    chosen_hub, chosen_county = st.session_state["norway-hub"], st.session_state["norway-county"]
    _remember("hub", chosen_hub)  # written on every run, so the address bar always reopens what is on screen
    _remember("county", chosen_county)
    return chosen_hub, chosen_county


def county_properties(row: dict, chosen_hub: str, chosen_county: str) -> dict:
    in_focus = chosen_hub in (ALL, row["hub_id"]) and chosen_county in (ALL, row["code"])
    colour = palette.HUB.get(row["hub_id"], palette.NEUTRAL_HEX["NO"]) if isinstance(row["hub_id"], str) else palette.NEUTRAL_HEX["NO"]
    until = f" (–{int(row['valid_to'])}, → Trøndelag 2018)" if not fmt.is_missing(row["valid_to"]) else ""
    return {
        "county": row["name"] + until,
        "hub": row["hub_name"] if isinstance(row["hub_name"], str) else t("norway.no_hub"),
        "programmes": row["programmes"] or "—",
        "fill": palette.rgba(colour, 220 if in_focus else 60),
    }


def county_map(hubs: pd.DataFrame, counties: pd.DataFrame, chosen_hub: str, chosen_county: str) -> None:
    """The counties coloured by hub; a click on a county chooses it."""
    properties = {r["code"]: county_properties(r, chosen_hub, chosen_county) for r in counties.to_dict("records")}
    deck = offline_deck(
        [region_layer(with_properties(geojson("no_counties"), properties), "no-counties")],
        view=pdk.ViewState(latitude=71.5, longitude=18.0, zoom=2.45),
        tooltip="{county} ({code})\n" + t("norway.hub") + ": {hub}\n" + t("norway.programmes") + ": {programmes}",
    )
    event = st.pydeck_chart(deck, height=560, on_select="rerun", selection_mode="single-object", key="norway-map")
    clicked = _picked_county(event)
    if clicked and clicked != st.session_state.get("norway-last-click"):
        st.session_state["norway-last-click"] = st.session_state["norway-clicked"] = clicked
        st.rerun()
    legend([(palette.HUB[h["hub_id"]], f"{t('norway.hub')} {h['name']}") for h in hubs.to_dict("records")])
    st.caption(t("norway.map.legend_note"))


def programme_details(programme: dict) -> None:
    """A regional programme: name, the counties it covers, and its cited profile grouped by attribute."""
    st.markdown(f"**{escape_markdown(programme['name'])}**", help=citation_help(programme))
    profile = cached(norway.programme_profile)(programme["programme_id"])
    with st.expander(t("norway.programme.details")):
        for attribute, rows in profile.items():
            values = "; ".join(escape_markdown(v) for v in rows["value_text"])
            st.markdown(
                f"**{t(f'norway.attribute.{attribute}')}:** {values}",
                help="\n\n---\n\n".join(citation_help(r) for r in rows.to_dict("records")),
            )


def hub_panel(hub: dict) -> None:
    start = int(hub["start_year"]) if not fmt.is_missing(hub["start_year"]) else None
    st.subheader(escape_markdown(hub["name"]))
    st.markdown(t("norway.panel.start", year=start) if start else t("norway.panel.no_start"), help=citation_help(hub))
    st.markdown(f"**{t('norway.panel.counties')} ({hub['county_count']}):** {escape_markdown(hub['counties'])}")
    programmes = cached(norway.hub_programmes)(hub["hub_id"])
    st.markdown(f"**{t('norway.programmes')}:**" + ("" if len(programmes) else f" {t('norway.panel.no_programmes')}"))
    for programme in programmes.to_dict("records"):
        programme_details(programme)


def county_panel(counties: pd.DataFrame, code: str) -> None:
    row = counties.set_index("code").loc[code].to_dict()
    st.subheader(f"{escape_markdown(row['name'])} ({code})")
    if not fmt.is_missing(row["valid_to"]):
        st.info(t("norway.panel.trondelag", until=int(row["valid_to"])), icon=":material/merge:")
    if isinstance(row["hub_id"], str):
        st.markdown(f"**{t('norway.hub')}:** {escape_markdown(row['hub_name'])}", help=citation_help(row))
    else:
        st.markdown(f"**{t('norway.hub')}:** {t('norway.no_hub')}")
    if row["programmes"]:
        st.markdown(f"**{t('norway.programmes')}:** {escape_markdown(row['programmes'])}")


def map_section() -> None:
    """Where LUP works: the hubs and counties on a map, with the chosen hub's or county's panel beside it."""
    st.header(t("norway.map.header"), divider="gray")
    st.write(t("norway.map.intro"))
    hubs, counties = cached(norway.hubs)().set_index("hub_id", drop=False), cached(norway.counties)()
    chosen_hub, chosen_county = choose_hub_and_county(hubs, counties)
    map_col, panel_col = st.columns([3, 2])
    with map_col:
        county_map(hubs, counties, chosen_hub, chosen_county)
    with panel_col:
        choice_panel(hubs, counties, chosen_hub, chosen_county)
    with st.expander(t("norway.regional.header")):
        for row in cached(norway.regional_facts)().to_dict("records"):
            st.markdown(f"**{escape_markdown(fmt.fact_value(row, lang))}** · {escape_markdown(row['label_en'])}", help=citation_help(row))
        for row in cached(norway.regional_statements)().to_dict("records"):
            st.markdown(f"- {escape_markdown(row['text_en'])}", help=citation_help(row))
    county_table = counties.rename(columns={"hub_name": t("norway.hub"), "name": t("norway.county"), "programmes": t("norway.programmes")})
    download_buttons(county_table.drop(columns=["hub_id"]), "lup_counties", "norway-counties")


def choice_panel(hubs: pd.DataFrame, counties: pd.DataFrame, chosen_hub: str, chosen_county: str) -> None:
    """The chosen county and its hub; or every hub; or, for Svalbard, the programme that covers it."""
    if chosen_county != ALL:
        county_panel(counties, chosen_county)
        chosen_hub = counties.set_index("code").at[chosen_county, "hub_id"]
    if isinstance(chosen_hub, str) and chosen_hub != ALL:
        hub_panel(hubs.loc[chosen_hub].to_dict())
    elif chosen_county == ALL:
        st.caption(t("norway.panel.hint"))
        for hub in hubs.to_dict("records"):
            st.markdown(f"**{escape_markdown(hub['name'])}** · {hub['county_count']} {t('norway.panel.counties').lower()}")
    else:  # Svalbard: covered by a regional programme but not by a hub
        for programme in cached(queries.regional_programmes)().to_dict("records"):
            if chosen_county in programme["county_codes"]:
                programme_details(programme)


# --- Targets -------------------------------------------------------------------------------
def reported_text(row: dict) -> str:
    if fmt.is_missing(row["reported_value"]):
        return t("common.not_reported")
    return f"{fmt.amount(float(row['reported_value']), row['reported_unit'], lang)} ({row['reported_as_of']})"


def target_table(shown: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("norway.col.number"): shown["target_id"],
            t("norway.col.goal"): [t(f"norway.goal.{g}") for g in shown["goal_id"]],
            t("norway.col.target"): shown["text_en"],
            t("norway.col.value"): [
                fmt.number(v, lang) if not fmt.is_missing(v) else t("norway.not_stated") for v in shown["target_value"]
            ],
            t("norway.col.unit"): shown["unit"],
            t("norway.col.deadline"): shown["deadline"],
            t("norway.col.reported"): [reported_text(r) for r in shown.to_dict("records")],
            t("norway.col.reported_note"): shown["reported_note"],
            "source": shown["source"],
            "locator": shown["locator"],
            "quote": shown["quote"],
        }
    )


@cached_chart
def targets_chart(numeric: pd.DataFrame) -> alt.LayerChart:
    """Bars coloured by main goal, each labelled with its value and unit (units differ, so the axis alone would mislead)."""
    bars = alt.Chart(numeric, title=t("norway.targets.chart_title")).encode(
        x=alt.X("target_value:Q", title=t("norway.col.value")),
        y=alt.Y("target_id:N", sort=list(numeric["target_id"]), title=t("norway.col.number")),
        tooltip=[
            alt.Tooltip("target_id:N", title=t("norway.col.number")),
            alt.Tooltip("text_en:N", title=t("norway.col.target")),
            alt.Tooltip("label:N", title=t("norway.col.value")),
            alt.Tooltip("deadline:N", title=t("norway.col.deadline")),
        ],
    )
    goal_colours = alt.Scale(range=[palette.OKABE_ITO[c] for c in ("blue", "orange", "green")])
    legend = alt.Legend(orient="bottom", labelLimit=400)
    return (
        bars.mark_bar().encode(color=alt.Color("goal_name:N", title=t("norway.col.goal"), scale=goal_colours, legend=legend))
        + bars.mark_text(align="left", dx=4, fontSize=11).encode(text="label:N")
    ).properties(height=alt.Step(24))


def targets_section() -> None:
    """Every numbered result target, filtered by sub-goal (kept in the URL), and the results the sources report."""
    st.header(t("norway.targets.header"), divider="gray")
    st.write(t("norway.targets.intro"))
    goal_ids = [ALL, *cached(norway.goal_ids)()]
    st.session_state.setdefault("norway-goal", choice_param("goal", goal_ids, ALL))
    goal = (
        st.segmented_control(
            t("norway.targets.goal"),
            goal_ids,
            key="norway-goal",
            format_func=lambda g: t("norway.all_goals") if g == ALL else t(f"norway.goal.{g}"),
        )
        or ALL
    )
    _remember("goal", goal)
    targets = cached(norway.targets)()
    shown = targets if goal == ALL else targets[targets["goal_id"] == goal]
    numeric = shown.dropna(subset=["target_value"]).assign(goal_name=lambda f: [t(f"norway.goal.{g}") for g in f["goal_id"]])
    numeric["label"] = [f"{fmt.number(v, lang)} {u}" for v, u in zip(numeric["target_value"], numeric["unit"], strict=True)]
    chart_panel(targets_chart(numeric), target_table(shown), "lup_result_targets")
    st.caption(nt("norway.targets.caption", len(shown) - len(numeric)))

    st.subheader(t("norway.outcomes.header"))
    outcomes = [*cached(norway.other_outcomes)().to_dict("records"), fact(named_facts(), "no-lup-public-workplaces")]
    for column, row in zip(st.columns(3), outcomes, strict=False):
        with column:
            cited_metric(row["label_en"], row, lang)


# --- Small municipalities -----------------------------------------------------------------
def small_municipalities_section() -> None:
    """Barriers, LUP's measures and recommendations per theme, each with its quote."""
    st.header(t("norway.small.header"), divider="gray")
    st.write(t("norway.small.intro"))
    findings = cached(norway.small_municipality_matrix)()
    themes = list(dict.fromkeys(findings["theme"]))
    for tab, theme in zip(st.tabs([t(f"norway.theme.{theme}") for theme in themes]), themes, strict=True):
        with tab:
            rows = findings[findings["theme"] == theme]
            for column, kind in zip(st.columns(3), FindingKind, strict=True):
                column.markdown(f"**{t(f'norway.kind.{kind}')}**")
                entries = rows[rows["kind"] == kind].to_dict("records")
                if not entries:
                    column.caption(t("common.not_reported"))
                for row in entries:
                    column.markdown(f"- {escape_markdown(row['text_en'])}", help=citation_help(row))
    st.caption(t("norway.small.hubs_note"))
    small_statements = cached(queries.statements)("NO")
    for row in small_statements[small_statements["topic"] == "small_municipalities"].to_dict("records"):
        st.markdown(f"- {escape_markdown(row['text_en'])}", help=citation_help(row))
    columns = ["kind", "theme", "text_en", "text_nb", *CITATION_COLUMNS]
    st.dataframe(findings[columns], hide_index=True, column_config=source_columns())


# A link choosing a hub or county opens the map, one choosing a sub-goal the targets, even without ?section=.
linked = "map" if {"hub", "county"} & set(st.query_params) else "targets" if "goal" in st.query_params else None
sections(
    "norway",
    {"glance": glance_section, "map": map_section, "targets": targets_section, "small": small_municipalities_section},
    default=linked,
)
