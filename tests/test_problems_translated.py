"""What a refused import or edit says on the admin page is in the page's language, and user text reads as typed.

The model keeps its English message (the CLI and logs read it) and adds a code and params; the page shows
`problem.<code>` in its language. These tests read as what an editor in Copenhagen, Oslo or Stockholm sees.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.imports import HEADER, ROW
from model import auth, domains, editing, imports, rules
from model.db import get_engine
from model.errors import EditError
from model.i18n import LANGUAGES, keys
from tests.apptest import signed_in_admin
from tests.conftest import PROJECT_ROOT, store_copy
from ui.admin_edit import problem_text, refusal

PASSWORD = "a long secret phrase"
# The modules whose problems and refusals reach the admin page (and the manifest check, which shares them).
SOURCES = ["model/rules.py", "model/imports.py", "model/editing.py", "model/domains.py", "model/views.py", "model/errors.py"]
CODE = re.compile(r'\bcode(?::\s*str)?\s*=\s*"(\w+)"')
PLACEHOLDER = re.compile(r"\{\w+\}")


def model_codes() -> set[str]:
    """Every problem code the model can produce: each `code="…"` in its sources, and the pydantic error kinds it names."""
    found = {code for path in SOURCES for code in CODE.findall((PROJECT_ROOT / path).read_text(encoding="utf-8"))}
    return found | set(rules.PYDANTIC_CODES.values()) | {rules.GENERIC_CODE}


def all_texts(problem: rules.Problem) -> dict[str, str]:
    return {lang: problem_text(problem.code, problem.params, problem.message, lang) for lang in LANGUAGES}


@pytest.fixture
def store(seeded_url: str, tmp_path: Path):
    return get_engine(store_copy(seeded_url, tmp_path / "problems.db"))


@pytest.fixture(scope="module")
def editor() -> auth.Editor:
    return auth.sign_in({"pia": auth.hash_password(PASSWORD)}, "pia", PASSWORD, auth.Throttle())


@pytest.fixture(scope="module")
def danish_admin(seeded_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator:
    """The admin page in Danish (`?lang=da`), signed in as pia, on a private copy of the store (one for the module)."""
    with signed_in_admin(seeded_url, tmp_path_factory.mktemp("danish-admin"), PASSWORD, lang="da") as (at, _url):
        yield at


def upload(at, name: str, data: bytes):
    """Upload a facts file; the page's refusal headline and its problems table (then the upload is removed again)."""
    at.file_uploader(key="upload-fact").set_value((name, data, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    shown = at.error[0].value, next(d for d in at.dataframe if "message" in d.value.columns)
    at.file_uploader(key="upload-fact").set_value(None).run()
    return shown


# --- What the page shows ------------------------------------------------------------------------------


def test_a_danish_editor_importing_text_where_a_number_goes_sees_the_problem_in_danish_by_row_and_column(danish_admin):
    bad = ROW.format(n=1).replace(",1,,count,", ",mange,,count,")  # the value column holds a word
    headline, table = upload(danish_admin, "fakta.csv", (HEADER + bad).encode())
    assert headline == "Filen blev ikke importeret: 1 problem, efter række og kolonne:"
    assert table.value.to_dict("records") == [{"file": "fakta.csv", "row": 2, "column": "value", "message": "»mange« er ikke et tal."}]
    headings = {name: column["label"] for name, column in json.loads(table.proto.columns).items() if "label" in column}
    assert headings == {"file": "Fil", "row": "Række", "column": "Kolonne", "message": "Problem"}


def test_a_row_longer_than_its_header_names_the_extra_cell_in_danish(danish_admin):
    _headline, table = upload(danish_admin, "fakta.csv", (HEADER + ROW.format(n=1).rstrip("\n") + ",overskud\n").encode())
    assert [row["column"] for row in table.value.to_dict("records")] == [f"celle {len(HEADER.split(',')) + 1}"]


def test_a_file_name_and_a_cell_with_markup_show_literally(danish_admin):
    name = "<script>alert(1)</script>**fed**.csv"
    bad = ROW.format(n=1).replace(",1,,count,", ",<b>**x**</b>,,count,")
    _headline, table = upload(danish_admin, name, (HEADER + bad).encode())
    (row,) = table.value.to_dict("records")
    assert row["file"] == name  # a data frame cell: plain text, no escaping backslashes either
    assert row["message"] == "»<b>**x**</b>« er ikke et tal."


def test_a_refusal_headline_escapes_the_key_it_names_for_the_markdown_of_st_error():
    refused = EditError("No row with key '**x**'.", code="no_row", params={"key": "**x** <i>"})
    assert refusal(refused, "da") == r"Der er ingen række med nøglen »\*\*x\*\* \<i\>«."


# --- What the model's problems say in each language ----------------------------------------------------


def test_every_problem_code_the_model_can_produce_has_a_text_in_every_language():
    codes = model_codes()
    assert {"not_saved", "out_of_range", "not_a_number", "range_reversed", "conflict"} <= codes  # the grep finds them
    missing = sorted(f"problem.{code}" for code in codes if f"problem.{code}" not in keys())
    assert missing == []
    units = {rule.unit_code for rule in [*domains.FACT_VALUE_BY_UNIT.values(), *(r for c in domains.DOMAINS.values() for r in c.values())]}
    assert "" not in units and sorted(f"problem.unit.{u}" for u in units if f"problem.unit.{u}" not in keys()) == []


def test_the_hostile_import_corpus_reads_in_every_language_with_every_value_filled_in(engine):
    corpus = sorted((PROJECT_ROOT / "tests" / "hostile" / "imports").glob("*.csv"))
    problems = []
    for path in corpus:
        table = next((t for t in editing.EDITABLE if path.name.startswith(t)), "fact")
        problems += imports.check_import(table, path.name, path.read_bytes(), engine)[1]
    assert len(problems) >= 10 and all(p.code for p in problems), [p for p in problems if not p.code]
    for problem in problems:
        texts = all_texts(problem)
        assert not any(PLACEHOLDER.search(t) for t in texts.values()), texts
        assert len(set(texts.values())) > 1 or problem.code in ("nan",), texts  # not English under a Danish heading


def test_a_danish_page_writes_the_numbers_of_a_range_the_danish_way_and_names_the_unit():
    (column, finding), *_ = domains.problems("population", {"year": 2016, "population": 0})
    problem = rules.Problem("befolkning.csv", 2, column, *finding)
    assert problem.message == "0 is outside the plausible range 1000 to 1000000000 (people)"  # the CLI's English is unchanged
    texts = all_texts(problem)
    assert texts["da"] == "0 ligger uden for det rimelige interval 1000 til 1.000.000.000 (personer)."
    assert texts["sv"] == "0 ligger utanför det rimliga intervallet 1000 till 1\xa0000\xa0000\xa0000 (personer)."
    assert texts["en"] == "0 is outside the plausible range 1000 to 1,000,000,000 (people)."


def test_a_danish_editor_saving_without_a_reason_is_told_so_in_danish(store, editor):
    with pytest.raises(EditError) as refused:
        editing.save_changes(editor, "fact", [], " ", store)
    assert str(refused.value).startswith("Say why you make this change")  # the English headline stays
    assert refusal(refused.value, "da") == "Skriv, hvorfor du laver ændringen (begrundelsen gemmes i revisionsloggen)."
    (problem,) = refused.value.problems
    assert problem.column == "reason" and all_texts(problem)["nb"] == "En begrunnelse er påkrevd."


def test_restoring_a_row_that_was_not_deleted_is_refused_in_the_pages_language(store, editor):
    with pytest.raises(EditError) as refused:
        editing.restore(editor, 999_999, "restore", store)
    assert str(refused.value) == "Only deleted rows can be restored."
    said = {lang: refusal(refused.value, lang) for lang in ("da", "nb", "sv")}
    assert said == {
        "da": "Kun slettede rækker kan gendannes.",
        "nb": "Bare slettede rader kan gjenopprettes.",
        "sv": "Bara raderade rader kan återställas.",
    }


def test_every_raise_of_an_edit_error_in_the_editor_names_its_code():
    source = (PROJECT_ROOT / "model" / "editing.py").read_text(encoding="utf-8")
    raises = re.findall(r"raise EditError\((.*?)\)$", source, flags=re.M | re.S)
    assert raises and all("code=" in r for r in raises), [r for r in raises if "code=" not in r]


def test_a_pydantic_error_a_person_meets_has_its_own_code_and_the_rest_keep_pydantics_text():
    spec = editing.EDITABLE["population"]
    problems: list[rules.Problem] = []
    records = [(2, {"country": "NO", "year": "2016.5", "population": "many", "source": "s", "note": ""})]
    rules.read_rows("p.csv", spec.columns(), records, spec, rules.SeedBundle(), problems)
    by_column = {p.column: p for p in problems}
    assert by_column["year"].code == "not_whole_number" and by_column["population"].code == "not_a_number"
    assert all_texts(by_column["year"])["sv"] == "”2016.5” är inte ett heltal."
