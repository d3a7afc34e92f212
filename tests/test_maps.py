"""What a map sends: land only where no region covers it, fills that look as they did on that land, and borders
that need no line shader (one more shader cost every map ~3 s of its first paint in a browser without a GPU)."""

from __future__ import annotations

import json

import shapely

from ui import palette
from ui.maps import _pixel_degrees, frame_layer, geojson, offline_deck, region_layers


def land_in(deck_json: str) -> set[str]:
    (base,) = [layer for layer in json.loads(deck_json)["layers"] if layer["id"] == "countries"]
    return {feature["properties"]["code"] for feature in base["data"]["features"]}


def test_the_land_under_a_countrys_regions_is_not_sent_again():
    nordic = offline_deck(region_layers(geojson("no_counties"), "no", zoom=3), drawn={"NO"}).to_json()
    assert land_in(nordic) == {"SE", "DK", "FI", "IS"}
    assert land_in(offline_deck([]).to_json()) == {"NO", "SE", "DK", "FI", "IS"}  # a deck without regions keeps it all


def test_a_fill_on_the_sea_shows_the_colour_it_had_on_the_land():
    assert palette.on_land("#0072B2", 255) == [0, 114, 178, 255]
    assert palette.on_land("#0072B2", 0) == palette.rgba(palette.LAND, 255)
    half = palette.on_land("#000000", 128)  # halfway from the land's near-white to black, and opaque
    assert half[3] == 255 and all(120 <= c <= 126 for c in half[:3])


def test_regions_are_drawn_a_pixel_apart_on_their_union_in_the_border_colour():
    borders, fills = region_layers(geojson("se_lan"), "se", zoom=3.5)
    (union,) = borders.data["features"]
    assert borders.get_fill_color == [255, 255, 255] and not borders.pickable and fills.pickable
    assert len(fills.data["features"]) == 21, "every län is drawn and can be picked"
    whole = shapely.geometry.shape(union["geometry"])
    pixel = _pixel_degrees(3.5)
    for region, fill in zip(geojson("se_lan")["features"], fills.data["features"], strict=True):
        shape, shrunk = shapely.geometry.shape(region["geometry"]), shapely.geometry.shape(fill["geometry"])
        assert fill["properties"] == region["properties"]
        assert shape.buffer(pixel / 10).contains(shrunk), "a fill stays inside its own län"
        assert shrunk.area > 0.5 * shape.area, "and loses only its edge"
        assert whole.buffer(pixel / 10).contains(shape), "the union lies under every län"


def test_no_map_asks_for_a_line_shader_and_none_zooms_past_its_simplified_borders():
    layers = [*region_layers(geojson("no_counties"), "no", zoom=3), frame_layer((4, 67, 11, 70), "inset", zoom=3)]
    deck = json.loads(offline_deck(layers).to_json())
    assert {layer["@@type"] for layer in deck["layers"]} == {"GeoJsonLayer"}
    assert all(layer.get("stroked") is False for layer in deck["layers"])
    assert deck["initialViewState"]["maxZoom"] == deck["initialViewState"]["zoom"] + 2
