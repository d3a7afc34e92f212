"""The success-factor self-check: score a network 0-5 on the report's five factors, save, import, list and compare."""

from __future__ import annotations

from collections.abc import Callable

import altair as alt
import pandas as pd
import streamlit as st

from model import assessments
from model.auth import Editor
from model.db import StoreUnavailable
from model.errors import ConflictError, EditError
from ui import palette, store
from ui.auth import actor
from ui.charts import cached_chart, draw
from ui.cite import citation_help, escape_markdown
from ui.downloads import download_buttons, to_csv
from ui.i18n import language, t
from ui.store import not_saved


def _with_factor(table: pd.DataFrame) -> pd.DataFrame:
    return table.assign(factor=table["position"].astype(str) + ". " + table["name_sv"])


def _score_axis() -> alt.X:
    return alt.X("score:Q", scale=alt.Scale(domain=[0, 5]), title=t("sweden.check.score"), axis=alt.Axis(tickCount=6))


def _factor_axis() -> alt.Y:
    return alt.Y("factor:N", sort=None, title=None, axis=alt.Axis(labelLimit=200))


@cached_chart
def score_chart(table: pd.DataFrame, title: str) -> alt.LayerChart:
    """Bars with a dot at the end, so a score of 0 is visibly 0 rather than an empty row."""
    base = alt.Chart(_with_factor(table), title=title).encode(
        x=_score_axis(), y=_factor_axis(), tooltip=["factor:N", "question_en:N", "score:Q"]
    )
    bars = base.mark_bar(color=palette.OKABE_ITO["green"], opacity=0.6)
    dots = base.mark_circle(color=palette.OKABE_ITO["green"], size=140, opacity=1)
    labels = base.mark_text(dx=14, fontSize=12).encode(text="score:Q")
    return (bars + dots + labels).properties(height=alt.Step(30))


@cached_chart
def compare_chart(table: pd.DataFrame) -> alt.Chart:
    """Saved self-checks side by side: one coloured bar per self-check within each factor."""
    name = t("sweden.check.col.name")
    return (
        alt.Chart(_with_factor(table), title=t("sweden.check.compare_title"))
        .mark_bar()
        .encode(
            x=_score_axis(),
            y=_factor_axis(),
            yOffset=alt.YOffset("self_check:N"),
            color=alt.Color("self_check:N", title=name, scale=alt.Scale(range=list(palette.OKABE_ITO.values()))),
            tooltip=[alt.Tooltip("self_check:N", title=name), "factor:N", "score:Q"],
        )
        .properties(height=alt.Step(14 * max(1, table["self_check"].nunique()) + 6))
    )


def _save(store: Callable[[], str]) -> None:
    """Run `store` (which returns the saved name); say what was saved, or why nothing was."""
    try:
        name = store()
    except EditError as exc:
        st.error(t("sweden.check.refused") + " " + _refusal(exc), icon=":material/error:")
    except StoreUnavailable as exc:
        st.error(not_saved(exc), icon=":material/cloud_off:")
    else:
        st.success(t("sweden.check.saved", name=escape_markdown(name)), icon=":material/check:")


def _download(label: str, table: pd.DataFrame, file_name: str, key: str) -> None:
    st.download_button(
        label,
        lambda: to_csv(table[assessments.EXPORT_COLUMNS]),
        file_name,
        "text/csv",
        key=key,
        icon=":material/download:",
        on_click="ignore",
    )


def _refusal(exc: EditError, name: str = "") -> str:
    """Why nothing was saved, in the reader's language (the store says it in English), escaped: names are visitors' text."""
    if isinstance(exc, assessments.SelfCheckError):
        said = exc.said(language())
    elif isinstance(exc, ConflictError):
        said = t(f"sweden.check.error.{'gone' if exc.code == 'gone' else 'conflict'}", name=name)
    else:
        said = str(exc)
    return escape_markdown(said)


def _store_new(name: str, scores: dict[str, int], note: str) -> str:
    assessments.save_self_check(name, scores, note, owner=actor()[0])
    return name.strip()


def _store_imported(content: bytes) -> str:
    name, scores, note = assessments.read_self_check_csv(content)
    assessments.save_self_check(name, scores, note, owner=actor()[0])
    return name


def _entry(factors: pd.DataFrame) -> tuple[str, dict[str, int], str]:
    """Name, one slider per factor (its question and source in the label and tooltip), note, and the save button."""
    name = st.text_input(t("sweden.check.name"), key="sc-name", max_chars=assessments.MAX_NAME, placeholder=t("sweden.check.name_hint"))
    scores = {}
    for factor in factors.to_dict("records"):
        label = f"{factor['position']}. {factor['name_sv']} ({factor['name_en']}): {factor['question_en']}"
        scores[factor["factor_id"]] = st.slider(label, 0, 5, 0, key=f"sc-{factor['factor_id']}", help=citation_help(factor))
    note = st.text_area(t("sweden.check.note"), key="sc-note", max_chars=assessments.MAX_NOTE)
    if st.button(t("sweden.check.save"), type="primary", key="sc-save", icon=":material/save:"):
        _save(lambda: _store_new(name, scores, note))
    return name, scores, note


