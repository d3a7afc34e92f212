"""The model layer type-checks strictly (mypy, configured in pyproject.toml), so a wrong call is found before it runs."""

from __future__ import annotations

import os

import pytest

from tests.conftest import PROJECT_ROOT

api = pytest.importorskip("mypy.api")


@pytest.mark.skipif(os.environ.get("COMPASS_MYPY_PASSED") == "1", reason="`make test` has just run the same mypy and it passed")
def test_the_model_layer_passes_mypy_strict(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(PROJECT_ROOT)
    report, errors, status = api.run([])
    assert status == 0, report + errors
