"""Which seed file fills which table, and the rules each file must follow."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlmodel import SQLModel

from model import tables as t

CITATION_COLUMNS = ("source", "locator", "quote")

COUNTRIES = frozenset({"NO", "SE", "DK", "FI", "IS"})
SECTORS = frozenset({"government", "municipal_regional", "business", "research_innovation", "other"})
ROLES = frozenset(
    {
        "lup_owner",
        "lup_cofounder",
        "lup_steering_lead",
        "lup_ministry",
        "lup_key_actor",
        "summit_convener",
        "summit_participant",
        "coi_owner",
        "programme_organiser",
        "programme_funder",
    }
)
UNITS = frozenset({"NOK", "SEK", "DKK", "EUR", "count", "FTE", "year", "percent"})
QUALIFIERS = frozenset({"approx", "more_than", "at_least", "up_to"})
CURRENCIES = frozenset({"NOK", "SEK", "DKK", "EUR"})


@dataclass(frozen=True)
class SeedTable:
    """One kind of seed file: its path pattern (relative to `seed/`) and its table."""

    pattern: str
    model: type[SQLModel]
    key: tuple[str, ...]
    cited: bool = True
    choices: dict[str, frozenset[str]] = field(default_factory=dict)
    # column -> (table name, column) it must refer to; list columns hold "; "-separated values
    refs: dict[str, tuple[str, str]] = field(default_factory=dict)
    list_refs: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def table(self) -> str:
        return self.model.__tablename__  # type: ignore[return-value]

    def columns(self) -> list[str]:
        own = [c for c in self.model.model_fields if c not in ("id", "citation_id")]
        return own + list(CITATION_COLUMNS if self.cited else ())


REGION = ("region", "code")

# Order matters: a table comes after the tables it refers to.
SEED_TABLES: tuple[SeedTable, ...] = (
    SeedTable("sources.csv", t.Source, ("file",), cited=False, choices={"language": frozenset({"nb", "sv", "da", "en"})}),
    SeedTable("reference/regions.csv", t.Region, ("code",), cited=False, choices={"country": COUNTRIES}),
    SeedTable("reference/population.csv", t.Population, ("country", "year"), cited=False, choices={"country": COUNTRIES}),
    SeedTable("reference/exchange_rates.csv", t.ExchangeRate, ("currency", "year"), cited=False, choices={"currency": CURRENCIES}),
    SeedTable("reference/municipality_counts.csv", t.MunicipalityCount, ("country", "year"), cited=False, choices={"country": COUNTRIES}),
    SeedTable("reference/organiser_seats.csv", t.OrganiserSeat, ("organiser",), cited=False, refs={"lan_code": REGION}),
    SeedTable("organisations.csv", t.Organisation, ("org_id",), cited=False, choices={"sector": SECTORS, "country": COUNTRIES}),
    SeedTable(
        "org_roles.csv", t.OrgRole, ("org_id", "role", "context"), choices={"role": ROLES}, refs={"org_id": ("organisation", "org_id")}
    ),
    SeedTable("*/facts.csv", t.Fact, ("fact_id",), choices={"unit": UNITS, "qualifier": QUALIFIERS, "country": COUNTRIES}),
    SeedTable("*/statements.csv", t.Statement, ("statement_id",), choices={"country": COUNTRIES}),
    SeedTable("norway/lup_goals.csv", t.LupGoal, ("goal_id",), choices={"level": frozenset({"vision", "main", "sub"})}),
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
    SeedTable(
        "norway/small_municipality_findings.csv",
        t.SmallMunicipalityFinding,
        ("finding_id",),
        choices={"kind": frozenset({"barrier", "lup_measure", "recommendation"})},
    ),
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
