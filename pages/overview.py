"""Nordic overview: the three models side by side."""

import streamlit as st

from ui import data
from ui.cite import cited_metric

st.title("Nordic Procurement Compass")
st.write("Three Nordic ways of driving innovation through public procurement, side by side. Every figure names its source: hover over it.")

COUNTRIES = [
    ("NO", "Norway: national programme with regional hubs"),
    ("SE", "Sweden: buyer networks"),
    ("DK", "Denmark: proposed partnership"),
]
columns = st.columns(3)
for column, (code, label) in zip(columns, COUNTRIES, strict=True):
    with column:
        st.subheader(label)
        facts = data.get("facts", code)
        if facts.empty:
            st.info("Not reported in the sources.")
        for row in facts.to_dict("records"):
            cited_metric(row["label_en"], row)
