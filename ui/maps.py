"""Offline maps with pydeck: our own country outlines as the base layer, no tiles.

Streamlit's deck.gl element fetches Carto's base-map style whenever a map has no
style of its own, and that request fails offline. Giving the map an inline
MapLibre style with no sources and no layers means nothing is fetched; the sea is
the element's CSS background (`ui.style`), seen through MapLibre's empty canvas.
Tooltips use deck.gl's `text` form, which is set as text, never parsed as HTML.
"""

from __future__ import annotations

import copy
import html
import json
import re
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

import numpy as np
import pydeck as pdk
import shapely
import streamlit as st
from pydeck.bindings.json_tools import default_serialize

from ui import palette
from ui.i18n import t

GEO_DIR = Path(__file__).resolve().parent.parent / "seed" / "geo"
# A MapLibre style inlined as a data: URL (Streamlit expects a string): nothing to draw, nothing to fetch.
# A `background` layer for the sea cost 0.7 s of every map's first paint in software WebGL (MapLibre compiles
# a shader program for it); `palette.SEA` behind the transparent canvas looks the same.
OFFLINE_STYLE = "data:application/json;charset=utf-8," + quote(json.dumps({"version": 8, "sources": {}, "layers": []}))
NORDIC_VIEW = pdk.ViewState(latitude=63.0, longitude=15.0, zoom=3.3)
Box = tuple[float, float, float, float]  # west, south, east, north (degrees)
# The Nordic, Norway and Sweden maps open at zoom 2.45-3.5, where a screen pixel is 0.04-0.13 degrees: borders
# simplified to 0.05 degrees and coordinates kept to 4 decimals (11 m) look the same and halve the vertices that
# every frame and every click's picking pass draw (in software WebGL a click's picking took longer than deck.gl's
# 250 ms tap limit). Denmark's map opens at 5.45 (0.02-0.03 degrees a pixel): there 0.05 is 2-3 pixels.
SIMPLIFY_DEGREES = 0.05
DECIMALS = 4
BORDER = [255, 255, 255]  # between regions and along their coasts
ZOOM_IN = 2  # zoom levels a reader may zoom in: borders and simplified coasts stay within ~4 px of their opening look


class Geometry(dict):
    """A GeoJSON geometry that carries its own compact JSON, made once per process with the geometry.

    A map's JSON is mostly coordinates, and they never change: `CompactDeck.to_json` splices this text
    in instead of encoding every vertex again on every rerun (the Norway map: ~35 ms of each run).
    """

    def __init__(self, geometry: Mapping[str, Any]) -> None:
        super().__init__(geometry)
        self.encoded = json.dumps(geometry, separators=(",", ":"))


def simplified(collection: dict[str, Any], tolerance: float = SIMPLIFY_DEGREES) -> dict[str, Any]:
    """The features with their shared borders simplified together (no gaps between neighbours) and rounded."""
    shapes = shapely.coverage_simplify([shapely.geometry.shape(f["geometry"]) for f in collection["features"]], tolerance)
    rounded = shapely.set_precision(shapes, 10**-DECIMALS, mode="keep_collapsed")
    features = [
        {"type": "Feature", "properties": feature["properties"], "geometry": Geometry(_lists(shapely.geometry.mapping(shape)))}
        for feature, shape in zip(collection["features"], rounded, strict=True)
    ]
    return {"type": "FeatureCollection", "features": features}


def _lists(geometry: dict[str, Any]) -> dict[str, Any]:
    """shapely gives coordinates as tuples; JSON (and `moved`) want plain nested lists."""
    return json.loads(json.dumps(geometry))


@st.cache_resource(show_spinner=False)
def geojson(name: str | Path) -> dict[str, Any]:
    """A boundary file (`name` in seed/geo/, or a country's `boundary` path), simplified for the screen; once per server."""
    path = name if isinstance(name, Path) else GEO_DIR / f"{name}.geojson"
    return simplified(json.loads(path.read_text(encoding="utf-8")))


