/**
 * Where the words and badges of the map go. Each district's name sits above its centre with the
 * overlay's value under it; its project badges form a small grid placed below the centre, or to
 * its right, its left or above the name, whichever overlaps least the other districts' words and
 * badges and stays most inside its own district (neighbours can be close on a small screen).
 */
import { pointInPolygon, type Box, type CityLayout } from './city-layout';
import type { ProjectView } from './project-views';

const FONT = '"Atkinson Hyperlegible", system-ui, sans-serif';

/** Type and badge sizes (px) at 1280×720; the large-type mode multiplies them. */
const NAME_SIZE = 18;
const VALUE_SIZE = 16;
const BADGE_SIZE = 21;
const BADGE_GAP = 3;
const BADGES_PER_ROW = 6;

export function font(weight: 400 | 700, size: number): string {
  return `${weight} ${Math.round(size)}px ${FONT}`;
}

export interface Label {
  text: string;
  x: number;
  y: number;
  weight: 400 | 700;
  size: number;
}

/** Where a project's badge sits (its centre) and its size. */
export interface BadgeSpot {
  view: ProjectView;
  x: number;
  y: number;
  size: number;
}

export interface NotesLayout {
  labels: Label[];
  spots: BadgeSpot[];
}

let measurer: CanvasRenderingContext2D | null = null;
/** Widths already measured, by font and text (names come back every month). */
const widths = new Map<string, number>();

function textWidth(text: string, weight: 400 | 700, size: number): number {
  const key = `${font(weight, size)}|${text}`;
  const known = widths.get(key);
  if (known !== undefined) return known;
  measurer ??= document.createElement('canvas').getContext('2d');
  if (!measurer) return text.length * size * 0.55;
  measurer.font = key.slice(0, key.indexOf('|'));
  const width = measurer.measureText(text).width;
  widths.set(key, width);
  return width;
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  return w > 0 && h > 0 ? w * h : 0;
}

function labelBox(l: Label): Box {
  const w = textWidth(l.text, l.weight, l.size) + 2;
  return { x0: l.x - w / 2, y0: l.y - l.size * 0.55, x1: l.x + w / 2, y1: l.y + l.size * 0.55 };
}

/** Lays out every district's name, value and badges (`values[i]` null writes no value), clear of `avoid` where it can. */
export function layoutNotes(
  layout: CityLayout,
  names: readonly string[],
  values: readonly (string | null)[],
  views: readonly ProjectView[],
  scale: number,
  avoid: readonly Box[],
): NotesLayout {
  const labels: Label[] = [];
  const obstacles: Box[] = [...avoid];
  const nameTop: number[] = [];
  layout.districts.forEach((d, i) => {
    const value = values[i] ?? null;
    const name: Label = { text: names[i] ?? '', x: d.site.x, y: d.site.y + (value === null ? -20 : -37) * scale, weight: 700, size: NAME_SIZE * scale };
    // A name that would sit on a neighbour's name or value (a small map beside a side panel) goes
    // under its district's dot instead, where that is clear.
    const placed = labels.map(labelBox);
    const clashes = (l: Label) => placed.some((b) => overlap(b, labelBox(l)) > 0);
    if (clashes(name)) {
      const below: Label = { ...name, y: d.site.y + 12 * scale + name.size * 0.55 };
      if (!clashes(below)) name.y = below.y;
    }
    labels.push(name);
    const box = labelBox(name);
    obstacles.push(box);
    nameTop.push(box.y0);
    if (value !== null) {
      const v: Label = { text: value, x: d.site.x, y: d.site.y - 18 * scale, weight: 400, size: VALUE_SIZE * scale };
      labels.push(v);
      obstacles.push(labelBox(v));
    }
    const r = 9 * layout.detail;
    obstacles.push({ x0: d.site.x - r, y0: d.site.y - r, x1: d.site.x + r, y1: d.site.y + r });
  });

  const byDistrict = new Map<number, ProjectView[]>();
  for (const v of views) byDistrict.set(v.district, [...(byDistrict.get(v.district) ?? []), v]);
  const size = BADGE_SIZE * scale;
  const step = size + BADGE_GAP * scale;
  const spots: BadgeSpot[] = [];
  for (const [district, list] of byDistrict) {
    const site = layout.districts[district]?.site;
    if (!site) continue;
    const cols = Math.min(BADGES_PER_ROW, list.length <= BADGES_PER_ROW ? list.length : Math.ceil(list.length / Math.ceil(list.length / BADGES_PER_ROW)));
    const rows = Math.ceil(list.length / cols);
    const w = cols * step - BADGE_GAP * scale;
    const h = rows * step - BADGE_GAP * scale;
    const side = 14 * scale;
    const candidates: Box[] = [
      { x0: site.x - w / 2, y0: site.y + side, x1: site.x + w / 2, y1: site.y + side + h },
      { x0: site.x + side + 8 * scale, y0: site.y - h / 2 + 8 * scale, x1: site.x + side + 8 * scale + w, y1: site.y + h / 2 + 8 * scale },
      { x0: site.x - side - 8 * scale - w, y0: site.y - h / 2 + 8 * scale, x1: site.x - side - 8 * scale, y1: site.y + h / 2 + 8 * scale },
      { x0: site.x - w / 2, y0: (nameTop[district] ?? site.y) - 4 * scale - h, x1: site.x + w / 2, y1: (nameTop[district] ?? site.y) - 4 * scale },
    ];
    const cell = layout.districts[district]!.cell;
    const cost = (b: Box) => {
      const offScreen = b.x0 < 0 || b.y0 < 0 || b.x1 > layout.width || b.y1 > layout.height ? 1e6 : 0;
      // Half the box's area, times the share of its corners and centre that fall outside its district.
      const samples = [
        { x: b.x0, y: b.y0 },
        { x: b.x1, y: b.y0 },
        { x: b.x0, y: b.y1 },
        { x: b.x1, y: b.y1 },
        { x: (b.x0 + b.x1) / 2, y: (b.y0 + b.y1) / 2 },
      ];
      const outside = samples.filter((p) => !pointInPolygon(cell, p)).length / samples.length;
      return offScreen + outside * 0.5 * (b.x1 - b.x0) * (b.y1 - b.y0) + obstacles.reduce((sum, o) => sum + overlap(b, o), 0);
    };
    let best = candidates[0]!;
    let bestCost = cost(best);
    for (const c of candidates.slice(1)) {
      const k = cost(c);
      if (k < bestCost - 1) {
        best = c;
        bestCost = k;
      }
    }
    obstacles.push(best);
    list.forEach((view, i) => {
      const row = Math.floor(i / cols);
      const inRow = Math.min(cols, list.length - row * cols);
      const col = i % cols;
      const cx = (best.x0 + best.x1) / 2 + (col - (inRow - 1) / 2) * step;
      spots.push({ view, x: cx, y: best.y0 + size / 2 + row * step, size: view.pilot ? size * 0.8 : size });
    });
  }
  return { labels, spots };
}
