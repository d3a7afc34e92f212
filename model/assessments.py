"""Saved success-factor self-checks (`user_self_check`): a network scored 0-5 on each of the report's five factors.

Rows people make in the app, so `python -m seed load` never touches them. Every
write is validated first and refused as a whole with a plain message; nothing
half-valid is stored. A row's `version` rises on each change, and an update
made against an older version is refused by the UPDATE itself (as in `model.editing`).
Each self-check has an owner (like scenarios); editors may hide or delete any, audited.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, update
from sqlalchemy import delete as sa_delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, col, select

from model import queries
from model.audit import AuditEntry
from model.auth import Editor, may_change, require_editor
from model.db import get_engine, rowcount
from model.errors import Conflict, ConflictError, EditError
from model.i18n import text

MIN_SCORE, MAX_SCORE = 0, 5
MAX_NAME = 120
MAX_NOTE = 2000
# A self-check as a CSV: one row per factor; `read_self_check_csv` reads these files back.
EXPORT_COLUMNS = ["self_check", "factor_id", "position", "name_sv", "name_en", "question_en", "score", "note", "source", "locator", "quote"]


class SelfCheck(SQLModel, table=True):
    __tablename__ = "user_self_check"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(index=True, unique=True)
    scores: str  # JSON object: factor_id -> integer score 0-5
    note: str | None = None
    created_at: datetime
    updated_at: datetime
    version: int = 1
    owner: str = ""  # as for scenarios: an editor's name, or "visitor:<id>" from the browser's signed token
    hidden: bool = False  # hidden by an editor (spam): listed to editors only
    changed_by: str = ""  # who saved the current version


class SelfCheckError(EditError):
    """A self-check that was refused; nothing was stored.

    `reasons` are catalog keys (`sweden.check.error.<code>`) with their values, so the page says them in the
    reader's language (`said`); the exception's own message is the English.
    """

    def __init__(self, *reasons: tuple[str, dict[str, object]]) -> None:
        self.reasons = list(reasons)
        super().__init__(text("sweden.check.refused", "en") + " " + self.said("en"))

    def said(self, lang: str) -> str:
        return " ".join(text(f"sweden.check.error.{code}", lang, **values) for code, values in self.reasons)


def factor_ids(engine: Engine | None = None) -> list[str]:
    """The success factors in the report's order: the keys every self-check scores."""
    ids: list[str] = queries.success_factors(engine)["factor_id"].tolist()
    return ids


def validate(name: object, scores: dict[str, Any], factors: list[str], note: object = None) -> tuple[str, dict[str, int], str | None]:
    """Clean name, scores and note, or raise `SelfCheckError` listing every problem."""
    problems: list[tuple[str, dict[str, object]]] = []
    clean_name = str(name or "").strip()
    if not clean_name:
        problems.append(("name_empty", {}))
    elif len(clean_name) > MAX_NAME:
        problems.append(("name_long", {"length": len(clean_name), "max": MAX_NAME}))
    unknown = sorted(set(scores) - set(factors))
    if unknown:
        problems.append(("unknown_factor", {"factors": ", ".join(unknown)}))
    clean: dict[str, int] = {}
    for factor in factors:
        value = scores.get(factor)
        score = _as_score(value)
        if score is None:
            problems.append(("bad_score", {"factor": factor, "min": MIN_SCORE, "max": MAX_SCORE, "value": repr(value)}))
        else:
            clean[factor] = score
    clean_note = None if note is None or not str(note).strip() else str(note).strip()
    if clean_note and len(clean_note) > MAX_NOTE:
        problems.append(("note_long", {"length": len(clean_note), "max": MAX_NOTE}))
    if problems:
        raise SelfCheckError(*problems)
    return clean_name, clean, clean_note


