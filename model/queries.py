"""The questions pages ask the store. Each returns plain data (DataFrames, dicts).

Cited rows come back with their citation joined in as `source`, `locator` and
`quote` columns, so any figure a page draws can show where it comes from.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd
from sqlalchemy import ColumnElement, Connection, Engine, Select, func, inspect, select
from sqlmodel import Session, SQLModel

from model import tables as t
from model.db import get_engine
from model.schema import CITATION_COLUMNS


def has_data(engine: Engine | None = None) -> bool:
    engine = engine or get_engine()
    if "data_version" not in inspect(engine).get_table_names():
        return False
    with Session(engine) as session:
        return bool(session.exec(select(func.count()).select_from(t.DataVersion)).scalar_one() > 0)  # type: ignore[call-overload]


def data_version(engine: Engine | None = None) -> dict[str, Any] | None:
    """The latest load: its id (a cache key) and when the data last changed."""
    with Session(engine or get_engine()) as session:
        row = session.exec(select(t.DataVersion).order_by(t.DataVersion.id.desc()).limit(1)).scalars().first()  # type: ignore[union-attr,call-overload]
        return None if row is None else {"id": row.id, "loaded_at": row.loaded_at, "content_hash": row.content_hash}


def cited_frame(model: type[SQLModel], engine: Engine | None = None, order_by: str | None = None, **equals: Any) -> pd.DataFrame:
    """All rows of a cited table (optionally filtered by equality), with their citations."""
    return _cited_frame(model, engine, order_by, {}, **equals)


def _cited_frame(
    model: type[SQLModel], engine: Engine | None, order_by: str | None, within: dict[str, Iterable[Any]], **equals: Any
) -> pd.DataFrame:
    """`cited_frame`, also filtered by `column IN values` for each entry of `within`."""
    table, citation = model.__table__, t.Citation.__table__  # type: ignore[attr-defined]
    statement = select(
        *(table.c[name] for name in model.model_fields), citation.c.source_file.label("source"), citation.c.locator, citation.c.quote
    ).join_from(table, citation, table.c.citation_id == citation.c.id, isouter=True)
    for column, value in equals.items():
        statement = statement.where(table.c[column] == value)
    for column, values in within.items():
        statement = statement.where(table.c[column].in_(list(values)))
    if order_by:
        statement = statement.order_by(table.c[order_by])
    return _frame(statement, [*model.model_fields, *CITATION_COLUMNS], engine)


def plain_frame(model: type[SQLModel], engine: Engine | None = None, **equals: Any) -> pd.DataFrame:
    table = model.__table__  # type: ignore[attr-defined]
    statement = select(*(table.c[name] for name in model.model_fields))
    for column, value in equals.items():
        statement = statement.where(table.c[column] == value)
    return _frame(statement, list(model.model_fields), engine)


# Column types whose values the database driver already returns as the Python value (no SQLAlchemy conversion needed).
_RAW_TYPES = (str, int, float)


def _frame(statement: Select[Any], columns: list[str], engine: Engine | None) -> pd.DataFrame:
    """Run `statement` into a DataFrame, column by column name.

    Why not ORM objects: building one SQLModel object (and a dict) per row cost ~35 s for
    1e6 facts. Plain strings and numbers come straight from the driver's tuples; columns
    that need SQLAlchemy's conversion (dates, booleans) go through its rows.
    """
    raw = all(_python_type(c) in _RAW_TYPES for c in statement.selected_columns)
    with (engine or get_engine()).connect() as conn:
        _register_functions(conn)
        result = conn.execute(statement)
        rows = result.cursor.fetchall() if raw and result.cursor is not None else [tuple(r) for r in result]
        result.close()
    return pd.DataFrame.from_records(rows, columns=columns)


def _register_functions(conn: Connection) -> None:
    """SQLite's upper() folds ASCII only; the quote search needs Python's (Ø, Ä, ß), as the page's pandas search had."""
    if conn.dialect.name == "sqlite":
        conn.connection.driver_connection.create_function("compass_contains", 2, _contains, deterministic=True)  # type: ignore[union-attr]


def _contains(text: str | None, needle: str) -> bool:
    return text is not None and needle in text.upper()


