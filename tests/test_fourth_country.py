"""A fourth country is a registry row, a page entry and a seed folder: no other code changes.

The fixture (tests/fixtures/fourth_country/, a fictional "Testland", clearly test data) brings a
boundary file, cited facts and statements, its view manifest rows and a page. With only that, the
overview's comparison grid, the Nordic map, summit mode, the Sources page, the brief and the
bench's page list include it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bench import server
from model import countries, pages, views
from model.countries import Country, Programme
from model.db import get_engine
from seed.load import load_bundle
from seed.validate import DEFAULT_SOURCES_DIR, SEED_DIR, read_seed
from tests.apptest import open_page
from tests.conftest import PROJECT_ROOT

FIXTURE = PROJECT_ROOT / "tests" / "fixtures" / "fourth_country"
TESTLAND = Country(
    "XT", "Testland", "EUR", (), colour="#009E73", neutral="#D9D9D9", boundary=FIXTURE / "xt_regions.geojson",
    boundary_regions=2, programme=Programme.NATIONAL_PROGRAMME, page="testland",
)  # fmt: skip
PAGE = pages.Page(str((FIXTURE / "page.py").relative_to(PROJECT_ROOT)), "testland", "Testland", ":material/science:")


def _append(target: Path, rows: Path) -> None:
    """The fixture's rows (after its header) at the end of a seed file."""
    with target.open("a", encoding="utf-8", newline="") as handle:
        handle.write("".join(rows.read_text(encoding="utf-8").splitlines(keepends=True)[1:]))


@pytest.fixture(scope="module")
def testland_seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """seed/ plus the fixture's folder and rows; the source documents plus the fixture's."""
    root = tmp_path_factory.mktemp("fourth")
    seed = root / "seed"
    shutil.copytree(SEED_DIR, seed, ignore=shutil.ignore_patterns("__pycache__", "*.py", "geo"))
    shutil.copytree(FIXTURE / "seed" / "testland", seed / "testland")
    _append(seed / "sources.csv", FIXTURE / "seed" / "sources.csv")
    _append(seed / "reference" / "regions.csv", FIXTURE / "seed" / "regions.csv")
    return seed


@pytest.fixture
def testland(testland_seed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """The registry row, the page entry, and a store loaded from the seed with Testland; the app pointed at it."""
    monkeypatch.setitem(countries.COUNTRIES, "XT", TESTLAND)
    monkeypatch.setattr(pages, "PAGES", [*pages.PAGES, PAGE])
    monkeypatch.setattr(views, "SEED_DIR", testland_seed)
    documents = tmp_path / "documents"
    documents.mkdir()
    if DEFAULT_SOURCES_DIR.is_dir():  # the quotes are checked verbatim against the documents when they are at hand
        for document in DEFAULT_SOURCES_DIR.iterdir():
            (documents / document.name).symlink_to(document)
    shutil.copy(FIXTURE / "sources" / "testland_programme.txt", documents)
    url = f"sqlite:///{tmp_path / 'testland.db'}"
    load_bundle(read_seed(testland_seed, documents), get_engine(url))
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(PROJECT_ROOT)
    return url


def test_the_overview_grid_has_a_testland_column_with_its_cited_cells(testland: str) -> None:
    at = open_page()
    assert "Testland" in [h.value for h in at.subheader]
    shown = " ".join(m.value for m in at.markdown).replace("\\", "")  # without the escapes that keep data from formatting
    assert "One national programme joins public buyers and suppliers (test data)." in shown


def test_the_nordic_map_draws_testland_regions(testland: str) -> None:
    at = open_page("map")
    deck = json.loads(at.get("deck_gl_json_chart")[0].proto.json)
    codes = {f["properties"].get("code") for layer in deck["layers"] if isinstance(layer.get("data"), dict)
             for f in layer["data"].get("features", [])}  # fmt: skip
    assert {"XT-01", "XT-02"} <= codes


def test_summit_mode_introduces_testland(testland: str) -> None:
    at = open_page("summit", interval="600")
    assert any("Testland" in m.value and "test data" in m.value for m in at.markdown)


def test_the_sources_page_lists_the_testland_document(testland: str) -> None:
    at = open_page("sources")
    assert any("Testland Procurement Programme" in e.label for e in at.expander)


def test_the_brief_compares_testland(testland: str) -> None:
    from reports.brief import build_brief

    brief = build_brief("en", engine=get_engine(testland))
    assert any("Testland" in str(section.table.columns.tolist()) for section in brief.sections if section.table is not None)


def test_the_bench_times_the_testland_page(testland: str) -> None:
    assert (PAGE.path, "testland") in server.app_pages()
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=90)
    at.run()
    at.switch_page(PAGE.path)
    at.run()
    assert not at.exception and at.title[0].value == "Testland (test data)"
