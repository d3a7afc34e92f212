"""Denmark: the Norwegian-Danish summit, who took part, what Norway brings, and a scenario builder for a Danish LUP."""

from __future__ import annotations

import html
from typing import Any

import altair as alt
import pandas as pd
import pydeck as pdk
import streamlit as st
from babel.numbers import format_decimal

from model import scenarios
from model.projection import (
    BASES,
    FIELDS,
    REGIONS,
    InputError,
    Problem,
    ScenarioInputs,
    from_raw,
    parse_assignment,
    parse_integer,
    parse_number,
    project,
    spread,
)
from ui import data, palette
from ui import format as fmt
from ui.auth import actor
from ui.charts import chart_panel
from ui.cite import citation_help, cited_metric, cited_table, escape_markdown
from ui.downloads import download_buttons
from ui.i18n import language, t
from ui.maps import geojson, offline_deck, region_layer, with_properties
from ui.share import link_box

lang = language()
OWNER, EDITOR = actor()  # whose scenarios this session may change (editors: everyone's)
HUB_HEX = [palette.OKABE_ITO[c] for c in ("blue", "orange", "green", "purple", "vermillion")]  # hub 1..5
UNCOVERED_HEX = "#C8C8C8"
SECTOR_ORDER = ["government", "municipal_regional", "business", "research_innovation", "other"]
TEXT_FIELDS = [f for f in FIELDS if f not in ("hubs", "years", "basis", "assignment")]

st.title(t("denmark.title"))
st.write(t("denmark.intro"))


def cite_md(text: object, row: dict | None) -> None:
    """A line of data text (escaped) whose tooltip names its source."""
    st.markdown(escape_markdown(text), help=citation_help(row or {}))


# --- 1. The process so far -----------------------------------------------------------------------
st.header(t("denmark.process.header"), divider="gray")
summit = data.get("denmark.summit")
said = summit["statements"]
facts_col, owners_col = st.columns([3, 2])
with facts_col:
    for key in ("dk-summit-date", "dk-summit-purpose", "dk-summit-second-meeting", "dk-summit-digital"):
        if key in said:
            st.markdown(f"**{t(f'denmark.process.{key}')}**")
            cite_md(said[key]["text_en"], said[key])
with owners_col:
    st.markdown(f"**{t('denmark.process.convened')}**")
    cite_md(", ".join(summit["conveners"]["name"]), summit["conveners"].iloc[0].to_dict() if len(summit["conveners"]) else None)
    st.markdown(f"**{t('denmark.process.mandate')}**")
    cite_md(said["dk-coi-mandate"]["text_en"], said["dk-coi-mandate"])
    cite_md(", ".join(summit["coi_owners"]["name"]), summit["coi_owners"].iloc[0].to_dict() if len(summit["coi_owners"]) else None)

stages = data.get("denmark.stages")
st.subheader(t("denmark.process.track"))
STATUS_ICON = {"done": ":material/check_circle:", "current": ":material/radio_button_checked:", "next": ":material/radio_button_unchecked:"}
for column, (stage, rows) in zip(st.columns(stages["stage"].nunique()), stages.groupby("position", sort=True), strict=True):
    first = rows.iloc[0]
    with column.container(border=True, key=f"stage-{first['stage']}"):
        status = first["status"]
        stage_name = t(f"denmark.stage.{first['stage']}")
        title = f"{STATUS_ICON[status]} {stage}. {stage_name}"
        st.markdown(f":blue-background[**{title}**]" if status == "current" else f"**{title}**")
        st.caption(t(f"denmark.status.{status}"))
        with st.popover(t("denmark.process.evidence"), width="stretch"):
            for row in rows.to_dict("records"):
                cite_md(row["text_en"], row)
st.caption(t("denmark.process.track_note"))

