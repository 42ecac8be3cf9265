/**
 * Paints the city view's still layers with the 2D canvas, once per change rather than every
 * frame (the scene shows each layer as one image):
 * - the base: districts filled with their overlay colour (hatched where the overlay says so),
 *   their streets, the roads and the district centres, as on a metro map;
 * - the works: what the projects put on the ground (street lights lit street by street, trees,
 *   public buildings, solar roofs, pedestrian streets, traffic lights, the supervision links),
 *   each in proportion to how far it has been built;
 * - the notes: district names and overlay values, and one badge per project: a circle for the
 *   city's own projects (blue), a rounded square for the partner's (vermillion), dashed and
 *   smaller for a pilot, with a ring that fills as the works advance.
 */
import type { ProjectFamily } from '../sim/scenario-schema';
import { hubLink, makeTrack, pointAlong, roadsFrom, streetsUpTo, type CityLayout, type Pt, type Street } from './city-layout';
import { font, type BadgeSpot, type NotesLayout } from './notes-layout';
import { rgbCss } from './overlay-scale';
import { MAP_COLOURS, OKABE_ITO, SIDE_COLOURS, withAlpha } from './palette';
import type { ProjectView } from './project-views';

function tracePolygon(ctx: CanvasRenderingContext2D, poly: readonly Pt[]): void {
  ctx.beginPath();
  poly.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
  ctx.closePath();
}

function tracePolyline(ctx: CanvasRenderingContext2D, line: readonly Pt[]): void {
  ctx.beginPath();
  line.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
}

function lineLength(line: readonly Pt[]): number {
  let len = 0;
  for (let i = 1; i < line.length; i++) len += Math.hypot(line[i]!.x - line[i - 1]!.x, line[i]!.y - line[i - 1]!.y);
  return len;
}

/** Diagonal hatching inside a polygon. */
function hatch(ctx: CanvasRenderingContext2D, poly: readonly Pt[], colour: string): void {
  const xs = poly.map((p) => p.x);
  const ys = poly.map((p) => p.y);
  const x0 = Math.min(...xs);
  const x1 = Math.max(...xs);
  const y0 = Math.min(...ys);
  const y1 = Math.max(...ys);
  ctx.save();
  tracePolygon(ctx, poly);
  ctx.clip();
  ctx.beginPath();
  for (let x = x0 - (y1 - y0); x < x1; x += 9) {
    ctx.moveTo(x, y1);
    ctx.lineTo(x + (y1 - y0), y0);
  }
  ctx.strokeStyle = colour;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.restore();
}

export interface BaseStyle {
  /** District fills (RGB numbers), one per district. */
  fills: readonly number[];
  hatched: readonly boolean[];
  /** The menu's backdrop: paler, no data. */
  quiet: boolean;
}

