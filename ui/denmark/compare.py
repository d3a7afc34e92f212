"""Compare scenarios (the current inputs and saved ones): projections side by side, targets, and the savings bands."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from model import scenarios
from model.errors import EditError
from model.projection import LupBaseline, ScenarioInputs, project
from ui.charts import cached_chart, draw
from ui.denmark.common import HUB_HEX, output_frame, savings_band, savings_band_chart, show_number
from ui.downloads import download_buttons
from ui.i18n import t

CURRENT = -1  # the option for the inputs on screen (saved scenarios have positive ids)


def _projections(compared: list[int], names: dict[int, str], inputs: ScenarioInputs | None, baseline: LupBaseline) -> pd.DataFrame:
    """Every output of every chosen scenario, one row each, with the scenario's name."""
    frames = []
    for scenario_id in compared:
        try:
            scenario_inputs = inputs if scenario_id == CURRENT else scenarios.get(scenario_id)["inputs"]
        except EditError:  # deleted by someone else since the list was read
            continue
        label = t("denmark.compare.current") if scenario_id == CURRENT else names[scenario_id]
        frames.append(output_frame(project(scenario_inputs, baseline).rows()).assign(scenario=label))
    return pd.concat(frames, ignore_index=True)


def _side_by_side(both: pd.DataFrame, lang: str) -> pd.DataFrame:
    """One row an output, one column a scenario's projection."""
    wide = both.pivot_table(index=["key", "label", "unit"], columns="scenario", values="projection", aggfunc="first", sort=False)
    side = pd.DataFrame({t("denmark.out.what"): [label for _, label, _ in wide.index]})
    for scenario in wide.columns:
        side[f"{scenario} ({t('denmark.out.projection').lower()})"] = [
            show_number(v, unit, lang) for (_, _, unit), v in zip(wide.index, wide[scenario], strict=True)
        ]
    return side


@cached_chart
def _targets_chart(both: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(both[both["group"] == "target"], title=t("denmark.compare.chart"))
        .mark_bar()
        .encode(
            y=alt.Y("label:N", title=None, axis=alt.Axis(labelLimit=260)),
            yOffset="scenario:N",
            x=alt.X("projection:Q", title=t("denmark.out.count")),
            color=alt.Color("scenario:N", title=None, legend=alt.Legend(orient="bottom"), scale=alt.Scale(range=HUB_HEX)),
            tooltip=["scenario:N", "label:N", alt.Tooltip("projection:Q", format=",.0f"), "formula:N"],
        )
        .properties(height=320)
    )


def compare(names: dict[int, str], inputs: ScenarioInputs | None, baseline: LupBaseline, lang: str) -> None:
    """Pick scenarios to compare (the first three to begin with); the inputs on screen are one when they are valid."""
    options = ([CURRENT] if inputs is not None else []) + list(names)
    compared = st.multiselect(
        t("denmark.compare.pick"),
        options,
        default=options[: min(3, len(options))],
        format_func=lambda i: t("denmark.compare.current") if i == CURRENT else names[i],
        key="dk_compare",
        placeholder=t("common.choose"),
    )
    if not compared:
        return
    both = _projections(compared, names, inputs, baseline)
    st.dataframe(_side_by_side(both, lang), hide_index=True, width="stretch", key="dk-compare-table")
    download_buttons(both, "danish_lup_scenarios_compared", "dk-compare-dl")
    draw(_targets_chart(both))
    draw(savings_band_chart(savings_band(both[both["key"] == "savings_dkk"], lang)))
    st.caption(t("denmark.compare.note"))
