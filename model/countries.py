"""The countries the compass knows, one registry row each.

Pages, maps, the summit, the brief, the colours, the synthetic data and the boundary build
read this list instead of keeping their own. A country the compass compares has a
`programme`; the others (Finland, Iceland) appear in the documents and on the base map only.
Adding a country is a row here plus its seed folder (and its page in `model.pages`).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from model.i18n import text

GEO_DIR = Path(__file__).resolve().parent.parent / "seed" / "geo"


class Programme(StrEnum):
    """How a country drives innovation through procurement, as its documents describe it."""

    NATIONAL_PROGRAMME = "national_programme"  # one national programme with regional hubs (Norway's LUP)
    BUYER_NETWORKS = "buyer_networks"  # networks of public buyers (Sweden's beställarnätverk)
    PROPOSED_PROGRAMME = "proposed_programme"  # a programme under discussion (a Danish LUP)


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2, as in the seed files' `country` column
    name_en: str  # shown where the interface has no translation for `name_key` yet
    currency: str
    natural_earth: tuple[str, ...]  # the Natural Earth admin-0 features (ISO A3) that make up its outline
    # hex: its marks on charts and maps. The compared three are vermillion, blue and Paul Tol's wine: apart under
    # protan, deutan and tritan vision, 8+ L* apart in lightness, each 3:1 on white (tests/test_palette.py).
    colour: str = "#767676"
    neutral: str = "#C8C8C8"  # hex: its regions outside any programme, on maps
    boundary: Path | None = None  # its regions' boundary file (features keyed by `code`, built by seed/geo_build.py)
    boundary_regions: int = 0  # how many regions that file has
    regions_key: str = ""  # i18n key naming its regions on the map legend ("Swedish län")
    programme: Programme | None = None
    page: str | None = None  # url path of its page

    @property
    def name_key(self) -> str:
        return f"country.{self.code}"

    def name(self, lang: str) -> str:
        """Its name in `lang`, or in English where the catalogs do not have it."""
        translated = text(self.name_key, lang)
        return self.name_en if translated == self.name_key else translated


# Order: the order of columns, legends and slides.
COUNTRIES: dict[str, Country] = {
    c.code: c
    for c in (
        Country(
            "NO", "Norway", "NOK", ("NOR",), colour="#D55E00", neutral="#C8C8C8",
            boundary=GEO_DIR / "no_counties.geojson", boundary_regions=20,
            programme=Programme.NATIONAL_PROGRAMME, page="norway",
        ),
        Country(
            "SE", "Sweden", "SEK", ("SWE",), colour="#0072B2", neutral="#BEBADA",
            boundary=GEO_DIR / "se_lan.geojson", boundary_regions=21, regions_key="map.swedish_lan",
            programme=Programme.BUYER_NETWORKS, page="sweden",
        ),
        Country(
            "DK", "Denmark", "DKK", ("DNK",), colour="#882255", neutral="#F1B6DA",
            boundary=GEO_DIR / "dk_regions.geojson", boundary_regions=5, regions_key="map.danish_regions",
            programme=Programme.PROPOSED_PROGRAMME, page="denmark",
        ),
        Country("FI", "Finland", "EUR", ("FIN", "ALA")),  # Natural Earth keeps Åland (AX) apart; it is part of Finland
        Country("IS", "Iceland", "ISK", ("ISL",)),
    )
}  # fmt: skip


def compared() -> list[Country]:
    """The countries the compass compares, in registry order (read at call time: a test may add one)."""
    return [c for c in COUNTRIES.values() if c.programme is not None]


def compared_codes() -> tuple[str, ...]:
    return tuple(c.code for c in compared())


def mapped() -> list[Country]:
    """The countries whose regions the maps draw."""
    return [c for c in COUNTRIES.values() if c.boundary is not None]


def name(code: str, lang: str) -> str:
    """A country's name in `lang` by its code (a code the registry lacks is shown as it is)."""
    return COUNTRIES[code].name(lang) if code in COUNTRIES else code