/** Districts, streets, roads and district centres. */
export function paintBase(ctx: CanvasRenderingContext2D, layout: CityLayout, style: BaseStyle): void {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const k = layout.detail;
  ctx.globalAlpha = style.quiet ? 0.75 : 1;
  layout.districts.forEach((d, i) => {
    tracePolygon(ctx, d.cell);
    ctx.fillStyle = rgbCss(style.fills[i] ?? 0xffffff);
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = MAP_COLOURS.landEdge;
    ctx.stroke();
    if (style.hatched[i]) hatch(ctx, d.cell, withAlpha(MAP_COLOURS.ink, 0.28));
  });

  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  // White streets on coloured districts; grey ones on the menu's blank map.
  ctx.strokeStyle = style.quiet ? MAP_COLOURS.street : withAlpha(MAP_COLOURS.land, 0.7);
  ctx.lineWidth = 2.5 * k;
  ctx.beginPath();
  for (const d of layout.districts) {
    for (const s of d.streets) {
      ctx.moveTo(s.from.x, s.from.y);
      ctx.lineTo(s.to.x, s.to.y);
    }
  }
  ctx.stroke();

  for (const [colour, width] of [
    [MAP_COLOURS.roadCasing, 10 * k],
    [MAP_COLOURS.road, 6 * k],
  ] as const) {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.beginPath();
    for (const r of layout.roads) r.path.forEach((p, i) => (i === 0 ? ctx.moveTo(p.x, p.y) : ctx.lineTo(p.x, p.y)));
    ctx.stroke();
  }

  for (const d of layout.districts) {
    ctx.beginPath();
    ctx.arc(d.site.x, d.site.y, 6.5 * k, 0, Math.PI * 2);
    ctx.fillStyle = MAP_COLOURS.land;
    ctx.fill();
    ctx.lineWidth = 3 * k;
    ctx.strokeStyle = MAP_COLOURS.ink;
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
}

/** The views of one district, by family. */
type ByFamily = Partial<Record<ProjectFamily, ProjectView>>;

function groupByDistrict(layout: CityLayout, views: readonly ProjectView[]): ByFamily[] {
  const groups: ByFamily[] = layout.districts.map(() => ({}));
  for (const v of views) {
    const g = groups[v.district];
    if (g) g[v.family] = v;
  }
  return groups;
}

/** How many of `slots` a project fills: its coverage, at least one once anything is built. */
export function filled(v: ProjectView, slots: number): number {
  if (v.coverage <= 0) return 0;
  return Math.min(slots, Math.max(1, Math.round(v.coverage * slots)));
}

const running = (v: ProjectView) => v.stage === 'operating';

/** Street lighting: the retrofitted streets glow, street by street from the centre, with their lamps. */
function paintLighting(ctx: CanvasRenderingContext2D, streets: readonly Street[], v: ProjectView, k: number): void {
  const { lit } = streetsUpTo(streets, v.coverage);
  const on = v.stage !== 'down' && v.stage !== 'failed';
  ctx.lineCap = 'round';
  const strokeAll = (colour: string, width: number) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.beginPath();
    for (const s of lit) {
      ctx.moveTo(s.from.x, s.from.y);
      ctx.lineTo(s.to.x, s.to.y);
    }
    ctx.stroke();
  };
  if (on) strokeAll(withAlpha(OKABE_ITO.yellow, 0.45), 9 * k);
  strokeAll(on ? OKABE_ITO.yellow : MAP_COLOURS.muted, 3.5 * k);
  ctx.fillStyle = withAlpha(MAP_COLOURS.ink, 0.45);
  const step = 14 * k;
  for (const s of lit) {
    const len = Math.hypot(s.to.x - s.from.x, s.to.y - s.from.y);
    for (let d = step / 2; d < len; d += step) {
      ctx.beginPath();
      ctx.arc(s.from.x + ((s.to.x - s.from.x) * d) / len, s.from.y + ((s.to.y - s.from.y) * d) / len, 1.3 * k, 0, Math.PI * 2);
      ctx.fill();
    }
  }
}

function paintTrees(ctx: CanvasRenderingContext2D, trees: readonly Pt[], v: ProjectView, k: number): void {
  const n = filled(v, trees.length);
  const grown = v.stage === 'building' ? 0.55 + 0.45 * v.progress : 1;
  for (let i = 0; i < n; i++) {
    const p = trees[i]!;
    ctx.beginPath();
    ctx.arc(p.x, p.y, 5.5 * k * grown, 0, Math.PI * 2);
    ctx.fillStyle = v.stage === 'failed' ? MAP_COLOURS.muted : OKABE_ITO.bluishGreen;
    ctx.fill();
    ctx.lineWidth = 1.2;
    ctx.strokeStyle = withAlpha(MAP_COLOURS.ink, 0.7);
    ctx.stroke();
  }
}

