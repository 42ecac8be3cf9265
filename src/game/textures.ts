/**
 * The city view's textures: the project icons (SVG files in `assets/city/`, one per project
 * family, drawn in the map's ink) and the small sprites that move on the map (buses, shared bikes,
 * data packets, walkers, energy, sensor pings), drawn once with the 2D canvas at boot. Canvas
 * textures work with both of Phaser's renderers and need no file to load.
 */
import type Phaser from 'phaser';
import type { ProjectFamily } from '../sim/scenario-schema';
import { MAP_COLOURS, OKABE_ITO } from './palette';

const SVG_FILES = import.meta.glob('../../assets/city/*.svg', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** The icon file (in `assets/city/`) of each project family. */
const ICON_FILES: Record<ProjectFamily, string> = {
  streetLighting: 'street-lighting',
  buildingEnergy: 'building-energy',
  dataPlatform: 'data-platform',
  smartTraffic: 'smart-traffic',
  mobilityServices: 'mobility-services',
  leakDetection: 'leak-detection',
  wasteSensors: 'waste-sensors',
  citizenApp: 'citizen-app',
  solarRoofs: 'solar-roofs',
  greenInfrastructure: 'green-infrastructure',
  pedestrianPriority: 'pedestrian-priority',
};

/** Pixel size at which icons are rasterised (twice the largest size they are drawn at). */
export const ICON_RASTER = 64;

export function iconKey(family: ProjectFamily): string {
  return `city-icon-${family}`;
}

/** The SVG text of a family's icon, its strokes in `colour`. */
export function iconSvg(family: ProjectFamily, colour: string): string {
  const file = Object.entries(SVG_FILES).find(([path]) => path.endsWith(`/${ICON_FILES[family]}.svg`));
  if (!file) throw new Error(`missing icon assets/city/${ICON_FILES[family]}.svg`);
  return file[1].replaceAll('currentColor', colour);
}

export const FLOW_TEXTURES = {
  bus: 'city-fx-bus',
  bike: 'city-fx-bike',
  data: 'city-fx-data',
  walker: 'city-fx-walker',
  energy: 'city-fx-energy',
  pingWater: 'city-fx-ping-water',
  pingWaste: 'city-fx-ping-waste',
  pingApp: 'city-fx-ping-app',
  works: 'city-fx-works',
} as const;
export type FlowTexture = keyof typeof FLOW_TEXTURES;

/** Radius, in pixels, of the ping textures at scale 1. */
export const PING_RADIUS = 16;

function canvas(width: number, height: number): [HTMLCanvasElement, CanvasRenderingContext2D] {
  const c = document.createElement('canvas');
  c.width = width;
  c.height = height;
  const ctx = c.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  return [c, ctx];
}

function roundRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, r: number): void {
  ctx.beginPath();
  ctx.roundRect(x, y, w, h, r);
}

function ring(colour: string): HTMLCanvasElement {
  const size = PING_RADIUS * 2 + 4;
  const [c, ctx] = canvas(size, size);
  ctx.strokeStyle = colour;
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  ctx.arc(size / 2, size / 2, PING_RADIUS, 0, Math.PI * 2);
  ctx.stroke();
  return c;
}

function dot(radius: number, fill: string, outline: string, outlineWidth: number): HTMLCanvasElement {
  const size = Math.ceil(radius * 2 + outlineWidth * 2 + 2);
  const [c, ctx] = canvas(size, size);
  ctx.beginPath();
  ctx.arc(size / 2, size / 2, radius, 0, Math.PI * 2);
  ctx.fillStyle = fill;
  ctx.fill();
  ctx.lineWidth = outlineWidth;
  ctx.strokeStyle = outline;
  ctx.stroke();
  return c;
}

/** A bus seen from above, pointing right (the sprite turns with the road). */
function bus(): HTMLCanvasElement {
  const [c, ctx] = canvas(20, 12);
  roundRect(ctx, 1.5, 1.5, 17, 9, 3);
  ctx.fillStyle = OKABE_ITO.orange;
  ctx.fill();
  ctx.lineWidth = 1.5;
  ctx.strokeStyle = MAP_COLOURS.ink;
  ctx.stroke();
  ctx.fillStyle = MAP_COLOURS.land;
  ctx.fillRect(13.5, 3.5, 3, 5);
  return c;
}

/** A shared bike or scooter: a small diamond. */
function bike(): HTMLCanvasElement {
  const [c, ctx] = canvas(12, 12);
  ctx.beginPath();
  ctx.moveTo(6, 1);
  ctx.lineTo(11, 6);
  ctx.lineTo(6, 11);
  ctx.lineTo(1, 6);
  ctx.closePath();
  ctx.fillStyle = OKABE_ITO.skyBlue;
  ctx.fill();
  ctx.lineWidth = 1.2;
  ctx.strokeStyle = MAP_COLOURS.ink;
  ctx.stroke();
  return c;
}

/** A small square packet of data. */
function packet(): HTMLCanvasElement {
  const [c, ctx] = canvas(9, 9);
  ctx.fillStyle = MAP_COLOURS.land;
  ctx.fillRect(0, 0, 9, 9);
  ctx.fillStyle = OKABE_ITO.black;
  ctx.fillRect(1.5, 1.5, 6, 6);
  return c;
}

/** The works marker: a traffic cone. */
function cone(): HTMLCanvasElement {
  const [c, ctx] = canvas(14, 15);
  ctx.beginPath();
  ctx.moveTo(7, 1.5);
  ctx.lineTo(11.5, 12);
  ctx.lineTo(2.5, 12);
  ctx.closePath();
  ctx.fillStyle = OKABE_ITO.orange;
  ctx.fill();
  ctx.lineWidth = 1.3;
  ctx.strokeStyle = MAP_COLOURS.ink;
  ctx.stroke();
  ctx.fillStyle = MAP_COLOURS.land;
  ctx.fillRect(4.8, 6.5, 4.4, 2);
  ctx.fillStyle = MAP_COLOURS.ink;
  ctx.fillRect(1, 12, 12, 2);
  return c;
}

/** Adds the moving sprites' textures to the texture manager (once per game). */
export function addFlowTextures(textures: Phaser.Textures.TextureManager): void {
  const make: Record<FlowTexture, () => HTMLCanvasElement> = {
    bus,
    bike,
    data: packet,
    walker: () => dot(2.6, OKABE_ITO.bluishGreen, MAP_COLOURS.land, 1.2),
    energy: () => dot(2.6, OKABE_ITO.yellow, MAP_COLOURS.ink, 1),
    pingWater: () => ring(OKABE_ITO.skyBlue),
    pingWaste: () => ring(OKABE_ITO.bluishGreen),
    pingApp: () => ring(OKABE_ITO.reddishPurple),
    works: cone,
  };
  for (const [name, draw] of Object.entries(make) as [FlowTexture, () => HTMLCanvasElement][]) {
    const key = FLOW_TEXTURES[name];
    if (!textures.exists(key)) textures.addCanvas(key, draw());
  }
}
