/**
 * The map's geometry, computed from the districts' positions (x, y in 0–1, y pointing south) for
 * one size of the screen, in pixels. Nothing here depends on the number of districts.
 *
 * - The territory is fitted into the screen with a margin, keeping its proportions, in the part of
 *   the screen that the game's panels leave free (the insets).
 * - Each district is a soft polygon: its Voronoi cell (the points nearer to it than to any other
 *   district), shrunk by a small gap, cut to a disc around the district (so that outer districts
 *   end in round edges instead of running off the screen), and its corners rounded.
 * - Roads join neighbouring districts (a Gabriel graph, which keeps the map planar, plus the
 *   shortest links needed to connect every district), drawn in the 0°/45°/90° lines of a metro map.
 * - Inside each district, a grid of streets (its angle drawn from the district's id) clipped to the
 *   cell, ordered from the centre outwards, so that a retrofit can light them street by street;
 *   and block centres for buildings and trees.
 */

export interface Pt {
  x: number;
  y: number;
}

/** What the layout needs to know of a district (scenario fields). */
export interface SiteInput {
  id: string;
  x: number;
  y: number;
  population: number;
}

/** How much of each side of the screen the game's panels cover, px. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

const NO_INSETS: Insets = { top: 0, right: 0, bottom: 0, left: 0 };

/** A rectangle of the screen, px. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Below this free width or height the panels are ignored and the whole screen is used, px. */
const MIN_FREE = 240;

export interface Street {
  from: Pt;
  to: Pt;
}

export interface DistrictLayout {
  site: Pt;
  /** The soft polygon of the district. */
  cell: Pt[];
  /** Streets, ordered from the district's centre outwards (the order a retrofit lights them in). */
  streets: Street[];
  /** Where each kind of project glyph goes in the district. */
  slots: DistrictSlots;
}

/** Places for the glyphs of the projects that sit in blocks. */
export interface DistrictSlots {
  /** Public buildings (energy management). */
  buildings: Pt[];
  /** Public roofs (solar panels). */
  roofs: Pt[];
  /** Trees, block by block. */
  trees: Pt[];
}

export interface Road {
  a: number;
  b: number;
  /** Polyline from district a's centre to district b's (metro-map angles). */
  path: Pt[];
}

export interface CityLayout {
  width: number;
  height: number;
  /** Size factor for the map's details (streets, glyphs): about 1 on a 1280×720 screen. */
  detail: number;
  districts: DistrictLayout[];
  roads: Road[];
  /** The district nearest the territory's centre, where the supervision hub sits. */
  hub: number;
}

/** Roughly where labels and project badges sit around a district's centre (pixels, y down), kept free of blocks. */
const LABEL_AREA = { left: -84, right: 84, top: -46, bottom: 72 } as const;

const MARGIN = 28;
/** Gap between neighbouring districts, px. */
const CELL_GAP = 8;
const DISC_SEGMENTS = 56;
const STREET_SPACING = 48;
const STREET_MARGIN = 9;
const BLOCK_MARGIN = 14;

const sub = (a: Pt, b: Pt): Pt => ({ x: a.x - b.x, y: a.y - b.y });
const dist = (a: Pt, b: Pt): number => Math.hypot(a.x - b.x, a.y - b.y);
const lerp = (a: Pt, b: Pt, t: number): Pt => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });

/** A small stable hash of a string (FNV-1a), to draw a district's street angle from its id. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Keeps the part of a convex polygon where n·p ≤ c (Sutherland–Hodgman, one half-plane). */
function clipHalfPlane(poly: Pt[], nx: number, ny: number, c: number): Pt[] {
  const out: Pt[] = [];
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const da = nx * a.x + ny * a.y - c;
    const db = nx * b.x + ny * b.y - c;
    if (da <= 0) out.push(a);
    if ((da < 0 && db > 0) || (da > 0 && db < 0)) out.push(lerp(a, b, da / (da - db)));
  }
  return out;
}

