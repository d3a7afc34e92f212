"""Where organisers sit: an offline map of Sweden's 21 län with a dot per seat city, and the table behind it."""

from __future__ import annotations

import pandas as pd
import pydeck as pdk
import streamlit as st

from model import sweden
from ui import palette
from ui.cite import escape_markdown
from ui.data import cached
from ui.downloads import download_buttons
from ui.i18n import nt, t
from ui.maps import geojson, offline_deck, region_alt, region_layers, with_properties

SWEDEN_VIEW = pdk.ViewState(latitude=62.3, longitude=16.5, zoom=3.5)


def _lan_properties(lan: pd.DataFrame) -> dict[str, dict]:
    """Each län's tooltip and fill: darker sky blue the more networks have an organiser there, neutral where none."""
    most = max(1, int(lan["networks"].max()))
    return {
        r["code"]: {
            "label": r["name"],
            "detail": nt("sweden.map.lan_detail", int(r["networks"])),
            "fill": palette.on_land(palette.OKABE_ITO["sky"], 130 + int(120 * r["networks"] / most))
            if r["networks"]
            else palette.on_land(palette.neutral_colour("SE"), 110),
        }
        for r in lan.to_dict("records")
    }


def _seat_layer(points: pd.DataFrame) -> pdk.Layer:
    markers = sweden.seat_markers(points)
    return pdk.Layer(
        "ScatterplotLayer",
        markers[["label", "detail", "lat", "lon", "radius"]],
        id="organiser-seats",
        get_position="[lon, lat]",
        get_radius="radius",  # metres, clamped to 6-26 px
        radius_min_pixels=6,
        radius_max_pixels=26,
        get_fill_color=palette.rgba(palette.OKABE_ITO["vermillion"], 230),
        get_line_color=[255, 255, 255],
        stroked=True,
        line_width_min_pixels=1,
        pickable=True,
    )


def seat_map(seats: pd.DataFrame) -> None:
    """The map, and beside it the legend and the organisers no seat is known for."""
    lan = region_layers(with_properties(geojson("se_lan"), _lan_properties(cached(sweden.lan_counts)())), "se-lan", SWEDEN_VIEW.zoom)
    deck = offline_deck(
        [*lan, _seat_layer(cached(sweden.seat_points)())],
        view=SWEDEN_VIEW,
        drawn={"SE"},
        tooltip="{label}\n{detail}",
    )
    map_col, legend_col = st.columns([3, 2])
    with map_col:
        lan = cached(sweden.lan_counts)()
        with_networks = [f"{r['name']} ({r['networks']})" for r in lan.to_dict("records") if r["networks"]]
        st.pydeck_chart(deck, height=560, key="sweden-map", alt=region_alt({t("sweden.map.alt_group"): with_networks}))
    with legend_col:
        st.caption(t("sweden.map.legend"))
        unplaced = seats[seats["seat"].isna()]
        if not unplaced.empty:
            st.markdown(f"**{t('sweden.map.unplaced')}**")
            for r in unplaced.to_dict("records"):
                st.markdown(f"- {escape_markdown(r['organiser'])} ({escape_markdown(r['networks'])}): {t('sweden.map.no_seat')}")


def seat_table(seats: pd.DataFrame) -> None:
    """Every organiser with its seat and the reference it comes from; '—' in empty cells, downloads keep them empty."""
    columns = {c: t(f"sweden.col.{c}") for c in ("organiser", "networks", "seat", "lan", "lan_code", "lat", "lon", "year")}
    table = sweden.seat_rows(seats).rename(columns={**columns, "source": t("sweden.col.reference")})
    shown = table.astype(object).where(table.notna(), "—")
    shown[columns["seat"]] = table[columns["seat"]].fillna(t("sweden.map.no_seat"))
    st.dataframe(shown, hide_index=True, width="stretch", key="seats-table")
    download_buttons(table, "swedish_organiser_seats", "seats-download")
