"""The summit room, live (model only): who may steer, one answer per phone, refusals, and the room's results.

Every test runs on SQLite and on PostgreSQL (the store several app servers share).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, delete

from model import assessments, auth, denmark, live, scenarios
from model.db import get_engine
from seed.load import load_bundle
from seed.validate import read_seed
from tests.conftest import store_copy

LINK_SECRET = "hall-screen-link-7f3a9c"
ACCOUNTS = {"hall": auth.hash_password(LINK_SECRET)}
IP = "192.0.2.10"


@pytest.fixture(scope="module")
def presenter() -> live.Presenter:
    made = live.presenter_from_link(ACCOUNTS, LINK_SECRET)
    assert made is not None
    return made


@pytest.fixture(scope="module")
def pg_store(pg_url: str) -> Engine:
    engine = get_engine(pg_url)
    load_bundle(read_seed(), engine)
    return engine


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, seeded_url: str, tmp_path: Path) -> Engine:
    """A store with no live state yet: a copy of the seeded SQLite file, or the module's PostgreSQL database emptied."""
    if request.param == "sqlite":
        return get_engine(store_copy(seeded_url, tmp_path / "live.db"))
    engine = request.getfixturevalue("pg_store")
    with engine.begin() as conn:
        for table in (live.LiveRate, live.LiveAnswer, live.LiveState, live.LiveQuestion):
            conn.execute(delete(table))
    live._SECRETS.clear()
    return engine


def all_scores(value: int, store: Engine) -> dict[str, int]:
    return {f: value for f in assessments.factor_ids(store)}


def test_only_a_presenter_steers_the_room(store: Engine, presenter: live.Presenter):
    for impostor in (None, "hall", live.Presenter("hall", "0" * 64)):
        with pytest.raises(live.LiveError):
            live.move(impostor, 2, 5, engine=store)
        with pytest.raises(live.LiveError):
            live.open_question(impostor, live.READINESS, engine=store)
    assert live.presenter_from_link(ACCOUNTS, "wrong secret") is None
    assert live.state(store).slide == 0 and live.state(store).question is None


def test_every_change_raises_the_sequence_screens_poll(store: Engine, presenter: live.Presenter):
    before = live.seq(store)
    live.move(presenter, 3, 5, engine=store)
    state = live.state(store)
    assert (state.slide, state.active, state.seq) == (3, True, before + 1)
    live.move(presenter, 6, 5, engine=store)
    assert live.state(store).slide == 1  # wraps around the show


def test_a_stale_move_from_a_second_presenter_tab_is_dropped(store: Engine, presenter: live.Presenter):
    seen = live.seq(store)
    assert live.move(presenter, 1, 5, seen_seq=seen, engine=store)
    assert not live.move(presenter, 1, 5, seen_seq=seen, engine=store)  # the other tab's timer fired from the same state
    assert live.state(store).slide == 1


def test_one_answer_per_phone_and_question_and_answering_again_replaces(store: Engine, presenter: live.Presenter):
    question = live.open_question(presenter, live.READINESS, engine=store)
    phone, other = live.issue_token(store), live.issue_token(store)
    assert live.submit(phone, question, all_scores(2, store), IP, store) is False
    assert live.submit(other, question, all_scores(4, store), IP, store) is False
    assert live.submit(phone, question, all_scores(5, store), IP, store) is True
    assert live.answer_count(question, store) == 2
    assert live.my_answer(phone, question, store) == all_scores(5, store)


def test_a_closed_question_takes_nothing_and_a_reset_starts_afresh(store: Engine, presenter: live.Presenter):
    question = live.open_question(presenter, live.READINESS, engine=store)
    phone = live.issue_token(store)
    live.submit(phone, question, all_scores(3, store), IP, store)
    live.close_question(presenter, store)
    with pytest.raises(live.LiveError, match="closed") as refused:
        live.submit(phone, question, all_scores(1, store), IP, store)
    assert refused.value.code == "closed"
    assert live.my_answer(phone, question, store) == all_scores(3, store)  # the refused answer changed nothing
    fresh = live.reset_question(presenter, store)
    assert fresh != question and live.answer_count(fresh, store) == 0
    assert live.answer_count(question, store) == 1  # kept for the download


@pytest.mark.parametrize("score", [-1, 6, 2.5, "x", None, True])
def test_scores_outside_zero_to_five_are_refused_with_a_message(store: Engine, presenter: live.Presenter, score: object):
    question = live.open_question(presenter, live.READINESS, engine=store)
    answer = {**all_scores(3, store), "malbild": score}
    with pytest.raises(live.LiveError, match="whole number from 0 to 5"):
        live.submit(live.issue_token(store), question, answer, IP, store)
    assert live.answer_count(question, store) == 0


def test_unknown_factors_and_free_text_are_refused(store: Engine, presenter: live.Presenter):
    question = live.open_question(presenter, live.READINESS, engine=store)
    with pytest.raises(live.LiveError, match="Unknown success factor"):
        live.submit(live.issue_token(store), question, {**all_scores(3, store), "comment": "<b>hi</b>"}, IP, store)


def test_a_missing_or_forged_token_is_refused(store: Engine, presenter: live.Presenter):
    question = live.open_question(presenter, live.READINESS, engine=store)
    device = live.issue_token(store).split(".")[0]
    for token in (None, "", "abc", f"{device}.{'0' * 32}", f"{device}.", "<script>alert(1)</script>"):
        with pytest.raises(live.LiveError) as refused:
            live.submit(token, question, all_scores(3, store), IP, store)
        assert refused.value.code in {"no_token", "bad_token"}
    assert live.answer_count(question, store) == 0