def _result(factors: pd.DataFrame, name: str, scores: dict[str, int], note: str) -> None:
    current = factors.assign(score=[scores[f] for f in factors["factor_id"]])
    draw(score_chart(current, t("sweden.check.current")))
    st.caption(t("sweden.check.total", total=sum(scores.values()), max=5 * len(scores)))
    draft = current.assign(self_check=name.strip(), note=note.strip())
    _download(t("sweden.check.download_current"), draft, "self_check_draft.csv", "sc-download-current")


def _import() -> None:
    with st.expander(t("sweden.check.import")):
        st.caption(t("sweden.check.import_help"))
        upload = st.file_uploader(t("sweden.check.import_file"), type=["csv"], key="sc-import")
        if upload is not None and st.button(t("sweden.check.import_save"), key="sc-import-save"):
            _save(lambda: _store_imported(upload.getvalue()))


def _saved(factors: pd.DataFrame) -> None:
    """Every saved self-check (read fresh, never from the data-version cache), and a comparison of those chosen."""
    owner, editor = actor()
    saved = assessments.self_checks(include_hidden=editor is not None)  # editors also see what they hid
    st.subheader(t("sweden.check.saved_header"))
    if saved.empty:
        st.caption(t("sweden.check.none_saved"))
        return
    headers = {f["factor_id"]: f"{f['position']}. {f['name_sv']}" for f in factors.to_dict("records")}
    headers.update({c: t(f"sweden.check.col.{c}") for c in ("name", "total", "note", "created_at", "updated_at", "hidden")})
    shown = saved.drop(columns=["version", "owner"] + ([] if editor else ["hidden"]))  # owners' ids are never shown
    st.dataframe(shown.rename(columns=headers), hide_index=True, width="stretch", key="sc-saved")
    download_buttons(shown, "success_factor_self_checks", "sc-saved-download")
    _moderate(saved, owner, editor)
    names = saved["name"].tolist()
    chosen = st.multiselect(t("sweden.check.compare"), names, default=names[:1], key="sc-compare", placeholder=t("common.choose"))
    if not chosen:
        return
    compared = assessments.self_checks_long(chosen)
    draw(compare_chart(compared))
    _download(
        t("sweden.check.download_one"), compared, "self_checks_compared.csv" if len(chosen) > 1 else "self_check.csv", "sc-download-one"
    )


def _moderate(saved: pd.DataFrame, owner: str, editor: Editor | None) -> None:
    """Delete your own self-checks; editors may also hide (spam) or delete anyone's. Every such change is audited."""
    mine = saved if editor else saved[saved["owner"] == owner]
    if mine.empty:
        return
    if "sc-flash" in st.session_state:
        st.success(st.session_state.pop("sc-flash"), icon=":material/check:")
    with st.expander(t("sweden.check.manage_editor") if editor else t("sweden.check.manage")):
        name = st.selectbox(t("sweden.check.manage_which"), mine["name"].tolist(), key="sc-manage")
        row = mine.set_index("name").loc[name]
        reason = st.text_input(t("sweden.check.manage_reason"), key="sc-manage-reason") if editor else ""
        delete_col, hide_col = st.columns(2)
        try:
            if delete_col.button(t("sweden.check.delete"), key="sc-delete", icon=":material/delete:"):
                assessments.delete_self_check(name, int(row["version"]), owner, editor)
                _done(t("sweden.check.deleted", name=escape_markdown(name)))
            if editor and hide_col.button(
                t("sweden.check.unhide") if row["hidden"] else t("sweden.check.hide"), key="sc-hide", icon=":material/visibility_off:"
            ):
                assessments.set_hidden(name, not row["hidden"], editor, reason)
                done = "sweden.check.unhidden_done" if row["hidden"] else "sweden.check.hidden_done"
                _done(t(done, name=escape_markdown(name)))
        except EditError as exc:
            st.error(_refusal(exc, name), icon=":material/error:")
        except StoreUnavailable as exc:
            st.error(not_saved(exc), icon=":material/cloud_off:")


def _done(message: str) -> None:
    """Redraw the list without the changed row, then say what happened."""
    st.session_state["sc-flash"] = message
    st.rerun()


@store.fragment
def self_check_tool(factors: pd.DataFrame) -> None:
    """The tool reruns on its own, so moving a slider doesn't redraw the whole page."""
    entry, result = st.columns([1, 1])
    with entry:
        name, scores, note = _entry(factors)
    with result:
        _result(factors, name, scores, note)
    _import()
    _saved(factors)
