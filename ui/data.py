"""The data boundary: every page asks `ui.data.get(query, ...)`, cached per data version.

Caching is keyed on the latest `DataVersion` id, so a reload of the seed (or an
edit) makes every open dashboard fetch fresh data on its next rerun.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import streamlit as st

from model import queries
from model.db import database_url, get_engine


@st.cache_data(ttl=2, show_spinner=False)
def version(url: str) -> int:
    info = queries.data_version()
    return 0 if info is None else int(info["id"])


def _resolve(name: str) -> Callable[..., Any]:
    """`"facts"` is `model.queries.facts`; `"sweden.timeline"` is `model.sweden.timeline`."""
    if "." not in name:
        return getattr(queries, name)
    module, function = name.rsplit(".", 1)
    return getattr(importlib.import_module(f"model.{module}"), function)


@st.cache_data(show_spinner=False, max_entries=256)
def _cached(name: str, url: str, data_version: int, args: tuple, kwargs: tuple) -> Any:
    return _resolve(name)(*args, **dict(kwargs))


def get(name: str, *args: Any, **kwargs: Any) -> Any:
    """Run a model query (`"facts"`, or `"module.function"` under `model/`) through the cache."""
    url = database_url()
    return _cached(name, url, version(url), args, tuple(sorted(kwargs.items())))


@st.cache_resource(show_spinner="Loading the cited seed data…")
def ensure_loaded(url: str) -> list[str]:
    """Bring the schema up to date; on a fresh database, build it from `seed/`. Returns problems (empty when fine)."""
    from model.migrate import upgrade
    from seed.load import load_bundle
    from seed.validate import SeedError, read_seed

    upgrade(get_engine(url))  # an existing database gets new tables (e.g. the audit log) without losing rows
    if queries.has_data(get_engine(url)):
        return []
    try:
        bundle = read_seed()
    except SeedError as exc:
        return [str(p) for p in exc.problems]
    load_bundle(bundle, get_engine(url))
    return []


@st.fragment(run_every=4)
def follow_data_version() -> None:
    """Rerun the page when the store's data version changes (an edit, an import, a reload).

    The version lives in the database, not in this process, so every open dashboard
    follows it, also when several app servers share one PostgreSQL database.
    Worst case from a change to new figures on screen: 2 s cache + 4 s timer.
    """
    current = version(database_url())
    seen = st.session_state.setdefault("data_version_seen", current)
    if current != seen:
        st.session_state["data_version_seen"] = current
        st.rerun()


def clear() -> None:
    """After an edit: drop cached query results now (the new data version would, within 2 s)."""
    _cached.clear()
    version.clear()
