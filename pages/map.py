"""Map: Norway's LUP counties by hub, Sweden's län and Denmark's regions, drawn offline."""

import pydeck as pdk
import streamlit as st

from model import countries, queries
from model.schema import CITATION_COLUMNS
from ui import downloads, palette
from ui.cite import source_columns
from ui.data import cached
from ui.i18n import t
from ui.maps import geojson, legend, offline_deck, region_alt, region_layer, with_properties

st.title(t("map.title"))
st.write(t("map.intro"))

HUB_COLOURS = {hub: palette.rgba(colour) for hub, colour in palette.HUB.items()}

regions = cached(queries.regions)()
hubs = cached(queries.hub_counties)().set_index("county_code")


def properties(row: dict) -> dict:
    hub = hubs.loc[row["code"]] if row["code"] in hubs.index else None
    return {
        "region": row["name"],
        "kind": row["kind"],
        "hub": hub["hub_name"] if hub is not None else t("map.not_in_hub") if row["country"] == "NO" else "—",
        "fill": HUB_COLOURS[hub["hub_id"]] if hub is not None else palette.rgba(palette.neutral_colour(row["country"]), 170),
    }


by_code = {r["code"]: properties(r) for r in regions.to_dict("records")}
layers = [region_layer(with_properties(geojson(c.boundary), by_code), c.boundary.stem) for c in countries.mapped() if c.boundary]
deck = offline_deck(
    layers, view=pdk.ViewState(latitude=66.5, longitude=16.0, zoom=2.9), tooltip="{region} ({code})\n{kind}\n" + t("map.hub") + ": {hub}"
)

left, right = st.columns([3, 1])
with left:
    groups: dict[str, list[str]] = {}  # the text alternative: regions by what their colour says
    for row in regions.to_dict("records"):
        shown = by_code[row["code"]]
        group = f"{t('map.hub')} {shown['hub']}" if row["code"] in hubs.index else t(f"country.{row['country']}")
        groups.setdefault(group, []).append(row["name"])
    event = st.pydeck_chart(deck, height=640, on_select="rerun", selection_mode="single-object", key="nordic-map", alt=region_alt(groups))
with right:
    st.subheader(t("map.legend"))
    items = [(colour, f"{t('map.hub')} {hubs.loc[hubs['hub_id'] == hub, 'hub_name'].iloc[0]}") for hub, colour in palette.HUB.items()]
    items += [(c.neutral, t(c.regions_key)) for c in countries.mapped() if c.regions_key]
    legend(items)
    selected = [obj for objs in event.selection.get("objects", {}).values() for obj in objs] if event else []
    if selected:
        chosen = selected[0].get("properties", selected[0])
        st.subheader(chosen["region"])
        st.text(f"{chosen['code']} · {chosen['kind']}\n{t('map.hub')}: {chosen['hub']}")
    else:
        st.caption(t("map.click_hint"))

st.subheader(t("map.table"))
hub_links = hubs.reset_index()[["county_code", "hub_name", *CITATION_COLUMNS]]
table = regions.rename(columns={"source": "reference"}).merge(hub_links, left_on="code", right_on="county_code", how="left")
# Store names: `downloads.table` gives each its heading in the reader's language (col.* keys).
table = table[["code", "name", "kind", "valid_to", "merged_into", "reference", "hub_name", *CITATION_COLUMNS]].rename(
    columns={"name": "region", "reference": "code_source"}
)
downloads.table(table, "regions_and_hubs", "map-regions", column_config={"quote": source_columns()["quote"]})
st.caption(t("map.caption"))
