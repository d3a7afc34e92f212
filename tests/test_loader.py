"""The loader refuses bad seed files with a message naming file, row and column, and changes nothing."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import Engine

from model.db import get_engine
from seed import load as load_module
from seed.export import export
from seed.load import load_bundle
from seed.validate import SeedError, read_seed
from tests.conftest import sources_dir


def _edit(path: Path, change) -> None:
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    change(rows)
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)


def _problems(seed_dir: Path) -> list[str]:
    with pytest.raises(SeedError) as caught:
        read_seed(seed_dir, sources_dir())
    return [str(p) for p in caught.value.problems]


def _set(rows: list[list[str]], line: int, column: str, value: str) -> None:
    rows[line - 1][rows[0].index(column)] = value


def _drop_column(rows: list[list[str]], column: str) -> None:
    index = rows[0].index(column)
    for row in rows:
        row.pop(index)


def test_a_missing_column_is_named(seed_copy: Path):
    _edit(seed_copy / "sweden/buyer_networks.csv", lambda rows: _drop_column(rows, "financier"))
    assert "seed/sweden/buyer_networks.csv, row 1, column 'financier': missing column" in _problems(seed_copy)


def test_text_in_a_number_field_is_named(seed_copy: Path):
    _edit(seed_copy / "sweden/buyer_networks.csv", lambda rows: _set(rows, 2, "start_year", "nineteen-eighty-nine"))
    problems = _problems(seed_copy)
    assert problems[0].startswith("seed/sweden/buyer_networks.csv, row 2, column 'start_year': 'nineteen-eighty-nine' is not a number")


def test_an_unknown_county_code_is_named(seed_copy: Path):
    _edit(seed_copy / "norway/hub_counties.csv", lambda rows: _set(rows, 3, "county_code", "NO-99"))
    assert "seed/norway/hub_counties.csv, row 3, column 'county_code': unknown code 'NO-99' (not in table region)" in _problems(seed_copy)


def test_a_duplicate_key_is_named(seed_copy: Path):
    _edit(seed_copy / "sweden/buyer_networks.csv", lambda rows: rows.append(list(rows[1])))
    [problem] = _problems(seed_copy)
    assert problem.startswith("seed/sweden/buyer_networks.csv, row 12, column 'network_id': duplicate key 'bebo'")


def test_a_fact_without_a_quote_is_refused(seed_copy: Path):
    _edit(seed_copy / "sweden/facts.csv", lambda rows: _set(rows, 2, "quote", ""))
    assert any("seed/sweden/facts.csv, row 2, column 'quote': every fact needs a citation" in p for p in _problems(seed_copy))


def test_a_file_that_is_not_utf8_is_refused(seed_copy: Path):
    path = seed_copy / "sweden/buyer_networks.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    assert any(p.startswith("seed/sweden/buyer_networks.csv: is not UTF-8") for p in _problems(seed_copy))


def test_a_name_with_markup_is_stored_as_plain_text(seed_copy: Path, tmp_path: Path):
    _edit(seed_copy / "sweden/buyer_networks.csv", lambda rows: _set(rows, 2, "name", "<script>alert(1)</script>BeBo"))
    engine = get_engine(f"sqlite:///{tmp_path / 'markup.db'}")
    load_bundle(read_seed(seed_copy, None), engine)
    from model import queries

    assert "<script>alert(1)</script>BeBo" in set(queries.buyer_networks(engine)["name"])


def _snapshot(engine: Engine, folder: Path) -> dict[str, str]:
    export(engine, folder)
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def test_a_failed_load_leaves_the_database_exactly_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    engine = get_engine(f"sqlite:///{tmp_path / 'keep.db'}")
    bundle = read_seed()
    load_bundle(bundle, engine)
    before = _snapshot(engine, tmp_path / "before")

    def broken_citation(*args, **kwargs):
        raise RuntimeError("disk full halfway through")

    bundle.rows["buyer_network"][0].citation = ("000_72452f19aaf026ad.txt", "p. 1", "changed")
    monkeypatch.setattr(load_module.t, "DataVersion", broken_citation)
    with pytest.raises(RuntimeError):
        load_bundle(bundle, engine)
    assert _snapshot(engine, tmp_path / "after") == before


def test_loading_twice_gives_identical_exports(tmp_path: Path):
    engine = get_engine(f"sqlite:///{tmp_path / 'twice.db'}")
    load_bundle(read_seed(), engine)
    first = _snapshot(engine, tmp_path / "first")
    assert load_bundle(read_seed(), engine) is False  # nothing changed, no new data version
    assert _snapshot(engine, tmp_path / "second") == first
    assert "datapackage.json" in first and "buyer_network.csv" in first
