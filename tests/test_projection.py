"""The Danish LUP model: formulas checked on hand-worked examples, and properties that hold for any inputs."""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.projection import (
    ASSUMPTIONS,
    MAX_VALUE,
    MIN_POSITIVE,
    REGIONS,
    InputError,
    LupBaseline,
    ScenarioInputs,
    Target,
    formula_text,
    from_raw,
    parse_number,
    project,
    spread,
    whole,
)

LUP = LupBaseline(
    budget_low_nok=5_000_000,
    budget_high_nok=6_000_000,
    national_fte=3,
    regional_half_positions=2,
    years=5,
    hubs=3,
    savings_nok=334_000_000,
    targets=(
        Target("organisations", "1.1", "Organisations using innovative procurement", 30),
        Target("hubs", "1.2", "Regional hubs", 3),
        Target("operative", "1.6", "Operative processes", 60),
        Target("service", "1.7", "Service-innovation processes", 10),
        Target("meeting_places", "2.1", "National meeting places", 2),
    ),
)


def inputs(**changes: object) -> ScenarioInputs:
    """Round numbers that make the arithmetic easy to follow by hand."""
    values = {
        "annual_budget_dkk": 4_400_000.0,  # = LUP's midpoint 5.5 m NOK at 0.8 DKK/NOK, so f = 1
        "national_fte": 3.0,
        "regional_fte": 1.0,
        "hubs": 3,
        "assignment": spread(3),
        "years": 5,
        "basis": "population",
        "dkk_per_nok": 0.8,
        "no_procurement_nok": 400e9,
        "dk_procurement_dkk": 300e9,
        "no_population": 5_000_000.0,
        "dk_population": 6_000_000.0,
        "no_municipalities": 428.0,
        "dk_municipalities": 98.0,
    }
    return ScenarioInputs(**{**values, **changes})  # type: ignore[arg-type]


# --- Hand-worked examples -------------------------------------------------------------------------


def test_lup_budget_is_converted_from_nok_to_dkk_at_the_given_rate():
    result = project(inputs(), LUP).get("lup_budget_dkk")
    # (5 m + 6 m) / 2 = 5.5 m NOK; × 0.8 DKK/NOK = 4.4 m DKK; range 4.0 m to 4.8 m DKK
    assert result.value == pytest.approx(4_400_000)
    assert (result.low, result.high) == (pytest.approx(4_000_000), pytest.approx(4_800_000))
    assert "× 0.8 DKK/NOK = 4,400,000 DKK" in result.formula


def test_a_budget_equal_to_lups_reproduces_lups_targets():
    result = project(inputs(), LUP)
    assert result.funding_ratio == pytest.approx(1.0)
    assert result.get("target_operative").value == pytest.approx(60)
    assert result.get("target_service").value == pytest.approx(10)
    assert result.get("target_organisations").value == pytest.approx(30)


def test_targets_scale_with_budget_and_years():
    # 8.8 m DKK is twice LUP's 4.4 m DKK (f = 2), over 10 years instead of 5 (y = 2): 60 × 2 × 2 = 240
    result = project(inputs(annual_budget_dkk=8_800_000.0, years=10), LUP).get("target_operative")
    assert result.value == pytest.approx(240)
    assert result.lup == 60
    assert "60 (LUP target 1.6) × f 2 × (10 ÷ 5 years) = 240" in result.formula
    assert result.inputs["LUP target 1.6"] == 60


def test_procurement_basis_compares_volumes_in_one_currency():
    # 300 bn DKK ÷ 0.8 DKK/NOK = 375 bn NOK; ÷ 400 bn NOK = 0.9375
    result = project(inputs(basis="procurement"), LUP)
    assert result.scale["procurement"] == pytest.approx(0.9375)
    # LUP's budget scaled to Denmark: 5.5 m NOK × 0.8 × 0.9375 = 4.125 m DKK
    assert result.get("scaled_budget_dkk").value == pytest.approx(4_125_000)


def test_population_and_municipality_bases():
    result = project(inputs(), LUP)
    assert result.scale["population"] == pytest.approx(1.2)
    assert result.scale["municipalities"] == pytest.approx(98 / 428)
    # size reference of 60 operative processes: 60 × 1.2 × (5 ÷ 5) = 72
    assert result.get("target_operative").reference == pytest.approx(72)