/** A public building: a block with a pediment; energy managed = a downward arrow beside it. */
function paintBuildings(ctx: CanvasRenderingContext2D, places: readonly Pt[], v: ProjectView, k: number): void {
  const n = v.pilot ? 1 : filled(v, places.length);
  for (let i = 0; i < n; i++) {
    const p = places[i]!;
    const w = 20 * k;
    const h = 13 * k;
    ctx.beginPath();
    ctx.rect(p.x - w / 2, p.y - h / 2, w, h);
    ctx.moveTo(p.x - w / 2 - 2 * k, p.y - h / 2);
    ctx.lineTo(p.x, p.y - h / 2 - 6 * k);
    ctx.lineTo(p.x + w / 2 + 2 * k, p.y - h / 2);
    ctx.closePath();
    ctx.fillStyle = MAP_COLOURS.land;
    ctx.fill();
    ctx.setLineDash(running(v) ? [] : [3, 2]);
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = MAP_COLOURS.ink;
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = running(v) ? OKABE_ITO.yellow : MAP_COLOURS.street;
    for (const dx of [-6, 0, 6]) ctx.fillRect(p.x + dx * k - 1.5 * k, p.y - 2 * k, 3 * k, 5 * k);
    if (running(v)) {
      // Energy use down.
      const ax = p.x + w / 2 + 6 * k;
      ctx.beginPath();
      ctx.moveTo(ax, p.y - 6 * k);
      ctx.lineTo(ax, p.y + 5 * k);
      ctx.moveTo(ax - 3.5 * k, p.y + 1.5 * k);
      ctx.lineTo(ax, p.y + 5 * k);
      ctx.lineTo(ax + 3.5 * k, p.y + 1.5 * k);
      ctx.lineWidth = 2;
      ctx.strokeStyle = OKABE_ITO.bluishGreen;
      ctx.stroke();
    }
  }
}

/** Public roofs with solar panels, panel by panel as they are installed. */
function paintRoofs(ctx: CanvasRenderingContext2D, roofs: readonly Pt[], v: ProjectView, k: number): void {
  const perRoof = 6;
  const panels = filled(v, roofs.length * perRoof);
  roofs.forEach((p, r) => {
    if (r * perRoof >= panels) return;
    const w = 24 * k;
    const h = 15 * k;
    ctx.beginPath();
    ctx.rect(p.x - w / 2, p.y - h / 2, w, h);
    ctx.fillStyle = MAP_COLOURS.land;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = MAP_COLOURS.ink;
    ctx.stroke();
    for (let c = 0; c < perRoof; c++) {
      const x = p.x - w / 2 + 2 * k + (c % 3) * 6.8 * k;
      const y = p.y - h / 2 + 2 * k + Math.floor(c / 3) * 5.6 * k;
      const on = r * perRoof + c < panels;
      ctx.fillStyle = on ? OKABE_ITO.skyBlue : MAP_COLOURS.street;
      ctx.fillRect(x, y, 6 * k, 4.8 * k);
    }
  });
}

/** The pedestrian street: the district's main street, painted over as far as it reaches. */
export function pedestrianStretch(layout: CityLayout, v: ProjectView): Pt[] | null {
  const s = layout.districts[v.district]?.streets[0];
  if (!s || v.coverage <= 0) return null;
  const reach = v.pilot ? Math.max(0.4, v.coverage) : Math.max(0.15, Math.min(1, v.coverage));
  return [s.from, { x: s.from.x + (s.to.x - s.from.x) * reach, y: s.from.y + (s.to.y - s.from.y) * reach }];
}

function paintPedestrian(ctx: CanvasRenderingContext2D, layout: CityLayout, v: ProjectView, k: number): void {
  const line = pedestrianStretch(layout, v);
  if (!line) return;
  tracePolyline(ctx, line);
  ctx.lineCap = 'round';
  ctx.lineWidth = 10 * k;
  ctx.strokeStyle = withAlpha(OKABE_ITO.bluishGreen, running(v) ? 0.45 : 0.2);
  ctx.stroke();
  ctx.setLineDash([1, 5 * k]);
  ctx.lineWidth = 2.5 * k;
  ctx.strokeStyle = withAlpha(MAP_COLOURS.ink, 0.6);
  ctx.stroke();
  ctx.setLineDash([]);
}

/** The streets where shared bikes ride: the district's second to fourth (one for a pilot). */
export function bikeStreets(layout: CityLayout, v: ProjectView): Pt[][] {
  const streets = layout.districts[v.district]?.streets.slice(1, 4) ?? [];
  return streets.slice(0, v.pilot ? 1 : streets.length).map((s) => [s.from, s.to]);
}

/** The roads on which a district's bus priority runs (a pilot runs on one). */
export function busRoads(layout: CityLayout, v: ProjectView): Pt[][] {
  const roads = roadsFrom(layout, v.district);
  return v.pilot ? roads.slice(0, 1) : roads;
}

