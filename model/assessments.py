"""Saved success-factor self-checks (`user_self_check`): a network scored 0-5 on each of the report's five factors.

Rows people make in the app, so `python -m seed load` never touches them. Every
write is validated first and refused as a whole with a plain message; nothing
half-valid is stored. A row's `version` rises on each change, and an update
made against an older version is refused (optimistic locking, as in `model.editing`).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel

from model import queries
from model.db import get_engine
from model.editing import ConflictError, EditError

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


class SelfCheckError(EditError):
    """A self-check that was refused; nothing was stored."""


def factor_ids(engine: Engine | None = None) -> list[str]:
    """The success factors in the report's order: the keys every self-check scores."""
    return queries.success_factors(engine)["factor_id"].tolist()


def validate(name: object, scores: dict[str, Any], factors: list[str], note: object = None) -> tuple[str, dict[str, int], str | None]:
    """Clean name, scores and note, or raise `SelfCheckError` listing every problem."""
    problems: list[str] = []
    clean_name = str(name or "").strip()
    if not clean_name:
        problems.append("Give the self-check a name.")
    elif len(clean_name) > MAX_NAME:
        problems.append(f"The name is {len(clean_name)} characters long; keep it under {MAX_NAME}.")
    unknown = sorted(set(scores) - set(factors))
    if unknown:
        problems.append("Unknown success factor(s): " + ", ".join(unknown) + ".")
    clean: dict[str, int] = {}
    for factor in factors:
        value = scores.get(factor)
        score = _as_score(value)
        if score is None:
            problems.append(f"Score for {factor!r} must be a whole number from {MIN_SCORE} to {MAX_SCORE} (got {value!r}).")
        else:
            clean[factor] = score
    clean_note = None if note is None or not str(note).strip() else str(note).strip()
    if clean_note and len(clean_note) > MAX_NOTE:
        problems.append(f"The note is {len(clean_note)} characters long; keep it under {MAX_NOTE}.")
    if problems:
        raise SelfCheckError("Nothing was saved: " + " ".join(problems))
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


def save_self_check(name: object, scores: dict[str, Any], note: object = None, engine: Engine | None = None) -> int:
    """Store a new self-check under a unique name; returns its id."""
    engine = engine or get_engine()
    clean_name, clean, clean_note = validate(name, scores, factor_ids(engine), note)
    now = datetime.now(UTC)
    row = SelfCheck(name=clean_name, scores=json.dumps(clean), note=clean_note, created_at=now, updated_at=now, version=1)
    try:
        with Session(engine) as session, session.begin():
            if _find(session, clean_name) is not None:
                raise SelfCheckError(f"Nothing was saved: a self-check named {clean_name!r} already exists. Choose another name.")
            session.add(row)
            session.flush()
            return int(row.id)  # type: ignore[arg-type]
    except IntegrityError as exc:  # someone saved the same name a moment earlier
        raise SelfCheckError(f"Nothing was saved: a self-check named {clean_name!r} already exists. Choose another name.") from exc


def read_self_check_csv(content: bytes) -> tuple[str, dict[str, str], str | None]:
    """Name, raw scores and note from a CSV this page downloaded (columns `factor_id`, `score`, optional `self_check`, `note`).

    Scores stay as text here: `save_self_check` validates them, so a 7 typed into a
    spreadsheet is refused with the same message as anywhere else.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SelfCheckError("Nothing was saved: the file is not UTF-8 text (save it as CSV UTF-8).") from exc
    rows = list(csv.DictReader(io.StringIO(text)))
    if not rows or not {"factor_id", "score"} <= set(rows[0]):
        raise SelfCheckError("Nothing was saved: the file needs the columns factor_id and score, one row per success factor.")
    factors = [r["factor_id"].strip() for r in rows]
    duplicates = sorted({f for f in factors if factors.count(f) > 1})
    if duplicates:
        raise SelfCheckError("Nothing was saved: a success factor appears twice: " + ", ".join(duplicates) + ".")
    name = next((r.get("self_check", "").strip() for r in rows if (r.get("self_check") or "").strip()), "")
    note = next((r.get("note", "").strip() for r in rows if (r.get("note") or "").strip()), None)
    return name, {r["factor_id"].strip(): (r["score"] or "").strip() for r in rows}, note


def update_self_check(name: str, scores: dict[str, Any], version: int, note: object = None, engine: Engine | None = None) -> int:
    """Change a saved self-check's scores; refused if someone changed it since `version`. Returns the new version."""
    engine = engine or get_engine()
    clean_name, clean, clean_note = validate(name, scores, factor_ids(engine), note)
    with Session(engine) as session, session.begin():
        row = _find(session, clean_name)
        if row is None:
            raise SelfCheckError(f"Nothing was saved: there is no self-check named {clean_name!r}.")
        if row.version != version:
            raise ConflictError(f"{clean_name!r} was changed by someone else after you opened it. Reload to see their change.")
        row.scores, row.note, row.updated_at, row.version = json.dumps(clean), clean_note, datetime.now(UTC), row.version + 1
        session.add(row)
        return row.version


def _find(session: Session, name: str) -> SelfCheck | None:
    return session.exec(select(SelfCheck).where(SelfCheck.name == name)).scalars().first()  # type: ignore[call-overload]


def self_checks(engine: Engine | None = None) -> pd.DataFrame:
    """Every saved self-check, newest first: name, one column per factor, total, note, times and version."""
    engine = engine or get_engine()
    factors = factor_ids(engine)
    with Session(engine) as session:
        rows = session.exec(select(SelfCheck).order_by(SelfCheck.updated_at.desc())).scalars().all()  # type: ignore[call-overload,attr-defined]
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
            }
        )
    return pd.DataFrame.from_records(records, columns=["name", *factors, "total", "note", "created_at", "updated_at", "version"])


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