def test_staffing_counts_two_half_positions_as_one_fte():
    result = project(inputs(national_fte=2.0, regional_fte=1.5), LUP)
    staff = result.get("fte_total")
    assert staff.value == pytest.approx(3.5)
    assert staff.lup == pytest.approx(4.0)  # 3 national + 2 × 0.5 regional
    assert result.get("fte_per_hub").value == pytest.approx(0.5)  # 1.5 FTE over 3 hubs
    assert result.get("budget_per_fte_dkk").value == pytest.approx(4_400_000 / 3.5)
    assert result.get("budget_per_fte_dkk").lup == pytest.approx(4_400_000 / 4)


def test_savings_follow_the_budget_at_lups_rate_of_savings_per_krone():
    result = project(inputs(), LUP).get("savings_dkk")
    # f = 1: 334 m NOK × 0.8 DKK/NOK × 1 = 267.2 m DKK, LUP's own savings in DKK
    assert result.value == pytest.approx(267_200_000)
    # LUP's budget at its high end, 6 m NOK = 4.8 m DKK: f = 4.4 ÷ 4.8, 267.2 m × 0.91667 = 244.93 m DKK
    assert result.low == pytest.approx(267_200_000 * 4.4 / 4.8)
    # at its low end, 5 m NOK = 4.0 m DKK: f = 1.1, 293.92 m DKK
    assert result.high == pytest.approx(293_920_000)
    assert result.low < result.value < result.high  # the central value lies inside its band
    # the size reference: 267.2 m DKK × 1.2 (population) = 320.64 m DKK
    assert result.reference == pytest.approx(320_640_000)
    assert "low: f = 4,400,000 DKK ÷ (6,000,000 NOK × 0.8 DKK/NOK) = 0.917" in result.formula


def test_a_larger_budget_gives_a_larger_savings_band():
    small = project(inputs(annual_budget_dkk=4_400_000.0), LUP).get("savings_dkk")
    large = project(inputs(annual_budget_dkk=10_000_000.0), LUP).get("savings_dkk")
    # 10 m DKK ÷ 4.4 m DKK = 2.2727: 267.2 m × 2.2727 = 607.27 m DKK, band 10 ÷ 4.8 = 2.0833 to 10 ÷ 4.0 = 2.5
    assert large.value == pytest.approx(607_272_727.27)
    assert (large.low, large.high) == (pytest.approx(556_666_666.67), pytest.approx(668_000_000))
    assert large.low > small.high


def test_savings_do_not_depend_on_the_programme_years_or_the_size_basis():
    # LUP's savings period (since 2010, in an undated article) has no length to scale years by
    base = project(inputs(), LUP).get("savings_dkk")
    other = project(inputs(years=10, basis="municipalities"), LUP).get("savings_dkk")
    assert (other.value, other.low, other.high) == (base.value, base.low, base.high)
    assert other.reference == pytest.approx(267_200_000 * 98 / 428)


def test_fractional_counts_are_shown_as_whole_processes_with_the_exact_quotient_in_the_formula():
    # 4.4 m DKK × 1.5 = 6.6 m DKK: f = 1.5; 1.6's 60 × 1.5 × (3 ÷ 5) = 54, 1.7's 10 × 1.5 × 0.6 = 9
    # and 2.1's 2 × 1.5 × 0.6 = 1.8, shown as 2
    result = project(inputs(annual_budget_dkk=6_600_000.0, years=3), LUP).get("target_meeting_places")
    assert result.value == pytest.approx(1.8)
    assert result.formula.endswith("= 1.8 ≈ 2")
    assert whole(1.8) == 2 and whole(2.5) == 3 and whole(0.49) == 0


def test_every_assumption_names_its_formula_and_the_facts_it_rests_on_exist():
    keys = [a.key for a in ASSUMPTIONS]
    assert len(keys) == len(set(keys))
    assert all(a.formula for a in ASSUMPTIONS)
    cited = {a.fact_id for a in ASSUMPTIONS if a.fact_id}
    assert cited <= {
        *("no-lup-annual-budget", "no-lup-period-length", "no-lup-savings"),
        *("no-lup-since-2010-article", "no-lup-regional-half-positions"),
    }


