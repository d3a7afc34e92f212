"""The Nordic overview: same rows for all three countries, cited cells, honest gaps, four languages."""

from __future__ import annotations

import pytest

from model import countries, overview
from tests.apptest import open_page


def test_every_row_has_a_cell_for_every_country(engine):
    frame = overview.comparison(engine)
    assert set(frame.groupby(["row", "country"]).size().index) == {(r.key, c) for r in overview.ROWS for c in countries.compared_codes()}


def test_cells_are_cited_or_say_nothing_is_reported(engine):
    frame = overview.comparison(engine)
    cited = frame[frame["kind"] != "none"]
    assert cited["quote"].notna().all() and cited["source"].notna().all()
    gaps = frame[frame["kind"] == "none"]
    assert {("regional", "SE"), ("regional", "DK"), ("scale", "DK")} <= set(zip(gaps["row"], gaps["country"], strict=True))


def test_normalised_procurement_shows_its_formula_and_converts_with_the_chosen_year(engine):
    frame = overview.normalised_procurement("EUR", 2016, engine).set_index("country")
    norway = frame.loc["NO"]
    assert norway["converted"] == pytest.approx(400e9 / 9.2906)
    assert "÷ 9.2906 NOK/EUR" in norway["formula"] and "inhabitants (2016)" in norway["formula"]
    in_nok = overview.normalised_procurement("NOK", 2016, engine).set_index("country")
    assert in_nok.loc["NO", "converted"] == pytest.approx(400e9)


def test_the_summit_has_no_invented_year_on_the_timeline(engine):
    labels = " ".join(overview.milestones(engine)["label_en"])
    assert "summit" not in labels.lower()


def test_overview_page_says_not_reported_rather_than_zero(app_env):
    at = open_page("overview")
    assert not at.exception
    assert any("not reported in the sources" in c.value for c in at.caption)


@pytest.mark.parametrize(
    "lang, title", [("nb", "Nordisk innkjøpskompass"), ("sv", "Nordisk upphandlingskompass"), ("da", "Nordisk indkøbskompas")]
)
def test_lang_in_the_url_switches_the_interface(app_env, lang, title):
    at = open_page(lang=lang)
    assert at.title[0].value == title


def test_numbers_are_formatted_for_the_chosen_language(app_env):
    def page_text(lang: str) -> str:  # Babel uses no-break spaces inside amounts
        return " ".join(m.value for m in open_page("overview", lang=lang).markdown).replace("\xa0", " ").replace("\\", "")

    norwegian = page_text("nb")
    assert "kr 334 mill." in norwegian and "kr 400 mrd." in norwegian
    assert "334 mio. NOK" in page_text("da")


def test_a_copied_overview_link_reopens_the_same_currency_year_and_countries(app_env):
    at = open_page("overview", currency="NOK", year="2019", country="SE")
    assert not at.exception
    assert at.selectbox[-1].value == 2019 or 2019 in [s.value for s in at.selectbox]
    assert at.multiselect[0].value == ["SE"]
    assert at.query_params["currency"] == "NOK"


def test_the_overview_asks_only_for_the_facts_and_statements_it_shows(engine, monkeypatch):
    """With 1e6 facts, loading them all took 22 s (bench/README.md): every call must name its ids."""
    from model import queries

    calls: list[tuple[str, object]] = []
    real_facts, real_statements = queries.facts, queries.statements

    def facts(*args, **kwargs):
        calls.append(("facts", kwargs.get("ids")))
        return real_facts(*args, **kwargs)

    def statements(*args, **kwargs):
        calls.append(("statements", kwargs.get("ids")))
        return real_statements(*args, **kwargs)

    monkeypatch.setattr(queries, "facts", facts)
    monkeypatch.setattr(queries, "statements", statements)
    monkeypatch.setattr(queries, "citations", lambda *a, **k: pytest.fail("the overview must not read every citation"))
    overview.comparison(engine)
    overview.milestones(engine)
    overview.normalised_procurement("SEK", 2016, engine)
    assert {name for name, _ in calls} == {"facts", "statements"}
    assert all(ids is not None and 0 < len(ids) <= 20 for _, ids in calls), calls


def test_a_hand_edited_overview_link_falls_back_to_the_defaults(app_env):
    at = open_page("overview", currency="XYZ", year="next year")
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["currency"] == "EUR"
    assert at.selectbox(key="overview-year").value == 2016  # the default year, as when the link names none


def test_a_cached_chart_follows_the_language_and_the_currency(app_env):
    """Charts are built once per input and language (ui/charts.py): a reader in another language or currency gets their own."""
    import json

    from ui.i18n import text

    def normalised_title(**params: str) -> str:
        at = open_page("overview", **params)
        specs = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
        titles = [" ".join(s["title"]) if isinstance(s.get("title"), list) else str(s.get("title", "")) for s in specs]
        return next(title for title in titles if "(" in title)  # long titles come as lines (ui/charts.py: phone_first)

    english = normalised_title(lang="en", currency="NOK")
    assert english.startswith(text("overview.row.procurement", "en")) and "(NOK, 2016)" in english
    swedish = normalised_title(lang="sv", currency="NOK")
    assert swedish.startswith(text("overview.row.procurement", "sv")) and swedish != english
    assert "(SEK, 2016)" in normalised_title(lang="en", currency="SEK")


def test_a_chart_panel_sends_only_its_open_tab_and_keeps_it_when_the_currency_changes(app_env):
    """Hidden tables cost a rerun and the browser nothing (ui/charts.py); a reader on the Table stays there."""
    at = open_page("overview", currency="NOK")
    charts, tables = len(at.get("vega_lite_chart")), len(at.dataframe)
    assert (charts, tables) == (2, 0)  # the normalised chart and the milestones, no hidden tables
    at.session_state["normalised-view"] = "Table"
    at.run()
    assert len(at.get("vega_lite_chart")) == 1
    (table,) = at.dataframe
    assert set(table.value["Currency"]) == {"NOK"} and "Formula" in table.value.columns  # headings for people
    at.segmented_control(key="currency").set_value("SEK").run()
    (table,) = at.dataframe
    assert set(table.value["Currency"]) == {"SEK"}


def test_networks_starting_in_the_same_year_are_one_timeline_mark_that_counts_them(engine):
    every = overview.milestones(engine)
    swedish = overview.milestone_points(("SE",), engine)
    assert set(swedish["country"]) == {"SE"}
    assert swedish["events"].sum() == (every["country"] == "SE").sum()
    assert not swedish.duplicated(["year", "country"]).any()
    busiest = swedish.loc[swedish["events"].idxmax()]
    assert busiest["label_en"].count("; ") == busiest["events"] - 1  # every label kept, for the tooltip
