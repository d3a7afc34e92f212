"""Every citation's quote stands verbatim (whitespace-normalised) in the document it names."""

import pytest

from model import queries
from model.rules import normalise
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
        if normalise(c["quote"]) not in texts[c["source_file"]]
    ]
    assert missing == []


def test_every_source_document_is_cited(engine):
    cited = set(queries.citations(engine)["source_file"])
    assert cited == set(queries.sources(engine)["file"])
