"""The admin page: nothing to edit without signing in, and editing once signed in."""

from __future__ import annotations

from pathlib import Path

import pytest

from model import auth
from tests.apptest import open_page
from tests.conftest import store_copy


@pytest.fixture
def editors(monkeypatch: pytest.MonkeyPatch, app_env: str, tmp_path: Path) -> None:
    url = store_copy(app_env, tmp_path / "admin.db")
    monkeypatch.setenv("DATABASE_URL", url)
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


def test_eleven_wrong_passwords_across_three_fresh_sessions_are_throttled_as_one_sequence(editors, monkeypatch):
    clock = [1_000_000.0]  # one second passes between attempts
    monkeypatch.setattr(auth, "_now", lambda: clock[0])
    said = []
    for attempts in (4, 4, 3):  # a reload, or another browser, is a fresh session: the count goes on
        at = open_page("admin")
        for _ in range(attempts):
            at.text_input[0].input("pia")
            at.text_input[1].input("not the password")
            next(b for b in at.button if b.label == "Sign in").click().run()
            assert not at.exception
            message = at.error[0].value.replace("Too many failed attempts: try again in ", "wait ")
            said.append(message.replace("Wrong username or password.", "wrong"))
            clock[0] += 1
    # 3 free tries, then 5 s after the 3rd (counted down across sessions), a 4th try, then 10 s after it; never "0 s"
    assert said == ["wrong"] * 3 + ["wait 4 s.", "wait 3 s.", "wait 2 s.", "wait 1 s.", "wrong", "wait 9 s.", "wait 8 s.", "wait 7 s."]
