"""Sweden: the buyer networks (beställarnätverk), how they work and are paid for, and what report 2019:3 proposes.

One section at a time (`ui.sections`); each section's drawing lives in `ui/sweden/`; the figures come
from `model.sweden` and `model.assessments`.
"""

import streamlit as st

from model import queries, sweden
from ui.data import cached
from ui.i18n import t
from ui.sections import sections
from ui.sweden import networks, proposals, seat_map, self_check, stair, timeline, who_pays
from ui.sweden.common import fact_metrics

st.title(t("sweden.title"))
st.write(t("sweden.intro"))


def networks_section() -> None:
    """The networks: counts, filters (in the URL), a timeline that filters further, the table, every source."""
    st.header(t("sweden.networks.header"), divider="gray")
    fact_metrics("networks")
    table_1 = networks.labelled()
    named = int((table_1["type"] != sweden.NOT_REPORTED).sum())
    st.caption(t("sweden.networks.type_gap", named=named, total=len(table_1)))
    chosen = networks.filters(cached(sweden.network_filter_options)())
    starts = timeline.timeline(table_1, networks.filtered(chosen), chosen.colour_by, chosen.rows)
    networks.network_table(chosen, starts, total=len(table_1))
    networks.network_details(table_1)


def who_pays_section() -> None:
    st.header(t("sweden.pays.header"), divider="gray")
    st.write(t("sweden.pays.intro"))
    pay_left, pay_right = st.columns(2)
    with pay_left:
        who_pays.party_counts()
    with pay_right:
        who_pays.organiser_financier_matrix()
    st.caption(t("sweden.pays.split_note"))
    st.subheader(t("sweden.funding.header"))
    who_pays.funding_points()


def stair_section() -> None:
    """The innovation-procurement stair."""
    st.header(t("sweden.stair.header"), divider="gray")
    st.write(t("sweden.stair.intro"))
    levels, items = cached(sweden.stair)(), cached(sweden.stair_items)()
    stair.stair_chart(levels, items)
    st.caption(t("sweden.stair.market"))
    stair.stair_levels(levels, items)


def self_check_section() -> None:
    st.header(t("sweden.check.header"), divider="gray")
    st.write(t("sweden.check.intro"))
    self_check.self_check_tool(cached(queries.success_factors)())


def proposals_section() -> None:
    """Proposals and new network areas."""
    st.header(t("sweden.proposals.header"), divider="gray")
    fact_metrics("proposals")
    proposals.proposal_table()
    st.subheader(t("sweden.areas.header"))
    proposals.area_table()


def map_section() -> None:
    """Organisers at their seats on Sweden's 21 län."""
    st.header(t("sweden.map.header"), divider="gray")
    st.write(t("sweden.map.intro"))
    seats = cached(sweden.organiser_seats)()
    seat_map.seat_map(seats)
    seat_map.seat_table(seats)
    st.caption(t("sweden.map.caption"))


sections(
    "sweden",
    {
        "networks": networks_section,
        "pays": who_pays_section,
        "stair": stair_section,
        "check": self_check_section,
        "proposals": proposals_section,
        "map": map_section,
    },
)
