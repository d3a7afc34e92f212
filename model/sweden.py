"""What the Sweden page asks: the buyer networks, who pays, the stair, proposals and where organisers sit.

Plain pandas on top of `model.queries`; no Streamlit. Where the report is silent
(e.g. a network's initiation type) the value stays empty and the page says
"not reported in the sources" instead of guessing.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from functools import lru_cache

import pandas as pd
from sqlalchemy import Engine

from model import queries
from model import tables as t
from model.db import get_engine
from model.schema import CITATION_COLUMNS

UNDER_START_UP = "under start-up"  # Table 1's "Under uppstart": no start year
NOT_REPORTED = "not_reported"  # initiation type the report does not state
TYPES = ["authority", "buyer", NOT_REPORTED]
FUNDING_TOPICS = ("funding", "network_types")
KEY_FUNDING_POINTS = [  # the report's statements on short- versus long-term funding, in the order the page leads with them
    "se-funding-long-and-short",
    "se-authority-networks-longterm",
    "se-buyer-networks-challenge",
    "se-funding-em-permanent",
    "se-funding-nv-short-term",
]


def split_names(value: object) -> list[str]:
    """'SGU/Naturvårdsverket' -> ['SGU', 'Naturvårdsverket']: Table 1 joins co-organisers and co-financiers with '/'."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [part.strip() for part in str(value).split("/") if part.strip()]


def decade(start_year: object) -> str:
    if start_year is None or pd.isna(start_year):
        return UNDER_START_UP
    return f"{int(start_year) // 10 * 10}s"  # type: ignore[call-overload]


# --- The networks table ---------------------------------------------------------------------


def networks(engine: Engine | None = None) -> pd.DataFrame:
    """The ten networks of Table 1 with start label, decade, initiation type (cited or empty) and the results the report names."""
    frame = _table1(engine)
    facts = queries.network_facts(engine=engine)
    initiation = facts[facts["attribute"] == "initiation"].drop_duplicates("network_id")
    initiation = initiation[["network_id", "value_text", *CITATION_COLUMNS]].rename(
        columns={"value_text": "initiation", "source": "initiation_source", "locator": "initiation_locator", "quote": "initiation_quote"}
    )
    # Results the report names: the result rows, plus counted members (e.g. 140 interested municipalities).
    named = facts[(facts["attribute"] == "result") | ((facts["attribute"] == "member") & facts["value"].notna())]
    results = named.groupby("network_id", sort=False)["text_en"].agg(" · ".join).rename("results").reset_index()
    frame = frame.merge(initiation, on="network_id", how="left").merge(results, on="network_id", how="left")
    frame["type"] = frame["initiation"].fillna(NOT_REPORTED)
    frame["start_label"] = [str(int(y)) if not pd.isna(y) else UNDER_START_UP for y in frame["start_year"]]
    frame["decade"] = [decade(y) for y in frame["start_year"]]
    frame["start_year"] = frame["start_year"].astype("Int64")
    order = frame["start_year"].fillna(9999).astype(int)
    frame = frame.assign(_order=order).sort_values(["_order", "name"], kind="stable").drop(columns="_order")
    frame["lane"] = frame.groupby("start_label").cumcount()  # stacks same-year networks on the timeline
    return frame.reset_index(drop=True)


def filter_options(frame: pd.DataFrame) -> dict[str, list[str]]:
    """The values each filter offers: financiers split at '/', decades in time order, the three types."""
    financiers = sorted({part for value in frame["financier"] for part in split_names(value)}, key=str.casefold)
    decades = sorted({d for d in frame["decade"] if d != UNDER_START_UP})
    if (frame["decade"] == UNDER_START_UP).any():
        decades.append(UNDER_START_UP)
    return {"type": TYPES, "financier": financiers, "decade": decades}


def network_filter_options(engine: Engine | None = None) -> dict[str, list[str]]:
    """`filter_options` of `networks()`, for the page to read through its cache rather than split every row on every rerun."""
    return filter_options(networks(engine))


def network_names(engine: Engine | None = None) -> dict[str, str]:
    """Each network's name by id, in Table 1's order: the details picker's options, read once per data version."""
    frame = networks(engine)
    return dict(zip(frame["network_id"].to_numpy(object), frame["name"].to_numpy(object), strict=True))


def filter_networks(
    frame: pd.DataFrame,
    types: Iterable[str] = (),
    financiers: Iterable[str] = (),
    decades: Iterable[str] = (),
    start_labels: Iterable[str] = (),
) -> pd.DataFrame:
    """Rows matching every non-empty filter; a network matches a financier filter when any of its financiers is chosen."""
    keep = pd.Series(True, index=frame.index)
    types, financiers, decades, start_labels = set(types), set(financiers), set(decades), set(start_labels)
    if types:
        keep &= frame["type"].isin(types)
    if financiers:
        keep &= frame["financier"].map(lambda v: bool(set(split_names(v)) & financiers))
    if decades:
        keep &= frame["decade"].isin(decades)
    if start_labels:
        keep &= frame["start_label"].isin(start_labels)
    return frame[keep].reset_index(drop=True)


