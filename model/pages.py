"""The app's pages as data: the navigation (`app.py`), the tests, the bench and summit mode read this list.

Adding a page is one entry here plus its script under `pages/`. `sections` are the ids of a
page's tabs (`ui.sections`, `?section=`), which the view manifest (`seed/views.csv`) names too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    path: str  # the script, relative to the project root
    url_path: str
    title_key: str  # i18n key of its menu entry and <title>
    icon: str
    sections: tuple[str, ...] = ()
    in_menu: bool = True  # False: served at its URL but not listed (the phones' page: its door is the QR code)


# Menu order; the first page is the default, served at "/".
PAGES: list[Page] = [
    Page("pages/overview.py", "overview", "nav.overview", ":material/public:"),
    Page("pages/norway.py", "norway", "nav.norway", ":material/flag:", ("glance", "map", "targets", "small")),
    Page("pages/sweden.py", "sweden", "nav.sweden", ":material/groups:", ("networks", "pays", "stair", "check", "proposals", "map")),
    Page("pages/denmark.py", "denmark", "nav.denmark", ":material/handshake:", ("process", "participants", "norway", "builder", "saved")),
    Page("pages/map.py", "map", "nav.map", ":material/map:"),
    Page("pages/sources.py", "sources", "nav.sources", ":material/menu_book:"),
    Page("pages/brief.py", "brief", "nav.brief", ":material/description:"),
    Page("pages/admin.py", "admin", "nav.admin", ":material/edit_note:"),
    Page("pages/glossary.py", "glossary", "nav.glossary", ":material/translate:"),
    Page("pages/live.py", "live", "nav.live", ":material/how_to_vote:", in_menu=False),  # the summit room's phones (the QR code opens it)
]
# Summit mode (`?mode=summit`): one full-screen page of its own, outside the menu.
SUMMIT = Page("pages/summit.py", "summit", "app.title", icon="")


def page(url_path: str) -> Page:
    """The page served at `/url_path` (the summit included)."""
    return next(p for p in [*PAGES, SUMMIT] if p.url_path == url_path)


def browser_path(entry: Page) -> str:
    """The URL path a browser opens it at: the default page is served at "/", the others at their url_path."""
    return "" if entry == PAGES[0] else entry.url_path
