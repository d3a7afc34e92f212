"""The Denmark page: the summit as the article tells it, the cited scenario defaults, saved scenarios, and the page itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from model import denmark, scenarios
from model.db import get_engine
from model.errors import ConflictError
from model.projection import ASSUMPTIONS, ScenarioInputs
from tests.apptest import open_page
from tests.conftest import PROJECT_ROOT, store_copy

ME = "visitor:tester"  # the session id the page tests give their visitor (see open_denmark)

# --- What the model reads from the store ---------------------------------------------------------


def test_the_process_track_places_the_summit_as_the_current_stage(engine):
    stages = denmark.stages(engine)
    assert list(dict.fromkeys(stages["stage"])) == ["interest", "learning", "decision_basis", "decision"]
    assert set(stages.loc[stages["stage"] == "learning", "status"]) == {"current"}
    assert stages["quote"].notna().all()
    assert "dk-summit-second-meeting" in set(stages["statement_id"])


def test_the_summit_date_has_no_invented_year(engine):
    date = denmark.summit(engine)["statements"]["dk-summit-date"]["text_en"]
    assert "9 September" in date and "does not state the year" in date


def test_every_participant_has_country_sector_and_source(engine):
    people = denmark.participants(engine)
    assert len(people) == 16
    assert {"NO", "DK"} == set(people["country"])
    assert {"government", "municipal_regional", "business", "research_innovation"} <= set(people["sector"])
    assert people["quote"].notna().all()
    counts = denmark.participant_counts(engine)
    assert counts["organisations"].sum() == 16


def test_the_baseline_is_lups_cited_figures(engine):
    lup = denmark.lup_baseline(engine)
    assert (lup.budget_low_nok, lup.budget_high_nok) == (5_000_000, 6_000_000)
    assert lup.fte == 4  # 3 national + 2 half regional
    assert (lup.years, lup.hubs, lup.savings_nok) == (5, 3, 334_000_000)
    assert {t.target_id: t.value for t in lup.targets} == {"1.1": 30, "1.2": 3, "1.6": 60, "1.7": 10, "2.1": 2}


def test_each_model_assumption_rests_on_a_quoted_fact_or_says_it_is_the_models_own(engine):
    sources = denmark.baseline_sources(engine).set_index("id")
    for assumption in ASSUMPTIONS:
        if assumption.fact_id is not None:
            assert sources.loc[assumption.fact_id, "quote"], assumption.key
    # the savings period's only fact: "since 2010", from an article that gives no date
    assert "siden 2010" in sources.loc["no-lup-since-2010-article", "quote"]


def test_each_default_names_its_source_or_is_marked_an_assumption(engine):
    defaults = denmark.scenario_defaults(2016, engine)
    for name, spec in defaults.items():
        assert spec["origin"] in {"cited", "reference", "derived", "assumption"}, name
        if spec["origin"] == "cited":
            assert spec["row"]["source"] and spec["row"]["quote"], name
        if spec["origin"] == "reference":
            assert spec["reference"], name
    assert defaults["assignment"]["origin"] == "assumption"
    # 7.4452 DKK/EUR ÷ 9.2906 NOK/EUR (ECB 2016) = 0.801369 DKK per NOK; 5.5 m NOK × that = 4 407 530 DKK
    assert defaults["dkk_per_nok"]["value"] == pytest.approx(7.4452 / 9.2906, abs=1e-6)
    assert defaults["annual_budget_dkk"]["value"] == pytest.approx(5_500_000 * 7.4452 / 9.2906, abs=1)
    assert defaults["dk_population"]["value"] == 5_707_251 and defaults["no_municipalities"]["value"] == 428


# --- The scenario store ------------------------------------------------------------------------------


@pytest.fixture
def store(seeded_url: str, tmp_path: Path) -> Engine:
    """A private copy of the seeded store, so saved scenarios don't leak between tests."""
    return get_engine(store_copy(seeded_url, tmp_path / "compass.db"))


@pytest.fixture
def base(engine) -> ScenarioInputs:
    return denmark.default_inputs(2016, engine)


