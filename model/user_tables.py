"""Registers the tables people create rows in through the app (prefix `user_`).

Each feature keeps its own module; importing them here puts every table on
`SQLModel.metadata` for Alembic and the exporter.
"""

import importlib

for _module in ("model.audit", "model.auth", "model.assessments", "model.scenarios", "model.live"):
    try:
        importlib.import_module(_module)
    except ModuleNotFoundError as exc:  # a feature not built yet
        if exc.name != _module:
            raise
