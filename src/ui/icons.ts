/**
 * The game's icons: one consistent set drawn as inline SVG on a 24 × 24 grid, 2 px round strokes
 * in the current text colour, no fill (so an icon takes the colour of the words beside it and
 * stays sharp on a projector). Icons are decoration next to words, never the only carrier of a
 * meaning: they are hidden from screen readers.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';

/** Each icon as SVG markup inside a 24 × 24 viewBox. */
const PATHS = {
  play: '<path d="M7 4.5v15l12-7.5z"/>',
  pause: '<rect x="6" y="4.5" width="4" height="15" rx="1"/><rect x="14" y="4.5" width="4" height="15" rx="1"/>',
  fastForward: '<path d="M3 5.5v13l8.5-6.5z"/><path d="M12.5 5.5v13l8.5-6.5z"/>',
  step: '<path d="M5 4.5v15l10-7.5z"/><path d="M19 5v14"/>',
  calendar: '<rect x="3" y="5" width="18" height="16" rx="2"/><path d="M8 3v4M16 3v4M3 10h18"/>',
  ballot: '<path d="M4 13h16v7a1 1 0 0 1-1 1H5a1 1 0 0 1-1-1z"/><path d="M2.5 13h19"/><path d="M8 13V4h8v9"/><path d="M10 8.5l1.5 1.5 3-3"/>',
  euro: '<path d="M18 6.5a7 7 0 1 0 0 11"/><path d="M4 10h10M4 14h10"/>',
  gauge: '<path d="M3.5 17.5a9 9 0 1 1 17 0"/><path d="M12 15l4-5.5"/><circle cx="12" cy="15" r="1.6"/>',
  city: '<path d="M3 21h18"/><path d="M3.5 9.5L12 4l8.5 5.5z"/><path d="M6 12v6M10 12v6M14 12v6M18 12v6"/>',
  partner: '<path d="M3 21V11.5l5 3v-3l5 3v-3l5 3V4h3v17z"/><path d="M7 18h2M12 18h2"/>',
  check: '<path d="M4.5 12.5l5 5 10-11"/>',
  warning: '<path d="M12 3.5l9.5 17h-19z"/><path d="M12 10v4.5"/><path d="M12 17.5v.2"/>',
  download: '<path d="M12 3.5v12"/><path d="M7 11l5 5 5-5"/><path d="M4 20.5h16"/>',
  arrowRight: '<path d="M4.5 12h15"/><path d="M13.5 6l6 6-6 6"/>',
  eye: '<path d="M2 12s3.6-7 10-7 10 7 10 7-3.6 7-10 7S2 12 2 12z"/><circle cx="12" cy="12" r="3"/>',
  dice: '<rect x="3.5" y="3.5" width="17" height="17" rx="3"/><path d="M8.5 8.5h.01M15.5 8.5h.01M12 12h.01M8.5 15.5h.01M15.5 15.5h.01" stroke-width="3"/>',
  exchange: '<path d="M4 8h15"/><path d="M15 4l4 4-4 4"/><path d="M20 16H5"/><path d="M9 12l-4 4 4 4"/>',
  bolt: '<path d="M13 2.5L4.5 13.5H12l-1 8 8.5-11H12z"/>',
  sun: '<circle cx="12" cy="12" r="4"/><path d="M12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4"/>',
  users: '<circle cx="9" cy="8" r="3.5"/><path d="M2.5 20.5a6.5 6.5 0 0 1 13 0"/><path d="M16 4.8a3.5 3.5 0 0 1 0 6.4"/><path d="M18 14.5a6.5 6.5 0 0 1 3.5 6"/>',
  shield: '<path d="M12 3l8 3v5.5c0 5-3.5 8.5-8 9.5-4.5-1-8-4.5-8-9.5V6z"/><path d="M9.5 12.5l2 2 3.5-4"/>',
  trendUp: '<path d="M3 17.5l6-6 4 4 8-8"/><path d="M15 7.5h6v6"/>',
  trendDown: '<path d="M3 6.5l6 6 4-4 8 8"/><path d="M15 16.5h6v-6"/>',
  flat: '<path d="M4 12h16"/><path d="M15 7l5 5-5 5"/>',
  type: '<path d="M4 7V4.5h16V7"/><path d="M12 4.5v15"/><path d="M8.5 19.5h7"/>',
  layers: '<path d="M12 3l9.5 5.5L12 14 2.5 8.5z"/><path d="M2.5 15.5L12 21l9.5-5.5"/>',
  flag: '<path d="M5 21.5V4"/><path d="M5 4.5h12l-2.5 4 2.5 4H5"/>',
  wrench: '<path d="M14.5 6.5a4.5 4.5 0 0 0 5.8 5.8L21 13l-8 8-3.5-3.5 8-8"/><path d="M14.5 6.5L12 4 4 12l2.5 2.5"/>',
  hourglass: '<path d="M6 3h12M6 21h12"/><path d="M7 3c0 5 10 6 10 9s-10 4-10 9"/><path d="M17 3c0 5-10 6-10 9s10 4 10 9"/>',
  close: '<path d="M6 6l12 12M18 6L6 18"/>',
} as const;

export type IconName = keyof typeof PATHS;

/** An icon as an inline <svg>, sized by the surrounding text (1.25em unless told). */
export function icon(name: IconName, className = 'icon'): SVGSVGElement {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('class', className);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('fill', 'none');
  svg.setAttribute('stroke', 'currentColor');
  svg.setAttribute('stroke-width', '2');
  svg.setAttribute('stroke-linecap', 'round');
  svg.setAttribute('stroke-linejoin', 'round');
  svg.innerHTML = PATHS[name];
  return svg;
}
