"""The Nordic comparison: the same rows for every compared country (`model.countries`), each cell cited.

The rows are kept here (`ROWS`); which fact or statement fills a row for a country is the view
manifest's (`seed/views.csv`, page `overview`, section `comparison`, slot `<row>.<country>`), so a
new country brings its cells in its own seed folder. Organisations by role are named here. A
country with no cell for a row is shown as "not reported in the sources".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from sqlalchemy import Engine

from model import countries, queries, tables, views
from model import format as fmt
from model.i18n import text
from model.localize import localize
from model.schema import CITATION_COLUMNS


@dataclass(frozen=True)
class Cell:
    kind: str  # "fact", "statement" or "roles"
    ref: str  # fact_id, statement_id, or "role|context"
    group: str = ""  # for roles: the i18n key naming the group of organisations


@dataclass(frozen=True)
class Row:
    key: str  # also the i18n key of the row label
    label_en: str
    roles: dict[str, tuple[Cell, ...]] = field(default_factory=dict)  # country -> organisations named by role


ROWS: tuple[Row, ...] = (
    Row("model", "The model"),
    Row(
        "owners",
        "Who owns or convenes it",
        {
            "NO": (
                Cell("roles", "lup_owner|LUP 2015-2019", "overview.group.owners_2015"),
                Cell("roles", "lup_owner|summit article", "overview.group.owners_article"),
            ),
            "DK": (
                Cell("roles", "summit_convener|summit article", "overview.group.conveners"),
                Cell("roles", "coi_owner|summit article", "overview.group.coi_owners"),
            ),
        },
    ),
    Row("since", "Since when"),
    Row("regional", "Regional presence"),
    Row("scale", "Headline scale"),
    Row("budget", "Annual budget"),
    Row("procurement", "Annual public procurement"),
    Row("open", "Not yet known"),
)


def cells(row: Row, country: str, fact_ids: set[str]) -> list[Cell]:
    """What fills `row` for `country`: its organisations by role, then the manifest's facts and statements."""
    shown = views.refs("overview", "comparison").get(f"{row.key}.{country}", [])
    return [*row.roles.get(country, ()), *(Cell("fact" if ref in fact_ids else "statement", ref) for ref in shown)]


def comparison(engine: Engine | None = None) -> pd.DataFrame:
    """One record per (row, country, item): kind, value or text, unit, as_of and the citation.

    A (row, country) with nothing cited has a single item with kind "none".
    """
    named = [ref for refs in views.refs("overview", "comparison").values() for ref in refs]
    fact_ids = queries.fact_ids(named, engine)
    facts = _facts([ref for ref in named if ref in fact_ids], engine)
    statements = queries.statements(engine=engine, ids=[ref for ref in named if ref not in fact_ids]).set_index("statement_id")
    records: list[dict[str, Any]] = []
    for row in ROWS:
        for country in countries.compared_codes():
            items = [item for cell in cells(row, country, fact_ids) for item in _items(cell, facts, statements, engine)]
            for item in items or [{"kind": "none"}]:
                records.append({"row": row.key, "label_en": row.label_en, "country": country, **item})
    columns = [
        "row",
        "label_en",
        "country",
        "kind",
        "text",
        "group",
        "value",
        "value_high",
        "unit",
        "qualifier",
        "as_of",
        "caveat",
        *CITATION_COLUMNS,
    ]
    return pd.DataFrame.from_records(records, columns=columns)


def _items(cell: Cell, facts: pd.DataFrame, statements: pd.DataFrame, engine: Engine | None) -> list[dict[str, Any]]:
    citation = list(CITATION_COLUMNS)
    if cell.kind == "fact":
        fact = facts.loc[cell.ref]
        keep = ["value", "value_high", "unit", "qualifier", "as_of", "caveat", *citation]
        return [{"kind": "fact", "text": fact["label_en"], **fact[keep].to_dict()}]
    if cell.kind == "statement":
        statement = statements.loc[cell.ref]
        return [{"kind": "statement", "text": statement["text_en"], **statement[citation].to_dict()}]
    role, context = cell.ref.split("|")
    orgs = queries.organisations_with_role(role, context, engine)
    return [
        {"kind": "organisation", "text": org["name"], "group": cell.group, **{c: org[c] for c in citation}}
        for org in orgs.to_dict("records")
    ]


