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

/**
 * A district name's short form, for a map too small for the full one: the part after a dash
 * ("Dijon – Nord" → "Nord"), else before a bracket or an ampersand ("Couronne (15 communes)" →
 * "Couronne"); the full name shows in the district's tooltip.
 */
function shortName(name: string): string {
  const dash = name.split(/\s[–—-]\s/);
  if (dash.length > 1) return dash[dash.length - 1]!.trim();
  const head = name.split(/\s[(&]/)[0]!.trim();
  return head || name;
}

/** The box a label's text covers on the map (pixels). */
export function labelBox(l: Label): Box {
  const w = textWidth(l.text, l.weight, l.size) + 2;
  return { x0: l.x - w / 2, y0: l.y - l.size * 0.55, x1: l.x + w / 2, y1: l.y + l.size * 0.55 };
}

/**
 * Each district's name above its dot, its value between them; where that would sit on words
 * already placed or on what the map must keep clear (`avoid`: the legend, the panels over the
 * map), the first clear place among: under the dot, to its right, to its left, then at its four
 * corners (with `short`, the names' short forms). Where none is clear, the place that covers least. `cost`: the area still
 * covered, in square pixels.
 */
function placeWords(
  layout: CityLayout,
  names: readonly string[],
  values: readonly (string | null)[],
  scale: number,
  avoid: readonly Box[],
  short: boolean,
): { labels: Label[]; nameTop: number[]; cost: number } {
  const labels: Label[] = [];
  const nameTop: number[] = [];
  const nameSize = NAME_SIZE * scale;
  const valueSize = VALUE_SIZE * scale;
  const side = 14 * scale;
  let total = 0;
  layout.districts.forEach((d, i) => {
    const value = values[i] ?? null;
    const text = short ? shortName(names[i] ?? '') : (names[i] ?? '');
    const placed = [...avoid, ...labels.map(labelBox)];
    const covered = (ls: Label[]) => ls.reduce((sum, l) => sum + placed.reduce((a, b) => a + overlap(b, labelBox(l)), 0), 0);
    const w = textWidth(text, 700, nameSize);
    const name = (x: number, y: number): Label => ({ text, x, y, weight: 700, size: nameSize });
    const val = (x: number, y: number): Label[] => (value === null ? [] : [{ text: value, x, y, weight: 400, size: valueSize }]);
    const options: Label[][] = [
      [name(d.site.x, d.site.y + (value === null ? -20 : -37) * scale), ...val(d.site.x, d.site.y - 18 * scale)],
      [...val(d.site.x, d.site.y + 12 * scale + valueSize * 0.55), name(d.site.x, d.site.y + 12 * scale + (value === null ? 0 : valueSize * 1.1) + nameSize * 0.55)],
      [name(d.site.x + side + w / 2, d.site.y - (value === null ? 0 : nameSize * 0.55)), ...val(d.site.x + side + w / 2, d.site.y + valueSize * 0.6)],
      [name(d.site.x - side - w / 2, d.site.y - (value === null ? 0 : nameSize * 0.55)), ...val(d.site.x - side - w / 2, d.site.y + valueSize * 0.6)],
    ];
    // Then the corners: above or under the dot, beside it.
    for (const dx of [1, -1]) {
      const x = d.site.x + dx * (side + w / 2);
      options.push([name(x, d.site.y - side - nameSize * 0.55 - (value === null ? 0 : valueSize * 1.1)), ...val(x, d.site.y - side - valueSize * 0.55)]);
      options.push([...val(x, d.site.y + side + valueSize * 0.55), name(x, d.site.y + side + (value === null ? 0 : valueSize * 1.1) + nameSize * 0.55)]);
    }
    let best = options[0]!;
    let bestCost = covered(best);
    for (const option of options.slice(1)) {
      if (bestCost === 0) break;
      const cost = covered(option);
      if (cost < bestCost) {
        best = option;
        bestCost = cost;
      }
    }
    total += bestCost;
    for (const l of best) {
      labels.push(l);
      if (l.weight === 700) nameTop.push(labelBox(l).y0);
    }
  });
  return { labels, nameTop, cost: total };
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
  // The words with the full names; on a map too small for them, with every name's short form if
  // that covers less (one form for all the districts, so the map reads the same everywhere).
  let words = placeWords(layout, names, values, scale, avoid, false);
  if (words.cost > 0) {
    const short = placeWords(layout, names, values, scale, avoid, true);
    if (short.cost < words.cost) words = short;
  }
  const { labels, nameTop } = words;
  const obstacles: Box[] = [...avoid, ...labels.map(labelBox)];
  for (const d of layout.districts) {
    const r = 9 * layout.detail;
    obstacles.push({ x0: d.site.x - r, y0: d.site.y - r, x1: d.site.x + r, y1: d.site.y + r });
  }

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
