"""Map: Norway's LUP counties by hub, Sweden's län and Denmark's regions, drawn offline."""

import pydeck as pdk
import streamlit as st

from ui import data
from ui.cite import SOURCE_COLUMNS, escape_markdown
from ui.maps import geojson, offline_deck, region_layer, with_properties

st.title("Map")
st.write(
    "Norway's counties as they were in 2015-2019, coloured by the LUP regional hub they belong to; "
    "Sweden's 21 län and Denmark's 5 regions for orientation. Hover for details, click a region to select it."
)

# Hub colours match Streamlit's named markdown colours so the legend can show them.
HUB_COLOURS = {"ostlandet": [28, 131, 225, 200], "midt-nord": [33, 195, 84, 200], "sor-vest": [255, 164, 33, 200]}
LEGEND = {"ostlandet": "blue", "midt-nord": "green", "sor-vest": "orange"}
NEUTRAL = {"SE": [190, 186, 218, 170], "DK": [241, 182, 218, 190], "NO": [200, 200, 200, 170]}

regions = data.get("regions")
hubs = data.get("hub_counties").set_index("county_code")


def properties(row: dict) -> dict:
    hub = hubs.loc[row["code"]] if row["code"] in hubs.index else None
    return {
        "region": row["name"],
        "kind": row["kind"],
        "hub": hub["hub_name"] if hub is not None else "not part of LUP's hubs" if row["country"] == "NO" else "—",
        "fill": HUB_COLOURS[hub["hub_id"]] if hub is not None else NEUTRAL[row["country"]],
    }


by_code = {r["code"]: properties(r) for r in regions.to_dict("records")}
layers = [region_layer(with_properties(geojson(name), by_code), name) for name in ("no_counties", "se_lan", "dk_regions")]
deck = offline_deck(
    layers, view=pdk.ViewState(latitude=66.5, longitude=16.0, zoom=2.9), tooltip="{region} ({code})\n{kind}\nLUP hub: {hub}"
)

left, right = st.columns([3, 1])
with left:
    event = st.pydeck_chart(deck, height=640, on_select="rerun", selection_mode="single-object", key="nordic-map")
with right:
    st.subheader("Legend")
    for hub_id, colour in LEGEND.items():
        name = hubs.loc[hubs["hub_id"] == hub_id, "hub_name"].iloc[0]
        st.markdown(f":{colour}[■] LUP hub {escape_markdown(name)}")
    st.markdown(":violet[■] Swedish län  \n:red[■] Danish regions")
    selected = [obj for objs in event.selection.get("objects", {}).values() for obj in objs] if event else []
    if selected:
        chosen = selected[0].get("properties", selected[0])
        st.subheader(chosen["region"])
        st.text(f"{chosen['code']} · {chosen['kind']}\nLUP hub: {chosen['hub']}")
    else:
        st.caption("Click a region on the map to see its details here.")

st.subheader("The regions in a table")
hub_links = hubs.reset_index()[["county_code", "hub_name", "source", "locator", "quote"]]
table = regions.rename(columns={"source": "reference"}).merge(hub_links, left_on="code", right_on="county_code", how="left")
table = table[["code", "name", "kind", "valid_to", "merged_into", "reference", "hub_name", "source", "locator", "quote"]].rename(
    columns={
        "name": "Region",
        "kind": "Kind",
        "valid_to": "Until",
        "merged_into": "Merged into",
        "reference": "Code source",
        "hub_name": "LUP hub",
    }
)
st.dataframe(table, hide_index=True, width="stretch", column_config=SOURCE_COLUMNS)
st.caption(
    "Hub membership: cited from the LUP programme description 2015-2019. "
    "Region codes and names: ISO 3166-2 (see Sources › Reference data). "
    "Boundaries: Natural Earth 1:10m admin-1 v4.1.0 (public domain), simplified (seed/geo/README.md). "
    "Nord- and Sør-Trøndelag merged into Trøndelag in 2018; the map shows the counties LUP worked with in 2015-2019."
)
