"""The framework floor: an (almost) empty Streamlit page with one control, for `make bench` to compare against.

`?with=chart|table|map` adds one tiny chart, table or map (no tiles), so the report can show what
Streamlit itself needs before a page's first chart, table or map is visible.
"""

import pandas as pd
import pydeck as pdk
import streamlit as st

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
elif extra == "map":
    dot = pdk.Layer("ScatterplotLayer", data=[{"at": [10.7, 59.9]}], get_position="at", get_radius=50_000, get_fill_color=[0, 114, 178])
    st.pydeck_chart(pdk.Deck(layers=[dot], map_style=None, initial_view_state=pdk.ViewState(latitude=60, longitude=10, zoom=3)))
