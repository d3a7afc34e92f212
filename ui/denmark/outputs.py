"""The scenario's outputs, labelled as projections: headline metrics, the full table with formulas, and a chart of targets."""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

import altair as alt
import pandas as pd
import streamlit as st

from model import denmark
from model import format as fmt
from model.projection import ASSUMPTIONS, FieldProblem, LupBaseline, ScenarioInputs, project
from ui import palette
from ui.charts import cached_chart, chart_panel, draw
from ui.cite import Line, citation_help, draw_lines, escape_markdown
from ui.data import cached, shared
from ui.denmark.common import output_frame, savings_band, savings_band_chart, show_number
from ui.downloads import download_buttons
from ui.i18n import nt, t

HEADLINES = (("target_operative", "target_service"), ("target_organisations", "savings_dkk"))  # two rows of two metrics
SERIES = ("lup", "projection", "reference")


class Metric(NamedTuple):
    label: str
    value: str
    help: str
    caption: str


def _headline_metrics(outputs: pd.DataFrame, lang: str) -> list[list[Metric]]:
    """Four projections as metrics; each tooltip is the formula, each caption LUP's figure (or the savings band)."""
    headline = outputs.set_index("key")
    rows = []
    for pair in HEADLINES:
        metrics = []
        for key in pair:
            row = headline.loc[key]
            caption = (
                t("denmark.out.band", low=show_number(row["low"], row["unit"], lang), high=show_number(row["high"], row["unit"], lang))
                if key == "savings_dkk"
                else t("denmark.out.lup_was", value=show_number(row["lup"], row["unit"], lang))
            )
            value = (
                fmt.amount(row["projection"], "DKK", lang) if row["unit"] == "DKK" else show_number(row["projection"], row["unit"], lang)
            )
            metrics.append(Metric(f"{t('denmark.out.projection')}: {row['label']}", value, escape_markdown(row["formula"]), caption))
        rows.append(metrics)
    return rows


def _texts(values: Iterable[float | None], units: Iterable[str], lang: str, blank_missing: bool = False) -> list[str]:
    """A column of numbers as text; missing ones as a blank instead of a dash when `blank_missing`."""
    return ["" if blank_missing and (v is None or pd.isna(v)) else show_number(v, u, lang) for v, u in zip(values, units, strict=True)]


def _output_table(outputs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every output with its band, LUP's figure, the size reference, formula and inputs."""
    units = outputs["unit"]
    return pd.DataFrame(
        {
            t("denmark.out.what"): outputs["label"],
            t("denmark.out.projection"): _texts(outputs["projection"], units, lang),
            t("denmark.out.low"): _texts(outputs["low"], units, lang, blank_missing=True),
            t("denmark.out.high"): _texts(outputs["high"], units, lang, blank_missing=True),
            t("denmark.out.lup"): _texts(outputs["lup"], units, lang),
            t("denmark.out.reference"): _texts(outputs["reference"], units, lang, blank_missing=True),
            t("common.formula"): outputs["formula"],
            t("denmark.out.inputs"): outputs["inputs"],
        }
    )


def _assumptions(sources: pd.DataFrame) -> tuple[list[Line], pd.DataFrame]:
    """The model's choices, one a line: what it assumes, its formula, and the cited fact it rests on (quote in the tooltip) or none;
    and the same as a table for the download."""
    cited = sources.set_index("id")
    lines, rows = [], []
    for assumption in ASSUMPTIONS:
        row = cited.loc[assumption.fact_id].to_dict() if assumption.fact_id in cited.index else None
        where = f"{row['source']}, {row['locator']}" if row else t("denmark.assume.none")
        what = t(f"denmark.assume.{assumption.key}")
        line = f"- {escape_markdown(what)} `{assumption.formula}` · *{escape_markdown(where)}*"
        lines.append((line, citation_help(row) if row else None))
        rows.append({"what": what, "formula": assumption.formula, **{k: (row or {}).get(k, "") for k in ("source", "locator", "quote")}})
    table = pd.DataFrame.from_records(rows).rename(columns={"what": t("denmark.assume.what"), "formula": t("common.formula")})
    return lines, table


@cached_chart
def _target_chart(targets: pd.DataFrame) -> alt.Chart:
    """LUP's targets beside what the budget buys and what a LUP of Denmark's size would aim at."""
    bars = targets.melt(id_vars=["label"], value_vars=list(SERIES), var_name="series")
    bars["series_name"] = [t(f"denmark.series.{s}") for s in bars["series"]]
    series_order = [t(f"denmark.series.{s}") for s in SERIES]
    colours = [palette.country_colour("NO"), palette.OKABE_ITO["sky"], palette.OKABE_ITO["yellow"]]
    return (
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
                scale=alt.Scale(domain=series_order, range=colours),
                legend=alt.Legend(orient="bottom", labelLimit=0, columns=1),
            ),
            tooltip=[alt.Tooltip("label:N"), alt.Tooltip("series_name:N", title=" "), alt.Tooltip("value:Q", format=",.0f")],
        )
        .properties(height=320)
    )


class Projection(NamedTuple):
    """Everything the outputs show for one scenario, made once per inputs, data version and language (`shared`)."""

    outputs: pd.DataFrame
    metrics: list[list[Metric]]
    band: dict
    table: pd.DataFrame
    assumptions: list[Line]
    assumption_table: pd.DataFrame
    targets: pd.DataFrame
    target_chart: dict
    sources: pd.DataFrame


def _projection(inputs: ScenarioInputs, baseline: LupBaseline, lang: str) -> Projection:
    outputs = output_frame(project(inputs, baseline).rows())
    savings = outputs[outputs["key"] == "savings_dkk"].assign(scenario=t("denmark.compare.current"))
    sources = cached(denmark.baseline_sources)()
    lines, assumption_table = _assumptions(sources)
    targets = outputs[outputs["group"] == "target"]
    band = savings_band_chart(savings_band(savings, lang))
    table = _output_table(outputs, lang)
    metrics = _headline_metrics(outputs, lang)
    return Projection(outputs, metrics, band, table, lines, assumption_table, targets, _target_chart(targets), sources)


def projection(inputs: ScenarioInputs | None, problems: dict[str, FieldProblem], baseline: LupBaseline, lang: str) -> None:
    """The outputs of valid inputs; otherwise a warning that says how many fields need fixing.

    What they show is made once per inputs (`_projection`): projecting, formatting every cell and citing every
    assumption again was ~half of the builder's warm rerun, and the same scenario gives the same outputs.
    """
    if inputs is None:
        st.warning(nt("denmark.out.invalid", len(problems)), icon=":material/edit_off:")
        return
    st.info(t("denmark.out.projection_note"), icon=":material/query_stats:")
    shown = shared(_projection)(inputs, baseline, lang)
    for row in shown.metrics:
        for column, metric in zip(st.columns(2), row, strict=True):
            column.metric(metric.label, metric.value, help=metric.help, border=True)
            column.caption(metric.caption)
    draw(shown.band)
    st.dataframe(shown.table, hide_index=True, width="stretch", key="dk-outputs")
    download_buttons(shown.outputs, "danish_lup_projection", "dk-outputs-dl")
    st.caption(t("denmark.out.model_note"))
    st.markdown(f"**{t('denmark.assume.header')}**")
    draw_lines(shown.assumptions)
    st.caption(t("denmark.assume.symbols"))
    download_buttons(shown.assumption_table, "danish_lup_model_assumptions", "dk-assumptions-dl")
    chart_panel(shown.target_chart, shown.targets, "danish_lup_targets", shown.sources)