# --- 2. Who was at the table --------------------------------------------------------------------
st.header(t("denmark.participants.header"), divider="gray")
participants = data.get("denmark.participants")
counts = data.get("denmark.participant_counts")
counts["country_name"] = [t(f"country.{c}") for c in counts["country"]]
counts["sector_name"] = [t(f"denmark.sector.{s}") for s in counts["sector"]]
sector_names = [t(f"denmark.sector.{s}") for s in SECTOR_ORDER]
chart = (
    alt.Chart(counts, title=t("denmark.participants.chart"))
    .mark_bar()
    .encode(
        x=alt.X("organisations:Q", title=t("denmark.participants.count"), axis=alt.Axis(tickMinStep=1)),
        y=alt.Y("sector_name:N", title=None, sort=sector_names, axis=alt.Axis(labelLimit=260)),
        color=alt.Color(
            "country_name:N",
            title=t("denmark.participants.country"),
            scale=alt.Scale(domain=[t("country.NO"), t("country.DK")], range=[palette.COUNTRY["NO"], palette.COUNTRY["DK"]]),
        ),
        tooltip=[
            alt.Tooltip("country_name:N", title=t("denmark.participants.country")),
            alt.Tooltip("sector_name:N", title=t("denmark.participants.sector")),
            alt.Tooltip("organisations:Q", title=t("denmark.participants.count")),
            alt.Tooltip("names:N", title=t("denmark.participants.names")),
        ],
    )
    .properties(height=220)
)
table = participants.assign(
    country_name=[t(f"country.{c}") for c in participants["country"]],
    sector_name=[t(f"denmark.sector.{s}") for s in participants["sector"]],
)[["name", "name_en", "country_name", "sector_name", "source", "locator", "quote"]].rename(
    columns={
        "name": t("denmark.participants.organisation"),
        "name_en": t("denmark.participants.name_en"),
        "country_name": t("denmark.participants.country"),
        "sector_name": t("denmark.participants.sector"),
    }
)
chart_panel(chart, table, "summit_participants")
st.caption(t("denmark.participants.note", n=len(participants)))

# --- 3. What Norway brings -----------------------------------------------------------------------
st.header(t("denmark.norway.header"), divider="gray")
headlines = data.get("denmark.norway_headlines")
design = data.get("denmark.lup_design")
left, right = st.columns(2)
with left:
    st.subheader(t("denmark.norway.headlines"))
    st.caption(t("denmark.norway.headlines_note"))
    for row in headlines["facts"]:
        cited_metric(t(f"denmark.fact.{row['fact_id']}"), row, lang)
    owners = headlines["owners"]
    st.markdown(f"**{t('denmark.norway.owners')}**")
    cite_md(", ".join(owners["name"]), owners.iloc[0].to_dict() if len(owners) else None)
with right:
    st.subheader(t("denmark.norway.design"))
    st.caption(t("denmark.norway.design_note"))
    for row in design["facts"]:
        cited_metric(t(f"denmark.fact.{row['fact_id']}"), row, lang)
    hubs = design["hubs"]
    st.markdown(f"**{t('denmark.norway.hubs')}**")
    for row in hubs.to_dict("records"):
        cite_md(
            row["name"] + (f" ({t('denmark.norway.from')} {int(row['start_year'])})" if not fmt.is_missing(row["start_year"]) else ""), row
        )
st.subheader(t("denmark.norway.targets"))
targets = design["targets"]
cited_table(
    targets,
    {
        "target_id": "#",
        "text_en": t("denmark.norway.target"),
        "target_value": t("denmark.norway.value"),
        "deadline": t("denmark.norway.by"),
    },
    key="lup-targets",
    file_name="lup_targets_scaled.csv",
)

# --- 4. Scenario builder: state ------------------------------------------------------------------
st.header(t("denmark.builder.header"), divider="gray")
st.write(t("denmark.builder.intro"))
defaults: dict[str, dict[str, Any]] = data.get("denmark.scenario_defaults")
baseline = data.get("denmark.lup_baseline")
region_names: dict[str, str] = data.get("denmark.region_names")


def small_integer(value: object) -> int | None:
    """A whole number a number field can hold; a link's 1e30 hubs is unreadable rather than a crash."""
    number = parse_integer(value)
    return number if number is not None and abs(number) <= 1000 else None


