"""Map: Norway's LUP counties, Sweden's län and Denmark's regions, drawn offline."""

import streamlit as st

from ui import data

st.title("Map")
st.dataframe(data.get("regions"), hide_index=True, width="stretch")
