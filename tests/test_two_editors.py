"""Two editors on two app servers sharing one PostgreSQL, through the admin page as each server draws it.

Driven by the browser-less client (bench/wsclient.py): it sends the data editor's edits as the
browser's grid does, which Playwright cannot type into reliably (the grid is a canvas). What the
server does with them is the same: the second save is refused with who changed the row and
when, the typed value stays, and a deliberate overwrite is saved and audited.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from bench.browser import serve
from bench.wsclient import Session
from model import auth, editing, queries
from model.db import get_engine
from seed.load import load_bundle
from seed.validate import read_seed
from tests.browser import run_async, together

pytestmark = pytest.mark.postgres
PASSWORD = "a long secret phrase for two editors"
FACT = "no-lup-pilots-2014"


@pytest.fixture
def two_servers(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, str]]:
    load_bundle(read_seed(), get_engine(pg_url))
    digest = auth.hash_password(PASSWORD)
    monkeypatch.setenv("COMPASS_EDITORS", f"pia={digest};ola={digest}")
    with together(*(serve("serve.py", pg_url, start_timeout=180) for _ in range(2))) as [(first, _), (second, _)]:
        yield first, second


async def signed_in(base: str, name: str) -> Session:
    admin = await Session.open(base, "admin", "lang=en", auto_rerun=False)
    admin.fill(admin.find("text_input", text="Username"), name)
    admin.fill(admin.find("text_input", text="Password"), PASSWORD)
    await admin.click(admin.find("button", text="Sign in"))
    return admin


def type_value(admin: Session, value: int) -> None:
    grid = admin.find("dataframe", key="editor-fact")
    row = next(f for f in grid.frames() if "fact_id" in f.columns)["fact_id"].tolist().index(FACT)
    admin.fill(grid, {"edited_rows": {str(row): {"value": value}}})


def alerts(admin: Session) -> list[str]:
    return [text for node in admin.elements("alert") for text in node.texts()]


def test_the_second_save_is_refused_names_who_keeps_its_value_and_an_overwrite_is_audited(two_servers, pg_url: str):
    first, second = two_servers
    engine = get_engine(pg_url)
    original = int(queries.fact(FACT, engine)["value"])

    async def scenario() -> tuple[list[str], list[str], float]:
        pia, ola = await signed_in(first, "pia"), await signed_in(second, "ola")
        try:
            type_value(pia, original + 1)
            type_value(ola, original + 2)  # ola types before pia saves: both edit the same loaded version
            pia.fill("edit-reason", "pia's count")
            await pia.click(pia.find("button", text="Save"))
            ola.fill("edit-reason", "ola's count")
            await ola.click(ola.find("button", text="Save"))
            refused = alerts(ola)
            after_refusal = float(queries.fact(FACT, engine)["value"])
            await ola.click(ola.find("button", text="Overwrite their change with mine"))
            return alerts(pia), [*refused, "---", *alerts(ola)], after_refusal
        finally:
            await pia.close()
            await ola.close()

    pia_says, ola_says, after_refusal = run_async(scenario())
    assert any("1 row saved." in text for text in pia_says)
    refusal = next(text for text in ola_says if "another editor changed these rows" in text).replace("\\", "")  # markdown escapes
    assert "pia" in refusal and FACT in refusal and "Your values are still in the table" in refusal
    assert after_refusal == original + 1  # pia's save stood until ola overwrote it on purpose
    assert any("1 row saved." in text for text in ola_says[ola_says.index("---") :])
    assert float(queries.fact(FACT, engine)["value"]) == original + 2
    latest = editing.history("fact", FACT, engine).to_dict("records")
    assert [entry["action"] for entry in latest][:2] == ["overwrite", "update"] and latest[0]["editor"] == "ola"
    assert json.loads(latest[0]["old_value"])["value"] == original + 1 and "overwrote pia's change" in latest[0]["reason"]