def _python_type(column: Any) -> type | None:
    try:
        python_type: type = column.type.python_type
        return python_type
    except NotImplementedError:
        return None


# --- Sources --------------------------------------------------------------------------


def sources(engine: Engine | None = None) -> pd.DataFrame:
    return plain_frame(t.Source, engine)


def citations(engine: Engine | None = None, source_file: str | None = None) -> pd.DataFrame:
    """Every citation (optionally of one document) with the table and row it proves."""
    table = t.Citation.__table__  # type: ignore[attr-defined]
    statement = select(*(table.c[name] for name in t.Citation.model_fields)).order_by(table.c.source_file, table.c.entity, table.c.id)
    if source_file:
        statement = statement.where(table.c.source_file == source_file)
    return _frame(statement, list(t.Citation.model_fields), engine)


def _quote_matches(search: str, dialect: str) -> ColumnElement[bool]:
    """Citations whose quote contains `search` as plain text, ignoring case (never a pattern: % and _ are text)."""
    quote, needle = t.Citation.__table__.c.quote, search.upper()  # type: ignore[attr-defined]
    if dialect == "sqlite":
        return func.compass_contains(quote, needle) == 1
    if dialect == "postgresql":
        return func.strpos(func.upper(quote), needle) > 0
    return func.upper(quote).contains(needle, autoescape=True)


def citation_counts(search: str = "", engine: Engine | None = None) -> dict[str, int]:
    """How many citations each document has (whose quote contains `search`, when given), counted in the database."""
    engine = engine or get_engine()
    table = t.Citation.__table__  # type: ignore[attr-defined]
    statement = select(table.c.source_file, func.count()).group_by(table.c.source_file)
    if search:
        statement = statement.where(_quote_matches(search, engine.dialect.name))
    with engine.connect() as conn:
        _register_functions(conn)
        return {source_file: int(n) for source_file, n in conn.execute(statement)}


def citations_page(
    source_file: str, search: str = "", limit: int | None = 100, offset: int = 0, engine: Engine | None = None
) -> pd.DataFrame:
    """One document's citations (whose quote contains `search`), in the order of `citations()`, `limit` rows from `offset`.

    Same columns as `citations()`. `limit=None` gives them all (for a download). With 1e6 citations
    in one document, a page of 100 takes milliseconds (index 0005) where all of them take seconds."""
    engine = engine or get_engine()
    table = t.Citation.__table__  # type: ignore[attr-defined]
    statement = (
        select(*(table.c[name] for name in t.Citation.model_fields))
        .where(table.c.source_file == source_file)
        .order_by(table.c.entity, table.c.id)
        .offset(max(0, offset))
    )
    if search:
        statement = statement.where(_quote_matches(search, engine.dialect.name))
    if limit is not None:
        statement = statement.limit(max(0, limit))
    return _frame(statement, list(t.Citation.model_fields), engine)


# --- Cross-country --------------------------------------------------------------------


def facts(country: str | None = None, engine: Engine | None = None, ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Facts (of one country), with citations. Pass `ids` when you need a few: with 1e6 facts in the
    store, all of them take seconds to load, the few you name take milliseconds (`make bench`)."""
    return _cited_frame(t.Fact, engine, None, {} if ids is None else {"fact_id": ids}, **({"country": country} if country else {}))


def fact_ids(ids: Iterable[str], engine: Engine | None = None) -> set[str]:
    """Which of `ids` are facts (the others may be statements): one primary-key lookup, no rows loaded."""
    table = t.Fact.__table__  # type: ignore[attr-defined]
    with (engine or get_engine()).connect() as conn:
        return {str(fact_id) for (fact_id,) in conn.execute(select(table.c.fact_id).where(table.c.fact_id.in_(list(ids))))}


def fact(fact_id: str, engine: Engine | None = None) -> dict[str, Any] | None:
    frame = facts(engine=engine, ids=[fact_id])
    return None if frame.empty else frame.iloc[0].to_dict()


def statements(country: str | None = None, engine: Engine | None = None, ids: Iterable[str] | None = None) -> pd.DataFrame:
    """Statements (of one country), with citations; `ids` picks a few, as in `facts()`."""
    return _cited_frame(
        t.Statement, engine, None, {} if ids is None else {"statement_id": ids}, **({"country": country} if country else {})
    )


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