def test_a_scenario_is_saved_reopened_duplicated_and_deleted(store, base):
    saved = scenarios.create("Base case", base, ME, store)
    assert saved["version"] == 1 and saved["created_at"] == saved["updated_at"]
    assert scenarios.get(saved["id"], store)["inputs"] == base
    copy = scenarios.duplicate(saved["id"], ME, engine=store)
    assert copy["name"] == "Base case (copy)" and copy["inputs"] == base
    assert scenarios.duplicate(saved["id"], ME, engine=store)["name"] == "Base case (copy 2)"
    scenarios.delete(copy["id"], copy["version"], ME, engine=store)
    assert list(scenarios.list_scenarios(store)["name"]) == ["Base case (copy 2)", "Base case"]
    assert list(scenarios.names(store).values()) == ["Base case (copy 2)", "Base case"]  # the brief's picker, same order


def test_a_stale_save_is_refused_and_the_other_change_kept(store, base):
    saved = scenarios.create("Shared", base, ME, store)
    theirs = scenarios.save(saved["id"], "Shared", ScenarioInputs(**{**base.__dict__, "annual_budget_dkk": 9e6}), 1, ME, engine=store)
    assert theirs["version"] == 2
    with pytest.raises(ConflictError, match=r"Someone else saved 'Shared'.*Reload"):
        scenarios.save(saved["id"], "Shared", base, 1, ME, engine=store)
    assert scenarios.get(saved["id"], store)["inputs"].annual_budget_dkk == 9e6
    with pytest.raises(ConflictError):
        scenarios.delete(saved["id"], 1, ME, engine=store)


@pytest.mark.parametrize("name, code", [("", "name_empty"), ("   ", "name_empty"), ("base CASE", "name_taken"), ("x" * 81, "name_long")])
def test_bad_names_are_refused_and_nothing_is_stored(store, base, name, code):
    scenarios.create("Base case", base, ME, store)
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.create(name, base, ME, store)
    assert (caught.value.field, caught.value.code) == ("name", code)
    assert len(scenarios.list_scenarios(store)) == 1


def test_renaming_onto_a_taken_name_is_refused(store, base):
    scenarios.create("A", base, ME, store)
    b = scenarios.create("B", base, ME, store)
    with pytest.raises(scenarios.ScenarioError, match="already exists"):
        scenarios.save(b["id"], "a", base, b["version"], ME, engine=store)
    assert scenarios.get(b["id"], store)["name"] == "B"


def test_only_the_owner_or_a_signed_in_editor_may_change_a_scenario(store, base):
    from model.auth import Editor, editor_from_identity

    mine = scenarios.create("Mine", base, ME, store)
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.save(mine["id"], "Mine", base, mine["version"], "visitor:someone-else", engine=store)
    assert caught.value.code == "not_owner"
    with pytest.raises(scenarios.ScenarioError):
        scenarios.delete(mine["id"], mine["version"], "visitor:someone-else", engine=store)
    with pytest.raises(PermissionError):  # a forged editor without a valid proof
        scenarios.delete(mine["id"], mine["version"], "mallory", Editor("mallory", "local", "forged"), engine=store)
    assert scenarios.get(mine["id"], store)["version"] == 1
    editor = editor_from_identity("coi@example.org", ["coi@example.org"])
    assert scenarios.save(mine["id"], "Mine", base, 1, editor.name, editor, engine=store)["version"] == 2
    copy = scenarios.duplicate(mine["id"], "visitor:someone-else", engine=store)
    assert copy["owner"] == "visitor:someone-else", "a visitor may always copy, and owns the copy"


def test_the_projection_table_feeds_the_brief(store, base, engine):
    table = denmark.projection_table(base, engine)
    assert {"label", "projection", "formula", "inputs"} <= set(table.columns)
    assert set(table["kind"]) == {"projection"}


# --- The page (AppTest) ------------------------------------------------------------------------------


@pytest.fixture
def page_store(store: Engine, monkeypatch: pytest.MonkeyPatch) -> Engine:
    monkeypatch.setenv("DATABASE_URL", str(store.url))
    monkeypatch.chdir(PROJECT_ROOT)
    return store


BUILDER = {"lang": "en", "section": "builder"}
SAVED = {"lang": "en", "section": "saved"}


def open_denmark(query: dict[str, str] | None = None) -> AppTest:
    return open_page("denmark", session={"visitor_id": ME.removeprefix("visitor:")}, **(query or {}))


def messages(at: AppTest) -> str:
    return " | ".join(e.value for e in [*at.error, *at.warning])


def projected(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith("Projection") and label in m.label)


