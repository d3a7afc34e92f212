"""What a map sends: land only where no region covers it, and fills that look as they did on that land."""

from __future__ import annotations

import json

from ui import palette
from ui.maps import geojson, offline_deck, region_layer


def land_in(deck_json: str) -> set[str]:
    (base,) = [layer for layer in json.loads(deck_json)["layers"] if layer["id"] == "countries"]
    return {feature["properties"]["code"] for feature in base["data"]["features"]}


def test_the_land_under_a_countrys_regions_is_not_sent_again():
    nordic = offline_deck([region_layer(geojson("no_counties"), "no")], drawn={"NO"}).to_json()
    assert land_in(nordic) == {"SE", "DK", "FI", "IS"}
    assert land_in(offline_deck([]).to_json()) == {"NO", "SE", "DK", "FI", "IS"}  # a deck without regions keeps it all


def test_a_fill_on_the_sea_shows_the_colour_it_had_on_the_land():
    assert palette.on_land("#0072B2", 255) == [0, 114, 178, 255]
    assert palette.on_land("#0072B2", 0) == palette.rgba(palette.LAND, 255)
    half = palette.on_land("#000000", 128)  # halfway from the land's near-white to black, and opaque
    assert half[3] == 255 and all(120 <= c <= 126 for c in half[:3])
