"""Sweden: buyer networks (beställarnätverk) supported by the Procurement Agency."""

import streamlit as st

from ui import data
from ui.cite import cited_table

st.title("Sweden: buyer networks (beställarnätverk)")
st.write("Public buyers pooling demand around a shared need, as described in Upphandlingsmyndigheten's report 2019:3.")

networks = data.get("buyer_networks")
cited_table(
    networks,
    {
        "name": "Network",
        "start_year": "Start",
        "start_status": "Status",
        "organiser": "Organiser (arrangör)",
        "financier": "Financier (finansiär)",
        "initiation": "Initiated by",
    },
    key="networks",
    file_name="buyer_networks.csv",
)