def network_details(network_id: str, engine: Engine | None = None) -> pd.DataFrame:
    """Everything the store says about one network, each with its citation: Table 1 first, then the report's text."""
    row = queries.cited_frame(t.BuyerNetwork, engine, network_id=network_id)
    if row.empty:
        return pd.DataFrame(columns=["attribute", "text", *CITATION_COLUMNS])
    first = row.iloc[0]
    start = int(first["start_year"]) if pd.notna(first["start_year"]) else first["start_status"]
    table1 = pd.DataFrame(
        [
            {
                "attribute": "table_1",
                "text": f"{first['name']} · {start} · {first['organiser']} · {first['financier']}",
                "source": first["source"],
                "locator": first["locator"],
                "quote": first["quote"],
            }
        ]
    )
    facts = queries.network_facts(network_id, engine)
    facts = facts.assign(text=facts["text_en"].fillna(facts["value_text"]))[["attribute", "text", *CITATION_COLUMNS]]
    return pd.concat([table1, facts], ignore_index=True)


# --- Who pays -----------------------------------------------------------------------------------


def per_data_version(view: Callable[[Engine], pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """Compute a view of Table 1 once per data version and engine (several views share it); callers get a copy.

    At 10 000 synthetic networks each view cost 0.15 s, and the page asks for six of them.
    """
    at_version = lru_cache(maxsize=4)(lambda engine, _version: view(engine))

    @functools.wraps(view)
    def cached(engine: Engine | None = None) -> pd.DataFrame:
        engine = engine or get_engine()
        version = queries.data_version(engine)
        return at_version(engine, None if version is None else version["id"]).copy()

    return cached


@per_data_version
def _table1(engine: Engine) -> pd.DataFrame:
    """Table 1: every network with its citation."""
    return queries.cited_frame(t.BuyerNetwork, engine)


def _split_column(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """One row per name in `column` (Table 1 joins co-organisers and co-financiers with '/'); rows without a name drop out."""
    return frame.assign(**{column: frame[column].map(split_names)}).explode(column).dropna(subset=[column])


@per_data_version
def funding_links(engine: Engine) -> pd.DataFrame:
    """One row per (network, organiser, financier) after splitting Table 1's joint names, with Table 1's citation."""
    links = _split_column(_split_column(_table1(engine), "organiser"), "financier").rename(columns={"name": "network"})
    return links[["network", "organiser", "financier", *CITATION_COLUMNS]].reset_index(drop=True)


def party_counts(role: str = "financier", engine: Engine | None = None) -> pd.DataFrame:
    """Networks per financier or per organiser (a network with two counts once for each), with the networks named."""
    if role not in ("financier", "organiser"):
        raise ValueError(f"role must be 'financier' or 'organiser', not {role!r}")
    links = funding_links(engine).drop_duplicates(["network", role])
    counts = links.groupby(role).agg(networks=("network", "count"), names=("network", "; ".join)).reset_index()
    counts = counts.rename(columns={role: "party"}).assign(role=role)
    counts["formula"] = f"count of Table 1 rows naming this {role} (joint names split at '/')"
    counts["source"], counts["locator"] = links["source"].iloc[0], links["locator"].iloc[0]
    counts["quote"] = "Table 1 (see each network's row)"
    return counts.sort_values(["networks", "party"], ascending=[False, True]).reset_index(drop=True)


def financier_counts(engine: Engine | None = None) -> pd.DataFrame:
    return party_counts("financier", engine).rename(columns={"party": "financier"})


def organiser_financier_matrix(engine: Engine | None = None) -> pd.DataFrame:
    """Organiser × financier pairs with how many networks link them."""
    links = funding_links(engine)
    grouped = links.groupby(["organiser", "financier"]).agg(networks=("network", "count"), names=("network", "; ".join))
    return grouped.reset_index()


def funding_points(engine: Engine | None = None) -> pd.DataFrame:
    """The report's point on short- versus long-term funding: its statements, then what each network's funding is."""
    statements = queries.statements("SE", engine)
    chosen = statements[statements["topic"].isin(FUNDING_TOPICS)][["statement_id", "topic", "text_en", *CITATION_COLUMNS]]
    facts = queries.network_facts(engine=engine)
    funding = facts[facts["attribute"] == "funding"].merge(_table1(engine)[["network_id", "name"]], on="network_id", how="left")
    funding = funding.assign(
        statement_id=funding["network_id"], topic="network_funding", text_en=funding["name"] + ": " + funding["text_en"]
    )
    return pd.concat([chosen, funding[chosen.columns]], ignore_index=True)


def funding_groups(points: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """`funding_points` in three groups: the key statements (in `KEY_FUNDING_POINTS` order), the other points, each network's funding."""
    general, per_network = points[points["topic"] != "network_funding"], points[points["topic"] == "network_funding"]
    lead = general.set_index("statement_id")
    key = lead.loc[[k for k in KEY_FUNDING_POINTS if k in lead.index]].reset_index()
    return key, general[~general["statement_id"].isin(KEY_FUNDING_POINTS)], per_network


# --- The stair ------------------------------------------------------------------------------------


def stair(engine: Engine | None = None) -> pd.DataFrame:
    """Each level (initiera, introducera, införa) with its definition; examples and dialogue areas come separately, cited."""
    return queries.procurement_levels(engine)


def stair_items(engine: Engine | None = None) -> pd.DataFrame:
    """Examples the report places on each level and the dialogue areas it lists, one cited row each."""
    examples = queries.level_examples(engine)
    examples = examples.assign(kind="example", text=examples["text_en"], text_sv=examples["text_sv"])
    statements = queries.statements("SE", engine)
    dialogue = statements[statements["topic"].str.startswith("dialogue_")]
    dialogue = dialogue.assign(
        kind="dialogue", level_id=dialogue["topic"].str.removeprefix("dialogue_"), text=dialogue["text_en"], text_sv=""
    )
    columns = ["level_id", "kind", "text", "text_sv", *CITATION_COLUMNS]
    return pd.concat([examples[columns], dialogue[columns]], ignore_index=True)


def level_items(items: pd.DataFrame, level_id: str, kind: str) -> pd.DataFrame:
    """One level's examples (`kind="example"`) or dialogue areas (`kind="dialogue"`) from `stair_items`."""
    return items[(items["level_id"] == level_id) & (items["kind"] == kind)]


def stair_steps(levels: pd.DataFrame, items: pd.DataFrame) -> pd.DataFrame:
    """The stair as rectangles: level n spans x n-1..n and rises to height n; with its label and how many examples it has."""
    return levels.assign(
        x0=levels["position"] - 1,
        x1=levels["position"],
        y1=levels["position"],
        label=levels["name_sv"] + " · " + levels["name_en"].fillna(""),
        examples=[len(level_items(items, level, "example")) for level in levels["level_id"]],
    )


# --- Map ------------------------------------------------------------------------------------------


@per_data_version
def organiser_seats(engine: Engine) -> pd.DataFrame:
    """Each organiser named in Table 1 with its networks and its seat (reference data), empty where not known."""
    named = _split_column(_table1(engine), "organiser")
    by_organiser = named.groupby("organiser", sort=False)["name"].agg("; ".join).rename("networks").reset_index()
    seats = queries.plain_frame(t.OrganiserSeat, engine)
    regions = queries.regions("SE", engine)[["code", "name"]].rename(columns={"code": "lan_code", "name": "lan"})
    merged = by_organiser.merge(seats, on="organiser", how="left").merge(regions, on="lan_code", how="left")
    return merged[["organiser", "networks", "seat", "lan_code", "lan", "lat", "lon", "source", "year", "note"]]


def seat_points(engine: Engine | None = None) -> pd.DataFrame:
    """One point per seat city: the organisers there and their networks, for the map."""
    seats = organiser_seats(engine).dropna(subset=["seat"])
    seats = seats.assign(label=seats["organiser"] + ": " + seats["networks"])
    grouped = seats.groupby(["seat", "lan", "lat", "lon"], as_index=False).agg(
        organisers=("organiser", "; ".join), detail=("label", "\n".join), count=("organiser", "count")
    )
    grouped["networks"] = [len({n for line in d.split("\n") for n in line.split(": ", 1)[1].split("; ")}) for d in grouped["detail"]]
    return grouped


def seat_markers(points: pd.DataFrame) -> pd.DataFrame:
    """`seat_points` ready for the map: a label 'seat (län)' and a radius in metres that grows with the networks there."""
    return points.assign(label=points["seat"] + " (" + points["lan"] + ")", radius=15_000 + 7_000 * points["networks"])


def seat_rows(seats: pd.DataFrame) -> pd.DataFrame:
    """`organiser_seats` for a table: coordinates to two decimals and the year as text (empty where unknown), without the note."""
    return seats.drop(columns=["note"]).assign(
        lat=[f"{v:.2f}" if pd.notna(v) else None for v in seats["lat"]],
        lon=[f"{v:.2f}" if pd.notna(v) else None for v in seats["lon"]],
        year=[str(int(v)) if pd.notna(v) else None for v in seats["year"]],
    )


def lan_counts(engine: Engine | None = None) -> pd.DataFrame:
    """Sweden's 21 län with how many networks have an organiser seated there."""
    seats = organiser_seats(engine).dropna(subset=["lan_code"])
    pairs = {(r["lan_code"], n) for r in seats.to_dict("records") for n in r["networks"].split("; ")}
    counts = pd.Series([code for code, _ in pairs], dtype=object).value_counts()
    regions = queries.regions("SE", engine)[["code", "name", "source", "year"]]
    regions["networks"] = [int(counts.get(code, 0)) for code in regions["code"]]
    return regions