/** Where the traffic lights of a district's bus priority stand: on each of its roads, near the centre. */
export function trafficLightSpots(layout: CityLayout, v: ProjectView): Pt[] {
  return busRoads(layout, v).map((road) => {
    const at = { x: 0, y: 0 };
    pointAlong(makeTrack(road), 24 * layout.detail, at);
    return at;
  });
}

function paintTrafficLights(ctx: CanvasRenderingContext2D, layout: CityLayout, v: ProjectView, k: number): void {
  const spots = trafficLightSpots(layout, v);
  const n = filled(v, spots.length);
  for (let i = 0; i < n; i++) {
    const p = spots[i]!;
    ctx.beginPath();
    ctx.roundRect(p.x - 3.5 * k, p.y - 8 * k, 7 * k, 16 * k, 2.5 * k);
    ctx.fillStyle = MAP_COLOURS.ink;
    ctx.fill();
    [-4.5, 0, 4.5].forEach((dy, j) => {
      ctx.beginPath();
      ctx.arc(p.x, p.y + dy * k, 1.7 * k, 0, Math.PI * 2);
      ctx.fillStyle = running(v) && j === 2 ? OKABE_ITO.bluishGreen : MAP_COLOURS.muted;
      ctx.fill();
    });
  }
}

function paintHubLink(ctx: CanvasRenderingContext2D, layout: CityLayout, v: ProjectView): void {
  if (v.district === layout.hub) return;
  const line = hubLink(layout, v.district);
  tracePolyline(ctx, line);
  ctx.lineCap = 'round';
  if (running(v)) {
    ctx.setLineDash([6, 4]);
    ctx.lineWidth = 2;
    ctx.strokeStyle = withAlpha(OKABE_ITO.black, 0.65);
  } else {
    const len = lineLength(line);
    ctx.setLineDash([len * Math.max(0.04, v.progress), len]);
    ctx.lineWidth = 2;
    ctx.strokeStyle = withAlpha(OKABE_ITO.black, 0.35);
  }
  ctx.stroke();
  ctx.setLineDash([]);
}

/** The supervision hub: an interchange-like ring at the hub district's centre. */
function paintHub(ctx: CanvasRenderingContext2D, layout: CityLayout, live: boolean): void {
  const c = layout.districts[layout.hub]!.site;
  const k = layout.detail;
  ctx.beginPath();
  ctx.arc(c.x, c.y, 12 * k, 0, Math.PI * 2);
  ctx.fillStyle = MAP_COLOURS.land;
  ctx.fill();
  ctx.lineWidth = 4 * k;
  ctx.strokeStyle = withAlpha(OKABE_ITO.black, live ? 0.85 : 0.35);
  ctx.stroke();
  ctx.beginPath();
  ctx.arc(c.x, c.y, 4.5 * k, 0, Math.PI * 2);
  ctx.fillStyle = withAlpha(OKABE_ITO.black, live ? 0.85 : 0.35);
  ctx.fill();
}

/** What the projects put on the ground. */
export function paintWorks(ctx: CanvasRenderingContext2D, layout: CityLayout, views: readonly ProjectView[]): void {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  const k = layout.detail;
  const groups = groupByDistrict(layout, views);
  const platforms = views.filter((v) => v.family === 'dataPlatform' && v.stage !== 'failed');
  for (const v of platforms) paintHubLink(ctx, layout, v);
  if (platforms.length > 0) paintHub(ctx, layout, platforms.some(running));

  groups.forEach((g, i) => {
    const d = layout.districts[i]!;
    if (g.pedestrianPriority) paintPedestrian(ctx, layout, g.pedestrianPriority, k);
    if (g.streetLighting) paintLighting(ctx, d.streets, g.streetLighting, k);
    if (g.greenInfrastructure) paintTrees(ctx, d.slots.trees, g.greenInfrastructure, k);
    if (g.buildingEnergy) paintBuildings(ctx, d.slots.buildings, g.buildingEnergy, k);
    if (g.solarRoofs) paintRoofs(ctx, d.slots.roofs, g.solarRoofs, k);
    if (g.smartTraffic) paintTrafficLights(ctx, layout, g.smartTraffic, k);
  });
}

