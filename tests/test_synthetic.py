"""The synthetic benchmark data: realistic, flagged row by row, and never in the real store."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from model import queries
from model import tables as t
from model.audit import AuditEntry
from model.db import DEFAULT_SQLITE, get_engine
from seed import synthetic
from seed.__main__ import main


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('synthetic') / 'bench.db'}"
    synthetic.generate(url, facts=10_000, networks=5)
    return url


def _count(url: str, sql: str) -> int:
    with get_engine(url).connect() as conn:
        return conn.execute(text(sql)).scalar_one()


def test_sizes_and_seed_kept(tiny: str) -> None:
    assert _count(tiny, "SELECT count(*) FROM fact WHERE fact_id LIKE 'syn-%'") == 10_000
    assert _count(tiny, "SELECT count(*) FROM buyer_network WHERE network_id LIKE 'syn-%'") == 5
    assert _count(tiny, "SELECT count(*) FROM fact WHERE fact_id NOT LIKE 'syn-%'") > 0  # the real seed, so every page works
    assert queries.fact("no-lup-established", get_engine(tiny)) is not None


def test_every_synthetic_row_is_flagged(tiny: str) -> None:
    """Each synthetic row is recognisable: its id, its topic or note, and its citation's source say so."""
    keys = {"fact": "fact_id", "buyer_network": "network_id", "network_fact": "network_id", "organisation": "org_id"}
    keys |= {"org_role": "org_id", "user_audit": "row_key", "user_scenario": "name"}
    flags = {
        "fact": "topic = 'synthetic' AND caveat LIKE 'Synthetic%'",
        "buyer_network": "start_status = 'synthetic'",
        "network_fact": "attribute IS NOT NULL",
        "organisation": "note LIKE 'Synthetic%'",
        "org_role": "role LIKE 'synthetic%'",
        "user_audit": "editor = 'synthetic'",
        "user_scenario": "owner = 'synthetic'",
    }
    for table, flag in flags.items():
        synthetic_rows = f"{keys[table]} LIKE 'syn-%'"
        assert _count(tiny, f"SELECT count(*) FROM {table} WHERE {synthetic_rows}") > 0, table
        assert _count(tiny, f"SELECT count(*) FROM {table} WHERE {synthetic_rows} AND NOT ({flag})") == 0, table
        if table != "network_fact":  # and no real row carries the flag
            assert _count(tiny, f"SELECT count(*) FROM {table} WHERE NOT ({synthetic_rows}) AND {flag}") == 0, table
    # Every synthetic cited row cites the synthetic source, and no real row does.
    for table, key in (("fact", "fact_id"), ("buyer_network", "network_id"), ("network_fact", "network_id"), ("org_role", "org_id")):
        cites = f"SELECT c.source_file FROM {table} x JOIN citation c ON c.id = x.citation_id"
        assert _count(tiny, f"SELECT count(*) FROM ({cites} WHERE x.{key} LIKE 'syn-%' AND c.source_file <> 'SYNTHETIC')") == 0
        assert _count(tiny, f"SELECT count(*) FROM ({cites} WHERE x.{key} NOT LIKE 'syn-%' AND c.source_file = 'SYNTHETIC')") == 0
    assert _count(tiny, "SELECT count(*) FROM data_version WHERE content_hash LIKE 'synthetic:%'") == 1


def test_facts_cover_country_county_municipality_and_years(tiny: str) -> None:
    with get_engine(tiny).connect() as conn:
        labels = conn.execute(select(t.Fact.label_en).where(t.Fact.topic == synthetic.TOPIC)).scalars().all()
        years = conn.execute(select(func.count(func.distinct(t.Fact.as_of))).where(t.Fact.topic == synthetic.TOPIC)).scalar_one()
        audit = conn.execute(select(func.count()).select_from(AuditEntry)).scalar_one()
    assert {label.split(" — ")[1].split()[0] for label in labels} == {"country", "county", "municipality"}
    assert years >= 1
    assert audit == 10
    assert _count(tiny, "SELECT count(*) FROM user_scenario") == 2  # one per 5 000 facts


def test_rerun_replaces_instead_of_adding(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'twice.db'}"
    synthetic.generate(url, facts=50, networks=2)
    summary = synthetic.generate(url, facts=20, networks=1)
    assert summary.facts == 20
    assert _count(url, "SELECT count(*) FROM fact WHERE fact_id LIKE 'syn-%'") == 20
    assert _count(url, "SELECT count(*) FROM source WHERE file = 'SYNTHETIC'") == 1


def test_the_real_store_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(synthetic.UnsafeTarget):
        synthetic.check_target(f"sqlite:///{DEFAULT_SQLITE}")
    real = tmp_path / "real.db"
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{real}")
    with pytest.raises(synthetic.UnsafeTarget):
        synthetic.generate(f"sqlite:///{real}", facts=10, networks=1)
    assert not real.exists()  # refused before anything was created
    monkeypatch.chdir(tmp_path)  # the same file through a relative URL is still the real store
    assert main(["synthetic", "--facts", "10", "--out", "sqlite:///real.db"]) == 2
    assert not real.exists()
    assert synthetic.same_database("postgresql+psycopg://a@h:5432/db", "postgresql+psycopg://b@h:5432/db")
    assert not synthetic.same_database("postgresql+psycopg://a@h:5432/db", "postgresql+psycopg://a@h:5432/other")


def test_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    assert main(["synthetic", "--facts", "30", "--networks", "2", "--out", url]) == 0
    assert "wrote 30 synthetic facts" in capsys.readouterr().out
    assert _count(url, "SELECT count(*) FROM fact WHERE topic = 'synthetic'") == 30


@pytest.mark.postgres
def test_postgresql_and_later_inserts(pg_url: str) -> None:
    """Explicit ids must not break the app's own inserts afterwards (PostgreSQL sequences)."""
    from sqlalchemy import insert

    url = pg_url
    synthetic.generate(url, facts=200, networks=3)
    assert _count(url, "SELECT count(*) FROM fact WHERE topic = 'synthetic'") == 200
    with get_engine(url).begin() as conn:
        row = {"entity": "fact", "entity_key": "x", "source_file": synthetic.SOURCE_FILE, "locator": "l", "quote": "q"}
        conn.execute(insert(t.Citation).values(**row))