def as_text(value: object) -> str:
    """A number as a field shows it: whole numbers without decimals, others as written."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def default_text(name: str) -> str:
    value = defaults[name]["value"]
    return ",".join(map(str, value)) if name == "assignment" else as_text(value)


def widget_values(inputs: ScenarioInputs | dict[str, Any]) -> dict[str, Any]:
    """Session-state values for every input widget (text for text fields, ints for the rest)."""
    raw = inputs.to_dict() if isinstance(inputs, ScenarioInputs) else inputs
    values: dict[str, Any] = {f"dk_{name}": as_text(raw[name]) for name in TEXT_FIELDS}
    values["dk_basis"] = raw["basis"] if raw["basis"] in BASES else defaults["basis"]["value"]
    for name in ("hubs", "years"):
        number = small_integer(raw[name])
        values[f"dk_{name}"] = number if number is not None else int(defaults[name]["value"])
    assignment = parse_assignment(raw["assignment"]) or tuple(defaults["assignment"]["value"])
    values |= {f"dk_hub_{code}": int(hub) if 0 <= hub <= len(REGIONS) else 0 for code, hub in zip(REGIONS, assignment, strict=True)}
    return values


def initial_values() -> dict[str, Any]:
    """The link wins (it may be a shared scenario); then what this session typed before; then the cited defaults."""
    shadow = st.session_state.get("dk_shadow", {})
    raw = {name: st.query_params.get(name, shadow.get(name, default_text(name))) for name in FIELDS}
    hubs = small_integer(raw["hubs"])
    if "assignment" not in st.query_params and "assignment" not in shadow and hubs is not None and 1 <= hubs <= len(REGIONS):
        raw["assignment"] = ",".join(map(str, spread(hubs)))  # a link giving only the number of hubs gets an even spread
    return widget_values(raw)


if "dk_shadow" not in st.session_state or any(k not in st.session_state for k in ("dk_annual_budget_dkk", "dk_hub_DK-81")):
    for key, value in initial_values().items():
        st.session_state.setdefault(key, value)
    st.session_state.setdefault("dk_name", (st.session_state.get("dk_open") or {}).get("name", ""))
    # Whole numbers and choices can't show unreadable text, so the link's bad values are named instead.
    st.session_state["dk_link_unread"] = [
        name
        for name, ok in (
            ("hubs", lambda v: small_integer(v) is not None),
            ("years", lambda v: small_integer(v) is not None),
            ("basis", lambda v: v in BASES),
            ("assignment", lambda v: parse_assignment(v) is not None and all(0 <= h <= len(REGIONS) for h in parse_assignment(v))),
        )
        if name in st.query_params and not ok(st.query_params[name])
    ]


def raw_inputs() -> dict[str, Any]:
    raw: dict[str, Any] = {name: st.session_state[f"dk_{name}"] for name in FIELDS if name != "assignment"}
    raw["assignment"] = ",".join(str(st.session_state[f"dk_hub_{code}"]) for code in REGIONS)
    return raw


def current() -> tuple[ScenarioInputs | None, dict[str, Problem]]:
    try:
        return from_raw(raw_inputs()), {}
    except InputError as exc:
        return None, exc.problems


def respread() -> None:
    """Hubs changed: spread the regions over the new number of hubs (only when that number is valid)."""
    hubs = st.session_state.get("dk_hubs")
    if isinstance(hubs, int) and 1 <= hubs <= len(REGIONS):
        for code, hub in zip(REGIONS, spread(hubs), strict=True):
            st.session_state[f"dk_hub_{code}"] = hub


def refusal(exc: scenarios.ScenarioError) -> str:
    """The store's refusal in the page's language (its English text, escaped, if there is no translation)."""
    key = f"denmark.save.{exc.code}" if exc.code in ("conflict", "gone") else f"denmark.error.{exc.code}"
    translated = t(key)
    return escape_markdown(str(exc)) if translated == key else translated


def flash(kind: str, message: str) -> None:
    st.session_state["dk_flash"] = (kind, message)


def open_scenario(scenario_id: int) -> None:
    try:
        record = scenarios.get(scenario_id)
    except scenarios.ScenarioError as exc:
        flash("error", refusal(exc))
        return
    st.session_state.update(widget_values(record["inputs"]))
    st.session_state["dk_name"] = record["name"]
    st.session_state["dk_open"] = {"id": record["id"], "name": record["name"], "version": record["version"]}
    st.session_state.pop("dk_conflict", None)
    st.session_state.pop("dk_name_problem", None)
    flash("success", t("denmark.saved.opened", name=escape_markdown(record["name"]), version=record["version"]))


def save_scenario(as_new: bool) -> None:
    inputs, problems = current()
    st.session_state.pop("dk_name_problem", None)
    if inputs is None:
        flash("error", t("denmark.save.invalid", n=len(problems)))
        return
    opened = st.session_state.get("dk_open")
    try:
        if as_new or opened is None:
            record = scenarios.create(st.session_state.get("dk_name", ""), inputs, OWNER)
        else:
            record = scenarios.save(opened["id"], st.session_state.get("dk_name", ""), inputs, opened["version"], OWNER, EDITOR)
    except scenarios.ConflictError as exc:
        st.session_state["dk_conflict"] = exc.code
        flash("error", t(f"denmark.save.{exc.code or 'conflict'}"))
        return
    except scenarios.ScenarioError as exc:
        st.session_state["dk_name_problem"] = exc.code
        flash("error", t("denmark.save.refused"))
        return
    st.session_state["dk_open"] = {"id": record["id"], "name": record["name"], "version": record["version"]}
    st.session_state["dk_name"] = record["name"]
    st.session_state.pop("dk_conflict", None)
    flash("success", t("denmark.save.done", name=escape_markdown(record["name"]), version=record["version"]))


def problem_text(problem: Problem) -> str:
    return t(f"denmark.error.{problem.code}", **problem.params)


def show_problem(problems: dict[str, Problem], name: str) -> None:
    if name in problems:
        st.error(problem_text(problems[name]), icon=":material/error:")


def show_origin(name: str) -> None:
    """Where the default comes from, or that the value is the user's own assumption."""
    spec = defaults[name]
    typed = st.session_state.get(f"dk_{name}")
    if name in ("hubs", "years", "basis"):
        changed = typed != spec["value"]
    else:
        changed = name != "assignment" and parse_number(typed) != parse_number(default_text(name))
    if spec["origin"] == "assumption" or changed:
        extra = t("denmark.origin.default_was", value=default_text(name)) if changed else escape_markdown(spec.get("note", ""))
        st.caption(f":orange[{t('denmark.origin.assumption')}] · {extra}")
        return
    note = escape_markdown(spec.get("note", ""))
    if spec["origin"] == "reference":
        st.caption(f"{t('denmark.origin.reference')}: {escape_markdown(spec['reference'])} ({note})")
    elif spec["origin"] == "derived":
        where = escape_markdown(spec["reference"]) if "reference" in spec else t("denmark.origin.cited_fact")
        st.caption(f"{t('denmark.origin.derived')}: {note} · {where}", help=citation_help(spec["row"]) if "row" in spec else None)
    else:
        st.caption(f"{t('denmark.origin.cited')}: {note}", help=citation_help(spec["row"]))


