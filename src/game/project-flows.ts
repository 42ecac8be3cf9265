/**
 * What moves on the map, and only where a project makes it move: buses on the roads where bus
 * priority runs, shared bikes on the streets of districts with mobility services, data packets
 * on the links to the supervision hub, walkers on pedestrian streets, energy from solar roofs to
 * the district, pings around the badges of the sensors and the citizen app, and a blinking cone
 * where each project is being built (where the street lights are switching on, the next tree,
 * the roof being fitted…).
 *
 * Each moving thing is a sprite keyed by its project and its index, so that a store update only
 * adds or removes what changed. Positions are a function of one clock, which the scene advances
 * (slower when the game is paused, not at all when the reader prefers reduced motion).
 */
import type Phaser from 'phaser';
import { hubLink, makeTrack, pointAlong, streetsUpTo, type CityLayout, type Pt, type Track } from './city-layout';
import { bikeStreets, busRoads, filled, pedestrianStretch, trafficLightSpots } from './map-painter';
import type { BadgeSpot } from './notes-layout';
import type { ProjectView } from './project-views';
import { FLOW_TEXTURES, PING_RADIUS, type FlowTexture } from './textures';

interface Base {
  key: string;
  texture: FlowTexture;
  phase: number;
}

/** Something that travels along a track: round trips (`bounce`) or always forward. */
interface Travel extends Base {
  kind: 'travel';
  track: Track;
  bounce: boolean;
  /** Pixels per second of the clock. */
  speed: number;
  /** Turns the sprite to face where it goes. */
  turn: boolean;
}

/** A ring that grows and fades from a point, every `period` seconds. */
interface Ping extends Base {
  kind: 'ping';
  at: Pt;
  period: number;
  /** Radius at the end of the ping, px. */
  radius: number;
}

/** A marker that blinks in place. */
interface Blink extends Base {
  kind: 'blink';
  at: Pt;
  period: number;
}

export type FlowSpec = Travel | Ping | Blink;

const running = (v: ProjectView) => v.stage === 'operating';

function travels(key: string, texture: FlowTexture, line: Pt[], count: number, speed: number, bounce: boolean, turn: boolean, seed: number): Travel[] {
  const track = makeTrack(line);
  if (track.lengths[track.lengths.length - 1]! < 4) return [];
  return Array.from({ length: count }, (_, i) => ({ kind: 'travel' as const, key: `${key}:${i}`, texture, track, bounce, speed, turn, phase: (i / count + seed * 0.137) % 1 }));
}

function pings(key: string, texture: FlowTexture, places: readonly Pt[], period: number, radius: number): Ping[] {
  return places.map((p, i) => ({ kind: 'ping' as const, key: `${key}:${i}`, texture, at: { x: p.x, y: p.y }, period, radius, phase: (i * 0.31 + p.x * 0.013) % 1 }));
}

/** The moving things of one running project (sensors and the app ping around their badge). */
function runningFlows(layout: CityLayout, v: ProjectView, spot: BadgeSpot | undefined): FlowSpec[] {
  const d = layout.districts[v.district];
  if (!d) return [];
  const k = layout.detail;
  switch (v.family) {
    case 'smartTraffic':
      return busRoads(layout, v).flatMap((road, j) => travels(`${v.key}:bus${j}`, 'bus', road, 1, 42 * k, true, true, v.district + j));
    case 'mobilityServices':
      return bikeStreets(layout, v).flatMap((street, j) => travels(`${v.key}:bike${j}`, 'bike', street, v.pilot ? 1 : 2, 20 * k, true, false, v.district + j));
    case 'dataPlatform':
      return v.district === layout.hub ? [] : travels(`${v.key}:data`, 'data', hubLink(layout, v.district), 3, 50 * k, false, false, v.district);
    case 'pedestrianPriority': {
      const line = pedestrianStretch(layout, v);
      return line ? travels(`${v.key}:walk`, 'walker', line, v.pilot ? 2 : 4, 9 * k, true, false, v.district) : [];
    }
    case 'solarRoofs': {
      const roofs = d.slots.roofs.slice(0, Math.ceil(filled(v, d.slots.roofs.length * 6) / 6));
      return roofs.flatMap((roof, j) => travels(`${v.key}:sun${j}`, 'energy', [roof, d.site], 2, 28 * k, false, false, v.district + j));
    }
    case 'leakDetection':
      return spot ? pings(`${v.key}:ping`, 'pingWater', [spot], 3.2, spot.size) : [];
    case 'wasteSensors':
      return spot ? pings(`${v.key}:ping`, 'pingWaste', [spot], 3.8, spot.size) : [];
    case 'citizenApp':
      return spot ? pings(`${v.key}:ping`, 'pingApp', [spot], 2.6, spot.size) : [];
    default:
      return [];
  }
}

