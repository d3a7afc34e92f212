"""`python -m bench.imports`: how long the admin import takes to check a large valid CSV and an XLSX zip bomb.

Both files are made here: a valid facts CSV of about 9.5 MB (new `syn-import-*` keys citing
a real quote) and a 1 MB XLSX of 200,000 invalid rows (its sheet XML is ~40 times larger
than the zip). Each is checked with `model.imports.check_import` against a copy of a
seeded SQLite store, as the admin page does before anything is written; prints seconds,
peak memory growth and the number of problems reported.
"""

from __future__ import annotations

import argparse
import io
import resource
import shutil
import tempfile
import time
import zipfile
from pathlib import Path

HEADER = "fact_id,country,topic,label_en,value,value_high,unit,qualifier,as_of,caveat,source,locator,quote\n"
QUOTE = '"Norsk-dansk topmøde om innovative offentlige indkøb"'
ROW = "syn-import-{n},DK,procurement_volume,Synthetic import row {n},{n},,count,,2020,,003_0ea15bb8b611e70a.txt,para. 1," + QUOTE + "\n"


def valid_csv(size: int = 9_500_000) -> bytes:
    """A facts import of about `size` bytes whose every row passes every check."""
    out, total, n = [HEADER], len(HEADER), 0
    while total < size:
        n += 1
        out.append(ROW.format(n=n))
        total += len(out[-1].encode())
    return "".join(out).encode()


_XLSX_PARTS = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" '
        'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>'
    ),
    "xl/workbook.xml": (
        '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="facts" sheetId="1" r:id="rId1"/></sheets></workbook>'
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" '
        'Target="worksheets/sheet1.xml"/></Relationships>'
    ),
}


def _cell(value: str) -> str:
    """A cell without its optional reference (readers count positions), so identical rows compress alike."""
    return f'<c t="inlineStr"><is><t>{value}</t></is></c>' if value else "<c/>"


def xlsx(rows: list[list[str]], repeat: int = 1) -> bytes:
    """A minimal XLSX whose one sheet holds `rows` (the first is the header), data rows repeated `repeat` times.

    `{n}` in a cell becomes the repetition's number, so repeated rows keep distinct keys."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in _XLSX_PARTS.items():
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            )
            sheet.write(b"<sheetData>")
            header, *body = rows
            sheet.write(("<row>" + "".join(_cell(v) for v in header) + "</row>").encode())
            template = "".join("<row>" + "".join(_cell(v) for v in values) + "</row>" for values in body)
            for n in range(1, repeat + 1):
                sheet.write(template.replace("{n}", str(n)).encode())
            sheet.write(b"</sheetData></worksheet>")
    return buffer.getvalue()


def xlsx_bomb(rows: int = 200_000) -> bytes:
    """About 1 MB of XLSX: `rows` identical rows with five problems each (as in the attack that took 78 s)."""
    header = HEADER.strip().split(",")
    bad = ["bomb-{n}", "XX", "", "bomb row {n}", "many", "", "parsecs", "", "", "", "nowhere.txt", "", ""]
    return xlsx([header, bad], repeat=rows)


def _measure(label: str, table: str, name: str, data: bytes, url: str) -> None:
    from model import imports
    from model.db import get_engine

    engine = get_engine(url)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    rows, problems = imports.check_import(table, name, data, engine)
    seconds = time.perf_counter() - start
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    size = f"{len(data) / 1e6:.1f} MB"
    print(f"{label}: {size} -> {seconds:.2f} s, peak RSS +{grown:.0f} MB, {len(rows)} rows ok, {len(problems)} problems listed")
    for problem in problems[-2:]:
        print(f"    last: {problem}"[:200])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.imports", description=__doc__)
    parser.add_argument("--only", choices=["csv", "xlsx"], default=None)
    args = parser.parse_args(argv)
    from model.db import get_engine
    from seed.load import load_bundle
    from seed.validate import read_seed

    with tempfile.TemporaryDirectory() as folder:
        seeded = Path(folder) / "seeded.db"
        load_bundle(read_seed(), get_engine(f"sqlite:///{seeded}"))
        for kind, label, name, data in [
            ("csv", "valid CSV", "facts.csv", valid_csv()),
            ("xlsx", "XLSX bomb", "facts.xlsx", xlsx_bomb()),
        ]:
            if args.only in (None, kind):
                copy = Path(folder) / f"{kind}.db"
                shutil.copy(seeded, copy)
                _measure(label, "fact", name, data, f"sqlite:///{copy}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