def test_submissions_are_limited_per_phone_and_per_address(store: Engine, presenter: live.Presenter, monkeypatch: pytest.MonkeyPatch):
    question = live.open_question(presenter, live.READINESS, engine=store)
    phone, now = live.issue_token(store), 1_000_000.0
    for _ in range(live.TOKEN_LIMIT):
        live.submit(phone, question, all_scores(1, store), IP, store, now=now)
    with pytest.raises(live.LiveError) as refused:
        live.submit(phone, question, all_scores(1, store), IP, store, now=now)
    assert refused.value.code == "rate_token"
    live.submit(phone, question, all_scores(1, store), IP, store, now=now + 60)  # the next minute is a new window
    monkeypatch.setattr(live, "IP_LIMIT", 2)
    live.submit(live.issue_token(store), question, all_scores(1, store), "198.51.100.7", store, now=now)
    live.submit(live.issue_token(store), question, all_scores(1, store), "198.51.100.7", store, now=now)
    with pytest.raises(live.LiveError) as refused:
        live.submit(live.issue_token(store), question, all_scores(1, store), "198.51.100.7", store, now=now)
    assert refused.value.code == "rate_ip"


def test_readiness_results_give_median_quartiles_and_range_per_factor(store: Engine, presenter: live.Presenter):
    question = live.open_question(presenter, live.READINESS, engine=store)
    factors = assessments.factor_ids(store)
    for score in (0, 2, 3, 5):  # by hand: median (2+3)/2 = 2.5; Q1 at rank 1.75 = 1.5; Q3 at rank 3.25 = 3.5
        live.submit(live.issue_token(store), question, {**all_scores(4, store), factors[0]: score}, IP, store)
    summary = live.results(live.state(store).question, store)
    first, second = summary["rows"][0], summary["rows"][1]
    assert summary["count"] == 4
    assert (first["factor_id"], first["median"], first["q1"], first["q3"], first["low"], first["high"]) == (factors[0], 2.5, 1.5, 3.5, 0, 5)
    assert (second["median"], second["q1"], second["q3"]) == (4, 4, 4)


def test_a_single_answer_is_its_own_median_and_quartiles():
    assert live.spread([3]) == {"n": 1, "median": 3, "q1": 3, "q3": 3, "low": 3, "high": 3}
    assert live.spread([])["median"] is None


def test_a_vote_among_chosen_scenarios_gives_shares(store: Engine, presenter: live.Presenter):
    inputs = denmark.default_inputs(engine=store)
    ids = [scenarios.create(name, inputs, "visitor:test", store)["id"] for name in ("Three hubs", "Five hubs", "National only")]
    question = live.open_question(presenter, live.SCENARIO_VOTE, ids[:2], store)
    for choice in (ids[0], ids[0], ids[0], ids[1]):
        live.submit(live.issue_token(store), question, {"scenario": choice}, IP, store)
    with pytest.raises(live.LiveError, match="Choose one of the scenarios shown"):
        live.submit(live.issue_token(store), question, {"scenario": ids[2]}, IP, store)  # not among the options
    rows = live.results(live.state(store).question, store)["rows"]
    assert [(r["name"], r["votes"], r["share"]) for r in rows] == [("Three hubs", 3, 0.75), ("Five hubs", 1, 0.25)]


def test_a_vote_needs_two_to_six_saved_scenarios(store: Engine, presenter: live.Presenter):
    with pytest.raises(live.LiveError, match="2 to 6"):
        live.open_question(presenter, live.SCENARIO_VOTE, [1], store)


def test_the_brief_section_lists_answered_questions_with_date_count_and_distribution(store: Engine, presenter: live.Presenter):
    live.open_question(presenter, live.READINESS, engine=store)  # unanswered: left out
    assert not live.room_answered(store) and not live.room_said(store)  # the brief offers no room section yet
    question = live.open_question(presenter, live.READINESS, engine=store)
    live.submit(live.issue_token(store), question, all_scores(3, store), IP, store)
    assert live.room_answered(store)
    said = live.room_said(store)
    assert len(said) == 1
    assert said[0]["count"] == 1 and said[0]["question"]["id"] == question
    assert said[0]["date"] == live.state(store).question["opened_at"].date()
    assert {r["median"] for r in said[0]["rows"]} == {3}
    table = live.answers_table(store)
    assert len(table) == len(assessments.factor_ids(store)) and {r["value"] for r in table} == {3}


def test_the_decision_brief_can_add_what_the_room_said_labelled_as_the_rooms_answers(store: Engine, presenter: live.Presenter):
    from reports.brief import build_brief

    question = live.open_question(presenter, live.READINESS, engine=store)
    for score in (1, 4):
        live.submit(live.issue_token(store), question, all_scores(score, store), IP, store)
    brief = build_brief("da", engine=store, room=True)
    section = brief.sections[-1]
    assert section.title == "Hvad salen på topmødet sagde"
    assert "Svar: 2." in section.paragraphs[0] and "ikke kildebelagte tal" in section.paragraphs[1]
    assert list(section.table["Median"]) == ["2,5"] * 5  # Danish decimals
    assert "Hvad salen på topmødet sagde" not in [s.title for s in build_brief("da", engine=store).sections]
