/**
 * The overlays of the city view: which district field each one reads, its colour scale and how
 * its values are written. Each overlay has one Okabe–Ito hue, mixed into the land's white in
 * proportion to the value (a light-to-dark ramp that stays readable in grey); the vote intention
 * diverges at 50 % (sky blue for, orange against) and hatches the districts with a majority
 * against, so that no reading depends on colour alone. Values are also written on the map.
 */
import type { DistrictState } from '../sim';
import type { Overlay } from '../state/game-types';
import { numberLocale, t, type MessageKey } from '../i18n';
import { MAP_COLOURS, OKABE_ITO, hexToNumber } from './palette';

export interface OverlayScale {
  overlay: Overlay;
  /** The overlay's name (tooltips). */
  title: MessageKey;
  /** The legend's title: the name, with the unit when the ticks do not carry it. */
  legendTitle: MessageKey;
  /** The value read from a district. */
  read(d: DistrictState): number;
  /** Upper bound of the colour scale, which starts at 0 (for energy the scene chooses it). */
  max: number;
  /** The value as written on the map and in tooltips, with its unit. */
  format(value: number): string;
  /** Ticks of the legend, and how they are written. */
  ticks(max: number): number[];
  tick(value: number): string;
  /** A CSS gradient for the legend's bar. */
  gradient(): string;
  /** Whether a district with this value is hatched. */
  hatched(value: number): boolean;
  /** The fill of a district with this value, as an RGB number. */
  fill(value: number, max: number): number;
}

const FLOOR = 0.06;
const RANGE = 0.6;

/** Mixes two RGB colours: `from` at t = 0, `to` at t = 1 (also eases a district's fill). */
export function mixColours(from: number, to: number, t: number): number {
  const c = (shift: number) => Math.round(((from >> shift) & 255) + (((to >> shift) & 255) - ((from >> shift) & 255)) * t);
  return (c(16) << 16) | (c(8) << 8) | c(0);
}

/** An RGB number as a CSS colour. */
export function rgbCss(n: number): string {
  return `#${n.toString(16).padStart(6, '0')}`;
}

const LAND = hexToNumber(MAP_COLOURS.land);

/** The colour of a ramp at a normalised position 0–1. */
function ramp(hex: string, x: number): number {
  return mixColours(LAND, hexToNumber(hex), FLOOR + RANGE * Math.min(1, Math.max(0, x)));
}

function wholeNumber(value: number): string {
  return new Intl.NumberFormat(numberLocale(), { maximumFractionDigits: 0 }).format(value);
}

function percent(value: number): string {
  return t('city.unit.percent', { value: wholeNumber(value * 100) });
}

interface SequentialSpec {
  overlay: Overlay;
  title: MessageKey;
  legendTitle?: MessageKey;
  hue: string;
  read: (d: DistrictState) => number;
  format: (v: number) => string;
  tick?: (v: number) => string;
}

function sequential({ overlay, title, legendTitle, hue, read, format, tick }: SequentialSpec): OverlayScale {
  return {
    overlay,
    title,
    legendTitle: legendTitle ?? title,
    read,
    max: 1,
    format,
    tick: tick ?? format,
    ticks: (max) => [0, max / 2, max],
    gradient: () => `linear-gradient(to right, ${rgbCss(ramp(hue, 0))}, ${rgbCss(ramp(hue, 1))})`,
    hatched: () => false,
    fill: (value, max) => ramp(hue, max > 0 ? value / max : 0),
  };
}

function meanService(d: DistrictState): number {
  const values = Object.values(d.services);
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}

const VOTE_FOR = OKABE_ITO.skyBlue;
const VOTE_AGAINST = OKABE_ITO.orange;

export const OVERLAY_SCALES: Record<Overlay, OverlayScale> = {
  satisfaction: sequential({ overlay: 'satisfaction', title: 'city.overlay.satisfaction', hue: OKABE_ITO.bluishGreen, read: (d) => d.satisfaction, format: percent }),
  energy: sequential({
    overlay: 'energy',
    title: 'city.overlay.energy',
    legendTitle: 'city.legend.energy',
    hue: OKABE_ITO.orange,
    read: (d) => d.energyMWh,
    format: (v) => t('city.unit.mwhPerYear', { value: wholeNumber(Math.round(v / 100) * 100) }),
    tick: wholeNumber,
  }),
  services: sequential({ overlay: 'services', title: 'city.overlay.services', hue: OKABE_ITO.reddishPurple, read: meanService, format: (v) => t('city.unit.index', { value: wholeNumber(v * 100) }) }),
  vote: {
    overlay: 'vote',
    title: 'city.overlay.vote',
    legendTitle: 'city.overlay.vote',
    read: (d) => d.voteIntention,
    max: 1,
    format: percent,
    ticks: () => [0, 0.5, 1],
    tick: percent,
    gradient: () => `linear-gradient(to right, ${rgbCss(ramp(VOTE_AGAINST, 1))}, ${rgbCss(LAND)} 50%, ${rgbCss(ramp(VOTE_FOR, 1))})`,
    hatched: (v) => v < 0.5,
    fill: (v) => (v >= 0.5 ? ramp(VOTE_FOR, (v - 0.5) * 2) : ramp(VOTE_AGAINST, (0.5 - v) * 2)),
  },
};

/** A round upper bound for the energy scale (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 × a power of ten), at least `value`. */
export function niceCeiling(value: number): number {
  if (!(value > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8]) if (m * p >= value) return m * p;
  return 10 * p;
}
