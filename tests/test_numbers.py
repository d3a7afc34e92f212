"""Numbers read and written the reader's way: what a reader types into the scenario builder, in each language."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from model import denmark
from model.format import number_text, parse_number
from model.projection import from_raw
from tests.test_denmark import BUILDER, open_denmark, page_store, projected, store  # noqa: F401 (the builder tests' fixtures)

LOCALES = ["en", "nb", "sv", "da"]


@pytest.mark.parametrize(
    "typed, locale",
    [
        ("1.234,5", "da"),
        ("1.234,5", "nb"),
        ("1 234,5", "sv"),
        ("1 234,5", "nb"),
        ("1\u00a0234,5", "sv"),
        ("1,234.5", "en"),
        ("1234,5", "da"),
    ],
)
def test_one_thousand_two_hundred_and_thirty_four_point_five_as_each_reader_writes_it(typed, locale):
    assert parse_number(typed, locale) == 1234.5


@pytest.mark.parametrize("typed, locale", [("1.2345", "da"), ("1,2,3", "en"), ("lots", "sv"), ("", "nb")])
def test_misplaced_grouping_or_text_is_no_number_rather_than_another_number(typed, locale):
    assert parse_number(typed, locale) is None


def test_a_danish_comma_is_the_decimal_mark_and_an_english_one_groups_thousands():
    assert parse_number("1,234", "da") == 1.234
    assert parse_number("1,234", "en") == 1234


@pytest.mark.parametrize("locale", LOCALES)
@given(value=st.decimals(min_value=-1e12, max_value=1e12, places=4, allow_nan=False, allow_infinity=False))
def test_what_the_app_writes_it_reads_back_in_every_locale(locale, value):
    assert parse_number(number_text(float(value), locale), locale) == pytest.approx(float(value), rel=1e-12, abs=1e-9)


def test_the_builder_reads_the_fields_in_the_readers_language_and_links_them_locale_free():
    raw = {"annual_budget_dkk": "4.407.530,5", "dkk_per_nok": "0,8014"}
    assert denmark.url_text(raw["annual_budget_dkk"], "da") == "4407530.5"
    assert denmark.url_text(raw["dkk_per_nok"], "da") == "0.8014"
    assert denmark.field_text("4407530.5", "da") == "4.407.530,5"
    assert denmark.field_text("4407530.5", "sv") == "4\u00a0407\u00a0530,5"


def test_from_raw_reads_locale_text_only_when_told_the_locale(engine):
    defaults = denmark.scenario_defaults(2016, engine)
    for locale, typed in [("da", "1.234,5"), ("nb", "1 234,5"), ("sv", "1 234,5"), ("en", "1,234.5")]:
        fields = {name: denmark.default_text(defaults, name, locale) for name in defaults}
        assert from_raw(fields | {"annual_budget_dkk": typed}, locale).annual_budget_dkk == 1234.5
    link = {name: denmark.default_text(defaults, name) for name in defaults}
    assert from_raw(link | {"annual_budget_dkk": "1234.5"}).annual_budget_dkk == 1234.5


@pytest.mark.usefixtures("page_store")
def test_a_danish_reader_types_a_danish_number_into_the_builder_and_the_link_carries_it():
    at = open_denmark(BUILDER | {"lang": "da"})
    assert at.text_input(key="dk_annual_budget_dkk").value == "4.407.530"  # the default, written the Danish way
    at.text_input(key="dk_annual_budget_dkk").input("8.815.060").run()
    assert not at.error, [e.value for e in at.error]
    assert at.query_params["annual_budget_dkk"] in ("8815060", ["8815060"])
    english = open_denmark(BUILDER | {"annual_budget_dkk": "8815060"})
    assert projected(english, "Operative processes") == "120"  # the same scenario, read in English


@pytest.mark.parametrize("locale, thousands, decimal", [("en", ",", "."), ("da", ".", ","), ("sv", "\u00a0", ","), ("nb", "\u00a0", ",")])
def test_chart_axes_use_the_readers_separators(locale, thousands, decimal):
    from ui.charts import with_locale

    number = with_locale({"mark": "bar"}, locale)["config"]["locale"]["number"]
    assert (number["thousands"], number["decimal"]) == (thousands, decimal)
