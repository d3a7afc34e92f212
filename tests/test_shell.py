"""The page's HTML carries our rules (ui/shell.py): nothing Streamlit paints before the page config is shown."""

from __future__ import annotations

import gzip

from tests.browser import run_async
from ui.shell import RULE, QuietSkeleton

PAGE = b"<!doctype html><html><head><title>x</title></head><body><div id=root></div></body></html>"


def served(body: bytes, content_type: bytes, encoding: bytes | None = None, status: int = 200) -> tuple[dict, bytes]:
    """What the browser receives when the app behind the middleware answers with `body` in two parts.

    (run_async: once a browser test has started Playwright, a plain asyncio.run fails in the main thread.)"""
    headers = [(b"content-type", content_type), (b"content-length", str(len(body)).encode())]
    headers += [(b"content-encoding", encoding)] if encoding else []

    async def app(_scope: dict, _receive: object, send) -> None:
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body[:10], "more_body": True})
        await send({"type": "http.response.body", "body": body[10:]})

    sent: list[dict] = []

    async def send(message: dict) -> None:
        sent.append(message)

    run_async(QuietSkeleton(app)({"type": "http", "method": "GET", "path": "/map"}, None, send))
    return dict(sent[0]["headers"]), b"".join(m.get("body", b"") for m in sent[1:])


def test_every_page_hides_streamlits_loading_skeleton_in_its_head_with_a_true_length():
    headers, body = served(PAGE, b"text/html; charset=utf-8")
    assert body.count(RULE) == 1 and body.index(RULE) < body.index(b"</head>")
    assert int(headers[b"content-length"]) == len(body)


def test_a_compressed_page_stays_compressed_and_gets_the_rule_too():
    headers, body = served(gzip.compress(PAGE), b"text/html", b"gzip")
    assert RULE in gzip.decompress(body) and int(headers[b"content-length"]) == len(body)


def test_scripts_data_and_unchanged_pages_pass_untouched():
    script = b"console.log('</head>')" * 3
    assert served(script, b"application/javascript")[1] == script
    assert served(b"", b"text/html", status=304)[1] == b""
