"""Locale-aware formatting of the store's values with Babel (never by hand)."""

from __future__ import annotations

import decimal
import math
from datetime import datetime
from typing import Any

from babel.dates import format_datetime
from babel.numbers import (
    NumberFormatError,
    format_compact_currency,
    format_compact_decimal,
    format_decimal,
    format_scientific,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
)

CURRENCIES = {"NOK", "SEK", "DKK", "EUR"}
QUALIFIER_PREFIX = {"approx": "≈ ", "more_than": "> ", "at_least": "≥ ", "up_to": "≤ "}
NOT_REPORTED = "not reported in the sources"
# Beyond these Babel's decimal context fails (1e50 raises) or prints hundreds of digits; no figure here comes near.
LARGEST_PLAIN, SMALLEST_PLAIN = 1e15, 1e-6


def is_missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def unusual(value: float, locale: str) -> str | None:
    """A stored value no figure should have (inf, nan, 1e308, 1e-300) as text that cannot raise; None if it is usual."""
    if not math.isfinite(value):
        return "—"
    if value and not SMALLEST_PLAIN <= abs(value) < LARGEST_PLAIN:
        return format_scientific(value, "#.##E0", locale=locale)
    return None


def number(value: float, locale: str = "en") -> str:
    if (odd := unusual(value, locale)) is not None:
        return odd
    if abs(value) >= 1_000_000:
        return format_compact_decimal(value, locale=locale, fraction_digits=1)
    return format_decimal(value, locale=locale, decimal_quantization=False)


def amount(value: float, unit: str, locale: str = "en") -> str:
    """400000000000 NOK -> 'kr 400 mrd.' (nb) / 'NOK400B' (en); 3 FTE -> '3 FTE'."""
    suffix = {"count": "", "percent": " %", "FTE": " FTE"}.get(unit, f" {unit}")
    if (odd := unusual(value, locale)) is not None:
        return odd + suffix
    if unit in CURRENCIES:
        return format_compact_currency(value, unit, locale=locale, fraction_digits=1 if value % 1e9 and value >= 1e9 else 0)
    if unit == "year":
        return str(int(value)) if value.is_integer() else number(value, locale)
    return number(value, locale) + suffix


def fact_value(row: dict[str, Any], locale: str = "en") -> str:
    """A fact row as shown on screen, with its range and qualifier."""
    if is_missing(row.get("value")):
        return NOT_REPORTED
    text = amount(float(row["value"]), row["unit"], locale)
    if not is_missing(row.get("value_high")):
        text = f"{amount(float(row['value']), row['unit'], locale)} – {amount(float(row['value_high']), row['unit'], locale)}"
    return QUALIFIER_PREFIX.get(row.get("qualifier") or "", "") + text


def datetime_text(moment: datetime, locale: str = "en") -> str:
    """A timestamp in the locale's medium format, e.g. '24 Nov 2026, 18:31:13'."""
    return format_datetime(moment, format="medium", locale=locale)


# What readers type as a thousands separator besides the locale's own: a plain space where CLDR has a
# no-break space (sv, nb), and in Norwegian also the point ("1.234,5") that many write.
_TYPED_GROUPS = {"nb": (" ", "\u202f", "."), "sv": (" ", "\u202f"), "da": (" ", "\u202f"), "en": ()}


def parse_number(text: object, locale: str = "en") -> float | None:
    """A number as a reader of `locale` writes it: '1.234,5' (da, nb), '1 234,5' (sv, nb), '1,234.5' (en).

    None when it is not one, or when its grouping is misplaced ('1.2345' in Danish is neither 1.2345
    nor 12345): Babel's strict parsing, so a typo is reported rather than read as another number.
    """
    raw = str(text).strip()
    if not raw:
        return None
    group = get_group_symbol(locale)
    for typed in _TYPED_GROUPS.get(locale.split("_")[0], (" ",)):
        if typed != get_decimal_symbol(locale):
            raw = raw.replace(typed, group)
    try:
        value = float(parse_decimal(raw, locale=locale, strict=True))
    except NumberFormatError:
        return None
    return value if math.isfinite(value) else None


def number_text(value: float, locale: str = "en") -> str:
    """A number as an input field shows it in `locale`, every digit kept ('4.007.000', '0,8014'); ∞ or — when not finite."""
    if not math.isfinite(value):
        return "—" if math.isnan(value) else "∞" if value > 0 else "−∞"
    try:
        return format_decimal(value, locale=locale, decimal_quantization=False)
    except decimal.InvalidOperation:  # more digits than Decimal's 28 (1e300): the exponent form says it
        return format_scientific(value, locale=locale)


def vega_number_locale(locale: str = "en") -> dict[str, object]:
    """The locale's separators for a chart's axes and tooltips (a d3-format locale, Vega-Lite's `config.locale.number`)."""
    return {"decimal": get_decimal_symbol(locale), "thousands": get_group_symbol(locale), "grouping": [3], "currency": ["", ""]}
