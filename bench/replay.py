"""A page's floor: the same Streamlit element calls with the same data, replayed from a pickled recording.

`bench/recorder.py` writes a recording of one run of a page; `bench/floor_app.py` (served by the same
Streamlit) draws it with `draw`. Nothing here imports the app (`ui`, `model`, `pages`, ...): the floor
pays Streamlit's cost for those elements and data, and nothing the app computes.
"""

from __future__ import annotations

import io
import os
import pickle
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.delta_generator_singletons import get_dg_singleton_instance

APP_PACKAGES = frozenset({"ui", "model", "pages", "seed", "reports", "app", "serve"})
COMPONENT = "component"  # a custom component's mount (st.components.v2): args are its name, html, css, js
ROOTS = ("main", "sidebar", "event", "bottom")  # recording ids 0-3: Streamlit's root containers
DEFAULT_DIR = Path(__file__).resolve().parents[1] / "data" / "floors"


@dataclass
class Call:
    """One outermost element or container call: `containers[target].method(*args, **kwargs)`."""

    target: int
    method: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    state: dict[str, Any] = field(default_factory=dict)  # widget values the page set via session state just before
    results: list[int] = field(default_factory=list)  # ids given to the containers the call returned


@dataclass
class Recording:
    name: str  # the bench's name for it (a page, or a page's section)
    page_config: dict[str, Any]
    navigation: dict[str, Any] | None  # st.navigation's pages (as plain dicts) and options
    calls: list[Call]
    stand_ins: list[str]  # what was replaced by an equivalent (a deck by its JSON, a page link by a URL)


class FrozenDeck:
    """A pydeck Deck as Streamlit reads it (`to_json`, `_tooltip`), its JSON made at recording time."""

    def __init__(self, spec: str, tooltip: dict[str, str] | None) -> None:
        self.spec, self._tooltip = spec, tooltip
        self.layers: list[Any] = []  # Streamlit converts DataFrames in a deck's layers: there are none
        self.mapbox_key = None

    def to_json(self) -> str:
        return self.spec


class _NoAppUnpickler(pickle.Unpickler):
    """Refuses any class of the app's own packages: a floor that imported the app would measure it."""

    def find_class(self, module: str, name: str) -> Any:
        if module.split(".")[0] in APP_PACKAGES:
            raise pickle.UnpicklingError(f"the recording needs {module}.{name}: a floor must not import the app")
        return super().find_class(module, name)


def path(name: str, size: str, directory: Path | None = None) -> Path:
    """Where a recording lives: `directory`, else BENCH_FLOOR_DIR (set by the bench for its servers), else data/floors."""
    return (directory or Path(os.environ.get("BENCH_FLOOR_DIR", DEFAULT_DIR))) / size / f"{name}.pkl"


def loads(data: bytes) -> Recording:
    return _NoAppUnpickler(io.BytesIO(data)).load()


_LOADED: dict[Path, Recording] = {}  # per process, like the data a real page keeps in its caches


def load(name: str, size: str, directory: Path | None = None) -> Recording:
    file = path(name, size, directory)
    if file not in _LOADED:
        _LOADED[file] = loads(file.read_bytes())
    return _LOADED[file]


def decks(recording: Recording) -> list[Call]:
    """The recording's maps: its `st.pydeck_chart` calls, wherever the page placed them."""
    return [call for call in recording.calls if call.method == "pydeck_chart"]


def noop(*_args: Any, **_kwargs: Any) -> None:
    """What a recorded widget's callback becomes: the same widget, and nothing the app would do on a change."""


_MOUNTS: dict[tuple[Any, ...], Any] = {}


def _mount(target: DeltaGenerator, call: Call) -> Any:
    """A custom component registered under its recorded name and code, mounted in the target container."""
    name, html, css, js, *_ = call.args
    kwargs = dict(call.kwargs)
    isolate = kwargs.pop("isolate_styles", True)  # an argument of the definition, not of the mount
    definition = (name, html, css, js, isolate)
    if definition not in _MOUNTS:
        _MOUNTS[definition] = st.components.v2.component(name, html=html, css=css, js=js, isolate_styles=isolate)
    with target:
        return _MOUNTS[definition](**kwargs)


def _call(target: DeltaGenerator, call: Call) -> Any:
    if call.method == COMPONENT:
        return _mount(target, call)
    return getattr(target, call.method)(*call.args, **call.kwargs)


def _containers(result: Any) -> list[DeltaGenerator]:
    if isinstance(result, DeltaGenerator):
        return [result]
    if isinstance(result, list | tuple) and result and all(isinstance(r, DeltaGenerator) for r in result):
        return list(result)
    return []


def draw(recording: Recording) -> None:
    """Every recorded call on the container it targeted, in order."""
    singletons = get_dg_singleton_instance()
    roots = (singletons.main_dg, singletons.sidebar_dg, singletons.event_dg, singletons.bottom_dg)
    containers: dict[int, DeltaGenerator] = dict(enumerate(roots))
    for call in recording.calls:
        for key, value in call.state.items():
            st.session_state[key] = value
        result = _call(containers.get(call.target, roots[0]), call)
        containers.update(zip(call.results, _containers(result), strict=False))


def serve(recording: Recording) -> None:
    """The floor app's body: the page's config, its navigation (same menu) and its elements."""
    if recording.page_config:
        st.set_page_config(**recording.page_config)
    nav = recording.navigation
    if not nav:
        draw(recording)
        return

    def page(entry: dict[str, Any]) -> st.Page:
        def body() -> None:
            draw(recording)

        body.__name__ = f"floor_{entry['url_path'] or 'home'}"
        return st.Page(body, **_page_args(entry))

    st.navigation([page(entry) for entry in nav["pages"]], **nav["options"]).run()


def _page_args(entry: dict[str, Any]) -> dict[str, Any]:
    """st.Page's arguments: the page being replayed is the default, served at "/"."""
    args = {k: v for k, v in entry.items() if k in ("title", "icon", "url_path", "visibility")}
    return {**args, "default": bool(entry.get("current"))}