def text_field(name: str, unit: str = "") -> None:
    st.text_input(t(f"denmark.field.{name}") + (f" ({unit})" if unit else ""), key=f"dk_{name}")
    show_problem(problems, name)
    show_origin(name)


# --- 4. Scenario builder: saved scenarios bar ------------------------------------------------------
saved = scenarios.list_scenarios()
opened = st.session_state.get("dk_open")
if opened is not None and opened["id"] not in set(saved["id"]):
    st.session_state["dk_conflict"] = "gone"

with st.container(border=True):
    pick_col, open_col = st.columns([3, 1], vertical_alignment="bottom")
    if saved.empty:
        pick_col.caption(t("denmark.saved.none"))
    else:
        names = dict(zip(saved["id"], saved["name"], strict=True))
        chosen_id = pick_col.selectbox(t("denmark.saved.pick"), list(names), format_func=names.get, key="dk_pick")
        open_col.button(t("denmark.saved.open"), on_click=open_scenario, args=(chosen_id,), key="dk_open_btn", width="stretch")
    if opened is not None:
        st.caption(t("denmark.saved.editing", name=escape_markdown(opened["name"]), version=opened["version"]))

if "dk_flash" in st.session_state:
    kind, message = st.session_state.pop("dk_flash")
    (st.success if kind == "success" else st.error)(message)
