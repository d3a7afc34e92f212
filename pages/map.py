"""Map: Norway's LUP counties by hub, Sweden's län and Denmark's regions, drawn offline."""

import pydeck as pdk
import streamlit as st

from ui import data
from ui.cite import SOURCE_COLUMNS, escape_markdown
from ui.i18n import t
from ui.maps import geojson, offline_deck, region_layer, with_properties

st.title(t("map.title"))
st.write(t("map.intro"))

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
        "hub": hub["hub_name"] if hub is not None else t("map.not_in_hub") if row["country"] == "NO" else "—",
        "fill": HUB_COLOURS[hub["hub_id"]] if hub is not None else NEUTRAL[row["country"]],
    }


by_code = {r["code"]: properties(r) for r in regions.to_dict("records")}
layers = [region_layer(with_properties(geojson(name), by_code), name) for name in ("no_counties", "se_lan", "dk_regions")]
deck = offline_deck(
    layers, view=pdk.ViewState(latitude=66.5, longitude=16.0, zoom=2.9), tooltip="{region} ({code})\n{kind}\n" + t("map.hub") + ": {hub}"
)

left, right = st.columns([3, 1])
with left:
    event = st.pydeck_chart(deck, height=640, on_select="rerun", selection_mode="single-object", key="nordic-map")
with right:
    st.subheader(t("map.legend"))
    for hub_id, colour in LEGEND.items():
        name = hubs.loc[hubs["hub_id"] == hub_id, "hub_name"].iloc[0]
        st.markdown(f":{colour}[■] {t('map.hub')} {escape_markdown(name)}")
    st.markdown(f":violet[■] {t('map.swedish_lan')}  \n:red[■] {t('map.danish_regions')}")
    selected = [obj for objs in event.selection.get("objects", {}).values() for obj in objs] if event else []
    if selected:
        chosen = selected[0].get("properties", selected[0])
        st.subheader(chosen["region"])
        st.text(f"{chosen['code']} · {chosen['kind']}\n{t('map.hub')}: {chosen['hub']}")
    else:
        st.caption(t("map.click_hint"))

st.subheader(t("map.table"))
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
st.caption(t("map.caption"))
