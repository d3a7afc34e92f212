"""What every number in the store may be: finite, its sign, a plausible range and its unit, stated once.

The seed loader, the editor and the import all check rows through `problems()` (via
`seed.validate.read_rows`), and `seed/SCHEMA.md` shows `markdown()`, so the rule a
reviewer reads is the rule the code applies. The ranges are deliberately wide: they
stop typing slips (1e308, -1e12, a population of 0) that would crash formatting, overflow
the database or divide by zero, not unusual but real figures.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple

from model.schema import Unit


class Finding(NamedTuple):
    """Why a value is refused: the English message, its code and params (as `model.rules.Problem` carries them)."""

    message: str
    code: str
    params: dict[str, Any]


@dataclass(frozen=True)
class Domain:
    """The values one numeric column may hold."""

    low: float
    high: float
    unit: str  # what the number counts, in words
    integer: bool = False
    unit_code: str = ""  # the unit's text key, `problem.unit.<unit_code>`, for pages in other languages

    def problem(self, value: object) -> str | None:
        """Why `value` is outside this domain, in English, or None when it is fine (None = empty cell, allowed)."""
        found = self.finding(value)
        return found.message if found else None

    def finding(self, value: object) -> Finding | None:
        """`problem()` with its code and params."""
        if value is None:
            return None
        if not isinstance(value, int | float):  # the model's own validation turns cells into numbers first
            return Finding(f"{value!r} is not a number", code="not_a_number", params={"value": str(value)})
        if isinstance(value, float) and math.isnan(value):
            return Finding("'nan' is not a number; leave the cell empty if the source does not state it", code="nan", params={})
        if isinstance(value, float) and math.isinf(value):
            return Finding(f"{shown(value)!r} is not a finite number", code="not_finite", params={"value": shown(value)})
        unit = {"unit": self.unit_code}
        if self.integer and not float(value).is_integer():
            return Finding(f"{shown(value)} is not a whole number ({self.unit})", code="not_whole_in_unit", params={"value": value, **unit})
        if not self.low <= value <= self.high:
            message = f"{shown(value)} is outside the plausible range {shown(self.low)} to {shown(self.high)} ({self.unit})"
            return Finding(message, code="out_of_range", params={"value": value, "low": self.low, "high": self.high, **unit})
        return None


def shown(value: float) -> str:
    """A number as a message quotes it: 1e+308, -1e+12, 5165802, 0.5."""
    if isinstance(value, int) and abs(value) < 10**15:
        return str(value)
    return f"{value:.6g}"


YEAR = Domain(1900, 2100, "calendar year", integer=True, unit_code="year")
POSITION = Domain(1, 1000, "place in a numbered list", integer=True, unit_code="position")
AMOUNT = Domain(0, 1e13, "amount in base units, e.g. kroner; no Nordic public budget reaches 10 trillion", unit_code="amount")

# A fact's value depends on its `unit` column (`model.schema.Unit`).
FACT_VALUE_BY_UNIT: dict[str, Domain] = {
    Unit.NOK: Domain(0, 1e13, "Norwegian kroner", unit_code="nok"),
    Unit.SEK: Domain(0, 1e13, "Swedish kronor", unit_code="sek"),
    Unit.DKK: Domain(0, 1e13, "Danish kroner", unit_code="dkk"),
    Unit.EUR: Domain(0, 2e12, "euro", unit_code="eur"),
    Unit.COUNT: Domain(0, 1e9, "number of things", integer=True, unit_code="count"),
    Unit.FTE: Domain(0, 1e6, "full-time equivalents", unit_code="fte"),
    Unit.YEAR: Domain(0, 2100, "a calendar year, or a length in years", integer=True, unit_code="years"),
    Unit.PERCENT: Domain(0, 100, "percent, a share", unit_code="percent"),
}

# table -> column -> domain (columns whose domain depends on another column are in `BY_COLUMN`)
DOMAINS: dict[str, dict[str, Domain]] = {
    "population": {"year": YEAR, "population": Domain(1_000, 1_000_000_000, "people", integer=True, unit_code="people")},
    "exchange_rate": {"year": YEAR, "per_eur": Domain(0.1, 100, "units of the currency per euro", unit_code="per_eur")},
    "municipality_count": {"year": YEAR, "count": Domain(1, 10_000, "municipalities", integer=True, unit_code="municipalities")},
    "region": {"year": YEAR, "valid_from": YEAR, "valid_to": YEAR},
    "organiser_seat": {
        "year": YEAR,
        "lat": Domain(50, 72, "degrees north (WGS 84), the Nordic countries", unit_code="lat"),
        "lon": Domain(-25, 35, "degrees east (WGS 84), the Nordic countries", unit_code="lon"),
    },
    "lup_goal": {"deadline": YEAR},
    "result_target": {"position": POSITION, "deadline": YEAR, "target_value": AMOUNT},
    "lup_hub": {"start_year": YEAR},
    "buyer_network": {"start_year": YEAR},
    "network_fact": {"value": AMOUNT},
    "success_factor": {"position": POSITION},
    "procurement_level": {"position": POSITION},
}
BY_COLUMN: dict[str, dict[str, tuple[str, dict[str, Domain]]]] = {
    "fact": {"value": ("unit", FACT_VALUE_BY_UNIT), "value_high": ("unit", FACT_VALUE_BY_UNIT)},
}


def domain(table: str, column: str, values: Mapping[str, object]) -> Domain | None:
    """The domain of `column` in a row of `table` with these `values` (None: not a numeric column)."""
    if column in DOMAINS.get(table, {}):
        return DOMAINS[table][column]
    if column in BY_COLUMN.get(table, {}):
        other, cases = BY_COLUMN[table][column]
        return cases.get(str(values.get(other)))
    return None


def problems(table: str, values: Mapping[str, object]) -> list[tuple[str, Finding]]:
    """(column, finding) for every number in a row of `table` outside its domain."""
    found = []
    for column in [*DOMAINS.get(table, {}), *BY_COLUMN.get(table, {})]:
        rule = domain(table, column, values)
        finding = rule.finding(values.get(column)) if rule else None
        if finding:
            found.append((column, finding))
    low, high = values.get("value"), values.get("value_high")
    if table != "fact" or found or not isinstance(low, int | float) or not isinstance(high, int | float):  # None: not a range
        return found
    if high < low:
        message = f"the range ends ({shown(high)}) below where it starts ({shown(low)})"
        found.append(("value_high", Finding(message, code="range_reversed", params={"end": high, "start": low})))
    return found


def markdown() -> str:
    """The domains as a Markdown table, for seed/SCHEMA.md."""
    lines = ["| table | column | allowed values | unit |", "|---|---|---|---|"]
    rows = [(table, f"`{column}`", rule) for table, columns in DOMAINS.items() for column, rule in columns.items()]
    rows += [
        (table, f"`{column}` ({other} `{case}`)", rule)
        for table, columns in BY_COLUMN.items()
        for column, (other, cases) in columns.items()
        for case, rule in cases.items()
    ]
    for table, column, rule in sorted(rows, key=lambda r: (r[0], r[1])):
        kind = "whole number" if rule.integer else "finite number"
        lines.append(f"| `{table}` | {column} | {kind}, {shown(rule.low)} to {shown(rule.high)} | {rule.unit} |")
    return "\n".join(lines)
