"""Bring a database's schema up to date with Alembic, keeping the rows users made."""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

from model.db import PROJECT_ROOT


def alembic_config() -> Config:
    return Config(str(PROJECT_ROOT / "alembic.ini"))


def upgrade(engine: Engine) -> None:
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")  # several feature branches may each add a revision
