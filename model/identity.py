"""Anonymous but lasting ownership: a visitor id signed with the server's secret, kept by the browser.

The id is random and says nothing about the person; the signature (HMAC-SHA256) means a browser
cannot claim someone else's scenarios by editing its cookie. Every app server must share the
secret: `COMPASS_SECRET` in the environment, else a file generated once under `data/` (git-ignored),
which several servers on one machine share.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import cache
from pathlib import Path

from model.db import PROJECT_ROOT

SECRET_FILE = PROJECT_ROOT / "data" / "visitor-secret"
PREFIX = "visitor:"


@cache
def server_secret(path: Path = SECRET_FILE) -> bytes:
    """`COMPASS_SECRET`, else the secret file, created atomically the first time (two servers starting get the same one)."""
    configured = os.environ.get("COMPASS_SECRET", "")
    if configured:
        return configured.encode()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        scratch = path.with_name(f".{path.name}.{os.getpid()}")
        scratch.write_text(secrets.token_hex(32), encoding="ascii")
        scratch.chmod(0o600)
        try:
            os.link(scratch, path)  # fails if another server made it first: then theirs is used
        except FileExistsError:
            pass
        finally:
            scratch.unlink(missing_ok=True)
    return path.read_text(encoding="ascii").strip().encode()


def _signature(visitor_id: str) -> str:
    return hmac.new(server_secret(), f"visitor:{visitor_id}".encode(), hashlib.sha256).hexdigest()[:32]


def new_token() -> str:
    """A fresh visitor id with its signature: `<id>.<signature>`."""
    visitor_id = secrets.token_hex(12)
    return f"{visitor_id}.{_signature(visitor_id)}"


def visitor_of(token: str | None) -> str | None:
    """The visitor id a token proves, or None for a missing, malformed or forged token."""
    visitor_id, _, signature = (token if isinstance(token, str) else "").partition(".")
    if len(visitor_id) != 24 or not all(c in "0123456789abcdef" for c in visitor_id):
        return None
    return visitor_id if hmac.compare_digest(signature, _signature(visitor_id)) else None


def owner_name(visitor_id: str) -> str:
    """How a visitor is stored as an owner (editors are stored by name)."""
    return f"{PREFIX}{visitor_id}"
