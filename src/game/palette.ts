/**
 * The city view's colours. Data (overlays, project glyphs, flows) take Okabe–Ito colours only, so
 * that colour-blind readers tell them apart; the city is always blue and the partner always
 * vermillion, here as in the charts and at the negotiation table. The map itself (background,
 * land, roads, text) is drawn in calm neutral greys that carry no data.
 */

/** Okabe & Ito (2008), "Color Universal Design": eight colours distinguishable by most readers. */
export const OKABE_ITO = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
  black: '#000000',
} as const;

/** One colour per side, everywhere in the game. */
export const SIDE_COLOURS = { city: OKABE_ITO.blue, partner: OKABE_ITO.vermillion } as const;

/** Neutral colours of the map (no data). */
export const MAP_COLOURS = {
  background: '#f3f5f8',
  land: '#ffffff',
  landEdge: '#c9d1dc',
  street: '#e6eaf0',
  road: '#aab4c2',
  roadCasing: '#ffffff',
  ink: '#1d2733',
  inkSoft: '#4a5563',
  muted: '#8c96a3',
  halo: '#ffffff',
} as const;

/** `#rrggbb` as a number (Phaser's colour form). */
export function hexToNumber(hex: string): number {
  return Number.parseInt(hex.slice(1), 16);
}

/** `#rrggbb` with an alpha, as a CSS `rgba()` string. */
export function withAlpha(hex: string, alpha: number): string {
  const n = hexToNumber(hex);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