/** Chaikin's corner cutting: each pass rounds every corner of a closed polygon. */
function roundCorners(poly: Pt[], passes: number): Pt[] {
  let p = poly;
  for (let k = 0; k < passes; k++) {
    const next: Pt[] = [];
    for (let i = 0; i < p.length; i++) {
      const a = p[i]!;
      const b = p[(i + 1) % p.length]!;
      next.push(lerp(a, b, 0.25), lerp(a, b, 0.75));
    }
    p = next;
  }
  return p;
}

/** Signed distance of p inside a convex polygon (positive inside, negative outside). */
function insideDistance(poly: Pt[], p: Pt): number {
  let area = 0;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    area += a.x * b.y - b.x * a.y;
  }
  const orient = area >= 0 ? 1 : -1;
  let d = Infinity;
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const len = dist(a, b);
    if (len < 1e-9) continue;
    // For a counter-clockwise polygon (positive area, y down) the inside is to the right of a→b.
    const cross = ((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) / len;
    d = Math.min(d, orient * cross);
  }
  return d;
}

/** The part of the line p + t·u (t real) inside a convex polygon, as [tMin, tMax], or null. */
function lineThroughConvex(poly: Pt[], p: Pt, u: Pt): [number, number] | null {
  const ts: number[] = [];
  for (let i = 0; i < poly.length; i++) {
    const a = poly[i]!;
    const b = poly[(i + 1) % poly.length]!;
    const e = sub(b, a);
    const denom = u.x * e.y - u.y * e.x;
    if (Math.abs(denom) < 1e-12) continue;
    const w = sub(a, p);
    const t = (w.x * e.y - w.y * e.x) / denom;
    const s = (w.x * u.y - w.y * u.x) / denom;
    if (s >= 0 && s <= 1) ts.push(t);
  }
  if (ts.length < 2) return null;
  return [Math.min(...ts), Math.max(...ts)];
}

/** Polyline from a to b with one diagonal run between two straight halves (a metro map's line). */
function metroPath(a: Pt, b: Pt): Pt[] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const adx = Math.abs(dx);
  const ady = Math.abs(dy);
  const sx = Math.sign(dx);
  const sy = Math.sign(dy);
  let p1: Pt;
  let p2: Pt;
  if (adx >= ady) {
    p1 = { x: a.x + (sx * (adx - ady)) / 2, y: a.y };
    p2 = { x: p1.x + sx * ady, y: b.y };
  } else {
    p1 = { x: a.x, y: a.y + (sy * (ady - adx)) / 2 };
    p2 = { x: b.x, y: p1.y + sy * adx };
  }
  const path = [a, p1, p2, b];
  return path.filter((p, i) => i === 0 || dist(p, path[i - 1]!) > 0.5);
}

/** Neighbouring districts to join by road: the Gabriel graph among overlapping discs, plus a spanning tree. */
function roadPairs(sites: Pt[], radii: number[]): [number, number][] {
  const n = sites.length;
  const pairs = new Map<string, [number, number]>();
  const add = (a: number, b: number) => pairs.set(`${Math.min(a, b)}-${Math.max(a, b)}`, [Math.min(a, b), Math.max(a, b)]);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = sites[i]!;
      const b = sites[j]!;
      if (dist(a, b) > radii[i]! + radii[j]!) continue;
      const m = lerp(a, b, 0.5);
      const r = dist(a, b) / 2;
      let empty = true;
      for (let k = 0; k < n && empty; k++) if (k !== i && k !== j && dist(sites[k]!, m) < r) empty = false;
      if (empty) add(i, j);
    }
  }
  // Prim's minimum spanning tree, so that no district is left without a road.
  const inTree = new Set<number>([0]);
  while (inTree.size < n) {
    let best: [number, number] | null = null;
    let bestD = Infinity;
    for (const i of inTree) {
      for (let j = 0; j < n; j++) {
        if (inTree.has(j)) continue;
        const d = dist(sites[i]!, sites[j]!);
        if (d < bestD) {
          bestD = d;
          best = [i, j];
        }
      }
    }
    if (!best) break;
    inTree.add(best[1]);
    add(best[0], best[1]);
  }
  return [...pairs.values()];
}

