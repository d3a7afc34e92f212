"""Every citation's quote stands verbatim (whitespace-normalised) in the document it names; a two-passage quote in order."""

import pytest

from model import queries
from model.rules import normalise, quoted_in
from tests.conftest import sources_dir


def test_every_quote_appears_verbatim_in_its_document(engine):
    folder = sources_dir()
    if folder is None:
        pytest.skip("../shared/seeds is absent: the source documents are needed to check quotes (CI has them)")
    texts = {f.name: normalise(f.read_text(encoding="utf-8")) for f in folder.glob("*.txt")}
    citations = queries.citations(engine)
    assert len(citations) > 100
    missing = [
        (c["source_file"], c["entity"], c["entity_key"])
        for c in citations.to_dict("records")
        if not quoted_in(normalise(c["quote"]), texts[c["source_file"]])
    ]
    assert missing == []


def test_every_source_document_is_cited(engine):
    cited = set(queries.citations(engine)["source_file"])
    assert cited == set(queries.sources(engine)["file"])


def test_a_two_passage_quote_needs_both_passages_in_order_and_close_together():
    text = "Nätverk initierade av Energimyndigheten " + "x" * 600 + " som BeBo och BeLok valt"
    assert quoted_in("Nätverk initierade av Energimyndigheten … som BeBo och BeLok valt", text)
    assert not quoted_in("som BeBo och BeLok valt … Nätverk initierade av Energimyndigheten", text)  # order kept
    assert not quoted_in("Nätverk initierade av Energimyndigheten … som BeBo", text.replace("x" * 600, "x" * 1300))
    assert not quoted_in("Nätverk initierade av Naturvårdsverket … som BeBo", text)
