"""The summit room, live: the presenter's slide and question, and the room's anonymous answers.

Everything the screens follow lives in the database, not in a server's memory, so the big
screen and every phone follow the presenter on any app server sharing the store:

- `live_state` (one row): the slide, whether the show plays, the question on screen, and `seq`,
  which rises with every change, so a follower polls one small row to know whether to redraw.
- `live_question`: each question the presenter opened (a reset opens a fresh one, so earlier
  answers stay for the download).
- `live_answer`: one row per device and question; answering again replaces it.
- `live_rate`: submissions per device token and per client address in fixed one-minute windows,
  counted in the database so the limit holds across servers.

A device is an anonymous random id signed with an HMAC of a server secret (`COMPASS_LIVE_SECRET`,
else one made once and kept in `live_state`, so every server checks the same signature). Nothing
personal is stored and no free text is accepted: scores are whole numbers 0-5, votes an option's id.
The room's answers are opinions of those present, never cited figures; callers label them so.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import statistics
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from argon2 import PasswordHasher
from sqlalchemy import Engine, UniqueConstraint, delete, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Field, Session, SQLModel, col

from model import assessments, scenarios
from model.auth import Editor, require_editor
from model.db import get_engine, rowcount

READINESS, SCENARIO_VOTE = "readiness", "scenario"
KINDS = (READINESS, SCENARIO_VOTE)
OPEN, CLOSED = "open", "closed"
MAX_VOTE_OPTIONS = 6
WINDOW_SECONDS = 60
# Per device token, and per client address: a hall's phones may share one Wi-Fi address, so that limit is generous.
TOKEN_LIMIT = int(os.environ.get("COMPASS_LIVE_TOKEN_LIMIT", "10"))
IP_LIMIT = int(os.environ.get("COMPASS_LIVE_IP_LIMIT", "1200"))
_PROCESS_SECRET = secrets.token_bytes(32)
_HASHER = PasswordHasher()
T = TypeVar("T")  # proves a `Presenter` was made by this process's sign-in


class LiveState(SQLModel, table=True):
    __tablename__ = "live_state"
    id: int = Field(default=1, primary_key=True)
    seq: int = 0
    slide: int = 0
    playing: bool = True
    active: bool = False  # a presenter is steering; otherwise each screen runs its own timer
    question_id: int | None = Field(default=None, foreign_key="live_question.id")
    secret: str
    updated_at: datetime


class LiveQuestion(SQLModel, table=True):
    __tablename__ = "live_question"
    id: int | None = Field(default=None, primary_key=True)
    kind: str
    options: str  # JSON list: factor ids (readiness) or {"id", "name"} of the scenarios (vote)
    status: str = OPEN
    opened_by: str
    opened_at: datetime
    closed_at: datetime | None = None


class LiveAnswer(SQLModel, table=True):
    __tablename__ = "live_answer"
    __table_args__ = (UniqueConstraint("question_id", "device", name="uq_live_answer_question_device"),)
    id: int | None = Field(default=None, primary_key=True)
    question_id: int = Field(foreign_key="live_question.id", index=True)
    device: str  # the random part of the device token: anonymous
    answer: str  # JSON: {factor_id: score} or {"scenario": id}
    created_at: datetime
    updated_at: datetime
    version: int = 1  # rises each time the device answers again


class LiveRate(SQLModel, table=True):
    __tablename__ = "live_rate"
    bucket: str = Field(primary_key=True)  # "token:<device>" or "ip:<address>"
    minute: int = Field(primary_key=True)  # epoch seconds // WINDOW_SECONDS
    count: int = 0


class LiveError(ValueError):
    """A refused action; `code` lets the page say it in the reader's language, `message` says it in English."""

    def __init__(self, code: str, message: str) -> None:
        self.code = code
        super().__init__(message)


@dataclass(frozen=True)
class Presenter:
    """Who may steer the room: made only by `presenter_for_editor` or `presenter_from_link`."""

    name: str
    proof: str = field(repr=False)

    def check(self) -> None:
        if not hmac.compare_digest(self.proof, _prove(self.name)):
            raise LiveError("not_presenter", "Steering the room needs a presenter.")


@dataclass(frozen=True)
class State:
    seq: int
    slide: int
    playing: bool
    active: bool
    question: dict[str, Any] | None  # id, kind, options, status, opened_at


