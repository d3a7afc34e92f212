"""The scenario builder's inputs: each field with its problem (if any) and where its default comes from."""

from __future__ import annotations

import streamlit as st

from model import denmark
from model.projection import BASES, REGIONS, FieldProblem
from ui.cite import citation_help, escape_markdown
from ui.data import shared
from ui.denmark import state
from ui.i18n import language, t

# (field, unit) under Norway, then under Denmark
BASIS_FIELDS = (
    (("no_procurement_nok", "NOK"), ("no_population", ""), ("no_municipalities", "")),
    (("dk_procurement_dkk", "DKK"), ("dk_population", ""), ("dk_municipalities", "")),
)


# Option labels as dicts made during the run: a format_func calling t() later (as Streamlit's test
# harness does, outside the run) would not know the reader's language.
def basis_names() -> dict[str, str]:
    return {basis: t(f"denmark.basis.{basis}") for basis in BASES}


def hub_names(options: list[int]) -> dict[int, str]:
    return {hub: t("denmark.hubs.none") if hub == 0 else t("denmark.hubs.hub", n=hub) for hub in options}


def link_warning() -> None:
    """Names the link's values that could not be read (their fields show the defaults instead)."""
    if st.session_state.get("dk_link_unread"):
        fields = ", ".join(t(f"denmark.field.{name}") for name in st.session_state["dk_link_unread"])
        st.warning(t("denmark.builder.link_unread", fields=fields), icon=":material/link_off:")


def _origin(name: str, defaults: state.Defaults) -> None:
    """Where the default comes from, or that the value is the user's own assumption."""
    for badge, text, help in _origin_lines(name, st.session_state.get(f"dk_{name}"), defaults):
        if badge:  # outside the caption: under the caption's 60 % opacity orange text fell to 2.6:1
            st.markdown(text)
        else:
            st.caption(text, help=help)


def _origin_texts(name: str, typed: object, defaults: state.Defaults) -> list[tuple[bool, str, str | None]]:
    """What `_origin` draws for a field holding `typed`: (is the badge, text, citation help) per line."""
    spec = defaults[name]
    changed = denmark.differs_from_default(name, typed, defaults, language())
    if spec["origin"] == "assumption" or changed:
        extra = (
            t("denmark.origin.default_was", value=denmark.default_text(defaults, name, language()))
            if changed
            else escape_markdown(spec.get("note", ""))
        )
        badge = (True, f":orange-badge[:material/edit: {t('denmark.origin.assumption')}]", None)
        return [badge, (False, extra, None)] if extra else [badge]
    note = escape_markdown(spec.get("note", ""))
    if spec["origin"] == "reference":
        return [(False, f"{t('denmark.origin.reference')}: {escape_markdown(spec['reference'])} ({note})", None)]
    if spec["origin"] == "derived":
        where = escape_markdown(spec["reference"]) if "reference" in spec else t("denmark.origin.cited_fact")
        return [(False, f"{t('denmark.origin.derived')}: {note} · {where}", citation_help(spec["row"]) if "row" in spec else None)]
    return [(False, f"{t('denmark.origin.cited')}: {note}", citation_help(spec["row"]))]


# Once per field, typed value, data version and language (the defaults are the store's at that version): ~14 fields a run.
_origin_lines = shared(_origin_texts, inputs=lambda name, typed, defaults: (name, typed))


def _notes(name: str, defaults: state.Defaults, problems: dict[str, FieldProblem]) -> None:
    """Under a field: what is wrong with it, then where its value comes from."""
    if name in problems:
        problem = problems[name]
        st.error(t(f"denmark.error.{problem.code}", **problem.params), icon=":material/error:")
    _origin(name, defaults)


def _text_field(name: str, unit: str, defaults: state.Defaults, problems: dict[str, FieldProblem]) -> None:
    st.text_input(t(f"denmark.field.{name}") + (f" ({unit})" if unit else ""), key=f"dk_{name}")
    _notes(name, defaults, problems)


def main_fields(defaults: state.Defaults, problems: dict[str, FieldProblem]) -> None:
    """Money, staff and time in three columns."""
    money_col, staff_col, time_col = st.columns(3)
    with money_col:
        _text_field("annual_budget_dkk", "DKK", defaults, problems)
        _text_field("dkk_per_nok", "DKK/NOK", defaults, problems)
    with staff_col:
        _text_field("national_fte", "FTE", defaults, problems)
        _text_field("regional_fte", "FTE", defaults, problems)
    with time_col:
        st.number_input(t("denmark.field.years"), step=1, key="dk_years")
        _notes("years", defaults, problems)
        st.selectbox(t("denmark.field.basis"), BASES, format_func=basis_names().get, key="dk_basis")
        _notes("basis", defaults, problems)


def basis_values(defaults: state.Defaults, problems: dict[str, FieldProblem]) -> None:
    """The figures each scaling basis compares (Norway beside Denmark), folded away."""
    with st.expander(t("denmark.builder.basis_values"), expanded=False):
        st.caption(t("denmark.builder.basis_values_note"))
        for column, fields in zip(st.columns(2), BASIS_FIELDS, strict=True):
            with column:
                for name, unit in fields:
                    _text_field(name, unit, defaults, problems)


def hub_fields(defaults: state.Defaults, problems: dict[str, FieldProblem], region_names: dict[str, str]) -> None:
    """How many hubs, which hub covers each region, and a button to spread the regions evenly."""
    st.number_input(t("denmark.field.hubs"), step=1, key="dk_hubs", on_change=state.respread)
    _notes("hubs", defaults, problems)
    hub_options = list(range(len(REGIONS) + 1))
    for code in REGIONS:
        st.selectbox(
            region_names.get(code, code),
            hub_options,
            format_func=hub_names(hub_options).get,
            key=f"dk_hub_{code}",
        )
    _notes("assignment", defaults, problems)
    st.button(t("denmark.hubs.spread"), on_click=state.respread, key="dk_spread", icon=":material/auto_fix_high:")
