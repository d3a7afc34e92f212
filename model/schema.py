"""The seed tables as data: which file fills which table, its key, and the values each column allows.

`seed/` reads the files and `model.editing` checks edits with these same rules
(`model.rules`), so a fact typed in the admin page and a fact in a CSV obey one definition.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from sqlmodel import SQLModel

from model import tables as t
from model.countries import COUNTRIES  # the allowed `country` values are the registry's codes

# The columns every cited row carries (seed files, queries' frames, downloads).
CITATION_COLUMNS = ("source", "locator", "quote")


class Language(StrEnum):
    NB = "nb"
    SV = "sv"
    DA = "da"
    EN = "en"


class Sector(StrEnum):
    """An organisation's sector, in the order charts list them."""

    GOVERNMENT = "government"
    MUNICIPAL_REGIONAL = "municipal_regional"
    BUSINESS = "business"
    RESEARCH_INNOVATION = "research_innovation"
    OTHER = "other"


class Role(StrEnum):
    """An organisation's role in a programme (`org_roles.csv`)."""

    LUP_OWNER = "lup_owner"
    LUP_COFOUNDER = "lup_cofounder"
    LUP_STEERING_LEAD = "lup_steering_lead"
    LUP_MINISTRY = "lup_ministry"
    LUP_KEY_ACTOR = "lup_key_actor"
    SUMMIT_CONVENER = "summit_convener"
    SUMMIT_PARTICIPANT = "summit_participant"
    COI_OWNER = "coi_owner"
    PROGRAMME_ORGANISER = "programme_organiser"
    PROGRAMME_FUNDER = "programme_funder"


class Unit(StrEnum):
    """A fact's unit: a currency (base units, not millions) or a count, a share, a duration."""

    NOK = "NOK"
    SEK = "SEK"
    DKK = "DKK"
    EUR = "EUR"
    COUNT = "count"
    FTE = "FTE"
    YEAR = "year"
    PERCENT = "percent"


CURRENCIES: tuple[Unit, ...] = (Unit.NOK, Unit.SEK, Unit.DKK, Unit.EUR)  # the units that are money: an exchange rate's `currency`


class Qualifier(StrEnum):
    """How the document bounds a figure ("about", "more than", ...)."""

    APPROX = "approx"
    MORE_THAN = "more_than"
    AT_LEAST = "at_least"
    UP_TO = "up_to"


class GoalLevel(StrEnum):
    """A LUP goal's level, top down."""

    VISION = "vision"
    MAIN = "main"
    SUB = "sub"


class FindingKind(StrEnum):
    """What a finding on small municipalities is, in the order the page shows them."""

    BARRIER = "barrier"
    LUP_MEASURE = "lup_measure"
    RECOMMENDATION = "recommendation"


@dataclass(frozen=True)
class SeedTable:
    """One kind of seed file: its path pattern (relative to `seed/`) and its table."""

    pattern: str
    model: type[SQLModel]
    key: tuple[str, ...]
    cited: bool = True
    choices: dict[str, Iterable[str]] = field(default_factory=dict)  # a StrEnum, or the country registry (read when checked)
    # column -> (table name, column) it must refer to; list columns hold "; "-separated values
    refs: dict[str, tuple[str, str]] = field(default_factory=dict)
    list_refs: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def table(self) -> str:
        return str(self.model.__tablename__)

    def columns(self) -> list[str]:
        own = [c for c in self.model.model_fields if c not in ("id", "citation_id")]
        return own + list(CITATION_COLUMNS if self.cited else ())


REGION = ("region", "code")

# Order matters: a table comes after the tables it refers to.
SEED_TABLES: tuple[SeedTable, ...] = (
    SeedTable("sources.csv", t.Source, ("file",), cited=False, choices={"language": Language}),
    SeedTable("reference/regions.csv", t.Region, ("code",), cited=False, choices={"country": COUNTRIES}),
    SeedTable("reference/population.csv", t.Population, ("country", "year"), cited=False, choices={"country": COUNTRIES}),
    SeedTable("reference/exchange_rates.csv", t.ExchangeRate, ("currency", "year"), cited=False, choices={"currency": CURRENCIES}),
    SeedTable("reference/municipality_counts.csv", t.MunicipalityCount, ("country", "year"), cited=False, choices={"country": COUNTRIES}),
    SeedTable("reference/organiser_seats.csv", t.OrganiserSeat, ("organiser",), cited=False, refs={"lan_code": REGION}),
    SeedTable("organisations.csv", t.Organisation, ("org_id",), cited=False, choices={"sector": Sector, "country": COUNTRIES}),
    SeedTable(
        "org_roles.csv", t.OrgRole, ("org_id", "role", "context"), choices={"role": Role}, refs={"org_id": ("organisation", "org_id")}
    ),
    SeedTable("*/facts.csv", t.Fact, ("fact_id",), choices={"unit": Unit, "qualifier": Qualifier, "country": COUNTRIES}),
    SeedTable("*/statements.csv", t.Statement, ("statement_id",), choices={"country": COUNTRIES}),
    SeedTable("norway/lup_goals.csv", t.LupGoal, ("goal_id",), choices={"level": GoalLevel}),
    SeedTable("norway/result_targets.csv", t.ResultTarget, ("target_id",), refs={"goal_id": ("lup_goal", "goal_id")}),
    SeedTable("norway/lup_hubs.csv", t.LupHub, ("hub_id",)),
    SeedTable(
        "norway/hub_counties.csv", t.HubCounty, ("hub_id", "county_code"), refs={"hub_id": ("lup_hub", "hub_id"), "county_code": REGION}
    ),
    SeedTable(
        "norway/regional_programmes.csv",
        t.RegionalProgramme,
        ("programme_id",),
        refs={"hub_id": ("lup_hub", "hub_id")},
        list_refs={"county_codes": REGION},
    ),
    SeedTable(
        "norway/regional_programme_facts.csv",
        t.RegionalProgrammeFact,
        ("programme_id", "attribute", "value_text"),
        refs={"programme_id": ("regional_programme", "programme_id")},
    ),
    SeedTable("norway/small_municipality_findings.csv", t.SmallMunicipalityFinding, ("finding_id",), choices={"kind": FindingKind}),
    SeedTable("sweden/buyer_networks.csv", t.BuyerNetwork, ("network_id",)),
    SeedTable(
        "sweden/network_facts.csv",
        t.NetworkFact,
        ("network_id", "attribute", "value_text", "text_en"),
        refs={"network_id": ("buyer_network", "network_id")},
    ),
    SeedTable("sweden/success_factors.csv", t.SuccessFactor, ("factor_id",)),
    SeedTable("sweden/procurement_levels.csv", t.ProcurementLevel, ("level_id",)),
    SeedTable("sweden/level_examples.csv", t.LevelExample, ("example_id",), refs={"level_id": ("procurement_level", "level_id")}),
    SeedTable("sweden/new_network_areas.csv", t.NewNetworkArea, ("area_id",)),
    SeedTable("sweden/proposals.csv", t.Proposal, ("proposal_id",)),
)

SEED_TABLE = {spec.table: spec for spec in SEED_TABLES}
