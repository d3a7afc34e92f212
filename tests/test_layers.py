"""Imports run one way: `pages -> ui -> model`, `seed -> model`, `reports -> model`.

No module under `model/`, `seed/` or `reports/` imports Streamlit, `ui` or `pages`, and
`model/` never imports `seed` or `reports`: the rules and queries work without a browser,
in a script, a report or a test. Read from the source (AST), so a lazy import inside a
function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import PROJECT_ROOT

UPWARD = {"streamlit", "ui", "pages", "bench", "tests"}
FORBIDDEN = {"model": UPWARD | {"seed", "reports"}, "seed": UPWARD, "reports": UPWARD}


def imported_packages(path: Path) -> set[str]:
    """Top-level names of every module `path` imports, anywhere in the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
    return names


def modules() -> list[pytest.param]:
    params = []
    for layer in sorted(FORBIDDEN):
        for path in sorted((PROJECT_ROOT / layer).rglob("*.py")):
            name = str(path.relative_to(PROJECT_ROOT))
            params.append(pytest.param(name, id=name))
    return params


@pytest.mark.parametrize("module", modules())
def test_module_imports_only_downward(module: str) -> None:
    layer = module.split("/")[0]
    upward = imported_packages(PROJECT_ROOT / module) & FORBIDDEN[layer]
    assert not upward, f"{module} imports {sorted(upward)}: a {layer}/ module may not depend on them"
