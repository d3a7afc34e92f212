"""The Sources page: every document with its citations, searchable; the glossary in four languages."""

import pytest

from tests.apptest import open_page


def test_searching_the_quotes_narrows_every_document_to_matching_citations(app_env):
    at = open_page("sources")
    at.text_input[0].input("334 millioner").run()
    assert not at.exception
    tables = [d.value for d in at.dataframe[:5]]
    matching = [tbl for tbl in tables if len(tbl)]
    assert len(matching) == 1 and all("334" in q for q in matching[0]["Exact quote"])
    assert at.query_params["q"] == "334 millioner"


def test_a_search_with_regex_characters_is_treated_as_text(app_env):
    at = open_page("sources")
    at.text_input[0].input("(unclosed [").run()
    assert not at.exception


def test_glossary_lists_terms_in_all_four_languages(app_env):
    at = open_page("glossary")
    table = at.dataframe[0].value
    assert {"English", "Norsk (bokmål)", "Svenska", "Dansk"} <= set(table.columns)
    assert "beställarnätverk" in set(table["Svenska"])


def test_quote_search_and_counts_in_sql_match_a_plain_case_insensitive_text_search(engine):
    from model import queries

    everything = queries.citations(engine)
    for search in ["", "334 millioner", "LEVERANDØRUTVIKLING", "Å", "%", "_", "(unclosed ["]:
        expected = everything[everything["quote"].str.contains(search, case=False, regex=False)] if search else everything
        assert queries.citation_counts(search, engine) == expected.groupby("source_file").size().to_dict(), search
        for file, rows in expected.groupby("source_file"):
            page = queries.citations_page(file, search, None, 0, engine)
            assert page["id"].tolist() == rows["id"].tolist() and list(page.columns) == list(everything.columns)
            assert queries.citations_page(file, search, 3, 2, engine)["id"].tolist() == rows["id"].tolist()[2:5]


@pytest.fixture(scope="module")
def synthetic_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The seed plus synthetic rows: the SYNTHETIC document cites more rows than one page holds."""
    from seed.synthetic import generate

    url = f"sqlite:///{tmp_path_factory.mktemp('synthetic') / 'bench.db'}"
    generate(url, facts=600, networks=4)
    return url


def test_a_long_document_is_paged_so_the_browser_gets_one_page(synthetic_url, monkeypatch):
    from tests.conftest import PROJECT_ROOT

    monkeypatch.setenv("DATABASE_URL", synthetic_url)
    monkeypatch.chdir(PROJECT_ROOT)
    at = open_page("sources")
    assert not at.exception, [e.value for e in at.exception]
    label = next(e.label for e in at.expander if e.label.startswith("Synthetic"))
    total = int(label.rsplit("(", 1)[1].split()[0].replace(",", ""))
    assert total > 500
    assert len(at.number_input) == 1, "only the long document gets a page selector"
    shown = [d.value for d in at.dataframe]
    first_page = next(tbl for tbl in shown if len(tbl) == 250)
    assert any(f"Showing citations 1–250 of {total:,}" == c.value for c in at.caption)
    at.number_input[0].set_value(2).run()
    second_page = next(d.value for d in at.dataframe if len(d.value) == 250)
    assert not set(first_page.iloc[:, 1]) & set(second_page.iloc[:, 1])
    assert any(f"Showing citations 251–500 of {total:,}" == c.value for c in at.caption)
