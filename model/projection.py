"""A transparent model of a Danish LUP: the scenario inputs, their checks, and the projections.

Plain Python, no database and no Streamlit: the page passes the inputs and LUP's cited
baseline (`LupBaseline`, read from the store by `model.denmark`), and gets back outputs that
each carry their formula and the inputs they used.

The model, in one place (every symbol appears in the formula text of the outputs):

- r  = exchange rate, DKK per 1 NOK
- s  = Denmark's size relative to Norway by the chosen basis (procurement volume converted
       to NOK with r, population, or number of municipalities)
- f  = funding relative to LUP = Danish annual budget ÷ (LUP's annual budget, midpoint, × r)
- y  = programme years ÷ LUP's programme years
- projected target  = LUP target × f × y   (what the budget buys at LUP's rate of results)
- size reference    = LUP target × s × y   (what a LUP scaled to Denmark's size would aim at)
- savings (DKK)     = LUP's reported savings × r × f   (what the budget saves at LUP's rate of
                      savings per krone); low and high take f at the high and low end of LUP's
                      budget range, so the central value lies inside the band. Not scaled by y:
                      LUP's savings period (since 2010, to an undated article) has no stated length.
- savings reference = LUP's reported savings × r × s
- counts are shown as whole processes; the formulas keep the exact quotient.

`ASSUMPTIONS` lists each of these choices with the fact it rests on, for the page to show.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from model import format as fmt
from model.i18n import text

REGIONS: tuple[str, ...] = ("DK-81", "DK-82", "DK-83", "DK-84", "DK-85")  # Denmark's five regions (ISO 3166-2:DK)
BASES: tuple[str, ...] = ("procurement", "population", "municipalities")
MAX_YEARS = 30
# Bounds that keep every output finite: no Nordic budget, volume or population comes near them.
MAX_VALUE = 1e15
MIN_POSITIVE = 1e-9
HALF_POSITION_FTE = 0.5  # LUP funds "2 halve årsverk": two positions of half a full-time equivalent each

# Regions ordered roughly east to west, so hubs cover neighbouring regions when spread evenly.
_SPREAD_ORDER = ("DK-84", "DK-85", "DK-83", "DK-82", "DK-81")


class InputError(ValueError):
    """Inputs that cannot make a scenario; `problems` maps each field to what is wrong with it."""

    def __init__(self, problems: Mapping[str, FieldProblem]) -> None:
        self.problems = dict(problems)
        super().__init__("; ".join(f"{name}: {p.message}" for name, p in self.problems.items()))


@dataclass(frozen=True)
class FieldProblem:
    """What is wrong with one scenario input field: a code (for translated messages), its values, and an English message.

    A form field's problem, keyed by field name; a seed or import row's is `model.rules.Problem` (file, row, column)."""

    code: str
    message: str
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ScenarioInputs:
    """Everything a scenario depends on. Construction checks every field and raises `InputError`."""

    annual_budget_dkk: float
    national_fte: float
    regional_fte: float
    hubs: int
    assignment: tuple[int, ...]  # hub number (1..hubs) of each region in REGIONS order; 0 = not covered
    years: int
    basis: str
    dkk_per_nok: float
    no_procurement_nok: float
    dk_procurement_dkk: float
    no_population: float
    dk_population: float
    no_municipalities: float
    dk_municipalities: float

    def __post_init__(self) -> None:
        problems = check({name: getattr(self, name) for name in FIELDS})
        if problems:
            raise InputError(problems)

    def to_dict(self) -> dict[str, Any]:
        values = asdict(self)
        values["assignment"] = list(self.assignment)
        return values

    @property
    def regions_of_hub(self) -> dict[int, list[str]]:
        return {hub: [code for code, h in zip(REGIONS, self.assignment, strict=True) if h == hub] for hub in range(1, self.hubs + 1)}


FIELDS: tuple[str, ...] = tuple(f.name for f in fields(ScenarioInputs))
# Rates, volumes, populations and counts: zero would divide or scale by nothing.
POSITIVE_FIELDS = (
    "dkk_per_nok",
    "no_procurement_nok",
    "dk_procurement_dkk",
    "no_population",
    "dk_population",
    "no_municipalities",
    "dk_municipalities",
)
NUMBER_FIELDS = ("annual_budget_dkk", "national_fte", "regional_fte", *POSITIVE_FIELDS)
INTEGER_FIELDS = ("hubs", "years")


def check(values: Mapping[str, Any]) -> dict[str, FieldProblem]:
    """Every field's problem (empty when the values make a valid scenario)."""
    problems: dict[str, FieldProblem] = {}
    for name in NUMBER_FIELDS:
        value = values[name]
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            problems[name] = FieldProblem("not_a_number", "must be a number")
        elif name in POSITIVE_FIELDS and value <= 0:
            problems[name] = FieldProblem("not_positive", "must be greater than zero")
        elif value < 0:
            problems[name] = FieldProblem("negative", "must not be negative")
        elif value > MAX_VALUE:
            problems[name] = FieldProblem("too_large", f"is implausibly large (over {MAX_VALUE:.0e})", {"limit": f"{MAX_VALUE:,.0f}"})
        elif (name in POSITIVE_FIELDS or value > 0) and value < MIN_POSITIVE:
            problems[name] = FieldProblem("too_small", f"is implausibly small (under {MIN_POSITIVE:g})", {"limit": f"{MIN_POSITIVE:g}"})
    for name in INTEGER_FIELDS:
        value = values[name]
        if isinstance(value, bool) or not isinstance(value, int):
            problems[name] = FieldProblem("not_an_integer", "must be a whole number")
    hubs = values["hubs"]
    if "hubs" not in problems:
        if hubs < 1:
            problems["hubs"] = FieldProblem("hubs_zero", "at least one regional hub is needed")
        elif hubs > len(REGIONS):
            problems["hubs"] = FieldProblem(
                "hubs_too_many", f"more hubs than Denmark's {len(REGIONS)} regions", {"hubs": hubs, "regions": len(REGIONS)}
            )
    if "years" not in problems and not 1 <= values["years"] <= MAX_YEARS:
        problems["years"] = FieldProblem("years_range", f"must be between 1 and {MAX_YEARS}", {"low": 1, "high": MAX_YEARS})
    if values["basis"] not in BASES:
        problems["basis"] = FieldProblem("unknown_basis", f"must be one of {', '.join(BASES)}", {"options": ", ".join(BASES)})
    if "hubs" not in problems:
        assignment_problem = _check_assignment(values["assignment"], hubs)
        if assignment_problem:
            problems["assignment"] = assignment_problem
    return problems