def test_every_output_is_labelled_a_projection_and_has_a_formula():
    rows = project(inputs(), LUP).rows()
    assert {r["kind"] for r in rows} == {"projection"}
    assert all(r["formula"] and r["inputs"] for r in rows)


@pytest.mark.parametrize(
    "text, value",
    [("5 500 000", 5_500_000), ("5,500,000", 5_500_000), ("0,8014", 0.8014), ("4.4e6", 4_400_000), ("1\u00a0234", 1234)],
)
def test_numbers_typed_in_any_of_our_locales_are_read(text, value):
    assert parse_number(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["", "abc", "5 mio", "nan", "inf", "1.2.3"])
def test_text_that_is_not_a_number_is_refused(text):
    assert parse_number(text) is None


def test_spreading_regions_gives_every_hub_a_region():
    for hubs in range(1, len(REGIONS) + 1):
        assignment = spread(hubs)
        assert sorted(set(assignment)) == list(range(1, hubs + 1))


# --- Clear errors, one per field ------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, field, code",
    [
        ({"annual_budget_dkk": -1.0}, "annual_budget_dkk", "negative"),
        ({"hubs": 0}, "hubs", "hubs_zero"),
        ({"hubs": 6}, "hubs", "hubs_too_many"),
        ({"dkk_per_nok": 0.0}, "dkk_per_nok", "not_positive"),
        ({"years": 0}, "years", "years_range"),
        ({"basis": "gdp"}, "basis", "unknown_basis"),
        ({"national_fte": math.nan}, "national_fte", "not_a_number"),
        ({"assignment": (1, 1, 1, 1, 4)}, "assignment", "assignment_beyond"),
        ({"assignment": (1, 1, 1, 2, 2)}, "assignment", "hub_without_region"),
        ({"regional_fte": 1e16}, "regional_fte", "too_large"),
        ({"dkk_per_nok": 1e-12}, "dkk_per_nok", "too_small"),
    ],
)
def test_invalid_inputs_raise_a_clear_error_for_their_field(change, field, code):
    with pytest.raises(InputError) as caught:
        inputs(**change)
    assert caught.value.problems[field].code == code
    assert field in str(caught.value)


def test_from_raw_reports_every_broken_field_at_once():
    raw = {**inputs().to_dict(), "annual_budget_dkk": "lots", "hubs": "0", "dkk_per_nok": "0", "years": "five"}
    with pytest.raises(InputError) as caught:
        from_raw(raw)
    problems = caught.value.problems
    assert problems["annual_budget_dkk"].code == "not_a_number"
    assert problems["hubs"].code == "hubs_zero"
    assert problems["dkk_per_nok"].code == "not_positive"
    assert problems["years"].code == "not_an_integer"
    assert "national_fte" not in problems


def test_inputs_round_trip_through_their_dict():
    original = inputs(basis="procurement", assignment=spread(3))
    assert from_raw({k: str(v) if not isinstance(v, list) else ",".join(map(str, v)) for k, v in original.to_dict().items()}) == original


# --- Properties ------------------------------------------------------------------------------------

budgets = st.just(0.0) | st.floats(min_value=MIN_POSITIVE, max_value=1e10)
positive = st.floats(min_value=1e-3, max_value=1e12, allow_nan=False)


@settings(max_examples=150, deadline=None)
@given(low=budgets, high=budgets, years=st.integers(1, 30), rate=positive, basis=st.sampled_from(["procurement", "population"]))
def test_more_budget_never_means_fewer_projected_processes(low, high, years, rate, basis):
    low, high = sorted((low, high))
    small = project(inputs(annual_budget_dkk=low, years=years, dkk_per_nok=rate, basis=basis), LUP)
    large = project(inputs(annual_budget_dkk=high, years=years, dkk_per_nok=rate, basis=basis), LUP)
    for output in small.outputs:
        if output.group == "target":
            assert output.value <= large.get(output.key).value