@pytest.mark.parametrize(
    "section, header",
    [
        (None, "The process so far"),
        ("participants", "Who was at the table"),
        ("norway", "What Norway brings"),
        ("builder", "Scenario builder: a Danish LUP"),
        ("saved", "Saved scenarios"),
    ],
)
def test_the_page_shows_one_section_at_a_time_from_the_process_to_the_saved_scenarios(page_store, section, header):
    at = open_denmark({"lang": "en"} | ({"section": section} if section else {}))
    assert [h.value for h in at.header] == [header]
    assert not at.error


def test_the_builder_shows_a_labelled_projection(page_store):
    at = open_denmark(BUILDER)
    assert projected(at, "Operative processes") == "60"  # LUP's budget converted: the same 60 processes
    assert any("not sourced facts" in i.value for i in at.info)
    assert not at.error


def test_a_scenario_link_opens_the_builder_even_without_a_section(page_store):
    at = open_denmark({"lang": "en", "hubs": "2"})
    assert [h.value for h in at.header] == ["Scenario builder: a Danish LUP"]
    assert at.query_params["section"] in ("builder", ["builder"])


def test_a_scenario_is_saved_reopened_and_compared(page_store):
    at = open_denmark(BUILDER)
    at.text_input(key="dk_annual_budget_dkk").input("8815060").run()
    assert projected(at, "Operative processes") == "120"
    at.text_input(key="dk_name").input("Double budget").run()
    at.button(key="dk_save_new").click().run()
    assert any("Saved Double budget" in s.value for s in at.success)
    [saved] = scenarios.list_scenarios(page_store).to_dict("records")

    at.text_input(key="dk_annual_budget_dkk").input("100").run()
    at.selectbox(key="dk_pick").set_value(saved["id"]).run()
    at.button(key="dk_open_btn").click().run()
    assert at.text_input(key="dk_annual_budget_dkk").value == "8,815,060"  # written the reader's way
    assert projected(at, "Operative processes") == "120"

    compare = open_denmark(SAVED | {"annual_budget_dkk": "8815060"})  # the saved section compares with the link's scenario
    compare.multiselect(key="dk_compare").set_value([-1, saved["id"]]).run()
    compared = next(d.value for d in compare.dataframe if any("Double budget" in str(c) for c in d.value.columns))
    assert len(compared.columns) == 3  # output + two scenarios


@pytest.mark.parametrize(
    "key, value, expected",
    [
        ("dk_annual_budget_dkk", "-5", "Must not be negative."),
        ("dk_annual_budget_dkk", "lots", "Enter a number"),
        ("dk_dkk_per_nok", "0", "Must be greater than zero."),
    ],
)
def test_invalid_text_inputs_show_a_message_and_store_nothing(page_store, key, value, expected):
    at = open_denmark(BUILDER)
    at.text_input(key=key).input(value).run()
    assert expected in messages(at)
    at.text_input(key="dk_name").input("Broken").run()
    at.button(key="dk_save_new").click().run()
    assert "Nothing was saved" in messages(at)
    assert scenarios.list_scenarios(page_store).empty
    assert at.text_input(key=key).value == value  # what was typed is kept


@pytest.mark.parametrize("hubs, expected", [(0, "At least one regional hub"), (6, "more than Denmark's 5 regions")])
def test_impossible_hub_counts_show_a_message(page_store, hubs, expected):
    at = open_denmark(BUILDER)
    at.number_input(key="dk_hubs").set_value(hubs).run()
    assert expected in messages(at)
    assert not [m for m in at.metric if m.label.startswith("Projection")]


def test_an_empty_or_taken_name_is_refused_next_to_the_field(page_store, base):
    scenarios.create("Taken", base, ME, page_store)
    at = open_denmark(BUILDER)
    at.button(key="dk_save_new").click().run()
    assert "Give the scenario a name." in messages(at)
    at.text_input(key="dk_name").input("taken").run()
    at.button(key="dk_save_new").click().run()
    assert "already exists" in messages(at)
    assert len(scenarios.list_scenarios(page_store)) == 1


