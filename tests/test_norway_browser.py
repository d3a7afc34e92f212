"""The Norway page in Chromium: the county map draws offline, answers clicks, and shows hostile names as text."""

from __future__ import annotations

import io
import json
import math
from urllib.parse import urlparse

import pytest
from PIL import Image, ImageStat
from shapely.geometry import shape
from shapely.ops import polylabel

from tests.browser import PROJECT_ROOT, map_drawn
from tests.hostile_store import COUNTY as HOSTILE
from ui.norway.hub_map import MAINLAND_VIEW

pytestmark = pytest.mark.browser
pytest.importorskip("playwright.sync_api")

MAP = '[data-testid="stDeckGlJsonChart"]'
PANEL_TIMEOUT = 60_000  # generous: the suite shares two cores with other servers
SCREENSHOTS = PROJECT_ROOT / "artifacts" / "screenshots"
# The page's initial view (pages/norway.py): centre and zoom, to turn a place into a pixel.
VIEW_LAT, VIEW_LON, VIEW_ZOOM = MAINLAND_VIEW.latitude, MAINLAND_VIEW.longitude, MAINLAND_VIEW.zoom  # the map as it opens


def mercator(lat: float, lon: float) -> tuple[float, float]:
    """deck.gl's Web Mercator world pixels at zoom 0 (512-pixel world)."""
    x = 512 / (2 * math.pi) * (math.radians(lon) + math.pi)
    y = 512 / (2 * math.pi) * (math.pi - math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))
    return x, y


def pixel_of(lat: float, lon: float, width: float, height: float) -> tuple[float, float]:
    scale = 2**VIEW_ZOOM
    (x, y), (cx, cy) = mercator(lat, lon), mercator(VIEW_LAT, VIEW_LON)
    return width / 2 + (x - cx) * scale, height / 2 + (y - cy) * scale


@pytest.fixture(scope="module")
def server(hostile_server: str) -> str:
    """The app on the store in which Troms is renamed to an HTML injection attempt (tests/hostile_store.py)."""
    return hostile_server


@pytest.fixture
def page(server: str, browser):
    """A page that records dialogs (an executed injection would open one) and any request off localhost."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    page.dialogs, page.outside = [], []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda r: page.outside.append(r.url) if urlparse(r.url).hostname not in {"127.0.0.1", "localhost", None} else None)
    yield page
    page.close()


def open_norway(page, server: str, query: str = "") -> None:
    page.goto(f"{server}/norway?lang=en&section=map{query}")
    page.locator(MAP).wait_for(timeout=PANEL_TIMEOUT)
    page.locator(f"{MAP} canvas").first.wait_for(timeout=PANEL_TIMEOUT)
    map_drawn(page, page.locator(MAP))  # deck.gl draws after the element mounts


def test_the_county_map_draws_polygons_without_internet(page, server):
    open_norway(page, server)
    shot = map_drawn(page, page.locator(MAP))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    (SCREENSHOTS / "norway-map.png").write_bytes(shot)
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    colours = image.getcolors(maxcolors=1 << 16) or []
    assert len(colours) > 20, "a blank map has one or two colours"
    assert max(ImageStat.Stat(image).stddev) > 20, "the map area is not flat"
    assert page.outside == []


def hover(page, lat: float, lon: float) -> str:
    """Point at a place on the map; the text of deck.gl's tooltip there."""
    page.locator(MAP).scroll_into_view_if_needed()
    box = page.locator(f"{MAP} canvas").first.bounding_box()
    x, y = pixel_of(lat, lon, box["width"], box["height"])
    page.mouse.move(box["x"] + x - 2, box["y"] + y - 2)
    page.mouse.move(box["x"] + x, box["y"] + y)
    tooltip = page.locator(".deck-tooltip")
    tooltip.wait_for(timeout=PANEL_TIMEOUT)
    return tooltip.inner_text()


def test_hovering_a_county_shows_its_hub(page, server):
    open_norway(page, server)
    text = hover(page, *inside("NO-20"))
    assert "Finnmark (NO-20)" in text and "Hub: Midt- og Nord Norge" in text


def inside(code: str) -> tuple[float, float]:
    """(lat, lon) of the point of a county's largest polygon farthest from its borders: a click there hits it."""
    collection = json.loads((PROJECT_ROOT / "seed" / "geo" / "no_counties.geojson").read_text(encoding="utf-8"))
    geometry = shape(next(f["geometry"] for f in collection["features"] if f["properties"]["code"] == code))
    largest = max(getattr(geometry, "geoms", [geometry]), key=lambda polygon: polygon.area)
    point = polylabel(largest, tolerance=0.01)
    return point.y, point.x


def click(page, lat: float, lon: float) -> None:
    page.locator(MAP).scroll_into_view_if_needed()
    box = page.locator(f"{MAP} canvas").first.bounding_box()
    x, y = pixel_of(lat, lon, box["width"], box["height"])
    page.mouse.move(box["x"] + x - 2, box["y"] + y - 2)
    page.mouse.click(box["x"] + x, box["y"] + y)


# Ten counties from north to south and back, Troms twice (the county whose clicks used to be lost).
TEN_COUNTIES = ["NO-19", "NO-20", "NO-18", "NO-04", "NO-05", "NO-15", "NO-12", "NO-11", "NO-17", "NO-19"]


def test_ten_clicks_on_ten_counties_each_open_that_county(page, server):
    open_norway(page, server)
    for code in TEN_COUNTIES:
        click(page, *inside(code))
        page.locator("h3", has_text=f"({code})").first.wait_for(timeout=PANEL_TIMEOUT)
        page.wait_for_timeout(800)  # a person looks at the panel before the next click (a pace, not a wait for the page)


def test_a_hub_link_reopens_the_selection(page, server):
    open_norway(page, server, "&hub=sor-vest")
    page.get_by_text("Started in 2017").wait_for(timeout=PANEL_TIMEOUT)
    assert page.get_by_text("Rogaland").first.is_visible()


def test_an_injected_county_name_shows_as_text_and_runs_nothing(page, server):
    open_norway(page, server, "&county=NO-19")
    page.get_by_text(HOSTILE).first.wait_for(timeout=PANEL_TIMEOUT)
    assert HOSTILE in hover(page, *inside("NO-19")), "the tooltip shows the name as typed"
    page.wait_for_timeout(500)
    assert page.locator("img[src='x']").count() == 0
    assert page.dialogs == []
