"""Sources: every document the dashboard cites, with every fact cited from it, and the reference data.

Counts, search and paging happen in the database (`queries.citation_counts`, `queries.citations_page`):
the browser gets only the rows it draws, so a document with a million citations costs one page of them.
"""

import math

import pandas as pd
import streamlit as st

from model import queries
from ui import downloads
from ui.cite import source_columns
from ui.data import cached, shared
from ui.downloads import on_screen, to_csv
from ui.i18n import language, nt, t
from ui.params import remember_param

# Rows a document's table shows at once: above every real document's count (158 at most), so the seed needs no paging.
PAGE_SIZE = 250

lang = language()
st.title(t("sources.title"))
st.write(t("sources.intro"))

sources = cached(queries.sources)()
search = st.text_input(t("sources.search"), value=st.query_params.get("q", ""), placeholder=t("sources.search_hint"))
remember_param("q", search, "")
# Plain substring match, ignoring case, in SQL: what a user types is text, never a pattern.
counts = cached(queries.citation_counts)(search)


def page_offset(file: str, count: int) -> int:
    """The first row of the page the reader chose; a page selector only when the document has more rows than one page."""
    if count <= PAGE_SIZE:
        return 0
    pages = math.ceil(count / PAGE_SIZE)
    page = st.number_input(t("sources.page", pages=pages), min_value=1, max_value=pages, value=1, step=1, key=f"page-{file}")
    offset = (int(page) - 1) * PAGE_SIZE
    st.caption(t("sources.showing", first=f"{offset + 1:,}", last=f"{min(offset + PAGE_SIZE, count):,}", n=f"{count:,}"))
    return offset


def document_table(file: str, search: str, offset: int) -> pd.DataFrame:
    """One page of a document's citations as the screen shows them: made once per data version, language, search
    and page in this process (the same object for every reader), not unpickled, renamed and digested on every rerun."""
    cited = cached(queries.citations_page)(file, search, PAGE_SIZE, offset)
    table = cited[["entity", "entity_key", "locator", "quote"]].rename(
        columns={"entity": t("sources.col_table"), "entity_key": t("sources.col_row"), "locator": t("sources.col_where")}
    )
    return on_screen(table, language())


for doc in sources.to_dict("records"):
    count = counts.get(doc["file"], 0)
    with st.expander(f"{doc['title']} ({nt('sources.count', count)})", expanded=bool(search) and count > 0):
        published = doc["published"] if isinstance(doc["published"], str) else t("sources.not_stated")
        publisher = doc["publisher"] if isinstance(doc["publisher"], str) else t("sources.not_stated")
        st.caption(f"{doc['file']} · {doc['kind']} · {doc['language']} · {t('sources.published')}: {published} · {publisher}")
        if isinstance(doc["cite_as"], str):
            st.caption(f"{t('sources.cite_as')}: {doc['cite_as']}")
        if isinstance(doc["title_en"], str):
            st.text(f"{t('sources.title_translated')}: {doc['title_en']}")  # title_en comes back in the reader's language
        offset = page_offset(doc["file"], count)
        table = shared(document_table)(doc["file"], search, offset)
        st.dataframe(table, hide_index=True, width="stretch", column_config={t("col.quote"): source_columns()["quote"]})
        # Every matching citation of the document, built only when clicked (deferred), not on every rerun; formulas defused.
        st.download_button(
            t("common.download_csv"),
            lambda file=doc["file"]: to_csv(cached(queries.citations_page)(file, search, None, 0), lang),
            f"citations_{doc['file']}.csv",
            "text/csv",
            key=f"csv-{doc['file']}",
            on_click="ignore",
        )

st.header(t("sources.reference"), divider="gray")
st.write(t("sources.reference_intro"))
REFERENCE = {
    "regions": queries.regions,
    "population": queries.population,
    "exchange_rates": queries.exchange_rates,
    "municipality_counts": queries.municipality_counts,
}


def reference_table(name: str) -> pd.DataFrame:
    """The same frame for every reader of a data version (never changed: `downloads.table` copies what it formats)."""
    return cached(REFERENCE[name])()


for name in REFERENCE:
    with st.expander(t(f"sources.ref.{name}")):
        downloads.table(shared(reference_table)(name), f"reference_{name}", f"ref-{name}")
st.caption(t("sources.boundaries"))
