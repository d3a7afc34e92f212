"""Where the store lives: `DATABASE_URL`, or an SQLite file under `data/`.

Engines are tuned for several writers: SQLite runs in WAL mode with a busy timeout (a write waits
for the lock instead of failing at once), PostgreSQL connections are pinged before use (a
restarted server is reconnected to, not reported as a broken pipe). A lost connection or a lock
that does not come free is raised as `StoreUnavailable`, which pages show as one plain message.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Connection, Engine, event, inspect
from sqlalchemy import text as sql
from sqlalchemy.engine import CursorResult, ExceptionContext, Result
from sqlmodel import create_engine

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SQLITE = PROJECT_ROOT / "data" / "compass.db"
SQLITE_BUSY_MS = 15_000  # how long a write waits for another writer's lock before it is refused
PG_CONNECT_TIMEOUT_S = 3  # an unreachable server is reported within seconds, not after the OS's TCP timeout


class StoreUnavailable(RuntimeError):
    """The database cannot be reached, or stayed locked too long: nothing was read or written."""

    def __init__(self, busy: bool) -> None:
        self.busy = busy
        super().__init__("the data store is busy; nothing was saved" if busy else "the data store is not reachable")


def database_url() -> str:
    return os.environ.get("DATABASE_URL") or f"sqlite:///{DEFAULT_SQLITE}"


def sqlite_path(url: str) -> Path | None:
    """The file of an SQLite URL (None for other databases or in-memory SQLite)."""
    if not url.startswith("sqlite:///") or url == "sqlite:///:memory:":
        return None
    return Path(url.removeprefix("sqlite:///"))


def get_engine(url: str | None = None) -> Engine:
    """The engine for `url`, else for `DATABASE_URL` as it is now (read on every call, so a changed variable is honoured)."""
    return _engine(url or database_url())


@lru_cache(maxsize=8)
def _engine(url: str) -> Engine:
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_MS / 1000})
        event.listen(engine, "connect", _sqlite_pragmas)
    elif url.startswith("postgresql"):
        engine = create_engine(url, pool_pre_ping=True, connect_args={"connect_timeout": PG_CONNECT_TIMEOUT_S})
    else:
        engine = create_engine(url)
    event.listen(engine, "handle_error", _unavailable, retval=True)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")  # readers never block the writer, and the writer never blocks readers
    cursor.close()


def _unavailable(context: ExceptionContext) -> StoreUnavailable | None:
    """Turn 'server gone' and 'still locked after the busy timeout' into `StoreUnavailable`; other errors pass unchanged."""
    message = str(context.original_exception).lower()
    sqlstate = str(getattr(context.original_exception, "sqlstate", None) or "")
    # 08: connection exception; 57P0x: the server is shutting down or starting (a stop under an open page
    # ends its connections with 57P01 "terminating connection due to administrator command", which
    # SQLAlchemy does not count as a disconnect).
    if context.is_disconnect or sqlstate.startswith(("08", "57P0")) or (context.connection is None and "connect" in message):
        return StoreUnavailable(busy=False)
    if "database is locked" in message or "deadlock detected" in message:
        return StoreUnavailable(busy=True)
    return None


def sync_id_sequences(connection: Connection) -> None:
    """After rows were inserted with explicit ids (loader, restore): PostgreSQL's id sequences continue after them."""
    if connection.dialect.name != "postgresql":
        return  # SQLite gives a new row max(rowid)+1 inside the write lock: nothing to move
    for table in inspect(connection).get_table_names():
        columns = {c["name"] for c in inspect(connection).get_columns(table)}
        if "id" not in columns:
            continue
        sequence = connection.execute(sql("SELECT pg_get_serial_sequence(:t, 'id')"), {"t": table}).scalar()
        if sequence:
            connection.execute(sql(f'SELECT setval(:s, COALESCE((SELECT MAX(id) FROM "{table}"), 0) + 1, false)'), {"s": sequence})


def checkpoint(engine: Engine) -> None:
    """SQLite: move the write-ahead log into the database file, so the file alone is the whole store (a copy of it is complete)."""
    if engine.dialect.name == "sqlite":
        with engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def forget_engines() -> None:
    """Drop cached engines, e.g. before a database file is replaced underneath them."""
    _engine.cache_clear()


def rowcount(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE matched (0: its WHERE, e.g. a version check, refused them).

    They run as a `CursorResult`, though a session's `execute` is typed to return a plain `Result`."""
    return cast(CursorResult[Any], result).rowcount
