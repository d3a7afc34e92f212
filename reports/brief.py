"""What goes into the decision brief for a Danish LUP, as plain data.

`build_brief()` gathers the Nordic comparison, LUP's design and reported results,
the Swedish network lessons and any scenarios the user chose, and numbers every
citation it uses for the sources appendix. The PDF and PPTX renderers only lay
this out, so both formats always say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

import altair as alt
import pandas as pd
import vl_convert as vlc
from sqlalchemy import Engine

from model import overview, queries
from model.format import fact_value
from model.i18n import text
from model.schema import CITATION_COLUMNS

CITATION = list(CITATION_COLUMNS)


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    image_png: bytes | None = None


@dataclass
class Brief:
    title: str
    subtitle: str
    language: str
    built_at: datetime
    data_version: str
    sections: list[Section]
    appendix: pd.DataFrame  # ref, source, locator, quote


class CitationIndex:
    """Numbers citations in order of first use: [1], [2], …"""

    def __init__(self) -> None:
        self._refs: dict[tuple[str, str, str], int] = {}

    def ref(self, row: dict | pd.Series) -> str:
        key = (str(row["source"]), str(row["locator"]), str(row["quote"]))
        if not key[0] or key[0] == "nan":
            return ""
        return f"[{self._refs.setdefault(key, len(self._refs) + 1)}]"

    def table(self) -> pd.DataFrame:
        rows = [{"ref": f"[{n}]", "source": s, "locator": loc, "quote": q} for (s, loc, q), n in self._refs.items()]
        return pd.DataFrame(rows, columns=["ref", *CITATION])


def build_brief(lang: str = "en", scenarios: list[tuple[str, pd.DataFrame]] | None = None, engine: Engine | None = None) -> Brief:
    refs = CitationIndex()
    version = queries.data_version(engine)
    stamp = f"#{version['id']} ({version['loaded_at']:%Y-%m-%d %H:%M} UTC)" if version else "—"
    sections = [
        _comparison(lang, refs, engine),
        _procurement(lang, refs, engine),
        _lup(lang, refs, engine),
        _sweden(lang, refs, engine),
    ]
    for name, table in scenarios or []:
        sections.append(Section(text("brief.scenario", lang, name=name), [text("brief.scenario_note", lang)], table=table))
    return Brief(
        title=text("brief.title", lang),
        subtitle=text("brief.subtitle", lang, version=stamp),
        language=lang,
        built_at=datetime.now(UTC),
        data_version=stamp,
        sections=sections,
        appendix=refs.table(),
    )


def _comparison(lang: str, refs: CitationIndex, engine: Engine | None) -> Section:
    frame = overview.comparison(engine)
    cells = []
    for (row_key, country), items in frame.groupby(["row", "country"], sort=False):
        parts = [_item_text(item, refs, lang) for item in items.to_dict("records")]
        cells.append({"row": text(f"overview.row.{row_key}", lang), "country": country, "text": "; ".join(parts)})
    table = pd.DataFrame(cells).pivot(index="row", columns="country", values="text")
    order = [text(f"overview.row.{r.key}", lang) for r in overview.ROWS]
    table = table.loc[order, list(overview.COUNTRIES)].reset_index()
    table.columns = ["", *(text(f"country.{c}", lang) for c in overview.COUNTRIES)]
    return Section(text("overview.compare.header", lang), [text("brief.comparison_note", lang)], table=table)


def _item_text(item: dict, refs: CitationIndex, lang: str) -> str:
    if item["kind"] == "none":
        return text("common.not_reported", lang)
    ref = refs.ref(item)
    if item["kind"] == "fact":
        return f"{fact_value(item, lang)} {item['text']} {ref}"
    return f"{item['text']} {ref}"


def _procurement(lang: str, refs: CitationIndex, engine: Engine | None) -> Section:
    frame = overview.normalised_procurement("EUR", 2016, engine)
    frame["country_name"] = [text(f"country.{c}", lang) for c in frame["country"]]
    chart = (
        alt.Chart(frame, title=text("overview.normalised.header", lang))
        .mark_bar(color="#1f4e79")
        .encode(
            x=alt.X("per_capita:Q", title=f"{text('overview.normalised.per_capita', lang)} (EUR, 2016)"),
            y=alt.Y("country_name:N", title=None),
        )
        .properties(width=460, height=140)
    )
    table = pd.DataFrame(
        {
            text("overview.country", lang): frame["country_name"],
            text("overview.normalised.per_capita", lang): frame["per_capita"].round(0),
            text("common.formula", lang): frame["formula"],
            "ref": [refs.ref(r) for r in frame.to_dict("records")],
        }
    )
    return Section(
        text("overview.normalised.header", lang),
        [text("overview.normalised.intro", lang), text("overview.normalised.caveat", lang)],
        table=table,
        image_png=vlc.vegalite_to_png(chart.to_json(), scale=2),
    )


def _lup(lang: str, refs: CitationIndex, engine: Engine | None) -> Section:
    goals = queries.lup_goals(engine)
    paragraphs = [
        f"{g['text_en'] or g['text_nb']} {refs.ref(g)}" for g in goals[goals["level"].isin(["vision", "main"])].to_dict("records")
    ]
    facts = queries.facts("NO", engine).set_index("fact_id")
    for fact_id in ("no-lup-annual-budget", "no-lup-national-fte", "no-lup-public-workplaces", "no-lup-savings"):
        if fact_id in facts.index:
            row = facts.loc[fact_id].to_dict()
            caveat = f" ({row['caveat']})" if isinstance(row.get("caveat"), str) else ""
            paragraphs.append(f"{row['label_en']}: {fact_value(row, lang)}{caveat} {refs.ref(row)}")
    targets = queries.result_targets(engine)
    table = pd.DataFrame(
        {
            "#": targets["target_id"],
            text("brief.target", lang): targets["text_en"].fillna(targets["text_nb"]),
            text("brief.value", lang): targets["target_value"].map(lambda v: "" if pd.isna(v) else f"{v:g}"),
            text("brief.by", lang): targets["deadline"].map(lambda v: "" if pd.isna(v) else str(int(v))),
            "ref": [refs.ref(r) for r in targets.to_dict("records")],
        }
    )
    return Section(text("brief.lup", lang), paragraphs, table=table)


def _sweden(lang: str, refs: CitationIndex, engine: Engine | None) -> Section:
    factors = queries.success_factors(engine)
    table = pd.DataFrame(
        {
            text("brief.factor", lang): factors["name_sv"] + " (" + factors["name_en"].fillna("") + ")",
            text("brief.question", lang): factors["question_sv"],
            "ref": [refs.ref(r) for r in factors.to_dict("records")],
        }
    )
    statements = queries.statements("SE", engine).set_index("statement_id")
    paragraphs = [
        f"{statements.loc[k, 'text_en']} {refs.ref(statements.loc[k])}"
        for k in ("funding_em_permanent", "funding_nv_short_term", "funding_long_and_short", "role_models_lup_keino")
        if k in statements.index
    ]
    return Section(text("brief.sweden", lang), paragraphs, table=table)
