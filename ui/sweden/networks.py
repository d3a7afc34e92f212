"""The networks section: filters (kept in the URL), the networks table, and every source for one network."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import pandas as pd
import streamlit as st

from model import sweden
from ui.cite import Line, citation_help, draw_lines, escape_markdown
from ui.data import cached, shared
from ui.downloads import download_buttons
from ui.i18n import t
from ui.params import choice_param, list_param
from ui.sweden.common import start_name, type_label

COLOUR_BY = ["type", "financier"]


class Filters(NamedTuple):
    types: tuple[str, ...]
    financiers: tuple[str, ...]
    decades: tuple[str, ...]
    colour_by: str

    @property
    def rows(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        """What chooses the rows (the colour does not): a key for what is made once per choice."""
        return self.types, self.financiers, self.decades


def _choose(column: Any, label: str, options: list[str], param: str, key: str, format_func: Callable[[str], str] = str) -> list[str]:
    """One multi-choice filter, starting from the link's `param`."""
    default = list_param(param, options)
    return column.multiselect(t(label), options, default=default, format_func=format_func, key=key, placeholder=t("common.choose"))


def filters(options: dict[str, list[str]]) -> Filters:
    """The four filters, read from and written back to the URL."""
    columns = st.columns([2, 2, 2, 1.4])
    types = _choose(columns[0], "sweden.filter.type", options["type"], "type", "f-type", type_label)
    financiers = _choose(columns[1], "sweden.filter.financier", options["financier"], "fin", "f-fin")
    decades = _choose(columns[2], "sweden.filter.decade", options["decade"], "decade", "f-decade", start_name)
    colour_by = columns[3].radio(
        t("sweden.filter.colour"),
        COLOUR_BY,
        index=COLOUR_BY.index(choice_param("colour", COLOUR_BY, "type")),
        format_func=lambda c: t(f"sweden.colour.{c}"),
        key="f-colour",
    )
    st.query_params.update({"type": types, "fin": financiers, "decade": decades, "colour": colour_by})
    return Filters(tuple(types), tuple(financiers), tuple(decades), colour_by)


def _table_columns() -> dict[str, str]:
    return {
        "name": t("sweden.col.network"),
        "start_shown": t("sweden.col.start"),
        "organiser": t("sweden.col.organiser"),
        "financier": t("sweden.col.financier"),
        "type_label": t("sweden.col.initiation"),
        "focus_en": t("sweden.col.focus"),
        "results": t("sweden.col.results"),
        "source": t("sweden.col.table1_source"),
        "locator": t("sweden.col.table1_where"),
        "quote": t("sweden.col.table1_quote"),
        "initiation_locator": t("sweden.col.initiation_where"),
        "initiation_quote": t("sweden.col.initiation_quote"),
    }


def _labelled() -> pd.DataFrame:
    table_1 = cached(sweden.networks)()
    table_1["type_label"] = table_1["type"].map({k: type_label(k) for k in sweden.TYPES})  # three labels, not one per row
    return table_1


def labelled() -> pd.DataFrame:
    """Table 1 with its initiation labels: one frame per data version and language for every reader (never change it)."""
    return shared(_labelled)()


def _filtered(types: tuple[str, ...], financiers: tuple[str, ...], decades: tuple[str, ...], starts: tuple[str, ...]) -> pd.DataFrame:
    return sweden.filter_networks(labelled(), types, financiers, decades, starts)


def filtered(chosen: Filters, starts: list[str] | None = None) -> pd.DataFrame:
    """The networks the filters (and the timeline's chosen starts) keep: one frame per choice, shared like `labelled`."""
    return shared(_filtered)(*chosen.rows, tuple(starts or ()))


def _shown(types: tuple[str, ...], financiers: tuple[str, ...], decades: tuple[str, ...], starts: tuple[str, ...]) -> pd.DataFrame:
    """The table as the screen shows it: its columns named, its gaps said in words."""
    kept, columns = shared(_filtered)(types, financiers, decades, starts), _table_columns()
    return kept.assign(
        start_shown=kept["start_label"].map(start_name),
        focus_en=kept["focus_en"].fillna(t("common.not_reported")),
        results=kept["results"].fillna(t("common.not_reported")),
    )[list(columns)].rename(columns=columns)


def network_table(chosen: Filters, starts: list[str], total: int) -> None:
    """The filtered networks with Table 1's citation and the initiation quote, gaps said in words; CSV/XLSX of what is shown."""
    columns = _table_columns()
    shown = shared(_shown)(*chosen.rows, tuple(starts))
    wide = {
        columns[c]: st.column_config.TextColumn(width=w)
        for c, w in (("results", "large"), ("quote", "medium"), ("initiation_quote", "medium"))
    }
    st.dataframe(shown, hide_index=True, width="stretch", key="networks-table", column_config=wide)
    st.caption(t("sweden.networks.shown", n=len(shown), total=total))
    download_buttons(shown, "swedish_buyer_networks", "networks-download")


def network_details(networks: pd.DataFrame) -> None:
    """Every cell's source on demand: all the store says about one network, each line with its quote."""
    names_by_id, ids = shared(_network_names)()
    detail_id = st.selectbox(
        t("sweden.details.pick"),
        ids,
        index=ids.index(choice_param("network", ids, ids[0])),
        format_func=names_by_id.__getitem__,  # Streamlit formats every option several times a run: 10 000 at 1e6
        key="f-network",
    )
    st.query_params["network"] = detail_id
    with st.expander(t("sweden.details.header", name=escape_markdown(names_by_id[detail_id])), expanded=False):
        draw_lines(_detail_lines(networks, detail_id))


def _network_names() -> tuple[dict[str, str], list[str]]:
    """Every network's name by id, and the ids in order (not unpickled afresh on every run)."""
    names_by_id: dict[str, str] = cached(sweden.network_names)()
    return names_by_id, list(names_by_id)


def _built_detail_lines(networks: pd.DataFrame, detail_id: str) -> list[Line]:
    """One network's lines and their citations."""
    lines: list[Line] = []
    if pd.isna(networks.set_index("network_id").loc[detail_id, "initiation"]):
        lines.append((f"**{t('sweden.col.initiation')}:** {t('common.not_reported')}", None))
    for item in cached(sweden.network_details)(detail_id).to_dict("records"):
        label = t(f"sweden.attr.{item['attribute']}")
        lines.append((f"**{label}:** {escape_markdown(item['text'])}", citation_help(item)))
    return lines


# Once per network, data version and language in this process; `networks` is Table 1 at that data version.
_detail_lines = shared(_built_detail_lines, inputs=lambda networks, detail_id: detail_id)