/** Where the works of a project being built are: where its glyph grows on the map, else its badge. */
function worksSpot(layout: CityLayout, v: ProjectView, spot: BadgeSpot | undefined): Pt | null {
  const d = layout.districts[v.district];
  if (!d) return null;
  const lift = (p: Pt | null | undefined, dy: number): Pt | null => (p ? { x: p.x, y: p.y - dy * layout.detail } : null);
  let at: Pt | null = null;
  switch (v.family) {
    case 'streetLighting':
      at = lift(streetsUpTo(d.streets, v.coverage).front, 8);
      break;
    case 'greenInfrastructure':
      at = lift(d.slots.trees[Math.min(d.slots.trees.length - 1, filled(v, d.slots.trees.length))], 9);
      break;
    case 'buildingEnergy':
      at = lift(d.slots.buildings[0], 16);
      break;
    case 'solarRoofs':
      at = lift(d.slots.roofs[0], 13);
      break;
    case 'smartTraffic':
      at = lift(trafficLightSpots(layout, v)[0], 15);
      break;
    case 'pedestrianPriority':
      at = lift(pedestrianStretch(layout, v)?.[1], 9);
      break;
    case 'dataPlatform':
      if (v.district !== layout.hub) {
        const link = makeTrack(hubLink(layout, v.district));
        const p = { x: 0, y: 0 };
        pointAlong(link, link.lengths[link.lengths.length - 1]! * Math.max(0.04, v.progress), p);
        at = lift(p, 8);
      }
      break;
    default:
      break;
  }
  return at ?? (spot ? { x: spot.x + spot.size * 0.5, y: spot.y - spot.size * 0.5 } : null);
}

/** Everything that should move now. */
export function flowSpecs(layout: CityLayout, views: readonly ProjectView[], spots: readonly BadgeSpot[]): FlowSpec[] {
  const spotOf = new Map(spots.map((s) => [s.view.key, s]));
  const specs: FlowSpec[] = [];
  for (const v of views) {
    if (running(v)) specs.push(...runningFlows(layout, v, spotOf.get(v.key)));
    if (v.stage === 'building') {
      const at = worksSpot(layout, v, spotOf.get(v.key));
      if (at) specs.push({ kind: 'blink', key: `${v.key}:works`, texture: 'works', at, period: 1.2, phase: (v.district * 0.17) % 1 });
    }
  }
  return specs;
}

/** The sprites of the flows, kept across store updates by key. */
export class FlowSet {
  private readonly items = new Map<string, { spec: FlowSpec; sprite: Phaser.GameObjects.Image }>();
  private readonly at: Pt = { x: 0, y: 0 };
  private spriteScale = 1;

  constructor(
    private readonly scene: Phaser.Scene,
    private readonly depth: number,
  ) {}

  /** Adds, keeps or removes sprites so that they match `specs`; `size` scales them with the map. */
  sync(specs: readonly FlowSpec[], size: number): void {
    this.spriteScale = size;
    const seen = new Set<string>();
    for (const spec of specs) {
      seen.add(spec.key);
      const held = this.items.get(spec.key);
      if (held) held.spec = spec;
      else this.items.set(spec.key, { spec, sprite: this.scene.add.image(0, 0, FLOW_TEXTURES[spec.texture]).setDepth(this.depth) });
    }
    for (const [key, item] of this.items) {
      if (seen.has(key)) continue;
      item.sprite.destroy();
      this.items.delete(key);
    }
  }

  /** Places every sprite for the clock's time; `still` shows them at rest (reduced motion). */
  update(clock: number, still: boolean): void {
    for (const { spec, sprite } of this.items.values()) {
      switch (spec.kind) {
        case 'travel': {
          const total = spec.track.lengths[spec.track.lengths.length - 1]!;
          const cycle = spec.bounce ? 2 * total : total;
          const d = (((spec.phase * cycle + clock * spec.speed) % cycle) + cycle) % cycle;
          const back = d > total;
          const angle = pointAlong(spec.track, back ? cycle - d : d, this.at);
          sprite.setPosition(this.at.x, this.at.y).setScale(this.spriteScale);
          if (spec.turn) sprite.setRotation(back ? angle + Math.PI : angle);
          break;
        }
        case 'ping': {
          const u = still ? 0.6 : (((clock / spec.period + spec.phase) % 1) + 1) % 1;
          sprite.setPosition(spec.at.x, spec.at.y);
          sprite.setScale((spec.radius / PING_RADIUS) * (0.2 + 0.8 * u));
          sprite.setAlpha(still ? 0.6 : 0.95 * (1 - u));
          break;
        }
        case 'blink': {
          const u = (((clock / spec.period + spec.phase) % 1) + 1) % 1;
          sprite.setPosition(spec.at.x, spec.at.y).setScale(this.spriteScale);
          sprite.setAlpha(still ? 1 : u < 0.6 ? 1 : 0.25);
          break;
        }
      }
    }
  }

  destroy(): void {
    for (const { sprite } of this.items.values()) sprite.destroy();
    this.items.clear();
  }
}
