"""Norway: LUP (Leverandørutviklingsprogrammet), the national supplier-development programme."""

import streamlit as st

from ui import data
from ui.cite import cited_table

st.title("Norway: the national programme for supplier development (LUP)")

goals = data.get("lup_goals")
for level, label in [("vision", "Vision"), ("main", "Main goal")]:
    for row in goals[goals["level"] == level].to_dict("records"):
        st.subheader(label)
        st.write(row["text_en"] or row["text_nb"])
        st.caption(f"“{row['text_nb']}” — {row['source']}, {row['locator']}")

st.header("Regional hubs", divider="gray")
counties = data.get("hub_counties")
hubs = data.get("lup_hubs")
for hub in hubs.to_dict("records"):
    names = counties.loc[counties["hub_id"] == hub["hub_id"], "county_name"].tolist()
    start = f" (from {int(hub['start_year'])})" if hub["start_year"] == hub["start_year"] and hub["start_year"] else ""
    st.markdown(f"**{hub['name']}**{start}: " + ", ".join(names))

st.header("Sub-goals and result targets", divider="gray")
targets = data.get("result_targets")
cited_table(
    targets,
    {"target_id": "No.", "goal_id": "Sub-goal", "text_en": "Result target", "target_value": "Target", "unit": "Unit", "deadline": "By"},
    key="targets",
    file_name="lup_result_targets.csv",
)