if st.session_state.get("dk_conflict") and opened is not None:
    st.warning(t(f"denmark.save.{st.session_state['dk_conflict']}"), icon=":material/sync_problem:")
    if st.session_state["dk_conflict"] == "conflict":
        st.button(t("denmark.save.reload"), on_click=open_scenario, args=(opened["id"],), key="dk_reload", icon=":material/refresh:")

# --- 4. Scenario builder: inputs ---------------------------------------------------------------------
if st.session_state.get("dk_link_unread"):
    fields = ", ".join(t(f"denmark.field.{name}") for name in st.session_state["dk_link_unread"])
    st.warning(t("denmark.builder.link_unread", fields=fields), icon=":material/link_off:")
inputs, problems = current()
money_col, staff_col, time_col = st.columns(3)
with money_col:
    text_field("annual_budget_dkk", "DKK")
    text_field("dkk_per_nok", "DKK/NOK")
with staff_col:
    text_field("national_fte", "FTE")
    text_field("regional_fte", "FTE")
with time_col:
    st.number_input(t("denmark.field.years"), step=1, key="dk_years")
    show_problem(problems, "years")
    show_origin("years")
    st.selectbox(t("denmark.field.basis"), BASES, format_func=lambda b: t(f"denmark.basis.{b}"), key="dk_basis")
    show_problem(problems, "basis")
    show_origin("basis")

with st.expander(t("denmark.builder.basis_values"), expanded=False):
    st.caption(t("denmark.builder.basis_values_note"))
    no_col, dk_col = st.columns(2)
    with no_col:
        text_field("no_procurement_nok", "NOK")
        text_field("no_population")
        text_field("no_municipalities")
    with dk_col:
        text_field("dk_procurement_dkk", "DKK")
        text_field("dk_population")
        text_field("dk_municipalities")

st.subheader(t("denmark.hubs.header"))
hub_col, map_col = st.columns([2, 3])
with hub_col:
    st.number_input(t("denmark.field.hubs"), step=1, key="dk_hubs", on_change=respread)
    show_problem(problems, "hubs")
    show_origin("hubs")
    hub_options = list(range(len(REGIONS) + 1))
    for code in REGIONS:
        st.selectbox(
            region_names.get(code, code),
            hub_options,
            format_func=lambda h: t("denmark.hubs.none") if h == 0 else t("denmark.hubs.hub", n=h),
            key=f"dk_hub_{code}",
        )
    show_problem(problems, "assignment")
    show_origin("assignment")
    st.button(t("denmark.hubs.spread"), on_click=respread, key="dk_spread", icon=":material/auto_fix_high:")
with map_col:
    assignment = [int(st.session_state[f"dk_hub_{code}"]) for code in REGIONS]
    properties = {
        code: {
            "region": region_names.get(code, code),
            "hub": t("denmark.hubs.hub", n=hub) if hub else t("denmark.hubs.none"),
            "fill": palette.rgba(HUB_HEX[hub - 1] if hub else UNCOVERED_HEX, 220),
        }
        for code, hub in zip(REGIONS, assignment, strict=True)
    }
    deck = offline_deck(
        [region_layer(with_properties(geojson("dk_regions"), properties), "dk-hubs")],
        view=pdk.ViewState(latitude=56.1, longitude=11.9, zoom=5.45),
        tooltip="{region} ({code})\n{hub}",
    )
    st.pydeck_chart(deck, height=420, key="dk-hub-map")
    used = sorted({h for h in assignment if h})
    legend = [
        (
            HUB_HEX[h - 1],
            t("denmark.hubs.hub", n=h)
            + ": "
            + ", ".join(region_names.get(c, c) for c, a in zip(REGIONS, assignment, strict=True) if a == h),
        )
        for h in used
    ]
    if 0 in assignment:
        legend.append((UNCOVERED_HEX, t("denmark.hubs.none")))
    # Colour swatches need a little HTML; every label in it is escaped, so data can only ever show as text.
    st.html(
        "".join(f'<div data-hub-legend><span style="color:{c};font-size:1.3em">■</span> {html.escape(label)}</div>' for c, label in legend)
    )
    st.caption(t("denmark.hubs.map_note"))