def _prove(name: str) -> str:
    return hmac.new(_PROCESS_SECRET, f"presenter:{name}".encode(), hashlib.sha256).hexdigest()


def presenter_for_editor(editor: Editor) -> Presenter:
    """A signed-in editor may present (the editor's own proof is checked first)."""
    require_editor(editor)
    return Presenter(editor.name, _prove(editor.name))


def presenter_from_link(accounts: dict[str, str], secret: str) -> Presenter | None:
    """A presenter link's secret checked against `name = argon2 hash` accounts (configured as editor accounts are)."""
    for name, digest in accounts.items():
        try:
            if secret and _HASHER.verify(digest, secret):
                return Presenter(f"link:{name}", _prove(f"link:{name}"))
        except Exception:  # wrong secret or a malformed hash: try the next account
            continue
    return None


def _require(presenter: object) -> Presenter:
    if not isinstance(presenter, Presenter):
        raise LiveError("not_presenter", "Steering the room needs a presenter.")
    presenter.check()
    return presenter


def _now() -> datetime:
    return datetime.now(UTC)


def _retrying(work: Callable[[Session], T], engine: Engine) -> T:
    """Run `work` in a transaction; once more if a concurrent insert of the same key won (the retry then sees its row)."""
    for attempt in (1, 2):
        try:
            with Session(engine) as session, session.begin():
                return work(session)
        except IntegrityError:
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def _row(session: Session) -> LiveState:
    """The room's state row, made on first use (with the secret device tokens are signed with)."""
    row = session.get(LiveState, 1)
    if row is None:
        row = LiveState(id=1, secret=secrets.token_hex(32), updated_at=_now())
        session.add(row)
        session.flush()  # two servers making it at once: one gets IntegrityError and `_retrying` reads the other's
    return row


def _question_dict(question: LiveQuestion) -> dict[str, Any]:
    return {
        "id": question.id,
        "kind": question.kind,
        "options": json.loads(question.options),
        "status": question.status,
        "opened_at": question.opened_at,
        "closed_at": question.closed_at,
    }


def state(engine: Engine | None = None) -> State:
    """What every screen shows now (two small reads)."""

    def read(session: Session) -> State:
        row = _row(session)
        question = session.get(LiveQuestion, row.question_id) if row.question_id else None
        return State(row.seq, row.slide, row.playing, row.active, _question_dict(question) if question else None)

    return _retrying(read, engine or get_engine())


def seq(engine: Engine | None = None) -> int:
    """The change counter alone: what followers poll."""
    with Session(engine or get_engine()) as session:
        value = session.execute(select(col(LiveState.seq)).where(col(LiveState.id) == 1)).scalar()
    return int(value or 0)


def _change(presenter: object, seen_seq: int | None, engine: Engine | None, **values: Any) -> bool:
    """Apply `values` to the state and raise `seq`; with `seen_seq`, only if nobody changed it since (False then)."""
    _require(presenter)
    statement = update(LiveState).where(col(LiveState.id) == 1)
    if seen_seq is not None:
        statement = statement.where(col(LiveState.seq) == seen_seq)

    def change(session: Session) -> bool:
        _row(session)
        return rowcount(session.execute(statement.values(seq=col(LiveState.seq) + 1, updated_at=_now(), **values))) == 1

    return _retrying(change, engine or get_engine())


def start(presenter: object, engine: Engine | None = None) -> None:
    """The presenter takes the room: screens follow the stored slide from now on."""
    _change(presenter, None, engine, active=True)


def stop(presenter: object, engine: Engine | None = None) -> None:
    """Screens go back to running their own slideshow."""
    _change(presenter, None, engine, active=False)


def move(presenter: object, slide: int, slide_count: int, seen_seq: int | None = None, engine: Engine | None = None) -> bool:
    """Show slide `slide` (wrapped into the show's length). With `seen_seq` a stale move (another tab moved first) is dropped."""
    return _change(presenter, seen_seq, engine, slide=slide % slide_count, active=True)


def set_playing(presenter: object, playing: bool, engine: Engine | None = None) -> None:
    _change(presenter, None, engine, playing=bool(playing), active=True)


