"""The Norway map opens on mainland Norway, with Svalbard in a framed inset rather than 1 500 km of sea."""

from __future__ import annotations

from ui.maps import geojson, moved
from ui.norway.hub_map import MAINLAND_VIEW, SVALBARD, SVALBARD_BOX, SVALBARD_INSET


def _points(feature: dict) -> list[list[float]]:
    polygons = feature["geometry"]["coordinates"]
    polygons = polygons if feature["geometry"]["type"] == "MultiPolygon" else [polygons]
    return [point for polygon in polygons for ring in polygon for point in ring]


def test_svalbard_is_drawn_inside_its_inset_and_the_mainland_stays_where_it_is():
    counties = geojson("no_counties")
    shown = {f["properties"]["code"]: f for f in moved(counties, SVALBARD, SVALBARD_BOX, SVALBARD_INSET)["features"]}
    west, south, east, north = SVALBARD_INSET
    assert all(west <= x <= east and south <= y <= north for x, y in _points(shown[SVALBARD]))
    original = {f["properties"]["code"]: f for f in counties["features"]}
    assert _points(shown["NO-18"]) == _points(original["NO-18"])  # Nordland unmoved


def test_the_map_opens_on_the_mainland_not_on_the_arctic():
    assert 64 <= MAINLAND_VIEW.latitude <= 66.5 and MAINLAND_VIEW.zoom >= 3
