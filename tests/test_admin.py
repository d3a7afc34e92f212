"""The admin page: nothing to edit without signing in, and editing once signed in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from model import auth
from tests.apptest import open_page


@pytest.fixture
def editors(monkeypatch: pytest.MonkeyPatch, app_env: str, tmp_path: Path) -> None:
    copy = tmp_path / "admin.db"
    shutil.copy(app_env.removeprefix("sqlite:///"), copy)
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{copy}")
    monkeypatch.setenv("COMPASS_EDITORS", f"pia={auth.hash_password('a long secret phrase')}")


def sign_in(password: str):
    at = open_page("admin")
    at.text_input[0].input("pia")
    at.text_input[1].input(password)
    next(b for b in at.button if b.label == "Sign in").click().run()
    return at


def test_without_accounts_the_page_explains_how_to_configure_them_and_shows_no_editor(app_env, monkeypatch):
    monkeypatch.delenv("COMPASS_EDITORS", raising=False)
    at = open_page("admin")
    assert not at.exception
    assert "No editor accounts are configured" in at.info[0].value
    assert not at.dataframe


def test_a_wrong_password_shows_an_error_and_no_editor(editors):
    at = sign_in("wrong")
    assert not at.exception
    assert "Wrong username or password" in at.error[0].value
    assert not at.dataframe


def test_a_signed_in_editor_sees_the_tables_to_edit(editors):
    at = sign_in("a long secret phrase")
    assert not at.exception
    assert "Signed in as pia" in at.caption[0].value
    assert at.dataframe and at.file_uploader
