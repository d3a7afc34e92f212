"""Alembic environment: migrates the store named by DATABASE_URL (or a passed connection)."""

from alembic import context
from sqlmodel import SQLModel

import model.tables
import model.user_tables  # noqa: F401
from model.db import get_engine

target_metadata = SQLModel.metadata


def run_migrations() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    with get_engine().connect() as connection:
        _run(connection)
        connection.commit()


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


run_migrations()