# Every input lives in the URL too: a copied link reproduces the scenario without saving it.
url_state = {name: str(value) for name, value in raw_inputs().items()}
if any(st.query_params.get(name) != value for name, value in url_state.items()):
    st.query_params.update(url_state)
st.session_state["dk_shadow"] = url_state

# --- 4. Scenario builder: outputs --------------------------------------------------------------------


def show_number(value: float | None, unit: str) -> str:
    if value is None or fmt.is_missing(value):
        return "—"
    if unit in ("DKK", "NOK"):
        return f"{format_decimal(round(value), locale=lang)} {unit}"
    if unit == "ratio":
        return format_decimal(round(value, 2), locale=lang)
    suffix = " FTE" if unit == "FTE" else ""
    return format_decimal(round(value, 1), locale=lang) + suffix


def output_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(rows)
    frame["label"] = [t(f"denmark.out.{k}") for k in frame["key"]]
    return frame


st.subheader(t("denmark.out.header"))
if inputs is None:
    st.warning(t("denmark.out.invalid", n=len(problems)), icon=":material/edit_off:")
    result = None
else:
    result = project(inputs, baseline)
    st.info(t("denmark.out.projection_note"), icon=":material/query_stats:")
    outputs = output_frame(result.rows())
    headline = outputs.set_index("key")
    for pair in (("target_operative", "target_service"), ("target_organisations", "savings_dkk")):
        for column, key in zip(st.columns(2), pair, strict=True):
            row = headline.loc[key]
            caption = (
                t("denmark.out.band", low=show_number(row["low"], row["unit"]), high=show_number(row["high"], row["unit"]))
                if key == "savings_dkk"
                else t("denmark.out.lup_was", value=show_number(row["lup"], row["unit"]))
            )
            value = fmt.amount(row["projection"], "DKK", lang) if row["unit"] == "DKK" else show_number(row["projection"], row["unit"])
            column.metric(f"{t('denmark.out.projection')}: {row['label']}", value, help=escape_markdown(row["formula"]), border=True)
            column.caption(caption)

    shown = pd.DataFrame(
        {
            t("denmark.out.what"): outputs["label"],
            t("denmark.out.projection"): [show_number(v, u) for v, u in zip(outputs["projection"], outputs["unit"], strict=True)],
            t("denmark.out.low"): [
                show_number(v, u) if v is not None and not pd.isna(v) else "" for v, u in zip(outputs["low"], outputs["unit"], strict=True)
            ],
            t("denmark.out.high"): [
                show_number(v, u) if v is not None and not pd.isna(v) else "" for v, u in zip(outputs["high"], outputs["unit"], strict=True)
            ],
            t("denmark.out.lup"): [show_number(v, u) for v, u in zip(outputs["lup"], outputs["unit"], strict=True)],
            t("denmark.out.reference"): [
                show_number(v, u) if v is not None and not pd.isna(v) else ""
                for v, u in zip(outputs["reference"], outputs["unit"], strict=True)
            ],
            t("common.formula"): outputs["formula"],
            t("denmark.out.inputs"): outputs["inputs"],
        }
    )
    st.dataframe(shown, hide_index=True, width="stretch", key="dk-outputs")
    download_buttons(outputs, "danish_lup_projection", "dk-outputs-dl")
    st.caption(t("denmark.out.model_note"))

    bars = outputs[outputs["group"] == "target"].melt(id_vars=["label"], value_vars=["lup", "projection", "reference"], var_name="series")
    bars["series_name"] = [t(f"denmark.series.{s}") for s in bars["series"]]
    series_order = [t(f"denmark.series.{s}") for s in ("lup", "projection", "reference")]
    target_chart = (
        alt.Chart(bars, title=t("denmark.out.targets_chart"))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, axis=alt.Axis(labelLimit=260)),
            yOffset=alt.YOffset("series_name:N", sort=series_order),
            x=alt.X("value:Q", title=t("denmark.out.count")),
            color=alt.Color(
                "series_name:N",
                sort=series_order,
                title=None,
                scale=alt.Scale(domain=series_order, range=[palette.COUNTRY["NO"], palette.OKABE_ITO["sky"], palette.OKABE_ITO["yellow"]]),
                legend=alt.Legend(orient="bottom", labelLimit=0, columns=1),
            ),
            tooltip=[alt.Tooltip("label:N"), alt.Tooltip("series_name:N", title=" "), alt.Tooltip("value:Q", format=",.1f")],
        )
        .properties(height=320)
    )
    chart_panel(target_chart, outputs[outputs["group"] == "target"], "danish_lup_targets", data.get("denmark.baseline_sources"))

