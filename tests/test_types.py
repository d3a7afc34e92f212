"""The model layer type-checks strictly (mypy, configured in pyproject.toml), so a wrong call is found before it runs."""

from __future__ import annotations

import pytest

from tests.conftest import PROJECT_ROOT

api = pytest.importorskip("mypy.api")


def test_the_model_layer_passes_mypy_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT_ROOT)
    report, errors, status = api.run([])
    assert status == 0, report + errors
