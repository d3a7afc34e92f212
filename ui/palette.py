"""Colours: Okabe-Ito's hues, each darkened where needed to stand out 3:1 against the white page.

Okabe and Ito chose their eight hues to stay apart for the common colour-vision deficiencies;
four of them (orange, sky blue, yellow, reddish purple) are too light for a chart mark on white
(WCAG 2.1 1.4.11 asks 3:1), so those four are darker shades of the same hue. The three country
colours are also apart in lightness, so a washed-out projector still tells them apart
(tests/test_palette.py checks contrast and simulated protan, deutan and tritan vision).
"""

from __future__ import annotations

import altair as alt

from model.countries import COUNTRIES

OKABE_ITO = {
    "orange": "#B26B00",  # #E69F00 darkened: 2.25:1 -> 4.2:1 on white
    "sky": "#2E86C1",  # #56B4E9 darkened: 2.3:1 -> 4.0:1
    "green": "#009E73",
    "yellow": "#8F7E00",  # #F0E442 darkened: 1.3:1 -> 4.1:1
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#B85C99",  # #CC79A7 darkened: 3.1:1 -> 4.2:1
}
BACKGROUND = "#FFFFFF"  # the page (the theme's backgroundColor)
SEA = "#dce6ef"  # the maps' sea, behind the deck (ui.style): dark enough that land without outlines stands out
LAND = "#FAFAF7"  # the maps' land (ui.maps.base_layer): what a region's fill is seen against
HUB = {"ostlandet": OKABE_ITO["blue"], "midt-nord": OKABE_ITO["green"], "sor-vest": OKABE_ITO["orange"]}


def country_colour(code: str) -> str:
    """A country's marks on charts and maps (the country registry, `model.countries`)."""
    return COUNTRIES[code].colour


def neutral_colour(code: str) -> str:
    """A country's regions outside any programme on maps, for orientation."""
    return COUNTRIES[code].neutral


def rgba(hex_colour: str, alpha: int = 210) -> list[int]:
    """'#0072B2' -> [0, 114, 178, alpha], the form pydeck layers take."""
    value = hex_colour.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]


def on_land(hex_colour: str, alpha: int = 210) -> list[int]:
    """`hex_colour` at `alpha` over the maps' land, as an opaque [r, g, b, 255].

    A region is drawn straight on the sea: the base layer leaves out the land its regions cover (ui.maps), so a
    see-through fill would take on the sea's blue. This is the colour the same fill showed over the land.
    """
    share = alpha / 255
    return [round(share * c + (1 - share) * land) for c, land in zip(rgba(hex_colour)[:3], rgba(LAND)[:3], strict=True)] + [255]


def country_scale(codes: list[str]) -> alt.Scale:
    """An Altair colour scale giving each country code its registry colour."""
    return alt.Scale(domain=codes, range=[country_colour(c) for c in codes])
