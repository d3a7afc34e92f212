"""The hubs on a map: hub and county pickers (in the URL), the county map, and the chosen hub's or county's panel."""

from __future__ import annotations

import pandas as pd
import pydeck as pdk
import streamlit as st

from model import format as fmt
from model import norway, queries
from ui import palette
from ui.cite import Line, citation_help, draw_lines, escape_markdown
from ui.data import cached, shared
from ui.downloads import download_buttons
from ui.i18n import language, t
from ui.maps import BuiltDeck, frame_layer, geojson, legend, moved, offline_deck, region_alt, region_layers, with_properties
from ui.norway.common import ALL
from ui.params import choice_param, remember_param

MAP_KEY = "norway-map"


def _on_hub() -> None:
    st.session_state["norway-county"] = ALL


def _on_county() -> None:
    code = st.session_state["norway-county"]
    hub = cached(norway.counties)().set_index("code").at[code, "hub_id"] if code != ALL else None
    if isinstance(hub, str):
        st.session_state["norway-hub"] = hub


def _on_map_click() -> None:
    """A county clicked on the map becomes the county picker's value, before this run draws the pickers.

    As a callback (not a `st.rerun()` after drawing) a click costs one run, not two, and no run can
    race it. A click on the sea, or on the county the map already holds (which deck.gl un-selects),
    leaves the choice as it is.
    """
    event = st.session_state.get(MAP_KEY) or {}
    picked = [obj for layer in event.get("selection", {}).get("objects", {}).values() for obj in layer]
    code = picked[0].get("properties", picked[0]).get("code") if picked else None
    if code in set(cached(norway.counties)()["code"]):
        st.session_state["norway-county"] = code
        _on_county()


def choose_hub_and_county(hubs: pd.DataFrame, counties: pd.DataFrame) -> tuple[str, str]:
    """Two selectboxes, set by the link on arrival and by a click on the map; both written back to the URL."""
    hub_ids, county_codes = [ALL, *hubs.index], [ALL, *counties["code"]]
    hub_labels, county_labels = _picker_labels(hubs, counties)
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
        format_func=hub_labels.__getitem__,
    )
    county_col.selectbox(
        t("norway.map.choose_county"),
        county_codes,
        key="norway-county",
        on_change=_on_county,
        format_func=county_labels.__getitem__,
    )
    chosen_hub, chosen_county = st.session_state["norway-hub"], st.session_state["norway-county"]
    remember_param("hub", chosen_hub, ALL)  # written on every run, so the address bar always reopens what is on screen
    remember_param("county", chosen_county, ALL)
    return chosen_hub, chosen_county


