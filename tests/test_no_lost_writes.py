"""No lost work: racing saves, several writers, migrations that run once and never half, backups that restore.

The same specifications run on SQLite and on PostgreSQL (`make test` starts one on 127.0.0.1).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from model import assessments, auth, denmark, editing, queries, scenarios
from model.db import get_engine
from model.editing import Change
from model.errors import ConflictError
from model.migrate import current_revisions, head_revisions
from seed.export import export
from seed.load import load_bundle
from seed.validate import read_seed
from tests.conftest import PROJECT_ROOT

FACT = "no-lup-public-workplaces"
ROUNDS = 20
ACCOUNTS = {name: auth.hash_password("a long secret phrase") for name in ("pia", "ola")}


def sign_in(name: str) -> auth.Editor:
    return auth.sign_in(ACCOUNTS, name, "a long secret phrase", auth.Throttle())


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request, tmp_path: Path):
    """A freshly loaded store on each engine."""
    url = f"sqlite:///{tmp_path / 'race.db'}" if request.param == "sqlite" else request.getfixturevalue("pg_url")
    engine = get_engine(url)
    load_bundle(read_seed(), engine)
    yield engine
    with engine.begin() as connection:  # pg_url is one database per module: leave it as a fresh load would
        for table in ("user_audit", "edit_version", "user_scenario", "user_self_check", "signin_failure"):
            connection.execute(text(f"DELETE FROM {table}"))
    load_bundle(read_seed(), engine)


def loaded(engine, fact_id: str = FACT) -> Change:
    row = editing.editable_rows("fact", engine).set_index("fact_id", drop=False).loc[fact_id].to_dict()
    version = int(row.pop("version"))
    row.pop("key")
    return Change(row, version)


def race(actions: list) -> list[object]:
    """Run the actions at the same moment (released together by a barrier); each one's result or exception."""
    barrier, results = threading.Barrier(len(actions)), [None] * len(actions)

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = actions[i]()
        except Exception as exc:  # the outcome is what the test looks at
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


# --- Two editors, one row --------------------------------------------------------------------


def test_of_two_saves_of_one_row_released_together_exactly_one_wins_and_the_audit_chain_holds(store):
    pia, ola = sign_in("pia"), sign_in("ola")
    outcomes = []
    for n in range(ROUNDS):
        seen = loaded(store)
        a = Change({**seen.values, "value": 1000 + 2 * n}, seen.version)
        b = Change({**seen.values, "value": 1001 + 2 * n}, seen.version)
        results = race(
            [
                lambda a=a: editing.save_changes(pia, "fact", [a], "race", store),
                lambda b=b: editing.save_changes(ola, "fact", [b], "race", store),
            ]
        )
        assert sorted(type(r).__name__ for r in results) == ["ConflictError", "int"], results
        outcomes.append(results)
        loser = next(r for r in results if isinstance(r, ConflictError))
        [conflict] = loser.conflicts
        assert conflict.editor in ("pia", "ola") and conflict.at is not None and conflict.current == seen.version + 1
    entries = editing.history("fact", FACT, store).sort_values("id")
    assert len(entries) == ROUNDS  # one winner a round, nothing else written
    for before, after in zip(entries.to_dict("records"), entries.to_dict("records")[1:], strict=False):
        assert json.loads(after["old_value"]) == json.loads(before["new_value"])  # each old value is the previous new value
    assert queries.fact(FACT, store)["value"] == json.loads(entries.iloc[-1]["new_value"])["value"]
    print(f"\n{store.dialect.name}: {ROUNDS} races, {ROUNDS} won, {ROUNDS} refused, audit chain consistent")


def test_a_refused_save_names_who_changed_the_row_and_an_overwrite_is_audited_as_such(store):
    pia, ola = sign_in("pia"), sign_in("ola")
    seen = loaded(store)
    editing.save_changes(pia, "fact", [Change({**seen.values, "value": 240}, seen.version)], "new count", store)
    with pytest.raises(ConflictError, match="pia's change at") as refused:
        editing.save_changes(ola, "fact", [Change({**seen.values, "value": 250}, seen.version)], "my count", store)
    assert queries.fact(FACT, store)["value"] == 240  # the first save stands
    [conflict] = refused.value.conflicts
    forced = Change({**seen.values, "value": 250}, conflict.current, overwrites=conflict)
    editing.save_changes(ola, "fact", [forced], "my count", store)
    latest = editing.history("fact", FACT, store).iloc[0]
    assert latest["action"] == "overwrite" and latest["editor"] == "ola" and "overwrote pia's change" in latest["reason"]
    assert json.loads(latest["old_value"])["value"] == 240 and queries.fact(FACT, store)["value"] == 250