def milestones(engine: Engine | None = None, lang: str = "en") -> pd.DataFrame:
    """Dated milestones the documents give, one per row with year, country, label (in `lang`) and citation."""
    picks = [  # (country, fact, which column holds the year, label's key)
        ("NO", "no-lup-established", "value", "overview.milestone.lup_established"),
        ("NO", "no-lup-pilots-2014", "as_of", "overview.milestone.lup_pilots"),
        ("SE", "se-assignment-decided-year", "value", "overview.milestone.se_assignment"),
    ]
    facts = _facts([f for _, f, _, _ in picks] + ["no-lup-period"], engine)
    citation = list(CITATION_COLUMNS)
    rows = [
        {"country": c, "year": int(facts.loc[f, column]), "label_en": text(label, lang), **facts.loc[f, citation].to_dict()}
        for c, f, column, label in picks
    ]
    period = facts.loc["no-lup-period"]
    rows.append(
        {
            "country": "NO",
            "year": int(period["value"]),
            "end_year": int(period["value_high"]),
            "label_en": text("overview.milestone.lup_period", lang),
            **period[citation].to_dict(),
        }
    )
    # The networks' own rows: `buyer_networks()` would also scan every network fact for the initiation type.
    networks = queries.cited_frame(tables.BuyerNetwork, engine).dropna(subset=["start_year"])
    for net in networks.to_dict("records"):
        rows.append(
            {
                "country": "SE",
                "year": int(net["start_year"]),
                "label_en": text("overview.milestone.network_starts", lang, name=net["name"]),
                **{k: net[k] for k in citation},
            }
        )
    frame = pd.DataFrame.from_records(rows, columns=["country", "year", "end_year", "label_en", *CITATION_COLUMNS])
    return frame.sort_values(["year", "country"], kind="stable").reset_index(drop=True)


def milestone_points(countries: tuple[str, ...], engine: Engine | None = None, lang: str = "en") -> pd.DataFrame:
    """The timeline's marks: one per year and country, with how many milestones fall there and their labels.

    Several networks start in the same year; at 10 000 synthetic networks this grouping was 30 ms a rerun,
    so it is a query the page caches rather than pandas work in the page.
    """
    chosen = milestones(engine, lang)
    chosen = chosen[chosen["country"].isin(countries)]
    return chosen.groupby(["year", "country"], as_index=False).agg(events=("label_en", "count"), label_en=("label_en", "; ".join))


def procurement_facts() -> dict[str, str]:
    """Each compared country's stated procurement volume: the fact in the grid's `procurement` row."""
    shown = views.refs("overview", "comparison")
    return {c: shown[f"procurement.{c}"][0] for c in countries.compared_codes() if f"procurement.{c}" in shown}


def normalised_procurement(currency: str, rate_year: int, engine: Engine | None = None, lang: str = "en") -> pd.DataFrame:
    """Each country's stated procurement volume in `currency` and per inhabitant, with the formula (in `lang`).

    value in `currency` = value / rate[source currency] * rate[currency], rates in units per euro
    (ECB annual averages for `rate_year`); per inhabitant = that / population (the stored year closest to `rate_year`).
    """
    chosen = procurement_facts()
    facts = _facts(list(chosen.values()), engine)
    rates = queries.exchange_rates(engine).query("year == @rate_year").set_index("currency")
    population = queries.population(engine)
    records = []
    for country, fact_id in chosen.items():
        fact = facts.loc[fact_id]
        people = population[population["country"] == country]
        people = people.iloc[(people["year"] - rate_year).abs().argsort()].iloc[0]
        source_rate, target_rate = rates.loc[fact["unit"], "per_eur"], rates.loc[currency, "per_eur"]
        converted = fact["value"] / source_rate * target_rate
        records.append(
            {
                "country": country,
                "stated": fact["value"],
                "stated_unit": fact["unit"],
                "qualifier": fact["qualifier"],
                "as_of": fact["as_of"],
                "converted": converted,
                "currency": currency,
                "per_capita": converted / people["population"],
                "formula": text(
                    "overview.formula.per_capita",
                    lang,
                    value=fmt.number_text(float(fact["value"]), lang),
                    unit=fact["unit"],
                    source_rate=fmt.number_text(source_rate, lang),
                    target_rate=fmt.number_text(target_rate, lang),
                    currency=currency,
                    population=fmt.number_text(float(people["population"]), lang),
                    year=int(people["year"]),
                ),
                "rate_source": "; ".join(localize([rates.loc[fact["unit"], "source"], rates.loc[currency, "source"]], lang)),
                "population_source": localize(people["source"], lang),
                **fact[list(CITATION_COLUMNS)].to_dict(),
            }
        )
    return pd.DataFrame.from_records(records)


def _facts(ids: list[str], engine: Engine | None) -> pd.DataFrame:
    """The named facts only, indexed by id: with 1e6 facts in the store all of them take seconds, these milliseconds."""
    return queries.facts(engine=engine, ids=ids).set_index("fact_id")


def rate_years(engine: Engine | None = None) -> list[int]:
    return sorted(int(y) for y in queries.exchange_rates(engine)["year"].unique())
