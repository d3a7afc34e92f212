"""What the Denmark page asks the store: the summit process, who took part, what Norway brings,
and the cited defaults and baseline of the scenario model (`model.projection`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
from babel.numbers import format_decimal
from sqlalchemy import Engine

from model import format as fmt
from model import queries
from model.i18n import text
from model.localize import localize
from model.projection import (
    BASES,
    FIELDS,
    REGIONS,
    LupBaseline,
    ScenarioInputs,
    Target,
    parse_assignment,
    parse_number,
    parse_small_integer,
    project,
    spread,
)
from model.schema import CITATION_COLUMNS

CITATION = list(CITATION_COLUMNS)
DEFAULT_RATE_YEAR = 2016  # ECB annual average; the year also used for population and municipality counts
CONTEXT = "summit article"


# --- The process so far -------------------------------------------------------------------------


@dataclass(frozen=True)
class Stage:
    key: str  # also the i18n key suffix: denmark.stage.<key>
    label_en: str
    statements: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("interest", "Danish interest in LUP", ("dk-danish-interest", "dk-no-lup")),
    Stage(
        "learning",
        "Learning from Norway: meetings and the summit",
        ("dk-summit-date", "dk-summit-convened", "dk-summit-purpose", "dk-summit-second-meeting", "dk-summit-format", "dk-summit-digital"),
    ),
    Stage("decision_basis", "A decision basis, developed by COI", ("dk-coi-mandate", "dk-summit-spreading")),
    Stage("decision", "Decision on a Danish LUP", ("dk-decision-later", "dk-summit-no-decision")),
)
# The article describes the summit as under way and the decision as later: learning is where the process stands.
CURRENT_STAGE = "learning"


def stages(engine: Engine | None = None) -> pd.DataFrame:
    """One row per stage (in order) with its status and the cited statements that place it."""
    statements = queries.statements("DK", engine).set_index("statement_id")
    current = [s.key for s in STAGES].index(CURRENT_STAGE)
    rows = []
    for position, stage in enumerate(STAGES):
        status = "done" if position < current else "current" if position == current else "next"
        for statement_id in stage.statements:
            if statement_id in statements.index:
                row = statements.loc[statement_id]
                rows.append(
                    {
                        "position": position + 1,
                        "stage": stage.key,
                        "label_en": stage.label_en,
                        "status": status,
                        "statement_id": statement_id,
                        "text_en": row["text_en"],
                        **row[CITATION].to_dict(),
                    }
                )
    return pd.DataFrame.from_records(rows, columns=["position", "stage", "label_en", "status", "statement_id", "text_en", *CITATION])


def summit(engine: Engine | None = None) -> dict[str, Any]:
    """The summit's cited statements by id, and the organisations that convened it and own COI."""
    statements = queries.statements("DK", engine)
    meetings = queries.fact("dk-summit-meetings-this-year", engine)
    return {
        "statements": {r["statement_id"]: r for r in statements.to_dict("records")},
        "conveners": queries.organisations_with_role("summit_convener", CONTEXT, engine),
        "coi_owners": queries.organisations_with_role("coi_owner", CONTEXT, engine),
        "meetings": meetings,
    }


# --- Who was at the table -----------------------------------------------------------------------


def participants(engine: Engine | None = None) -> pd.DataFrame:
    """Every organisation the summit article names as taking part, by country and sector."""
    frame = queries.organisations_with_role("summit_participant", CONTEXT, engine)
    return frame.sort_values(["country", "sector", "name"], kind="stable").reset_index(drop=True)


def participant_counts(engine: Engine | None = None) -> pd.DataFrame:
    """How many participants per country and sector (the chart), with the quotes naming them."""
    frame = participants(engine)
    grouped = frame.groupby(["country", "sector"], as_index=False).agg(
        organisations=("org_id", "count"), names=("name", "; ".join), source=("source", "first"), locator=("locator", "first")
    )
    quotes = frame.groupby(["country", "sector"])["quote"].apply(lambda q: " … ".join(dict.fromkeys(q)))
    return grouped.merge(quotes.rename("quote").reset_index(), on=["country", "sector"])


# --- What Norway brings -------------------------------------------------------------------------

HEADLINE_FACTS = ("no-lup-since-2010-article", "no-lup-cofinancing-partners", "no-lup-public-workplaces", "no-lup-savings")
DESIGN_FACTS = ("no-lup-period", "no-lup-annual-budget", "no-lup-national-fte", "no-lup-regional-half-positions", "no-lup-hubs")
TARGETS: tuple[tuple[str, str, str], ...] = (  # (model key, target id in the document, short English label)
    ("organisations", "1.1", "Organisations using innovative procurement"),
    ("operative", "1.6", "Operative processes (PPI/PCP)"),
    ("service", "1.7", "Service-innovation processes"),
    ("hubs", "1.2", "Regional hubs (regional programmes)"),
    ("meeting_places", "2.1", "National meeting places"),
)


