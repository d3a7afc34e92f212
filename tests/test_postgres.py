"""The same loader and queries against a real PostgreSQL server (`make test` starts one on 127.0.0.1)."""

from __future__ import annotations

import pytest

from model import queries
from model.db import get_engine
from model.errors import ConflictError
from seed.load import load_bundle
from seed.validate import read_seed

pytestmark = pytest.mark.postgres


def test_the_loader_and_queries_work_on_postgresql(pg_url: str):
    engine = get_engine(pg_url)
    assert engine.dialect.name == "postgresql"
    assert load_bundle(read_seed(), engine) is True
    assert load_bundle(read_seed(), engine) is False
    assert len(queries.buyer_networks(engine)) == 10
    assert set(queries.hub_counties(engine)["hub_id"]) == {"ostlandet", "midt-nord", "sor-vest"}
    assert not queries.citations(engine).empty
    assert queries.has_data(engine)


def test_editing_and_reverting_work_on_postgresql(pg_url: str):
    from model import auth, editing

    engine = get_engine(pg_url)
    load_bundle(read_seed(), engine)
    editor = auth.sign_in({"pia": auth.hash_password("a long secret phrase")}, "pia", "a long secret phrase", auth.Throttle())
    rows = editing.editable_rows("fact", engine).set_index("fact_id", drop=False)
    row = rows.loc["no-lup-public-workplaces"].to_dict()
    version = row.pop("version")
    row.pop("key")
    editing.save_changes(editor, "fact", [editing.Change({**row, "value": 240}, version)], "pg test", engine)
    assert queries.fact("no-lup-public-workplaces", engine)["value"] == 240
    [entry] = editing.history("fact", "no-lup-public-workplaces", engine).to_dict("records")
    editing.revert(editor, entry["id"], "undo", engine)
    assert queries.fact("no-lup-public-workplaces", engine)["value"] == 234


def test_saved_scenarios_and_self_checks_work_on_postgresql(pg_url: str):
    from model import assessments, denmark, scenarios

    engine = get_engine(pg_url)
    load_bundle(read_seed(), engine)
    inputs = denmark.default_inputs(2016, engine)
    saved = scenarios.create("PG case", inputs, "visitor:pg", engine)
    scenarios.save(saved["id"], "PG case", inputs, saved["version"], "visitor:pg", engine=engine)
    with pytest.raises(ConflictError):  # the stale version loses on PostgreSQL too
        scenarios.save(saved["id"], "PG case", inputs, saved["version"], "visitor:pg", engine=engine)
    with pytest.raises(scenarios.ScenarioError):
        scenarios.create("pg CASE", inputs, "visitor:pg", engine)
    factors = assessments.factor_ids(engine)
    assessments.save_self_check("Danish welfare network", {f: 3 for f in factors}, engine=engine)
    assert list(assessments.self_checks(engine)["name"]) == ["Danish welfare network"]


def test_sources_search_and_paging_work_on_postgresql(pg_url: str):
    engine = get_engine(pg_url)
    load_bundle(read_seed(), engine)
    counts = queries.citation_counts("ØSTLANDET", engine=engine)
    assert sum(counts.values()) >= 1
    page = queries.citations_page("000_72452f19aaf026ad.txt", "østlandet", limit=5, offset=0, engine=engine)
    assert 1 <= len(page) <= 5 and page["quote"].str.contains("Østlandet").all()