def open_question(presenter: object, kind: str, scenario_ids: list[int] | None = None, engine: Engine | None = None) -> int:
    """Open a new question (closing any other) and put it on every screen; returns its id."""
    who = _require(presenter)
    engine = engine or get_engine()
    options = _options(kind, scenario_ids or [], engine)
    with Session(engine) as session, session.begin():
        _row(session)
        now = _now()
        session.execute(update(LiveQuestion).where(col(LiveQuestion.status) == OPEN).values(status=CLOSED, closed_at=now))
        question = LiveQuestion(kind=kind, options=json.dumps(options), status=OPEN, opened_by=who.name, opened_at=now)
        session.add(question)
        session.flush()
        session.execute(
            update(LiveState).where(col(LiveState.id) == 1).values(question_id=question.id, seq=col(LiveState.seq) + 1, updated_at=now)
        )
        session.execute(delete(LiveRate).where(col(LiveRate.minute) < _window() - 10))  # old windows
        assert question.id is not None  # flushed: the database has given it its id
        return question.id


def _options(kind: str, scenario_ids: list[int], engine: Engine) -> list[Any]:
    if kind == READINESS:
        return assessments.factor_ids(engine)
    if kind != SCENARIO_VOTE:
        raise LiveError("unknown_kind", f"Unknown question kind {kind!r}: choose one of {', '.join(KINDS)}.")
    chosen = list(dict.fromkeys(int(i) for i in scenario_ids))
    if not 2 <= len(chosen) <= MAX_VOTE_OPTIONS:
        raise LiveError("vote_options", f"A vote needs 2 to {MAX_VOTE_OPTIONS} saved scenarios (got {len(chosen)}).")
    return [{"id": i, "name": scenarios.get(i, engine)["name"]} for i in chosen]


def close_question(presenter: object, engine: Engine | None = None) -> None:
    """Stop accepting answers; the results stay on the big screen."""
    _require(presenter)
    with Session(engine or get_engine()) as session, session.begin():
        row = _row(session)
        if row.question_id is None:
            return
        still_open = (col(LiveQuestion.id) == row.question_id, col(LiveQuestion.status) == OPEN)
        session.execute(update(LiveQuestion).where(*still_open).values(status=CLOSED, closed_at=_now()))
        session.execute(update(LiveState).where(col(LiveState.id) == 1).values(seq=col(LiveState.seq) + 1, updated_at=_now()))


def reset_question(presenter: object, engine: Engine | None = None) -> int | None:
    """Ask the question on screen afresh: a new, open question with no answers (the earlier answers are kept for the download)."""
    current = state(engine).question
    if current is None:
        return None
    ids = [o["id"] for o in current["options"]] if current["kind"] == SCENARIO_VOTE else None
    return open_question(presenter, current["kind"], ids, engine)


def clear_question(presenter: object, engine: Engine | None = None) -> None:
    """Take the question off the screens (closing it), back to the slides."""
    close_question(presenter, engine)
    _change(presenter, None, engine, question_id=None)


# --- Device tokens ---------------------------------------------------------------


def _secret(engine: Engine) -> bytes:
    configured = os.environ.get("COMPASS_LIVE_SECRET", "")
    if configured:
        return configured.encode()
    return _stored_secret(str(engine.url))


_SECRETS: dict[str, bytes] = {}


def _stored_secret(url: str) -> bytes:
    if url not in _SECRETS:
        _SECRETS[url] = _retrying(lambda session: _row(session).secret, get_engine(url)).encode()
    return _SECRETS[url]


def _sign(device: str, engine: Engine) -> str:
    return hmac.new(_secret(engine), f"device:{device}".encode(), hashlib.sha256).hexdigest()[:32]


def issue_token(engine: Engine | None = None) -> str:
    """A new anonymous device token, `<random id>.<signature>`."""
    engine = engine or get_engine()
    device = secrets.token_urlsafe(16)
    return f"{device}.{_sign(device, engine)}"


def device_of(token: object, engine: Engine | None = None) -> str:
    """The device id of a token this store signed; refuses a missing or forged one."""
    if not isinstance(token, str) or not token:
        raise LiveError("no_token", "This phone has no answer token: reload the page.")
    device, _, signature = token.partition(".")
    if not device or len(token) > 100 or not hmac.compare_digest(signature, _sign(device, engine or get_engine())):
        raise LiveError("bad_token", "This phone's answer token is not valid, so nothing was counted.")
    return device


# --- Answers -----------------------------------------------------------------------


