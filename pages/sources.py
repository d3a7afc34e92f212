"""Sources: every document the dashboard cites, with every fact cited from it."""

import streamlit as st

from ui import data
from ui.cite import SOURCE_COLUMNS

st.title("Sources")
st.write(
    "Every figure in this dashboard comes from one of these documents, with the exact words that prove it, "
    "or from the reference data listed below, which names its own source and year."
)

sources = data.get("sources")
citations = data.get("citations")

for doc in sources.to_dict("records"):
    cited = citations[citations["source_file"] == doc["file"]]
    with st.expander(f"{doc['title']} — {len(cited)} cited facts", expanded=False):
        st.caption(f"{doc['file']} · {doc['kind']} · language: {doc['language']} · published: {doc['published'] or 'not stated'}")
        if doc["title_en"]:
            st.write(f"English: {doc['title_en']}")
        table = cited[["entity", "entity_key", "locator", "quote"]].rename(columns={"entity": "table", "entity_key": "row"})
        st.dataframe(table, hide_index=True, width="stretch", column_config={"quote": SOURCE_COLUMNS["quote"]})

st.header("Reference data", divider="gray")
st.write("Not in the documents: used for maps and normalised comparisons. Each row names its source and year.")
for name, label in [
    ("regions", "Counties, län and regions"),
    ("population", "Population"),
    ("exchange_rates", "Exchange rates (per euro)"),
    ("municipality_counts", "Number of municipalities"),
]:
    with st.expander(label):
        st.dataframe(data.get(name), hide_index=True, width="stretch")
