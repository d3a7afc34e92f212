"""Interface strings in every language, from gettext catalogs: `locale/<lang>/LC_MESSAGES/messages.po`.

Each msgid is a stable key (`nav.overview`) and the English catalog holds the English text: a
"monolingual" catalog with an English base, as Weblate calls it. Why keys rather than English msgids:
about 200 of the strings are chosen by key at run time (`f"{page}.section.{id}"`), which
`pybabel extract` could never find, and an English wording fix would otherwise change every call site
and every catalog. The template `locale/messages.pot` is written from the English catalog with the
English text as each entry's comment, so Poedit and Weblate show translators the source; `make i18n`
merges it into every catalog (`pybabel update`) and checks them (`pybabel compile`).

Catalogs are read from `.po` at start and compiled in memory: no binary `.mo` in git. A fifth
language is one more `.po` file (and its name in LANGUAGES).
"""

from __future__ import annotations

import io
import sys
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po
from babel.support import Translations

LANGUAGES = {"en": "English", "nb": "Norsk (bokmål)", "sv": "Svenska", "da": "Dansk"}
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
PLURAL_SUFFIX = ".plural"  # msgid_plural of a counted string: its key plus this


def catalog_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalog(lang: str) -> Catalog:
    with catalog_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


@cache
def translations(lang: str) -> Translations:
    """`lang`'s catalog compiled in memory; a string it lacks (or marks fuzzy) falls back to English, then the key."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog(lang))
    buffer.seek(0)
    compiled = Translations(buffer, domain=DOMAIN)
    if lang != "en":
        compiled.add_fallback(translations("en"))
    return compiled


def keys() -> list[str]:
    """Every string key, as the English catalog defines them."""
    return [message.id if isinstance(message.id, str) else message.id[0] for message in catalog("en") if message.id]


def text(key: str, lang: str, /, **values: object) -> str:
    """The text for `key` in `lang`; usable outside a page (the brief, tests)."""
    chosen = translations(lang if lang in LANGUAGES else "en").gettext(key)
    return chosen.format(**values) if values else chosen


def plural(key: str, n: int, lang: str, /, **values: object) -> str:
    """A counted text (`{n} rows saved.`) in the grammatical number the language uses for `n` (ngettext)."""
    chosen = translations(lang if lang in LANGUAGES else "en").ngettext(key, key + PLURAL_SUFFIX, n)
    return chosen.format(n=n, **values)


def write_template(target: Path = LOCALE_DIR / f"{DOMAIN}.pot") -> None:
    """The template translators' tools start from: every key, with its English text as the comment."""
    template = Catalog(domain=DOMAIN, project="Nordic Procurement Compass", fuzzy=False)
    for message in catalog("en"):
        if not message.id:
            continue
        english = message.string if isinstance(message.string, str) else " / ".join(message.string or ())
        template.add(message.id, auto_comments=[english], flags=message.flags)
    with target.open("wb") as handle:
        write_po(handle, template, width=0, omit_header=False, sort_output=True)


if __name__ == "__main__" and sys.argv[1:] == ["template"]:
    write_template()
