"""Colours: the Okabe-Ito palette, distinguishable with the common colour-vision deficiencies."""

from __future__ import annotations

OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
}
COUNTRY = {"NO": OKABE_ITO["vermillion"], "SE": OKABE_ITO["blue"], "DK": OKABE_ITO["orange"]}
HUB = {"ostlandet": OKABE_ITO["blue"], "midt-nord": OKABE_ITO["green"], "sor-vest": OKABE_ITO["orange"]}
NEUTRAL_HEX = {"SE": "#BEBADA", "DK": "#F1B6DA", "NO": "#C8C8C8"}  # regions outside LUP, for orientation


def rgba(hex_colour: str, alpha: int = 210) -> list[int]:
    """'#0072B2' -> [0, 114, 178, alpha], the form pydeck layers take."""
    value = hex_colour.lstrip("#")
    return [int(value[i : i + 2], 16) for i in (0, 2, 4)] + [alpha]
