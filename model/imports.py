"""Imports of new facts or reference rows from CSV or XLSX: the whole file is checked first.

`check_import()` returns the rows ready to write and every problem by row and column;
`model.editing.apply_import()` writes them only when there is no problem at all.
Reading is bounded, so a hostile file costs seconds, not gigabytes: the upload's size,
an XLSX's unpacked size (from its zip directory, before anything is unpacked), the
number of rows, and the problems listed (the first `MAX_LISTED`, then how many more).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

import openpyxl
from sqlalchemy import Engine

from model.db import get_engine
from model.editing import validate
from model.rules import CitedRow, Problem, cell_name, extra_cells

MAX_BYTES = 10 * 1024 * 1024  # facts and reference rows are small; a bigger file is a mistake
MAX_UNPACKED = 100_000_000  # bytes of an XLSX's parts unpacked: a 10 MB sheet of real rows stays well below
MAX_ROWS = 100_000  # a 10 MB CSV of facts has about 60,000
MAX_LISTED = 100  # problems shown; past these the same mistake is usually repeated row after row

Upload = tuple[list[str], list[dict[str, Any]], list[Problem]]


def read_upload(file_name: str, data: bytes) -> Upload:
    """The file's header, its rows (dicts keyed by the header) and what is wrong with the file or a row's shape.

    An empty header means the file could not be read at all (the problems say why)."""
    if len(data) > MAX_BYTES:
        message = f"the file is {len(data) / 1e6:.1f} MB; imports are limited to {MAX_BYTES / 1e6:.0f} MB"
        return _refused(
            file_name, message, code="too_large", params={"size_mb": round(len(data) / 1e6, 1), "limit_mb": round(MAX_BYTES / 1e6)}
        )
    if not data.strip():
        return _refused(file_name, "the file is empty", code="empty_file")
    if file_name.lower().endswith(".xlsx"):
        return _read_xlsx(file_name, data)
    if not file_name.lower().endswith(".csv"):
        return _refused(file_name, "only .csv and .xlsx files can be imported", code="wrong_file_type")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        message = f"is not UTF-8 text (byte {exc.start}); save it as CSV UTF-8 and try again"
        return _refused(file_name, message, code="not_utf8", params={"byte": exc.start})
    return _read_csv(file_name, text)


def _refused(file_name: str, message: str, *, code: str, params: dict[str, Any] | None = None, row: int | None = None) -> Upload:
    return [], [], [Problem(file_name, row, None, message, code, params or {})]


def _too_many_rows(file_name: str) -> Upload:
    message = f"has more than {MAX_ROWS:,} rows; imports are limited to {MAX_ROWS:,} (split the file)"
    return _refused(file_name, message, code="too_many_rows", params={"limit": MAX_ROWS})


def _read_csv(file_name: str, text: str) -> Upload:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if not header:
            return _refused(file_name, "the file has no header row", code="no_header")
        rows: list[dict[str, Any]] = []
        problems: list[Problem] = []
        for line, cells in enumerate(reader, start=2):
            if len(rows) >= MAX_ROWS:
                return _too_many_rows(file_name)
            rows.append(_shaped(file_name, line, header, cells, problems))
    except csv.Error as exc:  # e.g. a cell over the csv module's 128 KiB field limit
        return _refused(file_name, f"cannot be read as CSV ({exc})", code="not_csv", params={"detail": str(exc)}, row=len(rows) + 2)
    return header, rows, problems


def _shaped(file_name: str, line: int, header: list[str], cells: list[Any], problems: list[Problem]) -> dict[str, Any]:
    """A row keyed by the header; cells beyond it are a problem (a comma in an unquoted value), never dropped silently."""
    extra = [c for c in cells[len(header) :] if c not in (None, "")]
    if extra:
        problems.append(extra_cells(file_name, line, len(header), extra))
    return dict(zip(header, [*cells, *[None] * (len(header) - len(cells))], strict=False))


def _read_xlsx(file_name: str, data: bytes) -> Upload:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(part.file_size for part in archive.infolist())  # zipfile never unpacks more than this
            if unpacked > MAX_UNPACKED:
                limit = f"imports are limited to {MAX_UNPACKED / 1e6:.0f} MB unpacked"
                size = {"size_mb": round(unpacked / 1e6), "limit_mb": round(MAX_UNPACKED / 1e6)}
                return _refused(file_name, f"unpacks to {unpacked / 1e6:,.0f} MB; {limit}", code="unpacks_too_large", params=size)
            if _most_rows(archive) > MAX_ROWS:
                return _too_many_rows(file_name)
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        return _refused(file_name, f"is not a readable XLSX workbook ({exc})", code="not_xlsx", params={"detail": str(exc)})
    try:
        return _read_sheet(file_name, data)
    except Exception as exc:  # openpyxl raises many kinds for a broken workbook
        detail = f"{type(exc).__name__}: {exc}"
        return _refused(file_name, f"is not a readable XLSX workbook ({detail})", code="not_xlsx", params={"detail": detail})


def _most_rows(archive: zipfile.ZipFile) -> int:
    """The most `<row` tags in any sheet, counted while unpacking in chunks: far faster than parsing the cells."""
    most = 0
    for part in archive.infolist():
        if not (part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")):
            continue
        count, tail = 0, b""
        with archive.open(part) as stream:
            while chunk := stream.read(1 << 20):
                block = tail + chunk
                count += block.count(b"<row")
                tail = block[-3:]  # a tag split across chunks is whole in the next block (3 bytes hold no whole tag)
        most = max(most, count)
    return most


def _read_sheet(file_name: str, data: bytes) -> Upload:
    """The first sheet, streamed (openpyxl read-only); a formula counts by its saved result."""
    cells = _sheet_rows(data, data_only=False)
    header = [_text(v) for v in next(cells, [])]
    while header and not header[-1]:
        header.pop()
    if not header:
        return _refused(file_name, "the first sheet has no header row", code="no_header_sheet")
    rows: list[list[Any]] = []
    for values in cells:
        if len(rows) >= MAX_ROWS:
            return _too_many_rows(file_name)
        rows.append(list(values))
    while rows and all(v in (None, "") for v in rows[-1]):
        rows.pop()  # Excel often keeps formatted empty rows at the end
    problems: list[Problem] = []
    if any(isinstance(v, str) and v.startswith("=") for r in rows for v in r):
        _saved_results(file_name, header, rows, data, problems)
    return header, [_shaped(file_name, n, header, [_text(v) for v in r], problems) for n, r in enumerate(rows, start=2)], problems


def _sheet_rows(data: bytes, data_only: bool) -> Iterator[tuple[Any, ...]]:
    workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=data_only)
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def _saved_results(file_name: str, header: list[str], rows: list[list[Any]], data: bytes, problems: list[Problem]) -> None:
    """Replace each formula by the result Excel saved with it; a formula without one is a problem (the file was never recalculated)."""
    saved = _sheet_rows(data, data_only=True)
    next(saved, None)
    for line, (values, results) in enumerate(zip(rows, saved, strict=False), start=2):
        for index, value in enumerate(values):
            if not (isinstance(value, str) and value.startswith("=")):
                continue
            result = results[index] if index < len(results) else None
            if result is None:
                column = header[index] if index < len(header) else cell_name(index + 1)
                problems.append(
                    Problem(
                        file_name,
                        line,
                        column,
                        f"holds the formula {value[:60]!r} without a saved result; open the file in Excel or LibreOffice, "
                        "save it, and import again (or paste the values instead of the formula)",
                        code="formula_without_result",
                        params={"formula": value[:60]},
                    )
                )
            values[index] = result


def _text(value: Any) -> Any:
    """A cell as the rules read it: text stays text, a date its ISO form, a number stays a number."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else value


def check_import(table: str, file_name: str, data: bytes, engine: Engine | None = None) -> tuple[list[CitedRow], list[Problem]]:
    """The rows ready to write, or (none and) the problems: the first `MAX_LISTED`, then a count of the rest."""
    header, rows, problems = read_upload(file_name, data)
    if not header:
        return [], problems
    checked, found = validate(table, rows, file_name, engine or get_engine(), new_keys_only=True, header=header)
    problems = sorted(problems + found, key=lambda p: p.row or 0)
    if not problems and not checked:
        problems = [Problem(file_name, None, None, "the file has a header but no rows", code="no_rows")]
    if len(problems) > MAX_LISTED:
        rest = len(problems) - MAX_LISTED
        more = Problem(
            file_name, None, None, f"… and {rest:,} more problems not listed: fix these first", code="more_not_listed", params={"n": rest}
        )
        problems = [*problems[:MAX_LISTED], more]
    return ([] if problems else checked), problems
