"""The framework floor: an (almost) empty Streamlit page with one control, for `make bench` to compare against.

`?with=chart|table|map` adds one tiny chart, table or map (no tiles), so the report can show what
Streamlit itself needs before a page's first chart, table or map is visible. `?with=deck&rec=NAME&size=SIZE`
draws a recorded page's own map(s) (bench/replay.py) in place of the one dot: the map's own cost, on the
same page, without the page's other elements (`&layout=wide`: as wide as the app's pages draw it).
"""

import json
from urllib.parse import quote

import pandas as pd
import pydeck as pdk
import streamlit as st

from bench import replay

OFFLINE_STYLE = "data:application/json," + quote(json.dumps({"version": 8, "sources": {}, "layers": []}))

if st.query_params.get("layout") == "wide":  # the app's own pages are wide: a map as wide as theirs
    st.set_page_config(layout="wide")
st.title("Empty page")
choice = st.segmented_control("Currency", ["EUR", "NOK", "SEK", "DKK"], default="EUR", key="currency")
st.write(f"Chosen: {choice}")

extra = st.query_params.get("with")
if extra == "chart":
    bars = {"values": [{"country": "NO", "value": 1}, {"country": "SE", "value": 2}]}
    encoding = {"x": {"field": "value", "type": "quantitative"}, "y": {"field": "country", "type": "nominal"}}
    st.vega_lite_chart({"data": bars, "mark": "bar", "encoding": encoding}, width="stretch")
elif extra == "table":
    st.dataframe(pd.DataFrame({"country": ["NO", "SE", "DK"], "value": [1, 2, 3]}), hide_index=True)
elif extra == "map":  # an inline style with no sources, as the app's maps have: nothing is fetched
    dot = pdk.Layer("ScatterplotLayer", data=[{"at": [10.7, 59.9]}], get_position="at", get_radius=50_000, get_fill_color=[0, 114, 178])
    view = pdk.ViewState(latitude=60, longitude=10, zoom=3)
    st.pydeck_chart(pdk.Deck(layers=[dot], map_provider=None, map_style=OFFLINE_STYLE, initial_view_state=view))
elif extra == "deck":
    for call in replay.decks(replay.load(st.query_params.get("rec", "map"), st.query_params.get("size", "seed"))):
        st.pydeck_chart(*call.args, **call.kwargs)
