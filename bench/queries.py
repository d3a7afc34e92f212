"""Time every model query the pages use, at one data size, on SQLite or PostgreSQL."""

from __future__ import annotations

import importlib
import inspect
import os
import re
from collections.abc import Callable
from typing import Any

from bench.stats import repeat
from model.db import PROJECT_ROOT, forget_engines, get_engine

MODULES = ("model.queries", "model.overview", "model.norway", "model.sweden", "model.denmark")  # and any other the pages ask
SKIP = {"cited_frame", "plain_frame"}  # generic helpers: timed through the queries that use them
# Arguments for queries that need them: what the pages pass.
ARGS: dict[str, tuple] = {
    "fact": ("no-lup-established",),
    "organisations_with_role": ("summit_participant",),
    "normalised_procurement": ("EUR", 2016),
}


def page_modules() -> list[str]:
    """Model modules the pages ask through `cached(module.function)`, found in pages/ and ui/ (pages change; this follows them)."""
    asked = set()
    for path in sorted([*(PROJECT_ROOT / "pages").glob("*.py"), *(PROJECT_ROOT / "ui").rglob("*.py")]):
        asked |= set(re.findall(r"cached\(\s*([a-z_]+)\.[a-z_]+\)", path.read_text(encoding="utf-8")))
    return list(dict.fromkeys([*MODULES, *(f"model.{m}" for m in sorted(asked))]))


def query_functions() -> dict[str, Callable[..., Any]]:
    """`module.function` → function, for every public query in the model modules that exist."""
    found: dict[str, Callable[..., Any]] = {}
    for name in page_modules():
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError:
            continue  # a page not built yet
        short = name.removeprefix("model.")
        for fname, fn in inspect.getmembers(module, inspect.isfunction):
            if fn.__module__ == name and not fname.startswith("_") and fname not in SKIP:
                found[f"{short}.{fname}"] = fn
    return found


def _call(fn: Callable[..., Any], name: str, engine) -> Callable[[], Any] | None:
    """A no-argument call of `fn` on `engine`, or None when we do not know its required arguments."""
    params = inspect.signature(fn).parameters
    args = ARGS.get(name.rsplit(".", 1)[1], ())
    positional = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    required = [p for p in params.values() if p.default is inspect.Parameter.empty and p.kind in positional]
    if len(required) > len(args):
        return None
    kwargs = {"engine": engine} if "engine" in params else {}
    return lambda: fn(*args, **kwargs)


def query_times(database_url: str, runs: int = 5, slow: float = 5.0, only: list[str] | None = None) -> dict[str, Any]:
    """Median/min/max seconds of each query on `database_url`; queries needing unknown arguments are listed as skipped."""
    previous = os.environ.get("DATABASE_URL")
    os.environ["DATABASE_URL"] = database_url  # for queries without an `engine` parameter
    forget_engines()
    engine = get_engine(database_url)
    result: dict[str, Any] = {}
    try:
        for name, fn in query_functions().items():
            if only is not None and name not in only:
                continue
            call = _call(fn, name, engine)
            if call is None:
                result[name] = {"skipped": "needs arguments the benchmark does not know"}
                continue
            try:
                result[name] = repeat(call, runs=runs, slow=slow)
            except Exception as exc:  # a query under construction by someone else must not stop the suite
                result[name] = {"error": f"{type(exc).__name__}: {exc}"[:200]}
    finally:
        engine.dispose()
        forget_engines()
        if previous is None:
            os.environ.pop("DATABASE_URL", None)
        else:
            os.environ["DATABASE_URL"] = previous
    return result
