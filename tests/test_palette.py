"""The colours: every chart colour readable against the page, the three countries apart for every kind of colour vision."""

from __future__ import annotations

import itertools

import pytest

from model.countries import compared
from ui import palette

# Machado, Oliveira & Fernandes (2009), severity 1.0: linear-RGB matrices simulating dichromat vision.
SIMULATIONS = {
    "normal": ((1, 0, 0), (0, 1, 0), (0, 0, 1)),
    "protan": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deutan": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritan": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def linear(hex_colour: str) -> tuple[float, ...]:
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    return tuple(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)


def luminance(rgb: tuple[float, ...]) -> float:
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(linear(a)), luminance(linear(b))), reverse=True)
    return (high + 0.05) / (low + 0.05)


def lab(rgb: tuple[float, ...]) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of a linear-RGB colour."""
    r, g, b = (min(1.0, max(0.0, c)) for c in rgb)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    xyz = x, 0.2126 * r + 0.7152 * g + 0.0722 * b, z
    f = [v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116 for v in xyz]
    return 116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])


def seen(hex_colour: str, vision: str) -> tuple[float, float, float]:
    rgb = linear(hex_colour)
    return lab(tuple(sum(m * c for m, c in zip(row, rgb, strict=True)) for row in SIMULATIONS[vision]))


def distance(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return sum((x - y) ** 2 for x, y in zip(a, b, strict=True)) ** 0.5


COUNTRY = {c.code: c.colour for c in compared()}


@pytest.mark.parametrize("colour", [*palette.OKABE_ITO.values(), *COUNTRY.values()])
def test_every_chart_colour_stands_out_three_to_one_against_the_page(colour):
    assert contrast(colour, palette.BACKGROUND) >= 3.0, colour


@pytest.mark.parametrize("vision", SIMULATIONS)
def test_the_three_countries_stay_apart_for_every_kind_of_colour_vision(vision):
    # CIE76 distance 20 is "clearly different colours" at a glance; the three must be at least that far apart.
    for a, b in itertools.combinations(COUNTRY, 2):
        gap = distance(seen(COUNTRY[a], vision), seen(COUNTRY[b], vision))
        assert gap >= 20, f"{a}/{b} under {vision} vision: {gap:.1f}"


def test_the_country_colours_differ_in_lightness_too_for_a_washed_out_projector():
    lightness = sorted(seen(colour, "normal")[0] for colour in COUNTRY.values())
    assert min(b - a for a, b in itertools.pairwise(lightness)) >= 8