def _facts(engine: Engine | None) -> pd.DataFrame:
    """The facts this module names, by id: reading every fact would cost seconds in a large store (`make bench`)."""
    return queries.facts(engine=engine, ids=_NAMED_FACTS).set_index("fact_id")


def norway_headlines(engine: Engine | None = None) -> dict[str, Any]:
    """The article's headline figures on LUP, and LUP's owners as the article names them."""
    facts = _facts(engine)
    return {
        "facts": [{"fact_id": f, **facts.loc[f].to_dict()} for f in HEADLINE_FACTS if f in facts.index],
        "owners": queries.organisations_with_role("lup_owner", CONTEXT, engine),
    }


def lup_design(engine: Engine | None = None) -> dict[str, Any]:
    """LUP 2015-2019 as designed: budget need, staffing, regional hubs and the targets the model scales."""
    facts = _facts(engine)
    targets = queries.result_targets(engine).set_index("target_id")
    chosen = [
        {"key": key, "target_id": tid, "label": label, **targets.loc[tid, ["text_en", "target_value", "deadline", *CITATION]].to_dict()}
        for key, tid, label in TARGETS
        if tid in targets.index
    ]
    return {
        "facts": [{"fact_id": f, **facts.loc[f].to_dict()} for f in DESIGN_FACTS if f in facts.index],
        "hubs": queries.lup_hubs(engine),
        "targets": pd.DataFrame.from_records(chosen),
    }


# --- The scenario model's baseline and defaults ---------------------------------------------------


def lup_baseline(engine: Engine | None = None) -> LupBaseline:
    """LUP's cited figures the projection scales from (programme description 2015 and the summit article)."""
    facts = _facts(engine)
    design = lup_design(engine)["targets"]
    return LupBaseline(
        budget_low_nok=float(facts.loc["no-lup-annual-budget", "value"]),
        budget_high_nok=float(facts.loc["no-lup-annual-budget", "value_high"]),
        national_fte=float(facts.loc["no-lup-national-fte", "value"]),
        regional_half_positions=float(facts.loc["no-lup-regional-half-positions", "value"]),
        years=int(facts.loc["no-lup-period-length", "value"]),
        hubs=int(facts.loc["no-lup-hubs", "value"]),
        savings_nok=float(facts.loc["no-lup-savings", "value"]),
        targets=tuple(Target(r["key"], r["target_id"], r["label"], float(r["target_value"])) for r in design.to_dict("records")),
    )


def baseline_sources(engine: Engine | None = None) -> pd.DataFrame:
    """Where each baseline figure comes from (fact or target), for the scenario's sources tab."""
    facts = _facts(engine).reset_index()
    used = [
        *("no-lup-annual-budget", "no-lup-national-fte", "no-lup-regional-half-positions", "no-lup-period-length", "no-lup-hubs"),
        *("no-lup-savings", "no-lup-since-2010-article"),
    ]
    rows = facts[facts["fact_id"].isin(used)][["fact_id", "label_en", *CITATION]].rename(columns={"fact_id": "id"})
    targets = lup_design(engine)["targets"][["target_id", "text_en", *CITATION]].rename(columns={"target_id": "id", "text_en": "label_en"})
    return pd.concat([rows, targets], ignore_index=True)


def _closest(frame: pd.DataFrame, country: str, year: int) -> dict[str, Any]:
    rows = frame[frame["country"] == country]
    return dict(rows.iloc[(rows["year"] - year).abs().argsort()].iloc[0].to_dict())