/** The streets of one district and the places of its glyphs (in blocks between the streets). */
function districtInterior(id: string, site: Pt, cell: Pt[], detail: number): Pick<DistrictLayout, 'streets' | 'slots'> {
  const angle = (hashString(id) % 2) * (Math.PI / 4) + ((hashString(id) >> 3) % 3 === 0 ? Math.PI / 12 : 0);
  const u: Pt = { x: Math.cos(angle), y: Math.sin(angle) };
  const v: Pt = { x: -u.y, y: u.x };
  const spacing = STREET_SPACING * detail;
  const reach = Math.max(...cell.map((p) => dist(p, site)));
  const count = Math.ceil(reach / spacing);

  type Ranked = Street & { rank: number };
  const ranked: Ranked[] = [];
  for (const [dir, across] of [
    [u, v],
    [v, u],
  ] as const) {
    for (let k = -count; k <= count; k++) {
      const origin = { x: site.x + across.x * k * spacing, y: site.y + across.y * k * spacing };
      const span = lineThroughConvex(cell, origin, dir);
      if (!span) continue;
      const t0 = span[0] + STREET_MARGIN * detail;
      const t1 = span[1] - STREET_MARGIN * detail;
      if (t1 - t0 < spacing * 0.8) continue;
      let from = { x: origin.x + dir.x * t0, y: origin.y + dir.y * t0 };
      let to = { x: origin.x + dir.x * t1, y: origin.y + dir.y * t1 };
      if (dist(to, site) < dist(from, site)) [from, to] = [to, from];
      ranked.push({ from, to, rank: Math.abs(k) + (dir === u ? 0 : 0.5) });
    }
  }
  ranked.sort((a, b) => a.rank - b.rank);
  const streets = ranked.map(({ from, to }) => ({ from, to }));

  const blocks: Pt[] = [];
  for (let k = -count; k < count; k++) {
    for (let l = -count; l < count; l++) {
      const p = {
        x: site.x + u.x * (k + 0.5) * spacing + v.x * (l + 0.5) * spacing,
        y: site.y + u.y * (k + 0.5) * spacing + v.y * (l + 0.5) * spacing,
      };
      const rel = sub(p, site);
      const inLabels = rel.x > LABEL_AREA.left && rel.x < LABEL_AREA.right && rel.y > LABEL_AREA.top && rel.y < LABEL_AREA.bottom;
      if (!inLabels && insideDistance(cell, p) > BLOCK_MARGIN * detail) blocks.push(p);
    }
  }
  blocks.sort((a, b) => dist(a, site) - dist(b, site));
  return { streets, slots: districtSlots(site, blocks, spacing) };
}

/** Shares the blocks of a district among the kinds of glyphs (small districts reuse blocks). */
function districtSlots(site: Pt, blocks: Pt[], spacing: number): DistrictSlots {
  const fallback = [0, 1, 2, 3, 4, 5].map((k) => ({ x: site.x + Math.cos(k + 0.5) * spacing * 1.6, y: site.y + Math.sin(k + 0.5) * spacing * 1.6 }));
  const pool = blocks.length > 0 ? blocks : fallback;
  const block = (i: number) => pool[i % pool.length]!;
  const treeBlocks = [2, 3, 6, 7, 8, 9].map(block);
  const r = spacing * 0.2;
  const trees = treeBlocks.flatMap((c) => [
    { x: c.x - r, y: c.y - r * 0.6 },
    { x: c.x + r, y: c.y - r * 0.4 },
    { x: c.x, y: c.y + r * 0.8 },
  ]);
  return {
    buildings: [block(0), block(4)],
    roofs: [block(1), block(5)],
    trees,
  };
}

/**
 * Lays the territory out in a width × height screen, in the part the insets leave free, slid
 * sideways where it can to keep clear of `avoid` (the legend's box).
 */
