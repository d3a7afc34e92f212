"""Denmark: the Norwegian-Danish summit, who took part, what Norway brings, and a scenario builder for a Danish LUP.

One section at a time (`ui.sections`); each section's drawing lives in `ui/denmark/`; the figures
come from `model.denmark`, the scenario model is `model.projection`, and saved scenarios are
`model.scenarios`.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from model import denmark, scenarios
from model.projection import FIELDS
from ui.auth import actor
from ui.data import cached
from ui.denmark import compare, hub_map, norway_brings, outputs, participants, process, scenario_form, scenario_store, state
from ui.i18n import language, nt, t
from ui.sections import sections
from ui.share import link_box

lang = language()
OWNER, EDITOR = actor()  # whose scenarios this session may change (editors: everyone's)

st.title(t("denmark.title"))
st.write(t("denmark.intro"))


def process_section() -> None:
    st.header(t("denmark.process.header"), divider="gray")
    process.summit_facts()
    st.subheader(t("denmark.process.track"))
    process.stage_track()
    st.caption(t("denmark.process.track_note"))


def participants_section() -> None:
    """Who was at the table."""
    st.header(t("denmark.participants.header"), divider="gray")
    people = cached(denmark.participants)()
    participants.participants_panel(people, cached(denmark.participant_counts)())
    st.caption(nt("denmark.participants.note", len(people)))


def norway_section() -> None:
    """What Norway brings."""
    st.header(t("denmark.norway.header"), divider="gray")
    design = cached(denmark.lup_design)()
    left, right = st.columns(2)
    with left:
        norway_brings.headlines(cached(denmark.norway_headlines)(), lang)
    with right:
        norway_brings.design(design, lang)
    st.subheader(t("denmark.norway.targets"))
    norway_brings.targets(design["targets"])


def scenario_fields() -> dict[str, dict[str, Any]]:
    """The cited defaults; the fields start from the link, this session's last values, or those defaults."""
    defaults: dict[str, dict[str, Any]] = cached(denmark.scenario_defaults)()
    state.initialise(defaults)
    return defaults


def builder_section() -> None:
    st.header(t("denmark.builder.header"), divider="gray")
    st.write(t("denmark.builder.intro"))
    defaults = scenario_fields()
    region_names: dict[str, str] = cached(denmark.region_names)()

    # Saved scenarios: open one; what the last action did
    saved = scenarios.names()
    opened = scenario_store.opened_scenario(saved)
    scenario_store.open_bar(saved, opened, defaults)
    scenario_store.outcome(opened, defaults, OWNER, EDITOR)

    # Inputs, each with its problem and where its default comes from
    scenario_form.link_warning()
    inputs, problems = state.current()
    scenario_form.main_fields(defaults, problems)
    scenario_form.basis_values(defaults, problems)

    st.subheader(t("denmark.hubs.header"))
    hub_col, map_col = st.columns([2, 3])
    with hub_col:
        scenario_form.hub_fields(defaults, problems, region_names)
    with map_col:
        hub_map.hub_map(state.assignment(), region_names)
    state.write_url()

    # Outputs, labelled as projections
    st.subheader(t("denmark.out.header"))
    outputs.projection(inputs, problems, cached(denmark.lup_baseline)(), lang)

    # Save
    st.subheader(t("denmark.save.header"))
    scenario_store.save_form(opened, OWNER, EDITOR)
    link_box()


def saved_section() -> None:
    """Saved scenarios: manage them and compare them with the builder's current one."""
    st.header(t("denmark.saved.header"), divider="gray")
    scenario_store.flash_message()
    saved = scenarios.list_scenarios()
    if saved.empty:
        st.caption(t("denmark.saved.none"))
        return
    defaults = scenario_fields()
    scenario_store.listing(saved, OWNER, lang)
    scenario_store.manage(saved, OWNER, EDITOR, defaults)
    st.subheader(t("denmark.compare.header"))
    inputs, _ = state.current()
    compare.compare(scenario_store.names(saved), inputs, cached(denmark.lup_baseline)(), lang)


SECTIONS = {
    "process": process_section,
    "participants": participants_section,
    "norway": norway_section,
    "builder": builder_section,
    "saved": saved_section,
}
# A scenario link (its fields in the URL) opens the builder even when it names no section.
scenario_link = any(name in st.query_params for name in FIELDS)
sections("denmark", SECTIONS, default="builder" if scenario_link else None)
