"""Denmark: the Norwegian-Danish summit and the proposed Danish partnership."""

import streamlit as st

from ui import data
from ui.cite import cited_table

st.title("Denmark: towards a Danish LUP?")

statements = data.get("statements", "DK")
for row in statements.to_dict("records"):
    st.markdown(f"- {row['text_en']}", help=f"{row['source']}, {row['locator']}: “{row['quote']}”")

st.header("Who was at the table", divider="gray")
participants = data.get("organisations_with_role", "summit_participant")
cited_table(
    participants,
    {"name": "Organisation", "country": "Country", "sector": "Sector"},
    key="participants",
    file_name="summit_participants.csv",
)
