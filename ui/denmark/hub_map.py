"""The hub map: Denmark's five regions in the colour of the hub that covers them, with a legend."""

from __future__ import annotations

import pydeck as pdk
import streamlit as st

from model.projection import REGIONS
from ui import palette
from ui.data import shared
from ui.denmark.common import HUB_HEX, UNCOVERED_HEX
from ui.i18n import t
from ui.maps import BuiltDeck, geojson, legend, offline_deck, region_alt, region_layers, with_properties

DENMARK_VIEW = pdk.ViewState(latitude=56.1, longitude=11.9, zoom=5.45)


def _hub_label(hub: int) -> str:
    return t("denmark.hubs.hub", n=hub) if hub else t("denmark.hubs.none")


def _legend_items(assignment: tuple[int, ...], region_names: dict[str, str]) -> list[tuple[str, str]]:
    """Each hub in use with the regions it covers, then 'no hub' if a region has none."""
    items = []
    for hub in sorted({h for h in assignment if h}):
        covered = [region_names.get(code, code) for code, h in zip(REGIONS, assignment, strict=True) if h == hub]
        items.append((HUB_HEX[hub - 1], _hub_label(hub) + ": " + ", ".join(covered)))
    if 0 in assignment:
        items.append((UNCOVERED_HEX, t("denmark.hubs.none")))
    return items


def hub_map(assignment: list[int], region_names: dict[str, str]) -> None:
    """The offline map (region, code and hub in the tooltip), its legend and a note."""
    deck, alt, items = _hub_map(tuple(assignment), region_names)
    st.pydeck_chart(deck, height=420, key="dk-hub-map", alt=alt)
    legend(items, marker="hub-legend")
    st.caption(t("denmark.hubs.map_note"))


def _built_hub_map(assignment: tuple[int, ...], region_names: dict[str, str]) -> tuple[BuiltDeck, str, list[tuple[str, str]]]:
    """The deck (as its JSON), its text alternative and the legend's items for one assignment of hubs."""
    properties = {
        code: {
            "region": region_names.get(code, code),
            "hub": _hub_label(hub),
            "fill": palette.on_land(HUB_HEX[hub - 1] if hub else UNCOVERED_HEX, 220),
        }
        for code, hub in zip(REGIONS, assignment, strict=True)
    }
    deck = offline_deck(
        region_layers(with_properties(geojson("dk_regions"), properties), "dk-hubs", DENMARK_VIEW.zoom),
        view=DENMARK_VIEW,
        drawn={"DK"},
        tooltip="{region} ({code})\n{hub}",
    )
    groups: dict[str, list[str]] = {}
    for code, hub in zip(REGIONS, assignment, strict=True):
        groups.setdefault(_hub_label(hub), []).append(region_names.get(code, code))
    return BuiltDeck(deck), region_alt(groups), _legend_items(assignment, region_names)


# Once per assignment, data version and language in this process (the region names are the store's at that version).
_hub_map = shared(_built_hub_map, inputs=lambda assignment, region_names: assignment)
