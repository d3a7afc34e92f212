"""Bring a database's schema up to date with Alembic, once and never half, keeping the rows users made.

- `python -m seed migrate` (and `make run` before it starts the app) runs `upgrade`; the app only
  checks `is_current` and refuses to serve a database that is behind, so app servers starting
  together never race on the schema.
- On PostgreSQL a migrator first takes an advisory lock inside the migration's transaction:
  concurrent migrators wait for each other, and the later one finds nothing left to do.
- On SQLite the whole migration is one transaction (`BEGIN IMMEDIATE`; Alembic would otherwise
  commit table by table). A *new* SQLite database is built aside (`building_aside`) and moved into
  place only when complete: a kill at any moment leaves no database or a whole one.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy import text as sql

from model.db import PROJECT_ROOT, database_url, get_engine, sqlite_path

MIGRATION_LOCK = 0x636F6D70  # "comp": the advisory lock id every migrator of this app takes


def alembic_config() -> Config:
    return Config(str(PROJECT_ROOT / "alembic.ini"))


def head_revisions() -> set[str]:
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def current_revisions(engine: Engine) -> set[str]:
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def is_current(engine: Engine) -> bool:
    """True when the database has every migration this code knows (an empty database has none)."""
    return current_revisions(engine) == head_revisions()


def upgrade(engine: Engine) -> bool:
    """Apply the missing migrations in one transaction; returns True if any were applied."""
    config = alembic_config()
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sql("SELECT pg_advisory_xact_lock(:id)"), {"id": MIGRATION_LOCK})  # held until commit
        elif connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # DDL inside one transaction, not one commit per table
        if set(MigrationContext.configure(connection).get_current_heads()) == head_revisions():
            return False  # another migrator finished first
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")
    return True


def is_new_sqlite(url: str) -> bool:
    path = sqlite_path(url)
    return path is not None and (not path.exists() or path.stat().st_size == 0)


@contextmanager
def building_aside(url: str | None = None) -> Iterator[str]:
    """For a new SQLite database: yield the URL of a scratch file to build it in, then move it into place.

    Nothing is at `url` until the block completes; a failure or kill leaves only a scratch file
    (`.compass.db.building-<pid>`), which the next build removes. Other URLs are yielded unchanged.
    """
    url = url or database_url()
    path = sqlite_path(url)
    if path is None or not is_new_sqlite(url):
        yield url
        return
    _remove_stale_builds(path)
    scratch = path.with_name(f".{path.name}.building-{os.getpid()}")
    scratch.unlink(missing_ok=True)
    scratch_url = f"sqlite:///{scratch}"
    try:
        yield scratch_url
        engine = get_engine(scratch_url)
        with engine.connect() as connection:  # the file alone must hold everything before it moves
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.exec_driver_sql("PRAGMA journal_mode=DELETE")
        engine.dispose()
        path.unlink(missing_ok=True)  # an empty file someone created meanwhile
        os.replace(scratch, path)
    finally:
        get_engine(scratch_url).dispose()
        for leftover in (scratch, Path(f"{scratch}-wal"), Path(f"{scratch}-shm")):
            leftover.unlink(missing_ok=True)


def _remove_stale_builds(path: Path) -> None:
    """Scratch files of builds whose process is gone (killed): they never became the database."""
    for stale in path.parent.glob(f".{path.name}.building-*"):
        pid = re.search(r"building-(\d+)", stale.name)
        if pid and not _alive(int(pid.group(1))):
            stale.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
