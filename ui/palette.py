"""Colours: the Okabe-Ito palette, distinguishable with the common colour-vision deficiencies."""

from __future__ import annotations

import altair as alt

from model.countries import COUNTRIES

OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
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


def country_scale(codes: list[str]) -> alt.Scale:
    """An Altair colour scale giving each country code its registry colour."""
    return alt.Scale(domain=codes, range=[country_colour(c) for c in codes])
