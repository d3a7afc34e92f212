"""Queries behind the Norway page: LUP's counties and hubs, its regional programme, its targets and what is reported.

LUP = Leverandørutviklingsprogrammet (Nasjonalt program for leverandørutvikling). A hub is a
*landsdel* (part of the country) with its own regional project lead; counties are the 2015-2019
*fylker*, before Trøndelag's merger in 2018 and the 2020 reform.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
from sqlalchemy import Engine

from model import queries
from model.schema import CITATION_COLUMNS, FindingKind, GoalLevel

# Outcomes a source reports against a numbered result target. Each link is an editorial
# judgement, so it says how the reported measure differs from the target's own measure.
# None today: the 234 public workplaces (an undated article, counting since 2010) measure something else than
# target 1.1 (bodies that adopted innovative procurement as a strategic tool by 2019), so they are another outcome.
REPORTED_OUTCOMES: dict[str, tuple[str, str]] = {}
# Reported results that no numbered target asks for (shown beside the targets, never as progress towards one).
OTHER_OUTCOMES = ("no-lup-public-workplaces", "no-lup-savings", "no-lup-pilots-2014")
# Financing and organisation of the regional level.
REGIONAL_FACTS = ("no-lup-regional-half-positions", "no-lup-regional-share", "no-lup-regional-regions", "no-lup-hubs")


def named_facts(ids: tuple[str, ...], engine: Engine | None = None) -> pd.DataFrame:
    """Only the facts asked for, by id: a large store holds far more facts than a page shows (`make bench`)."""
    return queries.facts(engine=engine, ids=ids)


def counties(engine: Engine | None = None) -> pd.DataFrame:
    """Every Norwegian county of 2015-2019 (and Svalbard) with its hub and the regional programmes active there."""
    regions = queries.regions("NO", engine)
    regions = regions[regions["valid_from"].isna() | (regions["valid_from"] <= 2019)]
    hubs = queries.hub_counties(engine)[["county_code", "hub_id", "hub_name", "start_year", *CITATION_COLUMNS]]
    frame = regions.rename(columns={"source": "code_source", "year": "code_year"}).merge(
        hubs, left_on="code", right_on="county_code", how="left"
    )
    programmes = programmes_by_county(engine)
    frame["programmes"] = frame["code"].map(lambda code: "; ".join(programmes.get(code, [])))
    frame = frame[frame["code"] != "NO-50"]  # Trøndelag (2018) has no polygon: it is drawn as NO-16 + NO-17
    columns = ["code", "name", "kind", "valid_to", "merged_into", "hub_id", "hub_name", "start_year", "programmes"]
    return frame[[*columns, "code_source", "code_year", *CITATION_COLUMNS]].sort_values("code").reset_index(drop=True)


def programmes_by_county(engine: Engine | None = None) -> dict[str, list[str]]:
    """County code -> names of the regional programmes that cover it."""
    result: dict[str, list[str]] = {}
    for row in queries.regional_programmes(engine).to_dict("records"):
        for code in str(row["county_codes"]).split(";"):
            result.setdefault(code.strip(), []).append(row["name"])
    return result


def hubs(engine: Engine | None = None) -> pd.DataFrame:
    """The three hubs with their counties (names joined) and how many there are."""
    frame = queries.lup_hubs(engine)
    members = counties(engine).dropna(subset=["hub_id"]).groupby("hub_id")["name"]
    frame["counties"] = frame["hub_id"].map(members.apply(", ".join))
    frame["county_count"] = frame["hub_id"].map(members.size()).fillna(0).astype(int)
    return frame


def hub_programmes(hub_id: str, engine: Engine | None = None) -> pd.DataFrame:
    programmes = queries.regional_programmes(engine)
    return programmes[programmes["hub_id"] == hub_id].reset_index(drop=True)


def programme_profile(programme_id: str, engine: Engine | None = None) -> dict[str, pd.DataFrame]:
    """A regional programme's facts grouped by attribute (organiser, funder, board_member, goal, ...)."""
    facts = queries.regional_programme_facts(programme_id, engine)
    return {attribute: group.reset_index(drop=True) for attribute, group in facts.groupby("attribute", sort=False)}


def regional_statements(engine: Engine | None = None) -> pd.DataFrame:
    """What the programme description says about the regional level (every hub works under these)."""
    statements = queries.statements("NO", engine)
    return statements[statements["topic"] == "regions"].reset_index(drop=True)


def regional_facts(engine: Engine | None = None) -> pd.DataFrame:
    """Financing and organisation facts about the regional positions and hubs."""
    facts = named_facts(REGIONAL_FACTS, engine).set_index("fact_id")
    return facts.loc[[f for f in REGIONAL_FACTS if f in facts.index]].reset_index()


def targets(engine: Engine | None = None) -> pd.DataFrame:
    """Every numbered result target with a `reported` outcome where a source gives one (else empty, never 0)."""
    frame = queries.result_targets(engine)
    facts = named_facts(tuple(fact_id for fact_id, _ in REPORTED_OUTCOMES.values()), engine).set_index("fact_id")
    reported = {target: _outcome(facts, fact_id, note) for target, (fact_id, note) in REPORTED_OUTCOMES.items()}
    empty = {"reported_value": None, "reported_unit": None, "reported_as_of": None, "reported_note": None, "reported_source": None}
    extra = pd.DataFrame([reported.get(target, empty) for target in frame["target_id"]], index=frame.index)
    return pd.concat([frame, extra], axis=1)


def _outcome(facts: pd.DataFrame, fact_id: str, note: str) -> dict[str, Any]:
    if fact_id not in facts.index:
        return {"reported_value": None, "reported_unit": None, "reported_as_of": None, "reported_note": None, "reported_source": None}
    fact = facts.loc[fact_id]
    caveat = fact["caveat"] if isinstance(fact["caveat"], str) else ""
    return {
        "reported_value": fact["value"],
        "reported_unit": fact["unit"],
        "reported_as_of": fact["as_of"],
        "reported_note": f"{note} {caveat}".strip(),
        "reported_source": f"{fact['source']}, {fact['locator']}: “{fact['quote']}”",
    }


def other_outcomes(engine: Engine | None = None) -> pd.DataFrame:
    facts = named_facts(OTHER_OUTCOMES, engine).set_index("fact_id")
    return facts.loc[[f for f in OTHER_OUTCOMES if f in facts.index]].reset_index()


def goal_ids(engine: Engine | None = None) -> list[str]:
    goals = queries.lup_goals(engine)
    return [str(goal) for goal in goals.loc[goals["level"] == GoalLevel.SUB, "goal_id"]]


def small_municipality_matrix(engine: Engine | None = None) -> pd.DataFrame:
    """Findings on small municipalities, one row each, ordered by theme then kind (barrier, LUP measure, recommendation)."""
    findings = queries.small_municipality_findings(engine)
    order = {kind: n for n, kind in enumerate(FindingKind)}
    findings = findings.assign(kind_order=findings["kind"].map(order))
    return findings.sort_values(["theme", "kind_order"], kind="stable").drop(columns="kind_order").reset_index(drop=True)