def scenario_defaults(rate_year: int = DEFAULT_RATE_YEAR, engine: Engine | None = None, lang: str = "en") -> dict[str, dict[str, Any]]:
    """Each input's starting value and where it comes from.

    `origin` is `cited` (a fact in the documents), `reference` (reference data with its own
    source and year), `derived` (computed from those, with the formula) or `assumption` (not in
    the sources: the user's to change). `row` holds the citation when there is one; `note` is in `lang`.
    """
    facts = _facts(engine)
    rates = queries.exchange_rates(engine).query("year == @rate_year").set_index("currency")
    population = queries.population(engine)
    municipalities = queries.municipality_counts(engine)

    def fact(fact_id: str) -> dict[str, Any]:
        return {"fact_id": fact_id, **facts.loc[fact_id].to_dict()}

    dkk, nok = float(rates.loc["DKK", "per_eur"]), float(rates.loc["NOK", "per_eur"])
    rate = dkk / nok
    budget = fact("no-lup-annual-budget")
    mid = (budget["value"] + budget["value_high"]) / 2
    no_pop, dk_pop = _closest(population, "NO", rate_year), _closest(population, "DK", rate_year)
    no_mun, dk_mun = _closest(municipalities, "NO", rate_year), _closest(municipalities, "DK", rate_year)
    half = fact("no-lup-regional-half-positions")
    return {
        "annual_budget_dkk": _derived(
            float(round(mid * rate)),
            text("denmark.note.budget_midpoint", lang, mid=_number(mid, lang, "#,##0"), rate=_number(rate, lang, "0.0000")),
            budget,
        ),
        "national_fte": _cited(fact("no-lup-national-fte"), lang),
        "regional_fte": _derived(half["value"] * 0.5, text("denmark.note.regional_fte", lang, n=_number(half["value"], lang)), half),
        "hubs": _cited(fact("no-lup-hubs"), lang, int),
        "assignment": {"value": list(spread(3)), "origin": "assumption", "note": text("denmark.note.assignment", lang)},
        "years": _cited(fact("no-lup-period-length"), lang, int),
        "basis": {"value": "population", "origin": "assumption", "note": text("denmark.note.basis", lang)},
        "dkk_per_nok": {
            "value": round(rate, 6),
            "origin": "derived",
            "note": f"{_number(dkk, lang)} DKK/EUR ÷ {_number(nok, lang)} NOK/EUR",
            "reference": "; ".join(dict.fromkeys(localize([rates.loc["DKK", "source"], rates.loc["NOK", "source"]], lang))),
        },
        "no_procurement_nok": _cited(fact("no-public-purchases-2015doc"), lang),
        "dk_procurement_dkk": _cited(fact("dk-public-purchases-article"), lang),
        "no_population": _reference(no_pop["population"], no_pop, lang),
        "dk_population": _reference(dk_pop["population"], dk_pop, lang),
        "no_municipalities": _reference(no_mun["count"], no_mun, lang),
        "dk_municipalities": _reference(dk_mun["count"], dk_mun, lang),
    }


def _number(value: float, lang: str, pattern: str | None = None) -> str:
    """In `lang`'s notation; without a pattern every digit kept (a rate of 7.4452 is not shown as 7.445)."""
    return format_decimal(value, pattern, locale=lang) if pattern else fmt.number_text(value, lang)


def _cited(row: dict[str, Any], lang: str, kind: type = float) -> dict[str, Any]:
    label, caveat = localize(row["label_en"], lang), localize(row.get("caveat"), lang)
    note = label + (f" ({caveat})" if isinstance(caveat, str) else "")
    return {"value": kind(row["value"]), "origin": "cited", "note": note, "row": {k: row[k] for k in CITATION}}


def _derived(value: float, note: str, row: dict[str, Any]) -> dict[str, Any]:
    return {"value": value, "origin": "derived", "note": note, "row": {k: row[k] for k in CITATION}}


def _reference(value: float, row: dict[str, Any], lang: str) -> dict[str, Any]:
    note = f"{row['country']} {row['year']}"
    return {"value": float(value), "origin": "reference", "note": note, "reference": localize(row["source"], lang)}


def default_inputs(rate_year: int = DEFAULT_RATE_YEAR, engine: Engine | None = None) -> ScenarioInputs:
    values = {name: spec["value"] for name, spec in scenario_defaults(rate_year, engine).items()}
    values["assignment"] = tuple(values["assignment"])
    return ScenarioInputs(**values)


def rate_years(engine: Engine | None = None) -> list[int]:
    rates = queries.exchange_rates(engine)
    both = set(rates.loc[rates["currency"] == "DKK", "year"]) & set(rates.loc[rates["currency"] == "NOK", "year"])
    return sorted(int(y) for y in both)


def region_names(engine: Engine | None = None) -> dict[str, str]:
    regions = queries.regions("DK", engine)
    return {code: regions.set_index("code").loc[code, "name"] for code in REGIONS if code in set(regions["code"])}


def projection_table(inputs: ScenarioInputs, engine: Engine | None = None) -> pd.DataFrame:
    """A scenario's outputs as a table (for comparison and the decision brief)."""
    return pd.DataFrame.from_records(project(inputs, lup_baseline(engine)).rows())


# --- The scenario form: what its fields show --------------------------------------------------------
# The page's fields hold text (numbers as typed), whole numbers (hubs, years), a choice (basis)
# and a hub per region. These turn a link, a saved scenario or the defaults into those values.

