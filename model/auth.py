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
import os
import secrets
import sys
import time
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

log = logging.getLogger("compass.auth")
_hasher = PasswordHasher()
_PROCESS_SECRET = os.environ.get("COMPASS_SESSION_SECRET", "").encode() or secrets.token_bytes(32)

FREE_ATTEMPTS = 3  # then wait 5 s, 10 s, 20 s, … (capped at 5 minutes)


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


def _prove(name: str, method: str) -> str:
    return hmac.new(_PROCESS_SECRET, f"{method}:{name}".encode(), hashlib.sha256).hexdigest()


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def accounts_from_env(value: str | None = None) -> dict[str, str]:
    raw = os.environ.get("COMPASS_EDITORS", "") if value is None else value
    pairs = (item.split("=", 1) for item in raw.split(";") if "=" in item)
    return {name.strip(): digest.strip() for name, digest in pairs}


@dataclass
class Throttle:
    """Failed sign-ins of one browser session, with the time before the next try is allowed."""

    failures: int = 0
    locked_until: float = 0.0

    def wait_seconds(self, now: float | None = None) -> float:
        return max(0.0, self.locked_until - (now or time.monotonic()))

    def record_failure(self, now: float | None = None) -> None:
        self.failures += 1
        if self.failures >= FREE_ATTEMPTS:
            delay = min(300.0, 5.0 * 2 ** (self.failures - FREE_ATTEMPTS))
            self.locked_until = (now or time.monotonic()) + delay


class SignInRefused(Exception):
    pass


def sign_in(accounts: dict[str, str], username: str, password: str, throttle: Throttle) -> Editor:
    """Check a password against the account's argon2 hash; refuse (and log) otherwise."""
    wait = throttle.wait_seconds()
    if wait > 0:
        log.warning("sign-in refused while throttled: user=%r failures=%d", username, throttle.failures)
        raise SignInRefused(f"Too many failed attempts: try again in {wait:.0f} s.")
    digest = accounts.get(username)
    try:
        if digest is None:
            _hasher.verify(_DUMMY_HASH, password)  # same work either way: no hint which usernames exist
            raise VerificationError
        _hasher.verify(digest, password)
    except (VerificationError, InvalidHashError):
        throttle.record_failure()
        log.warning("failed sign-in: user=%r failures=%d", username, throttle.failures)
        raise SignInRefused("Wrong username or password.") from None
    log.info("editor signed in: %s", username)
    return Editor(username, "password", _prove(username, "password"))


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
