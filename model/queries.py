"""The questions pages ask the store. Each returns plain data (DataFrames, dicts).

Cited rows come back with their citation joined in as `source`, `locator` and
`quote` columns, so any figure a page draws can show where it comes from.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Engine, func, inspect, select
from sqlmodel import Session, SQLModel

from model import tables as t
from model.db import get_engine

CITATION_COLUMNS = ["source", "locator", "quote"]


def has_data(engine: Engine | None = None) -> bool:
    engine = engine or get_engine()
    if "data_version" not in inspect(engine).get_table_names():
        return False
    with Session(engine) as session:
        return session.exec(select(func.count()).select_from(t.DataVersion)).scalar_one() > 0  # type: ignore[call-overload]


def data_version(engine: Engine | None = None) -> dict[str, Any] | None:
    """The latest load: its id (a cache key) and when the data last changed."""
    with Session(engine or get_engine()) as session:
        row = session.exec(select(t.DataVersion).order_by(t.DataVersion.id.desc()).limit(1)).scalars().first()  # type: ignore[union-attr,call-overload]
        return None if row is None else {"id": row.id, "loaded_at": row.loaded_at, "content_hash": row.content_hash}


def cited_frame(model: type[SQLModel], engine: Engine | None = None, order_by: str | None = None, **equals: Any) -> pd.DataFrame:
    """All rows of a cited table (optionally filtered by equality), with their citations."""
    statement = select(model, t.Citation.source_file, t.Citation.locator, t.Citation.quote).join(
        t.Citation,
        model.citation_id == t.Citation.id,
        isouter=True,  # type: ignore[attr-defined]
    )
    for column, value in equals.items():
        statement = statement.where(getattr(model, column) == value)
    if order_by:
        statement = statement.order_by(getattr(model, order_by))
    with Session(engine or get_engine()) as session:
        rows = session.exec(statement).all()  # type: ignore[call-overload]
    records = [{**obj.model_dump(), "source": src, "locator": loc, "quote": quote} for obj, src, loc, quote in rows]
    columns = [*model.model_fields, *CITATION_COLUMNS]
    return pd.DataFrame.from_records(records, columns=columns)


def plain_frame(model: type[SQLModel], engine: Engine | None = None, **equals: Any) -> pd.DataFrame:
    statement = select(model)
    for column, value in equals.items():
        statement = statement.where(getattr(model, column) == value)
    with Session(engine or get_engine()) as session:
        rows = session.exec(statement).scalars().all()  # type: ignore[call-overload]
    return pd.DataFrame.from_records([r.model_dump() for r in rows], columns=list(model.model_fields))


# --- Sources --------------------------------------------------------------------------


def sources(engine: Engine | None = None) -> pd.DataFrame:
    return plain_frame(t.Source, engine)


def citations(engine: Engine | None = None, source_file: str | None = None) -> pd.DataFrame:
    """Every citation (optionally of one document) with the table and row it proves."""
    statement = select(t.Citation).order_by(t.Citation.source_file, t.Citation.entity, t.Citation.id)
    if source_file:
        statement = statement.where(t.Citation.source_file == source_file)
    with Session(engine or get_engine()) as session:
        rows = session.exec(statement).scalars().all()  # type: ignore[call-overload]
    return pd.DataFrame.from_records([r.model_dump() for r in rows], columns=list(t.Citation.model_fields))


# --- Cross-country --------------------------------------------------------------------


def facts(country: str | None = None, engine: Engine | None = None) -> pd.DataFrame:
    return cited_frame(t.Fact, engine, **({"country": country} if country else {}))


def fact(fact_id: str, engine: Engine | None = None) -> dict[str, Any] | None:
    frame = cited_frame(t.Fact, engine, fact_id=fact_id)
    return None if frame.empty else frame.iloc[0].to_dict()


def statements(country: str | None = None, engine: Engine | None = None) -> pd.DataFrame:
    return cited_frame(t.Statement, engine, **({"country": country} if country else {}))


def organisations_with_role(role: str, context: str | None = None, engine: Engine | None = None) -> pd.DataFrame:
    """Organisations holding a role (e.g. `summit_participant`), with name, country, sector and citation."""
    roles = cited_frame(t.OrgRole, engine, role=role)
    if context is not None:
        roles = roles[roles["context"] == context]
    orgs = plain_frame(t.Organisation, engine)
    merged = roles.merge(orgs, on="org_id", how="left")
    return merged[["org_id", "name", "name_en", "country", "sector", "role", "context", "note", *CITATION_COLUMNS]]


# --- Norway ---------------------------------------------------------------------------


def lup_goals(engine: Engine | None = None) -> pd.DataFrame:
    return cited_frame(t.LupGoal, engine)


def result_targets(engine: Engine | None = None) -> pd.DataFrame:
    frame = cited_frame(t.ResultTarget, engine)
    return frame.sort_values(["goal_id", "position"], kind="stable").reset_index(drop=True)


def lup_hubs(engine: Engine | None = None) -> pd.DataFrame:
    return cited_frame(t.LupHub, engine)


def hub_counties(engine: Engine | None = None) -> pd.DataFrame:
    """Each county with the hub it belongs to (2015-2019 county layout)."""
    links = cited_frame(t.HubCounty, engine)
    regions = plain_frame(t.Region, engine, country="NO")[["code", "name", "valid_to", "merged_into"]]
    hubs = plain_frame(t.LupHub, engine)[["hub_id", "name", "start_year"]].rename(columns={"name": "hub_name"})
    merged = links.merge(regions, left_on="county_code", right_on="code", how="left").merge(hubs, on="hub_id", how="left")
    return merged.rename(columns={"name": "county_name"}).drop(columns=["code", "id", "citation_id"])


def regional_programmes(engine: Engine | None = None) -> pd.DataFrame:
    return cited_frame(t.RegionalProgramme, engine)


def regional_programme_facts(programme_id: str | None = None, engine: Engine | None = None) -> pd.DataFrame:
    return cited_frame(t.RegionalProgrammeFact, engine, **({"programme_id": programme_id} if programme_id else {}))


def small_municipality_findings(engine: Engine | None = None) -> pd.DataFrame:
    return cited_frame(t.SmallMunicipalityFinding, engine)


# --- Sweden ---------------------------------------------------------------------------


def buyer_networks(engine: Engine | None = None) -> pd.DataFrame:
    """The ten networks of Table 1, with the initiation type where the report states it."""
    networks = cited_frame(t.BuyerNetwork, engine)
    initiation = cited_frame(t.NetworkFact, engine, attribute="initiation")[["network_id", "value_text"]]
    initiation = initiation.drop_duplicates("network_id").rename(columns={"value_text": "initiation"})
    return networks.merge(initiation, on="network_id", how="left")


def network_facts(network_id: str | None = None, engine: Engine | None = None) -> pd.DataFrame:
    return cited_frame(t.NetworkFact, engine, **({"network_id": network_id} if network_id else {}))


def success_factors(engine: Engine | None = None) -> pd.DataFrame:
    return cited_frame(t.SuccessFactor, engine, order_by="position")


def procurement_levels(engine: Engine | None = None) -> pd.DataFrame:
    return cited_frame(t.ProcurementLevel, engine, order_by="position")


def level_examples(engine: Engine | None = None) -> pd.DataFrame:
    return cited_frame(t.LevelExample, engine)


def new_network_areas(engine: Engine | None = None) -> pd.DataFrame:
    return cited_frame(t.NewNetworkArea, engine)


def proposals(engine: Engine | None = None) -> pd.DataFrame:
    return cited_frame(t.Proposal, engine, order_by="section")


# --- Reference data -------------------------------------------------------------------


def regions(country: str | None = None, engine: Engine | None = None) -> pd.DataFrame:
    return plain_frame(t.Region, engine, **({"country": country} if country else {}))


def population(engine: Engine | None = None) -> pd.DataFrame:
    return plain_frame(t.Population, engine)


def exchange_rates(engine: Engine | None = None) -> pd.DataFrame:
    return plain_frame(t.ExchangeRate, engine)


def municipality_counts(engine: Engine | None = None) -> pd.DataFrame:
    return plain_frame(t.MunicipalityCount, engine)
