"""The hub map: Denmark's five regions in the colour of the hub that covers them, with a legend."""

from __future__ import annotations

import pydeck as pdk
import streamlit as st

from model.projection import REGIONS
from ui import palette
from ui.denmark.common import HUB_HEX, UNCOVERED_HEX
from ui.i18n import t
from ui.maps import geojson, legend, offline_deck, region_alt, region_layer, with_properties

DENMARK_VIEW = pdk.ViewState(latitude=56.1, longitude=11.9, zoom=5.45)


def _hub_label(hub: int) -> str:
    return t("denmark.hubs.hub", n=hub) if hub else t("denmark.hubs.none")


def _legend(assignment: list[int], region_names: dict[str, str]) -> None:
    """Each hub in use with the regions it covers, then 'no hub' if a region has none."""
    items = []
    for hub in sorted({h for h in assignment if h}):
        covered = [region_names.get(code, code) for code, h in zip(REGIONS, assignment, strict=True) if h == hub]
        items.append((HUB_HEX[hub - 1], _hub_label(hub) + ": " + ", ".join(covered)))
    if 0 in assignment:
        items.append((UNCOVERED_HEX, t("denmark.hubs.none")))
    legend(items, marker="hub-legend")


def hub_map(assignment: list[int], region_names: dict[str, str]) -> None:
    """The offline map (region, code and hub in the tooltip), its legend and a note."""
    properties = {
        code: {
            "region": region_names.get(code, code),
            "hub": _hub_label(hub),
            "fill": palette.rgba(HUB_HEX[hub - 1] if hub else UNCOVERED_HEX, 220),
        }
        for code, hub in zip(REGIONS, assignment, strict=True)
    }
    deck = offline_deck(
        [region_layer(with_properties(geojson("dk_regions"), properties), "dk-hubs")],
        view=DENMARK_VIEW,
        tooltip="{region} ({code})\n{hub}",
    )
    groups: dict[str, list[str]] = {}
    for code, hub in zip(REGIONS, assignment, strict=True):
        groups.setdefault(_hub_label(hub), []).append(region_names.get(code, code))
    st.pydeck_chart(deck, height=420, key="dk-hub-map", alt=region_alt(groups))
    _legend(assignment, region_names)
    st.caption(t("denmark.hubs.map_note"))