def _window(now: float | None = None) -> int:
    return int((now if now is not None else _now().timestamp()) // WINDOW_SECONDS)


def _count_attempt(session: Session, key: str, window: int) -> int:
    """Add one attempt to `key`'s window and return the window's count (a portable upsert: update, else insert)."""
    bump = update(LiveRate).where(col(LiveRate.bucket) == key, col(LiveRate.minute) == window).values(count=col(LiveRate.count) + 1)
    if rowcount(session.execute(bump)) == 0:
        session.add(LiveRate(bucket=key, minute=window, count=1))
        session.flush()
    return int(session.execute(select(col(LiveRate.count)).where(col(LiveRate.bucket) == key, col(LiveRate.minute) == window)).scalar_one())


def _rate_limit(engine: Engine, device: str, ip: str, now: float | None) -> None:
    """Counted in its own transaction, so refused attempts count too."""
    window = _window(now)

    def count(session: Session) -> tuple[int, int]:
        return _count_attempt(session, f"token:{device}", window), _count_attempt(session, f"ip:{ip or 'unknown'}"[:120], window)

    per_token, per_ip = _retrying(count, engine)
    if per_token > TOKEN_LIMIT:
        raise LiveError("rate_token", f"Too many answers from this phone: wait a minute (at most {TOKEN_LIMIT} a minute).")
    if per_ip > IP_LIMIT:
        raise LiveError("rate_ip", f"Too many answers from this network address: wait a minute (at most {IP_LIMIT} a minute).")


def _whole_score(value: object) -> int | None:
    """0-5 as the self-check takes it: a whole number (3, '3', 3.0), nothing else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | str):
        try:
            number = float(value)
        except ValueError:
            return None
        if number.is_integer() and assessments.MIN_SCORE <= number <= assessments.MAX_SCORE:
            return int(number)
    return None


def validate_answer(question: dict[str, Any], answer: dict[str, Any]) -> dict[str, Any]:
    """The answer cleaned, or `LiveError` naming what is wrong (nothing is stored then)."""
    if not isinstance(answer, dict):
        raise LiveError("bad_answer", "An answer must be a set of scores or a vote.")
    if question["kind"] == READINESS:
        factors = question["options"]
        unknown = sorted(set(map(str, answer)) - set(factors))
        if unknown:
            raise LiveError("bad_factor", "Unknown success factor(s): " + ", ".join(unknown) + ".")
        clean = {f: _whole_score(answer.get(f)) for f in factors}
        wrong = [f for f, score in clean.items() if score is None]
        if wrong:
            low, high = assessments.MIN_SCORE, assessments.MAX_SCORE
            raise LiveError("out_of_range", f"Give each factor a whole number from {low} to {high} (missing or wrong: {', '.join(wrong)}).")
        return clean
    ids = {o["id"] for o in question["options"]}
    choice = answer.get("scenario")
    if isinstance(choice, bool) or not isinstance(choice, int) or choice not in ids or set(answer) != {"scenario"}:
        raise LiveError("bad_vote", "Choose one of the scenarios shown.")
    return {"scenario": choice}


def submit(
    token: object, question_id: int, answer: dict[str, Any], ip: str, engine: Engine | None = None, now: float | None = None
) -> bool:
    """Store a device's answer to the open question `question_id`; True if it replaced the device's earlier answer.

    Refused (LiveError, nothing stored) for a missing or forged token, too many attempts,
    a question that is not the open one, or an answer out of range.
    """
    engine = engine or get_engine()
    device = device_of(token, engine)
    _rate_limit(engine, device, ip, now)

    def store(session: Session) -> bool:
        question = session.get(LiveQuestion, question_id)
        if question is None or question.status != OPEN:
            raise LiveError("closed", "This question is closed: answers are no longer taken.")
        clean = json.dumps(validate_answer(_question_dict(question), answer))
        moment = _now()
        replace = (
            update(LiveAnswer)
            .where(col(LiveAnswer.question_id) == question_id, col(LiveAnswer.device) == device)
            .values(answer=clean, updated_at=moment, version=col(LiveAnswer.version) + 1)
        )
        if rowcount(session.execute(replace)) == 1:
            return True
        session.add(LiveAnswer(question_id=question_id, device=device, answer=clean, created_at=moment, updated_at=moment))
        session.flush()  # the same phone's two taps racing: the loser retries and replaces
        return False

    return _retrying(store, engine)


def my_answer(token: object, question_id: int, engine: Engine | None = None) -> dict[str, Any] | None:
    """This device's stored answer to the question (to show it back), or None."""
    try:
        device = device_of(token, engine)
    except LiveError:
        return None
    with Session(engine or get_engine()) as session:
        raw = session.execute(
            select(col(LiveAnswer.answer)).where(col(LiveAnswer.question_id) == question_id, col(LiveAnswer.device) == device)
        ).scalar()
    return json.loads(raw) if raw else None


# --- Results -------------------------------------------------------------------------


def answer_count(question_id: int, engine: Engine | None = None) -> int:
    with Session(engine or get_engine()) as session:
        return int(session.execute(select(func.count()).where(col(LiveAnswer.question_id) == question_id)).scalar_one())


def _answers(question_id: int, engine: Engine | None) -> list[dict[str, Any]]:
    with Session(engine or get_engine()) as session:
        query = select(col(LiveAnswer.answer)).where(col(LiveAnswer.question_id) == question_id).order_by(col(LiveAnswer.id))
        rows = session.execute(query).scalars()
        return [json.loads(r) for r in rows]


def spread(scores: list[int]) -> dict[str, float | int | None]:
    """n, median, quartiles (inclusive method: type 7, as spreadsheets' QUARTILE), min and max of a factor's scores."""
    if not scores:
        return {"n": 0, "median": None, "q1": None, "q3": None, "low": None, "high": None}
    q1, _, q3 = statistics.quantiles(scores, n=4, method="inclusive") if len(scores) > 1 else (scores[0],) * 3
    return {"n": len(scores), "median": statistics.median(scores), "q1": q1, "q3": q3, "low": min(scores), "high": max(scores)}


def results(question: dict[str, Any], engine: Engine | None = None) -> dict[str, Any]:
    """The room's answers to `question` summarised: per factor (median, quartiles, range) or per option (votes, share)."""
    answers = _answers(question["id"], engine)
    if question["kind"] == READINESS:
        rows = [{"factor_id": f, **spread([a[f] for a in answers if f in a])} for f in question["options"]]
    else:
        total = len(answers)
        rows = []
        for option in question["options"]:
            votes = sum(1 for a in answers if a.get("scenario") == option["id"])
            rows.append({"scenario_id": option["id"], "name": option["name"], "votes": votes, "share": votes / total if total else 0.0})
    return {"count": len(answers), "rows": rows}


def questions(engine: Engine | None = None) -> list[dict[str, Any]]:
    """Every question asked, oldest first."""
    with Session(engine or get_engine()) as session:
        rows = session.execute(select(LiveQuestion).order_by(col(LiveQuestion.id))).scalars().all()
        return [_question_dict(q) for q in rows]


def room_said(engine: Engine | None = None) -> list[dict[str, Any]]:
    """ "What the summit room said": each question that got answers, with its date, count and distribution.

    For the brief; these are the answers of the people in the room, not cited figures.
    """
    said = []
    for question in questions(engine):
        summary = results(question, engine)
        if summary["count"]:
            said.append({"date": question["opened_at"].date(), "question": question, **summary})
    return said


def room_answered(engine: Engine | None = None) -> bool:
    """Whether `room_said` has anything to say, in one query (the brief page asks on every run: it offers the
    room's answers only once there are some; `room_said` summarises every question to know)."""
    asked = select(col(LiveQuestion.id))
    with Session(engine or get_engine()) as session:
        return session.execute(select(col(LiveAnswer.id)).where(col(LiveAnswer.question_id).in_(asked)).limit(1)).first() is not None


def answers_table(engine: Engine | None = None) -> list[dict[str, Any]]:
    """Every stored answer, one row per question, device and item (devices are anonymous ids): for the CSV/XLSX download."""
    records = []
    for question in questions(engine):
        with Session(engine or get_engine()) as session:
            query = select(LiveAnswer).where(col(LiveAnswer.question_id) == question["id"]).order_by(col(LiveAnswer.id))
            rows = session.execute(query).scalars().all()
        for row in rows:
            for item, value in json.loads(row.answer).items():
                records.append(
                    {
                        "question_id": question["id"],
                        "kind": question["kind"],
                        "opened_at": question["opened_at"],
                        "device": row.device[:8],
                        "item": item,
                        "value": value,
                        "answered_at": row.updated_at,
                    }
                )
    return records
