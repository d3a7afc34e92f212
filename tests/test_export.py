"""The public export: published data only, the same bytes every time, a valid and described data package."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from model.fields import describe
from model.schema import SEED_TABLES
from seed import schema_doc
from seed.export import export


@pytest.fixture(scope="module")
def exported(engine, tmp_path_factory) -> Path:
    return Path(export(engine, tmp_path_factory.mktemp("export"))[0]).parent


def test_two_exports_of_the_same_data_are_byte_identical(engine, exported, tmp_path):
    export(engine, tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in exported.iterdir())
    for path in tmp_path.iterdir():
        assert path.read_bytes() == (exported / path.name).read_bytes(), path.name


def test_the_public_export_has_no_editor_or_user_table(exported):
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert "fact" in names and "citation" in names
    assert not [n for n in names if n.startswith("user_")] and not list(exported.glob("user_*.csv"))


def test_an_editors_full_backup_has_the_user_tables(engine, tmp_path):
    export(engine, tmp_path, include_user_data=True)
    assert (tmp_path / "user_audit.csv").exists()


def test_every_field_is_described_and_the_package_names_its_licence_and_source_documents(exported):
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    fields = [(r["name"], f) for r in package["resources"] for f in r["schema"]["fields"]]
    assert len(fields) > 150 and not [(t, f["name"]) for t, f in fields if not f["description"]]
    assert package["licenses"] and len(package["sources"]) >= 4
    assert all(s["path"].endswith(".txt") for s in package["sources"])


def test_licences_say_what_is_known_and_that_the_documents_state_no_terms(exported):
    package = json.loads((exported / "datapackage.json").read_text(encoding="utf-8"))
    assert [lic["name"] for lic in package["licenses"]] == ["noassertion"]  # no licence chosen, none invented
    assert {s["terms"] for s in package["sources"]} == {"The document states no licence or terms of use."}
    resources = {r["name"]: r for r in package["resources"]}
    assert resources["region"]["licenses"][0]["name"] == "other-pd"  # Natural Earth's names: public domain
    assert "not recorded" in resources["exchange_rate"]["licenses"][0]["title"]


def test_integral_numbers_come_out_as_integers(exported):
    facts = (exported / "fact.csv").read_text(encoding="utf-8")
    assert "400000000000," in facts and ".0," not in facts


def test_frictionless_validates_the_package_with_no_error(exported):
    frictionless = shutil.which("frictionless", path=str(Path(sys.executable).parent))
    assert frictionless, "frictionless is pinned in requirements-dev.txt"
    result = subprocess.run([frictionless, "validate", "--json", "datapackage.json"], cwd=exported, capture_output=True, text=True)
    report = json.loads(result.stdout)
    assert report["valid"], [e["message"] for task in report["tasks"] for e in task["errors"]][:5]


def test_schema_md_describes_every_column_as_the_export_does():
    assert schema_doc.SCHEMA_MD.read_text(encoding="utf-8") == schema_doc.document(schema_doc.SCHEMA_MD.read_text(encoding="utf-8"))
    assert all(describe(spec.table, c) for spec in SEED_TABLES for c in spec.columns())
