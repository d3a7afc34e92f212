"""The view manifest (seed/views.csv): which facts and statements each page section shows, checked like any seed file."""

from __future__ import annotations

from pathlib import Path

from model import views
from model.pages import PAGES
from seed.validate import check_views, read_seed
from tests.conftest import sources_dir
from tests.test_loader import _edit, _set


def test_every_shown_id_is_in_the_store_and_every_page_section_exists(engine) -> None:
    from model import queries

    known = set(queries.facts(engine=engine)["fact_id"]) | set(queries.statements(engine=engine)["statement_id"])
    assert views.check(views.read_manifest(), known) == []
    assert {"overview", "norway", "sweden", "summit", "brief"} <= {s.page for s in views.read_manifest()}


def test_a_renamed_id_fails_the_seed_check_with_file_row_and_column(seed_copy: Path) -> None:
    _edit(seed_copy / "views.csv", lambda rows: _set(rows, 2, "ref", "no-lup-renamed"))
    assert "seed/views.csv, row 2, column 'ref': no fact or statement has the id 'no-lup-renamed'" in [
        str(p) for p in check_views(read_seed(seed_copy, sources_dir()), seed_copy)
    ]


def test_an_unknown_page_or_section_is_named(seed_copy: Path) -> None:
    def change(rows: list[list[str]]) -> None:
        _set(rows, 2, "page", "finland")
        _set(rows, 3, "page", "norway")
        _set(rows, 3, "section", "history")

    _edit(seed_copy / "views.csv", change)
    problems = [str(p) for p in check_views(read_seed(seed_copy, sources_dir()), seed_copy)]
    assert any(p.startswith("seed/views.csv, row 2, column 'page': unknown page 'finland'") for p in problems)
    assert "seed/views.csv, row 3, column 'section': page 'norway' has no section 'history'" in problems


def test_the_norway_key_figures_come_from_the_manifest_in_its_order() -> None:
    glance = views.refs("norway", "glance")
    assert list(glance) == ["period", "since", "pilots", "budget", "staff", "hubs"]
    assert glance["hubs"] == ["no-lup-hubs"]
    assert all(section in next(p for p in PAGES if p.url_path == "norway").sections for section in ("glance", "targets"))
