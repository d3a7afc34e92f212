"""What goes into the decision brief for a Danish LUP, as plain data.

`build_brief()` gathers the Nordic comparison, LUP's design and reported results,
the Swedish network lessons and any scenarios the user chose, and numbers every
citation it uses for the sources appendix. Each section also knows the documents it cites (by name,
for the slide's sources line) and the full citations (for the speaker notes). The PDF and PPTX
renderers only lay this out, so both formats always say the same thing.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime

import pandas as pd
import vl_convert as vlc
from sqlalchemy import Engine

from model import countries, denmark, live, overview, queries, scenarios, views
from model.citation import locator_text
from model.format import amount, fact_value, number
from model.i18n import text
from model.localize import localize
from model.projection import formula_text
from model.schema import CITATION_COLUMNS
from reports.charts import FORMAT_LOCALES, bar_labels, per_capita_chart

CITATION = list(CITATION_COLUMNS)
AUTHOR = "Nordic Procurement Compass"
_REF = re.compile(r"\[(\d+)\]")


@dataclass
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    table: pd.DataFrame | None = None
    image_png: bytes | None = None
    image_alt: str = ""
    sources: list[str] = field(default_factory=list)  # documents cited, by name (the slide's sources line)
    notes: list[str] = field(default_factory=list)  # the full citations (the speaker notes)
    heading: str = ""  # a second-level heading above the table (a scenario's outputs)


@dataclass
class Brief:
    title: str
    subtitle: str
    language: str
    built_at: datetime
    data_version: str
    sections: list[Section]
    appendix: pd.DataFrame  # ref, source, locator, quote (source = the document's name)
    subject: str = ""
    author: str = AUTHOR

    def label(self, key: str) -> str:
        """A heading of the brief in its own language ('Sources', 'Kilder', …)."""
        return text(key, self.language)


class CitationIndex:
    """Numbers citations in order of first use: [1], [2], …"""

    def __init__(self, titles: dict[str, str] | None = None, lang: str = "en") -> None:
        self._refs: dict[tuple[str, str, str], int] = {}
        self.titles = titles or {}
        self.lang = lang  # the locator's words ('p.' -> 's.') read in the brief's language, as on the pages

    def ref(self, row: dict | pd.Series) -> str:
        key = (str(row["source"]), str(row["locator"]), str(row["quote"]))
        if not key[0] or key[0] == "nan":
            return ""
        return f"[{self._refs.setdefault(key, len(self._refs) + 1)}]"

    def name(self, file: str) -> str:
        """A document by its name ('Nasjonalt program for leverandørutvikling'), not its file name."""
        title = self.titles.get(file) or file
        return title.split(". ")[0]

    def table(self) -> pd.DataFrame:
        rows = [
            {"ref": f"[{n}]", "source": self.name(s), "locator": locator_text(loc, self.lang), "quote": q}
            for (s, loc, q), n in self._refs.items()
        ]
        return pd.DataFrame(rows, columns=["ref", *CITATION])

    def cited_in(self, section: Section) -> Section:
        """Fill the section's sources line and speaker notes from the references its text and table use."""
        texts = [*section.paragraphs]
        if section.table is not None:
            texts += [str(v) for v in section.table.to_numpy().ravel()]
        used = sorted({int(n) for t in texts for n in _REF.findall(t)})
        by_number = {n: key for key, n in self._refs.items()}
        keys = [by_number[n] for n in used if n in by_number]
        section.sources = list(dict.fromkeys(self.name(k[0]) for k in keys))
        section.notes = [f"[{n}] {self.name(s)}, {locator_text(loc, self.lang)}: “{q}”" for n, (s, loc, q) in zip(used, keys, strict=False)]
        return section


def build_brief(
    lang: str = "en",
    scenario_ids: list[int] | None = None,
    engine: Engine | None = None,
    currency: str = "EUR",
    year: int = 2016,
    room: bool = False,
) -> Brief:
    """The brief in `lang`, its chart in the user's `currency` and exchange-rate `year`, with the chosen saved scenarios."""
    sources = queries.sources(engine)
    refs = CitationIndex(dict(zip(sources["file"], sources["title"], strict=True)), lang)
    version = queries.data_version(engine)
    stamp = f"#{version['id']} ({version['loaded_at']:%Y-%m-%d %H:%M} UTC)" if version else "—"
    sections = [
        _comparison(lang, refs, engine),
        _procurement(lang, refs, engine, currency, year),
        _lup(lang, refs, engine),
        _sweden(lang, refs, engine),
        *(_scenario(scenario_id, lang, refs, engine) for scenario_id in scenario_ids or []),
        *(_room(lang, engine) if room else []),
    ]
    return Brief(
        title=text("brief.title", lang),
        subtitle=text("brief.subtitle", lang, version=stamp),
        language=lang,
        built_at=datetime.now(UTC),
        data_version=stamp,
        sections=[refs.cited_in(s) if not s.sources else s for s in sections],
        appendix=refs.table(),
        subject=text("brief.subject", lang),
    )


