"""A source as a reader cites it: "Upphandlingsmyndigheten, Rapport 2019:3, s. 38".

The store names a document by its file (`003_0ea15bb8b611e70a.txt`), which proves where a quote is
but tells a reader nothing; pages show the document's `cite_as` name and the locator with its words
in the reader's language (`p.` -> `s.`, `para.` -> `afsnit`). The file name stays in `source_file`
for the Sources appendix and the export.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

import pandas as pd

from model.i18n import text

# The locator words the seed uses (SCHEMA.md: `p. 7`, `§ 8.1, p. 36`, `para. 3`), each a catalog key.
_LOCATOR_WORDS = {"p.": "cite.page", "para.": "cite.paragraph"}
_LOCATOR_WORD = re.compile(r"(?<![\w.])(para\.|p\.)(?=\s*\d)")


def locator_text(locator: object, lang: str) -> object:
    """'§ 8.1, p. 36' -> '§ 8.1, s. 36' (nb, sv, da); anything else unchanged."""
    if not isinstance(locator, str) or lang == "en":
        return locator
    return _LOCATOR_WORD.sub(lambda m: text(_LOCATOR_WORDS[m.group(1)], lang), locator)


def cited_as(value: Any, names: Mapping[str, str], lang: str) -> Any:
    """`value` (a frame, dict or list, as queries return them) with each `source` file named as a reader cites it.

    A frame or row with a `source` column gets `source_file` (the file) beside it; a `source` that is no
    document (reference data names its own source in words) is left as it is.
    """
    if isinstance(value, pd.DataFrame):
        if "source" not in value.columns or not value["source"].isin(names.keys()).any():
            return value
        extra = {"source_file": value["source"], "source": value["source"].map(lambda f: names.get(f, f))}
        if "locator" in value.columns:
            extra["locator"] = value["locator"].map(lambda loc: locator_text(loc, lang))
        return value.assign(**extra)
    if isinstance(value, dict):
        if value.get("source") in names:
            return {
                **value,
                "source_file": value["source"],
                "source": names[value["source"]],
                "locator": locator_text(value.get("locator"), lang),
            }
        return {k: cited_as(v, names, lang) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(cited_as(v, names, lang) for v in value)
    return value
