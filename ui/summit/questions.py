"""What the room is asked, in the reader's language: the two questions and the five success factors.

The factors and their guiding questions are the Swedish report's (§ 7.4), as the Sweden self-check
uses them (`model.assessments`): the Swedish names as the report prints them, the name and guiding
question in the reader's language (Swedish verbatim; the others from the seed and its translations).
"""

from __future__ import annotations

from model import live, queries
from model.translations import translate_frame
from ui.data import cached, shared
from ui.i18n import t


@shared  # read on every rerun of every phone in the room: one list per data version and language, not a copy each time
def factors(lang: str) -> list[dict[str, str]]:
    """Each factor: id, Swedish name, name and guiding question in `lang`."""
    rows = translate_frame(cached(queries.success_factors)(), lang, "sweden/success_factors.csv")
    out = []
    for row in rows.to_dict("records"):
        name, question = (row["name_sv"], row["question_sv"]) if lang == "sv" else (row["name_en"], row["question_en"])
        out.append({"factor_id": row["factor_id"], "name_sv": row["name_sv"], "name": name, "question": question})
    return out


def factor_names(lang: str) -> dict[str, str]:
    """'1. Målbild' style labels for charts: the report's Swedish names, which the room saw on the phones."""
    return {f["factor_id"]: f"{n}. {f['name_sv']}" for n, f in enumerate(factors(lang), start=1)}


def question_title(kind: str) -> str:
    return t("live.q.readiness") if kind == live.READINESS else t("live.q.scenario")
