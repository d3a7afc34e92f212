"""The scenario's outputs, labelled as projections: headline metrics, the full table with formulas, and a chart of targets."""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import pandas as pd
import streamlit as st

from model import denmark
from model import format as fmt
from model.projection import ASSUMPTIONS, FieldProblem, LupBaseline, ScenarioInputs, project
from ui import palette
from ui.charts import cached_chart, chart_panel, draw
from ui.cite import citation_help, escape_markdown
from ui.data import cached
from ui.denmark.common import output_frame, savings_band, savings_band_chart, show_number
from ui.downloads import download_buttons
from ui.i18n import nt, t

HEADLINES = (("target_operative", "target_service"), ("target_organisations", "savings_dkk"))  # two rows of two metrics
SERIES = ("lup", "projection", "reference")


def _headline_metrics(outputs: pd.DataFrame, lang: str) -> None:
    """Four projections as metrics; each tooltip is the formula, each caption LUP's figure (or the savings band)."""
    headline = outputs.set_index("key")
    for pair in HEADLINES:
        for column, key in zip(st.columns(2), pair, strict=True):
            row = headline.loc[key]
            caption = (
                t("denmark.out.band", low=show_number(row["low"], row["unit"], lang), high=show_number(row["high"], row["unit"], lang))
                if key == "savings_dkk"
                else t("denmark.out.lup_was", value=show_number(row["lup"], row["unit"], lang))
            )
            value = (
                fmt.amount(row["projection"], "DKK", lang) if row["unit"] == "DKK" else show_number(row["projection"], row["unit"], lang)
            )
            column.metric(f"{t('denmark.out.projection')}: {row['label']}", value, help=escape_markdown(row["formula"]), border=True)
            column.caption(caption)


def _texts(values: Iterable[float | None], units: Iterable[str], lang: str, blank_missing: bool = False) -> list[str]:
    """A column of numbers as text; missing ones as a blank instead of a dash when `blank_missing`."""
    return ["" if blank_missing and (v is None or pd.isna(v)) else show_number(v, u, lang) for v, u in zip(values, units, strict=True)]


def _output_table(outputs: pd.DataFrame, lang: str) -> None:
    """Every output with its band, LUP's figure, the size reference, formula and inputs; downloadable."""
    units = outputs["unit"]
    shown = pd.DataFrame(
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
    st.dataframe(shown, hide_index=True, width="stretch", key="dk-outputs")
    download_buttons(outputs, "danish_lup_projection", "dk-outputs-dl")
    st.caption(t("denmark.out.model_note"))


def _assumptions(sources: pd.DataFrame) -> None:
    """The model's choices, one a line: what it assumes, its formula, and the cited fact it rests on (quote in the tooltip) or none."""
    cited = sources.set_index("id")
    st.markdown(f"**{t('denmark.assume.header')}**")
    rows = []
    for assumption in ASSUMPTIONS:
        row = cited.loc[assumption.fact_id].to_dict() if assumption.fact_id in cited.index else None
        where = f"{row['source']}, {row['locator']}" if row else t("denmark.assume.none")
        what = t(f"denmark.assume.{assumption.key}")
        line = f"- {escape_markdown(what)} `{assumption.formula}` · *{escape_markdown(where)}*"
        st.markdown(line, help=citation_help(row) if row else None)
        rows.append({"what": what, "formula": assumption.formula, **{k: (row or {}).get(k, "") for k in ("source", "locator", "quote")}})
    st.caption(t("denmark.assume.symbols"))
    table = pd.DataFrame.from_records(rows).rename(columns={"what": t("denmark.assume.what"), "formula": t("common.formula")})
    download_buttons(table, "danish_lup_model_assumptions", "dk-assumptions-dl")


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


def projection(inputs: ScenarioInputs | None, problems: dict[str, FieldProblem], baseline: LupBaseline, lang: str) -> None:
    """The outputs of valid inputs; otherwise a warning that says how many fields need fixing."""
    if inputs is None:
        st.warning(nt("denmark.out.invalid", len(problems)), icon=":material/edit_off:")
        return
    st.info(t("denmark.out.projection_note"), icon=":material/query_stats:")
    outputs = output_frame(project(inputs, baseline).rows())
    _headline_metrics(outputs, lang)
    savings = outputs[outputs["key"] == "savings_dkk"].assign(scenario=t("denmark.compare.current"))
    draw(savings_band_chart(savings_band(savings, lang)))
    _output_table(outputs, lang)
    _assumptions(cached(denmark.baseline_sources)())
    targets = outputs[outputs["group"] == "target"]
    chart_panel(_target_chart(targets), targets, "danish_lup_targets", cached(denmark.baseline_sources)())
