"""The model's refusals: a change that was not made, and why. Nothing was written when one is raised.

One family for every store a person writes to (seed rows, scenarios, self-checks), so a page
catches `ConflictError` to offer reload or overwrite and `EditError` for everything else.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from model.rules import Problem


class EditError(ValueError):
    """A refused change. `problems` say which row and column; `field` names the form field the message
    belongs next to, and `code` and `params` its headline's message key and values, for pages that show it
    translated (the English `message` stays the exception's first line)."""

    def __init__(
        self,
        message: str,
        problems: list[Problem] | None = None,
        field: str | None = None,
        code: str = "",
        params: Mapping[str, Any] | None = None,
    ) -> None:
        self.problems = problems or []
        self.field, self.code, self.params = field, code, dict(params or {})
        super().__init__(message + "".join(f"\n- {p}" for p in self.problems))


@dataclass(frozen=True)
class Conflict:
    """A row someone else changed after you loaded it: the version you saw, the one it has, who made it and when."""

    key: str
    seen: int
    current: int
    editor: str | None
    at: datetime | None

    def who(self) -> str:
        when = f" at {self.at:%Y-%m-%d %H:%M} UTC" if self.at else ""
        return f"{self.editor or 'someone'}'s change{when}"


class ConflictError(EditError):
    """Someone else saved these rows after you opened them (`code` "conflict"), or deleted them ("gone").

    `message` replaces the listing of `conflicts` where a form says it in its own words."""

    def __init__(self, conflicts: list[Conflict], message: str | None = None, code: str = "conflict") -> None:
        self.conflicts = conflicts
        listed = "; ".join(f"{c.key!r} ({c.who()})" for c in conflicts)
        default = f"Nothing was saved: changed by someone else after you opened it: {listed}. Reload to see it, or overwrite it."
        super().__init__(message or default, code=code)

    @property
    def by(self) -> str:
        """Who saved the newer version ("" if unknown or deleted)."""
        return (self.conflicts[0].editor or "") if self.conflicts else ""

    @property
    def at(self) -> datetime | None:
        """When the newer version was saved."""
        return self.conflicts[0].at if self.conflicts else None
