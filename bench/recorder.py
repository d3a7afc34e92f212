"""Record one run of a page: every outermost Streamlit element and container call, for its floor (bench/replay.py).

The DeltaGenerator's public methods (and `st.set_page_config`, `st.navigation`) are wrapped while the
page runs in AppTest; each call is kept with its target container, arguments and returned containers.
Callbacks are dropped and what would make the floor import the app is replaced by what Streamlit reads
of it: a deck by its JSON, a `format_func` by the labels it gave, a page by its URL.
"""

from __future__ import annotations

import functools
import pickle
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import streamlit as st
from streamlit.delta_generator import DeltaGenerator
from streamlit.delta_generator_singletons import get_dg_singleton_instance
from streamlit.runtime.state import get_session_state

from bench.replay import APP_PACKAGES, COMPONENT, Call, FrozenDeck, Recording, loads, noop

CALLBACK_ARGS = ("args", "kwargs")  # a callback's own arguments: the callbacks become replay.noop
SKIPPED = frozenset({"spinner"})  # a context manager around other calls, not an element


class _Recorder:
    def __init__(self) -> None:
        singletons = get_dg_singleton_instance()
        roots = (singletons.main_dg, singletons.sidebar_dg, singletons.event_dg, singletons.bottom_dg)
        self.ids: dict[int, int] = {id(dg): i for i, dg in enumerate(roots)}
        self.kept: list[Any] = list(roots)  # ids of live objects only: nothing recorded is freed and reused
        self.calls: list[Call] = []
        self.stand_ins: list[str] = []
        self.page_config: dict[str, Any] = {}
        self.navigation: dict[str, Any] | None = None
        self.depth = 0

    def register(self, result: Any) -> list[int]:
        from bench.replay import _containers

        found = _containers(result)
        self.kept.extend(found)
        for dg in found:
            self.ids[id(dg)] = len(self.ids)
        return [self.ids[id(dg)] for dg in found]

    def element(self, name: str, func: Callable[..., Any], dg: DeltaGenerator, args: tuple, kwargs: dict) -> Any:
        if self.depth or name in SKIPPED:
            return func(dg, *args, **kwargs)
        target = self.ids.get(id(dg._active_dg), 0)
        state = _set_by_page(kwargs.get("key"))
        self.depth += 1
        try:
            result = func(dg, *args, **kwargs)
        finally:
            self.depth -= 1
        call_args, call_kwargs = self.portable(name, args, kwargs)
        if name == "_bidi_component":
            name, call_args = COMPONENT, (*_definition(args[0]), *call_args[1:])
        self.calls.append(Call(target, name, call_args, call_kwargs, state, self.register(result)))
        return result

    def portable(self, name: str, args: tuple, kwargs: dict) -> tuple[tuple, dict]:
        """The arguments the floor can replay without the app: no callbacks, no app objects."""
        kwargs = {k: v for k, v in kwargs.items() if k not in CALLBACK_ARGS}
        kwargs |= {k: noop for k, v in kwargs.items() if k.startswith("on_") and callable(v)}  # the same widget, no handler
        if callable(kwargs.get("format_func")):
            args, kwargs = _labelled(args, kwargs)
            self.stand_ins.append(f"{name}: format_func → its labels")
        if callable(kwargs.get("data")) or (name == "download_button" and len(args) > 1 and callable(args[1])):
            kwargs.pop("data", None)
            args, kwargs = args[:1], {**kwargs, "data": b""}  # made on click: the page sends nothing either
        values = [self.stand_in(name, v) for v in args]
        return tuple(values), {k: self.stand_in(name, v) for k, v in kwargs.items()}

    def stand_in(self, name: str, value: Any) -> Any:
        if hasattr(value, "to_json") and hasattr(value, "layers") and hasattr(value, "_tooltip"):  # a Deck, or ui.maps.BuiltDeck
            from streamlit.elements.deck_gl_json_chart import _get_pydeck_tooltip

            self.stand_ins.append(f"{name}: deck → its JSON")
            return FrozenDeck(value.to_json(), _get_pydeck_tooltip(value))
        if isinstance(value, st.Page) or (name == "page_link" and isinstance(value, str) and value.endswith(".py")):
            self.stand_ins.append(f"{name}: page → its URL")
            return f"http://127.0.0.1/{getattr(value, 'url_path', '') or value.rsplit('/', 1)[-1][:-3]}"
        return value


