"""Editing: only signed-in editors write; every change is validated, audited, versioned and reversible."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from model import auth, editing, imports, queries
from model.db import get_engine
from model.editing import Change
from model.errors import ConflictError, EditError
from seed.export import export
from tests.conftest import sources_dir, store_copy

ACCOUNTS = {"pia": auth.hash_password("a long secret phrase")}


@pytest.fixture
def store(seeded_url: str, tmp_path: Path):
    """A private copy of the seeded store, so edits never leak into other tests."""
    return get_engine(store_copy(seeded_url, tmp_path / "edit.db"))


@pytest.fixture
def editor():
    return auth.sign_in(ACCOUNTS, "pia", "a long secret phrase", auth.Throttle())


def snapshot(engine, folder: Path) -> dict[str, str]:
    export(engine, folder)
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def fact_change(engine, fact_id: str, **values) -> Change:
    rows = editing.editable_rows("fact", engine).set_index("fact_id", drop=False)
    row = rows.loc[fact_id].to_dict()
    version = row.pop("version")
    row.pop("key")
    return Change({**row, **values}, version)


# --- Who may write -----------------------------------------------------------------------------


def test_writing_without_signing_in_is_refused_even_when_calling_the_functions_directly(store):
    change = fact_change(store, "no-lup-public-workplaces", value=999)
    with pytest.raises(auth.NotSignedIn):
        editing.save_changes(None, "fact", [change], "no", store)
    forged = auth.Editor("mallory", "password", "0" * 64)
    with pytest.raises(auth.NotSignedIn):
        editing.save_changes(forged, "fact", [change], "forged", store)
    assert queries.fact("no-lup-public-workplaces", store)["value"] == 234


def test_wrong_passwords_are_refused_and_then_rate_limited(monkeypatch):
    monkeypatch.setattr(auth, "_now", lambda: 1_000_000.0)  # no time passes between the tries
    throttle = auth.Throttle()
    for _ in range(auth.FREE_ATTEMPTS):
        with pytest.raises(auth.SignInRefused, match="Wrong username or password"):
            auth.sign_in(ACCOUNTS, "pia", "guess", throttle)
    with pytest.raises(auth.SignInRefused, match="Too many failed attempts: try again in 5 s") as refused:
        auth.sign_in(ACCOUNTS, "pia", "a long secret phrase", throttle)
    assert refused.value.wait == 5


def test_unknown_users_get_the_same_answer_as_wrong_passwords():
    with pytest.raises(auth.SignInRefused, match="Wrong username or password"):
        auth.sign_in(ACCOUNTS, "nobody", "a long secret phrase", auth.Throttle())


def test_accounts_come_from_the_environment_as_name_hash_pairs():
    digest = auth.hash_password("another long phrase")
    assert auth.accounts_from_env(f"ole={digest};kim=x") == {"ole": digest, "kim": "x"}


# --- Edit, revert, delete, restore --------------------------------------------------------------


def test_an_edit_is_audited_bumps_the_data_version_and_can_be_reverted(store, editor):
    before = queries.data_version(store)["id"]
    assert editing.save_changes(editor, "fact", [fact_change(store, "no-lup-public-workplaces", value=235)], "new report", store) == 1
    assert queries.fact("no-lup-public-workplaces", store)["value"] == 235
    assert queries.data_version(store)["id"] > before
    [entry] = editing.history("fact", "no-lup-public-workplaces", store).to_dict("records")
    assert (entry["editor"], entry["action"], entry["reason"]) == ("pia", "update", "new report")
    assert '"value": 234' in entry["old_value"] and '"value": 235' in entry["new_value"]

    editing.revert(editor, entry["id"], "mistake", store)
    assert queries.fact("no-lup-public-workplaces", store)["value"] == 234
    assert editing.history("fact", "no-lup-public-workplaces", store)["action"].tolist() == ["revert", "update"]


def test_a_second_editor_saving_a_stale_row_is_refused(store, editor):
    first = fact_change(store, "no-lup-savings", value=335_000_000)
    second = fact_change(store, "no-lup-savings", value=336_000_000)  # opened at the same time
    editing.save_changes(editor, "fact", [first], "first", store)
    with pytest.raises(ConflictError, match="changed by someone else"):
        editing.save_changes(editor, "fact", [second], "second", store)
    assert queries.fact("no-lup-savings", store)["value"] == 335_000_000


def test_an_invalid_edit_writes_nothing(store, editor, tmp_path):
    before = snapshot(store, tmp_path / "before")
    bad = [fact_change(store, "no-lup-savings", value="lots"), fact_change(store, "no-lup-established", unit="parsecs")]
    with pytest.raises(EditError) as caught:
        editing.save_changes(editor, "fact", bad, "bad", store)
    assert {p.column for p in caught.value.problems} == {"value", "unit"}
    with pytest.raises(EditError, match="reason"):
        editing.save_changes(editor, "fact", [fact_change(store, "no-lup-savings", value=1)], "  ", store)
    assert snapshot(store, tmp_path / "after") == before


def test_a_quote_must_stand_verbatim_in_its_document(store, editor):
    if sources_dir() is None:
        pytest.skip("../shared/seeds is absent: the source documents are needed to check quotes (CI has them)")
    with pytest.raises(EditError) as caught:
        editing.save_changes(editor, "fact", [fact_change(store, "no-lup-savings", quote="words nobody wrote")], "why", store)
    assert [p.column for p in caught.value.problems] == ["quote"]


def test_a_deleted_row_can_be_restored_exactly(store, editor):
    row = editing.editable_rows("exchange_rate", store).query("currency == 'NOK' and year == 2016").iloc[0]
    editing.delete_row(editor, "exchange_rate", row["key"], int(row["version"]), "duplicate", store)
    assert queries.exchange_rates(store).query("currency == 'NOK' and year == 2016").empty
    [trashed] = editing.deleted_rows("exchange_rate", store).to_dict("records")
    editing.restore(editor, trashed["id"], "not a duplicate", store)
    restored = queries.exchange_rates(store).query("currency == 'NOK' and year == 2016")
    assert restored["per_eur"].tolist() == [row["per_eur"]]


# --- Imports ------------------------------------------------------------------------------------

HEADER = "fact_id,country,topic,label_en,value,value_high,unit,qualifier,as_of,caveat,source,locator,quote\n"
QUOTE = '"Norsk-dansk topmøde om innovative offentlige indkøb"'
GOOD = f"dk-test,DK,procurement_volume,Test figure,1,,count,,2020,,003_0ea15bb8b611e70a.txt,para. 1,{QUOTE}\n"


@pytest.mark.parametrize(
    "name, data, expected",
    [
        ("facts.csv", b"", "the file is empty"),
        ("facts.csv", b"fact_id;country\n", "missing column"),
        ("facts.csv", (HEADER + GOOD.replace(",1,,count", ",many,,count")).encode(), "'many' is not a number"),
        ("facts.csv", (HEADER + GOOD.replace(",DK,", ",XX,")).encode(), "'XX' is not one of"),
        ("facts.csv", (HEADER + GOOD + GOOD).encode(), "duplicate key 'dk-test'"),
        ("facts.csv", (HEADER + GOOD.replace(QUOTE, "")).encode(), "every fact needs a citation"),
        ("facts.csv", (HEADER + GOOD.replace("dk-test", "no-lup-savings")).encode(), "duplicate key 'no-lup-savings'"),
        ("facts.csv", (HEADER + GOOD).encode("latin-1"), "is not UTF-8"),
        ("facts.csv", b"x" * (50 * 1024 * 1024), "imports are limited to"),
        ("facts.txt", (HEADER + GOOD).encode(), "only .csv and .xlsx"),
    ],
)
def test_a_malformed_import_is_reported_by_row_and_column_and_changes_nothing(store, tmp_path, name, data, expected):
    before = snapshot(store, tmp_path / "before")
    _rows, problems = imports.check_import("fact", name, data, store)
    assert any(expected in str(p) for p in problems), [str(p) for p in problems]
    assert snapshot(store, tmp_path / "after") == before


def test_a_valid_import_is_one_batch_that_can_be_undone_as_a_whole(store, editor, tmp_path):
    before = snapshot(store, tmp_path / "before")
    data = (HEADER + GOOD + GOOD.replace("dk-test", "dk-test-2")).encode()
    rows, problems = imports.check_import("fact", "facts.csv", data, store)
    assert problems == [] and len(rows) == 2
    batch = editing.apply_import(editor, "fact", rows, "facts.csv", store)
    assert queries.fact("dk-test-2", store)["value"] == 1
    assert editing.undo_import(editor, batch, store) == 2
    assert queries.fact("dk-test", store) is None
    after = snapshot(store, tmp_path / "after")
    bookkeeping = {"user_audit.csv", "edit_version.csv"}  # the import and its undo are logged, and the rows' versions moved on
    assert {k: v for k, v in after.items() if k not in bookkeeping} == {k: v for k, v in before.items() if k not in bookkeeping}


def test_xlsx_imports_are_read_like_csv(store):
    frame = pd.read_csv(io.StringIO(HEADER + GOOD))
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False)
    rows, problems = imports.check_import("fact", "facts.xlsx", buffer.getvalue(), store)
    assert problems == [] and rows[0].row.fact_id == "dk-test"


def test_reloading_the_seed_files_refuses_to_overwrite_editors_changes(store, editor, monkeypatch, capsys):
    from seed.__main__ import main

    monkeypatch.setenv("DATABASE_URL", str(store.url))
    editing.save_changes(editor, "fact", [fact_change(store, "no-lup-savings", value=1)], "test", store)
    assert main(["load"]) == 1
    assert "editors saved 1 change(s)" in capsys.readouterr().err
    assert queries.fact("no-lup-savings", store)["value"] == 1
    assert main(["load", "--discard-edits"]) == 0
    assert queries.fact("no-lup-savings", store)["value"] == 334_000_000