def test_a_delete_of_a_row_someone_changed_is_refused_and_the_row_stays(store):
    pia, ola = sign_in("pia"), sign_in("ola")
    seen = loaded(store)
    editing.save_changes(pia, "fact", [Change({**seen.values, "value": 240}, seen.version)], "new count", store)
    with pytest.raises(ConflictError):
        editing.delete_row(ola, "fact", FACT, seen.version, "gone", store)
    assert queries.fact(FACT, store)["value"] == 240


def test_new_rows_get_their_ids_from_the_database(store):
    pia = sign_in("pia")
    rows = editing.editable_rows("population", store)
    template = rows.iloc[0].drop(["key", "version"]).to_dict()
    new = [Change({**template, "year": 1900 + n}, None) for n in range(3)]
    assert editing.save_changes(pia, "population", new, "old years", store) == 3
    with store.connect() as connection:
        ids = connection.execute(text("SELECT id FROM population")).scalars().all()
    assert len(ids) == len(set(ids)) == len(rows) + 3


# --- Many writers ------------------------------------------------------------------------------

WRITER = """
import sys, threading
from model import denmark, scenarios
from model.db import get_engine
engine = get_engine(sys.argv[1])
inputs = denmark.default_inputs(2016, engine)
def save(n):
    scenarios.create(f"server {sys.argv[2]} scenario {n}", inputs, f"visitor:{sys.argv[2]}", engine)
threads = [threading.Thread(target=save, args=(n,)) for n in range(25)]
[t.start() for t in threads]
[t.join() for t in threads]
"""


def test_fifty_scenario_saves_from_two_servers_at_once_are_fifty_rows_with_distinct_ids(store):
    url = store.url.render_as_string(hide_password=False)
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, url, str(s)], cwd=PROJECT_ROOT) for s in (1, 2)]
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    saved = scenarios.list_scenarios(store)
    assert len(saved) == 50 and saved["id"].is_unique and saved["name"].is_unique


# --- Migrations: once, never half ----------------------------------------------------------------


def seed_command(*args: str, url: str) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": url}
    pipe = subprocess.PIPE
    return subprocess.Popen([sys.executable, "-m", "seed", *args], cwd=PROJECT_ROOT, env=env, stdout=pipe, stderr=pipe)


