"""Saved scenarios for a Danish LUP (`user_scenario`): named, versioned, never silently overwritten.

Each save carries the version the user opened; if someone else saved the scenario since,
the save is refused with `ConflictError` and nothing is written. Inputs are checked by
`model.projection` before anything is stored, so a stored scenario always reopens.

Anyone may create scenarios. A scenario belongs to whoever created it (`owner`: an editor's
name, or a visitor's signed browser token, see `ui.identity`); changing or deleting someone else's needs a signed-in
editor, checked here as well as on the page.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, NoReturn

import pandas as pd
from sqlalchemy import Engine, func, update
from sqlalchemy import delete as sa_delete
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, col, select

from model.auth import Editor, may_change
from model.db import get_engine, rowcount
from model.errors import Conflict, ConflictError, EditError
from model.projection import ScenarioInputs, from_raw

NAME_MAX = 80


class UserScenario(SQLModel, table=True):
    __tablename__ = "user_scenario"
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(unique=True, index=True)
    inputs: str  # ScenarioInputs as JSON
    created_at: datetime
    updated_at: datetime
    version: int = 1
    owner: str = ""  # an editor's name, or "visitor:<id>" from the browser's signed token (`ui.identity`)
    changed_by: str = ""  # who saved the current version: its owner, or an editor


class ScenarioError(EditError):
    """A refused name or owner; `field` names the form field the message belongs next to (or None).

    A save against someone else's newer version, or a deleted scenario, is a `ConflictError` instead."""

    def __init__(self, message: str, field: str | None = None, code: str = "") -> None:
        super().__init__(message, field=field, code=code)


def _clean_name(name: str, session: Session, own_id: int | None) -> str:
    cleaned = " ".join((name or "").split())
    if not cleaned:
        raise ScenarioError("Give the scenario a name.", "name", "name_empty")
    if len(cleaned) > NAME_MAX:
        raise ScenarioError(f"A name can have at most {NAME_MAX} characters.", "name", "name_long")
    clash = session.exec(select(col(UserScenario.id)).where(func.lower(col(UserScenario.name)) == cleaned.lower())).first()
    if clash is not None and clash != own_id:
        raise ScenarioError(f"A scenario called {cleaned!r} already exists: choose another name.", "name", "name_taken")
    return cleaned


def _engine(engine: Engine | None) -> Engine:
    return engine or get_engine()


def _check_may_change(row: UserScenario, owner: str, editor: Editor | None) -> None:
    """Your own scenario, or any scenario once signed in as an editor (the editor's proof is verified)."""
    if not may_change(row.owner, owner, editor):
        raise ScenarioError(
            f"{row.name!r} belongs to someone else: only they or a signed-in editor can change or delete it. Duplicate it instead.",
            None,
            "not_owner",
        )


def _now() -> datetime:
    return datetime.now(UTC)


def _record(row: UserScenario) -> dict[str, Any]:
    return {
        "id": row.id,
        "name": row.name,
        "inputs": from_raw(json.loads(row.inputs)),
        "created_at": row.created_at,
        "updated_at": row.updated_at,
        "version": row.version,
        "owner": row.owner,
        "changed_by": row.changed_by,
    }


_NEWEST_FIRST = (col(UserScenario.updated_at).desc(), col(UserScenario.id).desc())


def list_scenarios(engine: Engine | None = None) -> pd.DataFrame:
    """Every saved scenario (newest change first), without its inputs."""
    columns = ["id", "name", "owner", "created_at", "updated_at", "version"]
    query = select(*(col(getattr(UserScenario, c)) for c in columns)).order_by(*_NEWEST_FIRST)
    with Session(_engine(engine)) as session:  # the columns, not whole rows: their inputs are most of a row
        rows = session.execute(query).all()
    return pd.DataFrame.from_records(rows, columns=columns)


def names(engine: Engine | None = None) -> dict[int, str]:
    """Every saved scenario's id -> name, in `list_scenarios`' order: what a picker needs, read as two columns
    (the brief asks on every run; whole rows with their inputs were ~half of its run with 200 saved scenarios)."""
    query = select(col(UserScenario.id), col(UserScenario.name)).order_by(*_NEWEST_FIRST)
    with Session(_engine(engine)) as session:
        return {int(i): n for i, n in session.execute(query).all()}


def get(scenario_id: int, engine: Engine | None = None) -> dict[str, Any]:
    with Session(_engine(engine)) as session:
        row = session.get(UserScenario, scenario_id)
        if row is None:
            raise ConflictError([], "This scenario no longer exists: someone deleted it.", "gone")
        return _record(row)


