"""The data boundary: pages and ui modules call model queries through `cached(...)`, per data version.

Caching is keyed on the latest `DataVersion` id, so a reload of the seed (or an
edit) makes every open dashboard fetch fresh data on its next rerun.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import io
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, ParamSpec, TypeVar, cast

import streamlit as st

from model import queries
from model.citation import cited_as
from model.db import database_url
from model.localize import localize
from ui.i18n import language

P = ParamSpec("P")
R = TypeVar("R")
_QUERIES: dict[str, Callable[..., Any]] = {}  # "model.norway.hubs" -> the model function
_WRAPPED: dict[str, Callable[..., Any]] = {}  # the same name -> its cached wrapper


VERSION_TTL_S = 2  # how old a data version read may be: an edit on another server shows within this + one rerun
_VERSIONS: dict[str, tuple[float, int]] = {}  # url -> (when read, version id)


def version(url: str) -> int:
    """The store's current data version, read at most every `VERSION_TTL_S` per process.

    A plain dict, not `st.cache_data`: every cached query asks it, and Streamlit's hashing of the key
    cost more than the answer."""
    now = time.monotonic()
    seen = _VERSIONS.get(url)
    if seen is not None and now - seen[0] < VERSION_TTL_S:
        return seen[1]
    info = queries.data_version()
    current = 0 if info is None else int(info["id"])
    _VERSIONS[url] = (now, current)
    return current


_MISSING = object()


class _Lru:
    """A process-wide dict that keeps its `size` most recently used entries; safe across sessions' threads."""

    def __init__(self, size: int) -> None:
        self.size, self._lock, self._items = size, threading.Lock(), OrderedDict[Hashable, Any]()
        self._making: dict[Hashable, threading.RLock] = {}

    def get_or_make(self, key: Hashable, make: Callable[[], Any]) -> Any:
        """The entry for `key`, made by one thread while the others asking for it wait (no herd of builders).

        A hall that clicks the same currency at once, or reruns together after an edit changed the data
        version, all miss together: without the gate each of 100 sessions built the same chart, and the
        first click took 4 s instead of 1."""
        value = self.get(key)
        if value is not _MISSING:
            return value
        with self._lock:
            gate = self._making.setdefault(key, threading.RLock())
        with gate:
            value = self.get(key)
            if value is _MISSING:
                value = make()
                self.put(key, value)
        with self._lock:
            self._making.pop(key, None)
        return value

    def get(self, key: Hashable) -> Any:
        with self._lock:
            value = self._items.get(key, _MISSING)
            if value is not _MISSING:
                self._items.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()


_RESULTS = _Lru(256)  # a query's key -> its pickled answer


def _cached(name: str, url: str, data_version: int, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...], lang: str = "en") -> Any:
    """A query's answer kept pickled in this process and handed out as a fresh copy (a page may change it).

    What `st.cache_data` did, without hashing its arguments with Streamlit's hasher on every call."""
    key: Hashable = (name, url, data_version, args, kwargs, lang)
    try:
        hash(key)
    except TypeError:  # a list or a frame among the arguments
        key = (name, url, data_version, digest((args, kwargs)), lang)
    blob = _RESULTS.get_or_make(key, lambda: pickle.dumps(_answer(name, url, data_version, args, kwargs, lang), protocol=5))
    return pickle.loads(blob)


def _answer(name: str, url: str, data_version: int, args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...], lang: str) -> Any:
    query = _QUERIES[name]
    if "lang" in inspect.signature(query).parameters and "lang" not in dict(kwargs):
        kwargs = (*kwargs, ("lang", lang))  # a query that composes texts itself writes them in the reader's language
    return cited_as(localize(query(*args, **dict(kwargs)), lang), _source_names(url, data_version), lang)


@st.cache_data(show_spinner=False, max_entries=8)
def _source_names(url: str, data_version: int) -> dict[str, str]:
    """Each document's file -> the name a reader cites it by (its title when it has none)."""
    documents = queries.sources()
    return dict(zip(documents["file"], documents["cite_as"].fillna(documents["title"]), strict=True))


def cached(query: Callable[P, R]) -> Callable[P, R]:
    """`query` (a model function) answered from the cache of the store's current data version.

    `cached(norway.hubs)()` takes the model function's own, type-checked arguments (hashable by
    Streamlit: str, numbers, tuples); each function is wrapped once per process. The results are
    copies, so a page may change what it gets. Their store texts come back in the reader's language
    (`model.localize`): statements, labels, caveats and targets translated, quotes verbatim; their
    sources by name, with the locator in that language (`model.citation`: "Rapport 2019:3, s. 38"),
    the file in `source_file`.
    """
    name = f"{query.__module__}.{query.__qualname__}"
    if name not in _WRAPPED:
        _QUERIES[name] = query

        @functools.wraps(query)
        def ask(*args: P.args, **kwargs: P.kwargs) -> R:
            url = database_url()
            return cast(R, _cached(name, url, version(url), args, tuple(sorted(kwargs.items())), language()))

        _WRAPPED[name] = ask
    return cast(Callable[P, R], _WRAPPED[name])


def digest(value: Any) -> str:
    """md5 of `value`'s pickle written without pickle's memo, so equal values give equal digests.

    A plain pickle writes an object seen twice as a back-reference: two equal frames whose cells share
    strings differently (one fresh from the cache, one built by the page) pickled differently, and every
    currency click missed the chart cache and rebuilt its chart (py-spy: a fifth of the click).
    """
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True  # no memo: each value written out in full (inputs are small and never self-referencing)
    pickler.dump(value)
    return hashlib.md5(buffer.getvalue()).hexdigest()


_SHARED = _Lru(512)


def shared(derive: Callable[P, R], inputs: Callable[P, Hashable] | None = None) -> Callable[P, R]:
    """`derive` (a pure function of its arguments and the store), computed once per data version, language
    and arguments in this process, and the *same object* handed to every session (the least recently used go).

    For read-only results on hot paths (each phone's rerun in the summit room, a hall switching currency):
    `st.cache_data` unpickles a fresh copy on every call, which hundreds of readers pay every second. Never
    mutate what it returns. `inputs` turns unhashable arguments (frames) into the key, e.g. with `digest`.
    """
    code = inspect.unwrap(derive).__code__  # the file, not the module: pages all run as __main__
    name = f"{code.co_filename}:{derive.__qualname__}"

    @functools.wraps(derive)
    def read(*args: P.args, **kwargs: P.kwargs) -> R:
        url = database_url()
        given = inputs(*args, **kwargs) if inputs else (args, tuple(sorted(kwargs.items())))
        key = (name, url, version(url), language(), given)
        return cast(R, _SHARED.get_or_make(key, lambda: derive(*args, **kwargs)))

    return read


def clear() -> None:
    """After an edit: drop cached query results now (the new data version would, within 2 s)."""
    _RESULTS.clear()
    _VERSIONS.clear()
    _SHARED.clear()