def _comparison(lang: str, refs: CitationIndex, engine: Engine | None) -> Section:
    frame = localize(overview.comparison(engine), lang)
    cells = []
    for (row_key, country), items in frame.groupby(["row", "country"], sort=False):
        parts = [_item_text(item, refs, lang) for item in items.to_dict("records")]
        cells.append({"row": text(f"overview.row.{row_key}", lang), "country": country, "text": "; ".join(parts)})
    table = pd.DataFrame(cells).pivot(index="row", columns="country", values="text")
    order = [text(f"overview.row.{r.key}", lang) for r in overview.ROWS]
    codes = list(countries.compared_codes())
    table = table.loc[order, codes].reset_index()
    table.columns = ["", *(countries.name(c, lang) for c in codes)]
    return Section(text("overview.compare.header", lang), [text("brief.comparison_note", lang)], table=table)


def _item_text(item: dict, refs: CitationIndex, lang: str) -> str:
    if item["kind"] == "none":
        return text("common.not_reported", lang)
    ref = refs.ref(item)
    if item["kind"] == "fact":
        return f"{fact_value(item, lang)} {item['text']} {ref}"
    return f"{item['text']} {ref}"


def _procurement(lang: str, refs: CitationIndex, engine: Engine | None, currency: str, year: int) -> Section:
    frame = overview.normalised_procurement(currency, year, engine, lang)
    frame["country_name"] = [countries.name(c, lang) for c in frame["country"]]
    values = [amount(round(v) if math.isfinite(v) else v, currency, lang) for v in frame["per_capita"]]  # a stored 0 population gives inf
    frame["bar_label"] = bar_labels(frame, values, year, text("brief.lower_bound", lang), text("brief.undated", lang))
    title = f"{text('overview.normalised.per_capita', lang)} ({currency}, {year})"
    # Room to the right of the longest bar for its label: the axis runs on past the largest value.
    drawable = frame[[math.isfinite(v) for v in frame["per_capita"]]]  # JSON has no inf or nan (a stored 0 population)
    chart = per_capita_chart(drawable, title, currency, "#1f4e79", width=520, room=1.6)
    table = pd.DataFrame(
        {
            text("overview.country", lang): frame["country_name"],
            title: frame["bar_label"],
            text("common.formula", lang): frame["formula"],
            "ref": [refs.ref(r) for r in frame.to_dict("records")],
        }
    )
    pairs = "; ".join(f"{n} {v}" for n, v in zip(frame["country_name"], frame["bar_label"], strict=True))
    return Section(
        text("overview.normalised.header", lang),
        [text("overview.normalised.intro", lang), text("overview.normalised.caveat", lang)],
        table=table,
        image_png=vlc.vegalite_to_png(chart.to_json(), scale=2, format_locale=FORMAT_LOCALES[lang]),
        image_alt=text("brief.chart_alt", lang, title=title, values=pairs),
    )


def _lup(lang: str, refs: CitationIndex, engine: Engine | None) -> Section:
    goals = localize(queries.lup_goals(engine), lang)
    paragraphs = [
        f"{g['text_en'] or g['text_nb']} {refs.ref(g)}" for g in goals[goals["level"].isin(["vision", "main"])].to_dict("records")
    ]
    facts = localize(queries.facts("NO", engine), lang).set_index("fact_id")
    for fact_id in ("no-lup-annual-budget", "no-lup-national-fte", "no-lup-public-workplaces", "no-lup-savings"):
        if fact_id in facts.index:
            row = facts.loc[fact_id].to_dict()
            caveat = f" ({row['caveat']})" if isinstance(row.get("caveat"), str) else ""
            paragraphs.append(f"{row['label_en']}: {fact_value(row, lang)}{caveat} {refs.ref(row)}")
    targets = localize(queries.result_targets(engine), lang)
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
    factors = localize(queries.success_factors(engine), lang)
    table = pd.DataFrame(
        {
            text("brief.factor", lang): factors["name_sv"] + " (" + factors["name_en"].fillna("") + ")",
            # the question as the report asks it, and in the reader's language beside it
            text("brief.question", lang): factors["question_sv"] + ("" if lang == "sv" else " (" + factors["question_en"].fillna("") + ")"),
            "ref": [refs.ref(r) for r in factors.to_dict("records")],
        }
    )
    statements = localize(queries.statements("SE", engine), lang).set_index("statement_id")
    paragraphs = [
        f"{statements.loc[k, 'text_en']} {refs.ref(statements.loc[k])}"
        for k in views.refs("brief", "sweden")["funding"]
        if k in statements.index
    ]
    return Section(text("brief.sweden", lang), paragraphs, table=table)