def create(name: str, inputs: ScenarioInputs, owner: str, engine: Engine | None = None) -> dict[str, Any]:
    """Store a new scenario owned by `owner`; refuses an empty or taken name (nothing is written)."""
    try:
        return _create(name, inputs, owner, engine)
    except IntegrityError as exc:  # someone took the name between our check and the insert
        raise ScenarioError("A scenario with this name already exists: choose another name.", "name", "name_taken") from exc


def _create(name: str, inputs: ScenarioInputs, owner: str, engine: Engine | None) -> dict[str, Any]:
    with Session(_engine(engine)) as session, session.begin():
        cleaned = _clean_name(name, session, None)
        now = _now()
        row = UserScenario(
            name=cleaned, inputs=json.dumps(inputs.to_dict()), created_at=now, updated_at=now, version=1, owner=owner, changed_by=owner
        )
        session.add(row)
        session.flush()
        return _record(row)


def save(
    scenario_id: int,
    name: str,
    inputs: ScenarioInputs,
    version: int,
    owner: str,
    editor: Editor | None = None,
    engine: Engine | None = None,
) -> dict[str, Any]:
    """Overwrite a scenario you opened at `version`; refused if it changed since, was deleted, or is not yours to change.

    The version check is part of the UPDATE itself, so of two saves racing from the same version only one wins.
    """
    try:
        return _save(scenario_id, name, inputs, version, owner, editor, engine)
    except IntegrityError as exc:
        raise ScenarioError("A scenario with this name already exists: choose another name.", "name", "name_taken") from exc


def _save(
    scenario_id: int, name: str, inputs: ScenarioInputs, version: int, owner: str, editor: Editor | None, engine: Engine | None
) -> dict[str, Any]:
    with Session(_engine(engine)) as session, session.begin():
        _check_owner(session, scenario_id, owner, editor)
        cleaned = _clean_name(name, session, scenario_id)
        result = session.execute(
            update(UserScenario)
            .where(col(UserScenario.id) == scenario_id, col(UserScenario.version) == version)
            .values(
                name=cleaned,
                inputs=json.dumps(inputs.to_dict()),
                updated_at=_now(),
                version=version + 1,
                changed_by=editor.name if editor else owner,
            )
        )
        if rowcount(result) != 1:
            _refuse(session, scenario_id, version)
        session.flush()
        saved = session.get(UserScenario, scenario_id, populate_existing=True)
        if saved is None:  # not after our own UPDATE in this transaction; said for the type checker
            _refuse(session, scenario_id, version)
        return _record(saved)


def _refuse(session: Session, scenario_id: int, version: int) -> NoReturn:
    current = session.get(UserScenario, scenario_id)
    if current is None:
        raise ConflictError([], "This scenario was deleted by someone else after you opened it. Save yours under a new name.", "gone")
    raise ConflictError(
        [Conflict(current.name, version, current.version, current.changed_by or None, current.updated_at)],
        f"Someone else saved {current.name!r} after you opened it (you opened version {version}, it is now at {current.version}). "
        "Reload to see their change, or save yours under a new name.",
    )


def _check_owner(session: Session, scenario_id: int, owner: str, editor: Editor | None) -> None:
    row = session.get(UserScenario, scenario_id)
    if row is not None:  # a vanished row is reported as a conflict by the versioned statement
        _check_may_change(row, owner, editor)


def duplicate(scenario_id: int, owner: str, name: str | None = None, engine: Engine | None = None) -> dict[str, Any]:
    """Your own copy under a new name ('<name> (copy)', '(copy 2)', … unless one is given)."""
    original = get(scenario_id, engine)
    if name is None:
        taken = {n.lower() for n in list_scenarios(engine)["name"]}
        base = f"{original['name']} (copy)"
        name, number = base, 2
        while name.lower() in taken:
            name, number = f"{original['name']} (copy {number})", number + 1
    return create(name, original["inputs"], owner, engine)


def delete(scenario_id: int, version: int, owner: str, editor: Editor | None = None, engine: Engine | None = None) -> None:
    """Remove a scenario you opened at `version`; refused if someone changed it since or it is not yours to delete."""
    with Session(_engine(engine)) as session, session.begin():
        _check_owner(session, scenario_id, owner, editor)
        result = session.execute(sa_delete(UserScenario).where(col(UserScenario.id) == scenario_id, col(UserScenario.version) == version))
        if rowcount(result) != 1 and session.get(UserScenario, scenario_id) is not None:
            _refuse(session, scenario_id, version)