export function layoutCity(inputs: readonly SiteInput[], width: number, height: number, insets: Insets = NO_INSETS, avoid?: Box): CityLayout {
  const n = inputs.length;
  // Disc radius in 0–1 units: a little under the typical distance to the nearest neighbour,
  // a little larger for more populous districts.
  const nearest = inputs.map((a, i) => Math.min(...inputs.filter((_, j) => j !== i).map((b) => dist(a, b))));
  const sortedNearest = [...nearest].sort((a, b) => a - b);
  const typical = sortedNearest[Math.floor(sortedNearest.length / 2)] ?? 0.2;
  const meanPop = inputs.reduce((s, d) => s + d.population, 0) / Math.max(1, n);
  const radii01 = inputs.map((d, i) => Math.max(typical * 0.75 * Math.sqrt(Math.sqrt(d.population / meanPop)), nearest[i]! * 0.6));

  const minX = Math.min(...inputs.map((d, i) => d.x - radii01[i]!));
  const maxX = Math.max(...inputs.map((d, i) => d.x + radii01[i]!));
  const minY = Math.min(...inputs.map((d, i) => d.y - radii01[i]!));
  const maxY = Math.max(...inputs.map((d, i) => d.y + radii01[i]!));
  const fits = width - insets.left - insets.right >= MIN_FREE && height - insets.top - insets.bottom >= MIN_FREE;
  /** The map centred in the window less `free`: its scale and its top-left corner. */
  const place = (free: Insets) => {
    const freeW = width - free.left - free.right;
    const freeH = height - free.top - free.bottom;
    const unit = Math.max(1, Math.min((freeW - 2 * MARGIN) / (maxX - minX), (freeH - 2 * MARGIN) / (maxY - minY)));
    const mapW = (maxX - minX) * unit;
    const mapH = (maxY - minY) * unit;
    return { unit, mapW, mapH, top: free.top + (freeH - mapH) / 2, left: free.left + (freeW - mapW) / 2 };
  };
  const free = fits ? insets : NO_INSETS;
  let at = place(free);
  // A box over the map (the legend): the map moves beside it — above, below, left or right,
  // whichever leaves it largest — so that no district is under it.
  if (avoid && avoid.y1 > at.top && avoid.y0 < at.top + at.mapH && avoid.x1 > at.left && avoid.x0 < at.left + at.mapW) {
    const sides: Insets[] = [
      { ...free, top: Math.max(free.top, avoid.y1) },
      { ...free, bottom: Math.max(free.bottom, height - avoid.y0) },
      { ...free, left: Math.max(free.left, avoid.x1) },
      { ...free, right: Math.max(free.right, width - avoid.x0) },
    ].filter((c) => width - c.left - c.right > 2 * MARGIN && height - c.top - c.bottom > 2 * MARGIN);
    const best = sides.map(place).reduce<ReturnType<typeof place> | null>((a, b) => (a && a.unit >= b.unit ? a : b), null);
    if (best) at = best;
  }
  const { unit, top, left } = at;
  const offX = left - minX * unit;
  const offY = top - minY * unit;
  const detail = Math.min(1.6, Math.max(0.7, unit / 800));

  const sites = inputs.map((d) => ({ x: offX + d.x * unit, y: offY + d.y * unit }));
  const radii = radii01.map((r) => r * unit);

  const cells = sites.map((s, i) => {
    let poly: Pt[] = [];
    for (let k = 0; k < DISC_SEGMENTS; k++) {
      const a = (k / DISC_SEGMENTS) * Math.PI * 2;
      poly.push({ x: s.x + Math.cos(a) * radii[i]!, y: s.y + Math.sin(a) * radii[i]! });
    }
    for (let j = 0; j < n && poly.length > 2; j++) {
      if (j === i) continue;
      const o = sites[j]!;
      const len = dist(s, o);
      if (len < 1e-6) continue;
      const nx = (o.x - s.x) / len;
      const ny = (o.y - s.y) / len;
      const m = lerp(s, o, 0.5);
      poly = clipHalfPlane(poly, nx, ny, nx * m.x + ny * m.y - CELL_GAP / 2);
    }
    return roundCorners(poly, 3);
  });

  const roads = roadPairs(sites, radii).map(([a, b]) => ({ a, b, path: metroPath(sites[a]!, sites[b]!) }));
  const cx = sites.reduce((s, p) => s + p.x, 0) / Math.max(1, n);
  const cy = sites.reduce((s, p) => s + p.y, 0) / Math.max(1, n);
  let hub = 0;
  sites.forEach((p, i) => {
    if (dist(p, { x: cx, y: cy }) < dist(sites[hub]!, { x: cx, y: cy })) hub = i;
  });

  return {
    width,
    height,
    detail,
    districts: sites.map((site, i) => ({ site, cell: cells[i]!, ...districtInterior(inputs[i]!.id, site, cells[i]!, detail) })),
    roads,
    hub,
  };
}