def _check_assignment(assignment: object, hubs: int) -> FieldProblem | None:
    if not isinstance(assignment, tuple) or len(assignment) != len(REGIONS) or not all(type(h) is int for h in assignment):
        return FieldProblem("assignment_shape", f"needs one hub number (0 to {len(REGIONS)}) for each of the {len(REGIONS)} regions")
    beyond = [code for code, hub in zip(REGIONS, assignment, strict=True) if not 0 <= hub <= hubs]
    if beyond:
        return FieldProblem(
            "assignment_beyond", f"{', '.join(beyond)} assigned to a hub that does not exist", {"regions": ", ".join(beyond)}
        )
    empty = [hub for hub in range(1, hubs + 1) if hub not in assignment]
    if empty:
        return FieldProblem("hub_without_region", f"hub {empty[0]} covers no region", {"hub": empty[0]})
    return None


def spread(hubs: int) -> tuple[int, ...]:
    """An even split of the regions over `hubs` hubs (neighbours together); a starting point, not a source."""
    hubs = max(1, min(len(REGIONS), hubs))
    hub_of = {code: 1 + (position * hubs) // len(_SPREAD_ORDER) for position, code in enumerate(_SPREAD_ORDER)}
    return tuple(hub_of[code] for code in REGIONS)


# --- Reading inputs typed by people or found in a link ------------------------------------------


def parse_number(text: object, locale: str | None = None) -> float | None:
    """'5 500 000', '5,500,000', '0,8014' or '8.0e-1' -> float; None when it is not a number.

    With `locale`, text is read as a reader of that locale types it (`model.format.parse_number`:
    '1.234,5' in Danish); without, as a link or stored JSON writes it.
    """
    if isinstance(text, bool):
        return None
    if isinstance(text, int | float):
        return float(text) if math.isfinite(text) else None
    if locale is not None:
        return fmt.parse_number(text, locale)
    raw = str(text).strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("_", "")
    if raw.count(",") == 1 and "." not in raw and len(raw.split(",")[1]) != 3:
        raw = raw.replace(",", ".")  # a decimal comma (da, nb, sv)
    elif "," in raw:
        raw = raw.replace(",", "")  # thousands separators
    try:
        value = float(raw)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def parse_integer(text: object, locale: str | None = None) -> int | None:
    value = parse_number(text, locale)
    return int(value) if value is not None and value == int(value) else None


def parse_small_integer(text: object, limit: int = 1000) -> int | None:
    """A whole number a number field can hold; a link's 1e30 hubs is unreadable rather than a crash."""
    number = parse_integer(text)
    return number if number is not None and abs(number) <= limit else None


def parse_assignment(text: object) -> tuple[int, ...] | None:
    """'3,3,2,1,1' (hub of DK-81..DK-85) or a list of numbers -> tuple; None when malformed."""
    parts = text if isinstance(text, list | tuple) else str(text).replace(";", ",").split(",")
    numbers = [parse_integer(p) for p in parts]
    if len(numbers) != len(REGIONS) or any(n is None for n in numbers):
        return None
    return tuple(int(n) for n in numbers)  # type: ignore[arg-type]


def from_raw(raw: Mapping[str, object], locale: str | None = None) -> ScenarioInputs:
    """Inputs from text (form fields in `locale`; a link or stored JSON without): all problems at once, one per field."""
    problems: dict[str, FieldProblem] = {}
    values: dict[str, Any] = {}
    for name in FIELDS:
        if name not in raw or raw[name] is None or str(raw[name]).strip() == "":
            problems[name] = FieldProblem("missing", "is required")
            continue
        if name in NUMBER_FIELDS:
            parsed: Any = parse_number(raw[name], locale)
            code, message = "not_a_number", "must be a number"
        elif name in INTEGER_FIELDS:
            parsed = parse_integer(raw[name], locale)
            code, message = "not_an_integer", "must be a whole number"
        elif name == "assignment":
            parsed = parse_assignment(raw[name])
            code, message = "assignment_shape", f"needs one hub number for each of the {len(REGIONS)} regions"
        else:
            parsed = str(raw[name])
            code, message = "", ""
        if parsed is None:
            problems[name] = FieldProblem(code, message)
        values[name] = parsed
    if problems:
        # Also report the other fields' range problems, checking broken fields on harmless placeholders.
        placeholders = {"hubs": 1, "years": 1, "basis": BASES[0], "assignment": (1,) * len(REGIONS)}
        probe = {name: placeholders.get(name, 1.0) if name in problems else values[name] for name in FIELDS}
        if "hubs" in problems:
            probe["assignment"] = placeholders["assignment"]  # which hubs exist is unknown, so assignments can't be judged
        raise InputError({**check(probe), **problems})
    return ScenarioInputs(**values)


# --- LUP's baseline and the projection ------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    """One of LUP's 2015-2019 result targets the model scales."""

    key: str  # organisations, operative, service, hubs, meeting_places
    target_id: str  # as numbered in the programme description, e.g. "1.6"
    label: str
    value: float


@dataclass(frozen=True)
class LupBaseline:
    """LUP's cited figures the model scales from (see `model.denmark.lup_baseline` for their sources)."""

    budget_low_nok: float
    budget_high_nok: float
    national_fte: float
    regional_half_positions: float
    years: int
    hubs: int
    savings_nok: float
    targets: tuple[Target, ...]

    @property
    def budget_mid_nok(self) -> float:
        return (self.budget_low_nok + self.budget_high_nok) / 2

    @property
    def fte(self) -> float:
        return self.national_fte + self.regional_half_positions * HALF_POSITION_FTE


@dataclass(frozen=True)
class Output:
    """One projected (or converted) figure with the formula and the inputs it used."""

    key: str
    group: str  # budget, staff, target, savings
    label: str
    value: float
    unit: str
    formula: str
    inputs: dict[str, Any]
    low: float | None = None
    high: float | None = None
    lup: float | None = None  # LUP's own figure, for comparison (in `unit`)
    reference: float | None = None  # the size-scaled reference, where the model has one


@dataclass(frozen=True)
class Projection:
    inputs: ScenarioInputs
    scale: dict[str, float]  # size factor of each basis
    funding_ratio: float
    years_ratio: float
    outputs: tuple[Output, ...]

    def get(self, key: str) -> Output:
        return next(o for o in self.outputs if o.key == key)

    def rows(self) -> list[dict[str, Any]]:
        """One record per output: every number labelled a projection, with its formula and inputs."""
        return [
            {
                "key": o.key,
                "group": o.group,
                "label": o.label,
                "projection": o.value,
                "low": o.low,
                "high": o.high,
                "lup": o.lup,
                "reference": o.reference,
                "unit": o.unit,
                "formula": o.formula,
                "inputs": "; ".join(f"{k} = {_num(v) if isinstance(v, int | float) else v}" for k, v in o.inputs.items()),
                "kind": "projection",
            }
            for o in self.outputs
        ]


def scale_factors(inputs: ScenarioInputs) -> dict[str, float]:
    """Denmark ÷ Norway for each basis; procurement volumes compared in NOK."""
    return {
        "procurement": (inputs.dk_procurement_dkk / inputs.dkk_per_nok) / inputs.no_procurement_nok,
        "population": inputs.dk_population / inputs.no_population,
        "municipalities": inputs.dk_municipalities / inputs.no_municipalities,
    }


def project(inputs: ScenarioInputs, lup: LupBaseline) -> Projection:
    """All outputs of a scenario. Inputs are already valid (constructing `ScenarioInputs` checks them)."""
    r = inputs.dkk_per_nok
    factors = scale_factors(inputs)
    s = factors[inputs.basis]
    lup_budget_dkk = lup.budget_mid_nok * r
    f = inputs.annual_budget_dkk / lup_budget_dkk
    y = inputs.years / lup.years
    outputs = [
        *_budget_outputs(inputs, lup, r, s, f),
        *_staff_outputs(inputs, lup, s),
        *(_target_output(target, inputs, lup, f, y, s) for target in lup.targets),
        _savings_output(inputs, lup, r, f, s),
    ]
    return Projection(inputs, factors, f, y, tuple(outputs))


def _size_formula(inputs: ScenarioInputs) -> str:
    if inputs.basis == "procurement":
        return f"s = ({_num(inputs.dk_procurement_dkk)} DKK ÷ {_num(inputs.dkk_per_nok)} DKK/NOK) ÷ {_num(inputs.no_procurement_nok)} NOK"
    if inputs.basis == "population":
        return f"s = {_num(inputs.dk_population)} ÷ {_num(inputs.no_population)} inhabitants"
    return f"s = {_num(inputs.dk_municipalities)} ÷ {_num(inputs.no_municipalities)} municipalities"


def _budget_outputs(inputs: ScenarioInputs, lup: LupBaseline, r: float, s: float, f: float) -> list[Output]:
    mid, low, high = lup.budget_mid_nok, lup.budget_low_nok, lup.budget_high_nok
    return [
        Output(
            "lup_budget_dkk",
            "budget",
            "LUP's annual budget in DKK",
            mid * r,
            "DKK",
            f"({_num(low)} + {_num(high)}) ÷ 2 NOK × {_num(r)} DKK/NOK = {_num(mid * r)} DKK",
            {"LUP budget (NOK)": f"{_num(low)}–{_num(high)}", "r (DKK/NOK)": r},
            low=low * r,
            high=high * r,
            lup=mid * r,
        ),
        Output(
            "scaled_budget_dkk",
            "budget",
            "LUP's budget scaled to Denmark",
            mid * r * s,
            "DKK",
            f"{_num(mid)} NOK × {_num(r)} DKK/NOK × s = {_num(mid * r * s)} DKK; {_size_formula(inputs)} = {_num(s, 4)}",
            {"LUP budget midpoint (NOK)": mid, "r (DKK/NOK)": r, "basis": inputs.basis, "s": s},
            low=low * r * s,
            high=high * r * s,
            lup=mid * r,
        ),
        Output(
            "funding_ratio",
            "budget",
            "Danish budget relative to LUP's",
            f,
            "ratio",
            f"f = {_num(inputs.annual_budget_dkk)} DKK ÷ ({_num(mid)} NOK × {_num(r)} DKK/NOK) = {_num(f, 3)}",
            {"annual budget (DKK)": inputs.annual_budget_dkk, "LUP budget midpoint (NOK)": mid, "r (DKK/NOK)": r},
            lup=1.0,
        ),
        Output(
            "programme_budget_dkk",
            "budget",
            "Budget over the programme years",
            inputs.annual_budget_dkk * inputs.years,
            "DKK",
            f"{_num(inputs.annual_budget_dkk)} DKK × {inputs.years} years = {_num(inputs.annual_budget_dkk * inputs.years)} DKK",
            {"annual budget (DKK)": inputs.annual_budget_dkk, "years": inputs.years},
            lup=mid * r * lup.years,
        ),
    ]


def _staff_outputs(inputs: ScenarioInputs, lup: LupBaseline, s: float) -> list[Output]:
    total = inputs.national_fte + inputs.regional_fte
    lup_fte = lup.fte
    per_fte = inputs.annual_budget_dkk / total if total else math.nan
    return [
        Output(
            "fte_total",
            "staff",
            "Staff (national + regional)",
            total,
            "FTE",
            f"{_num(inputs.national_fte)} + {_num(inputs.regional_fte)} FTE; LUP: {_num(lup.national_fte)} + "
            f"{_num(lup.regional_half_positions)} × {HALF_POSITION_FTE} FTE = {_num(lup_fte)} FTE",
            {"national FTE": inputs.national_fte, "regional FTE": inputs.regional_fte},
            lup=lup_fte,
            reference=lup_fte * s,
        ),
        Output(
            "fte_per_hub",
            "staff",
            "Regional staff per hub",
            inputs.regional_fte / inputs.hubs,
            "FTE",
            f"{_num(inputs.regional_fte)} FTE ÷ {inputs.hubs} hubs = {_num(inputs.regional_fte / inputs.hubs, 3)} FTE",
            {"regional FTE": inputs.regional_fte, "hubs": inputs.hubs},
            lup=lup.regional_half_positions * HALF_POSITION_FTE / lup.hubs,
        ),
        Output(
            "budget_per_fte_dkk",
            "staff",
            "Annual budget per FTE",
            per_fte,
            "DKK",
            f"{_num(inputs.annual_budget_dkk)} DKK ÷ {_num(total)} FTE = {_num(per_fte)} DKK",
            {"annual budget (DKK)": inputs.annual_budget_dkk, "FTE": total},
            lup=lup.budget_mid_nok * inputs.dkk_per_nok / lup_fte,
        ),
    ]


def _target_output(target: Target, inputs: ScenarioInputs, lup: LupBaseline, f: float, y: float, s: float) -> Output:
    value = target.value * f * y
    return Output(
        f"target_{target.key}",
        "target",
        target.label,
        value,
        "count",
        f"{_num(target.value)} (LUP target {target.target_id}) × f {_num(f, 3)} × ({inputs.years} ÷ {lup.years} years) = {_num(value, 1)}"
        + ("" if abs(value - whole(value)) < 0.05 else f" ≈ {whole(value)}"),
        {f"LUP target {target.target_id}": target.value, "f": f, "years": inputs.years, "LUP years": lup.years},
        lup=target.value,
        reference=target.value * s * y,
    )


def _savings_output(inputs: ScenarioInputs, lup: LupBaseline, r: float, f: float, s: float) -> Output:
    """Savings tied to the budget: LUP's savings per krone of its budget, times the Danish budget.

    A larger LUP budget means fewer savings per krone, so LUP's high budget gives the low end.
    """
    lup_dkk = lup.savings_nok * r
    budget = inputs.annual_budget_dkk
    f_low, f_high = budget / (lup.budget_high_nok * r), budget / (lup.budget_low_nok * r)
    central = lup_dkk * f
    return Output(
        "savings_dkk",
        "savings",
        "Savings, scaled by the budget",
        central,
        "DKK",
        f"{_num(lup.savings_nok)} NOK × {_num(r)} DKK/NOK × f {_num(f, 3)} = {_num(central)} DKK; "
        f"low: f = {_num(budget)} DKK ÷ ({_num(lup.budget_high_nok)} NOK × {_num(r)} DKK/NOK) = {_num(f_low, 3)}, "
        f"high: f = {_num(budget)} DKK ÷ ({_num(lup.budget_low_nok)} NOK × {_num(r)} DKK/NOK) = {_num(f_high, 3)}",
        {
            "LUP savings (NOK)": lup.savings_nok,
            "r (DKK/NOK)": r,
            "annual budget (DKK)": budget,
            "LUP budget (NOK)": f"{_num(lup.budget_low_nok)}–{_num(lup.budget_high_nok)}",
            "f": f,
        },
        low=lup_dkk * f_low,
        high=lup_dkk * f_high,
        lup=lup_dkk,
        reference=lup_dkk * s,
    )


@dataclass(frozen=True)
class Assumption:
    """One choice the model makes, with the formula it enters and the cited fact it rests on (None: the model's own)."""

    key: str  # its text: i18n key denmark.assume.<key>
    formula: str
    fact_id: str | None = None


# Formulas in symbols, the same in every language (the page explains them): B LUP's annual budget, D yours,
# r DKK per NOK, f funding ratio, n years, y = n ÷ n_LUP, s size factor, S savings, T a target.
ASSUMPTIONS: tuple[Assumption, ...] = (
    Assumption("budget_midpoint", "B = (B_low + B_high) ÷ 2", "no-lup-annual-budget"),
    Assumption("budget_throughout", "B(2010 – ?) = B(2015–2019)"),
    Assumption("funding", "f = D ÷ (B × r)"),
    Assumption("targets", "T_DK = T_LUP × f × y"),
    Assumption("years", "y = n ÷ n_LUP", "no-lup-period-length"),
    Assumption("savings", "S_DK = S_LUP × r × f", "no-lup-savings"),
    Assumption("savings_period", "S_LUP: 2010 – ?", "no-lup-since-2010-article"),
    Assumption("savings_band", "S_low = S_LUP × D ÷ B_high; S_high = S_LUP × D ÷ B_low", "no-lup-annual-budget"),
    Assumption("size", "T_ref = T_LUP × s × y; S_ref = S_LUP × r × s"),
    Assumption("half_positions", "2 × ½ FTE = 1 FTE", "no-lup-regional-half-positions"),
    Assumption("whole_processes", "⌊T_DK + ½⌋"),
)


def whole(value: float) -> int:
    """A projected count as whole processes (half up: 2.5 -> 3, not Python's banker's 2)."""
    return math.floor(value + 0.5)


# The few words the formulas use (key: denmark.formula.<word>), longest first; numbers written the English way
# ("5,000,000", "0.8014"), not a target's number ("LUP target 1.1").
FORMULA_WORDS = {"LUP target": "target", "years": "years", "inhabitants": "inhabitants", "municipalities": "municipalities",
                 "hubs": "hubs", "low": "low", "high": "high"}  # fmt: skip
_FORMULA_NUMBER = re.compile(r"(?<!target )(?<![\d.,])(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?!\d|,\d)")


def formula_text(formula: str, lang: str) -> str:
    """A formula as a reader of `lang` reads it: numbers in the locale's notation ('5.000.000', '0,8014'), words translated."""
    if lang == "en":
        return formula
    localized = _FORMULA_NUMBER.sub(lambda m: fmt.number_text(float(m.group().replace(",", "")), lang), formula)
    for word, key in FORMULA_WORDS.items():
        localized = re.sub(rf"\b{word}\b", text(f"denmark.formula.{key}", lang), localized)
    return localized


def _num(value: float, digits: int = 4) -> str:
    """Plain number text for formulas: thousands separated, at most `digits` significant decimals."""
    if isinstance(value, int) or float(value).is_integer():
        return f"{int(value):,}"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.{digits}g}" if abs(value) < 1 else f"{value:,.{digits}f}".rstrip("0").rstrip(".")