def with_properties(collection: dict[str, Any], properties: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """A copy of a FeatureCollection with extra properties per feature, keyed by `code`."""
    features = []
    for feature in collection["features"]:
        extra = properties.get(feature["properties"]["code"])
        if extra is None:
            continue
        features.append({**feature, "properties": {**feature["properties"], **extra}})
    return {"type": "FeatureCollection", "features": features}


def base_layer(drawn: Collection[str] = ()) -> pdk.Layer:
    """The neighbours' land, filled without outlines: in software WebGL the outlines of this layer alone
    took 1.3 s to draw (a map page 5.0 -> 3.5 s without them); the regions on top have borders (`region_layers`).

    `drawn`: the countries whose regions the deck draws. Their land here would only lie hidden under the regions,
    and it was 38 % of the Nordic map's vertices (Norway's coast alone 2 571, 46 KB of JSON every load parsed).
    """
    countries = geojson("countries")
    land = [feature for feature in countries["features"] if feature["properties"]["code"] not in drawn]
    return pdk.Layer(
        "GeoJsonLayer",
        {**countries, "features": land},
        id="countries",
        stroked=False,
        filled=True,
        get_fill_color=palette.rgba(palette.LAND, 255),
        pickable=False,
    )


def region_layers(collection: dict[str, Any], layer_id: str, zoom: float) -> list[pdk.Layer]:
    """Polygons coloured by each feature's `fill` property ([r, g, b, a]) with 1-pixel borders at `zoom`.

    The borders are no outlines: the regions' union, filled in the border colour, shows between the regions, each
    shrunk by half a pixel. Outlines are a path layer, and in software WebGL (a browser without a GPU, or
    Chromium with `--disable-gpu`) compiling its shader took ~3 s of every map's first paint, however few its
    vertices; the union is drawn by the fills' own shader. A click or hover picks the fills only (deck.gl counts
    a press as a click only if its picking pass ends within 250 ms: outlines in that pass lost clicks before).
    """
    union, shrunk = _bordered(tuple(_encoded(f["geometry"]) for f in collection["features"]), zoom)
    fills = [{**f, "geometry": g or f["geometry"]} for f, g in zip(collection["features"], shrunk, strict=True)]
    borders = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": union}]}
    return [
        pdk.Layer("GeoJsonLayer", borders, id=f"{layer_id}-borders", stroked=False, filled=True, get_fill_color=BORDER, pickable=False),
        pdk.Layer(
            "GeoJsonLayer",
            {**collection, "features": fills},
            id=layer_id,
            stroked=False,
            filled=True,
            get_fill_color="properties.fill",
            pickable=True,
            auto_highlight=True,
        ),
    ]


def _encoded(geometry: Mapping[str, Any]) -> str:
    return geometry.encoded if isinstance(geometry, Geometry) else json.dumps(geometry, separators=(",", ":"))


@st.cache_resource(show_spinner=False, max_entries=16)
def _bordered(shapes: tuple[str, ...], zoom: float) -> tuple[Geometry, tuple[Geometry | None, ...]]:
    """The shapes' union, and each shape shrunk by half a screen pixel at `zoom` (None where nothing would be left).

    Once per process and geometry: a map's choices recolour its regions but never move them.
    """
    geometries = [shapely.from_geojson(shape) for shape in shapes]
    half = _pixel_degrees(zoom) / 2
    union = _rounded(shapely.coverage_union_all(geometries))
    shrunk = [_from_mercator(_to_mercator(g).buffer(-half, quad_segs=1, join_style="mitre")) for g in geometries]
    return Geometry(_mapping(union)), tuple(None if g.is_empty else Geometry(_mapping(_rounded(g))) for g in shrunk)


def _pixel_degrees(zoom: float) -> float:
    """A screen pixel in Web Mercator's degrees at `zoom` (deck.gl's world is 512 px wide at zoom 0)."""
    return 360 / (512 * 2**zoom)


def _to_mercator(geometry: shapely.Geometry) -> shapely.Geometry:
    """Longitude and latitude to Web Mercator in degrees, where a screen pixel is as tall as it is wide."""

    def project(xy: np.ndarray) -> np.ndarray:
        return np.column_stack([xy[:, 0], np.degrees(np.log(np.tan(np.pi / 4 + np.radians(xy[:, 1]) / 2)))])

    return shapely.transform(geometry, project)


def _from_mercator(geometry: shapely.Geometry) -> shapely.Geometry:
    def unproject(xy: np.ndarray) -> np.ndarray:
        return np.column_stack([xy[:, 0], np.degrees(2 * np.arctan(np.exp(np.radians(xy[:, 1]))) - np.pi / 2)])

    return shapely.transform(geometry, unproject)


def _rounded(geometry: shapely.Geometry) -> shapely.Geometry:
    return shapely.set_precision(geometry, 10**-DECIMALS, mode="keep_collapsed")


def _mapping(geometry: shapely.Geometry) -> dict[str, Any]:
    return _lists(shapely.geometry.mapping(geometry))


def moved(collection: dict[str, Any], code: str, source: Box, target: Box) -> dict[str, Any]:
    """A copy of a FeatureCollection with feature `code` moved from the `source` box into the `target` box
    (lon/lat, linearly): an inset, e.g. Svalbard beside mainland Norway, so the map need not span 1 500 km of sea."""

    def place(point: list[float]) -> list[float]:
        (x0, y0, x1, y1), (u0, v0, u1, v1) = source, target
        return [u0 + (point[0] - x0) * (u1 - u0) / (x1 - x0), v0 + (point[1] - y0) * (v1 - v0) / (y1 - y0)]

    def geometry(geom: dict[str, Any]) -> dict[str, Any]:
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        moved_polygons = [[[place(p) for p in ring] for ring in polygon] for polygon in polygons]
        return {"type": geom["type"], "coordinates": moved_polygons if geom["type"] == "MultiPolygon" else moved_polygons[0]}

    features = [{**f, "geometry": geometry(f["geometry"])} if f["properties"].get("code") == code else f for f in collection["features"]]
    return {**collection, "features": features}


def frame_layer(box: Box, layer_id: str, zoom: float) -> pdk.Layer:
    """A thin grey frame around an inset, 1 pixel wide at `zoom`: a ring drawn as a polygon (see `region_layers`)."""
    ring = _to_mercator(shapely.box(*box)).exterior.buffer(_pixel_degrees(zoom) / 2, cap_style="flat", join_style="mitre")
    frame = {"type": "Feature", "properties": {}, "geometry": _mapping(_rounded(_from_mercator(ring)))}
    return pdk.Layer(
        "GeoJsonLayer", {"type": "FeatureCollection", "features": [frame]}, id=layer_id, stroked=False, get_fill_color=[120, 120, 120]
    )


class CompactDeck(pdk.Deck):
    """A Deck whose JSON has no indentation.

    pydeck writes `indent=2`, which puts every boundary coordinate on its own indented line (the
    page's maps grew ~4x on the wire) and forces Python's slow pure-Python encoder on every rerun.
    """

    def to_json(self) -> str:
        encoded: list[str] = []
        layers = self.layers
        self.layers = [_with_tokens(layer, encoded) for layer in layers]  # serialised with placeholders, not vertices
        try:
            text = json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))
        finally:
            self.layers = layers
        return _TOKEN.sub(lambda m: encoded[int(m.group(1))], text)


