"""The Sweden page: the ten networks as Table 1 gives them, honest gaps, filters in the URL, and the self-check tool."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from model import assessments, sweden
from model.db import get_engine
from model.errors import ConflictError
from seed.load import load_bundle
from seed.validate import read_seed
from tests.apptest import open_page
from tests.conftest import PROJECT_ROOT
from tests.test_store_contents import TABLE_1  # Table 1 of report 2019:3 (§ 8.1, p. 36), as the store test checks it
from ui.i18n import text

SCORES = {"malbild": 4, "struktur": 3, "engagemang": 5, "kommunikation": 2, "finansiering": 1}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store of our own: these tests save self-checks, which must not leak into other tests' pages."""
    url = f"sqlite:///{tmp_path_factory.mktemp('sweden') / 'compass.db'}"
    load_bundle(read_seed(), get_engine(url))
    return url


@pytest.fixture
def db(store: str) -> Engine:
    return get_engine(store)


@pytest.fixture
def page_env(store: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("DATABASE_URL", store)
    monkeypatch.chdir(PROJECT_ROOT)
    return store


def networks_table(at: AppTest):
    return at.dataframe[0].value  # the networks table is the page's first table


# --- Model ----------------------------------------------------------------------------------


def test_the_ten_networks_have_table_1_years_organisers_and_financiers(db):
    frame = sweden.networks(db).set_index("name")
    assert set(frame.index) == set(TABLE_1)
    for name, (year, organiser, financier) in TABLE_1.items():
        row = frame.loc[name]
        assert (None if row["start_year"] is None or str(row["start_year"]) == "<NA>" else int(row["start_year"])) == year, name
        assert (row["organiser"], row["financier"]) == (organiser, financier), name
        assert row["quote"] and row["source"] and row["locator"], f"{name} has no Table 1 citation"
    assert frame.loc["Räddningstjänst", "start_label"] == sweden.UNDER_START_UP


def test_initiation_type_is_only_what_the_report_states(db):
    frame = sweden.networks(db).set_index("name")
    assert frame.loc["Välfärdsteknik", "type"] == "buyer"
    assert frame.loc["A Challenge from Sweden", "type"] == "authority"
    for name in ("4S Ledningsnät", "Konstgräs", "Räddningstjänst"):
        assert frame.loc[name, "type"] == sweden.NOT_REPORTED, f"{name}: the report does not name its type"
    cited = frame[frame["type"] != sweden.NOT_REPORTED]
    assert cited["initiation_quote"].notna().all()


def test_the_results_the_report_names_are_in_the_table(db):
    results = sweden.networks(db).set_index("name")["results"]
    assert "20 larger need areas" in results["Välfärdsteknik"] and "Eight municipalities" in results["Välfärdsteknik"]
    assert "140 municipalities" in results["Digitala tjänster inom socialtjänsten"]
    assert "pre-commercial procurement" in results["A Challenge from Sweden"]
    assert "artificial turf" in results["Konstgräs"]


def test_filters_by_type_financier_and_decade(db):
    frame = sweden.networks(db)
    assert sorted(sweden.filter_networks(frame, types=["buyer"])["name"]) == ["Digitala tjänster inom socialtjänsten", "Välfärdsteknik"]
    # "SGU/Naturvårdsverket" counts for Naturvårdsverket too.
    assert set(sweden.filter_networks(frame, financiers=["Naturvårdsverket"])["name"]) == {
        "Konstgräs",
        "Renare mark och vatten",
        "Avancerad rening av avloppsvatten",
    }
    assert list(sweden.filter_networks(frame, decades=["under start-up"])["name"]) == ["Räddningstjänst"]
    assert len(sweden.filter_networks(frame, decades=["2010s"], types=["authority"])) == 2
    assert len(sweden.filter_networks(frame)) == 10


def test_who_pays_counts_add_up_to_table_1(db):
    counts = sweden.financier_counts(db).set_index("financier")["networks"]
    assert counts["Energimyndigheten"] == 3 and counts["Naturvårdsverket"] == 3 and counts["Vinnova"] == 2
    organisers = sweden.party_counts("organiser", db).set_index("party")["networks"]
    assert organisers["SKL"] == 2 and organisers["Byggherrarna"] == 2 and organisers["WSP"] == 1
    links = sweden.funding_links(db)
    assert set(links["network"]) == set(TABLE_1)


def test_every_organiser_is_placed_from_reference_data_or_said_to_be_missing(db):
    seats = sweden.organiser_seats(db).set_index("organiser")
    assert seats.loc["Energimyndigheten", "seat"] == "Eskilstuna" and seats.loc["Energimyndigheten", "lan_code"] == "SE-D"
    placed = seats.dropna(subset=["seat"])
    assert placed["source"].str.len().gt(10).all() and placed["year"].notna().all()
    assert seats.loc["WinGuard", "seat"] is None or str(seats.loc["WinGuard", "seat"]) == "nan"
    assert len(sweden.lan_counts(db)) == 21


def test_the_stair_has_three_levels_with_examples_and_dialogue_areas(db):
    assert sweden.stair(db)["level_id"].tolist() == ["initiera", "introducera", "infora"]
    items = sweden.stair_items(db)
    for level in ("initiera", "introducera", "infora"):
        mine = items[items["level_id"] == level]
        assert (mine["kind"] == "example").any() and (mine["kind"] == "dialogue").any(), level
    assert items["quote"].notna().all()


# --- Self-checks (model) -----------------------------------------------------------------------


def test_a_saved_self_check_reads_back(db):
    assessments.save_self_check("Model: DK welfare tech", SCORES, "first sketch", engine=db)
    saved = assessments.self_checks(db).set_index("name")
    assert saved.loc["Model: DK welfare tech", "engagemang"] == 5 and saved.loc["Model: DK welfare tech", "total"] == 15
    long = assessments.self_check_long("Model: DK welfare tech", db)
    assert long["score"].tolist() == [4, 3, 5, 2, 1] and long["quote"].notna().all()


@pytest.mark.parametrize(
    "name, scores, message",
    [
        ("   ", SCORES, "Give the self-check a name"),
        ("Too high", {**SCORES, "struktur": 6}, "whole number from 0 to 5"),
        ("Negative", {**SCORES, "struktur": -1}, "whole number from 0 to 5"),
        ("Half", {**SCORES, "struktur": 2.5}, "whole number from 0 to 5"),
        ("Text", {**SCORES, "struktur": "three"}, "whole number from 0 to 5"),
        ("Missing", {k: v for k, v in SCORES.items() if k != "finansiering"}, "'finansiering'"),
        ("Unknown", {**SCORES, "budget": 3}, "Unknown success factor"),
    ],
)
def test_bad_self_checks_are_refused_and_nothing_is_stored(db, name, scores, message):
    before = len(assessments.self_checks(db))
    with pytest.raises(assessments.SelfCheckError, match=message):
        assessments.save_self_check(name, scores, engine=db)
    assert len(assessments.self_checks(db)) == before


def test_a_name_is_used_once(db):
    assessments.save_self_check("Model: unique", SCORES, engine=db)
    with pytest.raises(assessments.SelfCheckError, match="already exists"):
        assessments.save_self_check("  Model: unique ", SCORES, engine=db)


def test_an_update_against_an_old_version_is_refused(db):
    assessments.save_self_check("Model: locked", SCORES, engine=db, owner="visitor:me")
    assert assessments.update_self_check("Model: locked", {**SCORES, "malbild": 5}, version=1, engine=db, owner="visitor:me") == 2
    with pytest.raises(ConflictError):
        assessments.update_self_check("Model: locked", SCORES, version=1, engine=db, owner="visitor:me")
    assert assessments.self_checks(db).set_index("name").loc["Model: locked", "malbild"] == 5


# --- The page (AppTest) ------------------------------------------------------------------------


def test_page_shows_the_ten_networks_with_their_years_organisers_and_financiers(page_env):
    table = networks_table(open_page("sweden", lang="en")).set_index("Network")
    assert len(table) == 10
    for name, (year, organiser, financier) in TABLE_1.items():
        assert table.loc[name, "Start"] == (str(year) if year else "under start-up")
        assert table.loc[name, "Organiser (arrangör)"] == organiser
        assert table.loc[name, "Financier (finansiär)"] == financier
    assert (table.loc["Konstgräs", "Initiated by"]) == "not reported in the sources"


def test_filtering_by_type_changes_the_rows_and_the_url(page_env):
    at = open_page("sweden", lang="en")
    at.multiselect(key="f-type").set_value(["buyer"]).run()
    assert sorted(networks_table(at)["Network"]) == ["Digitala tjänster inom socialtjänsten", "Välfärdsteknik"]
    assert at.query_params["type"] in ("buyer", ["buyer"])


def test_a_shared_link_reopens_the_same_filters(page_env):
    at = open_page("sweden", lang="en", fin="Naturvårdsverket", decade="2010s")
    assert set(networks_table(at)["Network"]) == {"Konstgräs", "Renare mark och vatten", "Avancerad rening av avloppsvatten"}


def test_a_hand_edited_link_does_not_crash_the_page(page_env):
    at = open_page("sweden", type=["nonsense", "authority"], fin="<script>", decade="1700s", colour="rainbow", network="nope")
    assert set(networks_table(at)["Network"]) == {"BeBo", "Belok", "A Challenge from Sweden", "Renare mark och vatten"}


def _fill_self_check(at: AppTest, name: str, scores: dict[str, int]) -> AppTest:
    at.text_input(key="sc-name").set_value(name)
    for factor, score in scores.items():
        at.slider(key=f"sc-{factor}").set_value(score)
    at.button(key="sc-save").click().run()
    return at


def test_saving_a_self_check_stores_it_and_the_page_lists_it(page_env, db):
    at = _fill_self_check(open_page("sweden", lang="en", section="check"), "Page: Danish mobility network", SCORES)
    assert not at.exception
    assert any("Saved" in s.value for s in at.success), [e.value for e in at.error]
    stored = assessments.self_checks(db).set_index("name")
    assert stored.loc["Page: Danish mobility network", "total"] == 15
    again = open_page("sweden", lang="en", section="check")  # a new session re-reads the store
    saved = [d.value for d in again.dataframe if "Total (of 25)" in d.value.columns]
    assert saved and "Page: Danish mobility network" in set(saved[0]["Name"])
    assessments.save_self_check("Page: second sketch", {**SCORES, "finansiering": 5}, engine=db)
    compare = open_page("sweden", lang="en", section="check")
    compare.multiselect(key="sc-compare").set_value(["Page: Danish mobility network", "Page: second sketch"]).run()
    assert not compare.exception


def _refused(at: AppTest, message: str) -> bool:
    return any(message in e.value.replace("\\", "") for e in at.error)  # messages are markdown-escaped on screen


def test_a_self_check_without_a_name_is_refused_on_the_page(page_env, db):
    before = len(assessments.self_checks(db))
    at = _fill_self_check(open_page("sweden", lang="en", section="check"), "   ", SCORES)
    assert not at.exception
    assert _refused(at, "Give the self-check a name"), [e.value for e in at.error]
    assert not at.success and len(assessments.self_checks(db)) == before


def _csv(name: str, scores: dict[str, object]) -> bytes:
    lines = ["self_check,factor_id,score"] + [f"{name},{factor},{score}" for factor, score in scores.items()]
    return "\n".join(lines).encode("utf-8")


@pytest.mark.parametrize(
    "content, message",
    [
        (_csv("Import: too high", {**SCORES, "struktur": 7}), "whole number from 0 to 5"),
        (_csv("Import: negative", {**SCORES, "finansiering": -2}), "whole number from 0 to 5"),
        (_csv("", SCORES), "Give the self-check a name"),
        (b"name;points\nx;3", "needs the columns factor_id and score"),
        ("self_check,factor_id,score\nÆ,malbild,3".encode("latin-1"), "not UTF-8"),
    ],
)
def test_an_imported_self_check_with_bad_scores_is_refused_and_nothing_is_stored(page_env, db, content, message):
    before = len(assessments.self_checks(db))
    at = open_page("sweden", lang="en", section="check")
    at.file_uploader(key="sc-import").set_value(("check.csv", content, "text/csv")).run()
    at.button(key="sc-import-save").click().run()
    assert not at.exception
    assert _refused(at, message), [e.value for e in at.error]
    assert not at.success and len(assessments.self_checks(db)) == before


def test_a_downloaded_self_check_imports_again(page_env, db):
    at = open_page("sweden", lang="en", section="check")
    at.file_uploader(key="sc-import").set_value(("check.csv", _csv("Import: round trip", SCORES), "text/csv")).run()
    at.button(key="sc-import-save").click().run()
    assert any("Saved" in s.value for s in at.success), [e.value for e in at.error]
    assert assessments.self_checks(db).set_index("name").loc["Import: round trip", "total"] == 15


@pytest.mark.parametrize("lang", ["nb", "sv", "da"])
def test_the_page_speaks_each_language(page_env, lang):
    at = open_page("sweden", lang=lang)
    assert at.title[0].value == text("sweden.title", lang)


def test_colouring_by_financier_is_kept_in_the_url(page_env):
    at = open_page("sweden", lang="en")
    at.radio(key="f-colour").set_value("financier").run()
    assert not at.exception
    assert at.query_params["colour"] in ("financier", ["financier"])


def test_every_fact_about_a_network_is_shown_with_its_source(page_env):
    at = open_page("sweden", lang="en", network="digitala-tjanster-socialtjansten")
    texts = [m.value for m in at.markdown]
    assert any("140 municipalities" in t for t in texts)
    konstgras = [m.value for m in open_page("sweden", lang="en", network="konstgras").markdown]
    assert any("Initiated by:** not reported in the sources" in t for t in konstgras)


def test_the_timeline_selection_is_kept_in_the_url(page_env):
    at = open_page("sweden", lang="en", start=["2018", "1989", "1700"])  # 1700 is no start year: dropped, not a crash
    assert set(networks_table(at)["Network"]) == {
        "BeBo",
        "A Challenge from Sweden",
        "Renare mark och vatten",
        "Digitala tjänster inom socialtjänsten",
        "Avancerad rening av avloppsvatten",
    }
    assert any("Table filtered by the timeline: 1989, 2018" in i.value for i in at.info)
    assert at.query_params["start"] == ["1989", "2018"]
    at.radio(key="f-colour").set_value("financier").run()  # another filter keeps the selection
    assert len(networks_table(at)) == 5 and at.query_params["start"] == ["1989", "2018"]


def test_views_of_table_1_follow_a_new_data_version(tmp_path: Path):
    """The views share one read of Table 1 per data version (model.sweden.per_data_version): a reload must show through."""
    from datetime import UTC, datetime

    from sqlmodel import Session, select

    from model import tables

    engine = get_engine(f"sqlite:///{tmp_path / 'compass.db'}")
    load_bundle(read_seed(), engine)
    assert "BeBo" in set(sweden.funding_links(engine)["network"])
    with Session(engine) as session:
        network = session.exec(select(tables.BuyerNetwork).where(tables.BuyerNetwork.name == "BeBo")).one()
        network.name = "BeBo (renamed)"
        session.add(tables.DataVersion(loaded_at=datetime.now(UTC), content_hash="test rename", row_count=0))
        session.commit()
    names = set(sweden.funding_links(engine)["network"]) | set(sweden.organiser_seats(engine)["networks"].str.split("; ").explode())
    assert "BeBo (renamed)" in names and "BeBo" not in names


def test_a_timeline_of_thousands_of_networks_counts_them_per_start_and_stays_clickable():
    from ui.charts import vega_spec
    from ui.sweden import timeline

    many = pd.DataFrame({"name": [f"syn-{i}" for i in range(400)], "start_label": [str(2000 + i % 20) for i in range(400)]})
    spec = vega_spec(timeline._chart.__wrapped__(many, many, "type", []))
    assert spec["mark"]["type"] == "bar" and spec["params"][0]["name"] == "pick"
    (counts,) = spec["datasets"].values()
    assert counts["networks"].sum() == 400 and len(counts) == 20  # one bar per start year, every network counted


# --- One section at a time ---------------------------------------------------------------------


def test_the_page_opens_on_the_networks_and_runs_no_other_section(page_env):
    at = open_page("sweden", lang="en")
    headers = [h.value for h in at.header]
    assert headers == [text("sweden.networks.header", "en")]
    assert not at.get("deck_gl_json_chart") and "section" not in at.query_params


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_a_link_to_a_section_opens_it_in_any_language(page_env, lang):
    at = open_page("sweden", lang=lang, section="map")
    assert [h.value for h in at.header] == [text("sweden.map.header", lang)]
    assert at.get("deck_gl_json_chart")
    assert at.query_params["section"] in ("map", ["map"])


def test_a_hand_edited_section_falls_back_to_the_first(page_env):
    at = open_page("sweden", lang="en", section="<script>alert(1)</script>")
    assert [h.value for h in at.header] == [text("sweden.networks.header", "en")]
    assert "section" not in at.query_params
