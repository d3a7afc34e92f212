"""Norway: LUP (Leverandørutviklingsprogrammet), its regional hubs on a map, its targets and its findings.

One section at a time (`ui.sections`); each section's drawing lives in `ui/norway/`; the figures come
from `model.norway`.
"""

import pandas as pd
import streamlit as st

from model import norway
from ui.data import cached, shared
from ui.i18n import t
from ui.norway import glance, hub_map, small, targets
from ui.sections import sections

st.title(t("norway.title"))
st.write(t("norway.intro"))


def glance_section() -> None:
    """The programme's key figures, who owns and steers it, and its vision and main goal."""
    glance.key_figures()
    glance.roles()
    glance.goals()


def hubs_and_counties() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The hubs (by id) and the counties: the same frames for every reader of a data version and language (never
    changed: the section copies what it reshapes), not unpickled from the query cache on every rerun."""
    return cached(norway.hubs)().set_index("hub_id", drop=False), cached(norway.counties)()


def map_section() -> None:
    """Where LUP works: the hubs and counties on a map, with the chosen hub's or county's panel beside it."""
    st.header(t("norway.map.header"), divider="gray")
    st.write(t("norway.map.intro"))
    hubs, counties = shared(hubs_and_counties)()
    chosen_hub, chosen_county = hub_map.choose_hub_and_county(hubs, counties)
    map_col, panel_col = st.columns([3, 2])
    with map_col:
        hub_map.county_map(hubs, counties, chosen_hub, chosen_county)
    with panel_col:
        hub_map.choice_panel(hubs, counties, chosen_hub, chosen_county)
    hub_map.regional_findings()
    hub_map.county_download(counties)


def targets_section() -> None:
    """Every numbered result target, filtered by sub-goal (kept in the URL), and the results the sources report."""
    st.header(t("norway.targets.header"), divider="gray")
    st.write(t("norway.targets.intro"))
    targets.targets_panel(targets.goal_filter())
    st.subheader(t("norway.outcomes.header"))
    targets.outcomes()


def small_municipalities_section() -> None:
    st.header(t("norway.small.header"), divider="gray")
    st.write(t("norway.small.intro"))
    small.findings_by_theme()
    st.caption(t("norway.small.hubs_note"))
    small.statements()
    small.findings_table()


# A link choosing a hub or county opens the map, one choosing a sub-goal the targets, even without ?section=.
linked = "map" if {"hub", "county"} & set(st.query_params) else "targets" if "goal" in st.query_params else None
sections(
    "norway",
    {"glance": glance_section, "map": map_section, "targets": targets_section, "small": small_municipalities_section},
    default=linked,
)
