"""Who may change data: editor accounts, password checks, rate limiting, and proof of sign-in.

Viewing needs nothing. Every function that writes (see `model.editing`) asks for an
`Editor`, and only `sign_in()` (local accounts) or `editor_from_identity()` (OIDC via
`st.login`) make one: an `Editor` carries an HMAC proof tied to this process's secret,
so calling the write functions directly without signing in fails.

Local accounts are `username = "argon2 hash"` pairs, from `[editors]` in
`.streamlit/secrets.toml` or the `COMPASS_EDITORS` environment variable
(`alice=$argon2id$...;bob=$argon2id$...`). Make a hash with `python -m model.auth hash`.
"""

from __future__ import annotations

import getpass
import hashlib
import hmac
import logging
import math
import os
import secrets
import sys
import time
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, or_
from sqlalchemy import delete as sa_delete
from sqlmodel import Field, Session, SQLModel, col, select

log = logging.getLogger("compass.auth")
_hasher = PasswordHasher()
_PROCESS_SECRET = os.environ.get("COMPASS_SESSION_SECRET", "").encode() or secrets.token_bytes(32)

FREE_ATTEMPTS = 3  # then wait 5 s, 10 s, 20 s, … (capped at 5 minutes)
MAX_DELAY_S = 300.0
WINDOW_S = 24 * 3600  # failures older than a day no longer count


class NotSignedIn(PermissionError):
    """Raised by every write function when called without a signed-in editor."""


@dataclass(frozen=True)
class Editor:
    name: str
    method: str  # "password" or "oidc"
    proof: str = field(repr=False)

    def check(self) -> None:
        if not hmac.compare_digest(self.proof, _prove(self.name, self.method)):
            raise NotSignedIn("editing needs an editor sign-in")


def require_editor(editor: object) -> Editor:
    if not isinstance(editor, Editor):
        raise NotSignedIn("editing needs an editor sign-in")
    editor.check()
    return editor


def may_change(row_owner: str, owner: str, editor: object) -> bool:
    """Your own row, or anyone's once signed in as an editor (the editor's proof is verified: a forgery raises)."""
    if row_owner and row_owner == owner:
        return True
    if editor is None:
        return False
    require_editor(editor)
    return True


def _prove(name: str, method: str) -> str:
    return hmac.new(_PROCESS_SECRET, f"{method}:{name}".encode(), hashlib.sha256).hexdigest()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def accounts_from_env(value: str | None = None) -> dict[str, str]:
    raw = os.environ.get("COMPASS_EDITORS", "") if value is None else value
    pairs = (item.split("=", 1) for item in raw.split(";") if "=" in item)
    return {name.strip(): digest.strip() for name, digest in pairs}


class Throttle:
    """Failed sign-ins counted in this process only (tests, scripts): see `StoredThrottle` for the app's."""

    def __init__(self) -> None:
        self._failures: list[tuple[float, str, str]] = []  # (time, account, client)

    def failures(self, account: str, client: str, since: float) -> list[float]:
        """Times of recent failures for this account or from this client address."""
        return [at for at, name, address in self._failures if at >= since and (name == account or (client and address == client))]

    def record_failure(self, account: str = "", client: str = "", at: float | None = None) -> None:
        self._failures.append((_now() if at is None else at, account, client))

    def wait_seconds(self, account: str = "", client: str = "", now: float | None = None) -> int:
        """Whole seconds before the next try (0: now); without an account, for a throttle of one kind of attempt."""
        now = _now() if now is None else now
        return wait_seconds(self.failures(account, client, now - WINDOW_S), now)

    def record_success(self, account: str) -> None:
        self._failures = [f for f in self._failures if f[1] != account]


class StoredThrottle(Throttle):
    """Failed sign-ins kept in the database (`signin_failure`), so a reload, another browser or another app
    server continues the same sequence: by account name and by client address."""

    def __init__(self, engine: Engine, client: str) -> None:
        self.engine, self.client = engine, client

    def failures(self, account: str, client: str, since: float) -> list[float]:
        matches = col(SignInFailure.account) == account
        if client:
            matches = or_(matches, col(SignInFailure.client) == client)
        with Session(self.engine) as session:
            return list(session.exec(select(col(SignInFailure.at)).where(col(SignInFailure.at) >= since, matches)))

    def record_failure(self, account: str = "", client: str = "", at: float | None = None) -> None:
        with Session(self.engine) as session, session.begin():
            session.add(SignInFailure(at=_now() if at is None else at, account=account, client=client))

    def record_success(self, account: str) -> None:
        with Session(self.engine) as session, session.begin():
            session.exec(sa_delete(SignInFailure).where(col(SignInFailure.account) == account))


class SignInFailure(SQLModel, table=True):
    """One wrong password (or unknown account): when, for which account name, from which client address."""

    __tablename__ = "signin_failure"
    id: int | None = Field(default=None, primary_key=True)
    at: float = Field(index=True)  # seconds since the epoch
    account: str = Field(index=True)
    client: str = ""


def wait_seconds(failures: list[float], now: float) -> int:
    """Whole seconds until the next try is allowed (0: now); after FREE_ATTEMPTS: 5 s, 10 s, 20 s, … capped at 5 minutes."""
    if len(failures) < FREE_ATTEMPTS:
        return 0
    delay = min(MAX_DELAY_S, 5.0 * 2.0 ** (len(failures) - FREE_ATTEMPTS))
    return max(0, math.ceil(max(failures) + delay - now))


class SignInRefused(Exception):
    def __init__(self, message: str, wait: int = 0) -> None:
        self.wait = wait
        super().__init__(message)


def sign_in(accounts: dict[str, str], username: str, password: str, throttle: Throttle, client: str = "") -> Editor:
    """Check a password against the account's argon2 hash; refuse (and log) otherwise, and while throttled."""
    now = _now()
    recent = throttle.failures(username, client, now - WINDOW_S)
    wait = wait_seconds(recent, now)
    if wait > 0:
        log.warning("sign-in refused while throttled: user=%r client=%r failures=%d wait=%ds", username, client, len(recent), wait)
        raise SignInRefused(f"Too many failed attempts: try again in {wait} s.", wait)
    digest = accounts.get(username)
    try:
        if digest is None:
            _hasher.verify(_DUMMY_HASH, password)  # same work either way: no hint which usernames exist
            raise VerificationError
        _hasher.verify(digest, password)
    except (VerificationError, InvalidHashError):
        throttle.record_failure(username, client, now)
        log.warning("failed sign-in: user=%r client=%r failures=%d", username, client, len(recent) + 1)
        raise SignInRefused("Wrong username or password.") from None
    throttle.record_success(username)
    log.info("editor signed in: %s", username)
    return Editor(username, "password", _prove(username, "password"))


def _now() -> float:
    return time.time()  # wall time: the failures are compared across processes and servers


def editor_from_identity(email: str | None, allowed: list[str]) -> Editor | None:
    """An editor for an OIDC-signed-in user whose e-mail is on the editors list."""
    if email and email.lower() in {a.lower() for a in allowed}:
        return Editor(email, "oidc", _prove(email, "oidc"))
    return None


_DUMMY_HASH = _hasher.hash(secrets.token_hex(8))


def main(argv: list[str]) -> int:
    if argv[:1] != ["hash"]:
        print("usage: python -m model.auth hash   (prints an argon2 hash for an editor account)")
        return 2
    password = getpass.getpass("Password: ")
    if len(password) < 10 or password != getpass.getpass("Again: "):
        print("Passwords must match and have at least 10 characters.", file=sys.stderr)
        return 1
    print(hash_password(password))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
