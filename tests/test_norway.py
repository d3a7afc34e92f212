"""The Norway page: LUP's hubs and counties, its result targets and what the sources report against them."""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from model import norway
from tests.apptest import open_page
from ui.i18n import text

EVERY_TARGET = [
    "1.1",
    "1.2",
    "1.3",
    "1.4",
    "1.5",
    "1.6",
    "1.7",
    "2.1",
    "2.2",
    "2.3",
    "3.1",
    "3.2",
    "3.3",
    "3.4",
    "3.5a",
    "3.5b",
    "3.6",
    "3.7",
]


def open_norway(**params: str) -> AppTest:
    """The page as a link with `params` opens it, its target chart turned to the Table tab (only the open tab is drawn)."""
    return open_page("norway", session={"lup_result_targets-view": text("common.table", params.get("lang", "en"))}, **params)


def markdown_text(at: AppTest) -> str:
    """The page's markdown as a reader sees it (without the escapes that keep data from becoming formatting)."""
    return "\n".join(m.value for m in at.markdown).replace("\\", "")


def targets_table(at: AppTest) -> pd.DataFrame:
    """The result-target table: the one whose first column holds the target numbers."""
    return next(d.value for d in at.dataframe if d.value.iloc[:, 0].astype(str).str.fullmatch(r"\d\.\d[ab]?").all())


# --- What the data says --------------------------------------------------------------------


def test_every_county_of_2015_2019_and_svalbard_is_on_the_map(engine):
    counties = norway.counties(engine)
    assert len(counties) == 20
    assert "NO-50" not in set(counties["code"]), "merged Trøndelag is drawn as its two former counties"
    trondelag = counties[counties["code"].isin(["NO-16", "NO-17"])]
    assert set(trondelag["valid_to"]) == {2017}
    assert counties.set_index("code").at["NO-21", "programmes"].startswith("IOA")


def test_hubs_have_the_counties_the_programme_description_lists(engine):
    hubs = norway.hubs(engine).set_index("hub_id")
    assert hubs.at["ostlandet", "county_count"] == 8
    assert hubs.at["midt-nord", "county_count"] == 6
    assert hubs.at["sor-vest", "county_count"] == 5
    assert hubs.at["sor-vest", "start_year"] == 2017
    assert pd.isna(hubs.at["ostlandet", "start_year"]), "no start year is stated for Østlandet"


def test_the_234_public_workplaces_are_another_outcome_with_their_caveat_not_progress_on_target_1_1(engine):
    targets = norway.targets(engine).set_index("target_id")
    assert targets["reported_value"].isna().all()  # no source reports against a numbered target
    others = norway.other_outcomes(engine).set_index("fact_id")
    workplaces = others.loc["no-lup-public-workplaces"]
    assert workplaces["value"] == 234 and workplaces["as_of"] == "undated article"
    assert "since 2010" in workplaces["caveat"] and "not independently verified" in workplaces["caveat"]


def test_target_3_5_stores_both_its_numbers_not_their_sum(engine):
    targets = norway.targets(engine).set_index("target_id")
    assert targets.at["3.5a", "target_value"] == 2 and "national" in targets.at["3.5a", "unit"]
    assert targets.at["3.5b", "target_value"] == 6 and "regional" in targets.at["3.5b", "unit"]
    assert 8 not in set(targets["target_value"].dropna())  # the document never states 8


def test_the_troms_programme_profile_names_its_organiser_funders_and_lead(engine):
    profile = norway.programme_profile("ioa-troms-svalbard", engine)
    assert set(profile["funder"]["value_text"]) == {"Troms fylkeskommune", "NHO"}
    assert list(profile["project_lead"]["value_text"]) == ["Ann-Kristin Edvardsen"]
    assert len(profile["board_member"]) == 4


# --- What a user sees ----------------------------------------------------------------------


def test_page_opens_on_the_programme_at_a_glance_and_runs_no_other_section(app_env):
    at = open_norway()
    assert not at.header and not at.get("deck_gl_json_chart") and not at.dataframe
    labels = [m.label for m in at.metric]
    assert "Programme period" in labels and "Pilot projects (first period)" in labels
    assert "NHO" in markdown_text(at) and "KS" in markdown_text(at)


def test_target_table_lists_every_numbered_target(app_env):
    table = targets_table(open_norway(section="targets"))
    assert list(table["No."]) == EVERY_TARGET


def test_unreported_outcomes_read_not_reported_never_zero(app_env):
    table = targets_table(open_norway(section="targets")).set_index("No.")
    assert table.at["1.6", "Reported"] == "not reported in the sources"
    assert table.at["1.1", "Reported"] == "not reported in the sources"  # the 234 workplaces are another outcome
    assert not (table["Reported"].astype(str).str.strip() == "0").any()


def test_choosing_a_hub_shows_its_counties(app_env):
    at = open_norway(section="map")
    at.selectbox(key="norway-hub").select("sor-vest").run()
    text = markdown_text(at)
    for county in ["Rogaland", "Hordaland", "Sogn og Fjordane", "Vest-Agder", "Aust-Agder"]:
        assert county in text
    assert "Started in 2017" in text
    assert at.query_params["hub"] == "sor-vest"


def test_a_link_with_hub_and_county_reopens_that_selection(app_env):
    at = open_norway(county="NO-19")
    assert at.selectbox(key="norway-county").value == "NO-19"
    assert at.selectbox(key="norway-hub").value == "midt-nord", "a county selects its hub"
    assert "IOA - Innovative offentlige anskaffelser Troms" in markdown_text(at)


def test_a_trondelag_county_explains_the_2018_merger(app_env):
    at = open_norway(county="NO-16")
    assert any("Trøndelag on 1 January 2018" in info.value for info in at.info)


@pytest.mark.parametrize("params", [{"hub": "<script>"}, {"county": "NO-99"}])
def test_a_hand_edited_map_link_falls_back_to_every_hub_and_county(app_env, params):
    at = open_norway(**params)
    assert [h.value for h in at.header] == ["Where LUP works: hubs and counties"]
    assert (at.selectbox(key="norway-hub").value, at.selectbox(key="norway-county").value) == ("all", "all")


def test_a_hand_edited_goal_falls_back_to_every_target(app_env):
    assert len(targets_table(open_norway(goal="sub9"))) == len(EVERY_TARGET)


def test_goal_filter_narrows_the_targets_and_stays_in_the_link(app_env):
    at = open_norway(goal="sub2")
    assert list(targets_table(at)["No."]) == ["2.1", "2.2", "2.3"]


def test_page_speaks_norwegian(app_env):
    at = open_norway(lang="nb", section="targets")
    assert at.title[0].value.startswith("Norge: LUP")
    assert any(m.proto.help.startswith("**Kilde:**") for m in at.metric), "a figure's source is named in Norwegian too"
    assert "Nr." in targets_table(at).columns
