"""Sources: every document the dashboard cites, with every fact cited from it, and the reference data."""

import streamlit as st

from ui import data
from ui.cite import SOURCE_COLUMNS
from ui.i18n import t

st.title(t("sources.title"))
st.write(t("sources.intro"))

sources = data.get("sources")
citations = data.get("citations")
search = st.text_input(t("sources.search"), value=st.query_params.get("q", ""), placeholder=t("sources.search_hint"))
if search:
    st.query_params["q"] = search
    # Plain substring match (regex=False): what a user types is text, never a pattern.
    citations = citations[citations["quote"].str.contains(search, case=False, regex=False)]
else:
    st.query_params.pop("q", None)

for doc in sources.to_dict("records"):
    cited = citations[citations["source_file"] == doc["file"]]
    with st.expander(f"{doc['title']} ({t('sources.count', n=len(cited))})", expanded=bool(search) and not cited.empty):
        published = doc["published"] if isinstance(doc["published"], str) else t("sources.not_stated")
        publisher = doc["publisher"] if isinstance(doc["publisher"], str) else t("sources.not_stated")
        st.caption(f"{doc['file']} · {doc['kind']} · {doc['language']} · {t('sources.published')}: {published} · {publisher}")
        if isinstance(doc["title_en"], str):
            st.text(f"English: {doc['title_en']}")
        table = cited[["entity", "entity_key", "locator", "quote"]].rename(
            columns={"entity": t("sources.col_table"), "entity_key": t("sources.col_row"), "locator": t("sources.col_where")}
        )
        st.dataframe(table, hide_index=True, width="stretch", column_config={"quote": SOURCE_COLUMNS["quote"]})
        st.download_button(
            t("common.download_csv"),
            cited.to_csv(index=False).encode("utf-8"),
            f"citations_{doc['file']}.csv",
            "text/csv",
            key=f"csv-{doc['file']}",
        )

st.header(t("sources.reference"), divider="gray")
st.write(t("sources.reference_intro"))
for name in ("regions", "population", "exchange_rates", "municipality_counts"):
    with st.expander(t(f"sources.ref.{name}")):
        st.dataframe(data.get(name), hide_index=True, width="stretch")
st.caption(t("sources.boundaries"))