/** Traces a badge's outline from its top centre, clockwise; returns the outline's length. */
function traceBadge(ctx: CanvasRenderingContext2D, s: BadgeSpot): number {
  const h = s.size / 2;
  ctx.beginPath();
  if (s.view.builder === 'city') {
    ctx.arc(s.x, s.y, h, -Math.PI / 2, Math.PI * 1.5);
    return 2 * Math.PI * h;
  }
  const r = h * 0.35;
  const { x, y } = s;
  ctx.moveTo(x, y - h);
  ctx.arcTo(x + h, y - h, x + h, y + h, r);
  ctx.arcTo(x + h, y + h, x - h, y + h, r);
  ctx.arcTo(x - h, y + h, x - h, y - h, r);
  ctx.arcTo(x - h, y - h, x + h, y - h, r);
  ctx.closePath();
  return 8 * h - 8 * r + 2 * Math.PI * r;
}

function paintBadge(ctx: CanvasRenderingContext2D, s: BadgeSpot, icon: CanvasImageSource | undefined): void {
  const v = s.view;
  const colour = v.stage === 'failed' || v.stage === 'down' ? MAP_COLOURS.muted : SIDE_COLOURS[v.builder];
  const width = Math.max(2.5, s.size * 0.12);
  const dashes = v.pilot ? [3.5, 3] : [];
  const perimeter = traceBadge(ctx, s);
  ctx.fillStyle = MAP_COLOURS.land;
  ctx.fill();
  ctx.lineWidth = width;
  if (v.stage === 'building') {
    ctx.setLineDash(dashes);
    ctx.strokeStyle = withAlpha(colour, 0.3);
    ctx.stroke();
    traceBadge(ctx, s);
    ctx.setLineDash([perimeter * v.progress, perimeter]);
    ctx.strokeStyle = colour;
    ctx.stroke();
  } else {
    ctx.setLineDash(dashes);
    ctx.strokeStyle = colour;
    ctx.stroke();
  }
  ctx.setLineDash([]);
  if (icon) {
    const iconSize = s.size * 0.62;
    ctx.globalAlpha = v.stage === 'operating' ? 1 : 0.55;
    ctx.drawImage(icon, s.x - iconSize / 2, s.y - iconSize / 2, iconSize, iconSize);
    ctx.globalAlpha = 1;
  }
  if (v.stage === 'failed') {
    ctx.beginPath();
    ctx.moveTo(s.x - s.size * 0.42, s.y + s.size * 0.42);
    ctx.lineTo(s.x + s.size * 0.42, s.y - s.size * 0.42);
    ctx.lineWidth = 2.5;
    ctx.strokeStyle = MAP_COLOURS.ink;
    ctx.stroke();
  }
  if (v.stage === 'down') {
    const bx = s.x + s.size * 0.42;
    const by = s.y - s.size * 0.42;
    ctx.beginPath();
    ctx.arc(bx, by, 6, 0, Math.PI * 2);
    ctx.fillStyle = OKABE_ITO.orange;
    ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.strokeStyle = MAP_COLOURS.ink;
    ctx.stroke();
    ctx.fillStyle = MAP_COLOURS.ink;
    ctx.fillRect(bx - 0.9, by - 3.6, 1.8, 4.2);
    ctx.fillRect(bx - 0.9, by + 1.6, 1.8, 1.8);
  }
}

function haloText(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, colour: string): void {
  ctx.lineJoin = 'round';
  ctx.lineWidth = 5;
  ctx.strokeStyle = withAlpha(MAP_COLOURS.halo, 0.92);
  ctx.strokeText(text, x, y);
  ctx.fillStyle = colour;
  ctx.fillText(text, x, y);
}

/** District names and values, and the projects' badges, where `layoutNotes` placed them. */
export function paintNotes(ctx: CanvasRenderingContext2D, notes: NotesLayout, quiet: boolean, icons: ReadonlyMap<ProjectFamily, CanvasImageSource>): void {
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (const label of notes.labels) {
    ctx.font = font(label.weight, label.size);
    haloText(ctx, label.text, label.x, label.y, quiet ? MAP_COLOURS.inkSoft : MAP_COLOURS.ink);
  }
  for (const spot of notes.spots) paintBadge(ctx, spot, icons.get(spot.view.family));
}
