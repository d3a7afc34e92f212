"""Spam in the saved self-checks, and refusals a reader can read (issue 21, point 8; issue 14's one language).

A self-check belongs to the browser that saved it; an editor may hide anyone's (visitors no longer see it) or
delete it, each audited with who and why. Whatever is refused is said in the reader's language, with nothing stored.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlmodel import Session, col, select

from model import assessments, auth
from model.audit import AuditEntry
from model.db import get_engine
from tests.apptest import open_page
from tests.conftest import PROJECT_ROOT, store_copy
from ui.i18n import text

SPAM = '=HYPERLINK("http://127.0.0.1:9/","open me")'
SCORES = {"malbild": 4, "struktur": 3, "engagemang": 5, "kommunikation": 2, "finansiering": 1}
PASSWORD = "a long secret phrase"
ACCOUNTS = {"pia": auth.hash_password(PASSWORD)}  # argon2 is slow on purpose: hash once


@pytest.fixture
def store(seeded_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Engine:
    """A private copy of the seeded store with one visitor's spam in it, for the pages and the model."""
    url = store_copy(seeded_url, tmp_path / "self-checks.db")
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.chdir(PROJECT_ROOT)
    engine = get_engine(url)
    assessments.save_self_check(SPAM, SCORES, "@SUM(1+1)", engine, owner="visitor:spammer")
    return engine


@pytest.fixture(scope="module")
def editor() -> auth.Editor:
    return auth.sign_in(ACCOUNTS, "pia", PASSWORD, auth.Throttle())


def audited(engine: Engine) -> list[tuple[str, str, str, str]]:
    with Session(engine) as session:
        rows = session.exec(select(AuditEntry).where(col(AuditEntry.table_name) == "user_self_check")).all()
    return [(row.editor, row.action, row.row_key, row.reason or "") for row in rows]


def listed(engine: Engine, **options: bool) -> list[str]:
    return assessments.self_checks(engine, **options)["name"].tolist()


# --- The model ------------------------------------------------------------------------------------


def test_another_visitor_can_neither_delete_nor_hide_a_self_check_and_it_stays(store):
    with pytest.raises(assessments.SelfCheckError, match="belongs to someone else"):
        assessments.delete_self_check(SPAM, 1, "visitor:someone-else", engine=store)
    with pytest.raises(auth.NotSignedIn):
        assessments.set_hidden(SPAM, True, None, "spam", store)  # type: ignore[arg-type]  # no editor at all
    assert listed(store) == [SPAM] and audited(store) == []


def test_an_editor_hides_spam_from_visitors_with_a_reason_in_the_audit_log_and_can_show_it_again(store, editor):
    with pytest.raises(assessments.SelfCheckError, match="Say why"):
        assessments.set_hidden(SPAM, True, editor, "  ", store)
    assessments.set_hidden(SPAM, True, editor, "spam link", store)
    assert listed(store) == [] and listed(store, include_hidden=True) == [SPAM]
    assessments.set_hidden(SPAM, False, editor, "not spam after all", store)
    assert listed(store) == [SPAM]
    assert audited(store) == [("pia", "hide", SPAM, "spam link"), ("pia", "unhide", SPAM, "not spam after all")]


def test_an_editor_deletes_anyones_self_check_and_its_owner_their_own_both_audited(store, editor):
    assessments.save_self_check("Mine", SCORES, engine=store, owner="visitor:me")
    assessments.delete_self_check(SPAM, 1, "pia", editor, store)
    assessments.delete_self_check("Mine", 1, "visitor:me", engine=store)
    assert listed(store, include_hidden=True) == []
    assert [(who, action, key) for who, action, key, _ in audited(store)] == [("pia", "delete", SPAM), ("visitor:me", "delete", "Mine")]


# --- The page -------------------------------------------------------------------------------------


def shown_names(at) -> set[str]:
    """The names in the list of saved self-checks (the table with a total column)."""
    saved = [d.value for d in at.dataframe if text("sweden.check.col.total", "en") in d.value.columns]
    return set(saved[0][text("sweden.check.col.name", "en")]) if saved else set()


def test_an_editor_hides_spam_on_the_page_and_a_visitor_then_no_longer_sees_it(store, editor):
    assert SPAM in shown_names(open_page("sweden", lang="en", section="check"))
    at = open_page("sweden", lang="en", section="check", session={"editor": editor})
    at.selectbox(key="sc-manage").set_value(SPAM)
    at.text_input(key="sc-manage-reason").set_value("spam link").run()
    at.button(key="sc-hide").click().run()
    assert not at.exception and "is hidden from visitors" in at.success[0].value, [e.value for e in at.error]
    assert SPAM not in shown_names(open_page("sweden", lang="en", section="check"))
    assert ("pia", "hide", SPAM, "spam link") in audited(store)


@pytest.mark.parametrize(
    "typed, danish",
    [
        ("   ", "Giv selvevalueringen et navn."),
        (SPAM, "Der findes allerede en selvevaluering med navnet"),
    ],
)
def test_a_danish_reader_is_told_in_danish_why_nothing_was_saved(store, typed, danish):
    at = open_page("sweden", lang="da", section="check")
    at.text_input(key="sc-name").set_value(typed)
    at.button(key="sc-save").click().run()
    said = " ".join(e.value.replace("\\", "") for e in at.error)
    assert said.startswith("Ikke gemt.") and danish in said, said
    assert "Nothing was saved" not in said and "self-check" not in said, said
    assert listed(store) == [SPAM]


def test_a_danish_editor_signing_in_is_told_in_danish_of_a_wrong_password(store, monkeypatch):
    monkeypatch.setenv("COMPASS_EDITORS", f"pia={ACCOUNTS['pia']}")
    at = open_page("admin", lang="da")
    at.text_input[0].input("pia")
    at.text_input[1].input("not the password")
    at.button[-1].click().run()
    assert [e.value for e in at.error] == ["Forkert brugernavn eller adgangskode."]


def test_wrong_passwords_for_many_account_names_from_one_address_are_throttled_on_every_server(store, monkeypatch):
    clock = [2_000_000.0]
    monkeypatch.setattr(auth, "_now", lambda: clock[0])
    servers = [auth.StoredThrottle(store, "203.0.113.7"), auth.StoredThrottle(store, "203.0.113.7")]  # two app servers, one store
    for attempt, name in enumerate(["pia", "ola", "kari"]):
        with pytest.raises(auth.SignInRefused, match="Wrong username"):
            auth.sign_in(ACCOUNTS, name, "guess", servers[attempt % 2], "203.0.113.7")
        clock[0] += 1
    with pytest.raises(auth.SignInRefused) as throttled:  # a fourth name, on the other server: the address is throttled
        auth.sign_in(ACCOUNTS, "nils", "guess", servers[1], "203.0.113.7")
    assert throttled.value.wait > 0
    assert auth.sign_in(ACCOUNTS, "pia", PASSWORD, auth.StoredThrottle(store, "198.51.100.1"), "198.51.100.1")  # pia elsewhere: not
