"""Map: Norway's LUP counties by hub, Sweden's län and Denmark's regions, drawn offline.

The deck, its text alternative, the legend and the table are the same for every reader of one data version
and language: made once per process (`ui.data.shared`), not on every rerun (they were ~3/4 of a warm rerun).
"""

import pandas as pd
import pydeck as pdk
import streamlit as st

from model import countries, queries
from model.schema import CITATION_COLUMNS
from ui import downloads, palette
from ui.cite import source_columns
from ui.data import cached, shared
from ui.i18n import t
from ui.maps import BuiltDeck, geojson, legend, offline_deck, region_alt, region_layers, with_properties

HUB_COLOURS = {hub: palette.on_land(colour) for hub, colour in palette.HUB.items()}


def _hubs() -> pd.DataFrame:
    return cached(queries.hub_counties)().set_index("county_code")


def _properties(row: dict, hubs: pd.DataFrame) -> dict:
    hub = hubs.loc[row["code"]] if row["code"] in hubs.index else None
    return {
        "region": row["name"],
        "kind": row["kind"],
        "hub": hub["hub_name"] if hub is not None else t("map.not_in_hub") if row["country"] == "NO" else "—",
        "fill": HUB_COLOURS[hub["hub_id"]] if hub is not None else palette.on_land(palette.neutral_colour(row["country"]), 170),
    }


def _nordic_map() -> tuple[BuiltDeck, str, list[tuple[str, str]]]:
    """The deck, its text alternative (the regions by what their colour says) and the legend's items."""
    regions, hubs = cached(queries.regions)(), _hubs()
    by_code = {r["code"]: _properties(r, hubs) for r in regions.to_dict("records")}
    mapped = [c for c in countries.mapped() if c.boundary]
    view = pdk.ViewState(latitude=66.5, longitude=16.0, zoom=2.9)
    layers = [layer for c in mapped for layer in region_layers(with_properties(geojson(c.boundary), by_code), c.boundary.stem, view.zoom)]
    tooltip = "{region} ({code})\n{kind}\n" + t("map.hub") + ": {hub}"
    deck = offline_deck(layers, view=view, tooltip=tooltip, drawn={c.code for c in mapped})
    groups: dict[str, list[str]] = {}
    for row in regions.to_dict("records"):
        group = f"{t('map.hub')} {by_code[row['code']]['hub']}" if row["code"] in hubs.index else t(f"country.{row['country']}")
        groups.setdefault(group, []).append(row["name"])
    hub_names = hubs.drop_duplicates("hub_id").set_index("hub_id")["hub_name"]
    items = [(colour, f"{t('map.hub')} {hub_names[hub]}") for hub, colour in palette.HUB.items()]
    items += [(c.neutral, t(c.regions_key)) for c in countries.mapped() if c.regions_key]
    return BuiltDeck(deck), region_alt(groups), items


def _regions_table() -> pd.DataFrame:
    """Every region with its hub and the hub's source (store names: `downloads.table` gives the headings)."""
    hub_links = _hubs().reset_index()[["county_code", "hub_name", *CITATION_COLUMNS]]
    regions = cached(queries.regions)().rename(columns={"source": "reference"})
    table = regions.merge(hub_links, left_on="code", right_on="county_code", how="left")
    columns = ["code", "name", "kind", "valid_to", "merged_into", "reference", "hub_name", *CITATION_COLUMNS]
    return table[columns].rename(columns={"name": "region", "reference": "code_source"})


st.title(t("map.title"))
st.write(t("map.intro"))
deck, alt, legend_items = shared(_nordic_map)()
left, right = st.columns([3, 1])
with left:
    event = st.pydeck_chart(deck, height=640, on_select="rerun", selection_mode="single-object", key="nordic-map", alt=alt)
with right:
    st.subheader(t("map.legend"))
    legend(legend_items)
    selected = [obj for objs in event.selection.get("objects", {}).values() for obj in objs] if event else []
    if selected:
        chosen = selected[0].get("properties", selected[0])
        st.subheader(chosen["region"])
        st.text(f"{chosen['code']} · {chosen['kind']}\n{t('map.hub')}: {chosen['hub']}")
    else:
        st.caption(t("map.click_hint"))

st.subheader(t("map.table"))
downloads.table(shared(_regions_table)(), "regions_and_hubs", "map-regions", column_config={"quote": source_columns()["quote"]})
st.caption(t("map.caption"))
