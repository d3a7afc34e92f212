"""`python -m seed migrate | load | check | manifest | export DIR | backup FILE | restore FILE | geo | synthetic`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from model.db import database_url, get_engine
from seed.validate import SEED_DIR, SeedBundle, SeedError, check_views, read_seed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m seed", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="validate the seed files without touching a database")
    load = sub.add_parser("load", help="(re)build the seed tables of the database from seed/")
    load.add_argument("--if-empty", action="store_true", help="only load when the database has no data yet")
    load.add_argument("--discard-edits", action="store_true", help="replace rows editors changed in the app since the last load")
    for command in (check, load):
        command.add_argument(
            "--allow-removal", action="store_true", help="accept seed files that are missing, empty or lost rows (see seed/manifest.csv)"
        )
    sub.add_parser("manifest", help="record each seed file's row count in seed/manifest.csv (after an intended removal)")
    export = sub.add_parser("export", help="write one CSV per table and datapackage.json")
    export.add_argument("directory", type=Path)
    export.add_argument("--include-user-data", action="store_true", help="also the editors' tables (user_*): an editor's full backup")
    sub.add_parser("migrate", help="upgrade the database schema (Alembic) without loading; run before starting the app")
    backup = sub.add_parser("backup", help="write every table (the user_* tables people made, edits, audit) to one JSON file")
    backup.add_argument("file", type=Path)
    restore = sub.add_parser("restore", help="replace the database's content with a backup (the database must hold no user rows)")
    restore.add_argument("file", type=Path)
    restore.add_argument("--replace", action="store_true", help="also when the database already holds user rows (they are lost)")
    sub.add_parser("geo", help="derive seed/geo/*.geojson from Natural Earth (options: python -m seed.geo_build --help)")
    synthetic = sub.add_parser("synthetic", help="fill a SEPARATE database with the seed plus flagged synthetic rows (benchmarks)")
    synthetic.add_argument("--facts", type=int, default=1_000, help="synthetic facts (country/county/municipality/year)")
    synthetic.add_argument("--networks", type=int, default=100, help="synthetic buyer networks")
    synthetic.add_argument("--out", default=None, help="database URL (default sqlite:///data/bench-1e6.db; never the real store)")
    synthetic.add_argument("--force", action="store_true", help="allow writing into the real store (you almost never want this)")
    args, rest = parser.parse_known_args(argv)
    if rest and args.command != "geo":
        parser.error(f"unrecognised arguments: {' '.join(rest)}")
    args.rest = rest
    return COMMANDS[args.command](args)


def _check(args: argparse.Namespace) -> int:
    try:
        bundle = _read(args)
        if shown := check_views(bundle):  # every id a page, the summit or the brief shows is in the seed
            raise SeedError(shown)
    except SeedError as exc:
        return _fail(exc)
    from model.translations import translation_problems

    untranslated = translation_problems()
    if untranslated:  # the content must read in every language; loading stays possible (English is the fallback)
        return _listed(f"content translations have {len(untranslated)} problem(s):", untranslated)
    print(f"seed OK: {bundle.count()} rows in {len(bundle.rows)} tables; translations complete")
    return 0


def _read(args: argparse.Namespace) -> SeedBundle:
    bundle = read_seed(allow_removal=args.allow_removal)
    for note in bundle.notes:
        print(f"note: {note}")
    return bundle


def _manifest(_args: argparse.Namespace) -> int:
    from seed import manifest

    try:
        bundle = read_seed(allow_removal=True)
    except SeedError as exc:
        return _fail(exc)
    path = manifest.write(SEED_DIR, bundle.file_rows)
    print(f"wrote {path.name}: {len(bundle.file_rows)} files, {sum(bundle.file_rows.values())} rows")
    return 0


def _load(args: argparse.Namespace) -> int:
    from model.migrate import building_aside, is_new_sqlite
    from model.queries import has_data
    from seed import manifest
    from seed.load import load_bundle

    url = database_url()
    if not is_new_sqlite(url):
        engine = get_engine(url)
        if args.if_empty and has_data(engine):
            print("database already loaded; nothing to do")
            return 0
        if has_data(engine) and not args.discard_edits:
            from model.editing import edits_since_last_load

            edits = edits_since_last_load(engine)
            if edits:
                print(
                    f"editors saved {edits} change(s) in the app since the last load; loading would replace them.\n"
                    "Export them first (python -m seed export DIR), or run again with --discard-edits. Nothing was changed.",
                    file=sys.stderr,
                )
                return 1
    try:
        bundle = _read(args)
        new = is_new_sqlite(url)  # nothing in it to remove
        removals = [] if args.allow_removal or new else manifest.store_removals(bundle, get_engine(url))
        if removals:
            raise SeedError(removals)
    except SeedError as exc:
        return _fail(exc)
    with building_aside(url) as target:  # a new SQLite file appears only once it is whole
        changed = load_bundle(bundle, get_engine(target))
    print(f"loaded {bundle.count()} rows into {_safe_url()} ({'new data version' if changed else 'content unchanged'})")
    return 0


def _export(args: argparse.Namespace) -> int:
    from seed.export import export

    paths = export(get_engine(), args.directory, include_user_data=args.include_user_data)
    print(f"wrote {len(paths)} tables and datapackage.json to {args.directory}")
    return 0


def _migrate(_args: argparse.Namespace) -> int:
    from model.migrate import building_aside, upgrade

    with building_aside() as target:
        migrated = upgrade(get_engine(target))
    print(f"{'schema migrated' if migrated else 'schema already up to date'} in {_safe_url()}")
    return 0


def _backup(args: argparse.Namespace) -> int:
    from model.backup import backup

    counts = backup(get_engine(), args.file)
    print(f"wrote {sum(counts.values())} rows of {len(counts)} tables from {_safe_url()} to {args.file}")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from model.backup import BackupError, restore
    from model.migrate import building_aside

    try:
        with building_aside() as target:
            counts = restore(get_engine(target), args.file, replace=args.replace)
    except BackupError as exc:
        print(f"refused: {exc} Nothing was changed.", file=sys.stderr)
        return 1
    print(f"restored {sum(counts.values())} rows of {len(counts)} tables from {args.file} into {_safe_url()}")
    return 0


def _geo(args: argparse.Namespace) -> int:
    from seed import geo_build

    return geo_build.main(args.rest) or 0


def _synthetic(args: argparse.Namespace) -> int:
    from seed import synthetic

    try:
        summary = synthetic.generate(args.out or synthetic.DEFAULT_OUT, args.facts, args.networks, force=args.force)
    except synthetic.UnsafeTarget as exc:
        print(f"refused: {exc}", file=sys.stderr)
        return 2
    print(
        f"wrote {summary.facts} synthetic facts, {summary.networks} networks, {summary.organisations} organisations, "
        f"{summary.audit_entries} audit entries, {summary.scenarios} scenarios and {summary.citations} citations (seed included) "
        f"into {summary.url} "
        f"in {summary.seconds:.1f} s; every synthetic row is flagged (ids 'syn-', source 'SYNTHETIC')"
    )
    return 0


def _fail(exc: SeedError) -> int:
    return _listed(f"seed files have {len(exc.problems)} problem(s); the database was not changed:", exc.problems)


def _listed(heading: str, problems: Sequence[object]) -> int:
    """Say what is wrong, one problem a line, on stderr; the exit status of a refusal."""
    print(heading, file=sys.stderr)
    for problem in problems:
        print(f"  - {problem}", file=sys.stderr)
    return 1


def _safe_url() -> str:
    from sqlalchemy.engine import make_url

    return make_url(database_url()).render_as_string(hide_password=True)


COMMANDS = {
    "check": _check,
    "load": _load,
    "manifest": _manifest,
    "export": _export,
    "migrate": _migrate,
    "backup": _backup,
    "restore": _restore,
    "geo": _geo,
    "synthetic": _synthetic,
}

if __name__ == "__main__":
    sys.exit(main())