def _definition(component: str) -> tuple[str, str | None, str | None, str | None]:
    """A custom component's name and code (st.components.v2), which the floor registers as its own."""
    from streamlit.runtime import Runtime

    found = Runtime.instance().bidi_component_registry.get(component)
    if found is None:
        return component, None, None, None
    return component, found.html_content, found.css_content, found.js_content


def _set_by_page(key: Any) -> dict[str, Any]:
    """A widget value the page wrote into session state this run (e.g. the open tab), which the floor writes too."""
    if not isinstance(key, str):
        return {}
    state = get_session_state()
    return {key: state[key]} if state.is_new_state_value(key) else {}


def _labelled(args: tuple, kwargs: dict) -> tuple[tuple, dict]:
    """Options replaced by the labels `format_func` gave them; defaults and values mapped the same way."""
    func = kwargs.pop("format_func")
    options = list(kwargs.pop("options") if "options" in kwargs else args[1] if len(args) > 1 else [])
    labels = [str(func(option)) for option in options]

    def label(value: Any) -> Any:
        if isinstance(value, list | tuple):
            return [label(v) for v in value]
        return labels[options.index(value)] if value in options else value

    for name in ("default", "value"):
        if name in kwargs:
            kwargs[name] = label(kwargs[name])
    if len(args) > 1:
        return (args[0], labels, *args[2:]), kwargs
    return args, {**kwargs, "options": labels}


@contextmanager
def recording(name: str) -> Iterator[Recording]:
    """Record the element calls made inside the block; the Recording is filled when the block ends."""
    recorder = _Recorder()
    result = Recording(name, {}, None, [], [])
    originals = {n: getattr(DeltaGenerator, n) for n in dir(DeltaGenerator) if not n.startswith("_")}
    originals = {n: f for n, f in originals.items() if callable(f)} | {"_bidi_component": DeltaGenerator._bidi_component}
    module = {n: getattr(st, n) for n in (*originals, "set_page_config", "navigation") if hasattr(st, n)}
    for n, func in originals.items():
        setattr(DeltaGenerator, n, _wrapped(recorder, n, func))
    for n, bound in module.items():
        if n in originals and isinstance(getattr(bound, "__self__", None), DeltaGenerator):
            setattr(st, n, getattr(bound.__self__, n))  # st.markdown is _main.markdown, bound before the wrapping
    st.set_page_config = _page_config(recorder, module["set_page_config"])  # type: ignore[assignment]
    st.navigation = _navigation(recorder, module["navigation"])  # type: ignore[assignment]
    try:
        yield result
    finally:
        for n, func in originals.items():
            setattr(DeltaGenerator, n, func)
        for n, value in module.items():
            setattr(st, n, value)
        result.calls, result.stand_ins = recorder.calls, sorted(set(recorder.stand_ins))
        result.page_config, result.navigation = recorder.page_config, recorder.navigation


def _wrapped(recorder: _Recorder, name: str, func: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(func)
    def method(self: DeltaGenerator, *args: Any, **kwargs: Any) -> Any:
        return recorder.element(name, func, self, args, kwargs)

    return method


def _page_config(recorder: _Recorder, original: Callable[..., Any]) -> Callable[..., Any]:
    def set_page_config(*args: Any, **kwargs: Any) -> Any:
        recorder.page_config |= {k: v for k, v in kwargs.items() if not callable(v)}
        return original(*args, **kwargs)

    return set_page_config


def _navigation(recorder: _Recorder, original: Callable[..., Any]) -> Callable[..., Any]:
    def navigation(pages: Any, **options: Any) -> Any:
        chosen = original(pages, **options)
        listed = [p for group in pages.values() for p in group] if isinstance(pages, dict) else list(pages)
        entries = [_page_entry(p, p is chosen or p.url_path == chosen.url_path) for p in listed]
        recorder.navigation = {"pages": entries, "options": options}
        return chosen

    return navigation


def _page_entry(page: Any, current: bool) -> dict[str, Any]:
    url_path = getattr(page, "_url_path", "") or page.url_path or "home"  # the default page's url_path reads ""
    return {"title": page.title, "icon": page.icon or None, "url_path": url_path, "visibility": page.visibility, "current": current}


def dumps(recorded: Recording) -> bytes:
    """Pickled; refused if replaying it would import the app."""
    data = pickle.dumps(recorded, protocol=pickle.HIGHEST_PROTOCOL)
    loads(data)  # raises for an app class (bench.replay._NoAppUnpickler)
    return data


__all__ = ["APP_PACKAGES", "dumps", "recording"]