def _built_picker_labels(hubs: pd.DataFrame, counties: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """What the two pickers show for each option: the hub's name, "County (NO-03)", "All …" for the first."""
    hub_labels = {ALL: t("norway.all_hubs"), **{h: hubs.at[h, "name"] for h in hubs.index}}
    county_labels = {ALL: t("norway.all_counties"), **{c: f"{n} ({c})" for c, n in zip(counties["code"], counties["name"], strict=True)}}
    return hub_labels, county_labels


# Once per data version and language (the frames are the store's at that version): the pickers' labels were
# pandas lookups and translations on every rerun; as dicts, each option costs one lookup.
_picker_labels = shared(_built_picker_labels, inputs=lambda hubs, counties: None)


def _county_properties(row: dict, chosen_hub: str, chosen_county: str) -> dict:
    in_focus = chosen_hub in (ALL, row["hub_id"]) and chosen_county in (ALL, row["code"])
    neutral = palette.neutral_colour("NO")
    colour = palette.HUB.get(row["hub_id"], neutral) if isinstance(row["hub_id"], str) else neutral
    until = f" (–{int(row['valid_to'])}, → Trøndelag 2018)" if not fmt.is_missing(row["valid_to"]) else ""
    return {
        "county": row["name"] + until,
        "hub": row["hub_name"] if isinstance(row["hub_name"], str) else t("norway.no_hub"),
        "programmes": row["programmes"] or "—",
        "fill": palette.on_land(colour, 220 if in_focus else 60),
    }


# Mainland Norway fills the map; Svalbard (800 km north, 1 500 km of it sea) sits in a framed inset in the
# Norwegian Sea west of Nordland, moved and shrunk (its shape kept: Mercator stretches 78° N ~1.6x more than 69° N).
SVALBARD, SVALBARD_BOX, SVALBARD_INSET = "NO-21", (10.4, 74.2, 33.7, 80.9), (4.6, 67.5, 11.2, 70.6)
MAINLAND_VIEW = pdk.ViewState(latitude=65.3, longitude=17.9, zoom=3.2)  # fits a 390 px phone too


def county_map(hubs: pd.DataFrame, counties: pd.DataFrame, chosen_hub: str, chosen_county: str) -> None:
    """The counties coloured by hub, fitted to the mainland with Svalbard inset; a click on a county chooses it."""
    deck, alt, legend_items = _county_map(hubs, counties, chosen_hub, chosen_county)
    st.pydeck_chart(deck, height=560, on_select=_on_map_click, selection_mode="single-object", key=MAP_KEY, alt=alt)
    legend(legend_items)
    st.caption(t("norway.map.legend_note") + " " + t("norway.map.svalbard_inset"))


def _built_county_map(
    hubs: pd.DataFrame, counties: pd.DataFrame, chosen_hub: str, chosen_county: str
) -> tuple[BuiltDeck, str, list[tuple[str, str]]]:
    """The deck (as its JSON), its text alternative and the legend's items."""
    properties = {r["code"]: _county_properties(r, chosen_hub, chosen_county) for r in counties.to_dict("records")}
    shapes = moved(with_properties(geojson("no_counties"), properties), SVALBARD, SVALBARD_BOX, SVALBARD_INSET)
    deck = offline_deck(
        [*region_layers(shapes, "no-counties", MAINLAND_VIEW.zoom), frame_layer(SVALBARD_INSET, "svalbard-inset", MAINLAND_VIEW.zoom)],
        view=MAINLAND_VIEW,
        drawn={"NO"},
        tooltip="{county} ({code})\n" + t("norway.hub") + ": {hub}\n" + t("norway.programmes") + ": {programmes}",
    )
    by_hub = {
        f"{t('norway.hub')} {hub}" if hub else t("norway.no_hub"): group["name"].tolist()
        for hub, group in counties.groupby(counties["hub_name"].fillna(""), sort=False)
    }
    return BuiltDeck(deck), region_alt(by_hub), [(palette.HUB[h["hub_id"]], _legend_label(h)) for h in hubs.to_dict("records")]


# Once per data version, language and choice in this process, not on every rerun (~2/3 of the section's warm rerun).
# The frames are the store's hubs and counties at that data version and language (cached queries), so the choice is the key.
_county_map = shared(_built_county_map, inputs=lambda hubs, counties, chosen_hub, chosen_county: (chosen_hub, chosen_county))


def _legend_label(hub: dict) -> str:
    """'Hub Sør- og Vestlandet (from 2017)' where the sources give a start year."""
    label = f"{t('norway.hub')} {hub['name']}"
    return label if fmt.is_missing(hub["start_year"]) else f"{label} ({t('norway.map.since', year=int(hub['start_year']))})"


def _programme_details(programme: dict) -> None:
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


def _hub_panel(hub: dict) -> None:
    start = int(hub["start_year"]) if not fmt.is_missing(hub["start_year"]) else None
    st.subheader(escape_markdown(hub["name"]))
    st.markdown(t("norway.panel.start", year=start) if start else t("norway.panel.no_start"), help=citation_help(hub))
    st.markdown(f"**{t('norway.panel.counties')} ({hub['county_count']}):** {escape_markdown(hub['counties'])}")
    programmes = cached(norway.hub_programmes)(hub["hub_id"])
    st.markdown(f"**{t('norway.programmes')}:**" + ("" if len(programmes) else f" {t('norway.panel.no_programmes')}"))
    for programme in programmes.to_dict("records"):
        _programme_details(programme)


def _county_panel(counties: pd.DataFrame, code: str) -> None:
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


def choice_panel(hubs: pd.DataFrame, counties: pd.DataFrame, chosen_hub: str, chosen_county: str) -> None:
    """The chosen county and its hub; or every hub; or, for Svalbard, the programme that covers it."""
    if chosen_county != ALL:
        _county_panel(counties, chosen_county)
        chosen_hub = counties.set_index("code").at[chosen_county, "hub_id"]
    if isinstance(chosen_hub, str) and chosen_hub != ALL:
        _hub_panel(hubs.loc[chosen_hub].to_dict())
    elif chosen_county == ALL:
        st.caption(t("norway.panel.hint"))
        for line in _hub_lines(hubs):
            st.markdown(line)
    else:  # Svalbard: covered by a regional programme but not by a hub
        for programme in cached(queries.regional_programmes)().to_dict("records"):
            if chosen_county in programme["county_codes"]:
                _programme_details(programme)


def _built_hub_lines(hubs: pd.DataFrame) -> list[str]:
    """Every hub with its number of counties, as the panel lists them when nothing is chosen."""
    counties = t("norway.panel.counties").lower()
    return [f"**{escape_markdown(hub['name'])}** · {hub['county_count']} {counties}" for hub in hubs.to_dict("records")]


# Once per data version and language: `hubs.to_dict` alone was about a millisecond of each rerun.
_hub_lines = shared(_built_hub_lines, inputs=lambda hubs: None)


def regional_findings() -> None:
    """What the sources say about the regional programmes as a whole, in an expander."""
    with st.expander(t("norway.regional.header")):
        draw_lines(shared(_regional_findings)())


def _regional_findings() -> list[Line]:
    """Each figure and statement as its line and its citation (once per data version and language)."""
    lang = language()
    figures = [
        (f"**{escape_markdown(fmt.fact_value(row, lang))}** · {escape_markdown(row['label_en'])}", citation_help(row))
        for row in cached(norway.regional_facts)().to_dict("records")
    ]
    statements = cached(norway.regional_statements)().to_dict("records")
    return figures + [(f"- {escape_markdown(row['text_en'])}", citation_help(row)) for row in statements]


def county_download(counties: pd.DataFrame) -> None:
    download_buttons(_county_table(counties), "lup_counties", "norway-counties")


def _built_county_table(counties: pd.DataFrame) -> pd.DataFrame:
    named = counties.rename(columns={"hub_name": t("norway.hub"), "name": t("norway.county"), "programmes": t("norway.programmes")})
    return named.drop(columns=["hub_id"])


# Once per data version and language: `counties` is the store's at that version, so it needs no key of its own.
_county_table = shared(_built_county_table, inputs=lambda counties: None)