def _scenario(scenario_id: int, lang: str, refs: CitationIndex, engine: Engine | None) -> Section:
    """A saved scenario: its assumptions, then what the model projects from them (projections, not sourced figures)."""
    saved = scenarios.get(scenario_id, engine)
    inputs = saved["inputs"]
    shown = ("annual_budget_dkk", "national_fte", "regional_fte", "hubs", "years", "basis")
    assumptions = [f"{text(f'denmark.field.{name}', lang)}: {_input_text(getattr(inputs, name), lang)}" for name in shown]
    rows = denmark.projection_table(inputs, engine).to_dict("records")
    table = pd.DataFrame(
        {
            text("denmark.out.what", lang): [text(f"denmark.out.{r['key']}", lang) for r in rows],
            text("denmark.out.projection", lang): [_number(r["projection"], r["unit"], lang) for r in rows],
            f"{text('denmark.out.low', lang)} – {text('denmark.out.high', lang)}": [
                "" if pd.isna(r["low"]) else f"{_number(r['low'], r['unit'], lang)} – {_number(r['high'], r['unit'], lang)}" for r in rows
            ],
            text("common.formula", lang): [formula_text(r["formula"], lang) for r in rows],
        }
    )
    paragraphs = [text("brief.scenario_note", lang), text("brief.scenario_inputs", lang) + ":", *assumptions]
    section = Section(
        text("brief.scenario", lang, name=saved["name"]), paragraphs, table=table, heading=text("brief.scenario_outputs", lang)
    )
    section.sources = list(dict.fromkeys(refs.name(f) for f in denmark.baseline_sources(engine)["source"].dropna()))
    return section


def _input_text(value: object, lang: str) -> str:
    if isinstance(value, str):
        return text(f"denmark.basis.{value}", lang)
    return amount(float(value), "DKK", lang) if isinstance(value, float) and value >= 1e5 else f"{value:g}"


def _number(value: float, unit: str, lang: str) -> str:
    """Money in compact units, counts as whole numbers (a projection is never '136.1 processes'), staff and ratios as stated."""
    if pd.isna(value):
        return ""
    if unit in ("DKK", "NOK"):
        return amount(float(value), unit, lang)
    if unit in ("FTE", "ratio"):
        return amount(round(float(value), 2), "count", lang) + (" FTE" if unit == "FTE" else "")
    return amount(round(float(value)), "count", lang)


def _room(lang: str, engine: Engine | None) -> list[Section]:
    """ "What the summit room said": one section per answered question, labelled as the room's answers, not cited figures."""
    factors = queries.success_factors(engine)
    names = dict(zip(factors["factor_id"], factors["name_sv"], strict=True))
    sections = []
    for said in live.room_said(engine):
        rows = said["rows"]
        if said["question"]["kind"] == live.READINESS:
            question = text("live.q.readiness", lang)
            table = pd.DataFrame(
                {
                    text("brief.factor", lang): [names.get(r["factor_id"], r["factor_id"]) for r in rows],
                    text("brief.room_median", lang): [number(r["median"], lang) for r in rows],
                    text("brief.room_middle", lang): [f"{number(r['q1'], lang)} – {number(r['q3'], lang)}" for r in rows],
                    text("brief.room_range", lang): [f"{number(r['low'], lang)} – {number(r['high'], lang)}" for r in rows],
                }
            )
        else:
            question = text("live.q.scenario", lang)
            table = pd.DataFrame(
                {
                    text("brief.room_option", lang): [r["name"] for r in rows],
                    text("brief.room_votes", lang): [r["votes"] for r in rows],
                    text("brief.room_share", lang): [f"{number(round(100 * r['share']), lang)} %" for r in rows],
                }
            )
        intro = text("brief.room_intro", lang, date=said["date"].isoformat(), question=question, n=said["count"])
        sections.append(Section(text("brief.room", lang), [intro, text("live.room_label", lang)], table=table))
    return sections
