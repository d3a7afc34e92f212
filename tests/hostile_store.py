"""One store with every hostile text the browser tests look for, so that one server shows them all.

Norway's Troms renamed to an HTML injection, markup in Sweden's BeBo, a visitor's self-check and scenario named
as spreadsheet formulas. Each is in a row of its own: the pages that show one do not show another's in its place.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlmodel import Session

from model import assessments, denmark, scenarios
from model import tables as t
from model.db import get_engine

COUNTY = "<img src=x onerror=alert(1)>Troms"  # NO-19's name (tests/test_norway_browser.py)
NETWORK = '<b id="pwned">Injected</b><img src=x onerror="window.__pwned=1">BeBo'  # bebo's name (tests/test_sweden_browser.py)
CHECK = ('=HYPERLINK("http://127.0.0.1:9/","open me")', "@SUM(1+1)")  # a self-check's name and note (downloads)
SCENARIO = "+cmd|' /C calc'!A0"  # a saved scenario's name (tests/test_downloads_browser.py)


def make_hostile(url: str) -> str:
    """Put the hostile texts into the store at `url` (a copy of the seeded one); returns `url`."""
    engine = get_engine(url)
    with Session(engine) as session, session.begin():
        session.execute(update(t.Region).where(t.Region.code == "NO-19").values(name=COUNTY))
        session.execute(update(t.BuyerNetwork).where(t.BuyerNetwork.network_id == "bebo").values(name=NETWORK))
    assessments.save_self_check(CHECK[0], dict.fromkeys(assessments.factor_ids(engine), 3), CHECK[1], engine)
    scenarios.create(SCENARIO, denmark.default_inputs(engine=engine), "visitor", engine)
    return url