def _as_score(value: object) -> int | None:
    """An integer 0-5, also from '3' or 3.0; None for 2.5, 6, -1, True, '' or None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    if isinstance(value, str):
        try:
            number = float(value.strip())  # a spreadsheet may write 3 as "3.0"
        except ValueError:
            return None
        if not number.is_integer():
            return None
        value = int(number)
    if not isinstance(value, int) or not MIN_SCORE <= value <= MAX_SCORE:
        return None
    return value


def save_self_check(name: object, scores: dict[str, Any], note: object = None, engine: Engine | None = None, owner: str = "") -> int:
    """Store a new self-check under a unique name, owned by `owner`; returns its id (assigned by the database)."""
    engine = engine or get_engine()
    clean_name, clean, clean_note = validate(name, scores, factor_ids(engine), note)
    now = datetime.now(UTC)
    row = SelfCheck(
        name=clean_name, scores=json.dumps(clean), note=clean_note, created_at=now, updated_at=now, version=1, owner=owner, changed_by=owner
    )
    try:
        with Session(engine) as session, session.begin():
            if _find(session, clean_name) is not None:
                raise SelfCheckError(("name_taken", {"name": clean_name}))
            session.add(row)
            session.flush()
            assert row.id is not None  # the database gave it one on flush
            return row.id
    except IntegrityError as exc:  # someone saved the same name a moment earlier
        raise SelfCheckError(("name_taken", {"name": clean_name})) from exc


def read_self_check_csv(content: bytes) -> tuple[str, dict[str, str], str | None]:
    """Name, raw scores and note from a CSV this page downloaded (columns `factor_id`, `score`, optional `self_check`, `note`).

    Scores stay as text here: `save_self_check` validates them, so a 7 typed into a
    spreadsheet is refused with the same message as anywhere else.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SelfCheckError(("not_utf8", {})) from exc
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or not {"factor_id", "score"} <= set(rows[0]):
        raise SelfCheckError(("columns", {}))
    factors = [r["factor_id"].strip() for r in rows]
    duplicates = sorted({f for f in factors if factors.count(f) > 1})
    if duplicates:
        raise SelfCheckError(("duplicate_factor", {"factors": ", ".join(duplicates)}))
    name = next((r.get("self_check", "").strip() for r in rows if (r.get("self_check") or "").strip()), "")
    note = next((r.get("note", "").strip() for r in rows if (r.get("note") or "").strip()), None)
    return name, {r["factor_id"].strip(): (r["score"] or "").strip() for r in rows}, note


def update_self_check(
    name: str,
    scores: dict[str, Any],
    version: int,
    note: object = None,
    engine: Engine | None = None,
    owner: str = "",
    editor: Editor | None = None,
) -> int:
    """Change a saved self-check's scores; refused if someone changed it since `version`, or it is not yours. Returns the new version.

    The version is checked in the UPDATE itself, so of two saves from the same version only one wins.
    """
    engine = engine or get_engine()
    clean_name, clean, clean_note = validate(name, scores, factor_ids(engine), note)
    with Session(engine) as session, session.begin():
        row = _own(session, clean_name, owner, editor)
        now = datetime.now(UTC)
        result = session.execute(
            update(SelfCheck)
            .where(col(SelfCheck.id) == row.id, col(SelfCheck.version) == version)
            .values(
                scores=json.dumps(clean), note=clean_note, updated_at=now, version=version + 1, changed_by=editor.name if editor else owner
            )
        )
        if rowcount(result) != 1:
            raise _conflict(session, row, version)
        return version + 1


def delete_self_check(name: str, version: int, owner: str, editor: Editor | None = None, engine: Engine | None = None) -> None:
    """Remove a self-check: its owner, or any editor (e.g. spam). Audited, with the row as it was, like editors' edits."""
    engine = engine or get_engine()
    with Session(engine) as session, session.begin():
        row = _own(session, name, owner, editor)
        old = _audit_values(row)
        result = session.execute(sa_delete(SelfCheck).where(col(SelfCheck.id) == row.id, col(SelfCheck.version) == version))
        if rowcount(result) != 1:
            raise _conflict(session, row, version)
        _audit(session, editor.name if editor else owner, "delete", row, old, None, "self-check deleted")


def set_hidden(name: str, hidden: bool, editor: Editor, reason: str, engine: Engine | None = None) -> None:
    """Hide a self-check from visitors (or show it again): editors only, audited with their reason."""
    editor = require_editor(editor)
    if not reason.strip():
        raise SelfCheckError(("reason_missing", {}))
    with Session(engine or get_engine()) as session, session.begin():
        row = _find(session, name)
        if row is None:
            raise SelfCheckError(("missing", {"name": name}))
        old = _audit_values(row)
        session.execute(update(SelfCheck).where(col(SelfCheck.id) == row.id).values(hidden=hidden, version=col(SelfCheck.version) + 1))
        _audit(session, editor.name, "hide" if hidden else "unhide", row, old, {**old, "hidden": hidden}, reason)