# --- 4. Save ----------------------------------------------------------------------------------------
st.subheader(t("denmark.save.header"))
name_col, buttons_col = st.columns([2, 2], vertical_alignment="top")
with name_col:
    st.text_input(t("denmark.save.name"), key="dk_name", max_chars=scenarios.NAME_MAX)
    if st.session_state.get("dk_name_problem"):
        st.error(t(f"denmark.error.{st.session_state['dk_name_problem']}"), icon=":material/error:")
with buttons_col:
    st.write("")
    st.button(t("denmark.save.as_new"), on_click=save_scenario, args=(True,), key="dk_save_new", icon=":material/save:", type="primary")
    if opened is not None:
        st.button(
            t("denmark.save.changes", name=escape_markdown(opened["name"])),
            on_click=save_scenario,
            args=(False,),
            key="dk_save_changes",
            icon=":material/save_as:",
        )
link_box()

# --- 5. Saved scenarios: manage and compare ----------------------------------------------------------
st.header(t("denmark.saved.header"), divider="gray")
saved = scenarios.list_scenarios()


def duplicate_scenario(scenario_id: int) -> None:
    try:
        record = scenarios.duplicate(scenario_id, OWNER)
    except scenarios.ScenarioError as exc:
        flash("error", refusal(exc))
        return
    flash("success", t("denmark.saved.duplicated", name=escape_markdown(record["name"])))


def delete_scenario(scenario_id: int, version: int) -> None:
    st.session_state.pop("dk_confirm_delete", None)
    try:
        scenarios.delete(scenario_id, version, OWNER, EDITOR)
    except scenarios.ConflictError:
        flash("error", t("denmark.saved.delete_conflict"))
        return
    except scenarios.ScenarioError as exc:
        flash("error", refusal(exc))
        return
    if (st.session_state.get("dk_open") or {}).get("id") == scenario_id:
        st.session_state.pop("dk_open", None)
    flash("success", t("denmark.saved.deleted"))


def owner_label(owner: str) -> str:
    """'you', an editor's name, or 'another visitor' (visitor ids are not shown)."""
    if owner == OWNER:
        return t("denmark.saved.owner_you")
    return t("denmark.saved.owner_visitor") if owner.startswith("visitor:") or not owner else owner


if saved.empty:
    st.caption(t("denmark.saved.none"))
