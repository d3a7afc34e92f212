"""Derive the small boundary files in `seed/geo/` from Natural Earth.

Source: Natural Earth 1:10m admin-1 (states/provinces) and admin-0 (countries) v4.1.0, public
domain, as shipped in Debian's `qgis-common` package as `world_map.gpkg` (a GeoPackage, i.e. an
SQLite file; layers `states_provinces` and `countries`, WGS84). Get it without installing QGIS:

    cd /tmp && apt-get download qgis-common && dpkg -x qgis-common_*.deb /tmp/qgis

then `python -m seed geo [--gpkg PATH]` (or `python -m seed.geo_build`).

Only the standard library is used. The steps:

1. read the GeoPackage geometry blobs (GeoPackage header + WKB) with sqlite3;
2. match every Natural Earth admin-1 feature to one row of `seed/reference/regions.csv` by
   (ISO alpha-2 of the country, Natural Earth `name`) = (`country`, `ne_name`); fail if a code is
   missing, matched twice, or if an unexpected Natural Earth feature turns up. Natural Earth's own
   codes are not used: this GeoPackage has no `iso_3166_2`/`adm1_code` column, its Norwegian FIPS
   codes are not the ISO numbers, and FIPS SW18 is used for both Gotland and Södermanland;
3. drop the parts that are not part of the mapped areas (Jan Mayen, Bouvet Island);
4. round coordinates to 4 decimals (exact integers of 1e-4 degrees from here on);
5. build a topology (shared borders become one arc), simplify every arc once with
   Douglas-Peucker, so neighbours keep identical borders and counties still tile their country;
6. drop small islands (closed arcs with no neighbour under MIN_ISLAND_KM2);
7. check with exact integer arithmetic that no two simplified segments cross or overlap and that
   no island ends up inside another polygon of its layer; arcs in a conflict are simplified again
   with half the tolerance until the check passes;
8. write one GeoJSON FeatureCollection per file, properties `code` and `name` from our table,
   RFC 7946 ring orientation, one feature per line.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import math
import sqlite3
import struct
import sys
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from model import countries

SEED_DIR = Path(__file__).resolve().parent
DEFAULT_OUT = SEED_DIR / "geo"
REGIONS_CSV = SEED_DIR / "reference" / "regions.csv"
GPKG_CANDIDATES = (
    Path("/usr/share/qgis/resources/data/world_map.gpkg"),
    Path("/tmp/qgis/usr/share/qgis/resources/data/world_map.gpkg"),
)
GET_IT = "cd /tmp && apt-get download qgis-common && dpkg -x qgis-common_*.deb /tmp/qgis"

TOLERANCE = 0.01  # degrees, Douglas-Peucker
DECIMALS = 4
SCALE = 10**DECIMALS
MIN_ISLAND_KM2 = 4.0  # islands (closed arcs without neighbours) smaller than this are dropped
GRID = 0.25  # degrees, cell size of the segment index used by the checks
MAX_ROUNDS = 20

# From the country registry: output file -> (ISO alpha-2 of the country in regions.csv, number of features expected)
REGION_FILES = {c.boundary.name: (c.code, c.boundary_regions) for c in countries.mapped() if c.boundary}
COUNTRY_FILE = "countries.geojson"
# code, name, Natural Earth admin-0 features (ISO_A3) that make up the outline
COUNTRIES = tuple((c.code, c.name_en, c.natural_earth) for c in countries.COUNTRIES.values())
NE_ADMIN0 = {c.code: c.natural_earth[0] for c in countries.mapped()}
# Natural Earth admin-1 features of our countries that are left out on purpose
IGNORED_ADMIN1 = {("NO", "Bouvet Island")}
# polygons dropped wherever they occur: label, bbox (min lon, min lat, max lon, max lat) that holds the whole polygon
DROPPED_PARTS = (
    ("Jan Mayen (in Natural Earth's Nordland and Norway)", (-9.5, 70.5, -7.5, 71.5)),
    ("Bouvet Island (in Natural Earth's Norway)", (3.0, -54.7, 3.7, -54.2)),
)

Point = tuple[int, int]


class GeoBuildError(RuntimeError):
    """The source does not match what the build expects."""


# --- Reading the GeoPackage ----------------------------------------------------------


def _gpkg_geometry(blob: bytes) -> list[list[list[tuple[float, float]]]]:
    """GeoPackage binary geometry -> list of polygons, each a list of rings of (lon, lat)."""
    if blob[:2] != b"GP":
        raise GeoBuildError("geometry blob without the GeoPackage 'GP' header")
    flags = blob[3]
    envelope = (flags >> 1) & 7
    if envelope not in (0, 1, 2, 3, 4):
        raise GeoBuildError(f"unknown GeoPackage envelope indicator {envelope}")
    offset = 8 + (0, 32, 48, 48, 64)[envelope]
    polygons, _ = _wkb(memoryview(blob), offset)
    return polygons


def _wkb(buf: memoryview, offset: int) -> tuple[list, int]:
    order = "<" if buf[offset] == 1 else ">"
    (kind,) = struct.unpack_from(order + "I", buf, offset + 1)
    offset += 5
    base, flavour = kind % 1000, kind // 1000
    dims = {0: 2, 1: 3, 2: 3, 3: 4}[flavour]
    if base == 3:  # Polygon
        (nrings,) = struct.unpack_from(order + "I", buf, offset)
        offset += 4
        rings = []
        for _ in range(nrings):
            (npts,) = struct.unpack_from(order + "I", buf, offset)
            offset += 4
            values = struct.unpack_from(f"{order}{npts * dims}d", buf, offset)
            offset += 8 * npts * dims
            rings.append([(values[i * dims], values[i * dims + 1]) for i in range(npts)])
        return [rings], offset
    if base == 6:  # MultiPolygon
        (nparts,) = struct.unpack_from(order + "I", buf, offset)
        offset += 4
        polygons: list = []
        for _ in range(nparts):
            part, offset = _wkb(buf, offset)
            polygons.extend(part)
        return polygons, offset
    raise GeoBuildError(f"unexpected WKB geometry type {kind} (want Polygon or MultiPolygon)")


@dataclass
class Feature:
    file: str
    code: str
    name: str
    source_label: str  # what it was matched from, for messages
    polygons: list[list[list[Point]]] = field(default_factory=list)  # rings without the closing point
    ring_ids: list[list[int]] = field(default_factory=list)  # filled by the topology step


def _open(gpkg: Path) -> sqlite3.Connection:
    if not gpkg.is_file():
        raise GeoBuildError(f"{gpkg} not found; get it with: {GET_IT}")
    con = sqlite3.connect(f"file:{gpkg}?mode=ro", uri=True)
    srs = dict(con.execute("SELECT table_name, srs_id FROM gpkg_contents"))
    for layer in ("states_provinces", "countries"):
        if srs.get(layer) != 4326:
            raise GeoBuildError(f"{gpkg}: layer {layer!r} missing or not in WGS84 (srs {srs.get(layer)})")
    return con


def read_regions(path: Path = REGIONS_CSV) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _to_points(rings: list[list[tuple[float, float]]]) -> list[list[Point]]:
    """Round to DECIMALS as integers, drop the closing point and repeated points."""
    out = []
    for ring in rings:
        pts: list[Point] = []
        for x, y in ring:
            p = (round(x * SCALE), round(y * SCALE))
            if not pts or pts[-1] != p:
                pts.append(p)
        while len(pts) > 1 and pts[0] == pts[-1]:
            pts.pop()
        if len(pts) >= 3:
            out.append(pts)
    return out


def _drop_parts(polygons: list, label: str, dropped: dict[str, list[str]]) -> list:
    kept = []
    for polygon in polygons:
        xs = [x for x, _ in polygon[0]]
        ys = [y for _, y in polygon[0]]
        for part, (x0, y0, x1, y1) in DROPPED_PARTS:
            if min(xs) >= x0 and max(xs) <= x1 and min(ys) >= y0 and max(ys) <= y1:
                dropped[part].append(label)
                break
        else:
            kept.append(polygon)
    return kept


def load_features(gpkg: Path, regions: list[dict[str, str]]) -> list[Feature]:
    con = _open(gpkg)
    dropped: dict[str, list[str]] = defaultdict(list)
    features: list[Feature] = []
    problems: list[str] = []

    wanted: dict[tuple[str, str], dict[str, str]] = {}
    for row in regions:
        if row["country"] in NE_ADMIN0 and row["ne_name"]:
            key = (row["country"], row["ne_name"])
            if key in wanted:
                problems.append(f"regions.csv: ne_name {key} used by {wanted[key]['code']} and {row['code']}")
            wanted[key] = row
    matched: dict[str, list[str]] = defaultdict(list)
    marks = ",".join("?" * len(NE_ADMIN0))
    sql = f"SELECT iso_a2, adm0_a3, name, geom FROM states_provinces WHERE adm0_a3 IN ({marks})"
    for iso_a2, adm0, ne_name, blob in con.execute(sql, tuple(NE_ADMIN0.values())):
        if NE_ADMIN0.get(iso_a2) != adm0:
            problems.append(f"Natural Earth admin-1 {ne_name!r}: iso_a2 {iso_a2!r} does not fit adm0_a3 {adm0!r}")
            continue
        if (iso_a2, ne_name) in IGNORED_ADMIN1:
            continue
        row = wanted.get((iso_a2, ne_name))
        if row is None:
            problems.append(f"Natural Earth admin-1 {iso_a2} {ne_name!r} has no row in regions.csv (ne_name)")
            continue
        matched[row["code"]].append(ne_name)
        label = f"{row['code']} (NE {ne_name!r})"
        file = next(f for f, (country, _) in REGION_FILES.items() if country == iso_a2)
        polygons = [p for p in (_to_points(r) for r in _drop_parts(_gpkg_geometry(blob), label, dropped)) if p]
        features.append(Feature(file, row["code"], row["name"], label, polygons))
    for row in wanted.values():
        hits = matched.get(row["code"], [])
        if len(hits) != 1:
            problems.append(f"{row['code']} (ne_name {row['ne_name']!r}) matched {len(hits)} Natural Earth features, want 1")

    for code, name, iso_a3s in COUNTRIES:
        polygons = []
        for iso_a3 in iso_a3s:
            rows = con.execute("SELECT NAME, geom FROM countries WHERE ISO_A3 = ?", (iso_a3,)).fetchall()
            if len(rows) != 1:
                problems.append(f"Natural Earth admin-0 ISO_A3 {iso_a3}: {len(rows)} features, want 1")
                continue
            label = f"{code} (NE {rows[0][0]!r})"
            polygons += [p for p in (_to_points(r) for r in _drop_parts(_gpkg_geometry(rows[0][1]), label, dropped)) if p]
        features.append(Feature(COUNTRY_FILE, code, name, f"country {code}", polygons))
    con.close()

    for part, _ in DROPPED_PARTS:
        if not dropped.get(part):
            problems.append(f"expected to drop {part} but found no such polygon")
    for file, (_, expected) in REGION_FILES.items():
        found = sum(f.file == file for f in features)
        if found != expected:
            problems.append(f"{file}: {found} features, want {expected}")
    if problems:
        raise GeoBuildError("Natural Earth does not match regions.csv:\n  - " + "\n  - ".join(problems))
    for part, where in dropped.items():
        print(f"dropped {part}: from {', '.join(where)}")
    return features


# --- Topology and simplification -----------------------------------------------------


@dataclass
class Arc:
    points: list[Point]  # canonical direction; a closed arc (loop) has points[0] == points[-1]
    loop: bool
    tolerance: float = TOLERANCE * SCALE
    simplified: list[Point] = field(default_factory=list)
    dropped: bool = False


@dataclass
class Topology:
    arcs: list[Arc]
    rings: list[list[tuple[int, bool]]]  # ring id -> [(arc id, reversed)]


def build_topology(features: list[Feature]) -> Topology:
    all_rings = [ring for f in features for polygon in f.polygons for ring in polygon]
    seen: dict[Point, frozenset[Point]] = {}
    junctions: set[Point] = set()
    for ring in all_rings:
        n = len(ring)
        for i, p in enumerate(ring):
            neighbours = frozenset((ring[i - 1], ring[(i + 1) % n]))
            if seen.setdefault(p, neighbours) != neighbours:
                junctions.add(p)
    arcs: list[Arc] = []
    index: dict[tuple[Point, ...], int] = {}
    rings: list[list[tuple[int, bool]]] = []

    def arc_id(points: list[Point], loop: bool) -> tuple[int, bool]:
        if loop:  # rotate to the smallest point, pick the direction with the smaller second point
            start = points.index(min(points))
            forward = points[start:] + points[:start]
            backward = [forward[0], *forward[:0:-1]]
            reverse = backward < forward
            canonical = (backward if reverse else forward) + [forward[0]]
        else:
            backward = points[::-1]
            reverse = backward < points
            canonical = backward if reverse else points
        key = tuple(canonical)
        if key not in index:
            index[key] = len(arcs)
            arcs.append(Arc(list(canonical), loop))
        return index[key], reverse

    for f in features:
        f.ring_ids = []
        for polygon in f.polygons:
            ids = []
            for ring in polygon:
                cuts = [i for i, p in enumerate(ring) if p in junctions]
                if not cuts:
                    parts = [arc_id(ring, loop=True)]
                else:
                    rotated = ring[cuts[0] :] + ring[: cuts[0]]
                    cuts = [i - cuts[0] for i in cuts] + [len(ring)]
                    rotated.append(rotated[0])
                    parts = [arc_id(rotated[a : b + 1], loop=False) for a, b in itertools.pairwise(cuts)]
                ids.append(len(rings))
                rings.append(parts)
            f.ring_ids.append(ids)
    return Topology(arcs, rings)


def _seg_distance(p: Point, a: Point, b: Point) -> float:
    dx, dy = b[0] - a[0], b[1] - a[1]
    if dx == 0 and dy == 0:
        return math.hypot(p[0] - a[0], p[1] - a[1])
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / (dx * dx + dy * dy)))
    return math.hypot(p[0] - a[0] - t * dx, p[1] - a[1] - t * dy)


def douglas_peucker(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker on an open polyline; a closed one (first == last) is split at its farthest point."""
    n = len(points)
    if n <= 2 or tolerance <= 0:
        return list(points)
    if points[0] == points[-1]:
        far = max(range(1, n - 1), key=lambda i: math.hypot(points[i][0] - points[0][0], points[i][1] - points[0][1]))
        first = douglas_peucker(points[: far + 1], tolerance)
        second = douglas_peucker(points[far:], tolerance)
        out = first + second[1:]
        if len(out) < 4:  # keep a triangle: add the point farthest from the chord
            best = max(range(1, n - 1), key=lambda i: _seg_distance(points[i], points[0], points[far]) if i != far else -1)
            out = sorted({0, far, best, n - 1})
            return [points[i] for i in out]
        return out
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        a, b = stack.pop()
        best, best_d = -1, -1.0
        for i in range(a + 1, b):
            d = _seg_distance(points[i], points[a], points[b])
            if d > best_d:
                best, best_d = i, d
        if best_d > tolerance:
            keep[best] = True
            stack += [(a, best), (best, b)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _ring_area2(points: Sequence[Point]) -> int:
    """Twice the signed area (shoelace), in squared units; points without the closing point."""
    n = len(points)
    return sum(points[i][0] * points[(i + 1) % n][1] - points[(i + 1) % n][0] * points[i][1] for i in range(n))


def _km2(points: Sequence[Point]) -> float:
    lat = sum(y for _, y in points) / len(points) / SCALE
    return abs(_ring_area2(points)) / 2 / SCALE**2 * 111.32**2 * math.cos(math.radians(lat))


def ring_points(topo: Topology, ring_id: int) -> list[Point]:
    """The simplified ring, without the closing point."""
    out: list[Point] = []
    for aid, reverse in topo.rings[ring_id]:
        pts = topo.arcs[aid].simplified
        if reverse:
            pts = pts[::-1]
        out.extend(pts[1:] if out else pts)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


# --- Exact checks --------------------------------------------------------------------


def _orient(a: Point, b: Point, c: Point) -> int:
    v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (v > 0) - (v < 0)


def _on_segment(p: Point, a: Point, b: Point) -> bool:
    return min(a[0], b[0]) <= p[0] <= max(a[0], b[0]) and min(a[1], b[1]) <= p[1] <= max(a[1], b[1])


def _segments_conflict(a: Point, b: Point, c: Point, d: Point) -> bool:
    """True when segments ab and cd meet anywhere other than at one shared end point."""
    if max(a[0], b[0]) < min(c[0], d[0]) or max(c[0], d[0]) < min(a[0], b[0]):
        return False
    if max(a[1], b[1]) < min(c[1], d[1]) or max(c[1], d[1]) < min(a[1], b[1]):
        return False
    o1, o2, o3, o4 = _orient(a, b, c), _orient(a, b, d), _orient(c, d, a), _orient(c, d, b)
    if o1 == o2 == o3 == o4 == 0:  # collinear: conflict if they overlap in more than one point
        axis = 0 if a[0] != b[0] else 1
        lo1, hi1 = sorted((a[axis], b[axis]))
        lo2, hi2 = sorted((c[axis], d[axis]))
        return min(hi1, hi2) > max(lo1, lo2) or (a == c and b == d) or (a == d and b == c)
    shared = {a, b} & {c, d}
    if shared:
        return False  # they share an end point and are not collinear: they meet only there
    if o1 != o2 and o3 != o4 and o1 * o2 <= 0 and o3 * o4 <= 0:
        return True
    return (
        (o1 == 0 and _on_segment(c, a, b))
        or (o2 == 0 and _on_segment(d, a, b))
        or (o3 == 0 and _on_segment(a, c, d))
        or (o4 == 0 and _on_segment(b, c, d))
    )


def _cells(a: Point, b: Point, size: int) -> Iterable[tuple[int, int]]:
    for cx in range(min(a[0], b[0]) // size, max(a[0], b[0]) // size + 1):
        for cy in range(min(a[1], b[1]) // size, max(a[1], b[1]) // size + 1):
            yield cx, cy


def crossing_arcs(arcs: list[Arc]) -> set[int]:
    """Ids of arcs with a segment that crosses, touches or overlaps another segment."""
    size = int(GRID * SCALE)
    grid: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for aid, arc in enumerate(arcs):
        if arc.dropped:
            continue
        pts = arc.simplified
        for i in range(len(pts) - 1):
            for cell in _cells(pts[i], pts[i + 1], size):
                grid[cell].append((aid, i))
    bad: set[int] = set()
    checked: set[tuple[tuple[int, int], tuple[int, int]]] = set()
    for members in grid.values():
        for j, s in enumerate(members):
            for t in members[j + 1 :]:
                pair = (s, t) if s < t else (t, s)
                if pair in checked:
                    continue
                checked.add(pair)
                (a1, i1), (a2, i2) = pair
                if a1 == a2:
                    n = len(arcs[a1].simplified) - 1
                    if abs(i1 - i2) == 1:
                        continue  # neighbours along the arc share their common point
                    if arcs[a1].loop and {i1, i2} == {0, n - 1}:
                        continue  # first and last segment of a loop share its start point
                p, q = arcs[a1].simplified, arcs[a2].simplified
                if _segments_conflict(p[i1], p[i1 + 1], q[i2], q[i2 + 1]):
                    bad.update((a1, a2))
    return bad


def _inside(p: Point, ring: Sequence[Point]) -> bool:
    """Even-odd test with exact integers (p is not on the ring)."""
    x, y = p
    inside = False
    n = len(ring)
    for i in range(n):
        (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
        if (y1 > y) != (y2 > y):
            # x-coordinate of the crossing > x  <=>  (x2-x1)*(y-y1) > (x-x1)*(y2-y1), sign-adjusted
            lhs = (x2 - x1) * (y - y1)
            rhs = (x - x1) * (y2 - y1)
            if (lhs > rhs) if y2 > y1 else (lhs < rhs):
                inside = not inside
    return inside


def nested_islands(topo: Topology, features: list[Feature]) -> set[int]:
    """Arc ids of islands that lie inside another polygon of the same file, and of that polygon."""
    bad: set[int] = set()
    by_file: dict[str, list[int]] = defaultdict(list)
    for f in features:
        for ids in f.ring_ids:
            by_file[f.file].extend(r for r in ids if not _ring_dropped(topo, r))
    for ring_ids in by_file.values():
        shapes = {}
        for r in ring_ids:
            pts = ring_points(topo, r)
            xs, ys = [x for x, _ in pts], [y for _, y in pts]
            shapes[r] = (pts, (min(xs), min(ys), max(xs), max(ys)))
        for r in ring_ids:
            parts = topo.rings[r]
            if len(parts) != 1 or not topo.arcs[parts[0][0]].loop:
                continue
            probe = shapes[r][0][0]
            for other in ring_ids:
                if other == r or topo.rings[other] == parts:
                    continue
                pts, (x0, y0, x1, y1) = shapes[other]
                if x0 <= probe[0] <= x1 and y0 <= probe[1] <= y1 and _inside(probe, pts):
                    bad.add(parts[0][0])
                    bad.update(aid for aid, _ in topo.rings[other])
    return bad


def _ring_dropped(topo: Topology, ring_id: int) -> bool:
    return any(topo.arcs[aid].dropped for aid, _ in topo.rings[ring_id])


def simplify(topo: Topology, features: list[Feature], tolerance: float) -> None:
    for arc in topo.arcs:
        arc.tolerance = tolerance * SCALE
        if arc.loop and MIN_ISLAND_KM2 > 0 and _km2(arc.points[:-1]) < MIN_ISLAND_KM2:
            arc.dropped = True
    for f in features:  # never drop a feature's every polygon
        alive = [ids for ids in f.ring_ids if not _ring_dropped(topo, ids[0])]
        if not alive:
            biggest = max(f.ring_ids, key=lambda ids: abs(_ring_area2(topo.arcs[topo.rings[ids[0]][0][0]].points[:-1])))
            for aid, _ in topo.rings[biggest[0]]:
                topo.arcs[aid].dropped = False
    todo = set(range(len(topo.arcs)))
    for round_no in range(MAX_ROUNDS):
        for aid in todo:
            arc = topo.arcs[aid]
            arc.simplified = douglas_peucker(arc.points, arc.tolerance) if arc.tolerance >= 1 else list(arc.points)
        bad = crossing_arcs(topo.arcs) | nested_islands(topo, features) | _degenerate(topo, features)
        if not bad:
            return
        exact = [aid for aid in bad if topo.arcs[aid].tolerance < 1]
        if exact and all(topo.arcs[aid].tolerance < 1 for aid in bad):
            raise GeoBuildError(f"source arcs {sorted(exact)[:10]} conflict even unsimplified (round {round_no})")
        for aid in bad:
            topo.arcs[aid].tolerance /= 2
        todo = bad
    raise GeoBuildError(f"simplification still has conflicts after {MAX_ROUNDS} rounds")


def _degenerate(topo: Topology, features: list[Feature]) -> set[int]:
    bad: set[int] = set()
    for f in features:
        for ids in f.ring_ids:
            for r in ids:
                if _ring_dropped(topo, r):
                    continue
                pts = ring_points(topo, r)
                if len(set(pts)) < 3 or _ring_area2(pts) == 0:
                    bad.update(aid for aid, _ in topo.rings[r])
    return bad


# --- Output --------------------------------------------------------------------------


def _coords(points: list[Point], ccw: bool) -> list[list[float]]:
    area = _ring_area2(points)
    if (area > 0) != ccw:
        points = points[::-1]
    closed = [*points, points[0]]
    return [[round(x / SCALE, DECIMALS), round(y / SCALE, DECIMALS)] for x, y in closed]


def feature_geometry(topo: Topology, feature: Feature) -> dict:
    polygons = []
    for ids in feature.ring_ids:
        if _ring_dropped(topo, ids[0]):
            continue
        rings = [_coords(ring_points(topo, ids[0]), ccw=True)]
        rings += [_coords(ring_points(topo, r), ccw=False) for r in ids[1:] if not _ring_dropped(topo, r)]
        polygons.append(rings)
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def write_collection(path: Path, items: list[tuple[str, str, dict]]) -> None:
    lines = [
        json.dumps(
            {"type": "Feature", "properties": {"code": code, "name": name}, "geometry": geometry},
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for code, name, geometry in items
    ]
    path.write_text('{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n", encoding="utf-8")


def build(
    gpkg_path: Path | str,
    out_dir: Path | str = DEFAULT_OUT,
    *,
    tolerance: float = TOLERANCE,
    regions_csv: Path | str = REGIONS_CSV,
) -> dict[str, int]:
    """Write the four GeoJSON files into out_dir; returns {file name: number of features}."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    features = load_features(Path(gpkg_path), read_regions(Path(regions_csv)))
    topo = build_topology(features)
    simplify(topo, features, tolerance)
    counts: dict[str, int] = {}
    for file in [*REGION_FILES, COUNTRY_FILE]:
        items = sorted((f.code, f.name, feature_geometry(topo, f)) for f in features if f.file == file)
        if file == COUNTRY_FILE:
            order = [c for c, _, _ in COUNTRIES]
            items.sort(key=lambda item: order.index(item[0]))
        write_collection(out / file, items)
        counts[file] = len(items)
    kept = [a for a in topo.arcs if not a.dropped]
    print(
        f"{len(topo.arcs)} arcs ({len(topo.arcs) - len(kept)} small islands dropped), "
        f"{sum(len(a.points) for a in kept)} -> {sum(len(a.simplified) for a in kept)} points, "
        f"{sum(a.tolerance < tolerance * SCALE for a in kept)} arcs needed a finer tolerance"
    )
    return counts


def find_gpkg() -> Path | None:
    return next((p for p in GPKG_CANDIDATES if p.is_file()), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m seed geo",
        description="Derive seed/geo/*.geojson from Natural Earth (see seed/geo/README.md).",
    )
    parser.add_argument("--gpkg", type=Path, help="world_map.gpkg of Debian's qgis-common (default: the installed or /tmp/qgis copy)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: seed/geo)")
    parser.add_argument("--tolerance", type=float, default=TOLERANCE, help=f"Douglas-Peucker tolerance in degrees (default {TOLERANCE})")
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--"]:  # `python -m seed geo -- --gpkg PATH` hands the separator on
        argv = argv[1:]
    args = parser.parse_args(argv)
    gpkg = args.gpkg or find_gpkg()
    if gpkg is None:
        print(f"world_map.gpkg not found; get it with:\n  {GET_IT}\nthen run again (or pass --gpkg PATH)", file=sys.stderr)
        return 2
    try:
        counts = build(gpkg, args.out, tolerance=args.tolerance)
    except GeoBuildError as exc:
        print(f"geo build failed: {exc}", file=sys.stderr)
        return 1
    for file, n in counts.items():
        size = (args.out / file).stat().st_size
        print(f"{args.out / file}: {n} features, {size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