@pytest.mark.postgres
def test_two_migrators_started_at_once_on_a_fresh_postgresql_migrate_once_without_error(pg_url: str):
    fresh = pg_url + "_fresh"
    admin = create_engine(pg_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{fresh.rsplit("/", 1)[1]}"'))
    try:
        runs = [seed_command("migrate", url=fresh) for _ in range(2)]
        outputs = [run.communicate(timeout=120) for run in runs]
        assert [run.returncode for run in runs] == [0, 0], outputs
        said = sorted(out.decode().split(" in ")[0] for out, _ in outputs)
        assert said == ["schema already up to date", "schema migrated"]
        assert current_revisions(get_engine(fresh)) == head_revisions()
    finally:
        get_engine(fresh).dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{fresh.rsplit("/", 1)[1]}" WITH (FORCE)'))
        admin.dispose()


def whole_or_absent(path: Path) -> str:
    """'absent', or 'whole' when the file is a store at the current schema (loadable); anything else fails."""
    if not path.exists():
        return "absent"
    engine = create_engine(f"sqlite:///{path}")
    try:
        assert current_revisions(engine) == head_revisions(), "a database at an old schema"
        assert {"fact", "user_scenario", "edit_version"} <= set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    return "whole"


KILLS = 10  # a command: 20 moments in all, load and migrate


@pytest.mark.parametrize("command", ["load", "migrate"])
def test_a_kill_at_any_moment_of_building_a_new_sqlite_database_leaves_none_or_a_whole_one(tmp_path: Path, command: str):
    start = time.monotonic()
    assert seed_command(command, url=f"sqlite:///{tmp_path / 'timed.db'}").wait(timeout=120) == 0
    duration = time.monotonic() - start
    outcomes = []
    for moment in range(KILLS):  # from the start to a little past the end of a whole run
        path = tmp_path / f"killed-{moment}.db"
        run = seed_command(command, url=f"sqlite:///{path}")
        time.sleep(duration * 1.25 * moment / (KILLS - 1))
        run.send_signal(signal.SIGKILL)
        run.wait(timeout=30)
        outcomes.append(whole_or_absent(path))
    absent, whole = outcomes.count("absent"), outcomes.count("whole")
    print(f"\nseed {command}: {KILLS} kills over {duration:.1f} s: {absent} left no database, {whole} a whole one")
    # after a kill, the next run builds the database (the killed run's scratch file is not in its way)
    retry = tmp_path / f"killed-{outcomes.index('absent')}.db"
    assert seed_command(command, url=f"sqlite:///{retry}").wait(timeout=120) == 0
    assert whole_or_absent(retry) == "whole"
    assert not [p.name for p in tmp_path.glob(".*building*") if p.name.startswith(f".{retry.name}")]


# --- Backups -------------------------------------------------------------------------------------


def test_a_backup_restored_into_an_empty_database_exports_identically(store, tmp_path: Path):
    from model.backup import BackupError, backup, restore

    pia = sign_in("pia")
    seen = loaded(store)
    editing.save_changes(pia, "fact", [Change({**seen.values, "value": 240}, seen.version)], "new count", store)
    scenarios.create("Backed up", denmark.default_inputs(2016, store), "visitor:a", store)
    assessments.save_self_check("Backed up", dict.fromkeys(assessments.factor_ids(store), 3), "a note", store, owner="visitor:a")
    counts = backup(store, tmp_path / "backup.json")
    assert counts["user_scenario"] == counts["user_self_check"] == 1 and counts["user_audit"] == 1
    target = get_engine(f"sqlite:///{tmp_path / 'restored.db'}")
    restore(target, tmp_path / "backup.json")
    export(store, tmp_path / "original", include_user_data=True)
    export(target, tmp_path / "restored", include_user_data=True)
    for original in sorted((tmp_path / "original").iterdir()):
        assert (tmp_path / "restored" / original.name).read_text() == original.read_text(), original.name
    with pytest.raises(BackupError, match="already holds rows people made"):
        restore(target, tmp_path / "backup.json")
    # and the restored store goes on: a new scenario gets a new id
    again = scenarios.create("After restore", scenarios.get(1, target)["inputs"], "visitor:b", target)
    assert again["id"] == 2


def test_the_app_refuses_to_serve_a_database_whose_schema_is_behind_and_says_what_to_run(tmp_path: Path, monkeypatch):
    from alembic import command
    from streamlit.testing.v1 import AppTest

    from model.migrate import alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    config = alembic_config()
    with get_engine(url).begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005")  # a store from before this code's migrations
    monkeypatch.setenv("DATABASE_URL", url)
    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    assert "python -m seed migrate" in at.error[0].value
    assert current_revisions(get_engine(url)) == {"0005"}  # the app did not migrate it


def _page_with_a_fragment_that_loses_the_store() -> None:
    import streamlit as st

    from model.db import StoreUnavailable
    from ui import store

    st.title("A page")

    @store.fragment
    def section() -> None:
        st.write("before the loss")
        raise StoreUnavailable(busy=False)

    section()
    st.write("after the fragment")  # never drawn: the run stops where the store was lost


def test_a_store_lost_inside_a_fragment_is_said_in_words_not_as_a_traceback(monkeypatch):
    from streamlit.testing.v1 import AppTest

    from model.i18n import text

    monkeypatch.setattr("ui.store.reachable", lambda: False)  # still away when the retry looks

    at = AppTest.from_function(_page_with_a_fragment_that_loses_the_store, default_timeout=30).run()
    assert not at.exception  # Streamlit's own fragment handler would have drawn the traceback
    assert [w.value for w in at.warning] == [text("store.unreachable", "en")]
    assert "after the fragment" not in [m.value for m in at.markdown]
