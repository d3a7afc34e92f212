"""The Sources page: every document with its citations, searchable; the glossary in four languages."""

from tests.test_pages import open_page


def test_searching_the_quotes_narrows_every_document_to_matching_citations(app_env):
    at = open_page("pages/sources.py")
    at.text_input[0].input("334 millioner").run()
    assert not at.exception
    tables = [d.value for d in at.dataframe[:5]]
    matching = [tbl for tbl in tables if len(tbl)]
    assert len(matching) == 1 and all("334" in q for q in matching[0]["quote"])
    assert at.query_params["q"] == "334 millioner"


def test_a_search_with_regex_characters_is_treated_as_text(app_env):
    at = open_page("pages/sources.py")
    at.text_input[0].input("(unclosed [").run()
    assert not at.exception


def test_glossary_lists_terms_in_all_four_languages(app_env):
    at = open_page("pages/glossary.py")
    table = at.dataframe[0].value
    assert {"English", "Norsk (bokmål)", "Svenska", "Dansk"} <= set(table.columns)
    assert "beställarnätverk" in set(table["Svenska"])