/** Whether p lies inside a polygon (even–odd rule), for hovering a district. */
export function pointInPolygon(poly: readonly Pt[], p: Pt): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!;
    const b = poly[j]!;
    if (a.y > p.y !== b.y > p.y && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/** A polyline with its cumulated lengths, to move things along it at a steady speed. */
export interface Track {
  points: Pt[];
  /** Cumulated length at each point; the last is the total. */
  lengths: number[];
}

export function makeTrack(points: Pt[]): Track {
  const lengths = [0];
  for (let i = 1; i < points.length; i++) lengths.push(lengths[i - 1]! + dist(points[i]!, points[i - 1]!));
  return { points, lengths };
}

/** The point at distance d along a track (clamped), and the direction there, in radians. */
export function pointAlong(track: Track, d: number, out: Pt): number {
  const { points, lengths } = track;
  const total = lengths[lengths.length - 1]!;
  const x = Math.min(Math.max(d, 0), total);
  let i = 1;
  while (i < lengths.length - 1 && lengths[i]! < x) i++;
  const a = points[i - 1]!;
  const b = points[i] ?? a;
  const seg = lengths[i]! - lengths[i - 1]!;
  const t = seg > 0 ? (x - lengths[i - 1]!) / seg : 0;
  out.x = a.x + (b.x - a.x) * t;
  out.y = a.y + (b.y - a.y) * t;
  return Math.atan2(b.y - a.y, b.x - a.x);
}

/** The supervision link from a district to the hub: a gentle curve, so that it reads apart from the roads. */
export function hubLink(layout: CityLayout, district: number): Pt[] {
  const a = layout.districts[district]!.site;
  const b = layout.districts[layout.hub]!.site;
  const m = lerp(a, b, 0.5);
  const len = dist(a, b);
  const bend = 0.18 * len;
  const c = { x: m.x + ((b.y - a.y) / Math.max(len, 1e-6)) * bend, y: m.y - ((b.x - a.x) / Math.max(len, 1e-6)) * bend };
  const points: Pt[] = [];
  for (let k = 0; k <= 16; k++) {
    const t = k / 16;
    points.push({ x: (1 - t) * (1 - t) * a.x + 2 * (1 - t) * t * c.x + t * t * b.x, y: (1 - t) * (1 - t) * a.y + 2 * (1 - t) * t * c.y + t * t * b.y });
  }
  return points;
}

/** Roads that leave a district, each as a polyline starting at the district's centre. */
export function roadsFrom(layout: CityLayout, district: number): Pt[][] {
  return layout.roads.filter((r) => r.a === district || r.b === district).map((r) => (r.a === district ? r.path : [...r.path].reverse()));
}

/** The first `share` of a district's street length, street by street, and the point where it ends. */
export function streetsUpTo(streets: readonly Street[], share: number): { lit: Street[]; front: Pt | null } {
  const total = streets.reduce((sum, s) => sum + dist(s.from, s.to), 0);
  let left = Math.min(1, Math.max(0, share)) * total;
  const lit: Street[] = [];
  for (const s of streets) {
    if (left <= 0) return { lit, front: s.from };
    const len = dist(s.from, s.to);
    if (left >= len) {
      lit.push(s);
      left -= len;
      continue;
    }
    const end = lerp(s.from, s.to, left / len);
    lit.push({ from: s.from, to: end });
    return { lit, front: end };
  }
  return { lit, front: null };
}