else:
    listing = saved.assign(
        created_at=[fmt.datetime_text(v, lang) for v in saved["created_at"]],
        updated_at=[fmt.datetime_text(v, lang) for v in saved["updated_at"]],
        owner=[owner_label(o) for o in saved["owner"]],
    ).rename(
        columns={
            "name": t("denmark.saved.name"),
            "owner": t("denmark.saved.owner"),
            "created_at": t("denmark.saved.created"),
            "updated_at": t("denmark.saved.updated"),
            "version": t("denmark.saved.version"),
        }
    )
    st.dataframe(listing.drop(columns=["id"]), hide_index=True, width="stretch", key="dk-saved")
    names = dict(zip(saved["id"], saved["name"], strict=True))
    versions = dict(zip(saved["id"], saved["version"], strict=True))
    manage_id = st.selectbox(t("denmark.saved.manage"), list(names), format_func=names.get, key="dk_manage")
    a, b, c = st.columns(3)
    a.button(t("denmark.saved.open"), on_click=open_scenario, args=(manage_id,), key="dk_manage_open", width="stretch")
    b.button(t("denmark.saved.duplicate"), on_click=duplicate_scenario, args=(manage_id,), key="dk_duplicate", width="stretch")
    if c.button(t("denmark.saved.delete"), key="dk_delete", width="stretch", icon=":material/delete:"):
        st.session_state["dk_confirm_delete"] = (int(manage_id), int(versions[manage_id]))
    pending = st.session_state.get("dk_confirm_delete")
    if pending is not None and pending[0] in names:
        st.warning(t("denmark.saved.confirm", name=escape_markdown(names[pending[0]])))
        yes, no = st.columns(2)
        yes.button(t("denmark.saved.confirm_yes"), on_click=delete_scenario, args=pending, key="dk_delete_yes", type="primary")
        no.button(t("denmark.saved.confirm_no"), on_click=lambda: st.session_state.pop("dk_confirm_delete", None), key="dk_delete_no")

    st.subheader(t("denmark.compare.header"))
    CURRENT = -1
    options = ([CURRENT] if inputs is not None else []) + list(names)
    compared = st.multiselect(
        t("denmark.compare.pick"),
        options,
        default=options[: min(3, len(options))],
        format_func=lambda i: t("denmark.compare.current") if i == CURRENT else names[i],
        key="dk_compare",
    )
    if compared:
        frames = []
        for scenario_id in compared:
            try:
                scenario_inputs = inputs if scenario_id == CURRENT else scenarios.get(scenario_id)["inputs"]
            except scenarios.ScenarioError:  # deleted by someone else since the list was read
                continue
            label = t("denmark.compare.current") if scenario_id == CURRENT else names[scenario_id]
            frames.append(output_frame(project(scenario_inputs, baseline).rows()).assign(scenario=label))
        both = pd.concat(frames, ignore_index=True)
        wide = both.pivot_table(index=["key", "label", "unit"], columns="scenario", values="projection", aggfunc="first", sort=False)
        side = pd.DataFrame({t("denmark.out.what"): [label for _, label, _ in wide.index]})
        for scenario in wide.columns:
            side[f"{scenario} ({t('denmark.out.projection').lower()})"] = [
                show_number(v, unit) for (_, _, unit), v in zip(wide.index, wide[scenario], strict=True)
            ]
        st.dataframe(side, hide_index=True, width="stretch", key="dk-compare-table")
        download_buttons(both, "danish_lup_scenarios_compared", "dk-compare-dl")
        compare_chart = (
            alt.Chart(both[both["group"] == "target"], title=t("denmark.compare.chart"))
            .mark_bar()
            .encode(
                y=alt.Y("label:N", title=None, axis=alt.Axis(labelLimit=260)),
                yOffset="scenario:N",
                x=alt.X("projection:Q", title=t("denmark.out.count")),
                color=alt.Color("scenario:N", title=None, legend=alt.Legend(orient="bottom"), scale=alt.Scale(range=HUB_HEX)),
                tooltip=["scenario:N", "label:N", alt.Tooltip("projection:Q", format=",.1f"), "formula:N"],
            )
            .properties(height=320)
        )
        st.altair_chart(compare_chart, width="stretch")
        savings = both[both["key"] == "savings_dkk"]
        band = alt.Chart(savings, title=t("denmark.compare.savings"))
        band_chart = band.mark_rule(strokeWidth=3).encode(
            y=alt.Y("scenario:N", title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("low:Q", title=t("denmark.out.savings_axis")),
            x2="high:Q",
            color=alt.Color("scenario:N", legend=None, scale=alt.Scale(range=HUB_HEX)),
        ) + band.mark_point(filled=True, size=120, color="black").encode(
            y="scenario:N",
            x="projection:Q",
            tooltip=[
                "scenario:N",
                alt.Tooltip("low:Q", format=",.0f"),
                alt.Tooltip("projection:Q", format=",.0f"),
                alt.Tooltip("high:Q", format=",.0f"),
            ],
        )
        st.altair_chart(band_chart.properties(height=60 + 40 * len(compared)), width="stretch")
        st.caption(t("denmark.compare.note"))
