"""The benchmark databases: the real seed alone, and the seed plus 1e3, 1e5 or 1e6 synthetic facts.

They live apart from the real store (`data/bench-*.db`, and `compass_bench_*` databases on
PostgreSQL), are rebuilt on every `make bench`, and every synthetic row is flagged (see seed/synthetic.py).
"""

from __future__ import annotations

import time
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from model.db import PROJECT_ROOT, forget_engines, get_engine
from seed import synthetic

SIZES: dict[str, int] = {"seed": 0, "1e3": 1_000, "1e5": 100_000, "1e6": 1_000_000}
DATA_DIR = PROJECT_ROOT / "data"


def networks_for(facts: int) -> int:
    """Synthetic buyer networks grow with the facts: 1 per 100 facts (10 000 at 1e6)."""
    return facts // 100


def sqlite_url(size: str, directory: Path = DATA_DIR) -> str:
    return f"sqlite:///{directory / f'bench-{size}.db'}"


def build_sqlite(size: str, directory: Path = DATA_DIR) -> tuple[str, float]:
    """A fresh SQLite file for `size`. Returns its URL and the build time in seconds."""
    url = sqlite_url(size, directory)
    path = Path(make_url(url).database or "")
    forget_engines()  # a cached engine would keep the old file's connections
    path.unlink(missing_ok=True)
    return url, _fill(url, SIZES[size])


def build_postgres(admin_url: str, size: str) -> tuple[str, float]:
    """A fresh database `compass_bench_<size>` on the server of `admin_url` (e.g. TEST_POSTGRES_URL)."""
    name = f"compass_bench_{size}"
    admin = create_engine(admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    return url, _fill(url, SIZES[size])


def _fill(url: str, facts: int) -> float:
    if facts == 0:
        from seed.load import load_bundle
        from seed.validate import read_seed

        started = time.perf_counter()
        load_bundle(read_seed(), get_engine(url))
        return time.perf_counter() - started
    return synthetic.generate(url, facts=facts, networks=networks_for(facts)).seconds