_TOKEN = re.compile(r'"\\u0000(\d+)"')  # a placeholder string as json.dumps writes it


def _with_tokens(layer: pdk.Layer, encoded: list[str]) -> pdk.Layer:
    """A shallow copy of `layer` whose `Geometry` objects are placeholders for their JSON (appended to `encoded`)."""
    data = layer.data
    if not isinstance(data, dict) or not any(isinstance(f.get("geometry"), Geometry) for f in data.get("features", [])):
        return layer

    def token(geometry: Geometry) -> str:
        encoded.append(geometry.encoded)
        return f"\x00{len(encoded) - 1}"

    features = [{**f, "geometry": token(f["geometry"])} if isinstance(f.get("geometry"), Geometry) else f for f in data["features"]]
    copy = pdk.Layer.__new__(pdk.Layer)
    copy.__dict__.update(layer.__dict__, _data={**data, "features": features})
    return copy


class BuiltDeck:
    """A deck as `st.pydeck_chart` reads it (its JSON and tooltip), encoded once and shared by every session.

    For maps that are the same for every reader of one data version and language (`ui.data.shared`):
    building the layers and encoding them was most of a map page's warm rerun. A string is safe to hand to
    several sessions at once; a Deck is not (`CompactDeck.to_json` swaps its layers while it encodes).
    """

    layers: tuple[pdk.Layer, ...] = ()  # Streamlit converts DataFrames in a deck's layers: there are none
    mapbox_key = None

    def __init__(self, deck: pdk.Deck) -> None:
        self.spec, self._tooltip = deck.to_json(), deck._tooltip

    def to_json(self) -> str:
        return self.spec


def offline_deck(
    layers: list[pdk.Layer], view: pdk.ViewState = NORDIC_VIEW, tooltip: str | None = None, drawn: Collection[str] = ()
) -> pdk.Deck:
    """A deck on our own land (`base_layer`, without the `drawn` countries, whose regions `layers` draw), no tiles."""
    # deck.gl sets a `text` tooltip as textContent, so data can't inject HTML.
    opening = copy.copy(view)
    opening.max_zoom = view.zoom + ZOOM_IN
    deck = CompactDeck(
        layers=[base_layer(drawn), *layers],
        initial_view_state=opening,
        map_provider=None,
        map_style=None,
        tooltip={"text": tooltip} if tooltip else False,
    )
    deck.map_style = OFFLINE_STYLE  # inline style: no request for tiles
    return deck


def legend(items: list[tuple[str, str]], marker: str = "") -> None:
    """Colour swatches with labels (each line `data-{marker}` for tests, when given). The swatches need a little HTML;
    every label is escaped, so data only ever shows as text."""
    attribute = f" data-{marker}" if marker else ""
    swatch = '<span style="color:{};font-size:1.3em">■</span>'
    st.html("".join(f"<div{attribute}>{swatch.format(colour)} {html.escape(label)}</div>" for colour, label in items))


def region_alt(groups: Mapping[str, Sequence[str]]) -> str:
    """A map's text alternative (WCAG 1.1.1): the regions it shows, by the group its colour stands for.

    A map is a picture to a screen reader; this says what a sighted reader sees in the colours.
    """
    parts = [f"{group}: {', '.join(regions)}" for group, regions in groups.items() if regions]
    return t("a11y.map", groups="; ".join(parts))
