"""What the room is asked, in the reader's language: the two questions and the five success factors.

The factors and their guiding questions are the Swedish report's (§ 7.4, as the Sweden self-check
uses them): Swedish names as the report prints them, the guiding question in the reader's language
(Swedish verbatim; English from the seed; Norwegian and Danish from `seed/translations/`).
"""

from __future__ import annotations

import csv
from functools import cache

from model import live
from seed.validate import SEED_DIR
from ui import data
from ui.i18n import t

FACTORS_FILE = "sweden/success_factors.csv"


@cache
def _translations(lang: str) -> dict[tuple[str, str], str]:
    """(factor id, field) -> text from `seed/translations/<lang>.csv`, when that file exists."""
    path = SEED_DIR / "translations" / f"{lang}.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as handle:
        return {(r["key"], r["field"]): r["text"] for r in csv.DictReader(handle) if r["file"] == FACTORS_FILE}


def factors(lang: str) -> list[dict[str, str]]:
    """Each factor: id, Swedish name, name and guiding question in `lang`."""
    rows = data.get("success_factors").to_dict("records")
    out = []
    for row in rows:
        if lang == "sv":
            name, question = row["name_sv"], row["question_sv"]
        else:
            extra = _translations(lang) if lang != "en" else {}
            name = extra.get((row["factor_id"], "name_en"), row["name_en"])
            question = extra.get((row["factor_id"], "question_en"), row["question_en"])
        out.append({"factor_id": row["factor_id"], "name_sv": row["name_sv"], "name": name, "question": question})
    return out


def factor_names(lang: str) -> dict[str, str]:
    """'1. Målbild' style labels for charts: the report's Swedish names are what the room saw on the phones."""
    return {f["factor_id"]: f"{n}. {f['name_sv']}" for n, f in enumerate(factors(lang), start=1)}


def question_title(kind: str) -> str:
    return t("live.q.readiness") if kind == live.READINESS else t("live.q.scenario")
