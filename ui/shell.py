"""Streamlit's `index.html`, served with two rules of ours, so that nothing on a page moves while it fills.

Until the first message of a run arrives, Streamlit's frontend lays the page out centred (736 px wide), and the
page config then says "wide". Whatever was painted meanwhile jumps sideways:
- its loading skeleton (a grey placeholder, 256 px tall, drawn when no message has come 500 ms after the page
  mounts): on a loaded server that jump alone measured a layout shift of 0.101 on /map (issue 19; the limit is 0.1);
- the main block container itself, empty but for its padding: 0.10-0.13 in about one load in ten under CPU stress
  (a Danish overview, admin page), most likely also the 0.26-0.27 of two earlier test runs. It is hidden until it holds an element, and
  an element only arrives after the page config, so the container first shows at its wide size.
No script of ours runs that early, so the rules go into the HTML itself: an ASGI middleware in `serve.py` (what
`make run` and `make cluster` serve) adds one `<style>` to the head.
"""

from __future__ import annotations

import gzip
from typing import Any

RULE = (
    b"<style>"
    b'[data-testid="stAppSkeleton"]{display:none!important}'
    b'[data-testid="stMainBlockContainer"]:not(:has([data-testid="stElementContainer"] > *)){visibility:hidden}'
    b"</style>"
)


def with_rule(html: bytes) -> bytes:
    """The page with the rule at the end of its head (unchanged if it has no head or already has the rule)."""
    if RULE in html or b"</head>" not in html:
        return html
    return html.replace(b"</head>", RULE + b"</head>", 1)


class QuietSkeleton:
    """ASGI middleware: every HTML answer (the page for any URL) gets `RULE`; everything else passes untouched."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") != "GET":
            await self.app(scope, receive, send)
            return
        held: dict[str, Any] = {}  # the response start of an HTML answer, while its body is gathered
        parts: list[bytes] = []

        async def rewrite(message: dict) -> None:
            if message["type"] == "http.response.start":
                headers = {k.lower(): v for k, v in message.get("headers", [])}
                if message.get("status") == 200 and headers.get(b"content-type", b"").startswith(b"text/html"):
                    held["start"], held["gzip"] = message, headers.get(b"content-encoding") == b"gzip"
                    return
            elif message["type"] == "http.response.body" and "start" in held:
                parts.append(message.get("body", b""))
                if message.get("more_body"):
                    return
                await _send_page(send, held["start"], b"".join(parts), held["gzip"])
                return
            await send(message)

        await self.app(scope, receive, rewrite)


async def _send_page(send: Any, start: dict, body: bytes, gzipped: bool) -> None:
    if body:
        page = with_rule(gzip.decompress(body) if gzipped else body)
        body = gzip.compress(page) if gzipped else page
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
    await send({**start, "headers": [*headers, (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