def test_a_concurrent_edit_is_refused_until_reloaded(page_store, base):
    shared = scenarios.create("Shared", base, ME, page_store)
    at = open_denmark(BUILDER)
    at.selectbox(key="dk_pick").set_value(shared["id"]).run()
    at.button(key="dk_open_btn").click().run()
    # Someone else saves first.
    scenarios.save(
        shared["id"], "Shared", ScenarioInputs(**{**base.__dict__, "annual_budget_dkk": 1e6}), shared["version"], ME, engine=page_store
    )
    at.text_input(key="dk_annual_budget_dkk").input("9000000").run()
    at.button(key="dk_save_changes").click().run()
    assert "someone else saved this scenario" in messages(at).lower()
    assert scenarios.get(shared["id"], page_store)["inputs"].annual_budget_dkk == 1e6
    assert at.text_input(key="dk_annual_budget_dkk").value == "9000000"  # nothing lost
    at.button(key="dk_reload").click().run()
    assert at.text_input(key="dk_annual_budget_dkk").value == "1,000,000"


def test_delete_asks_for_confirmation(page_store, base):
    gone = scenarios.create("To delete", base, ME, page_store)
    at = open_denmark(SAVED)
    at.selectbox(key="dk_manage").set_value(gone["id"]).run()
    at.button(key="dk_delete").click().run()
    assert "cannot be undone" in messages(at)
    assert len(scenarios.list_scenarios(page_store)) == 1
    at.button(key="dk_delete_yes").click().run()
    assert scenarios.list_scenarios(page_store).empty


def test_opening_a_saved_scenario_from_the_list_shows_it_in_the_builder(page_store, base):
    saved = scenarios.create("Listed", ScenarioInputs(**{**base.__dict__, "annual_budget_dkk": 7e6}), ME, page_store)
    at = open_denmark(SAVED)
    at.selectbox(key="dk_manage").set_value(saved["id"]).run()
    at.button(key="dk_manage_open").click().run()
    assert [h.value for h in at.header] == ["Scenario builder: a Danish LUP"]
    assert at.text_input(key="dk_annual_budget_dkk").value == "7,000,000"  # the link keeps 7000000
    assert at.query_params["annual_budget_dkk"] in ("7000000", ["7000000"])


def test_a_link_reproduces_a_scenario_and_a_bad_link_does_not_crash(page_store):
    at = open_denmark({"lang": "en", "annual_budget_dkk": "8815060", "hubs": "2", "years": "10"})
    assert at.number_input(key="dk_hubs").value == 2
    assert projected(at, "Operative processes") == "240"  # 60 × 2 (budget) × 2 (years)
    bad = open_denmark({"lang": "da", "annual_budget_dkk": "mange", "hubs": "x", "assignment": "9,9"})
    assert "Skriv et tal" in messages(bad)
    assert "kunne ikke læses" in messages(bad)


def test_saved_scenarios_can_go_into_the_decision_brief(page_store, base):
    from reports.brief import build_brief
    from reports.pdf import render_pdf
    from reports.slides import render_pptx

    saved = scenarios.create("Brief case", base, ME, page_store)
    at = open_page("brief")
    at.multiselect(key="brief_scenarios").set_value([saved["id"]]).run()
    assert not at.exception
    brief = build_brief("en", [saved["id"]], engine=page_store)
    assert brief.sections[-1].title == "Scenario: Brief case"
    assert len(brief.sections[-1].table) == len(denmark.projection_table(base, page_store))
    assert render_pdf(brief).startswith(b"%PDF") and render_pptx(brief)


@pytest.mark.parametrize("section", ["process", "participants", "norway", "builder", "saved"])
@pytest.mark.parametrize("lang", ["en", "nb", "sv", "da"])
def test_every_interface_string_exists_in_each_language(page_store, base, lang, section):
    scenarios.create("Named", base, ME, page_store)  # so the saved-scenario widgets render too
    at = open_denmark({"lang": lang, "hubs": "0", "section": section})  # and a field message
    texts = [e.value for kind in ("markdown", "caption", "header", "subheader", "error", "warning", "info") for e in getattr(at, kind)]
    texts += [w.label for kind in ("text_input", "number_input", "selectbox", "button", "multiselect") for w in getattr(at, kind)]
    texts += [m.label for m in at.metric]
    missing = [text for text in texts if "denmark." in str(text)]
    assert not missing


def test_a_scenario_name_is_shown_as_text_never_as_markup(page_store):
    at = open_denmark(BUILDER)
    at.text_input(key="dk_name").input("<b>bold</b> *star* [link](http://example.org)").run()
    at.button(key="dk_save_new").click().run()
    message = next(s.value for s in at.success)
    assert "\\<b\\>" in message and "\\*star\\*" in message and "\\[link\\]" in message
