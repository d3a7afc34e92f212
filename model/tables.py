"""SQLModel tables: the cited facts from `seed/`, reference data, and user-made rows.

Every table loaded from a source document has a `citation_id` pointing at a
`Citation` (document, locator, verbatim quote). Reference tables carry their own
`source` and `year` columns instead. Tables whose names start with `user_` hold
what people create in the app; `python -m seed load` never touches them.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel


class Source(SQLModel, table=True):
    """A source document in `../shared/seeds/`, cited by its file name."""

    file: str = Field(primary_key=True)
    title: str
    title_en: str | None = None
    language: str
    publisher: str | None = None
    published: str | None = None
    kind: str
    note: str | None = None
    cite_as: str | None = None  # how a reader cites it: "Upphandlingsmyndigheten, Rapport 2019:3"


class Citation(SQLModel, table=True):
    """Where a fact comes from: a document, a place in it and the exact words."""

    # One document's citations, read in order (migration 0005, measured in bench/README.md).
    __table_args__ = (Index("ix_citation_source_file_entity", "source_file", "entity", "id"),)

    id: int | None = Field(default=None, primary_key=True)
    entity: str = Field(index=True)  # table name of the cited row
    entity_key: str = Field(index=True)  # that row's key
    source_file: str = Field(foreign_key="source.file")
    locator: str
    quote: str


class Cited(SQLModel):
    citation_id: int | None = Field(default=None, foreign_key="citation.id")


# --- Organisations (all countries) -------------------------------------------------


class Organisation(SQLModel, table=True):
    org_id: str = Field(primary_key=True)
    name: str
    name_en: str | None = None
    country: str = Field(index=True)
    sector: str
    note: str | None = None


class OrgRole(Cited, table=True):
    """An organisation's role in a programme, e.g. LUP owner or summit participant."""

    __tablename__ = "org_role"
    id: int | None = Field(default=None, primary_key=True)
    org_id: str = Field(foreign_key="organisation.org_id", index=True)
    role: str = Field(index=True)
    context: str | None = None


class Fact(Cited, table=True):
    """A numeric headline figure in base units (400 bn NOK is 400000000000 NOK)."""

    fact_id: str = Field(primary_key=True)
    country: str = Field(index=True)
    topic: str
    label_en: str
    value: float
    value_high: float | None = None
    unit: str
    qualifier: str | None = None
    as_of: str | None = None
    caveat: str | None = None


class Statement(Cited, table=True):
    """A cited qualitative fact (a date as stated, a purpose, a mandate)."""

    statement_id: str = Field(primary_key=True)
    country: str = Field(index=True)
    topic: str
    text_en: str


# --- Norway: LUP (Leverandørutviklingsprogrammet) ----------------------------------


class LupGoal(Cited, table=True):
    """Vision, main goal (hovedmål) or sub-goal (delmål) of LUP 2015-2019."""

    __tablename__ = "lup_goal"
    goal_id: str = Field(primary_key=True)
    level: str
    parent_id: str | None = None
    title_nb: str | None = None
    text_nb: str
    text_en: str | None = None
    deadline: int | None = None


class ResultTarget(Cited, table=True):
    """A numbered result target (resultatmål) under a LUP sub-goal."""

    __tablename__ = "result_target"
    target_id: str = Field(primary_key=True)
    goal_id: str = Field(foreign_key="lup_goal.goal_id")
    position: int
    text_nb: str
    text_en: str | None = None
    target_value: float | None = None
    unit: str | None = None
    deadline: int | None = None


class LupHub(Cited, table=True):
    """A regional hub of LUP (regionalt knutepunkt)."""

    __tablename__ = "lup_hub"
    hub_id: str = Field(primary_key=True)
    name: str
    start_year: int | None = None
    note: str | None = None


class HubCounty(Cited, table=True):
    __tablename__ = "hub_county"
    id: int | None = Field(default=None, primary_key=True)
    hub_id: str = Field(foreign_key="lup_hub.hub_id", index=True)
    county_code: str = Field(foreign_key="region.code")


class RegionalProgramme(Cited, table=True):
    """A regional supplier-development programme such as IOA Troms & Svalbard."""

    __tablename__ = "regional_programme"
    programme_id: str = Field(primary_key=True)
    name: str
    county_codes: str  # "; "-separated ISO 3166-2 codes
    hub_id: str | None = Field(default=None, foreign_key="lup_hub.hub_id")


