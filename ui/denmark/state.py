"""The scenario builder's fields in session state (`dk_<field>`, `dk_hub_<region>`), and their copy in the URL.

A first visit fills the fields from the link, else from what this session typed before, else
from the cited defaults. Every change is written back to the URL, so a copied link reproduces
the scenario without saving it. The fields show and read numbers the reader's way ('1.234,5' in
Danish); the URL carries them locale-free ('1234.5'), so a link opened in another language reads
the same scenario.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from model import denmark
from model.projection import FIELDS, REGIONS, FieldProblem, InputError, ScenarioInputs, from_raw, spread
from ui.i18n import language

Defaults = Mapping[str, dict[str, Any]]


def widget_values(inputs: ScenarioInputs | Mapping[str, Any], defaults: Defaults) -> dict[str, Any]:
    """Session-state values for every input widget (text for text fields, ints for the rest)."""
    raw = inputs.to_dict() if isinstance(inputs, ScenarioInputs) else inputs
    values = denmark.form_values(raw, defaults, language())
    assignment = values.pop("assignment")
    return {f"dk_{name}": value for name, value in values.items()} | {
        f"dk_hub_{code}": hub for code, hub in zip(REGIONS, assignment, strict=True)
    }


def initialise(defaults: Defaults) -> None:
    """Fill the fields on a first visit, when Streamlit has dropped them (a page left and come back to),
    or in the new language's notation when the reader switched language."""
    filled = "dk_shadow" in st.session_state and all(k in st.session_state for k in ("dk_annual_budget_dkk", "dk_hub_DK-81"))
    relabel = filled and st.session_state.get("dk_fields_lang") != language()
    if filled and not relabel:
        return
    raw = denmark.initial_raw({} if relabel else st.query_params, st.session_state.get("dk_shadow", {}), defaults)
    for key, value in widget_values(raw, defaults).items():
        if relabel:
            st.session_state[key] = value
        else:
            st.session_state.setdefault(key, value)
    st.session_state["dk_fields_lang"] = language()
    st.session_state.setdefault("dk_name", (st.session_state.get("dk_open") or {}).get("name", ""))
    # Whole numbers and choices can't show unreadable text, so the link's bad values are named instead.
    st.session_state["dk_link_unread"] = denmark.unreadable_link_fields(st.query_params)


def load(inputs: ScenarioInputs, defaults: Defaults) -> None:
    """Put a saved scenario's inputs into the fields."""
    st.session_state.update(widget_values(inputs, defaults))


def assignment() -> list[int]:
    """The hub chosen for each region, in REGIONS order (0: not covered)."""
    return [int(st.session_state[f"dk_hub_{code}"]) for code in REGIONS]


def raw_inputs() -> dict[str, Any]:
    """The fields as the model reads them (the assignment as '3,2,2,1,1')."""
    raw: dict[str, Any] = {name: st.session_state[f"dk_{name}"] for name in FIELDS if name != "assignment"}
    raw["assignment"] = ",".join(str(st.session_state[f"dk_hub_{code}"]) for code in REGIONS)
    return raw


def current() -> tuple[ScenarioInputs | None, dict[str, FieldProblem]]:
    """The scenario the fields describe, or None and what is wrong with each field."""
    try:
        return from_raw(raw_inputs(), language()), {}
    except InputError as exc:
        return None, exc.problems


def respread() -> None:
    """Hubs changed: spread the regions over the new number of hubs (only when that number is valid)."""
    hubs = st.session_state.get("dk_hubs")
    if isinstance(hubs, int) and 1 <= hubs <= len(REGIONS):
        for code, hub in zip(REGIONS, spread(hubs), strict=True):
            st.session_state[f"dk_hub_{code}"] = hub


def write_url() -> None:
    """Every input lives in the URL too: a copied link reproduces the scenario without saving it."""
    url_state = {
        name: denmark.url_text(value, language()) if name in denmark.TEXT_FIELDS else str(value) for name, value in raw_inputs().items()
    }
    if any(st.query_params.get(name) != value for name, value in url_state.items()):
        st.query_params.update(url_state)
    st.session_state["dk_shadow"] = url_state
