"""The Nordic overview: same rows for all three countries, cited cells, honest gaps, four languages."""

from __future__ import annotations

import pytest

from model import overview
from tests.test_pages import open_page
from ui import i18n


def test_every_row_has_a_cell_for_every_country(engine):
    frame = overview.comparison(engine)
    assert set(frame.groupby(["row", "country"]).size().index) == {(r.key, c) for r in overview.ROWS for c in overview.COUNTRIES}


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
    at = open_page("pages/overview.py")
    assert not at.exception
    assert any("not reported in the sources" in c.value for c in at.caption)


@pytest.mark.parametrize(
    "lang, title", [("nb", "Nordisk innkjøpskompass"), ("sv", "Nordisk upphandlingskompass"), ("da", "Nordisk indkøbskompas")]
)
def test_lang_in_the_url_switches_the_interface(app_env, lang, title):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJECT_ROOT

    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = lang
    at.run()
    assert at.title[0].value == title


def test_every_ui_string_is_translated_into_all_four_languages():
    missing = [(key, lang) for key, texts in i18n.catalog().items() for lang in i18n.LANGUAGES if not texts[lang].strip()]
    assert missing == []


def open_overview(**params: str):
    from streamlit.testing.v1 import AppTest

    from tests.conftest import PROJECT_ROOT

    at = AppTest.from_file(str(PROJECT_ROOT / "app.py"), default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    return at


def test_numbers_are_formatted_for_the_chosen_language(app_env):
    def page_text(lang: str) -> str:  # Babel uses no-break spaces inside amounts
        return " ".join(m.value for m in open_overview(lang=lang).markdown).replace("\xa0", " ").replace("\\", "")

    norwegian = page_text("nb")
    assert "kr 334 mill." in norwegian and "kr 400 mrd." in norwegian
    assert "334 mio. NOK" in page_text("da")


def test_a_copied_overview_link_reopens_the_same_currency_year_and_countries(app_env):
    at = open_overview(currency="NOK", year="2019", country="SE")
    assert not at.exception
    assert at.selectbox[-1].value == 2019 or 2019 in [s.value for s in at.selectbox]
    assert at.multiselect[0].value == ["SE"]
    assert at.query_params["currency"] == "NOK"