class RegionalProgrammeFact(Cited, table=True):
    __tablename__ = "regional_programme_fact"
    id: int | None = Field(default=None, primary_key=True)
    programme_id: str = Field(foreign_key="regional_programme.programme_id", index=True)
    attribute: str
    value_text: str
    text_en: str | None = None


class SmallMunicipalityFinding(Cited, table=True):
    """A barrier, LUP measure or recommendation for small municipalities."""

    __tablename__ = "small_municipality_finding"
    finding_id: str = Field(primary_key=True)
    kind: str
    theme: str
    text_nb: str
    text_en: str | None = None


# --- Sweden: buyer networks (beställarnätverk) -------------------------------------


class BuyerNetwork(Cited, table=True):
    """A Swedish buyer network (beställarnätverk) from Table 1 of report 2019:3."""

    __tablename__ = "buyer_network"
    network_id: str = Field(primary_key=True)
    name: str
    start_year: int | None = None
    start_status: str | None = None
    organiser: str  # arrangör
    financier: str  # finansiär
    focus_sv: str | None = None
    focus_en: str | None = None


class NetworkFact(Cited, table=True):
    """What the report says about one network: initiation type, results, members."""

    __tablename__ = "network_fact"
    id: int | None = Field(default=None, primary_key=True)
    network_id: str = Field(foreign_key="buyer_network.network_id", index=True)
    attribute: str
    value_text: str | None = None
    value: float | None = None
    unit: str | None = None
    text_en: str | None = None


class SuccessFactor(Cited, table=True):
    """A success factor (framgångsfaktor) with its guiding question."""

    __tablename__ = "success_factor"
    factor_id: str = Field(primary_key=True)
    position: int
    name_sv: str
    name_en: str | None = None
    question_sv: str
    question_en: str | None = None


class ProcurementLevel(Cited, table=True):
    """A step of the innovation-procurement stair: initiera, introducera, införa."""

    __tablename__ = "procurement_level"
    level_id: str = Field(primary_key=True)
    position: int
    name_sv: str
    name_en: str | None = None
    definition_sv: str
    definition_en: str | None = None


class LevelExample(Cited, table=True):
    __tablename__ = "level_example"
    example_id: str = Field(primary_key=True)
    level_id: str = Field(foreign_key="procurement_level.level_id")
    text_sv: str
    text_en: str | None = None


class NewNetworkArea(Cited, table=True):
    __tablename__ = "new_network_area"
    area_id: str = Field(primary_key=True)
    name_sv: str
    name_en: str | None = None
    authorities: str | None = None
    text_en: str | None = None


class Proposal(Cited, table=True):
    """One of the report's five proposals (förslag på insatser)."""

    proposal_id: str = Field(primary_key=True)
    section: str
    title_sv: str
    title_en: str | None = None
    summary_en: str | None = None
    authorities: str | None = None


# --- Reference data (not in the documents; each row names its source) -------------


class Region(SQLModel, table=True):
    """A county (fylke), län or region, keyed by its ISO 3166-2 code."""

    code: str = Field(primary_key=True)
    country: str = Field(index=True)
    name: str
    kind: str
    valid_from: int | None = None
    valid_to: int | None = None
    merged_into: str | None = None
    ne_name: str | None = None
    source: str
    year: int


class Population(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    country: str
    year: int
    population: int
    source: str
    note: str | None = None


class ExchangeRate(SQLModel, table=True):
    """Annual average rate: units of `currency` per one euro."""

    __tablename__ = "exchange_rate"
    id: int | None = Field(default=None, primary_key=True)
    currency: str
    year: int
    per_eur: float = Field(gt=0)
    source: str
    note: str | None = None


class MunicipalityCount(SQLModel, table=True):
    __tablename__ = "municipality_count"
    id: int | None = Field(default=None, primary_key=True)
    country: str
    year: int
    count: int
    source: str
    note: str | None = None


class OrganiserSeat(SQLModel, table=True):
    """Where a Swedish network organiser (arrangör in Table 1) has its seat: reference data, not in the report."""

    __tablename__ = "organiser_seat"
    organiser: str = Field(primary_key=True)  # one name as Table 1 spells it ("Byggherrarna/WSP" is two rows)
    seat: str
    lan_code: str = Field(foreign_key="region.code")
    lat: float
    lon: float
    source: str
    year: int
    note: str | None = None


# --- Bookkeeping ---------------------------------------------------------------------


class DataVersion(SQLModel, table=True):
    """One row per successful load: lets caches and the footer know the data changed."""

    __tablename__ = "data_version"
    id: int | None = Field(default=None, primary_key=True)
    loaded_at: datetime
    content_hash: str
    row_count: int