TEXT_FIELDS = tuple(f for f in FIELDS if f not in ("hubs", "years", "basis", "assignment"))
LINK_CHECKED = ("hubs", "years", "basis", "assignment")  # fields that can't show unreadable text


def as_text(value: object) -> str:
    """A number as a link or stored JSON writes it: whole numbers without decimals, others as written."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def field_text(value: object, locale: str) -> str:
    """A number as its field shows it to a reader of `locale` ('4.007.000' in Danish); other text unchanged."""
    number = parse_number(value)
    return fmt.number_text(number, locale) if number is not None and not isinstance(value, bool) else str(value)


def url_text(typed: object, locale: str) -> str:
    """A field's typed text as the link carries it (locale-free, '1234.5'); text that is no number stays as typed."""
    number = parse_number(typed, locale)
    return as_text(number) if number is not None else str(typed)


def default_text(defaults: Mapping[str, dict[str, Any]], name: str, locale: str | None = None) -> str:
    """A field's default value as text (the assignment as '3,2,2,1,1'), in `locale` when given."""
    value = defaults[name]["value"]
    if name == "assignment":
        return ",".join(map(str, value))
    return field_text(value, locale) if locale else as_text(value)


def form_values(raw: Mapping[str, Any], defaults: Mapping[str, dict[str, Any]], locale: str = "en") -> dict[str, Any]:
    """Each field's value (`assignment`: a hub 0..5 per region); a whole number or choice it can't hold falls back to its default.

    `raw` is locale-free (a link, a saved scenario, the defaults); the text fields show it in `locale`.
    """
    values: dict[str, Any] = {name: field_text(raw[name], locale) for name in TEXT_FIELDS}
    values["basis"] = raw["basis"] if raw["basis"] in BASES else defaults["basis"]["value"]
    for name in ("hubs", "years"):
        number = parse_small_integer(raw[name])
        values[name] = number if number is not None else int(defaults[name]["value"])
    assignment = parse_assignment(raw["assignment"]) or tuple(defaults["assignment"]["value"])
    values["assignment"] = tuple(int(hub) if 0 <= hub <= len(REGIONS) else 0 for hub in assignment)
    return values


def initial_raw(link: Mapping[str, str], shadow: Mapping[str, str], defaults: Mapping[str, dict[str, Any]]) -> dict[str, Any]:
    """The link wins (it may be a shared scenario); then what this session typed before; then the cited defaults."""
    raw = {name: link.get(name, shadow.get(name, default_text(defaults, name))) for name in FIELDS}
    hubs = parse_small_integer(raw["hubs"])
    if "assignment" not in link and "assignment" not in shadow and hubs is not None and 1 <= hubs <= len(REGIONS):
        raw["assignment"] = ",".join(map(str, spread(hubs)))  # a link giving only the number of hubs gets an even spread
    return raw


def _readable(name: str, value: str) -> bool:
    if name in ("hubs", "years"):
        return parse_small_integer(value) is not None
    if name == "basis":
        return value in BASES
    assignment = parse_assignment(value)
    return assignment is not None and all(0 <= hub <= len(REGIONS) for hub in assignment)


def unreadable_link_fields(link: Mapping[str, str]) -> list[str]:
    """The link's whole-number and choice fields whose values can't be shown (the page names them instead)."""
    return [name for name in LINK_CHECKED if name in link and not _readable(name, link[name])]


def differs_from_default(name: str, typed: object, defaults: Mapping[str, dict[str, Any]], locale: str | None = None) -> bool:
    """Whether a field no longer holds its default (text fields compare as numbers, typed in `locale`; the assignment never counts)."""
    if name in ("hubs", "years", "basis"):
        return bool(typed != defaults[name]["value"])
    return name != "assignment" and parse_number(typed, locale) != parse_number(default_text(defaults, name))


# Every fact id named above (some are statements; those simply are not found).
_NAMED_FACTS = (
    "dk-coi-mandate",
    "dk-danish-interest",
    "dk-decision-later",
    "dk-no-lup",
    "dk-public-purchases-article",
    "dk-summit-convened",
    "dk-summit-date",
    "dk-summit-digital",
    "dk-summit-format",
    "dk-summit-meetings-this-year",
    "dk-summit-no-decision",
    "dk-summit-purpose",
    "dk-summit-second-meeting",
    "dk-summit-spreading",
    "no-lup-annual-budget",
    "no-lup-cofinancing-partners",
    "no-lup-hubs",
    "no-lup-national-fte",
    "no-lup-period",
    "no-lup-period-length",
    "no-lup-public-workplaces",
    "no-lup-regional-half-positions",
    "no-lup-savings",
    "no-lup-since-2010-article",
    "no-public-purchases-2015doc",
)
