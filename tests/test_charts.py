"""Charts and maps as the browser receives them: whole data, compact, and renderable offline."""

from __future__ import annotations

import json

import altair as alt
import pandas as pd
from pydeck.bindings.json_tools import serialize

from ui.charts import json_spec, vega_spec
from ui.maps import geojson, offline_deck, region_layers


def _bars(rows: int) -> alt.Chart:
    frame = pd.DataFrame({"network": [f"syn-{i}" for i in range(rows)], "start": [2000 + i % 25 for i in range(rows)]})
    return alt.Chart(frame, title="Networks").mark_point().encode(x="start:O", y="network:N")


def test_a_chart_keeps_every_row_beyond_altairs_5000_row_limit():
    spec = vega_spec(_bars(6000))
    (frame,) = spec["datasets"].values()
    assert isinstance(frame, pd.DataFrame) and len(frame) == 6000  # sent to the browser as Arrow, not inlined as JSON rows


def test_a_chart_exports_as_self_contained_json_with_its_rows():
    exported = json.loads(json_spec(vega_spec(_bars(3))))
    (rows,) = exported["datasets"].values()
    assert [r["network"] for r in rows] == ["syn-0", "syn-1", "syn-2"]
    assert exported["title"] == "Networks"


def test_a_map_is_sent_without_indentation_and_says_the_same():
    deck = offline_deck(region_layers(geojson("dk_regions"), "dk", zoom=5))
    compact, pretty = deck.to_json(), serialize(deck)
    assert "\n" not in compact and len(compact) < len(pretty) / 3
    assert json.loads(compact) == json.loads(pretty)


def test_a_downloaded_chart_carries_its_title_sources_notes_and_data_version():
    """As Our World in Data's: the file keeps its context when it travels (the SVG's text is the PNG's too)."""
    import vl_convert as vlc

    from reports.charts import bar_labels, per_capita_chart
    from ui.charts import travelling_spec

    frame = pd.DataFrame(
        {
            "country": ["NO", "DK"],
            "country_name": ["Norway", "Denmark"],
            "per_capita": [57000.0, 52000.0],
            "qualifier": [None, "more_than"],
            "as_of": ["2015", "undated article"],
        }
    )
    frame["bar_label"] = bar_labels(frame, ["57k", "52k"], 2015, "lower bound", "undated")
    assert frame["bar_label"].tolist() == ["57k", "> 52k (lower bound, undated)"]
    spec = vega_spec(per_capita_chart(frame, "Per inhabitant (DKK, 2015)", "DKK", "#1f4e79"))
    svg = vlc.vegalite_to_svg(json_spec(travelling_spec(spec, "Sources: Nasjonalt program", ["Denmark: lower bound"], "data version #7")))
    for text in ("Per inhabitant (DKK, 2015)", "Sources: Nasjonalt program", "Denmark: lower bound", "data version #7", "&gt; 52k"):
        assert text in svg, text