def _own(session: Session, name: str, owner: str, editor: Editor | None) -> SelfCheck:
    row = _find(session, name)
    if row is None:
        raise SelfCheckError(("missing", {"name": name}))
    if not may_change(row.owner, owner, editor):
        raise SelfCheckError(("not_yours", {"name": name}))
    return row


def _conflict(session: Session, row: SelfCheck, version: int) -> ConflictError:
    current = session.get(SelfCheck, row.id, populate_existing=True)
    if current is None:
        return ConflictError([], f"{row.name!r} was deleted by someone else after you opened it.", "gone")
    return ConflictError([Conflict(row.name, version, current.version, current.changed_by or None, current.updated_at)])


def _audit_values(row: SelfCheck) -> dict[str, Any]:
    return row.model_dump(mode="json", exclude={"id", "version", "changed_by"})


def _audit(
    session: Session, who: str, action: str, row: SelfCheck, old: dict[str, Any] | None, new: dict[str, Any] | None, reason: str
) -> None:
    session.add(
        AuditEntry(
            at=datetime.now(UTC),
            editor=who,
            action=action,
            table_name=SelfCheck.__tablename__,
            row_key=row.name,
            old_value=None if old is None else json.dumps(old, ensure_ascii=False, sort_keys=True),
            new_value=None if new is None else json.dumps(new, ensure_ascii=False, sort_keys=True),
            reason=reason,
        )
    )


def _find(session: Session, name: str) -> SelfCheck | None:
    return session.exec(select(SelfCheck).where(col(SelfCheck.name) == name)).first()


def self_checks(engine: Engine | None = None, include_hidden: bool = False) -> pd.DataFrame:
    """Saved self-checks, newest first: name, one column per factor, total, note, times, version, owner, hidden.

    Hidden ones (spam an editor removed from view) only with `include_hidden`, for editors.
    """
    engine = engine or get_engine()
    factors = factor_ids(engine)
    statement = select(SelfCheck).order_by(col(SelfCheck.updated_at).desc())
    if not include_hidden:
        statement = statement.where(col(SelfCheck.hidden) == False)  # noqa: E712 - a SQL comparison
    with Session(engine) as session:
        rows = session.exec(statement).all()
    records = []
    for row in rows:
        scores = json.loads(row.scores)
        records.append(
            {
                "name": row.name,
                **{f: scores.get(f) for f in factors},
                "total": sum(int(scores.get(f) or 0) for f in factors),
                "note": row.note,
                "created_at": row.created_at,
                "updated_at": row.updated_at,
                "version": row.version,
                "owner": row.owner,
                "hidden": row.hidden,
            }
        )
    columns = ["name", *factors, "total", "note", "created_at", "updated_at", "version", "owner", "hidden"]
    return pd.DataFrame.from_records(records, columns=columns)


def self_check_long(name: str, engine: Engine | None = None) -> pd.DataFrame:
    """One saved self-check as rows (factor, question, score) with the factor's citation: for its chart and download."""
    engine = engine or get_engine()
    with Session(engine) as session:
        row = _find(session, name)
    if row is None:
        return pd.DataFrame(columns=["factor_id", "name_sv", "name_en", "question_en", "score", "source", "locator", "quote"])
    return score_table(json.loads(row.scores), engine)


def self_checks_long(names: list[str], engine: Engine | None = None) -> pd.DataFrame:
    """Several saved self-checks stacked, each row naming its self-check and note: to compare them side by side."""
    notes = self_checks(engine).set_index("name")["note"]
    return pd.concat([self_check_long(n, engine).assign(self_check=n, note=notes.get(n)) for n in names], ignore_index=True)


def score_table(scores: dict[str, int], engine: Engine | None = None) -> pd.DataFrame:
    """Scores next to each factor's name, guiding question and citation."""
    factors = queries.success_factors(engine)
    factors["score"] = [scores.get(f) for f in factors["factor_id"]]
    return factors[["factor_id", "position", "name_sv", "name_en", "question_sv", "question_en", "score", "source", "locator", "quote"]]