@settings(max_examples=100, deadline=None)
@given(budget=budgets, short=st.integers(1, 30), long=st.integers(1, 30))
def test_more_years_never_means_fewer_projected_processes(budget, short, long):
    short, long = sorted((short, long))
    assert (
        project(inputs(annual_budget_dkk=budget, years=short), LUP).get("target_operative").value
        <= project(inputs(annual_budget_dkk=budget, years=long), LUP).get("target_operative").value
    )


@settings(max_examples=100, deadline=None)
@given(rate=positive, budget=budgets, no=positive, basis=st.sampled_from(["procurement", "population", "municipalities"]))
def test_the_savings_band_is_ordered(rate, budget, no, basis):
    result = project(inputs(dkk_per_nok=rate, annual_budget_dkk=budget, no_procurement_nok=no, basis=basis), LUP).get("savings_dkk")
    assert result.low <= result.value * (1 + 1e-9) and result.value <= result.high * (1 + 1e-9)


@settings(max_examples=100, deadline=None)
@given(budget=st.floats(max_value=-1e-9, min_value=-1e12, allow_nan=False))
def test_any_negative_budget_is_refused(budget):
    with pytest.raises(InputError) as caught:
        inputs(annual_budget_dkk=budget)
    assert set(caught.value.problems) == {"annual_budget_dkk"}


@settings(max_examples=100, deadline=None)
@given(hubs=st.integers().filter(lambda h: not 1 <= h <= len(REGIONS)))
def test_any_hub_count_outside_one_to_five_is_refused(hubs):
    with pytest.raises(InputError) as caught:
        inputs(hubs=hubs)
    assert caught.value.problems["hubs"].code in {"hubs_zero", "hubs_too_many"}


@settings(max_examples=100, deadline=None)
@given(text=st.text(alphabet="abcxyz!?%", min_size=1, max_size=8))
def test_any_non_numeric_budget_text_is_refused(text):
    with pytest.raises(InputError) as caught:
        from_raw({**inputs().to_dict(), "annual_budget_dkk": text})
    assert caught.value.problems["annual_budget_dkk"].code == "not_a_number"


@settings(max_examples=150, deadline=None)
@given(
    budget=st.just(0.0) | st.floats(MIN_POSITIVE, MAX_VALUE),
    staff=st.just(0.0) | st.floats(MIN_POSITIVE, MAX_VALUE),
    rate=st.floats(MIN_POSITIVE, MAX_VALUE),
    size=st.floats(MIN_POSITIVE, MAX_VALUE),
    basis=st.sampled_from(["procurement", "population", "municipalities"]),
)
def test_every_allowed_input_gives_finite_outputs(budget, staff, rate, size, basis):
    scenario = inputs(
        annual_budget_dkk=budget,
        national_fte=staff,
        regional_fte=staff,
        dkk_per_nok=rate,
        dk_procurement_dkk=size,
        dk_population=size,
        basis=basis,
    )
    for output in project(scenario, LUP).outputs:
        if output.key != "budget_per_fte_dkk" or staff > 0:  # no staff: budget per FTE is undefined (shown as —)
            assert math.isfinite(output.value), output.key


def test_inputs_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        inputs().hubs = 4  # type: ignore[misc]


def test_a_formula_reads_in_the_readers_language_but_keeps_target_numbers():
    formula = "30 (LUP target 1.1) × f 1.25 × (5 ÷ 5 years) = 37.5 ≈ 38; low: f = 4,400,000 DKK ÷ 4,800,000 DKK = 0.917, high: 1.1"
    assert formula_text(formula, "da") == (
        "30 (LUP-mål 1.1) × f 1,25 × (5 ÷ 5 år) = 37,5 ≈ 38; lav: f = 4.400.000 DKK ÷ 4.800.000 DKK = 0,917, høj: 1,1"
    )
    assert formula_text(formula, "en") == formula


def test_a_whole_count_gets_no_rounding_note():
    # 4.4 m DKK is exactly LUP's budget: 60 × 1 × 1 = 60, whatever the float arithmetic leaves behind
    assert not project(inputs(), LUP).get("target_operative").formula.endswith("≈ 60")
